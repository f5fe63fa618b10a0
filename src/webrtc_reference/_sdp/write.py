"""Write the model of ``_sdp_model`` as SDP text (RFC 8866), CRLF line endings, linear time.

Values are checked before anything is written, so a description that could not be read back
raises ValueError instead of producing broken text.
"""

from __future__ import annotations

from typing import Final

from webrtc_reference._sdp.grammar import FINGERPRINT, MAX_MSID_ID, NUMBER, PAYLOAD, TOKEN
from webrtc_reference._sdp.model import (
    DIRECTIONS,
    Codec,
    MediaSection,
    SessionDescriptionSdp,
)

CRLF: Final = "\r\n"


def serialize_sdp(description: SessionDescriptionSdp) -> str:
    """Return *description* as SDP text with CRLF line endings, ending with CRLF."""
    _check_session(description)
    lines = [
        "v=0",
        f"o=- {description.session_id} {description.session_version} IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
    ]
    lines.extend(
        "a=group:BUNDLE" + "".join(" " + mid for mid in group)
        for group in description.bundle_groups
    )
    _write_transport(
        lines,
        description.ice_ufrag,
        description.ice_pwd,
        description.fingerprint,
        description.setup,
    )
    lines.extend("a=" + attribute for attribute in description.extra_attributes)
    for section in description.media:
        _write_media(lines, section)
    return CRLF.join(lines) + CRLF


def _write_transport(
    lines: list[str],
    ufrag: str | None,
    pwd: str | None,
    fingerprint: tuple[str, str] | None,
    setup: str | None,
) -> None:
    if ufrag is not None:
        lines.append(f"a=ice-ufrag:{ufrag}")
    if pwd is not None:
        lines.append(f"a=ice-pwd:{pwd}")
    if fingerprint is not None:
        lines.append(f"a=fingerprint:{fingerprint[0]} {fingerprint[1]}")
    if setup is not None:
        lines.append(f"a=setup:{setup}")


def _write_media(lines: list[str], section: MediaSection) -> None:
    lines.append(f"m={section.kind} {section.port} {section.protocol} {' '.join(section.formats)}")
    lines.append("c=IN IP4 0.0.0.0")
    _write_transport(lines, section.ice_ufrag, section.ice_pwd, section.fingerprint, section.setup)
    if section.mid is not None:
        lines.append(f"a=mid:{section.mid}")
    # A data section has no direction (RFC 8841); sendrecv is what a reader assumes anyway.
    if section.kind != "application" or section.direction != "sendrecv":
        lines.append(f"a={section.direction}")
    lines.extend(f"a=msid:{stream} {track}".rstrip() for stream, track in section.msids)
    if section.rtcp_mux:
        lines.append("a=rtcp-mux")
    if section.bundle_only:
        lines.append("a=bundle-only")
    for codec in section.codecs:
        _write_codec(lines, codec)
    lines.extend("a=" + attribute for attribute in section.extra_attributes)


def _write_codec(lines: list[str], codec: Codec) -> None:
    pt = codec.payload_type
    channels = "" if codec.channels is None else f"/{codec.channels}"
    lines.append(f"a=rtpmap:{pt} {codec.name}/{codec.clock_rate}{channels}")
    lines.extend(f"a=rtcp-fb:{pt} {value}" for value in codec.rtcp_fb)
    if codec.fmtp is not None:
        lines.append(f"a=fmtp:{pt} {codec.fmtp}")


def _check_session(description: SessionDescriptionSdp) -> None:
    if NUMBER.fullmatch(description.session_id) is None:
        raise ValueError(f"session_id must be a decimal string, not {description.session_id!r}")
    if not 0 <= description.session_version < 10**20:
        raise ValueError(f"session_version out of range: {description.session_version}")
    for group in description.bundle_groups:
        for mid in group:
            _check_token("BUNDLE mid", mid)
    _check_transport(
        description.ice_ufrag, description.ice_pwd, description.fingerprint, description.setup
    )
    _check_lines("session attribute", description.extra_attributes)
    for section in description.media:
        _check_media(section)


def _check_media(section: MediaSection) -> None:
    _check_token("media kind", section.kind)
    _check_token("protocol", section.protocol.replace("/", "-"))
    if not 0 <= section.port <= 65535:
        raise ValueError(f"port must be 0-65535, not {section.port}")
    if not section.formats:
        raise ValueError(f"m={section.kind} needs at least one format")
    rtp = "RTP/" in section.protocol
    for fmt in section.formats:
        _check_token("format", fmt)
        if rtp and (PAYLOAD.fullmatch(fmt) is None or int(fmt) > 127):
            raise ValueError(f"RTP format must be a payload type 0-127, not {fmt!r}")
    if section.mid is not None:
        _check_token("mid", section.mid)
    if section.direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {section.direction!r}")
    for stream, track in section.msids:
        # RFC 8830 §2: 1-64 token chars each; an empty track id writes no appdata.
        values = [stream, track] if track else [stream]
        if not all(TOKEN.fullmatch(value) and len(value) <= MAX_MSID_ID for value in values):
            raise ValueError(f"bad msid {(stream, track)!r}: 1-64 RFC 8866 token chars each")
    _check_transport(section.ice_ufrag, section.ice_pwd, section.fingerprint, section.setup)
    for codec in section.codecs:
        _check_codec(codec, section.formats if rtp else [])
    _check_lines("media attribute", section.extra_attributes)


def _check_codec(codec: Codec, formats: list[str]) -> None:
    if str(codec.payload_type) not in formats:
        raise ValueError(f"codec payload type {codec.payload_type} is not in the m= formats")
    if not codec.name or any(c in codec.name for c in "/ \r\n\x00"):
        raise ValueError(f"bad codec name {codec.name!r}")
    if not 0 <= codec.clock_rate < 10**10:
        raise ValueError(f"bad clock rate {codec.clock_rate}")
    if codec.channels is not None and not 0 <= codec.channels <= 999:
        raise ValueError(f"bad channel count {codec.channels}")
    _check_lines("fmtp/rtcp-fb value", ([] if codec.fmtp is None else [codec.fmtp]) + codec.rtcp_fb)


def _check_transport(
    ufrag: str | None, pwd: str | None, fingerprint: tuple[str, str] | None, setup: str | None
) -> None:
    for name, value in (("ice-ufrag", ufrag), ("ice-pwd", pwd), ("setup", setup)):
        if value is not None and (not value or any(c in value for c in " \r\n\x00")):
            raise ValueError(f"bad {name} value {value!r}")
    if fingerprint is not None and FINGERPRINT.fullmatch(" ".join(fingerprint)) is None:
        raise ValueError(f"bad fingerprint {fingerprint!r}: needs (hash function, 'AB:CD:...')")


def _check_token(what: str, value: str) -> None:
    if TOKEN.fullmatch(value) is None:
        raise ValueError(f"bad {what} {value!r}: must be RFC 8866 token characters")


def _check_lines(what: str, values: list[str]) -> None:
    for value in values:
        if not value or value[0] == " " or any(c in value for c in "\r\n\x00"):
            raise ValueError(f"bad {what} {value!r}")
