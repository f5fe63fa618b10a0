"""parse_sdp: RFC 8866 syntax rules, error line numbers, and SDP that real browsers emit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from webrtc_reference._sdp import Codec, SdpSyntaxError, parse_sdp

DATA = Path(__file__).parent / "data"

HEADER = "v=0\no=- 4611731400430051336 2 IN IP4 127.0.0.1\ns=-\nt=0 0\n"
AUDIO = (
    "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\n"
    "c=IN IP4 0.0.0.0\n"
    "a=mid:0\n"
    "a=rtpmap:111 opus/48000/2\n"
    "a=rtpmap:0 PCMU/8000\n"
)


def fixture(name: str) -> str:
    """A fixture's exact text (CRLF kept)."""
    return (DATA / name).read_bytes().decode("ascii")


def chromium_ids() -> dict[str, Any]:
    """Stream and track ids as Chromium's JavaScript API reported them at capture time."""
    ids: dict[str, Any] = json.loads((DATA / "chromium-ids.json").read_text("utf-8"))
    return ids


def error_line(text: str) -> int:
    with pytest.raises(SdpSyntaxError) as caught:
        parse_sdp(text)
    return caught.value.line_number


# RFC 8866 §5: the session part, in its fixed order.


def test_rfc8866_v_line_must_come_first() -> None:
    assert error_line("o=- 1 2 IN IP4 127.0.0.1\nv=0\ns=-\nt=0 0\n") == 1


def test_rfc8866_v_line_must_be_version_0() -> None:
    assert error_line(HEADER.replace("v=0", "v=1")) == 1


def test_rfc8866_empty_text_is_missing_the_v_line() -> None:
    assert error_line("") == 1
    assert error_line("\n") == 1


def test_rfc8866_o_line_must_follow_v() -> None:
    assert error_line("v=0\ns=-\nt=0 0\n") == 2
    assert error_line("v=0\n") == 2


def test_rfc8866_o_line_needs_six_fields() -> None:
    assert error_line(HEADER.replace(" IN IP4 127.0.0.1", " IN IP4")) == 2


def test_rfc8866_o_line_session_id_and_version_are_numbers() -> None:
    assert error_line(HEADER.replace(" 2 IN", " two IN")) == 2
    assert error_line(HEADER.replace("4611731400430051336", "abc")) == 2


def test_rfc8866_s_line_must_follow_o() -> None:
    assert error_line("v=0\no=- 1 2 IN IP4 127.0.0.1\nt=0 0\n") == 3


def test_rfc8866_t_line_is_required_before_the_first_m_line() -> None:
    text = HEADER.replace("t=0 0\n", "") + AUDIO
    assert error_line(text) == 4


def test_rfc8866_t_line_is_required_without_media() -> None:
    assert error_line("v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\na=ice-lite\n") == 4


def test_rfc8866_v_o_s_lines_appear_once() -> None:
    assert error_line(HEADER + "s=again\n") == 5


def test_rfc8866_a_line_must_be_type_equals_value() -> None:
    assert error_line(HEADER + "a = sendrecv\n") == 5
    assert error_line(HEADER + "hello\n") == 5
    assert error_line(HEADER + "A=sendrecv\n") == 5


def test_rfc8866_unknown_type_letter_is_rejected() -> None:
    with pytest.raises(SdpSyntaxError, match="unknown line type 'x'") as caught:
        parse_sdp(HEADER + AUDIO + "x=whatever\n")
    assert caught.value.line_number == 10


def test_rfc8866_session_only_line_type_in_media_section_is_rejected() -> None:
    assert error_line(HEADER + AUDIO + "t=0 0\n") == 10


def test_rfc8866_empty_line_is_rejected() -> None:
    assert error_line(HEADER + "\n" + AUDIO) == 5


def test_rfc8866_cr_inside_a_line_is_rejected() -> None:
    assert error_line(HEADER + "a=mid:0\r1\n") == 5


def test_rfc8866_error_names_the_first_bad_line() -> None:
    text = HEADER + AUDIO + "a=sendonly\na=recvonly\nx=1\n"
    with pytest.raises(SdpSyntaxError) as caught:
        parse_sdp(text)
    assert caught.value.line_number == 11
    assert str(caught.value).startswith("line 11: ")
    assert isinstance(caught.value, ValueError)


