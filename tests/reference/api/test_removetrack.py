"""RTCPeerConnection.removeTrack(), one test per step and branch.

Spec: https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-removetrack (webrtc-pc 1a2dfb4)
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.reference.reference_helpers import (
    media,
    negotiate,
    negotiated_sender,
    tasks_run,
)
from webrtc_reference import (
    InvalidAccessError,
    InvalidStateError,
    RTCPeerConnection,
    RTCRtpSender,
)
from webrtc_reference._sdp import parse_sdp


async def test_removeTrack_webidl_track_argument_raises_TypeError() -> None:
    """WebIDL: the argument must be an RTCRtpSender; a track is a TypeError."""
    pc = RTCPeerConnection()
    track, stream = await media()
    sender = pc.addTrack(track, stream)
    with pytest.raises(TypeError, match="not an RTCRtpSender"):
        pc.removeTrack(track)  # type: ignore[arg-type]
    assert sender.track is track


@pytest.mark.parametrize("argument", [None, "sender", 0])
async def test_removeTrack_webidl_non_sender_raises_TypeError(argument: Any) -> None:
    """WebIDL: None or any other non-sender value is a TypeError, even on a closed pc."""
    pc = RTCPeerConnection()
    pc.close()
    with pytest.raises(TypeError):
        pc.removeTrack(argument)


async def test_removeTrack_step3_closed_connection_raises_InvalidStateError() -> None:
    """Step 3: "If connection.[[IsClosed]] is true, throw an InvalidStateError." """
    pc = RTCPeerConnection()
    track, stream = await media()
    sender = pc.addTrack(track, stream)
    pc.close()
    with pytest.raises(InvalidStateError) as raised:
        pc.removeTrack(sender)
    assert (raised.value.name, raised.value.code) == ("InvalidStateError", 11)
    assert sender.track is track


async def test_removeTrack_step3_runs_before_step4_for_a_foreign_sender() -> None:
    """Step 3 before step 4: a foreign sender on a closed pc gives InvalidStateError."""
    pc, other = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media()
    sender = other.addTrack(track, stream)
    pc.close()
    with pytest.raises(InvalidStateError):
        pc.removeTrack(sender)


async def test_removeTrack_step4_foreign_sender_raises_InvalidAccessError() -> None:
    """Step 4: "If sender was not created by connection, throw an InvalidAccessError." """
    pc, other = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media()
    sender = pc.addTrack(track, stream)
    with pytest.raises(InvalidAccessError) as raised:
        other.removeTrack(sender)
    assert (raised.value.name, raised.value.code) == ("InvalidAccessError", 15)
    assert sender.track is track
    assert pc.getTransceivers()[0].direction == "sendrecv"


async def test_removeTrack_step6_stopping_transceiver_is_a_no_op() -> None:
    """Step 6: "If transceiver.[[Stopping]] is true, abort these steps." """
    pc = RTCPeerConnection()
    track, stream = await media()
    sender = pc.addTrack(track, stream)
    transceiver = pc.getTransceivers()[0]
    transceiver.stop()
    pc.removeTrack(sender)
    assert sender.track is track
    assert transceiver.direction == "stopped"
    assert sender in pc.getSenders()  # stopping, not stopped: still collected


async def test_removeTrack_steps7_8_unreachable_rolled_back_sender_returns_at_step6() -> None:
    """Steps 7-8 are unreachable: a transceiver a rollback removed is stopped, so [[Stopping]]
    is true as well and step 6 returns first; the call does nothing either way."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media()
    caller.addTrack(track, stream)
    await callee.setRemoteDescription(await caller.createOffer())
    created = callee.getTransceivers()[0]
    other_track, _ = await media()
    await created.sender.replaceTrack(other_track)
    await callee.setRemoteDescription({"type": "rollback"})
    assert created not in callee.getTransceivers()
    assert created._stopping  # step 6 decides: steps 7-8 are never reached
    callee.removeTrack(created.sender)
    assert created.sender.track is other_track


async def test_removeTrack_steps7_8_unreachable_stopped_transceiver_returns_at_step6() -> None:
    """Steps 7-8 are unreachable: a stopped transceiver is always stopping too, so step 6
    returns before CollectSenders is consulted; the call does nothing either way."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media()
    sender = caller.addTrack(track, stream)
    await negotiate(caller, callee)
    callee.getTransceivers()[0].stop()
    await negotiate(callee, caller)  # the rejected m-section stops caller's transceiver
    transceiver = caller.getTransceivers()
    assert transceiver == [] or transceiver[0].currentDirection == "stopped"
    assert sender._owner._stopped and sender._owner._stopping  # step 6 decides
    caller.removeTrack(sender)
    assert sender.track is track


async def test_removeTrack_step9_second_call_is_a_no_op() -> None:
    """Step 9: "If sender.[[SenderTrack]] is null, abort these steps." """
    pc = RTCPeerConnection()
    track, stream = await media()
    sender = pc.addTrack(track, stream)
    pc.removeTrack(sender)
    transceiver = pc.getTransceivers()[0]
    transceiver.direction = "sendrecv"
    pc.removeTrack(sender)
    assert transceiver.direction == "sendrecv"


async def test_removeTrack_step9_trackless_sender_changes_nothing_and_fires_nothing() -> None:
    """Step 9: a sender that never had a track: no direction change, no flag update."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    transceiver = caller.addTransceiver("audio")
    await negotiate(caller, callee)
    await tasks_run()
    fired: list[str] = []
    caller.onnegotiationneeded = lambda event: fired.append(event.type)
    caller.removeTrack(transceiver.sender)
    await tasks_run()
    assert transceiver.direction == "sendrecv"
    assert fired == []


