"""The removeTrack page in both languages, the language switcher, the root redirect, search."""

from __future__ import annotations

import contextlib
import itertools
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.site_browser import LANGUAGES, REMOVE_TRACK, page_url, recording_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

HEADINGS = {
    "en": ["Syntax", "Description", "Examples", "Specifications", "Browser compatibility",
           "See also"],
    "de": ["Syntax", "Beschreibung", "Beispiele", "Spezifikationen", "Browser-Kompatibilität",
           "Siehe auch"],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_renders_with_its_sections_and_tables(
    browser: Browser, site_url: str, language: str
) -> None:
    with recording_page(browser) as recorded:
        page = recorded.page
        page.goto(page_url(site_url, language))
        assert page.locator("html").get_attribute("lang") == language
        assert "removeTrack()" in page.locator("h1").inner_text()
        headings = [text.strip() for text in page.locator("article h2").all_inner_texts()]
        assert headings == HEADINGS[language]
        assert page.locator("#specifications table.wsx-specs-table").is_visible()
        assert page.locator("#browser-compatibility table.wsx-compat-table").is_visible()


TITLES = {
    "en": "RTCPeerConnection: removeTrack() method",
    "de": "RTCPeerConnection: removeTrack()-Methode",
}


@pytest.mark.parametrize(("language", "other"), list(itertools.permutations(LANGUAGES, 2)))
def test_language_switcher_leads_to_the_same_place_on_the_same_page(
    browser: Browser, site_url: str, language: str, other: str
) -> None:
    with recording_page(browser) as recorded:
        page = recorded.page
        page.goto(page_url(site_url, language) + "#exceptions")
        page.locator(f"nav.lang-switcher a[hreflang='{other}']").first.click()
        # The heading ids are the same in both languages, so the switcher keeps the place.
        page.wait_for_url(page_url(site_url, other) + "#exceptions")
        assert page.locator("html").get_attribute("lang") == other
        assert page.locator("h1").inner_text().startswith(TITLES[other])


@pytest.mark.parametrize(
    ("locale", "language"),
    [("de-DE", "de"), ("de-AT", "de"), ("en-US", "en"), ("fr-FR", "en")],
)
def test_root_page_picks_the_browser_language(
    browser: Browser, site_url: str, locale: str, language: str
) -> None:
    with recording_page(browser, locale=locale) as recorded:
        page = recorded.page
        page.goto(site_url)
        page.wait_for_url(f"{site_url}{language}/index.html")
        assert page.locator("html").get_attribute("lang") == language


def test_german_search_finds_a_page_by_an_inflected_german_word(
    browser: Browser, site_url: str
) -> None:
    with recording_page(browser, locale="de-DE") as recorded:
        page = recorded.page
        # "Aushandlungen" is not on any page; only the German stemmer maps it to "Aushandlung".
        page.goto(f"{site_url}de/search.html?q=Aushandlungen")
        # Results arrive one page at a time: wait (up to 15 s) for the removeTrack page's entry.
        results = page.locator("#search-results ul.search li a")
        results.first.wait_for()
        found = page.locator('#search-results ul.search li a[href*="removetrack.html"]')
        with contextlib.suppress(PlaywrightTimeoutError):
            found.first.wait_for(timeout=15_000)
        hrefs = [link.get_attribute("href") or "" for link in results.all()]
    assert any("removetrack.html" in href for href in hrefs), hrefs


@pytest.mark.parametrize("path", [f"{language}/{REMOVE_TRACK}" for language in LANGUAGES] + [""])
def test_no_request_leaves_the_site_and_nothing_fails(
    browser: Browser, site_url: str, path: str
) -> None:
    with recording_page(browser, locale="de-DE") as recorded:
        recorded.page.goto(site_url + path, wait_until="networkidle")
        recorded.page.wait_for_load_state("networkidle")
    assert recorded.requests, "no request was recorded at all"
    outside = [url for url in recorded.requests
               if not url.startswith(site_url) and not url.startswith("data:")]
    assert outside == []
    assert recorded.console_errors == []
    assert recorded.page_errors == []
