"""The SDP codec (RFC 8866) of the reference implementation, the way Chromium writes SDP.

``model`` holds the data, ``grammar`` the patterns shared by ``parse`` and ``write``, and
``build`` the browser-like m-sections of local descriptions. The RTCPeerConnection side
decides directions, mids, msids and ports (JSEP, RFC 9429); this package only models, writes
and reads the text. It imports nothing of the WebRTC interfaces.
"""

from __future__ import annotations

from webrtc_reference._sdp.build import (
    default_codecs,
    media_section,
    new_dtls_fingerprint,
    new_ice_credentials,
    new_session_id,
    offer_answer_session,
)
from webrtc_reference._sdp.model import (
    DIRECTIONS,
    Codec,
    MediaSection,
    SdpSyntaxError,
    SessionDescriptionSdp,
)
from webrtc_reference._sdp.parse import parse_sdp
from webrtc_reference._sdp.write import serialize_sdp

__all__ = [
    "DIRECTIONS",
    "Codec",
    "MediaSection",
    "SdpSyntaxError",
    "SessionDescriptionSdp",
    "default_codecs",
    "media_section",
    "new_dtls_fingerprint",
    "new_ice_credentials",
    "new_session_id",
    "offer_answer_session",
    "parse_sdp",
    "serialize_sdp",
]
