"""Each scenario runs in Chromium and against webrtc_reference; the traces must be equal.

A scenario may record divergences: leaves where Chromium departs from the spec. There the
model must hold the spec's value and Chromium the recorded one; a record that no longer
matches (Chromium fixed, or changed) fails, so that it gets updated or removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from tests.conformance.driver import run_scenario
from tests.conformance.scenarios import DRIVER_JS_PATH, judge, load_scenarios

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SCENARIOS = load_scenarios()


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    """One about:blank page for the whole module; every scenario makes fresh connections."""
    context = browser.new_context()
    page = context.new_page()
    page.add_script_tag(content=DRIVER_JS_PATH.read_text(encoding="utf-8"))
    yield page
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_model_agrees_with_chromium(browser: Browser, page: Page, scenario: dict[str, Any]) -> None:
    browser_trace = page.evaluate("scenario => runScenario(scenario)", scenario)
    model_trace = run_scenario(scenario)
    problems = judge(scenario, model_trace, browser_trace)
    assert not problems, f"Chromium {browser.version}, scenario {scenario['id']}:\n" + "\n".join(
        problems
    )
