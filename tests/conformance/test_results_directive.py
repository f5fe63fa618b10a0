"""The conformance-results directive renders the scenario data as a table, translatable."""

from __future__ import annotations

import html
import json
import re

from tests.conformance.scenarios import ENGINES_PATH, SCENARIOS_PATH, load_scenarios
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
        },
        {
            "steps": [2],
            "field": "error",
            "spec": None,
            "firefox": "NotSupportedError",
            "firefox_version": "153.8.0",
            "spec_step": "set-description",
            "evidence": "Firefox evidence sentence.",
        },
    ],
}
ENGINES = json.dumps({"chromium": "156.0.8078.79", "firefox": "153.8.0"})

PAGE = {
    "index": "# Results\n\n```{conformance-results} scenarios.json\n:engines: engines.json\n```\n"
}
EXTENSIONS = ["myst_parser", "webrtc_sphinx.conformance"]


def _build(
    build_project: BuildProject, data: str | None, builder: str = "html", engines: str = ENGINES
) -> Build:
    """Build the one-page project whose page renders scenarios.json (absent when *data* is None)."""
    files = {"engines.json": engines} if data is None else {"scenarios.json": data,
                                                            "engines.json": engines}
    return build_project(PAGE, builder=builder, extensions=EXTENSIONS, files=files)


def test_table_has_one_row_per_scenario_and_the_evidence(build_project: BuildProject) -> None:
    build = _build(build_project, json.dumps([AGREEING, DIVERGING]))
    assert build.status == 0, build.warnings
    page = build.html()
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())
    assert page.count('id="scenario-') == 2
    assert (
        "2 scenarios: 1 with the same trace in the model and both engines, 1 with a recorded"
        " Chromium divergence, 1 with a recorded Firefox divergence." in text
    )
    assert "Evidence sentence." in text and "Firefox evidence sentence." in text
    # Side by side: the headers name each engine's version; the model holds the spec's value.
    headers = re.findall(r"<th[^>]*>(.*?)</th>", page, re.DOTALL)
    assert [re.sub(r"<[^>]+>", "", h).strip() for h in headers] == [
        "Scenario", "What it checks", "Spec steps", "Model", "Chromium 156.0.8078.79",
        "Firefox 153.8.0",
    ]
    assert "state.a.senders at step 3, 4: 0 (the spec: close step 4)" in text
    assert "state.a.senders at step 3, 4: 1" in text
    assert 'error at step 2: "NotSupportedError"' in text
    row = page[page.index('id="scenario-plain"') : page.index('id="scenario-odd"')]
    assert "same trace as both engines" in row and row.count("agrees with the model") == 2
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
    build = _build(
        build_project,
        SCENARIOS_PATH.read_text(encoding="utf-8"),
        engines=ENGINES_PATH.read_text(encoding="utf-8"),
    )
    assert build.status == 0, build.warnings
    page = build.html()
    assert page.count('id="scenario-') == len(load_scenarios())


def test_records_name_a_release_of_the_engine_versions_the_page_shows() -> None:
    """A record was observed in the major release whose verified version the page names."""
    versions = json.loads(ENGINES_PATH.read_text(encoding="utf-8"))
    for scenario in load_scenarios():
        for record in scenario.get("divergences", []):
            engine = next(name for name in versions if name in record)
            major = versions[engine].split(".")[0]
            assert record[f"{engine}_version"].split(".")[0] == major, scenario["id"]
