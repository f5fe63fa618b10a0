"""MediaStream, MediaStreamTrack, getUserMedia, EventTarget and the event classes."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.reference.reference_helpers import tasks_run
from webrtc_reference import (
    DOMException,
    Event,
    EventTarget,
    InvalidAccessError,
    InvalidModificationError,
    InvalidStateError,
    MediaStream,
    MediaStreamTrack,
    MediaStreamTrackEvent,
    OperationError,
    RTCError,
    navigator,
)


async def test_getUserMedia_resolves_to_live_tracks_of_the_kinds_asked_for() -> None:
    stream = await navigator.mediaDevices.getUserMedia({"audio": True, "video": {}})
    assert [t.kind for t in stream.getTracks()] == ["audio", "video"]
    assert all(t.readyState == "live" and not t.muted and t.enabled for t in stream.getTracks())
    assert stream.active and len(stream.getAudioTracks()) == len(stream.getVideoTracks()) == 1


@pytest.mark.parametrize("constraints", [{}, {"audio": False}, None, "audio"])
async def test_getUserMedia_asking_for_nothing_rejects_with_TypeError(constraints: Any) -> None:
    with pytest.raises(TypeError):
        await navigator.mediaDevices.getUserMedia(constraints)


def test_MediaStream_constructors_and_track_set() -> None:
    track = MediaStreamTrack("video", "camera")
    empty = MediaStream()
    assert empty.getTracks() == [] and not empty.active
    stream = MediaStream([track])
    copy = MediaStream(stream)
    assert copy.id != stream.id and copy.getTracks() == [track]
    assert stream.getTrackById(track.id) is track and stream.getTrackById("nope") is None
    stream.addTrack(track)  # already there: no change
    assert stream.getTracks() == [track]
    clone = stream.clone()
    assert clone.getTracks()[0] is not track and clone.getTracks()[0].kind == "video"
    stream.removeTrack(track)
    assert stream.getTracks() == []
    for bad in ("x", 3):
        with pytest.raises(TypeError):
            MediaStream(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        stream.addTrack("track")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        MediaStreamTrack("data")


def test_MediaStream_script_calls_fire_no_events_but_UA_algorithms_do() -> None:
    stream = MediaStream()
    track = MediaStreamTrack("audio")
    seen: list[str] = []
    stream.onaddtrack = lambda event: seen.append(f"add:{event.track.kind}")
    stream.onremovetrack = lambda event: seen.append("remove")
    stream.addTrack(track)
    stream.removeTrack(track)
    assert seen == []
    stream._add_track(track)
    stream._add_track(track)
    stream._remove_track(track)
    stream._remove_track(track)
    assert seen == ["add:audio", "remove"]


def test_MediaStreamTrack_stop_ends_without_event_and_mute_fires_on_change() -> None:
    track = MediaStreamTrack("audio")
    seen: list[str] = []
    track.onended = lambda event: seen.append("ended")
    track.onmute = lambda event: seen.append("mute")
    track.onunmute = lambda event: seen.append("unmute")
    track.enabled = False
    assert track.enabled is False
    track._set_muted(True)
    track._set_muted(True)
    track._set_muted(False)
    track.stop()
    assert track.readyState == "ended"
    assert seen == ["mute", "unmute"]
    assert "ended" in repr(track) and track.label == ""


async def test_track_ended_steps_run_in_a_queued_task() -> None:
    track = MediaStreamTrack("video")
    seen: list[str] = []
    track.addEventListener("ended", lambda event: seen.append(str(track.readyState)))
    track._end()
    assert track.readyState == "live"
    await tasks_run()
    assert seen == ["ended"]
    track._end()
    await tasks_run()
    assert seen == ["ended"]


def test_EventTarget_listeners_order_dedup_removal_and_handlers() -> None:
    target = EventTarget()
    seen: list[str] = []

    def first(event: Event) -> None:
        seen.append(f"first:{event.type}")
        assert event.target is target

    target.addEventListener("x", first)
    target.addEventListener("x", first)  # once only
    target.addEventListener("x", None)
    target.addEventListener("x", lambda event: seen.append("second"))
    assert target.dispatchEvent(Event("x")) is True
    target.removeEventListener("x", first)
    target.removeEventListener("x", None)
    target.dispatchEvent(Event("x"))
    target.dispatchEvent(Event("y"))
    assert seen == ["first:x", "second", "second"]
    with pytest.raises(TypeError):
        target.addEventListener("x", "not callable")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        target.dispatchEvent("x")  # type: ignore[arg-type]


def test_event_handler_attribute_keeps_its_place_and_can_be_cleared() -> None:
    stream = MediaStream()
    track = MediaStreamTrack("audio")
    seen: list[str] = []
    stream.onaddtrack = lambda event: seen.append("handler 1")
    stream.addEventListener("addtrack", lambda event: seen.append("listener"))
    stream.onaddtrack = lambda event: seen.append("handler 2")  # same place as handler 1
    stream._add_track(track)
    stream.onaddtrack = None
    assert stream.onaddtrack is None
    stream._remove_track(track)
    stream._add_track(track)
    assert seen == ["handler 2", "listener", "listener"]
    assert isinstance(type(stream).__dict__["onaddtrack"], object)
    with pytest.raises(TypeError):
        stream.onaddtrack = 5  # type: ignore[assignment]


def test_listener_exception_without_a_loop_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    target = EventTarget()

    def broken(event: Event) -> None:
        raise RuntimeError("boom")

    target.addEventListener("x", broken)
    target.dispatchEvent(Event("x"))
    assert "boom" in capsys.readouterr().err


async def test_coroutine_listener_exception_is_reported() -> None:
    reported: list[Any] = []
    asyncio.get_running_loop().set_exception_handler(
        lambda _loop, context: reported.append(context["exception"]))
    target = EventTarget()

    async def broken(event: Event) -> None:
        raise KeyError("inside a task")

    target.addEventListener("x", broken)
    target.dispatchEvent(MediaStreamTrackEvent("x", track=MediaStreamTrack("audio")))
    await tasks_run()
    assert [type(error) for error in reported] == [KeyError]


def test_queue_task_outside_a_loop_is_a_clear_RuntimeError() -> None:
    with pytest.raises(RuntimeError, match="running asyncio event loop"):
        MediaStreamTrack("audio")._end()


@pytest.mark.parametrize(
    ("error", "name", "code"),
    [(InvalidStateError("m"), "InvalidStateError", 11),
     (InvalidAccessError("m"), "InvalidAccessError", 15),
     (InvalidModificationError("m"), "InvalidModificationError", 13),
     (OperationError("m"), "OperationError", 0),
     (RTCError("m", errorDetail="sdp-syntax-error", sdpLineNumber=3), "OperationError", 0),
     (DOMException("m", "NotFoundError"), "NotFoundError", 0)],
)
def test_DOMException_family(error: DOMException, name: str, code: int) -> None:
    assert (error.name, error.code, error.message, str(error)) == (name, code, "m", "m")
    assert isinstance(error, DOMException)


def test_sync_methods_outside_a_loop_raise_and_change_nothing() -> None:
    """Without a running loop, the methods that queue tasks fail before any change."""
    from webrtc_reference import RTCPeerConnection

    pc = RTCPeerConnection()
    track = MediaStreamTrack("audio")
    with pytest.raises(RuntimeError, match="running asyncio event loop"):
        pc.addTrack(track)
    with pytest.raises(RuntimeError):
        pc.addTransceiver("audio")
    with pytest.raises(RuntimeError):
        pc.close()
    assert pc.getTransceivers() == [] and pc.signalingState == "stable"

    async def make() -> None:
        pc.addTrack(track)

    asyncio.run(make())
    [transceiver] = pc.getTransceivers()
    with pytest.raises(RuntimeError):
        pc.removeTrack(transceiver.sender)
    with pytest.raises(RuntimeError):
        transceiver.stop()
    with pytest.raises(RuntimeError):
        transceiver.sender.setStreams()
    with pytest.raises(RuntimeError):
        transceiver.direction = "recvonly"
    assert transceiver.sender.track is track and transceiver.direction == "sendrecv"
