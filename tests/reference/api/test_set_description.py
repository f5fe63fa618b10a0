"""Set a session description (local, remote, rollback), offers/answers, the operations chain.

Spec: https://w3c.github.io/webrtc-pc/#set-description (webrtc-pc 1a2dfb4)
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from tests.reference.reference_helpers import Recorder, media, negotiate, tasks_run
from webrtc_reference import (
    InvalidAccessError,
    InvalidModificationError,
    InvalidStateError,
    RTCError,
    RTCPeerConnection,
    RTCSessionDescription,
)

DATA = Path(__file__).parent.parent / "sdp" / "data"  # the browser SDP the codec tests read


def _capture(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _sections(sdp: str) -> list[str]:
    """ "kind port direction [msid]" per m-section."""
    found: list[list[str]] = []
    for line in sdp.splitlines():
        if line.startswith("m="):
            found.append(line[2:].split(" ")[:2])
        elif line[2:] in ("sendrecv", "sendonly", "recvonly", "inactive") and found:
            found[-1].append(line[2:])
        elif line.startswith("a=msid:") and found:
            found[-1].append("msid")
    return [" ".join(section) for section in found]


async def test_step4_6_3_syntax_error_rejects_with_RTCError_and_changes_nothing() -> None:
    """Step 4.6.3: invalid SDP syntax is RTCError sdp-syntax-error with the line number."""
    pc = RTCPeerConnection()
    with pytest.raises(RTCError) as raised:
        await pc.setRemoteDescription({"type": "offer", "sdp": "v=0\r\nbad line\r\n"})
    error = raised.value
    assert (error.name, error.errorDetail, error.sdpLineNumber) == (
        "OperationError", "sdp-syntax-error", 2)
    assert pc.signalingState == "stable" and pc.remoteDescription is None
    assert pc.getTransceivers() == []


async def test_step4_6_6_invalid_content_rejects_with_InvalidAccessError() -> None:
    """Step 4.6.6: an answer with other m-lines than the offer is invalid content."""
    pc = RTCPeerConnection()
    pc.addTransceiver("audio")
    await pc.setLocalDescription()
    with pytest.raises(InvalidAccessError):
        await pc.setRemoteDescription({"type": "answer", "sdp": _capture("chromium-answer.sdp")})
    assert pc.signalingState == "have-local-offer"


async def test_setLocalDescription_munged_sdp_rejects_with_InvalidModificationError() -> None:
    """setLocalDescription step 4.2: an offer SDP other than [[LastCreatedOffer]]."""
    pc = RTCPeerConnection()
    pc.addTransceiver("audio")
    offer = await pc.createOffer()
    munged = offer.sdp.replace("a=sendrecv", "a=sendonly")
    with pytest.raises(InvalidModificationError) as raised:
        await pc.setLocalDescription({"type": "offer", "sdp": munged})
    assert raised.value.code == 13
    assert pc.signalingState == "stable"


async def test_setLocalDescription_without_argument_offers_then_answers() -> None:
    """setLocalDescription step 4.1: the type follows the state; the SDP is created."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    caller.addTransceiver("audio")
    await caller.setLocalDescription()
    assert caller.localDescription is not None and caller.localDescription.type == "offer"
    await callee.setRemoteDescription(caller.localDescription)
    await callee.setLocalDescription()
    assert callee.localDescription is not None and callee.localDescription.type == "answer"
    await caller.setRemoteDescription(callee.localDescription)
    assert caller.signalingState == callee.signalingState == "stable"


