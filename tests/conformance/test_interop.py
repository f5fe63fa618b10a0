"""Interop across SDP: a webrtc_reference RTCPeerConnection negotiates with a real browser.

The test passes each description from one side to the other as text. Each side sends one
track in one stream and receives the other's. Then each side in turn calls removeTrack() and
offers again, and the other side must see what the spec says: removetrack on the stream and
no track event; the answer direction is recvonly∩sendonly = inactive on the receive-only side.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

import webrtc_reference as w
from webrtc_reference._dom.event_loop import tasks_settled

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser
T = TypeVar("T")

# The browser side, kept on window: one connection, one sent video track, a log of events.
BROWSER_SIDE = """
() => {
  const canvas = document.createElement("canvas");
  canvas.getContext("2d").fillRect(0, 0, 8, 8);
  const track = canvas.captureStream().getVideoTracks()[0];
  const side = { pc: new RTCPeerConnection(), track, stream: new MediaStream([track]), events: [] };
  side.pc.ontrack = (e) => {
    side.events.push(`track:${e.track.kind}:${e.streams.map((s) => s.id).join(",")}`);
    for (const s of e.streams) {
      s.onaddtrack = (ev) => side.events.push(`addtrack:${s.id}:${ev.track.kind}`);
      s.onremovetrack = (ev) => side.events.push(`removetrack:${s.id}:${ev.track.kind}`);
    }
    side.remote = e.streams[0];
  };
  side.pc.onnegotiationneeded = () => side.events.push("negotiationneeded");
  side.state = () => ({
    signalingState: side.pc.signalingState,
    transceivers: side.pc.getTransceivers().map((t) => ({
      kind: t.receiver.track.kind, direction: t.direction, currentDirection: t.currentDirection,
      hasTrack: t.sender.track !== null })),
    remoteTracks: side.remote ? side.remote.getTracks().map((t) => t.kind) : null,
    events: side.events.splice(0),
  });
  window.side = side;
  return side.stream.id;
}
"""


class LoopThread:
    """An asyncio loop in its own thread: Playwright's sync API keeps a loop marked as running
    in the test's thread, so the model's loop cannot run there."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=30)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


class PythonSide:
    """The webrtc_reference side: one connection, one sent audio track, a log of events."""

    def __init__(self, runner: LoopThread) -> None:
        self.runner = runner
        self.events: list[str] = []
        self.remote: Any = None
        self.watched: set[str] = set()  # ids of the streams whose events are logged already
        self.pc, self.track, self.stream = runner.run(self._setup())

    async def _setup(self) -> tuple[Any, Any, Any]:
        pc = w.RTCPeerConnection()
        media = await w.navigator.mediaDevices.getUserMedia({"audio": True})
        pc.addEventListener("track", self._on_track)
        pc.addEventListener("negotiationneeded", lambda e: self.events.append("negotiationneeded"))
        return pc, media.getAudioTracks()[0], w.MediaStream()

    def _on_track(self, event: Any) -> None:
        ids = ",".join(s.id for s in event.streams)
        self.events.append(f"track:{event.track.kind}:{ids}")
        for stream in event.streams:
            if stream.id in self.watched:
                continue
            self.watched.add(stream.id)
            for kind in ("addtrack", "removetrack"):
                stream.addEventListener(
                    kind,
                    lambda e, s=stream, k=kind: self.events.append(f"{k}:{s.id}:{e.track.kind}"),
                )
        self.remote = event.streams[0]

    def call(self, function: Any, *args: Any) -> Any:
        """Call a synchronous API inside the loop, as page script runs inside the event loop."""

        async def inside() -> Any:
            return function(*args)

        return self.run(inside())

    def run(self, coro: Any) -> Any:
        async def with_turns() -> Any:
            result = await coro
            await tasks_settled()  # let queued tasks (negotiationneeded) run, as the page does
            return result

        return self.runner.run(with_turns())

    def state(self) -> dict[str, Any]:
        events, self.events = self.events, []
        return {
            "signalingState": str(self.pc.signalingState),
            "transceivers": [
                {
                    "kind": t.receiver.track.kind,
                    "direction": str(t.direction),
                    "currentDirection": None
                    if t.currentDirection is None
                    else str(t.currentDirection),
                    "hasTrack": t.sender.track is not None,
                }
                for t in self.pc.getTransceivers()
            ],
            "remoteTracks": None
            if self.remote is None
            else [t.kind for t in self.remote.getTracks()],
            "events": events,
        }

    # Offer/answer steps; each returns the SDP text it produced or takes the other side's.
    def offer(self) -> str:
        async def go() -> str:
            offer = await self.pc.createOffer()
            await self.pc.setLocalDescription(offer)
            return str(offer.sdp)

        return str(self.run(go()))

    def answer(self, offer_sdp: str) -> str:
        async def go() -> str:
            await self.pc.setRemoteDescription({"type": "offer", "sdp": offer_sdp})
            answer = await self.pc.createAnswer()
            await self.pc.setLocalDescription(answer)
            return str(answer.sdp)

        return str(self.run(go()))

    def accept(self, answer_sdp: str) -> None:
        async def go() -> None:
            await self.pc.setRemoteDescription({"type": "answer", "sdp": answer_sdp})

        self.run(go())


