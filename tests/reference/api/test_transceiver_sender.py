"""RTCRtpTransceiver (direction, currentDirection, stop) and RTCRtpSender (replaceTrack,
setStreams)."""

from __future__ import annotations

import pytest

from tests.reference.reference_helpers import media, negotiate, tasks_run
from webrtc_reference import InvalidStateError, RTCPeerConnection


async def test_direction_setter_step3_stopping_raises_InvalidStateError() -> None:
    """Direction setter step 3."""
    pc = RTCPeerConnection()
    transceiver = pc.addTransceiver("audio")
    transceiver.stop()
    with pytest.raises(InvalidStateError):
        transceiver.direction = "recvonly"
    assert transceiver.direction == "stopped"


async def test_direction_setter_step5_same_value_does_not_update_the_flag() -> None:
    """Direction setter step 5: the same value aborts before the update."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    transceiver = caller.addTransceiver("audio", {"direction": "recvonly"})
    await negotiate(caller, callee)
    await tasks_run()
    fired: list[str] = []
    caller.onnegotiationneeded = lambda event: fired.append(event.type)
    transceiver.direction = "recvonly"
    await tasks_run()
    assert fired == []


@pytest.mark.parametrize("value", ["stopped", "sideways", None])
async def test_direction_setter_step6_stopped_or_bad_value_raises_TypeError(value: object) -> None:
    """Direction setter step 6 ("stopped") and WebIDL (not an enum value)."""
    pc = RTCPeerConnection()
    transceiver = pc.addTransceiver("video")
    with pytest.raises(TypeError):
        transceiver.direction = value  # type: ignore[assignment]
    assert transceiver.direction == "sendrecv"


async def test_stop_step4_twice_is_a_no_op_and_receiver_track_ends() -> None:
    """stop() step 4: a stopping transceiver returns; the receiver track ends."""
    pc = RTCPeerConnection()
    transceiver = pc.addTransceiver("audio")
    transceiver.stop()
    transceiver.stop()
    await tasks_run()
    assert transceiver.receiver.track.readyState == "ended"
    assert (transceiver.direction, transceiver.currentDirection) == ("stopped", None)
    assert transceiver.sender in pc.getSenders()
    assert "stopped" in repr(transceiver)


async def test_replaceTrack_sets_track_later_and_keeps_direction() -> None:
    """replaceTrack: chained, sets [[SenderTrack]] in a task; no direction change."""
    pc = RTCPeerConnection()
    track, stream = await media()
    other, _ = await media()
    sender = pc.addTrack(track, stream)
    pending = sender.replaceTrack(other)
    assert sender.track is track
    await pending
    assert sender.track is other
    await sender.replaceTrack(None)
    assert sender.track is None
    assert pc.getTransceivers()[0].direction == "sendrecv"


async def test_replaceTrack_rejections() -> None:
    """replaceTrack: wrong kind or type is TypeError; stopping is InvalidStateError."""
    pc = RTCPeerConnection()
    track, stream = await media("audio")
    video, _ = await media("video")
    sender = pc.addTrack(track, stream)
    with pytest.raises(TypeError):
        await sender.replaceTrack(video)
    with pytest.raises(TypeError):
        await sender.replaceTrack("track")  # type: ignore[arg-type]
    pc.getTransceivers()[0].stop()
    with pytest.raises(InvalidStateError):
        await sender.replaceTrack(None)
    assert sender.track is track
    pc.close()
    with pytest.raises(InvalidStateError):
        await sender.replaceTrack(None)


async def test_replaceTrack_pending_when_closed_never_settles() -> None:
    """replaceTrack's task does nothing once closed; the chained promise never settles."""
    pc = RTCPeerConnection()
    track, stream = await media()
    sender = pc.addTrack(track, stream)
    pending = sender.replaceTrack(None)
    pc.close()
    await tasks_run()
    assert not pending.done() and sender.track is track


async def test_setStreams_bad_argument_raises_TypeError() -> None:
    """setStreams: WebIDL conversion of the MediaStream arguments."""
    pc = RTCPeerConnection()
    transceiver = pc.addTransceiver("audio")
    with pytest.raises(TypeError):
        transceiver.sender.setStreams("stream")  # type: ignore[arg-type]
    assert "RTCRtpSender" in repr(transceiver.sender)
    assert "RTCRtpReceiver" in repr(transceiver.receiver)
