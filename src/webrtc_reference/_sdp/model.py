"""The data model of SDP text: sessions, media sections, codecs, and the syntax error.

The parser reads text into it and the writer writes it out; the public names are
re-exported by ``webrtc_reference._sdp``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

# RFC 8866 §6.7: the four direction attributes; sendrecv is the default when none is given.
DIRECTIONS: Final = ("sendrecv", "sendonly", "recvonly", "inactive")


class SdpSyntaxError(ValueError):
    """SDP text that does not parse; .line_number is 1-based (the RTCError sdpLineNumber)."""

    line_number: int

    def __init__(self, message: str, line_number: int) -> None:
        super().__init__(f"line {line_number}: {message}")
        self.message = message
        self.line_number = line_number


@dataclass
class Codec:
    """One RTP payload format: a=rtpmap plus its a=fmtp and a=rtcp-fb lines."""

    payload_type: int
    name: str  # "opus", "VP8", ...
    clock_rate: int
    channels: int | None = None
    fmtp: str | None = None  # parameters after "a=fmtp:<pt> "
    rtcp_fb: list[str] = field(default_factory=list)  # values after "a=rtcp-fb:<pt> "


@dataclass
class MediaSection:
    """One m-section (RFC 8866 §5.14) with the attributes JSEP gives meaning to."""

    kind: str  # the m= media token: "audio", "video", "application", ...
    port: int  # 0 = rejected, unless bundle_only (see rejected)
    protocol: str = "UDP/TLS/RTP/SAVPF"
    formats: list[str] = field(default_factory=list)  # the m= line's format tokens, in order
    mid: str | None = None
    direction: str = "sendrecv"  # a=sendrecv/sendonly/recvonly/inactive; sendrecv when absent
    # a=msid:<stream id> <track id>; stream id "-" = no stream
    msids: list[tuple[str, str]] = field(default_factory=list)
    codecs: list[Codec] = field(default_factory=list)
    ice_ufrag: str | None = None
    ice_pwd: str | None = None
    fingerprint: tuple[str, str] | None = None  # (hash function, hex value) from a=fingerprint
    setup: str | None = None  # actpass / active / passive
    rtcp_mux: bool = False
    bundle_only: bool = False
    # other a= lines, verbatim without "a=", in order (kept on round trip)
    extra_attributes: list[str] = field(default_factory=list)
    # 1-based line of the m= line when parsed; 0 when built. Not part of equality, so that
    # a parsed section compares equal to the section it was written from.
    line_number: int = field(default=0, compare=False)

    @property
    def rejected(self) -> bool:
        """Port 0 rejects the section (RFC 3264 §6), except with a=bundle-only.

        RFC 8843 §6 updates RFC 3264: a zero port with a=bundle-only asks for the section to be
        used only inside its BUNDLE group; it is not rejected. Offers with JSEP's "balanced"
        bundle policy (RFC 9429 §4.1.1, Firefox's) mark sections this way.
        """
        return self.port == 0 and not self.bundle_only


@dataclass
class SessionDescriptionSdp:
    """A whole session description: the session part and its media sections."""

    session_id: str  # from o=
    session_version: int  # from o=
    media: list[MediaSection] = field(default_factory=list)
    bundle_groups: list[list[str]] = field(default_factory=list)  # a=group:BUNDLE mids
    ice_ufrag: str | None = None  # session-level values; media-level ones win
    ice_pwd: str | None = None
    fingerprint: tuple[str, str] | None = None
    setup: str | None = None
    # other session-level a= lines (e.g. "extmap-allow-mixed", "msid-semantic: WMS")
    extra_attributes: list[str] = field(default_factory=list)