async def test_removeTrack_step10_sender_track_becomes_None_and_sender_stays() -> None:
    """Step 10: "Set sender.[[SenderTrack]] to null." The sender, receiver, track stay."""
    pc = RTCPeerConnection()
    track, stream = await media()
    sender = pc.addTrack(track, stream)
    receivers = pc.getReceivers()
    pc.removeTrack(sender)
    assert sender.track is None
    assert pc.getSenders() == [sender]
    assert pc.getReceivers() == receivers
    assert track.readyState == "live"
    assert stream.getTracks() == [track]


@pytest.mark.parametrize(
    ("before", "after"),
    [("sendrecv", "recvonly"), ("sendonly", "inactive"), ("recvonly", "recvonly"),
     ("inactive", "inactive")],
)
async def test_removeTrack_step11_12_direction_rule(before: str, after: str) -> None:
    """Steps 11-12: sendrecv becomes recvonly, sendonly becomes inactive, others stay."""
    pc = RTCPeerConnection()
    track, _ = await media()
    transceiver = pc.addTransceiver(track, {"direction": before})
    pc.removeTrack(transceiver.sender)
    assert transceiver.direction == after
    assert transceiver.sender.track is None


async def test_removeTrack_step11_leaves_currentDirection_and_mid() -> None:
    """Step 11 changes [[Direction]] only: currentDirection and mid stay as negotiated."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media()
    sender = caller.addTrack(track, stream)
    await negotiate(caller, callee)
    transceiver = caller.getTransceivers()[0]
    mid = transceiver.mid
    caller.removeTrack(sender)
    assert (transceiver.direction, transceiver.currentDirection) == ("recvonly", "sendonly")
    assert transceiver.mid == mid is not None


async def test_removeTrack_step13_negotiationneeded_fires_later_and_once() -> None:
    """Step 13: update the negotiation-needed flag: queued, never synchronous; once."""
    caller, _callee, sender = await negotiated_sender()
    fired: list[str] = []
    caller.onnegotiationneeded = lambda event: fired.append(str(caller.signalingState))
    caller.removeTrack(sender)
    assert fired == []
    await tasks_run()
    assert fired == ["stable"]
    await tasks_run()
    assert fired == ["stable"]


async def test_removeTrack_step13_remote_side_sees_removetrack_and_no_mute() -> None:
    """After renegotiation the remote stream loses the track; it stays live and muted."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media("video")
    sender = caller.addTrack(track, stream)
    seen: dict[str, Any] = {}
    callee.ontrack = lambda event: seen.update(track=event.track, stream=event.streams[0])
    await negotiate(caller, callee)
    events: list[str] = []
    seen["track"].onmute = lambda event: events.append("mute")
    seen["stream"].onremovetrack = lambda event: events.append(f"removetrack:{event.track.kind}")
    callee.ontrack = lambda event: events.append("track")
    caller.removeTrack(sender)
    await negotiate(caller, callee)
    assert events == ["removetrack:video"]
    assert seen["track"].readyState == "live" and seen["track"].muted
    assert callee.getReceivers()[0].track is seen["track"]
    assert callee.getTransceivers()[0].currentDirection == "inactive"
    assert caller.getTransceivers()[0].currentDirection == "inactive"


async def test_removeTrack_reoffer_is_recvonly_and_keeps_msid_jsep_5_2_2() -> None:
    """JSEP §5.2.2: a=msid lines "MUST stay the same" in a re-offer, whatever the direction."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media("video")
    sender = caller.addTrack(track, stream)
    await negotiate(caller, callee)
    [first] = parse_sdp(caller.currentLocalDescription.sdp).media  # type: ignore[union-attr]
    caller.removeTrack(sender)
    [again] = parse_sdp((await caller.createOffer()).sdp).media
    assert (first.direction, again.direction) == ("sendrecv", "recvonly")
    assert again.msids == first.msids == [(stream.id, track.id)]


async def test_removeTrack_sender_class_is_RTCRtpSender() -> None:
    """addTrack returns the RTCRtpSender that removeTrack takes."""
    pc = RTCPeerConnection()
    track, stream = await media()
    assert isinstance(pc.addTrack(track, stream), RTCRtpSender)
