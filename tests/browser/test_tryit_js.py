""""Run in this browser": every JavaScript control of the site, run as a reader runs it, in
Chromium.

Every JavaScript control of the English pages runs. A German page's controls run the very same
example scripts (checked in the built files, without a browser), so in German the browser runs
the controls of the removeTrack page, for the German labels and summaries.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.site_browser import REMOVE_TRACK, recording_page
from tests.browser.test_accessibility import BLOCKING_IMPACTS, describe, run_axe
from tests.browser.tryit_controls import (
    DIVERGENCES,
    JS_CONTROL,
    LABELS,
    no_outside_requests_or_errors,
    policy_violations,
    result_marks,
    run_control,
)
from tests.js_examples.jsharness import collect_site
from webrtc_sphinx.js_expectations import expectations

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def _pages_with_values() -> dict[str, int]:
    """Each page with JavaScript examples that document values: how many such examples."""
    counts = Counter(block.page for block in collect_site(ROOT / "docs", ROOT)
                     if expectations(block.source))
    return {page.removeprefix("docs/").removesuffix(".md") + ".html": count
            for page, count in sorted(counts.items())}


# Selects the tab a control is in, if it is in one that is not shown.
SHOW_TAB = """control => {
  const tab = control.closest(".sd-tab-content");
  if (tab && !control.checkVisibility()) tab.previousElementSibling.click();
}"""
# What a JavaScript control shows after a run, read at once.
JS_RUN = """control => {
  const summary = control.querySelector(".tryit-summary");
  return {
    rows: [...control.querySelectorAll("td [data-result]")].map((mark) => mark.dataset.result),
    report: control.querySelector(".tryit-out").innerText,
    summary: summary.innerText,
    total: summary.dataset.total, matched: summary.dataset.matched,
    connections: summary.dataset.connections, closed: summary.dataset.closed,
    frames: document.querySelectorAll("iframe").length,
  };
}"""


def _controls(html: Path) -> list[str]:
    """The example script of each JavaScript control of a built page, in page order."""
    return re.findall(r'<div class="tryit" data-tryit="js" data-example="([^"]+)"',
                      html.read_text(encoding="utf-8"))


def test_german_pages_run_the_same_example_scripts_as_the_english_ones(site_dir: Path) -> None:
    pages = _pages_with_values()
    for path, expected_controls in pages.items():
        scripts = _controls(site_dir / "en" / path)
        assert len(scripts) == expected_controls, path
        assert _controls(site_dir / "de" / path) == scripts, path
        for script in scripts:
            english, german = (site_dir / language / "_static/tryit" / script
                               for language in ("en", "de"))
            assert german.read_bytes() == english.read_bytes(), script


@pytest.mark.parametrize(
    ("language", "pages"),
    [
        pytest.param("en", _pages_with_values(), id="en"),
        pytest.param("de", {REMOVE_TRACK: _pages_with_values()[REMOVE_TRACK]}, id="de"),
    ],
)
def test_every_javascript_example_matches_its_documented_values(
    browser: Browser, strict_site_url: str, screenshot_dir: Path, language: str,
    pages: dict[str, int],
) -> None:
    site_url = strict_site_url
    with recording_page(browser) as recorded:
        page = recorded.page
        violations_of_policy = policy_violations(page, site_url)
        for path, expected_controls in pages.items():
            page.goto(f"{site_url}{language}/{path}")
            controls = page.locator(JS_CONTROL)
            assert controls.count() == expected_controls, path
            for index, control in enumerate(controls.all()):
                control.evaluate(SHOW_TAB)
                label, _ = LABELS[language]
                assert control.locator("button").inner_text() == label
                run_control(control)
                run = control.evaluate(JS_RUN)
                rows: list[str] = run["rows"]
                diverging = DIVERGENCES.get((path, index + 1), set())
                matched = [i for i, r in enumerate(rows) if r == "match" or i in diverging]
                report = f"{path} example {index + 1}:\n{run['report']}"
                assert len(matched) == len(rows) > 0, report
                assert run["total"] == str(len(rows)), report
                assert run["matched"] == str(len(rows) - len(diverging)), report
                assert "Chromium" in run["summary"], report
                # Every connection the example opened was closed after the run.
                assert run["closed"] == run["connections"], report
                assert int(run["connections"] or 0) > 0, report
                assert run["frames"] == 0, report
                if path == REMOVE_TRACK and index == 0:
                    control.screenshot(path=screenshot_dir / f"tryit-js-{language}.png")
        violations = run_axe(page, within=".tryit")  # the page: test_accessibility
    no_outside_requests_or_errors(recorded, site_url)
    assert violations_of_policy == []
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], describe(blocking)


# Stand-ins for an example script: one that prints another value, then throws on line 2; one
# that never finishes.
THROWS = """tryitFrame.run([{"statement": "a", "expected": "1"}, {"statement": "b", \
"expected": "2"}], async (tryitLog) => { tryitLog(0, 3);
null.property;
tryitLog(1, 2);
});
"""
HANGS = 'tryitFrame.run([{"statement": "a", "expected": "1"}], () => new Promise(() => {}));\n'


def test_an_example_that_throws_or_hangs_is_shown_not_thrown(
    browser: Browser, site_url: str
) -> None:
    example = "**/_static/tryit/examples/api/rtcpeerconnection/removetrack/1.js"
    with recording_page(browser) as recorded:
        page = recorded.page
        page.goto(f"{site_url}en/{REMOVE_TRACK}")
        control = page.locator(JS_CONTROL).first
        page.route(
            example, lambda route: route.fulfill(body=THROWS, content_type="text/javascript")
        )
        summary = run_control(control)
        assert result_marks(control) == ["mismatch", "error"]
        error = control.locator(".tryit-error").inner_text()
        assert "TypeError" in error and "(line 2 of the example)" in error
        assert (summary.get_attribute("data-matched"), summary.get_attribute("data-total")) == (
            "0", "2")

        page.unroute(example)
        page.route(example, lambda route: route.fulfill(body=HANGS, content_type="text/javascript"))
        control.evaluate("control => { control.dataset.timeout = 1000; }")
        run_control(control)
        assert "1 s" in control.locator(".tryit-error").inner_text()
        assert page.locator("iframe").count() == 0

        # The next run is the page's own example again, in a fresh frame.
        page.unroute(example)
        summary = run_control(control)
        assert set(result_marks(control)) == {"match"}
    no_outside_requests_or_errors(recorded, site_url)


def test_a_file_page_says_why_it_cannot_run(browser: Browser, site_dir: Path) -> None:
    with recording_page(browser) as recorded:
        page = recorded.page
        page.goto((site_dir / "en" / REMOVE_TRACK).as_uri())
        control = page.locator(JS_CONTROL).first
        assert control.locator("button").is_disabled()
        assert "file://" in control.locator(".tryit-note").inner_text()
        assert not [url for url in recorded.requests if "pyodide" in url or "run.js" in url]