# RFC 8866 §5: line endings.


def test_rfc8866_crlf_and_lf_line_endings_parse_the_same() -> None:
    lf = HEADER + AUDIO
    assert parse_sdp(lf.replace("\n", "\r\n")) == parse_sdp(lf)


def test_rfc8866_last_line_without_line_ending_is_accepted() -> None:
    assert parse_sdp((HEADER + AUDIO).rstrip("\n")) == parse_sdp(HEADER + AUDIO)


def test_rfc8866_origin_gives_session_id_and_version() -> None:
    parsed = parse_sdp(HEADER)
    assert (parsed.session_id, parsed.session_version) == ("4611731400430051336", 2)
    assert parsed.media == []


# RFC 8866 §5.14: the m= line.


def test_rfc8866_m_line_port_must_be_numeric() -> None:
    assert error_line(HEADER + AUDIO.replace(" 9 ", " nine ")) == 5


def test_rfc8866_m_line_port_must_fit_16_bits() -> None:
    assert error_line(HEADER + AUDIO.replace(" 9 ", " 65536 ")) == 5


def test_rfc8866_m_line_port_may_carry_a_port_count() -> None:
    assert parse_sdp(HEADER + AUDIO.replace(" 9 ", " 9/2 ")).media[0].port == 9


def test_rfc8866_m_line_needs_at_least_one_format() -> None:
    assert error_line(HEADER + "m=audio 9 UDP/TLS/RTP/SAVPF\n") == 5


def test_rfc8866_m_line_fields() -> None:
    section = parse_sdp(HEADER + AUDIO).media[0]
    assert (section.kind, section.port, section.protocol) == ("audio", 9, "UDP/TLS/RTP/SAVPF")
    assert section.formats == ["111", "0"]
    assert section.line_number == 5


def test_rfc8866_port_zero_is_a_rejected_section() -> None:
    assert parse_sdp(HEADER + AUDIO.replace(" 9 ", " 0 ")).media[0].port == 0


def test_rfc3551_rtp_payload_type_must_be_a_number_up_to_127() -> None:
    assert error_line(HEADER + AUDIO.replace("111 0", "111 128")) == 5
    assert error_line(HEADER + AUDIO.replace("111 0", "111 opus")) == 5


def test_rfc8866_format_listed_twice_is_rejected() -> None:
    assert error_line(HEADER + AUDIO.replace("111 0", "111 111")) == 5


def test_rfc8841_sctp_formats_are_not_payload_types() -> None:
    text = HEADER + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\na=sctp-port:5000\n"
    section = parse_sdp(text).media[0]
    assert section.formats == ["webrtc-datachannel"]
    assert section.extra_attributes == ["sctp-port:5000"]


# RFC 8866 §6.6 and §6.15: rtpmap and fmtp; RFC 4585 §4.2: rtcp-fb.


def test_rfc8866_rtpmap_gives_codecs_in_order() -> None:
    codecs = parse_sdp(HEADER + AUDIO).media[0].codecs
    assert codecs == [Codec(111, "opus", 48000, 2), Codec(0, "PCMU", 8000)]


def test_rfc8866_rtpmap_payload_type_must_be_in_the_m_line() -> None:
    with pytest.raises(SdpSyntaxError, match="payload type 112 not in m=") as caught:
        parse_sdp(HEADER + AUDIO + "a=rtpmap:112 red/48000/2\n")
    assert caught.value.line_number == 10


def test_rfc8866_rtpmap_needs_name_and_clock_rate() -> None:
    assert error_line(HEADER + AUDIO.replace("opus/48000/2", "opus")) == 8
    assert error_line(HEADER + AUDIO.replace("opus/48000/2", "opus/fast")) == 8


def test_rfc8866_rtpmap_given_twice_is_rejected() -> None:
    assert error_line(HEADER + AUDIO + "a=rtpmap:111 opus/48000/2\n") == 10


