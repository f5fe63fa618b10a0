"""Browser-like SDP: the codecs, credentials and m-sections a local description is built of.

The RTCPeerConnection side decides directions, mids, msids and ports (JSEP, RFC 9429); this
module only models, writes and reads the text (RFC 8866), the way Chromium writes it.
"""

from __future__ import annotations

import random
import secrets
import string
from typing import Final

from webrtc_reference._sdp.model import (
    DIRECTIONS,
    Codec,
    MediaSection,
    SessionDescriptionSdp,
)
from webrtc_reference._sdp.write import serialize_sdp

# RFC 8839 §5.4: ice-char = ALPHA / DIGIT / "+" / "/".
ICE_CHARS: Final = string.ascii_letters + string.digits + "+/"
_CNAME_CHARS: Final = string.ascii_letters + string.digits
_SENDING: Final = frozenset({"sendrecv", "sendonly"})
# As Chromium writes it: JSEP §5.2.1's dummy port 9 and address 0.0.0.0 before any candidate.
_DISCARD_ADDRESS: Final = "rtcp:9 IN IP4 0.0.0.0"


def default_codecs(kind: str) -> list[Codec]:
    """The codecs a local section offers: Opus for audio, VP8 for video (RFC 7874, RFC 7742).

    Payload types and parameters are the ones Chromium uses.
    """
    if kind == "audio":
        return [Codec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", ["transport-cc"])]
    if kind == "video":
        feedback = ["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"]
        return [Codec(96, "VP8", 90000, None, None, feedback)]
    raise ValueError(f"no default codecs for media kind {kind!r}: expected 'audio' or 'video'")


def new_ice_credentials() -> tuple[str, str]:
    """A fresh (ufrag, pwd): 8 and 24 ICE characters (RFC 8839 §5.4 asks 4+ and 22+)."""
    ufrag = "".join(secrets.choice(ICE_CHARS) for _ in range(8))
    pwd = "".join(secrets.choice(ICE_CHARS) for _ in range(24))
    return ufrag, pwd


def new_dtls_fingerprint() -> tuple[str, str]:
    """A random ("sha-256", "AB:CD:...") pair of 32 bytes, shaped as RFC 8122 §5 asks.

    No certificate stands behind it: the model never runs DTLS.
    """
    return "sha-256", ":".join(f"{byte:02X}" for byte in secrets.token_bytes(32))


def new_session_id() -> str:
    """A random decimal session id (RFC 8866 §5.2) below 2**63 - 1, as JSEP §5.2.1 asks."""
    return str(secrets.randbelow(2**63 - 1))


def media_section(
    kind: str,
    *,
    mid: str,
    direction: str,
    msids: list[tuple[str, str]],
    ice: tuple[str, str],
    fingerprint: tuple[str, str],
    setup: str,
    port: int = 9,
    ssrc_seed: int | None = None,
) -> MediaSection:
    """A complete local m-section as Chromium writes it (JSEP §5.2.1, §5.3.1).

    A sending direction also gets a=ssrc lines with a cname (RFC 5576), as browsers write them;
    *ssrc_seed* makes the SSRC and cname reproducible.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    if setup not in ("actpass", "active", "passive"):
        raise ValueError(f"setup must be actpass, active or passive, not {setup!r}")
    codecs = default_codecs(kind)
    extra = [_DISCARD_ADDRESS, "ice-options:trickle", "rtcp-rsize"]
    if direction in _SENDING and port != 0:
        extra.extend(_ssrc_lines(msids, ssrc_seed))
    section = MediaSection(
        kind=kind,
        port=port,
        formats=[str(codec.payload_type) for codec in codecs],
        mid=mid,
        direction=direction,
        msids=list(msids),
        codecs=codecs,
        ice_ufrag=ice[0],
        ice_pwd=ice[1],
        fingerprint=fingerprint,
        setup=setup,
        rtcp_mux=True,
        extra_attributes=extra,
    )
    # Check every value now, so a bad argument fails here and not when the offer is written.
    serialize_sdp(SessionDescriptionSdp(session_id="0", session_version=0, media=[section]))
    return section


def _ssrc_lines(msids: list[tuple[str, str]], seed: int | None) -> list[str]:
    source = random.Random(seed) if seed is not None else random.SystemRandom()
    ssrc = source.randrange(1, 2**32)
    cname = "".join(source.choice(_CNAME_CHARS) for _ in range(16))
    lines = [f"ssrc:{ssrc} cname:{cname}"]
    lines.extend(f"ssrc:{ssrc} msid:{stream} {track}".rstrip() for stream, track in msids)
    return lines


def offer_answer_session(
    session_id: str, version: int, media: list[MediaSection]
) -> SessionDescriptionSdp:
    """The session part of an offer or answer (JSEP §5.2.1), bundling every accepted section."""
    mids = [section.mid for section in media if section.port != 0 and section.mid is not None]
    description = SessionDescriptionSdp(
        session_id=session_id,
        session_version=version,
        media=list(media),
        bundle_groups=[mids] if mids else [],
        extra_attributes=["extmap-allow-mixed", "msid-semantic: WMS"],
    )
    serialize_sdp(description)  # fail now on a bad id or version, not when the text is read
    return description
