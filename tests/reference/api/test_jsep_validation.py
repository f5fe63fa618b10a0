"""JSEP m-line bookkeeping, remote-description validation, and the operations chain's edges.

Spec: https://w3c.github.io/webrtc-pc/#set-description, https://w3c.github.io/webrtc-pc/#dfn-chain
"""

from __future__ import annotations

import asyncio
import re

import pytest

from tests.reference.reference_helpers import media, negotiate, tasks_run
from webrtc_reference import (
    InvalidAccessError,
    InvalidStateError,
    RTCError,
    RTCPeerConnection,
    RTCSessionDescription,
)


async def _offer(kinds: tuple[str, ...] = ("audio",)) -> str:
    peer = RTCPeerConnection()
    for kind in kinds:
        peer.addTransceiver(kind)
    return (await peer.createOffer()).sdp


@pytest.mark.parametrize(
    ("edit", "message"),
    [(lambda sdp: re.sub(r"a=mid:0\r\n", "", sdp), "has no a=mid"),
     (lambda sdp: sdp.replace("a=mid:1", "a=mid:0").replace("BUNDLE 0 1", "BUNDLE 0"),
      "used by two"),
     (lambda sdp: sdp.replace("a=rtcp-mux\r\n", ""), "RTCP mux")],
)
async def test_step4_6_6_remote_offer_content_errors(edit: object, message: str) -> None:
    """Step 4.6.6: a missing or repeated mid, or no rtcp-mux, is InvalidAccessError."""
    pc = RTCPeerConnection()
    sdp = edit(await _offer(("audio", "video")))  # type: ignore[operator]
    with pytest.raises(InvalidAccessError, match=message):
        await pc.setRemoteDescription({"type": "offer", "sdp": sdp})
    assert pc.getTransceivers() == [] and pc.signalingState == "stable"


async def test_step4_6_6_answer_with_other_mid_is_rejected() -> None:
    """RFC 9429 §5.8: an answer keeps the offered m-lines and mids."""
    pc = RTCPeerConnection()
    pc.addTransceiver("audio")
    await pc.setLocalDescription()
    answerer = RTCPeerConnection()
    await answerer.setRemoteDescription(pc.localDescription)  # type: ignore[arg-type]
    answer = (await answerer.createAnswer()).sdp.replace("mid:0", "mid:9").replace(
        "BUNDLE 0", "BUNDLE 9")
    with pytest.raises(InvalidAccessError, match="expected audio mid 0"):
        await pc.setRemoteDescription({"type": "answer", "sdp": answer})


async def test_step4_6_6_re_offer_dropping_an_m_line_is_rejected() -> None:
    """RFC 9429 §5.7: a subsequent offer keeps every m-line."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    caller.addTransceiver("audio")
    caller.addTransceiver("video")
    await negotiate(caller, callee)
    with pytest.raises(InvalidAccessError, match="fewer m-sections"):
        await callee.setRemoteDescription({"type": "offer", "sdp": await _offer()})


async def test_removed_transceiver_leaves_a_rejected_m_line_in_later_offers() -> None:
    """JSEP §5.2.2: an m-line stays (port 0) after its transceiver left the set."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    first = caller.addTransceiver("audio")
    await negotiate(caller, callee)
    first.stop()
    await negotiate(caller, callee)
    assert caller.getTransceivers() == [] and callee.getTransceivers() == []
    added = caller.addTransceiver("video")
    await negotiate(caller, callee)
    sdp = caller.currentLocalDescription.sdp  # type: ignore[union-attr]
    assert [line for line in sdp.splitlines() if line.startswith("m=")] == [
        "m=audio 0 UDP/TLS/RTP/SAVPF 111", "m=video 9 UDP/TLS/RTP/SAVPF 96"]
    assert added.mid == "1" and added.currentDirection == "sendonly"


async def test_new_mid_skips_mids_the_remote_side_used() -> None:
    """Mids are unique in the session: a local one never reuses a remote one."""
    pc = RTCPeerConnection()
    offer = (await _offer()).replace("a=mid:0", "a=mid:1").replace("BUNDLE 0", "BUNDLE 1")
    await pc.setRemoteDescription({"type": "offer", "sdp": offer})
    await pc.setLocalDescription()
    added = pc.addTransceiver("video")
    await pc.setLocalDescription()
    assert [t.mid for t in pc.getTransceivers()] == ["1", "2"] and added.mid == "2"


async def test_local_answer_that_stops_receiving_removes_the_remote_track() -> None:
    """Step 4.7.11.1.7.3: an answer not receiving any more empties the remote streams."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media()
    caller.addTrack(track, stream)
    await negotiate(caller, callee)
    [transceiver] = callee.getTransceivers()
    [remote_stream] = transceiver.receiver._associated_remote_media_streams
    transceiver.direction = "inactive"
    await caller.setLocalDescription(await caller.createOffer())
    await callee.setRemoteDescription(caller.localDescription)  # type: ignore[arg-type]
    assert remote_stream.getTracks() == [transceiver.receiver.track]
    await callee.setLocalDescription(await callee.createAnswer())
    assert remote_stream.getTracks() == []
    assert transceiver.currentDirection == "inactive"


async def test_step4_7_17_an_unmuted_remote_track_gets_mute() -> None:
    """Step 4.7.17: were media flowing (track unmuted), the removal would fire mute."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media()
    sender = caller.addTrack(track, stream)
    await negotiate(caller, callee)
    remote = callee.getReceivers()[0].track
    remote._muted = False  # as if RTP had arrived
    seen: list[str] = []
    remote.onmute = lambda event: seen.append("mute")
    caller.removeTrack(sender)
    await negotiate(caller, callee)
    assert seen == ["mute"] and remote.muted