def test_rfc8866_fmtp_and_rtcp_fb_attach_to_their_codec_in_any_order() -> None:
    text = HEADER + AUDIO.replace(
        "a=rtpmap:111", "a=fmtp:111 minptime=10\na=rtcp-fb:111 transport-cc\na=rtpmap:111"
    )
    assert parse_sdp(text).media[0].codecs[0] == Codec(
        111, "opus", 48000, 2, "minptime=10", ["transport-cc"]
    )


def test_rfc8866_fmtp_for_payload_type_not_in_m_line_is_rejected() -> None:
    assert error_line(HEADER + AUDIO + "a=fmtp:96 apt=95\n") == 10
    assert error_line(HEADER + AUDIO + "a=rtcp-fb:96 nack\n") == 10
    assert error_line(HEADER + AUDIO + "a=fmtp:111\n") == 10


def test_rfc3551_static_payload_type_may_carry_fmtp_without_rtpmap() -> None:
    text = HEADER + "m=audio 9 RTP/AVP 0 8\na=rtpmap:0 PCMU/8000\na=fmtp:8 x=1\n"
    section = parse_sdp(text).media[0]
    assert section.codecs == [Codec(0, "PCMU", 8000)]
    assert section.extra_attributes == ["fmtp:8 x=1"]


def test_rfc4585_rtcp_fb_wildcard_is_kept_verbatim() -> None:
    section = parse_sdp(HEADER + AUDIO + "a=rtcp-fb:* nack\n").media[0]
    assert section.extra_attributes == ["rtcp-fb:* nack"]
    assert all(codec.rtcp_fb == [] for codec in section.codecs)


# RFC 8866 §6.7: direction attributes.


def test_rfc8866_direction_defaults_to_sendrecv() -> None:
    assert parse_sdp(HEADER + AUDIO).media[0].direction == "sendrecv"


@pytest.mark.parametrize("direction", ["sendrecv", "sendonly", "recvonly", "inactive"])
def test_rfc8866_direction_attribute_is_read(direction: str) -> None:
    assert parse_sdp(HEADER + AUDIO + f"a={direction}\n").media[0].direction == direction


def test_rfc8866_more_than_one_direction_attribute_is_rejected() -> None:
    with pytest.raises(SdpSyntaxError, match="only one direction attribute") as caught:
        parse_sdp(HEADER + AUDIO + "a=recvonly\na=recvonly\n")
    assert caught.value.line_number == 11


def test_rfc8866_direction_attribute_takes_no_value() -> None:
    assert error_line(HEADER + AUDIO + "a=sendonly:yes\n") == 10


def test_rfc8866_session_level_direction_is_the_default_of_each_section() -> None:
    parsed = parse_sdp(
        HEADER + "a=inactive\n" + AUDIO + AUDIO.replace("mid:0", "mid:1") + "a=sendonly\n"
    )
    assert [section.direction for section in parsed.media] == ["inactive", "sendonly"]
    assert parsed.extra_attributes == ["inactive"]


# RFC 8830: a=msid; RFC 5888 / 8843: mid and BUNDLE; RFC 8839 / 8122 / 8842: ICE, DTLS.


def test_rfc8830_msid_gives_stream_and_track_ids() -> None:
    text = HEADER + AUDIO + "a=msid:s1 t1\na=msid:- t1\n"
    assert parse_sdp(text).media[0].msids == [("s1", "t1"), ("-", "t1")]


def test_rfc8830_msid_appdata_is_optional() -> None:
    assert parse_sdp(HEADER + AUDIO + "a=msid:s1\n").media[0].msids == [("s1", "")]


@pytest.mark.parametrize(
    "value", ["", "a b c", "s1  t1", "s1 " + "t" * 65, "s\u00e91 t1", "s(1) t1", "s1 t1 "]
)
def test_rfc8830_bad_msid_is_rejected(value: str) -> None:
    assert error_line(HEADER + AUDIO + f"a=msid:{value}\n") == 10


def test_rfc8843_mid_and_bundle_group() -> None:
    parsed = parse_sdp(HEADER + "a=group:BUNDLE 0 1\na=group:LS 0 1\n" + AUDIO)
    assert parsed.bundle_groups == [["0", "1"]]
    assert parsed.extra_attributes == ["group:LS 0 1"]
    assert parsed.media[0].mid == "0"


