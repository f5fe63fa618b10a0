"""The signaling state table: every legal and illegal transition, from the table itself.

Spec: https://w3c.github.io/webrtc-pc/#set-description and RFC 9429 §5.5/§5.6
"""

from __future__ import annotations

import itertools

import pytest

from webrtc_reference import InvalidStateError, RTCPeerConnection, RTCSdpType, RTCSignalingState
from webrtc_reference._enums import Side
from webrtc_reference._signaling import SIGNALING, SignalingMachine, next_signaling_state

States = RTCSignalingState
L, R = Side.LOCAL, Side.REMOTE
OFFER, PRANSWER, ANSWER, ROLLBACK = (RTCSdpType.OFFER, RTCSdpType.PRANSWER, RTCSdpType.ANSWER,
                                     RTCSdpType.ROLLBACK)
# Written out here from RFC 9429 §5.5/§5.6 (the state diagram) and webrtc-pc "set a session
# description" step 2, independently of SIGNALING: from each state, what may be applied.
EXPECTED = {
    States.STABLE: {(L, OFFER): States.HAVE_LOCAL_OFFER, (R, OFFER): States.HAVE_REMOTE_OFFER},
    States.HAVE_LOCAL_OFFER: {
        (L, OFFER): States.HAVE_LOCAL_OFFER, (R, PRANSWER): States.HAVE_REMOTE_PRANSWER,
        (R, ANSWER): States.STABLE, (L, ROLLBACK): States.STABLE, (R, ROLLBACK): States.STABLE},
    States.HAVE_REMOTE_OFFER: {
        (R, OFFER): States.HAVE_REMOTE_OFFER, (L, PRANSWER): States.HAVE_LOCAL_PRANSWER,
        (L, ANSWER): States.STABLE, (L, ROLLBACK): States.STABLE, (R, ROLLBACK): States.STABLE},
    States.HAVE_REMOTE_PRANSWER: {
        (R, PRANSWER): States.HAVE_REMOTE_PRANSWER, (R, ANSWER): States.STABLE},
    States.HAVE_LOCAL_PRANSWER: {
        (L, PRANSWER): States.HAVE_LOCAL_PRANSWER, (L, ANSWER): States.STABLE},
}
ALL = list(itertools.product(
    [s for s in States if s is not States.CLOSED], list(Side), list(RTCSdpType)))


async def _offer_from_fresh_peer() -> str:
    peer = RTCPeerConnection()
    peer.addTransceiver("audio")
    offer = await peer.createOffer()
    return offer.sdp


async def _answer_to(offer_sdp: str) -> str:
    peer = RTCPeerConnection()
    await peer.setRemoteDescription({"type": "offer", "sdp": offer_sdp})
    answer = await peer.createAnswer()
    return answer.sdp


async def _connection_in(state: RTCSignalingState) -> RTCPeerConnection:
    """A connection with one audio transceiver, brought into *state* through the API."""
    pc = RTCPeerConnection()
    pc.addTransceiver("audio")
    if state in (States.HAVE_LOCAL_OFFER, States.HAVE_REMOTE_PRANSWER):
        await pc.setLocalDescription()
    if state is States.HAVE_REMOTE_PRANSWER:
        answer = await _answer_to(pc.localDescription.sdp)  # type: ignore[union-attr]
        await pc.setRemoteDescription({"type": "pranswer", "sdp": answer})
    if state in (States.HAVE_REMOTE_OFFER, States.HAVE_LOCAL_PRANSWER):
        await pc.setRemoteDescription({"type": "offer", "sdp": await _offer_from_fresh_peer()})
    if state is States.HAVE_LOCAL_PRANSWER:
        await pc.setLocalDescription({"type": "pranswer"})
    assert pc.signalingState == state
    return pc


async def _apply(pc: RTCPeerConnection, side: Side, sdp_type: RTCSdpType) -> None:
    if side is Side.LOCAL:
        await pc.setLocalDescription({"type": sdp_type})  # implicit offer or answer
        return
    if sdp_type is RTCSdpType.OFFER:
        sdp = await _offer_from_fresh_peer()
    elif sdp_type is RTCSdpType.ROLLBACK:
        sdp = ""
    elif pc.pendingLocalDescription is not None and pc.pendingLocalDescription.type == "offer":
        sdp = await _answer_to(pc.pendingLocalDescription.sdp)
    else:
        sdp = await _answer_to(await _offer_from_fresh_peer())
    await pc.setRemoteDescription({"type": sdp_type, "sdp": sdp})


