"""A pure-Python model of the W3C WebRTC API around RTCPeerConnection.removeTrack().

It follows w3c/webrtc-pc at the commit in ``_spec.SPEC_COMMIT``; JavaScript examples translate
line by line (IDL names, ``None`` for null, dicts for dictionaries, futures for promises).
"""

from __future__ import annotations

from webrtc_reference._description import RTCSessionDescription
from webrtc_reference._dom.events import Event, EventTarget
from webrtc_reference._dom.exceptions import (
    DOMException,
    InvalidAccessError,
    InvalidModificationError,
    InvalidStateError,
    OperationError,
    RTCError,
)
from webrtc_reference._enums import (
    MediaStreamTrackState,
    RTCIceConnectionState,
    RTCIceGatheringState,
    RTCPeerConnectionState,
    RTCRtpTransceiverDirection,
    RTCSdpType,
    RTCSignalingState,
)
from webrtc_reference._ice import RTCIceCandidate, RTCPeerConnectionIceEvent
from webrtc_reference._media import (
    MediaDevices,
    MediaStream,
    MediaStreamTrack,
    MediaStreamTrackEvent,
    Navigator,
    navigator,
)
from webrtc_reference._peerconnection import RTCPeerConnection
from webrtc_reference._rtp import RTCRtpReceiver, RTCRtpSender, RTCRtpTransceiver
from webrtc_reference._signaling import SIGNALING
from webrtc_reference._spec import SPEC_COMMIT, SPEC_URL
from webrtc_reference._track_event import RTCTrackEvent

__all__ = [
    "SIGNALING",
    "SPEC_COMMIT",
    "SPEC_URL",
    "DOMException",
    "Event",
    "EventTarget",
    "InvalidAccessError",
    "InvalidModificationError",
    "InvalidStateError",
    "MediaDevices",
    "MediaStream",
    "MediaStreamTrack",
    "MediaStreamTrackEvent",
    "MediaStreamTrackState",
    "Navigator",
    "OperationError",
    "RTCError",
    "RTCIceCandidate",
    "RTCIceConnectionState",
    "RTCIceGatheringState",
    "RTCPeerConnection",
    "RTCPeerConnectionIceEvent",
    "RTCPeerConnectionState",
    "RTCRtpReceiver",
    "RTCRtpSender",
    "RTCRtpTransceiver",
    "RTCRtpTransceiverDirection",
    "RTCSdpType",
    "RTCSessionDescription",
    "RTCSignalingState",
    "RTCTrackEvent",
    "navigator",
]

# Tracebacks and reprs name the public path (webrtc_reference.InvalidStateError), not the
# private module a class is defined in.
for _name in __all__:
    _public = globals()[_name]
    if isinstance(_public, type):
        _public.__module__ = __name__
del _name, _public
