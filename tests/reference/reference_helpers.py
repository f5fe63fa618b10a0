"""Helpers shared by the webrtc_reference tests: let tasks run, make tracks, negotiate.

An ``async def`` test runs on a loop of its own (the hook in ``conftest.py``).
"""

from __future__ import annotations

from typing import Any

from webrtc_reference import (
    MediaStream,
    MediaStreamTrack,
    RTCPeerConnection,
    RTCRtpSender,
    navigator,
)
from webrtc_reference._dom.event_loop import tasks_settled


async def tasks_run() -> None:
    """Let every queued task run (``await asyncio.sleep(0)`` runs microtasks only)."""
    await tasks_settled()


async def media(kind: str = "audio") -> tuple[MediaStreamTrack, MediaStream]:
    """One live synthetic track of *kind* and the stream getUserMedia put it in."""
    stream = await navigator.mediaDevices.getUserMedia({kind: True})
    return stream.getTracks()[0], stream


async def negotiate(caller: RTCPeerConnection, callee: RTCPeerConnection) -> None:
    """One complete offer/answer exchange, caller offering (WPT exchangeOfferAnswer)."""
    await caller.setLocalDescription(await caller.createOffer())
    await answer(caller, callee)


async def answer(caller: RTCPeerConnection, callee: RTCPeerConnection) -> None:
    """The rest of an exchange whose offer the caller has set: the callee applies it and
    answers, and the caller applies the answer."""
    await callee.setRemoteDescription(caller.localDescription)  # type: ignore[arg-type]
    await callee.setLocalDescription(await callee.createAnswer())
    await caller.setRemoteDescription(callee.localDescription)  # type: ignore[arg-type]


async def negotiated_sender() -> tuple[RTCPeerConnection, RTCPeerConnection, RTCRtpSender]:
    """A caller that sends one audio track to a callee, negotiated, every queued task run."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media()
    sender = caller.addTrack(track, stream)
    await negotiate(caller, callee)
    await tasks_run()
    return caller, callee, sender


def negotiationneeded_states(pc: RTCPeerConnection) -> list[str]:
    """The signaling state at each negotiationneeded event fired at *pc* from now on."""
    fired: list[str] = []
    pc.addEventListener("negotiationneeded", lambda event: fired.append(str(pc.signalingState)))
    return fired


class Recorder:
    """Records event types fired at some targets, in order, as "<label>:<type>"."""

    def __init__(self) -> None:
        self.events: list[str] = []

    def watch(self, target: Any, label: str, *types: str) -> None:
        for kind in types:
            target.addEventListener(kind, lambda e, k=kind: self.events.append(f"{label}:{k}"))

    def take(self) -> list[str]:
        events, self.events = self.events, []
        return events
