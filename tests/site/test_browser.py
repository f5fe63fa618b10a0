"""In a real Chromium: the root page picks the reader's language, the switcher keeps the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PAGE = "api/rtcpeerconnection/removetrack.html"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("de-DE", "de"), ("de-AT", "de"), ("en-US", "en"), ("fr-FR", "en")],
)
def test_root_page_sends_the_browser_to_its_language(
    browser: Browser, site_url: str, locale: str, expected: str
) -> None:
    context = browser.new_context(locale=locale)
    try:
        page = context.new_page()
        page.goto(site_url)
        page.wait_for_url(f"{site_url}{expected}/index.html")
        assert page.locator("html").get_attribute("lang") == expected
    finally:
        context.close()


def test_switcher_opens_the_same_page_in_german_and_back(browser: Browser, site_url: str) -> None:
    context = browser.new_context(locale="en-US")
    try:
        page = context.new_page()
        page.goto(f"{site_url}en/{PAGE}#exceptions")
        page.locator("nav.lang-switcher a[hreflang='de']").first.click()
        # The heading ids are the same in both languages, so the switcher keeps the place.
        page.wait_for_url(f"{site_url}de/{PAGE}#exceptions")
        assert page.locator("html").get_attribute("lang") == "de"
        assert (
            page.locator("h1").inner_text().startswith("RTCPeerConnection: removeTrack()-Methode")
        )
        page.locator("nav.lang-switcher a[hreflang='en']").first.click()
        page.wait_for_url(f"{site_url}en/{PAGE}#exceptions")
        assert page.locator("h1").inner_text().startswith("RTCPeerConnection: removeTrack() method")
    finally:
        context.close()


def test_german_search_finds_a_page_by_an_inflected_german_word(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(locale="de-DE")
    try:
        page = context.new_page()
        # "Aushandlungen" is not on any page; only the German stemmer maps it to "Aushandlung".
        page.goto(f"{site_url}de/search.html?q=Aushandlungen")
        results = page.locator("#search-results ul.search li a")
        results.first.wait_for()
        hrefs = [link.get_attribute("href") or "" for link in results.all()]
        assert any("removetrack.html" in href for href in hrefs), hrefs
    finally:
        context.close()