async def test_description_slots_follow_offer_and_answer() -> None:
    """Steps 4.7.5-4.7.6: pending descriptions become current on the answer."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    caller.addTransceiver("video")
    offer = await caller.createOffer()
    await caller.setLocalDescription(offer)
    assert caller.pendingLocalDescription is not None
    assert caller.pendingLocalDescription.sdp == offer.sdp
    assert caller.currentLocalDescription is None
    await callee.setRemoteDescription(offer)
    assert callee.pendingRemoteDescription is not None
    answer = await callee.createAnswer()
    await callee.setLocalDescription(answer)
    assert callee.currentLocalDescription is not None
    assert callee.currentRemoteDescription is not None
    assert callee.pendingLocalDescription is callee.pendingRemoteDescription is None
    await caller.setRemoteDescription(answer)
    assert caller.currentRemoteDescription is not None
    assert caller.currentLocalDescription is not None
    # The candidates gathered meanwhile are added, as a browser adds them (JSEP §5.4).
    gathered = caller.currentLocalDescription.sdp.splitlines(keepends=True)
    assert "".join(line for line in gathered if not line.startswith("a=candidate:")) == offer.sdp
    assert caller.remoteDescription is caller.currentRemoteDescription


async def test_step4_7_11_mid_set_on_local_offer_currentDirection_only_on_answer() -> None:
    """Step 4.7.11: SLD(offer) associates the mid; only answers set currentDirection."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    transceiver = caller.addTransceiver("audio")
    offer = await caller.createOffer()
    assert transceiver.mid is None  # createOffer changes nothing visible
    await caller.setLocalDescription(offer)
    assert transceiver.mid is not None and transceiver.currentDirection is None
    await callee.setRemoteDescription(offer)
    [remote] = callee.getTransceivers()
    assert (remote.mid, remote.direction, remote.currentDirection) == (
        transceiver.mid, "recvonly", None)
    await callee.setLocalDescription(await callee.createAnswer())
    assert remote.currentDirection == "recvonly"
    await caller.setRemoteDescription(callee.localDescription)
    assert transceiver.currentDirection == "sendonly"


async def test_offer_and_answer_sections_follow_JSEP() -> None:
    """RFC 9429: offer direction is [[Direction]]; answer is reversed offer ∩ [[Direction]]."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media()
    caller.addTrack(track, stream)
    caller.addTransceiver("video", {"direction": "recvonly"})
    offer = await caller.createOffer()
    assert _sections(offer.sdp) == ["audio 9 sendrecv msid", "video 9 recvonly"]
    await caller.setLocalDescription(offer)
    await callee.setRemoteDescription(offer)
    answer = await callee.createAnswer()
    assert _sections(answer.sdp) == ["audio 9 recvonly", "video 9 inactive"]


async def test_stopped_before_offer_gets_no_m_section_and_stopping_is_rejected() -> None:
    """JSEP: a stopped, unassociated transceiver has no m-section; stopping is port 0."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    first = caller.addTransceiver("audio")
    await negotiate(caller, callee)
    caller.addTransceiver("video").stop()
    first.stop()
    offer = await caller.createOffer()
    assert _sections(offer.sdp) == ["audio 0 inactive"]


async def test_events_fire_in_spec_order_before_the_promise_resolves() -> None:
    """Steps 4.7.15-4.7.21: signalingstatechange, removetrack, addtrack, track, resolve."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media()
    recorder = Recorder()
    recorder.watch(callee, "pc", "signalingstatechange", "track")
    caller.addTrack(track, stream)
    await negotiate(caller, callee)
    remote_stream = callee.getReceivers()[0]._associated_remote_media_streams[0]
    recorder.watch(remote_stream, "old", "addtrack", "removetrack")
    recorder.take()
    sender = caller.getSenders()[0]
    await sender.replaceTrack(None)
    other = await media()
    sender.setStreams(other[1])
    await caller.setLocalDescription(await caller.createOffer())
    done = callee.setRemoteDescription(caller.localDescription)  # type: ignore[arg-type]
    done.add_done_callback(lambda _: recorder.events.append("resolved"))
    await done
    assert recorder.take() == ["pc:signalingstatechange", "old:removetrack", "pc:track",
                               "resolved"]
    assert [s.id for s in callee.getReceivers()[0]._associated_remote_media_streams] == [
        other[1].id]


async def test_remote_streams_are_cached_per_connection_by_id() -> None:
    """Set the associated remote streams step 2: the same id gives the same MediaStream."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    streams: list[Any] = []
    callee.ontrack = lambda event: streams.extend(event.streams)
    audio, stream = await media("audio")
    video, _ = await media("video")
    caller.addTrack(audio, stream)
    await negotiate(caller, callee)
    caller.addTrack(video, stream)
    await negotiate(caller, callee)
    assert len(streams) == 2 and streams[0] is streams[1]
    assert streams[0].id == stream.id
    assert [t.kind for t in streams[0].getTracks()] == ["audio", "video"]