def test_rfc8843_bundle_group_without_mids() -> None:
    assert parse_sdp(HEADER + "a=group:BUNDLE \n").bundle_groups == [[]]
    assert error_line(HEADER + "a=group:BUNDLE 0 a(b)\n") == 5


def test_rfc5761_repeated_rtcp_mux_is_kept_verbatim() -> None:
    section = parse_sdp(HEADER + AUDIO + "a=rtcp-mux\na=rtcp-mux\n").media[0]
    assert section.rtcp_mux and section.extra_attributes == ["rtcp-mux"]


def test_rfc5888_mid_given_twice_is_rejected() -> None:
    assert error_line(HEADER + AUDIO + "a=mid:1\n") == 10


def test_rfc5888_mid_must_be_a_token() -> None:
    assert error_line(HEADER + AUDIO.replace("a=mid:0", "a=mid:")) == 7


def test_rfc8122_fingerprint_needs_hash_and_hex_bytes() -> None:
    assert error_line(HEADER + "a=fingerprint:sha-256\n") == 5
    assert error_line(HEADER + "a=fingerprint:sha-256 XY:00\n") == 5


def test_rfc8839_media_level_ice_and_dtls_values() -> None:
    text = (
        HEADER
        + "a=ice-ufrag:sess\n"
        + AUDIO
        + (
            "a=ice-ufrag:abcd\na=ice-pwd:0123456789abcdefghijkl\n"
            "a=fingerprint:sha-256 AB:CD\na=setup:actpass\na=rtcp-mux\na=bundle-only\n"
        )
    )
    parsed = parse_sdp(text)
    section = parsed.media[0]
    assert parsed.ice_ufrag == "sess"
    assert (section.ice_ufrag, section.ice_pwd) == ("abcd", "0123456789abcdefghijkl")
    assert section.fingerprint == ("sha-256", "AB:CD")
    assert (section.setup, section.rtcp_mux, section.bundle_only) == ("actpass", True, True)


def test_rfc8839_ice_ufrag_given_twice_is_rejected() -> None:
    assert error_line(HEADER + AUDIO + "a=ice-ufrag:abcd\na=ice-ufrag:efgh\n") == 11


def test_rfc8866_unknown_attributes_are_kept_verbatim_in_order() -> None:
    text = (
        HEADER
        + "a=extmap-allow-mixed\na=msid-semantic: WMS\n"
        + AUDIO
        + (
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\na=rtcp-rsize\n"
            "a=ssrc:1 cname:x y\n"
        )
    )
    parsed = parse_sdp(text)
    assert parsed.extra_attributes == ["extmap-allow-mixed", "msid-semantic: WMS"]
    assert parsed.media[0].extra_attributes == [
        "extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
        "rtcp-rsize",
        "ssrc:1 cname:x y",
    ]


def test_rfc8866_bad_attribute_name_is_rejected() -> None:
    assert error_line(HEADER + "a=\n") == 5
    assert error_line(HEADER + "a=:value\n") == 5


# SDP that browsers emit: Chromium's, captured by tools/capture_browser_sdp.py; Firefox's style.


def test_chromium_offer_audio_video_sendrecv_with_a_stream() -> None:
    parsed = parse_sdp(fixture("chromium-offer.sdp"))
    caller = chromium_ids()["caller"]
    assert parsed.bundle_groups == [["0", "1"]]
    assert [(s.kind, s.mid, s.port, s.direction) for s in parsed.media] == [
        ("audio", "0", 9, "sendrecv"),
        ("video", "1", 9, "sendrecv"),
    ]
    assert [s.msids for s in parsed.media] == [
        [(caller["stream"], caller["audio"])],
        [(caller["stream"], caller["video"])],
    ]
    audio, video = parsed.media
    assert audio.codecs[0] == Codec(
        111, "opus", 48000, 2, "minptime=10;useinbandfec=1", ["transport-cc"]
    )
    assert video.codecs[0] == Codec(
        96, "VP8", 90000, None, None, ["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"]
    )
    assert video.codecs[1] == Codec(97, "rtx", 90000, None, "apt=96")
    assert [c.payload_type for c in video.codecs] == [int(f) for f in video.formats]
    for section in parsed.media:
        assert section.setup == "actpass" and section.rtcp_mux
        assert section.fingerprint is not None and section.fingerprint[0] == "sha-256"
        assert "ice-options:trickle" in section.extra_attributes
    assert "extmap-allow-mixed" in parsed.extra_attributes


