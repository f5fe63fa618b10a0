"""IDL enums as StrEnums whose values are the IDL strings."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

# The kinds of MediaStreamTrack, which are also the m= media types the model sends and
# receives; the one list every module checks against.
MEDIA_KINDS: Final = ("audio", "video")

class IdlEnum(StrEnum):
    """A StrEnum that reads like the JavaScript string, inside lists and tuples too."""

    def __repr__(self) -> str:
        return repr(self.value)


class RTCSignalingState(IdlEnum):
    """https://w3c.github.io/webrtc-pc/#rtcsignalingstate-enum"""

    STABLE = "stable"
    HAVE_LOCAL_OFFER = "have-local-offer"
    HAVE_REMOTE_OFFER = "have-remote-offer"
    HAVE_LOCAL_PRANSWER = "have-local-pranswer"
    HAVE_REMOTE_PRANSWER = "have-remote-pranswer"
    CLOSED = "closed"


class RTCSdpType(IdlEnum):
    """https://w3c.github.io/webrtc-pc/#rtcsdptype"""

    OFFER = "offer"
    PRANSWER = "pranswer"
    ANSWER = "answer"
    ROLLBACK = "rollback"


class RTCRtpTransceiverDirection(IdlEnum):
    """https://w3c.github.io/webrtc-pc/#dom-rtcrtptransceiverdirection"""

    SENDRECV = "sendrecv"
    SENDONLY = "sendonly"
    RECVONLY = "recvonly"
    INACTIVE = "inactive"
    STOPPED = "stopped"


class MediaStreamTrackState(IdlEnum):
    """https://w3c.github.io/mediacapture-main/#dom-mediastreamtrackstate"""

    LIVE = "live"
    ENDED = "ended"


class Side(IdlEnum):
    """Which description a call applies: setLocalDescription or setRemoteDescription."""

    LOCAL = "local"
    REMOTE = "remote"


Direction = RTCRtpTransceiverDirection
SENDING: Final = frozenset({Direction.SENDRECV, Direction.SENDONLY})
RECEIVING: Final = frozenset({Direction.SENDRECV, Direction.RECVONLY})
# RFC 9429 §5.3.1: the offered direction seen from the answerer's side.
REVERSED: Final = {
    Direction.SENDRECV: Direction.SENDRECV,
    Direction.SENDONLY: Direction.RECVONLY,
    Direction.RECVONLY: Direction.SENDONLY,
    Direction.INACTIVE: Direction.INACTIVE,
}


def intersect(first: Direction, second: Direction) -> Direction:
    """The direction that both allow: sends only if both send, receives only if both receive."""
    send = first in SENDING and second in SENDING
    receive = first in RECEIVING and second in RECEIVING
    return _FROM_FLAGS[(send, receive)]


_FROM_FLAGS: Final = {
    (True, True): Direction.SENDRECV,
    (True, False): Direction.SENDONLY,
    (False, True): Direction.RECVONLY,
    (False, False): Direction.INACTIVE,
}


class RTCIceGatheringState(IdlEnum):
    """https://w3c.github.io/webrtc-pc/#rtcicegatheringstate-enum"""

    NEW = "new"
    GATHERING = "gathering"
    COMPLETE = "complete"


class RTCIceConnectionState(IdlEnum):
    """https://w3c.github.io/webrtc-pc/#rtciceconnectionstate-enum (the model reaches new,
    checking, connected and closed)."""

    NEW = "new"
    CHECKING = "checking"
    CONNECTED = "connected"
    COMPLETED = "completed"
    DISCONNECTED = "disconnected"
    FAILED = "failed"
    CLOSED = "closed"


class RTCPeerConnectionState(IdlEnum):
    """https://w3c.github.io/webrtc-pc/#rtcpeerconnectionstate-enum"""

    NEW = "new"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    FAILED = "failed"
    CLOSED = "closed"
