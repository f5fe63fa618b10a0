"""Each scenario runs in Chromium, in Firefox and against webrtc_reference; the traces must agree.

A scenario may record divergences per engine: leaves where that engine departs from the spec.
There the model must hold the spec's value and the engine the recorded one; a record that no
longer matches (the engine fixed, or changed) fails, so that it gets updated or removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from browsers import ENGINES, version
from tests.conformance.driver import run_scenario
from tests.conformance.scenarios import expected_event_counts, judge, load_scenarios

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SCENARIOS = load_scenarios()


@pytest.mark.browser
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_model_agrees_with_the_engine(
    engine: str, engine_browser: Browser, engine_page: Page, scenario: dict[str, Any]
) -> None:
    model_trace = run_scenario(scenario)
    counts = expected_event_counts(scenario, model_trace, engine)
    browser_trace = engine_page.evaluate("([s, counts]) => runScenario(s, counts)",
                                           [scenario, counts])
    problems = judge(scenario, model_trace, browser_trace, engine)
    title = ENGINES[engine].title
    assert not problems, (
        f"{title} {version(engine_browser)}, scenario {scenario['id']}:\n" + "\n".join(problems)
    )
