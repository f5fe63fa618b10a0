"""serialize_sdp and the builders: RFC 8866 text, round trips, robustness."""

from __future__ import annotations

import re
import string
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webrtc_reference._sdp import (
    DIRECTIONS,
    Codec,
    MediaSection,
    SdpSyntaxError,
    SessionDescriptionSdp,
    default_codecs,
    media_section,
    new_dtls_fingerprint,
    new_ice_credentials,
    new_session_id,
    offer_answer_session,
    parse_sdp,
    serialize_sdp,
)

DATA = Path(__file__).parent / "data"
BROWSER_FIXTURES = sorted(path.name for path in DATA.glob("*.sdp"))
ICE = ("abcd", "0123456789abcdefghijkl")
FINGERPRINT = ("sha-256", ":".join(["AB"] * 32))


def build(
    direction: str, msids: list[tuple[str, str]], *, audio_port: int = 9, count: int = 2
) -> SessionDescriptionSdp:
    """An offer of *count* alternating audio/video sections built by the module."""
    media = [
        media_section(
            ("audio", "video")[index % 2],
            mid=str(index),
            direction=direction,
            msids=msids,
            ice=ICE,
            fingerprint=FINGERPRINT,
            setup="actpass",
            port=audio_port if index == 0 else 9,
            ssrc_seed=index,
        )
        for index in range(count)
    ]
    return offer_answer_session("123456789", 2, media)


def sections(text: str) -> list[list[str]]:
    """The lines of each section (session part first), split at m= lines."""
    result: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").splitlines():
        if line.startswith("m="):
            result.append([])
        result[-1].append(line)
    return result


# RFC 8866 §5: the text serialize_sdp writes.


def test_rfc8866_serialized_lines_end_with_crlf() -> None:
    text = serialize_sdp(build("sendrecv", [("s", "t")]))
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert text.split("\r\n")[:4] == ["v=0", "o=- 123456789 2 IN IP4 127.0.0.1", "s=-", "t=0 0"]


def test_rfc8866_every_serialized_line_is_type_equals_value() -> None:
    text = serialize_sdp(build("sendonly", [("s", "t")]))
    assert all(re.fullmatch(r"[vostcma]=\S.*", line) for line in text.split("\r\n")[:-1])


def test_jsep_media_section_has_the_attributes_chromium_requires() -> None:
    lines = sections(serialize_sdp(build("sendrecv", [("s", "t")])))[1]
    for required in (
        "c=IN IP4 0.0.0.0",
        "a=rtcp:9 IN IP4 0.0.0.0",
        "a=ice-ufrag:abcd",
        "a=ice-pwd:0123456789abcdefghijkl",
        "a=ice-options:trickle",
        f"a=fingerprint:sha-256 {FINGERPRINT[1]}",
        "a=setup:actpass",
        "a=mid:0",
        "a=sendrecv",
        "a=msid:s t",
        "a=rtcp-mux",
        "a=rtcp-rsize",
        "a=rtpmap:111 opus/48000/2",
    ):
        assert required in lines
    assert lines[0] == "m=audio 9 UDP/TLS/RTP/SAVPF 111"


# Round trips.


@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize(
    "msids", [[], [("stream", "track")], [("-", "track")], [("s1", "track"), ("s2", "track")]]
)
@pytest.mark.parametrize("audio_port", [9, 0])
def test_rfc8866_round_trip_of_built_descriptions(
    direction: str, msids: list[tuple[str, str]], audio_port: int
) -> None:
    built = build(direction, msids, audio_port=audio_port)
    parsed = parse_sdp(serialize_sdp(built))
    assert parsed == built
    assert [section.line_number for section in parsed.media] == [
        index + 1
        for index, line in enumerate(serialize_sdp(built).split("\r\n"))
        if line.startswith("m=")
    ]


def test_rfc8866_round_trip_keeps_session_level_transport_values() -> None:
    built = SessionDescriptionSdp(
        "1",
        0,
        [
            MediaSection(
                "application",
                9,
                "UDP/DTLS/SCTP",
                ["webrtc-datachannel"],
                mid="d",
                extra_attributes=["sctp-port:5000"],
            )
        ],
        ice_ufrag="abcd",
        ice_pwd=ICE[1],
        fingerprint=FINGERPRINT,
        setup="passive",
    )
    assert parse_sdp(serialize_sdp(built)) == built


