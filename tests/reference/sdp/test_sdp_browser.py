"""Chromium accepts the SDP this module writes, and this module reads what Chromium answers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from webrtc_reference._sdp import (
    DIRECTIONS,
    MediaSection,
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

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data"

# JSEP §5.3.1 / webrtc-pc: what a fresh answerer with no tracks answers to each direction.
FRESH_ANSWER = {
    "sendrecv": "recvonly",
    "sendonly": "recvonly",
    "recvonly": "inactive",
    "inactive": "inactive",
}
# RFC 3264 §6: the answerer's view of an offered direction.
REVERSED = {
    "sendrecv": "sendrecv",
    "sendonly": "recvonly",
    "recvonly": "sendonly",
    "inactive": "inactive",
}

# Resolves to the answer and, per transceiver, its mid and the ids of its track's streams.
ACCEPT_OFFER = """
async sdp => {
  const pc = new RTCPeerConnection();
  const streams = {};
  pc.ontrack = e => { streams[e.transceiver.mid] = e.streams.map(s => s.id); };
  try {
    await pc.setRemoteDescription({type: "offer", sdp});
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    return {answer: answer.sdp, streams,
            mids: pc.getTransceivers().map(t => [t.mid, t.currentDirection])};
  } finally { pc.close(); }
}
"""

# Makes an offer with one transceiver per kind (given directions), hands it to Python through
# the "answerFor" binding, applies the answer, and reports the negotiated directions.
ACCEPT_ANSWER = """
async directions => {
  const pc = new RTCPeerConnection();
  try {
    directions.forEach(([kind, direction]) => pc.addTransceiver(kind, {direction}));
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const sdp = await window.answerFor(offer.sdp);
    await pc.setRemoteDescription({type: "answer", sdp});
    return {state: pc.signalingState,
            current: pc.getTransceivers().map(t => [t.mid, t.currentDirection])};
  } finally { pc.close(); }
}
"""


@dataclass
class Answerer:
    """What the page's ``window.answerFor(sdp)`` answers: set by each test that uses it."""

    answer: Callable[[str], str] | None = None

    def __call__(self, sdp: str) -> str:
        assert self.answer is not None, "the test set no answer for window.answerFor()"
        return self.answer(sdp)


@pytest.fixture(scope="module")
def blank_page(browser: Browser) -> Iterator[tuple[Page, Answerer]]:
    """One blank page for the module: each script makes its own connection and closes it, and a
    new page (a new renderer process) for each test costs more than the tests themselves."""
    context = browser.new_context()
    page, answerer = context.new_page(), Answerer()
    page.expose_function("answerFor", answerer)
    try:
        yield page, answerer
    finally:
        context.close()


@pytest.fixture
def page(blank_page: tuple[Page, Answerer]) -> Page:
    page, answerer = blank_page
    answerer.answer = None
    return page


@pytest.fixture
def answerer(blank_page: tuple[Page, Answerer]) -> Answerer:
    return blank_page[1]


def offer(
    direction: str, msids: list[tuple[str, str]], ports: tuple[int, int] = (9, 9)
) -> SessionDescriptionSdp:
    """An audio+video offer built by the module, one direction for both sections.

    Each section's track id gets the kind appended: Chromium rejects an offer whose sections
    repeat an a=msid line ("Duplicate a=msid lines detected").
    """
    ice, fingerprint = new_ice_credentials(), new_dtls_fingerprint()
    media = [
        media_section(
            kind,
            mid=str(index),
            direction=direction,
            ice=ice,
            msids=[(stream, f"{track}-{kind}") for stream, track in msids],
            fingerprint=fingerprint,
            setup="actpass",
            port=port,
        )
        for index, (kind, port) in enumerate(zip(("audio", "video"), ports, strict=True))
    ]
    return offer_answer_session(new_session_id(), 1, media)


def accept_offer(page: Page, description: SessionDescriptionSdp) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(ACCEPT_OFFER, serialize_sdp(description))
    return result


@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize(
    "msids",
    [[], [("stream-a", "track-a")], [("-", "track-a")]],
    ids=["no-msid", "msid", "msid-no-stream"],
)
def test_chromium_accepts_our_offer(
    page: Page, direction: str, msids: list[tuple[str, str]]
) -> None:
    result = accept_offer(page, offer(direction, msids))
    answer = parse_sdp(result["answer"])
    assert [(s.kind, s.mid, s.port) for s in answer.media] == [("audio", "0", 9), ("video", "1", 9)]
    assert [s.direction for s in answer.media] == [FRESH_ANSWER[direction]] * 2
    assert answer.bundle_groups == [["0", "1"]]
    assert [c.name for c in answer.media[0].codecs] == ["opus"]
    assert [c.name for c in answer.media[1].codecs] == ["VP8"]
    assert all(s.setup in ("active", "passive") for s in answer.media)
    if direction not in ("sendrecv", "sendonly"):
        assert result["streams"] == {}
    elif msids:
        # RFC 8830 §2: a=msid gives the stream ids of the remote track; "-" means none.
        expected = [stream for stream, _ in msids if stream != "-"]
        assert result["streams"] == {"0": expected, "1": expected}
    else:
        # Unlike webrtc-pc (no a=msid: no streams), Chromium puts a track that no a=msid
        # describes into one stream, "default" when a=ssrc lines are present (legacy Plan B).
        assert result["streams"] == {"0": ["default"], "1": ["default"]}


