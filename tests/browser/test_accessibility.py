"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the removeTrack page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import pytest

from tests.browser.site_browser import (
    AXE_SCRIPT,
    BACKGROUND_LUMINANCE,
    LANGUAGES,
    page_url,
    recording_page,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def run_axe(page: Page, within: str | None = None) -> list[dict[str, Any]]:
    """Inject the repository's axe-core and return its violations, in the whole page or only in
    the elements that match the CSS selector *within*."""
    assert AXE_SCRIPT.is_file(), f"{AXE_SCRIPT.name} missing: run `npm ci` at the repository root"
    # Served as if from the site itself, so the page's Content-Security-Policy allows it.
    url = urljoin(page.url, "/__axe-core.js")
    page.route(url, lambda route: route.fulfill(path=AXE_SCRIPT, content_type="text/javascript"))
    page.add_script_tag(url=url)
    result: dict[str, Any] = page.evaluate(
        "([tags, within]) => axe.run(within ? {include: [[within]]} : document,"
        " {runOnly: {type: 'tag', values: tags}})",
        [AXE_TAGS, within],
    )
    violations: list[dict[str, Any]] = result["violations"]
    assert result["passes"] or violations, f"axe found nothing to audit in {within or 'the page'}"
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in violations
    )


@pytest.fixture(scope="module", params=LANGUAGES)
def loaded_page(request: pytest.FixtureRequest, browser: Browser, site_url: str) -> Iterator[Page]:
    """The removeTrack page in one language, loaded once for both colour schemes."""
    with recording_page(browser) as recorded:
        recorded.page.goto(page_url(site_url, request.param))
        yield recorded.page


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_no_serious_violations(loaded_page: Page, color_scheme: str) -> None:
    page = loaded_page
    page.emulate_media(color_scheme=color_scheme)  # type: ignore[arg-type]
    scheme = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    assert scheme == (color_scheme == "dark")
    luminance: float = page.evaluate(BACKGROUND_LUMINANCE)  # the page is drawn in that scheme
    assert (luminance < 0.3) if color_scheme == "dark" else (luminance > 0.7)
    # The page must carry the furniture the audit is meant to cover.
    assert page.locator("table.wsx-compat-table").count() == 1
    violations = run_axe(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], describe(blocking)
