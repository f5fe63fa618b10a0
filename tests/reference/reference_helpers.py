"""Helpers shared by the webrtc_reference tests: let tasks run, make tracks, negotiate.

An ``async def`` test runs on a loop of its own (the hook in ``conftest.py``).
"""

from __future__ import annotations

from typing import Any

from webrtc_reference import MediaStream, MediaStreamTrack, RTCPeerConnection, navigator
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
    await callee.setRemoteDescription(caller.localDescription)  # type: ignore[arg-type]
    await callee.setLocalDescription(await callee.createAnswer())
    await caller.setRemoteDescription(callee.localDescription)  # type: ignore[arg-type]


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
