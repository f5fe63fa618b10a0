"""Run one conformance scenario against webrtc_reference and return its trace.

The mirror of driver.js: same steps, same trace shape (a list of JSON-like dicts), so that the
two traces can be compared field by field.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import webrtc_reference as w
from webrtc_reference._dom.event_loop import tasks_settled

Step = dict[str, Any]
Trace = list[dict[str, Any]]

_DIRECTION = re.compile(r"^a=(sendrecv|sendonly|recvonly|inactive)$")
_CANDIDATE = re.compile(r"^a=candidate:.*\r\n", re.MULTILINE)


def sdp_sections(sdp: str) -> list[str]:
    """The m-sections of an SDP text as "kind:direction", or "kind:rejected" for port 0.

    Port 0 with a=bundle-only is no rejection (RFC 8843 §6): Firefox's offers mark bundled
    sections so.
    """
    sections: list[dict[str, Any]] = []
    for line in sdp.splitlines():
        if line.startswith("m="):
            kind, port = line[2:].split(" ")[:2]
            sections.append({"kind": kind, "rejected": port == "0", "direction": "sendrecv"})
        elif sections and line == "a=bundle-only":
            sections[-1]["rejected"] = False
        elif sections and (match := _DIRECTION.match(line)):
            sections[-1]["direction"] = match.group(1)
    return [f"{s['kind']}:{'rejected' if s['rejected'] else s['direction']}" for s in sections]


async def settle_tasks() -> None:
    """Let every queued task run (the JS driver's setTimeout turns)."""
    await tasks_settled()


class Run:
    """One scenario against two fresh RTCPeerConnections "a" and "b"."""

    def __init__(self, scenario: dict[str, Any]) -> None:
        self.scenario = scenario
        self.pcs = {"a": w.RTCPeerConnection(), "b": w.RTCPeerConnection()}
        self.events: list[str] = []
        self.tracks: dict[str, Any] = {}
        self.streams: dict[str, Any] = {}
        self.handles: dict[str, Any] = {}
        self.created: dict[str, dict[str, str]] = {}  # the last description each pc created
        self.pending: list[asyncio.Future[Any]] = []
        self.watched: set[int] = set()
        self._keep: list[Any] = []  # watched objects stay alive so their id() stays unique
        self.gathered: dict[str, list[Any]] = {"a": [], "b": []}  # for addIceCandidates
        for name, pc in self.pcs.items():
            self._listen(name, pc)

    def _listen(self, name: str, pc: Any) -> None:
        pc.addEventListener("icecandidate", lambda e: self.gathered[name].extend(
            [e.candidate] if e.candidate else []))
        pc.addEventListener(
            "negotiationneeded", lambda e: self.events.append(f"{name}:negotiationneeded")
        )
        pc.addEventListener(
            "signalingstatechange",
            lambda e: self.events.append(f"{name}:signalingstatechange:{pc.signalingState}"),
        )

        def on_track(event: Any) -> None:
            names = ",".join(self.stream_name(s) for s in event.streams)
            self.events.append(f"{name}:track:{event.track.kind}:[{names}]")
            for stream in event.streams:
                self.watch_stream(name, stream)
            self.watch_track(name, event.track)

        pc.addEventListener("track", on_track)

    def _first_watch(self, target: Any) -> bool:
        if id(target) in self.watched:
            return False
        self.watched.add(id(target))
        self._keep.append(target)
        return True

    def stream_name(self, stream: Any) -> str:
        for name, local in self.streams.items():
            if local.id == stream.id:
                return name
        return "?"

    def watch_stream(self, pc_name: str, stream: Any) -> None:
        if not self._first_watch(stream):
            return
        for kind in ("addtrack", "removetrack"):
            stream.addEventListener(
                kind,
                lambda e, kind=kind: self.events.append(
                    f"{pc_name}:{self.stream_name(stream)}:{kind}:{e.track.kind}"
                ),
            )

    def watch_track(self, pc_name: str, track: Any) -> None:
        if not self._first_watch(track):
            return
        for kind in ("ended", "mute", "unmute"):
            track.addEventListener(
                kind, lambda e, kind=kind: self.events.append(f"{pc_name}:{kind}:{track.kind}")
            )

    async def track(self, name: str) -> Any:
        if name not in self.tracks:
            kind = self.scenario["tracks"][name]
            stream = await w.navigator.mediaDevices.getUserMedia({kind: True})
            self.tracks[name] = stream.getTracks()[0]
        return self.tracks[name]

    def stream(self, name: str) -> Any:
        if name not in self.streams:
            self.streams[name] = w.MediaStream()
        return self.streams[name]

    def track_name(self, track: Any) -> str | None:
        if track is None:
            return None
        for name, local in self.tracks.items():
            if local is track:
                return name
        return "?"

    def transceiver(self, pc: Any, ref: int | str) -> Any:
        if isinstance(ref, int):
            return pc.getTransceivers()[ref]
        handle = self.handles[ref]
        if isinstance(handle, w.RTCRtpTransceiver):
            return handle
        return next(t for t in pc.getTransceivers() if t.sender is handle)

    async def sender_arg(self, pc: Any, ref: Any) -> Any:
        """The argument a step passes where a sender is expected."""
        if ref is None:
            return None
        if isinstance(ref, int):
            return pc.getSenders()[ref]
        if isinstance(ref, dict):
            return await self.track(ref["track"])
        handle = self.handles[ref]
        return handle.sender if isinstance(handle, w.RTCRtpTransceiver) else handle

    def description(self, step: Step, source: str, remote: bool = False) -> dict[str, str]:
        """What a pc is given of *source*'s last description: the other pc gets it without
        candidates, unless the scenario exchanges them, so that nothing connects."""
        if step.get("type") == "rollback":
            return {"type": "rollback"}
        created = self.created[source]  # a scenario error if that pc created nothing yet
        sdp = created["sdp"]
        if remote and not self.scenario.get("candidates"):
            sdp = _CANDIDATE.sub("", sdp)
        return {"type": step.get("type") or created["type"], "sdp": sdp}

    async def create(self, name: str, method: str) -> dict[str, list[str]]:
        desc = await getattr(self.pcs[name], method)()
        self.created[name] = {"type": str(desc.type), "sdp": desc.sdp}
        return {str(desc.type): sdp_sections(desc.sdp)}

    async def apply(self, awaitable: Awaitable[Any], step: Step) -> None:
        if step.get("await", True) is False:
            future = asyncio.ensure_future(awaitable)
            self.pending.append(future)
            return
        await awaitable

    async def settle(self) -> None:
        pending, self.pending = self.pending, []
        for future in pending:
            try:
                await future
            except w.DOMException as error:
                self.events.append(f"error:{error.name}")

    async def negotiate(self, offerer: str) -> dict[str, list[str]]:
        answerer = "b" if offerer == "a" else "a"
        sdp = await self.create(offerer, "createOffer")
        await self.pcs[offerer].setLocalDescription(self.description({}, offerer))
        await self.pcs[answerer].setRemoteDescription(self.description({}, offerer, True))
        sdp.update(await self.create(answerer, "createAnswer"))
        await self.pcs[answerer].setLocalDescription(self.description({}, answerer))
        await self.pcs[offerer].setRemoteDescription(self.description({}, answerer, True))
        return sdp

    async def step(self, step: Step) -> dict[str, list[str]] | None:
        """Run one step; return the SDP sections of descriptions it created, or None."""
        op = step["op"]
        pc = self.pcs[step.get("pc", "a")]
        other = "b" if step.get("pc") == "a" else "a"
        if op == "addTrack":
            streams = [self.stream(s) for s in step.get("streams", [])]
            sender = pc.addTrack(await self.track(step["track"]), *streams)
            if "as" in step:
                self.handles[step["as"]] = sender
        elif op == "removeTrack":
            pc.removeTrack(await self.sender_arg(pc, step["sender"]))
        elif op == "addTransceiver":
            init = {
                "direction": step.get("direction", "sendrecv"),
                "streams": [self.stream(s) for s in step.get("streams", [])],
            }
            first = await self.track(step["track"]) if "track" in step else step["kind"]
            transceiver = pc.addTransceiver(first, init)
            if "as" in step:
                self.handles[step["as"]] = transceiver
        elif op == "save":
            self.handles[step["as"]] = self.transceiver(pc, step["transceiver"])
        elif op == "setDirection":
            self.transceiver(pc, step["transceiver"]).direction = step["direction"]
        elif op == "stop":
            self.transceiver(pc, step["transceiver"]).stop()
        elif op == "stopTrack":
            (await self.track(step["track"])).stop()
        elif op == "replaceTrack":
            track = None if step["track"] is None else await self.track(step["track"])
            sender = await self.sender_arg(pc, step["sender"])
            await self.apply(sender.replaceTrack(track), step)
        elif op in ("createOffer", "createAnswer"):
            return await self.create(step["pc"], op)
        elif op == "setLocalDescription":
            await self.apply(pc.setLocalDescription(self.description(step, step["pc"])), step)
        elif op == "setRemoteDescription":
            await self.apply(pc.setRemoteDescription(self.description(step, other, True)), step)
        elif op == "rollback":
            method = pc.setRemoteDescription if step["side"] == "remote" else pc.setLocalDescription
            await self.apply(method({"type": "rollback"}), step)
        elif op == "negotiate":
            return await self.negotiate(step["pc"])
        elif op == "close":
            pc.close()
        elif op == "wait":
            await settle_tasks()
        elif op == "exchangeCandidates":
            # Each pc gets the candidates the other gathered; then the events of step["until"].
            await settle_tasks()
            for name, peer in (("a", "b"), ("b", "a")):
                if not self.gathered[peer]:
                    raise TimeoutError("no candidate gathered")
                for candidate in self.gathered[peer]:
                    await self.pcs[name].addIceCandidate(candidate)
            await settle_tasks()
            if not all(event in self.events for event in step.get("until", [])):
                raise TimeoutError("events")
        elif op == "settle":
            await self.settle()
        else:
            raise ValueError(f"unknown op {op}")
        return None

    def snapshot(self) -> dict[str, Any]:
        state: dict[str, Any] = {}
        for name, pc in self.pcs.items():
            transceivers = []
            for t in pc.getTransceivers():
                self.watch_track(name, t.receiver.track)
                current = t.currentDirection
                transceivers.append(
                    {
                        "mid": t.mid is not None,
                        "direction": str(t.direction),
                        "currentDirection": None if current is None else str(current),
                        "track": self.track_name(t.sender.track),
                        "receiverTrack": str(t.receiver.track.readyState),
                    }
                )
            state[name] = {
                "signalingState": str(pc.signalingState),
                "iceConnectionState": str(pc.iceConnectionState),
                "connectionState": str(pc.connectionState),
                "senders": len(pc.getSenders()),
                "receivers": len(pc.getReceivers()),
                "transceivers": transceivers,
            }
        # What each named sender (or a named transceiver's sender) holds now.
        handles = {}
        for name, handle in self.handles.items():
            sender = handle.sender if isinstance(handle, w.RTCRtpTransceiver) else handle
            handles[name] = self.track_name(sender.track)
        state["handles"] = handles
        return state

    async def run(self) -> Trace:
        trace: Trace = []
        # getUserMedia() yields to the loop; the page makes its tracks synchronously, so make
        # them all before the first step, lest a queued event run in the middle of a step.
        for name in self.scenario["tracks"]:
            await self.track(name)
        self.snapshot()  # start watching the receiver tracks
        for step in self.scenario["steps"]:
            error = None
            sdp = None
            try:
                sdp = await self.step(step)
            except w.DOMException as exc:
                error = exc.name
            except TypeError as exc:
                error = type(exc).__name__
            except TimeoutError:
                error = "Timeout"
            events, self.events = self.events, []
            trace.append(
                {
                    "op": step["op"],
                    "error": error,
                    "sdp": sdp,
                    "events": events,
                    "state": self.snapshot(),
                }
            )
        for pc in self.pcs.values():
            pc.close()
        for track in self.tracks.values():
            track.stop()
        return trace


async def _run(scenario: dict[str, Any]) -> Trace:
    return await Run(scenario).run()


def run_scenario(scenario: dict[str, Any]) -> Trace:
    """Run a scenario on a fresh event loop and return its trace.

    The loop runs in a worker thread: Playwright's sync API keeps its own loop marked as
    running in the calling thread, where asyncio.run() would refuse to start.
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, _run(scenario)).result()