def test_chromium_accepts_our_offer_with_a_rejected_section(page: Page) -> None:
    description = offer("sendrecv", [("stream-a", "track-a")], ports=(0, 9))
    assert description.bundle_groups == [["1"]]
    result = accept_offer(page, description)
    answer = parse_sdp(result["answer"])
    assert [(s.mid, s.port) for s in answer.media] == [("0", 0), ("1", 9)]
    assert answer.bundle_groups == [["1"]]
    assert dict(result["mids"])["1"] == "recvonly"
    assert result["streams"] == {"1": ["stream-a"]}


def answer_to(offer_sdp: str, directions: dict[str, str], rejected: str = "") -> str:
    """Our answer to Chromium's offer: its mids and kinds, the directions asked for by kind.

    The section of kind *rejected*, if any, gets port 0 (RFC 3264 §6).
    """
    parsed = parse_sdp(offer_sdp)
    ice, fingerprint = new_ice_credentials(), new_dtls_fingerprint()
    media: list[MediaSection] = []
    for section in parsed.media:
        assert section.mid is not None
        # Our default codec must be one Chromium offered, under the same payload type.
        ours = default_codecs(section.kind)[0]
        assert (ours.payload_type, ours.name) in [(c.payload_type, c.name) for c in section.codecs]
        media.append(
            media_section(
                section.kind,
                mid=section.mid,
                direction=directions[section.kind],
                msids=[("answer-stream", f"answer-{section.kind}")],
                ice=ice,
                fingerprint=fingerprint,
                setup="active",
                port=0 if section.kind == rejected else 9,
            )
        )
    return serialize_sdp(offer_answer_session(new_session_id(), 1, media))


@pytest.mark.parametrize("offered", DIRECTIONS)
def test_chromium_accepts_our_answer(page: Page, answerer: Answerer, offered: str) -> None:
    answered = REVERSED[offered]
    answerer.answer = lambda sdp: answer_to(sdp, {"audio": answered, "video": "inactive"})
    result = page.evaluate(ACCEPT_ANSWER, [["audio", offered], ["video", "sendrecv"]])
    assert result["state"] == "stable"
    # currentDirection is the answer's direction seen from the offerer (RFC 3264 §6).
    assert result["current"] == [["0", REVERSED[answered]], ["1", "inactive"]]


def test_chromium_rejects_an_a_msid_line_repeated_across_sections(page: Page) -> None:
    """A line the connection must never write twice: one track id per sending section."""
    from playwright.sync_api import Error

    description = offer("sendrecv", [("stream-a", "track-a")])
    description.media[1].msids = list(description.media[0].msids)
    with pytest.raises(Error, match="Duplicate a=msid lines"):
        accept_offer(page, description)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ice_ufrag", None),
        ("ice_pwd", None),
        ("ice_pwd", "only21chars+only21char"[:21]),
        ("fingerprint", None),
        ("fingerprint", ("sha-256", "AB:CD")),
        ("rtcp_mux", False),
    ],
)
def test_chromium_rejects_our_offer_without_a_required_attribute(
    page: Page, name: str, value: object
) -> None:
    """The acceptance tests above can fail: Chromium refuses sections without these.

    RFC 8839 §5.4 (ICE credentials, pwd of 22+ chars), RFC 8122 §5 (a fingerprint that a
    sha-256 digest can match), RFC 5761 (rtcp-mux, which Chromium requires by default).
    """
    from playwright.sync_api import Error

    description = offer("sendrecv", [("stream-a", "track-a")])
    for section in description.media:
        setattr(section, name, value)
    with pytest.raises(Error, match="OperationError|InvalidAccessError"):
        accept_offer(page, description)


@pytest.mark.parametrize("name", ["chromium-offer.sdp", "firefox-offer.sdp"])
def test_chromium_accepts_a_browser_offer_after_our_round_trip(page: Page, name: str) -> None:
    """serialize(parse(offer)) still says what the browser meant: same mids, same streams."""
    original = parse_sdp((DATA / name).read_bytes().decode("ascii"))
    result = accept_offer(page, parse_sdp(serialize_sdp(original)))
    rtp = [s for s in original.media if s.kind in ("audio", "video")]
    assert result["streams"] == {s.mid: [stream for stream, _ in s.msids] for s in rtp}
    answer = parse_sdp(result["answer"])
    assert [s.mid for s in answer.media] == [s.mid for s in original.media]
    assert [s.direction for s in answer.media[: len(rtp)]] == ["recvonly"] * len(rtp)


def test_chromium_drops_the_transceiver_whose_section_our_answer_rejects(
    page: Page, answerer: Answerer
) -> None:
    """webrtc-pc, set a session description: a rejected section stops its transceiver, and a
    stopped transceiver whose section is rejected in both descriptions leaves the set."""
    answerer.answer = lambda sdp: answer_to(
        sdp, {"audio": "recvonly", "video": "inactive"}, rejected="video"
    )
    result = page.evaluate(ACCEPT_ANSWER, [["audio", "sendrecv"], ["video", "sendrecv"]])
    assert result["state"] == "stable"
    assert result["current"] == [["0", "sendonly"]]
