"""RTCTrackEvent: the event a remote description's new track fires at the connection."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from webrtc_reference._dom.events import Event
from webrtc_reference._media import MediaStream, MediaStreamTrack
from webrtc_reference._rtp import RTCRtpReceiver, RTCRtpTransceiver


@dataclass(frozen=True, eq=False)
class RTCTrackEvent(Event):
    """https://w3c.github.io/webrtc-pc/#rtctrackevent"""

    receiver: RTCRtpReceiver = field(kw_only=True)
    track: MediaStreamTrack = field(kw_only=True)
    streams: Sequence[MediaStream] = field(kw_only=True, default=())
    transceiver: RTCRtpTransceiver = field(kw_only=True)