async def test_stopped_transceiver_is_skipped_by_a_local_description() -> None:
    """Step 4.7.11.1.3: a stopped transceiver's m-section changes nothing."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    caller.addTransceiver("audio")
    await negotiate(caller, callee)
    await caller.setLocalDescription(await caller.createOffer())
    await callee.setRemoteDescription(caller.localDescription)  # type: ignore[arg-type]
    [transceiver] = callee.getTransceivers()
    answer = await callee.createAnswer()
    transceiver._stop_the_transceiver()
    await callee.setLocalDescription(answer)
    assert transceiver.currentDirection == "stopped"
    assert callee.getTransceivers() == [transceiver]  # its m-line was not rejected


async def test_negotiation_check_step5_4_stopped_but_not_rejected_needs_negotiation() -> None:
    """Check step 5.4: stopped and associated, m-section not rejected yet: true."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    caller.addTransceiver("audio")
    caller.addTransceiver("video").stop()  # stopped before association: not counted
    await negotiate(caller, callee)
    [audio, _video] = caller.getTransceivers()
    await tasks_run()
    caller._negotiation_needed = False
    fired: list[str] = []
    caller.onnegotiationneeded = lambda event: fired.append(event.type)
    audio._stop_the_transceiver()  # as a rejected remote m-section would, unnegotiated
    caller._update_negotiation_needed_flag()
    await tasks_run()
    assert fired == ["negotiationneeded"]


async def test_pending_operations_never_settle_after_close() -> None:
    """Chain step 7.1 and the tasks' first steps: closing leaves promises pending."""
    pc = RTCPeerConnection()
    pc.addTransceiver("audio")
    applying = pc.setRemoteDescription({"type": "offer", "sdp": await _offer()})
    pc.close()
    await tasks_run()
    assert not applying.done()
    other = RTCPeerConnection()
    await other.setRemoteDescription({"type": "offer", "sdp": await _offer()})
    answering = other.createAnswer()
    other.close()
    await tasks_run()
    assert not answering.done()


async def test_chain_cancelled_promise_does_not_block_the_chain() -> None:
    """A caller may cancel its future; the next chained operation still runs."""
    pc = RTCPeerConnection()
    pc.addTransceiver("audio")
    first = pc.createOffer()
    first.cancel()
    second = await pc.createOffer()
    assert second.type == "offer"


async def test_chain_operation_that_raises_rejects() -> None:
    """An operation that throws rejects its promise, like a JS function in a promise chain."""
    pc = RTCPeerConnection()

    def broken() -> asyncio.Future[None]:
        raise OSError("operation failed")

    with pytest.raises(OSError):
        await pc._chain.chain(broken)
    assert not pc._chain.busy


async def test_glare_offer_with_bad_sdp_rolls_back_then_rejects() -> None:
    """setRemoteDescription step 3.1: the rollback applies; the bad offer then rejects."""
    pc = RTCPeerConnection()
    pc.addTransceiver("audio")
    await pc.setLocalDescription()
    with pytest.raises(RTCError):
        await pc.setRemoteDescription({"type": "offer", "sdp": "v=0\r\n"})
    assert pc.signalingState == "stable"


async def test_implicit_answer_in_stable_rejects_with_InvalidStateError() -> None:
    """setLocalDescription step 4.5: creating the answer fails outside have-remote-offer."""
    pc = RTCPeerConnection()
    with pytest.raises(InvalidStateError, match="createAnswer"):
        await pc.setLocalDescription({"type": "answer", "sdp": None})


def test_description_parses_its_sdp_on_demand_and_configuration_is_checked() -> None:
    sdp = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
    description = RTCSessionDescription({"type": "offer", "sdp": sdp})
    assert description._model.media == [] and "offer" in repr(description)
    with pytest.raises(TypeError):
        RTCPeerConnection("config")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        RTCSessionDescription({"sdp": ""})


async def test_answers_keep_the_negotiated_dtls_role() -> None:
    """RFC 8842 §5.5: once an answer fixed the DTLS roles, a later answer keeps them."""
    first, second = RTCPeerConnection(), RTCPeerConnection()
    first.addTransceiver("audio")
    await negotiate(first, second)  # second answers "active": first is passive
    second.addTransceiver("video")
    await negotiate(second, first)
    answer = first.currentLocalDescription.sdp  # type: ignore[union-attr]
    setups = {line for line in answer.splitlines() if line.startswith("a=setup:")}
    assert setups == {"a=setup:passive"}
    offer = second.currentLocalDescription.sdp  # type: ignore[union-attr]
    assert {line for line in offer.splitlines() if line.startswith("a=setup:")} == {
        "a=setup:actpass"}