@pytest.mark.parametrize("name", BROWSER_FIXTURES)
def test_browser_sdp_round_trip_keeps_every_attribute(name: str) -> None:
    """serialize(parse(x)) keeps mids, directions, msids, codecs and unknown attributes."""
    original = (DATA / name).read_bytes().decode("ascii")
    parsed = parse_sdp(original)
    written = serialize_sdp(parsed)
    assert parse_sdp(written) == parsed
    for before, after in zip(sections(original), sections(written), strict=True):
        kept = Counter(line for line in before if line.startswith("a="))
        if before[0].startswith("m=application"):
            kept.pop("a=sendrecv", None)  # the default, which the writer leaves out there
        assert kept == Counter(line for line in after if line.startswith("a="))
        assert before[0] == after[0] or not before[0].startswith("m=")


# Bad input: a clear ValueError from the writer and builders, SdpSyntaxError from the parser.


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"direction": "stopped"}, "direction must be one of"),
        ({"mid": "a b"}, "bad mid"),
        ({"extra_attributes": ["x\r\na=sendonly"]}, "bad media attribute"),
        ({"formats": []}, "at least one format"),
        ({"formats": ["96"]}, "not in the m= formats"),
        ({"port": 70000}, "port must be"),
        ({"msids": [("a b", "t")]}, "bad msid"),
        ({"ice_pwd": "with space"}, "bad ice-pwd"),
        ({"fingerprint": ("sha-256", "nothex")}, "bad fingerprint"),
    ],
)
def test_serialize_rejects_values_that_would_not_read_back(
    change: dict[str, object], message: str
) -> None:
    section = build("sendrecv", [], count=1).media[0]
    for key, value in change.items():
        setattr(section, key, value)
    description = SessionDescriptionSdp("1", 1, [section])
    with pytest.raises(ValueError, match=message):
        serialize_sdp(description)


def test_serialize_rejects_a_bad_session_id() -> None:
    with pytest.raises(ValueError, match="session_id"):
        serialize_sdp(SessionDescriptionSdp("12a", 1))


def test_builders_reject_bad_arguments() -> None:
    with pytest.raises(ValueError, match="direction"):
        media_section(
            "audio",
            mid="0",
            direction="stopped",
            msids=[],
            ice=ICE,
            fingerprint=FINGERPRINT,
            setup="actpass",
        )
    with pytest.raises(ValueError, match="setup"):
        media_section(
            "audio",
            mid="0",
            direction="sendrecv",
            msids=[],
            ice=ICE,
            fingerprint=FINGERPRINT,
            setup="holdconn",
        )
    with pytest.raises(ValueError, match="media kind"):
        media_section(
            "text",
            mid="0",
            direction="sendrecv",
            msids=[],
            ice=ICE,
            fingerprint=FINGERPRINT,
            setup="actpass",
        )
    with pytest.raises(ValueError, match="session_id"):
        offer_answer_session("-1", 1, [])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_rfc8866_arbitrary_text_parses_or_raises_sdp_syntax_error(text: str) -> None:
    try:
        parse_sdp(text)
    except SdpSyntaxError as error:
        assert error.line_number >= 1


LINE_STARTS = [
    "v=",
    "o=",
    "s=",
    "t=",
    "m=",
    "c=",
    "a=",
    "a=rtpmap:",
    "a=fmtp:",
    "a=msid:",
    "a=rtcp-fb:",
    "a=mid:",
    "a=sendonly",
    "a=group:BUNDLE ",
    "a=fingerprint:",
    "x=",
    "",
]
SDP_CHARS = string.ascii_letters + string.digits + " /:-.=*{}\t\r\u00e9\u0663"


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_rfc8866_mutated_browser_sdp_parses_or_names_a_line(data: st.DataObject) -> None:
    """Any edit of a real offer: parse, or SdpSyntaxError naming a line of the text."""
    name = data.draw(st.sampled_from(BROWSER_FIXTURES))
    lines = (DATA / name).read_bytes().decode("ascii").split("\r\n")[:-1]
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(lines)))
        new = data.draw(st.sampled_from(LINE_STARTS)) + data.draw(st.text(SDP_CHARS, max_size=20))
        if data.draw(st.booleans()) and index < len(lines):
            lines[index] = new
        else:
            lines.insert(index, new)
    try:
        parse_sdp("\r\n".join(lines) + "\r\n")
    except SdpSyntaxError as error:
        assert 1 <= error.line_number <= len(lines) + 1


