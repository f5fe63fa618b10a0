"""Both drivers read m-sections the same way: checked on captured browser SDP."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conformance.driver import sdp_sections
from tests.conformance.scenarios import DRIVER_JS_PATH

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SDP_DIR = Path(__file__).resolve().parent.parent / "reference" / "sdp" / "data"
SDP_FILES = sorted(SDP_DIR.glob("*.sdp"))

TINY = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=recvonly\r\nm=video 0 UDP/TLS/RTP/SAVPF 96\r\n"


def test_python_reader_on_a_tiny_sdp() -> None:
    assert sdp_sections(TINY) == ["audio:recvonly", "video:rejected"]


def test_python_reader_does_not_count_a_bundle_only_section_as_rejected() -> None:
    text = (SDP_DIR / "firefox-offer-bundle-only.sdp").read_text(encoding="utf-8")
    assert sdp_sections(text) == ["audio:sendrecv", "video:sendrecv", "video:sendrecv"]


def test_python_reader_defaults_to_sendrecv() -> None:
    assert sdp_sections("v=0\nm=video 9 UDP/TLS/RTP/SAVPF 96\n") == ["video:sendrecv"]


@pytest.mark.browser
def test_both_readers_agree_on_captured_sdp(browser: Browser) -> None:
    assert SDP_FILES, f"no captured SDP in {SDP_DIR}"
    page = browser.new_page()
    try:
        page.add_script_tag(content=DRIVER_JS_PATH.read_text(encoding="utf-8"))
        for path in [*SDP_FILES, None]:
            text = TINY if path is None else path.read_text(encoding="utf-8")
            assert page.evaluate("sdp => sdpSections(sdp)", text) == sdp_sections(text), path
    finally:
        page.close()