def browser_offer(page: Page) -> str:
    return str(
        page.evaluate(
            "async () => { const o = await side.pc.createOffer();"
            " await side.pc.setLocalDescription(o); await new Promise(r => setTimeout(r, 0));"
            " return o.sdp; }"
        )
    )


def browser_answer(page: Page, offer_sdp: str) -> str:
    return str(
        page.evaluate(
            "async (sdp) => { await side.pc.setRemoteDescription({type: 'offer', sdp});"
            " const a = await side.pc.createAnswer(); await side.pc.setLocalDescription(a);"
            " await new Promise(r => setTimeout(r, 0)); return a.sdp; }",
            offer_sdp,
        )
    )


def browser_accept(page: Page, answer_sdp: str) -> None:
    page.evaluate(
        "async (sdp) => { await side.pc.setRemoteDescription({type: 'answer', sdp});"
        " await new Promise(r => setTimeout(r, 0)); }",
        answer_sdp,
    )


def browser_state(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate("() => side.state()")
    return state


@pytest.fixture
def page(engine_page: Page) -> Iterator[Page]:
    """The engine's page of the package; the browser side it gets is closed after the test."""
    yield engine_page
    engine_page.evaluate(
        "() => { if (window.side) { side.pc.close(); side.track.stop(); delete window.side; } }"
    )


@pytest.fixture
def python_side() -> Iterator[PythonSide]:
    runner = LoopThread()
    try:
        side = PythonSide(runner)
        yield side
        side.call(side.pc.close)
        side.track.stop()
    finally:
        runner.close()


def _exchange(offerer: str, page: Page, py: PythonSide) -> None:
    """One offer/answer exchange, the SDP passed through this test as text."""
    if offerer == "python":
        py.accept(browser_answer(page, py.offer()))
    else:
        browser_accept(page, py.answer(browser_offer(page)))


@pytest.mark.parametrize("first_offerer", ["python", "browser"])
def test_removal_is_observed_across_sdp(
    page: Page, python_side: PythonSide, first_offerer: str
) -> None:
    py = python_side
    browser_stream_id = page.evaluate(BROWSER_SIDE)
    py_sender = py.call(py.pc.addTrack, py.track, py.stream)
    page.evaluate("() => { side.sender = side.pc.addTrack(side.track, side.stream); }")

    # 1. First negotiation: each side sends its track and receives the other's.
    _exchange(first_offerer, page, py)
    if first_offerer == "python":
        # The browser answered the audio m-section; its video needs a second round, offered by it.
        _exchange("browser", page, py)
    else:
        _exchange("python", page, py)
    got, seen = py.state(), browser_state(page)
    assert f"track:video:{browser_stream_id}" in got["events"]
    assert f"track:audio:{py.stream.id}" in seen["events"]
    assert got["remoteTracks"] == ["video"] and seen["remoteTracks"] == ["audio"]
    assert {t["kind"]: t["currentDirection"] for t in got["transceivers"]} == {
        "audio": "sendonly",
        "video": "recvonly",
    }
    assert {t["kind"]: t["currentDirection"] for t in seen["transceivers"]} == {
        "audio": "recvonly",
        "video": "sendonly",
    }

    # 2. Python removes its audio track and offers: the browser's stream loses the audio track.
    py.call(py.pc.removeTrack, py_sender)
    _exchange("python", page, py)
    got, seen = py.state(), browser_state(page)
    assert "negotiationneeded" in got["events"]
    assert seen["events"] == [f"removetrack:{py.stream.id}:audio"]
    assert seen["remoteTracks"] == []
    audio_seen = next(t for t in seen["transceivers"] if t["kind"] == "audio")
    assert audio_seen["currentDirection"] == "inactive"
    audio_got = next(t for t in got["transceivers"] if t["kind"] == "audio")
    assert audio_got == {
        "kind": "audio",
        "direction": "recvonly",
        "currentDirection": "inactive",
        "hasTrack": False,
    }

    # 3. The browser removes its video track and offers: the Python stream loses the video track.
    page.evaluate("() => side.pc.removeTrack(side.sender)")
    _exchange("browser", page, py)
    got, seen = py.state(), browser_state(page)
    assert "negotiationneeded" in seen["events"]
    assert got["events"] == [f"removetrack:{browser_stream_id}:video"]
    assert got["remoteTracks"] == []
    video_got = next(t for t in got["transceivers"] if t["kind"] == "video")
    video_seen = next(t for t in seen["transceivers"] if t["kind"] == "video")
    assert video_got["currentDirection"] == "inactive"
    assert (video_seen["direction"], video_seen["currentDirection"]) == ("recvonly", "inactive")
    assert got["signalingState"] == seen["signalingState"] == "stable"


# Two video tracks in one stream: Firefox's offer (JSEP's "balanced" bundle policy) gives the
# second video section port 0 and a=bundle-only, which rejects nothing (RFC 8843 §6).
TWO_VIDEO_TRACKS = """
() => {
  const canvas = document.createElement("canvas");
  canvas.getContext("2d").fillRect(0, 0, 8, 8);
  side.sender = side.pc.addTrack(side.track, side.stream);
  side.second = side.pc.addTrack(canvas.captureStream().getVideoTracks()[0], side.stream);
}
"""


def test_bundle_only_sections_of_a_browser_offer_are_accepted(
    engine: str, page: Page, python_side: PythonSide
) -> None:
    py = python_side
    browser_stream_id = page.evaluate(BROWSER_SIDE)
    page.evaluate(TWO_VIDEO_TRACKS)
    offer = browser_offer(page)
    video_ports = [line.split()[1] for line in offer.splitlines() if line.startswith("m=video")]
    if engine == "firefox":
        assert video_ports == ["9", "0"] and "a=bundle-only" in offer
    browser_accept(page, py.answer(offer))
    got, seen = py.state(), browser_state(page)
    assert got["events"] == [f"track:video:{browser_stream_id}"] * 2
    assert got["remoteTracks"] == ["video", "video"]
    assert [t["currentDirection"] for t in got["transceivers"]] == ["recvonly"] * 2
    assert [t["currentDirection"] for t in seen["transceivers"]] == ["sendonly"] * 2

    # The browser removes the second track and offers again: one removetrack, no track event.
    page.evaluate("() => side.pc.removeTrack(side.second)")
    browser_accept(page, py.answer(browser_offer(page)))
    got, seen = py.state(), browser_state(page)
    assert got["events"] == [f"removetrack:{browser_stream_id}:video"]
    assert got["remoteTracks"] == ["video"]
    assert [t["currentDirection"] for t in got["transceivers"]] == ["recvonly", "inactive"]
    assert [t["currentDirection"] for t in seen["transceivers"]] == ["sendonly", "inactive"]
