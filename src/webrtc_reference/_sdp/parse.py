"""Read SDP text (RFC 8866) into the model of ``model``, line by line, in linear time.

Every malformed input raises SdpSyntaxError carrying the 1-based number of the first bad
line; no other exception escapes for any input string.
"""

from __future__ import annotations

from typing import Final

from webrtc_reference._sdp.grammar import (
    FINGERPRINT,
    LINE,
    MAX_MSID_ID,
    MEDIA_TYPES,
    NUMBER,
    PAYLOAD,
    PORT,
    PT_VALUE,
    RTPMAP,
    SESSION_TYPES,
    TOKEN,
)
from webrtc_reference._sdp.model import (
    DIRECTIONS,
    Codec,
    MediaSection,
    SdpSyntaxError,
    SessionDescriptionSdp,
)

# RFC 8866 §9 token-char; re.ASCII so that no Unicode digit or letter slips through.


def parse_sdp(text: str) -> SessionDescriptionSdp:
    """Parse SDP *text* (CRLF or LF line endings); raise SdpSyntaxError at the first bad line."""
    lines = _split_lines(text)
    _check_header(lines)
    session = SessionDescriptionSdp(session_id="0", session_version=0)
    session.session_id, session.session_version = _parse_origin(lines[1], 2)
    section: _SectionReader | None = None
    session_direction: str | None = None
    seen_t = False
    for number in range(4, len(lines) + 1):
        kind, value = _split_line(lines[number - 1], number)
        if kind == "m":
            if not seen_t:
                raise SdpSyntaxError("missing t= line before the first m= line", number)
            if section is not None:
                session.media.append(section.finish())
            section = _SectionReader(value, number, session_direction or "sendrecv")
        elif section is not None:
            if kind not in MEDIA_TYPES:
                raise SdpSyntaxError(f"{kind}= is not allowed in a media section", number)
            if kind == "a":
                section.attribute(value, number)
        elif kind in "vos":
            raise SdpSyntaxError(f"{kind}= may appear only once, at the start", number)
        elif kind == "t":
            seen_t = True
        elif kind == "a":
            session_direction = _session_attribute(session, value, number, session_direction)
    if not seen_t:
        raise SdpSyntaxError("missing t= line", len(lines))
    if section is not None:
        session.media.append(section.finish())
    return session