async def test_chromium_offer_is_accepted_and_answered() -> None:
    """A real Chromium offer: track events with its stream id, a parseable answer."""
    pc = RTCPeerConnection()
    seen: list[tuple[str, list[str]]] = []
    pc.ontrack = lambda event: seen.append((event.track.kind, [s.id for s in event.streams]))
    await pc.setRemoteDescription({"type": "offer", "sdp": _capture("chromium-offer.sdp")})
    stream_id = "be07f5a9-0387-4868-9f97-fa57b2016a0a"
    assert seen == [("audio", [stream_id]), ("video", [stream_id])]
    answer = await pc.createAnswer()
    await pc.setLocalDescription(answer)
    assert _sections(answer.sdp) == ["audio 9 recvonly", "video 9 recvonly"]
    assert "a=rtpmap:111 opus/48000/2" in answer.sdp
    assert [t.mid for t in pc.getTransceivers()] == ["0", "1"]
    # The re-offer after Chromium's removeTrack(video sender): video becomes recvonly.
    removed: list[str] = []
    pc.getReceivers()[1]._associated_remote_media_streams[0].onremovetrack = (
        lambda event: removed.append(event.track.kind))
    await pc.setRemoteDescription(
        {"type": "offer", "sdp": _capture("chromium-reoffer-removetrack.sdp")})
    assert removed == ["video"]


async def test_firefox_offer_answer_keeps_its_payload_types() -> None:
    """RFC 3264 §6.1: the answer uses the offerer's payload type for a shared codec."""
    pc = RTCPeerConnection()
    await pc.setRemoteDescription({"type": "offer", "sdp": _capture("firefox-offer.sdp")})
    answer = await pc.createAnswer()
    assert "a=rtpmap:109 opus/48000/2" in answer.sdp
    await pc.setLocalDescription(answer)
    assert pc.signalingState == "stable"


async def test_rollback_remote_offer_removes_created_transceivers() -> None:
    """Step 4.7.12.3.7: transceivers created by the rolled-back offer are stopped and removed."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    caller.addTransceiver("audio")
    await callee.setRemoteDescription(await caller.createOffer())
    [created] = callee.getTransceivers()
    created.direction = "sendrecv"  # does not protect it
    await callee.setRemoteDescription({"type": "rollback"})
    assert callee.getTransceivers() == []
    assert created.direction == created.currentDirection == "stopped"
    assert created.receiver.track.readyState == "live"  # ended by a task queued meanwhile
    assert callee.signalingState == "stable"
    await tasks_run()
    assert created.receiver.track.readyState == "ended"


async def test_rollback_remote_offer_keeps_transceiver_given_a_track_by_addTrack() -> None:
    """Step 4.7.12.3.7: addTrack() protects it, even after replaceTrack(None)."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    caller.addTransceiver("audio")
    await callee.setRemoteDescription(await caller.createOffer())
    track, stream = await media()
    sender = callee.addTrack(track, stream)
    await sender.replaceTrack(None)
    await callee.setRemoteDescription({"type": "rollback"})
    [kept] = callee.getTransceivers()
    assert kept.mid is None and kept.sender is sender


async def test_rollback_local_offer_disassociates_mid_and_keeps_removeTrack() -> None:
    """Step 4.7.12.3.1: mid goes back to null; rollback does not undo removeTrack()."""
    pc = RTCPeerConnection()
    track, stream = await media()
    sender = pc.addTrack(track, stream)
    await pc.setLocalDescription()
    transceiver = pc.getTransceivers()[0]
    assert transceiver.mid is not None
    pc.removeTrack(sender)
    await pc.setLocalDescription({"type": "rollback"})
    assert transceiver.mid is None and sender.track is None
    assert transceiver.direction == "recvonly" and pc.localDescription is None


