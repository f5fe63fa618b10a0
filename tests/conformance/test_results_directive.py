"""The conformance-results directive renders the scenario data as a table, translatable."""

from __future__ import annotations

import json
import re

from tests.conformance.scenarios import SCENARIOS_PATH, load_scenarios
from tests.sphinx_project import Build, BuildProject

AGREEING = {"id": "plain", "checks": "Plain check sentence.", "spec": "step 1", "steps": []}
DIVERGING = {
    "id": "odd",
    "checks": "Odd check sentence.",
    "spec": "step 2",
    "steps": [],
    "divergences": [
        {
            "steps": [3, 4],
            "field": "state.a.senders",
            "spec": 0,
            "chromium": 1,
            "chromium_version": "156.0.8078.79",
            "spec_step": "close step 4",
            "evidence": "Evidence sentence.",
        }
    ],
}


PAGE = {"index": "# Results\n\n```{conformance-results} scenarios.json\n```\n"}
EXTENSIONS = ["myst_parser", "webrtc_sphinx.conformance"]


def _build(build_project: BuildProject, data: str | None, builder: str = "html") -> Build:
    """Build the one-page project whose page renders scenarios.json (absent when *data* is None)."""
    files = {} if data is None else {"scenarios.json": data}
    return build_project(PAGE, builder=builder, extensions=EXTENSIONS, files=files)


def test_table_has_one_row_per_scenario_and_the_evidence(build_project: BuildProject) -> None:
    build = _build(build_project, json.dumps([AGREEING, DIVERGING]))
    assert build.status == 0, build.warnings
    page = build.html()
    text = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert page.count('id="scenario-') == 2
    assert "2 scenarios: 1 agree, 1 with a recorded Chromium divergence." in text
    assert "Evidence sentence." in text
    assert (
        "state.a.senders at step 3, 4: the spec (close step 4) gives 0, "
        "Chromium 156.0.8078.79 gives 1."
        in text
    )
    # The values are code, so the smart-quotes transform leaves them alone.
    assert '<span class="pre">state.a.senders</span>' in page


def test_scenario_text_is_offered_for_translation(build_project: BuildProject) -> None:
    build = _build(build_project, json.dumps([AGREEING, DIVERGING]), builder="gettext")
    assert build.status == 0, build.warnings
    pot = (build.out_dir / "index.pot").read_text(encoding="utf-8")
    for text in ("Plain check sentence.", "step 2", "Evidence sentence."):
        assert f'msgid "{text}"' in pot
    # UI strings and the counted summary come from the extension's catalog, not the page's.
    assert 'msgid "Scenario"' not in pot
    assert "2 scenarios" not in pot


def test_code_in_scenario_text_keeps_straight_quotes(build_project: BuildProject) -> None:
    coded = dict(AGREEING, checks="The sender of `addTransceiver('audio')` stays.")
    build = _build(build_project, json.dumps([coded]))
    assert build.status == 0, build.warnings
    page = build.html()
    assert "<span class=\"pre\">addTransceiver('audio')</span>" in page
    assert "\N{RIGHT SINGLE QUOTATION MARK}audio" not in page


def test_unreadable_data_is_a_warning(build_project: BuildProject) -> None:
    build = _build(build_project, None)
    assert build.status != 0
    assert "conformance-results: cannot read" in build.warnings


def test_real_scenarios_render(build_project: BuildProject) -> None:
    build = _build(build_project, SCENARIOS_PATH.read_text(encoding="utf-8"))
    assert build.status == 0, build.warnings
    page = build.html()
    assert page.count('id="scenario-') == len(load_scenarios())