def _split_lines(text: str) -> list[str]:
    """Split on LF, drop each line's CR and the empty piece after a final line ending."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    result = []
    for number, line in enumerate(lines, 1):
        line = line.removesuffix("\r")
        if "\r" in line or "\x00" in line:
            raise SdpSyntaxError("stray CR or NUL character inside a line", number)
        result.append(line)
    if not result:
        raise SdpSyntaxError("empty description: the v=0 line is missing", 1)
    return result


def _split_line(line: str, number: int) -> tuple[str, str]:
    match = LINE.fullmatch(line)
    if match is None:
        raise SdpSyntaxError(f"not a '<type>=<value>' line: {line[:40]!r}", number)
    kind = match.group(1)
    if kind not in SESSION_TYPES:
        raise SdpSyntaxError(f"unknown line type {kind!r}", number)
    return kind, match.group(2)


def _check_header(lines: list[str]) -> None:
    """RFC 8866 §5: v= first, then o=, then s=."""
    if lines[0] != "v=0":
        raise SdpSyntaxError("the first line must be 'v=0'", 1)
    for number, kind in ((2, "o"), (3, "s")):
        if number > len(lines) or not lines[number - 1].startswith(kind + "="):
            raise SdpSyntaxError(f"line {number} must be the {kind}= line", number)


def _parse_origin(line: str, number: int) -> tuple[str, int]:
    """o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>."""
    fields = line[2:].split(" ")
    if len(fields) != 6 or not all(fields):
        raise SdpSyntaxError("o= needs 6 space-separated fields", number)
    if NUMBER.fullmatch(fields[1]) is None or NUMBER.fullmatch(fields[2]) is None:
        raise SdpSyntaxError("o= session id and version must be decimal numbers", number)
    return fields[1], int(fields[2])


def _split_attribute(value: str, number: int) -> tuple[str, str | None]:
    name, colon, rest = value.partition(":")
    if TOKEN.fullmatch(name) is None:
        raise SdpSyntaxError(f"bad attribute name in a={value[:40]!r}", number)
    return name, rest if colon else None


def _direction(name: str, value: str | None, seen: str | None, number: int) -> str:
    if value is not None:
        raise SdpSyntaxError(f"a={name} takes no value", number)
    if seen is not None:
        raise SdpSyntaxError(f"a={name} after a={seen}: only one direction attribute", number)
    return name


def _fingerprint(value: str | None, number: int) -> tuple[str, str]:
    match = FINGERPRINT.fullmatch(value or "")
    if match is None:
        raise SdpSyntaxError("a=fingerprint needs '<hash function> <hex:hex:...>'", number)
    return match.group(1), match.group(2)


def _required(name: str, value: str | None, number: int) -> str:
    if not value or " " in value:
        raise SdpSyntaxError(f"a={name} needs one non-empty value", number)
    return value


def _session_attribute(
    session: SessionDescriptionSdp, value: str, number: int, direction: str | None
) -> str | None:
    """Apply one session-level a= line; return the session-level direction seen so far."""
    name, rest = _split_attribute(value, number)
    if name == "group" and rest is not None and rest.split(" ")[0] == "BUNDLE":
        mids = rest.split()[1:]  # lenient about spacing: "a=group:BUNDLE " has no mids
        if not all(TOKEN.fullmatch(mid) for mid in mids):
            raise SdpSyntaxError("a=group:BUNDLE needs space-separated mids", number)
        session.bundle_groups.append(mids)
    elif name in ("ice-ufrag", "ice-pwd", "setup") and getattr(session, _FIELD[name]) is None:
        setattr(session, _FIELD[name], _required(name, rest, number))
    elif name == "fingerprint" and session.fingerprint is None:
        session.fingerprint = _fingerprint(rest, number)
    elif name in ("ice-ufrag", "ice-pwd", "setup"):
        raise SdpSyntaxError(f"a={name} given twice", number)
    else:
        if name in DIRECTIONS:  # RFC 8866 §6.7: a session-level default for every section
            direction = _direction(name, rest, direction, number)
        session.extra_attributes.append(value)
    return direction


_FIELD: Final = {"ice-ufrag": "ice_ufrag", "ice-pwd": "ice_pwd", "setup": "setup"}


class _SectionReader:
    """Collects one m-section's lines; finish() builds the MediaSection."""

    def __init__(self, value: str, number: int, default_direction: str) -> None:
        fields = value.split(" ")
        if len(fields) < 4 or not all(fields):
            raise SdpSyntaxError("m= needs '<media> <port> <proto> <fmt> ...'", number)
        kind, port, protocol, formats = fields[0], fields[1], fields[2], fields[3:]
        if TOKEN.fullmatch(kind) is None or TOKEN.fullmatch(protocol.replace("/", "-")) is None:
            raise SdpSyntaxError("m= media and protocol must be tokens", number)
        port_match = PORT.fullmatch(port)
        if port_match is None or int(port_match.group(1)) > 65535:
            raise SdpSyntaxError(f"m= port must be a number 0-65535, not {port[:20]!r}", number)
        self.rtp = "RTP/" in protocol  # RFC 3551: RTP formats are payload type numbers
        for fmt in formats:
            if self.rtp and (PAYLOAD.fullmatch(fmt) is None or int(fmt) > 127):
                raise SdpSyntaxError(f"bad RTP payload type {fmt[:20]!r} in m=", number)
            if TOKEN.fullmatch(fmt) is None:
                raise SdpSyntaxError(f"bad format {fmt[:20]!r} in m=", number)
        if len(set(formats)) != len(formats):
            raise SdpSyntaxError("a format is listed twice in m=", number)
        self.section = MediaSection(
            kind=kind,
            port=int(port_match.group(1)),
            protocol=protocol,
            formats=formats,
            direction=default_direction,
            line_number=number,
        )
        self.payload_types = frozenset(formats) if self.rtp else frozenset()
        self.direction_seen: str | None = None
        self.codecs: dict[str, Codec] = {}  # by payload type, in a=rtpmap order
        self.fmtp: dict[str, str] = {}
        self.rtcp_fb: dict[str, list[str]] = {}
        self.number = number

    def attribute(self, value: str, number: int) -> None:
        """Apply one a= line of this section."""
        name, rest = _split_attribute(value, number)
        section = self.section
        if name in DIRECTIONS:
            section.direction = self.direction_seen = _direction(
                name, rest, self.direction_seen, number
            )
        elif name == "mid":
            section.mid = self._single(name, section.mid, rest, number)
        elif name == "msid":
            section.msids.append(_msid(rest, number))
        elif name == "rtpmap" and self.rtp:
            self._rtpmap(rest, number)
        elif name in ("fmtp", "rtcp-fb") and self.rtp:
            self._payload_attribute(name, rest, value, number)
        elif name == "ice-ufrag":
            section.ice_ufrag = self._single(name, section.ice_ufrag, rest, number)
        elif name == "ice-pwd":
            section.ice_pwd = self._single(name, section.ice_pwd, rest, number)
        elif name == "setup":
            section.setup = self._single(name, section.setup, rest, number)
        elif name == "fingerprint" and section.fingerprint is None:
            section.fingerprint = _fingerprint(rest, number)
        elif (
            name in ("rtcp-mux", "bundle-only")
            and rest is None
            and not getattr(section, name.replace("-", "_"))
        ):
            setattr(section, name.replace("-", "_"), True)
        else:  # unknown, repeated flags, a second fingerprint (RFC 8122): kept verbatim
            section.extra_attributes.append(value)

    @staticmethod
    def _single(name: str, current: str | None, value: str | None, number: int) -> str:
        if current is not None:
            raise SdpSyntaxError(f"a={name} given twice in one media section", number)
        if name == "mid" and TOKEN.fullmatch(value or "") is None:
            raise SdpSyntaxError("a=mid needs a token value", number)
        return _required(name, value, number)

    def _rtpmap(self, value: str | None, number: int) -> None:
        match = RTPMAP.fullmatch(value or "")
        if match is None:
            raise SdpSyntaxError("a=rtpmap needs '<pt> <name>/<clock rate>[/<channels>]'", number)
        payload_type = match.group(1)
        if payload_type not in self.payload_types:
            raise SdpSyntaxError(f"a=rtpmap for payload type {payload_type} not in m=", number)
        if payload_type in self.codecs:
            raise SdpSyntaxError(f"a=rtpmap for payload type {payload_type} given twice", number)
        channels = match.group(4)
        self.codecs[payload_type] = Codec(
            payload_type=int(payload_type),
            name=match.group(2),
            clock_rate=int(match.group(3)),
            channels=None if channels is None else int(channels),
        )

    def _payload_attribute(self, name: str, rest: str | None, value: str, number: int) -> None:
        """a=fmtp:<pt> <params> (RFC 8866 §6.15), a=rtcp-fb:<pt|*> <value> (RFC 4585 §4.2)."""
        match = PT_VALUE.fullmatch(rest or "")
        if match is None or (name == "fmtp" and match.group(1) == "*"):
            raise SdpSyntaxError(f"a={name} needs '<payload type> <value>'", number)
        payload_type, parameters = match.group(1), match.group(2)
        if payload_type == "*":
            self.section.extra_attributes.append(value)
        elif payload_type not in self.payload_types:
            raise SdpSyntaxError(f"a={name} for payload type {payload_type} not in m=", number)
        elif name == "rtcp-fb":
            self.rtcp_fb.setdefault(payload_type, []).append(parameters)
        elif payload_type in self.fmtp:
            raise SdpSyntaxError(f"a=fmtp for payload type {payload_type} given twice", number)
        else:
            self.fmtp[payload_type] = parameters

    def finish(self) -> MediaSection:
        """Attach a=fmtp and a=rtcp-fb to their codecs; keep the codec-less ones verbatim."""
        section = self.section
        for payload_type, codec in self.codecs.items():
            codec.fmtp = self.fmtp.pop(payload_type, None)
            codec.rtcp_fb = self.rtcp_fb.pop(payload_type, [])
            section.codecs.append(codec)
        # A static payload type (RFC 3551) may carry fmtp/rtcp-fb without an a=rtpmap.
        for payload_type, parameters in self.fmtp.items():
            section.extra_attributes.append(f"fmtp:{payload_type} {parameters}")
        for payload_type, values in self.rtcp_fb.items():
            section.extra_attributes.extend(f"rtcp-fb:{payload_type} {v}" for v in values)
        return section


def _msid(value: str | None, number: int) -> tuple[str, str]:
    """RFC 8830 §2: a=msid:<msid-id> [<msid-appdata>]; the appdata is the track id."""
    fields = (value or "").split(" ")
    if len(fields) > 2 or not all(TOKEN.fullmatch(f) and len(f) <= MAX_MSID_ID for f in fields):
        raise SdpSyntaxError("a=msid needs '<stream id> [<track id>]' of 1-64 token chars", number)
    return fields[0], fields[1] if len(fields) == 2 else ""
