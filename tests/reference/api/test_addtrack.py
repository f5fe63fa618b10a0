"""RTCPeerConnection.addTrack() and addTransceiver(), one test per step and branch.

Spec: https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-addtrack (webrtc-pc 1a2dfb4)
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.reference.reference_helpers import media, negotiate, tasks_run
from webrtc_reference import InvalidAccessError, InvalidStateError, MediaStream, RTCPeerConnection


@pytest.mark.parametrize("argument", [None, "audio", 1])
def test_addTrack_webidl_non_track_raises_TypeError(argument: Any) -> None:
    """WebIDL: argument 1 must be a MediaStreamTrack."""
    pc = RTCPeerConnection()
    with pytest.raises(TypeError, match="not a MediaStreamTrack"):
        pc.addTrack(argument)
    assert pc.getTransceivers() == []


async def test_addTrack_webidl_non_stream_raises_TypeError() -> None:
    """WebIDL: the rest arguments must be MediaStreams."""
    pc = RTCPeerConnection()
    track, _ = await media()
    with pytest.raises(TypeError, match="MediaStreams"):
        pc.addTrack(track, "stream")  # type: ignore[arg-type]
    assert pc.getTransceivers() == []


async def test_addTrack_step5_closed_connection_raises_InvalidStateError() -> None:
    """Step 5: "If connection.[[IsClosed]] is true, throw an InvalidStateError." """
    pc = RTCPeerConnection()
    track, stream = await media()
    pc.close()
    with pytest.raises(InvalidStateError):
        pc.addTrack(track, stream)
    assert pc.getTransceivers() == []


async def test_addTrack_step6_same_track_twice_raises_InvalidAccessError() -> None:
    """Step 6: a sender for track already in CollectSenders is an InvalidAccessError."""
    pc = RTCPeerConnection()
    track, stream = await media()
    pc.addTrack(track, stream)
    with pytest.raises(InvalidAccessError):
        pc.addTrack(track)
    assert len(pc.getTransceivers()) == 1


async def test_addTrack_step7_reuses_sender_after_removeTrack_before_sending() -> None:
    """Step 7: a track-less sender that never sent is reused; recvonly becomes sendrecv."""
    pc = RTCPeerConnection()
    track, stream = await media()
    sender = pc.addTrack(track, stream)
    pc.removeTrack(sender)
    assert pc.addTrack(track, stream) is sender
    assert pc.getTransceivers()[0].direction == "sendrecv"
    assert len(pc.getTransceivers()) == 1


async def test_addTrack_step8_inactive_becomes_sendonly_and_streams_reset() -> None:
    """Step 8: inactive becomes sendonly; [[AssociatedMediaStreamIds]] is reset."""
    pc = RTCPeerConnection()
    track, stream = await media()
    transceiver = pc.addTransceiver("audio", {"direction": "inactive", "streams": [stream]})
    other = MediaStream()
    assert pc.addTrack(track, other, other) is transceiver.sender
    assert transceiver.direction == "sendonly"
    assert transceiver.sender._associated_media_stream_ids == [other.id]


async def test_addTrack_step7_reuses_transceiver_created_by_setRemoteDescription() -> None:
    """Step 7: a recvonly transceiver created by a remote offer is reused by the callee."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    caller.addTransceiver("audio", {"direction": "sendonly"})
    await callee.setRemoteDescription(await caller.createOffer())
    [created] = callee.getTransceivers()
    track, stream = await media()
    assert callee.addTrack(track, stream) is created.sender
    assert created.direction == "sendrecv"


@pytest.mark.parametrize("blocker", ["kind", "stopping", "has_sent", "has_track"])
async def test_addTrack_step7_no_reuse_when_a_criterion_fails(blocker: str) -> None:
    """Step 7: each criterion (null track, kind, not stopping, never sent) must hold."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media("audio")
    kind = "video" if blocker == "kind" else "audio"
    transceiver = caller.addTransceiver(kind, {"direction": "sendonly"})
    if blocker == "stopping":
        transceiver.stop()
    if blocker == "has_track":
        other, _ = await media("audio")
        await transceiver.sender.replaceTrack(other)
    if blocker == "has_sent":
        await negotiate(caller, callee)
        assert transceiver.currentDirection == "sendonly"
    sender = caller.addTrack(track, stream)
    assert sender is not transceiver.sender
    assert len(caller.getTransceivers()) == 2


async def test_addTrack_step9_new_transceiver_is_sendrecv_without_mid() -> None:
    """Step 9: a new sender, receiver and sendrecv transceiver join the set."""
    pc = RTCPeerConnection()
    track, stream = await media("video")
    sender = pc.addTrack(track, stream)
    [transceiver] = pc.getTransceivers()
    assert transceiver.sender is sender and sender.track is track
    assert (transceiver.direction, transceiver.currentDirection, transceiver.mid) == (
        "sendrecv", None, None)
    assert transceiver.receiver.track.kind == "video"
    assert transceiver.receiver.track.muted


async def test_addTrack_step11_negotiationneeded_fires_once_for_several_changes() -> None:
    """Step 11: updates in one task give one event, fired from a queued task."""
    pc = RTCPeerConnection()
    fired: list[str] = []
    pc.addEventListener("negotiationneeded", lambda event: fired.append(event.type))
    audio, stream = await media("audio")
    video, _ = await media("video")
    sender = pc.addTrack(audio, stream)
    pc.addTrack(video, stream)
    pc.removeTrack(sender)
    assert fired == []
    await tasks_run()
    assert fired == ["negotiationneeded"]


def test_addTransceiver_bad_kind_raises_TypeError() -> None:
    """addTransceiver step 5: a kind other than "audio"/"video" is a TypeError."""
    pc = RTCPeerConnection()
    for argument in ("data", None):
        with pytest.raises(TypeError):
            pc.addTransceiver(argument)  # type: ignore[arg-type]
    assert pc.getTransceivers() == []


@pytest.mark.parametrize("init", [{"direction": "sideways"}, {"direction": "stopped"},
                                  {"streams": ["x"]}, "sendrecv"])
def test_addTransceiver_bad_init_raises_TypeError(init: Any) -> None:
    """RTCRtpTransceiverInit: a bad direction or stream is a TypeError."""
    pc = RTCPeerConnection()
    with pytest.raises(TypeError):
        pc.addTransceiver("audio", init)
    assert pc.getTransceivers() == []


async def test_addTransceiver_step7_closed_raises_InvalidStateError() -> None:
    """addTransceiver step 7: closed connection."""
    pc = RTCPeerConnection()
    pc.close()
    with pytest.raises(InvalidStateError):
        pc.addTransceiver("video")
    assert pc.getTransceivers() == []


async def test_addTransceiver_never_reuses() -> None:
    """addTransceiver always appends a transceiver with the given direction."""
    pc = RTCPeerConnection()
    first = pc.addTransceiver("audio", {"direction": "recvonly"})
    track, _ = await media()
    second = pc.addTransceiver(track)
    assert pc.getTransceivers() == [first, second]
    assert (first.direction, second.direction) == ("recvonly", "sendrecv")
    assert second.sender.track is track