@pytest.mark.parametrize(("state", "side", "sdp_type"), ALL,
                         ids=[f"{s}-{side}-{t}" for s, side, t in ALL])
async def test_signaling_table_transition(state: States, side: Side, sdp_type: RTCSdpType) -> None:
    """Each (state, side, type): the table's next state, or InvalidStateError and no change."""
    pc = await _connection_in(state)
    changes: list[str] = []
    pc.onsignalingstatechange = lambda event: changes.append(str(pc.signalingState))
    expected = EXPECTED[state].get((side, sdp_type))
    implicit_rollback = (state, side, sdp_type) == (
        States.HAVE_LOCAL_OFFER, Side.REMOTE, RTCSdpType.OFFER)
    if expected is None and not implicit_rollback:
        with pytest.raises(InvalidStateError):
            await _apply(pc, side, sdp_type)
        assert pc.signalingState == state
        assert changes == []
        return
    await _apply(pc, side, sdp_type)
    if implicit_rollback:  # setRemoteDescription step 3.1: rollback, then the offer
        assert changes == ["stable", "have-remote-offer"]
        return
    assert pc.signalingState == expected
    assert changes == ([] if expected == state else [str(expected)])


@pytest.mark.parametrize(("side", "sdp_type"), list(itertools.product(Side, RTCSdpType)))
async def test_signaling_closed_rejects_everything(side: Side, sdp_type: RTCSdpType) -> None:
    """Closed: chaining rejects every call with InvalidStateError (chain step 2)."""
    pc = RTCPeerConnection()
    pc.close()
    with pytest.raises(InvalidStateError):
        if side is Side.LOCAL:
            await pc.setLocalDescription({"type": sdp_type})
        else:
            await pc.setRemoteDescription({"type": sdp_type, "sdp": ""})
    assert pc.signalingState == "closed"


def test_signaling_illegal_message_names_state_and_type() -> None:
    """A missing key raises InvalidStateError naming the state, side and type."""
    expected = "cannot apply local answer in signaling state stable"
    with pytest.raises(InvalidStateError, match=expected):
        next_signaling_state(States.STABLE, Side.LOCAL, RTCSdpType.ANSWER)


async def test_signaling_implicit_rollback_refused_from_pranswer() -> None:
    """setRemoteDescription step 3.1: the implicit rollback fails in have-remote-pranswer."""
    pc = await _connection_in(States.HAVE_REMOTE_PRANSWER)
    with pytest.raises(InvalidStateError, match="roll back"):
        await pc.setRemoteDescription({"type": "offer", "sdp": await _offer_from_fresh_peer()})
    assert pc.signalingState == "have-remote-pranswer"


def test_signaling_table_has_exactly_the_expected_rows() -> None:
    rows = {(state, side, sdp_type): next_state for state, moves in EXPECTED.items()
            for (side, sdp_type), next_state in moves.items()}
    assert dict(SIGNALING) == rows


@pytest.mark.parametrize("state", [s for s in States if s is not States.CLOSED])
def test_signaling_machine_predicates(state: States) -> None:
    """create an offer/answer step 1, rollback (set a session description step 2), SLD 4.1."""
    machine = SignalingMachine()
    machine._state = state
    offering = {States.STABLE, States.HAVE_LOCAL_OFFER}
    answering = {States.HAVE_REMOTE_OFFER, States.HAVE_LOCAL_PRANSWER}
    assert machine.may_create_offer == (state in offering)
    assert machine.may_create_answer == (state in answering)
    assert machine.may_roll_back == (state in {States.HAVE_LOCAL_OFFER, States.HAVE_REMOTE_OFFER})
    assert machine.implicit_local_type == (ANSWER if state in answering else OFFER)


def test_signaling_machine_is_the_only_writer_and_close_leaves_the_table() -> None:
    machine = SignalingMachine()
    assert machine.apply(L, OFFER) is States.STABLE  # returns the old state
    assert machine.state is States.HAVE_LOCAL_OFFER
    with pytest.raises(InvalidStateError):
        machine.apply(L, ANSWER)
    assert machine.state is States.HAVE_LOCAL_OFFER  # a refused move changes nothing
    machine.close()
    assert str(machine.state) == "closed"
    assert not (machine.may_create_offer or machine.may_create_answer or machine.may_roll_back)