def test_chromium_answer_sendrecv_with_the_callee_stream() -> None:
    parsed = parse_sdp(fixture("chromium-answer.sdp"))
    callee = chromium_ids()["callee"]
    assert [(s.kind, s.mid, s.port, s.direction, s.setup) for s in parsed.media] == [
        ("audio", "0", 9, "sendrecv", "active"),
        ("video", "1", 9, "sendrecv", "active"),
    ]
    assert [s.msids for s in parsed.media] == [
        [(callee["stream"], callee["audio"])],
        [(callee["stream"], callee["video"])],
    ]
    assert parsed.media[0].codecs[0].name == "opus"
    assert parsed.media[1].codecs[0].name == "VP8"


def test_chromium_reoffer_after_removetrack_is_recvonly_and_keeps_the_msid() -> None:
    """JSEP §5.2.2: a=msid lines stay in subsequent offers, whatever the direction."""
    parsed = parse_sdp(fixture("chromium-reoffer-removetrack.sdp"))
    caller = chromium_ids()["caller"]
    assert [(s.kind, s.mid, s.port, s.direction) for s in parsed.media] == [
        ("audio", "0", 9, "sendrecv"),
        ("video", "1", 9, "recvonly"),
    ]
    assert parsed.media[1].msids == [(caller["stream"], caller["video"])]
    assert parsed.session_version > parse_sdp(fixture("chromium-offer.sdp")).session_version


def test_chromium_offer_after_transceiver_stop_rejects_the_section() -> None:
    parsed = parse_sdp(fixture("chromium-offer-stopped.sdp"))
    audio, video = parsed.media
    assert (audio.kind, audio.mid, audio.port, audio.direction, audio.msids) == (
        "audio",
        "0",
        0,
        "inactive",
        [],
    )
    assert (video.mid, video.port, video.direction) == ("1", 9, "recvonly")
    assert parsed.bundle_groups == [["1"]]
    assert audio.codecs[0].name == "opus"


def test_firefox_offer_with_braced_msids_and_session_level_fingerprint() -> None:
    parsed = parse_sdp(fixture("firefox-offer.sdp"))
    assert parsed.session_id == "5410390226913806185" and parsed.session_version == 0
    assert parsed.fingerprint is not None and parsed.fingerprint[0] == "sha-256"
    assert len(parsed.fingerprint[1].split(":")) == 32
    assert parsed.extra_attributes == ["ice-options:trickle", "msid-semantic:WMS *"]
    assert [(s.kind, s.mid, s.port, s.direction, s.setup) for s in parsed.media] == [
        ("audio", "0", 9, "sendrecv", "actpass"),
        ("video", "1", 9, "sendrecv", "actpass"),
        ("application", "2", 9, "sendrecv", "actpass"),
    ]
    stream = "{0f2d6a5e-7c1b-4e93-8a40-3b6d2f9e1c57}"
    assert [s.msids for s in parsed.media] == [
        [(stream, "{9c4e1b2a-5d3f-4a86-b7e0-1f2c3d4e5a6b}")],
        [(stream, "{d7a3c5e1-2b4f-4d68-9e0a-6c8b1f3d5e27}")],
        [],
    ]
    audio, video, data = parsed.media
    assert audio.codecs[0] == Codec(
        109, "opus", 48000, 2, "maxplaybackrate=48000;stereo=1;useinbandfec=1"
    )
    assert audio.codecs[1] == Codec(9, "G722", 8000, 1)
    assert video.codecs[0] == Codec(
        120,
        "VP8",
        90000,
        None,
        "max-fs=12288;max-fr=60",
        ["nack", "nack pli", "ccm fir", "goog-remb", "transport-cc"],
    )
    assert data.formats == ["webrtc-datachannel"] and data.codecs == []
    assert data.extra_attributes == ["sctp-port:5000", "max-message-size:1073741823"]
