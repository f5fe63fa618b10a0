"""Each scenario runs in Chromium and against webrtc_reference; the traces must be equal.

A scenario may record divergences: leaves where Chromium departs from the spec. There the
model must hold the spec's value and Chromium the recorded one; a record that no longer
matches (Chromium fixed, or changed) fails, so that it gets updated or removed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from conformance.driver import run_scenario
from conformance.scenarios import DRIVER_JS_PATH, differences, load_scenarios, recorded

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


def _show(diffs: dict[str, tuple[Any, Any]], left: str, right: str) -> str:
    return "\n".join(
        f"  step {key}: {left} {json.dumps(a)} / {right} {json.dumps(b)}"
        for key, (a, b) in diffs.items()
    )


@pytest.mark.browser
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_model_agrees_with_chromium(page: Page, scenario: dict[str, Any]) -> None:
    browser_trace = page.evaluate("scenario => runScenario(scenario)", scenario)
    model_trace = run_scenario(scenario)
    found = differences(model_trace, browser_trace)
    expected = recorded(scenario)
    # Leaves recorded as Chromium divergences: the model must say what the spec says.
    stale = {k: v for k, v in expected.items() if found.get(k) != v}
    unexplained = {k: v for k, v in found.items() if k not in expected}
    messages = []
    if unexplained:
        messages.append("model and Chromium differ:\n" + _show(unexplained, "model", "chromium"))
    if stale:
        now = {k: found.get(k, ("(equal)", "(equal)")) for k in stale}
        messages.append(
            "recorded divergences no longer hold (update or remove the record):\n"
            + _show(stale, "recorded spec", "recorded chromium")
            + "\n now:\n"
            + _show(now, "model", "chromium")
        )
    assert not messages, "\n".join(messages)