async def test_rollback_remote_offer_puts_removed_track_back_into_its_stream() -> None:
    """Step 4.7.12.3.6: the last stable remote streams are restored (addtrack, track)."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media()
    sender = caller.addTrack(track, stream)
    await negotiate(caller, callee)
    [remote_stream] = callee.getReceivers()[0]._associated_remote_media_streams
    caller.removeTrack(sender)
    await caller.setLocalDescription()
    await callee.setRemoteDescription(caller.localDescription)  # type: ignore[arg-type]
    assert remote_stream.getTracks() == []
    recorder = Recorder()
    recorder.watch(remote_stream, "stream", "addtrack")
    recorder.watch(callee, "pc", "track")
    await callee.setRemoteDescription({"type": "rollback"})
    assert recorder.take() == ["stream:addtrack", "pc:track"]
    assert remote_stream.getTracks() == [callee.getReceivers()[0].track]


async def test_rollback_in_stable_rejects_with_InvalidStateError() -> None:
    """Step 2: rollback in stable is rejected, and its sdp is never read."""
    pc = RTCPeerConnection()
    with pytest.raises(InvalidStateError, match="roll back"):
        await pc.setLocalDescription({"type": "rollback", "sdp": "garbage"})


async def test_glare_implicit_rollback_then_answer() -> None:
    """setRemoteDescription step 3.1: an offer in have-local-offer rolls back first."""
    polite, impolite = RTCPeerConnection(), RTCPeerConnection()
    polite.addTransceiver("audio")
    impolite.addTransceiver("audio")
    await polite.setLocalDescription()
    await impolite.setLocalDescription()
    states: list[str] = []
    polite.onsignalingstatechange = lambda event: states.append(str(polite.signalingState))
    await polite.setRemoteDescription(impolite.localDescription)  # type: ignore[arg-type]
    assert states == ["stable", "have-remote-offer"]
    await polite.setLocalDescription()
    await impolite.setRemoteDescription(polite.localDescription)  # type: ignore[arg-type]
    assert polite.signalingState == impolite.signalingState == "stable"
    # addTransceiver() never pairs: the rolled-back one lost its mid; the offer made one.
    own, created = polite.getTransceivers()
    assert (own.mid, own.direction) == (None, "sendrecv")
    assert (created.mid, created.direction, created.currentDirection) == (
        "0", "recvonly", "recvonly")


async def test_chain_not_awaited_calls_run_in_order() -> None:
    """Chain an operation: calls not awaited still run, one at a time, in call order."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    caller.addTransceiver("audio")
    offer = await caller.createOffer()
    first = caller.setLocalDescription(offer)
    second = callee.setRemoteDescription(offer)
    third = callee.createAnswer()
    assert caller.signalingState == "stable"  # applied in a later task
    await asyncio.gather(first, second)
    answer = await third
    assert answer.type == "answer" and callee.signalingState == "have-remote-offer"


async def test_close_stops_everything_fires_nothing_and_pending_never_settles() -> None:
    """close(): no events, transceivers stopped, getSenders() == [], pending ops hang."""
    pc = RTCPeerConnection()
    track, stream = await media()
    sender = pc.addTrack(track, stream)
    recorder = Recorder()
    recorder.watch(pc, "pc", "negotiationneeded", "signalingstatechange", "track")
    offer = pc.createOffer()
    later = pc.createOffer()
    pc.close()
    pc.close()  # twice is fine
    await tasks_run()
    assert recorder.take() == []
    assert not offer.done() and not later.done()
    assert pc.signalingState == "closed"
    assert pc.getSenders() == [] and pc.getReceivers() == []
    [transceiver] = pc.getTransceivers()
    assert transceiver.direction == transceiver.currentDirection == "stopped"
    assert sender.track is track
    with pytest.raises(InvalidStateError):
        transceiver.stop()
    with pytest.raises(InvalidStateError):
        await pc.createAnswer()
    with pytest.raises(InvalidStateError):
        sender.setStreams()


async def test_setRemoteDescription_bad_argument_raises_TypeError() -> None:
    """WebIDL: a description needs a known "type"; the sdp must be a string."""
    pc = RTCPeerConnection()
    for bad in (None, {"sdp": ""}, {"type": "bogus"}, {"type": "offer", "sdp": 5}, "offer"):
        with pytest.raises(TypeError):
            pc.setRemoteDescription(bad)  # type: ignore[arg-type]
    description = RTCSessionDescription({"type": "offer", "sdp": "v=0"})
    assert description.toJSON() == {"type": "offer", "sdp": "v=0"}


async def test_bundle_only_section_of_a_firefox_offer_is_not_rejected() -> None:
    """RFC 8843 §6: port 0 with a=bundle-only is no rejection; step 4.7.11.2.15 stops nothing."""
    pc = RTCPeerConnection()
    tracks: list[str] = []
    pc.ontrack = lambda event: tracks.append(event.track.kind)
    offer = _capture("firefox-offer-bundle-only.sdp")
    assert "m=video 0 " in offer and "a=bundle-only" in offer
    await pc.setRemoteDescription({"type": "offer", "sdp": offer})
    assert tracks == ["audio", "video", "video"]
    assert [t.direction for t in pc.getTransceivers()] == ["recvonly"] * 3
    answer = await pc.createAnswer()
    assert [s.split()[:3] for s in _sections(answer.sdp)] == [
        ["audio", "9", "recvonly"], ["video", "9", "recvonly"], ["video", "9", "recvonly"]
    ]
    await pc.setLocalDescription(answer)
    assert [t.currentDirection for t in pc.getTransceivers()] == ["recvonly"] * 3
