"""The signaling state machine, as one table applied in one place.

Rows come from RFC 9429 §5.5/§5.6 and webrtc-pc's "set a session description" (rollback).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from webrtc_reference._dom.exceptions import InvalidStateError
from webrtc_reference._enums import RTCSdpType, RTCSignalingState, Side

STABLE: Final = RTCSignalingState.STABLE
HAVE_LOCAL_OFFER: Final = RTCSignalingState.HAVE_LOCAL_OFFER
HAVE_REMOTE_OFFER: Final = RTCSignalingState.HAVE_REMOTE_OFFER
HAVE_LOCAL_PRANSWER: Final = RTCSignalingState.HAVE_LOCAL_PRANSWER
HAVE_REMOTE_PRANSWER: Final = RTCSignalingState.HAVE_REMOTE_PRANSWER
LOCAL: Final = Side.LOCAL
REMOTE: Final = Side.REMOTE
OFFER: Final = RTCSdpType.OFFER
ANSWER: Final = RTCSdpType.ANSWER
PRANSWER: Final = RTCSdpType.PRANSWER
ROLLBACK: Final = RTCSdpType.ROLLBACK

# (state, applied by, description type) -> next state. A missing key is InvalidStateError.
SIGNALING: Final[Mapping[tuple[RTCSignalingState, Side, RTCSdpType], RTCSignalingState]] = {
    (STABLE,               LOCAL,  OFFER):    HAVE_LOCAL_OFFER,
    (STABLE,               REMOTE, OFFER):    HAVE_REMOTE_OFFER,
    (HAVE_LOCAL_OFFER,     LOCAL,  OFFER):    HAVE_LOCAL_OFFER,
    (HAVE_LOCAL_OFFER,     REMOTE, PRANSWER): HAVE_REMOTE_PRANSWER,
    (HAVE_LOCAL_OFFER,     REMOTE, ANSWER):   STABLE,
    (HAVE_REMOTE_PRANSWER, REMOTE, PRANSWER): HAVE_REMOTE_PRANSWER,
    (HAVE_REMOTE_PRANSWER, REMOTE, ANSWER):   STABLE,
    (HAVE_REMOTE_OFFER,    REMOTE, OFFER):    HAVE_REMOTE_OFFER,
    (HAVE_REMOTE_OFFER,    LOCAL,  PRANSWER): HAVE_LOCAL_PRANSWER,
    (HAVE_REMOTE_OFFER,    LOCAL,  ANSWER):   STABLE,
    (HAVE_LOCAL_PRANSWER,  LOCAL,  PRANSWER): HAVE_LOCAL_PRANSWER,
    (HAVE_LOCAL_PRANSWER,  LOCAL,  ANSWER):   STABLE,
    # webrtc-pc "set a session description" step 2: rollback is rejected in stable and in
    # both pranswer states, so it is allowed, from either side, only with an offer pending.
    (HAVE_LOCAL_OFFER,     LOCAL,  ROLLBACK): STABLE,
    (HAVE_LOCAL_OFFER,     REMOTE, ROLLBACK): STABLE,
    (HAVE_REMOTE_OFFER,    LOCAL,  ROLLBACK): STABLE,
    (HAVE_REMOTE_OFFER,    REMOTE, ROLLBACK): STABLE,
}


def next_signaling_state(
    state: RTCSignalingState, side: Side, sdp_type: RTCSdpType
) -> RTCSignalingState:
    """The state after applying a *side* description of *sdp_type* in *state*."""
    try:
        return SIGNALING[(state, side, sdp_type)]
    except KeyError:
        raise InvalidStateError(
            f"cannot apply {side} {sdp_type} in signaling state {state}"
        ) from None


def _states_with(side: Side, *types: RTCSdpType) -> frozenset[RTCSignalingState]:
    return frozenset(state for (state, by, kind) in SIGNALING if by is side and kind in types)


# Derived from the table, never written out a second time.
OFFER_STATES: Final = _states_with(LOCAL, OFFER)  # createOffer() step 1 ("create an offer")
ANSWER_STATES: Final = _states_with(LOCAL, ANSWER, PRANSWER)  # "create an answer" step 1
ROLLBACK_STATES: Final = _states_with(LOCAL, ROLLBACK) | _states_with(REMOTE, ROLLBACK)


class SignalingMachine:
    """[[SignalingState]] and the only code that writes it: descriptions, rollback, close."""

    def __init__(self) -> None:
        self._state = STABLE

    @property
    def state(self) -> RTCSignalingState:
        return self._state

    # Predicates, read off the table.
    @property
    def may_create_offer(self) -> bool:
        return self._state in OFFER_STATES

    @property
    def may_create_answer(self) -> bool:
        return self._state in ANSWER_STATES

    @property
    def may_roll_back(self) -> bool:
        """Set a session description step 2: rollback needs an offer pending."""
        return self._state in ROLLBACK_STATES

    @property
    def implicit_local_type(self) -> RTCSdpType:
        """setLocalDescription() step 4.1: an answer where one may be created, else an offer."""
        return ANSWER if self.may_create_answer else OFFER

    def allows(self, side: Side, sdp_type: RTCSdpType) -> bool:
        return (self._state, side, sdp_type) in SIGNALING

    def next_state(self, side: Side, sdp_type: RTCSdpType) -> RTCSignalingState:
        """The state *side* applying *sdp_type* leads to; InvalidStateError if none."""
        return next_signaling_state(self._state, side, sdp_type)

    # The writers.
    def apply(self, side: Side, sdp_type: RTCSdpType) -> RTCSignalingState:
        """Move along the table's row (a rollback included); return the old state."""
        old, self._state = self._state, self.next_state(side, sdp_type)
        return old

    def close(self) -> None:
        """Close the connection step 3: "closed", outside the table and without an event."""
        self._state = RTCSignalingState.CLOSED