TOKENS = st.text(string.ascii_letters + string.digits + "-{}+", min_size=1, max_size=64)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["audio", "video"]),
            st.sampled_from(DIRECTIONS),
            st.lists(st.tuples(TOKENS, TOKENS), max_size=2),
            st.sampled_from([0, 9]),
        ),
        max_size=5,
    ),
    st.integers(0, 2**63 - 1),
    st.integers(0, 2**32),
)
def test_rfc8866_round_trip_of_any_built_offer(
    specs: list[tuple[str, str, list[tuple[str, str]], int]], session: int, version: int
) -> None:
    media = [
        media_section(
            kind,
            mid=f"m{index}",
            direction=direction,
            msids=msids,
            ice=ICE,
            fingerprint=FINGERPRINT,
            setup="actpass",
            port=port,
        )
        for index, (kind, direction, msids, port) in enumerate(specs)
    ]
    built = offer_answer_session(str(session), version, media)
    assert parse_sdp(serialize_sdp(built)) == built


# The builders.


def test_rfc8839_ice_credentials_use_ice_chars_and_lengths() -> None:
    ufrag, pwd = new_ice_credentials()
    assert re.fullmatch(r"[A-Za-z0-9+/]{4,256}", ufrag)
    assert re.fullmatch(r"[A-Za-z0-9+/]{22,256}", pwd)
    assert new_ice_credentials() != (ufrag, pwd)


def test_rfc8122_fingerprint_is_32_upper_hex_bytes() -> None:
    function, value = new_dtls_fingerprint()
    assert function == "sha-256"
    assert re.fullmatch(r"[0-9A-F]{2}(:[0-9A-F]{2}){31}", value)
    assert new_dtls_fingerprint() != (function, value)


def test_rfc8866_session_id_is_decimal_below_2_63() -> None:
    ids = {new_session_id() for _ in range(20)}
    assert all(re.fullmatch(r"[0-9]+", value) and int(value) < 2**63 for value in ids)
    assert len(ids) > 1


def test_default_codecs_are_chromium_opus_and_vp8() -> None:
    assert default_codecs("audio") == [
        Codec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", ["transport-cc"])
    ]
    assert [(c.payload_type, c.name, c.clock_rate) for c in default_codecs("video")] == [
        (96, "VP8", 90000)
    ]
    assert "nack pli" in default_codecs("video")[0].rtcp_fb
    with pytest.raises(ValueError, match="no default codecs"):
        default_codecs("application")


def test_rfc5576_ssrc_lines_only_for_sending_sections() -> None:
    def ssrc_lines(direction: str, port: int = 9) -> list[str]:
        section = media_section(
            "video",
            mid="v",
            direction=direction,
            msids=[("s", "t")],
            ice=ICE,
            fingerprint=FINGERPRINT,
            setup="active",
            port=port,
            ssrc_seed=7,
        )
        return [a for a in section.extra_attributes if a.startswith("ssrc:")]

    sending = ssrc_lines("sendonly")
    assert re.fullmatch(r"ssrc:[0-9]+ cname:[A-Za-z0-9]{16}", sending[0])
    assert sending[1] == sending[0].split(" ")[0] + " msid:s t"
    assert ssrc_lines("sendrecv") == sending  # the seed makes them reproducible
    assert ssrc_lines("recvonly") == ssrc_lines("inactive") == ssrc_lines("sendrecv", 0) == []


def test_jsep_bundle_group_lists_only_accepted_sections() -> None:
    built = build("sendrecv", [], audio_port=0, count=3)
    assert built.bundle_groups == [["1", "2"]]
    assert built.extra_attributes == ["extmap-allow-mixed", "msid-semantic: WMS"]
    assert offer_answer_session("1", 1, []).bundle_groups == []
