"""Full-page screenshots of the removeTrack page, per language and colour scheme."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.site_browser import BACKGROUND_LUMINANCE, LANGUAGES, page_url, recording_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots go to pytest's temporary folder, never into the checkout."""
    return tmp_path_factory.mktemp("screenshots")


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_full_page_screenshot(
    browser: Browser, site_url: str, screenshot_dir: Path, language: str, color_scheme: str
) -> None:
    target = screenshot_dir / f"removetrack-{language}-{color_scheme}.png"
    with recording_page(browser, color_scheme=color_scheme,
                        viewport={"width": 1280, "height": 800}) as recorded:
        page = recorded.page
        page.goto(page_url(site_url, language))
        luminance: float = page.evaluate(BACKGROUND_LUMINANCE)
        page.screenshot(path=str(target), full_page=True)
    assert (luminance < 0.3) if color_scheme == "dark" else (luminance > 0.7)
    header = target.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    assert width == 1280 and height > 2000, (width, height)
