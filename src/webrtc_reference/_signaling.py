"""The signaling state machine, as one table applied in one place.

Rows come from RFC 9429 §5.5/§5.6 and webrtc-pc's "set a session description" (rollback).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from webrtc_reference._enums import RTCSdpType, RTCSignalingState, Side
from webrtc_reference._exceptions import InvalidStateError

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


def is_allowed(state: RTCSignalingState, side: Side, sdp_type: RTCSdpType) -> bool:
    """Whether the table has a row for this transition."""
    return (state, side, sdp_type) in SIGNALING
