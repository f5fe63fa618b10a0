"""The site served as GitHub Pages serves a project, under /<repo>/: links, 404s, the CSP."""

from __future__ import annotations

import functools
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest

from tests.browser.site_browser import LANGUAGES, REMOVE_TRACK
from tests.served_site import BASE_PATH

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow

# Collects every Content-Security-Policy violation the page reports, from the first byte on.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`
    + ` (${event.sourceFile || "page"}:${event.lineNumber})`);
});
"""


class _References(HTMLParser):
    """The addresses a page refers to: links, stylesheets, scripts, images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        for name in ("href", "src"):
            value = attributes.get(name)
            if value and tag in ("a", "link", "script", "img"):
                self.found.append(value)


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def _parse(text: str) -> _References:
    parser = _References()
    parser.feed(text)
    return parser


def _pages(site_dir: Path) -> list[str]:
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*.html")
        if "_static" not in path.parts
    )


def test_every_reference_resolves_under_the_sub_path(site_dir: Path, site_url: str) -> None:
    assert urlsplit(site_url).path == BASE_PATH
    broken = []
    seen: dict[str, tuple[int, set[str]]] = {}
    for page in _pages(site_dir):
        status, text = _fetch(site_url + page)
        assert status == 200, page
        for reference in _parse(text).found:
            target = urljoin(site_url + page, reference)
            parts = urlsplit(target)
            if parts.scheme != "http" or parts.netloc != urlsplit(site_url).netloc:
                continue
            address = target.split("#")[0]
            if address not in seen:
                found_status, body = _fetch(address)
                ids = _parse(body).ids if address.endswith(".html") else set()
                seen[address] = (found_status, ids)
            found_status, ids = seen[address]
            if found_status != 200:
                broken.append(f"{page}: {reference} -> {found_status}")
            elif parts.fragment and address.endswith(".html") and parts.fragment not in ids:
                broken.append(f"{page}: {reference} -> no id {parts.fragment!r}")
    assert broken == []


def test_a_missing_address_gets_status_404_and_the_root_404_page(site_url: str) -> None:
    status, text = _fetch(site_url + "de/no-such-page.html")
    assert status == 404
    assert f'var base = "{BASE_PATH}";' in text


def _violations(page: Page) -> list[str]:
    result: list[str] = page.evaluate("window.__cspViolations")
    return result


@pytest.mark.parametrize(
    ("locale", "missing", "expected"),
    [
        ("en-US", "de/api/gone.html", "de"),  # the address's language wins
        ("de-DE", "en/gone/", "en"),
        ("de-DE", "gone.html", "de"),  # no language in the address: the browser's
        ("fr-FR", "gone.html", "en"),
    ],
)
def test_the_404_page_is_in_the_language_of_the_address_or_the_browser(
    browser: Browser, site_url: str, locale: str, missing: str, expected: str
) -> None:
    context = browser.new_context(locale=locale)
    try:
        context.add_init_script(CSP_RECORDER)
        page = context.new_page()
        page.goto(site_url + missing)
        page.wait_for_url(f"{site_url}{expected}/404.html")
        assert page.locator("html").get_attribute("lang") == expected
        heading = {"en": "Page not found", "de": "Seite nicht gefunden"}[expected]
        assert page.locator("h1").inner_text() == heading
        # Its absolute links work under the sub-path: the stylesheet applied, home reachable.
        assert page.locator(".sidebar-brand").count() == 1
        page.locator("#page-not-found a").click()
        page.wait_for_url(f"{site_url}{expected}/index.html")
        assert _violations(page) == []
    finally:
        context.close()


def _csp_pages(site_dir: Path) -> list[str]:
    pages = [p for p in _pages(site_dir) if p != "404.html"]  # the root 404 only forwards
    return pages + [f"{language}/search.html?q=removeTrack" for language in LANGUAGES] + [
        f"{language}/{REMOVE_TRACK}?highlight=sender" for language in LANGUAGES
    ]


# Pages loaded at once: most of a page's time is the half second without requests that
# "networkidle" waits for, and several pages can wait at the same time.
PARALLEL_PAGES = 6


def _record_error(errors: list[str], error: Exception) -> None:
    errors.append(str(error))


def _check_policy(page: Page, address: str, errors: list[str]) -> list[str]:
    """Finish what the address asks of the page (search, hide the highlights); its violations."""
    page.wait_for_load_state("networkidle")
    if "search.html?q=" in address:
        page.locator("#search-results ul.search li").first.wait_for()
    if "highlight=" in address:
        hide = page.locator(".highlight-link a")
        if hide.count():
            hide.first.click()
    return _violations(page) + errors


def test_no_page_violates_the_content_security_policy(
    browser: Browser, site_dir: Path, site_url: str
) -> None:
    context = browser.new_context()
    failures = []
    try:
        context.add_init_script(CSP_RECORDER)
        pages = [context.new_page() for _ in range(PARALLEL_PAGES)]
        errors: dict[Page, list[str]] = {page: [] for page in pages}
        for page in pages:
            page.on("pageerror", functools.partial(_record_error, errors[page]))
        addresses = _csp_pages(site_dir)
        for start in range(0, len(addresses), PARALLEL_PAGES):
            batch = list(zip(pages, addresses[start : start + PARALLEL_PAGES], strict=False))
            for page, address in batch:
                errors[page].clear()
                page.goto(site_url + address, wait_until="commit")
            for page, address in batch:
                found = _check_policy(page, address, errors[page])
                if found:
                    failures.append(f"{address}: {found}")
    finally:
        context.close()
    assert failures == []
