"""The conformance-results directive renders the scenario data as a table, translatable."""

from __future__ import annotations

import json
import re
from pathlib import Path

from build_site import run_sphinx
from tests.conformance.scenarios import SCENARIOS_PATH, load_scenarios

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


def _project(tmp_path: Path, data: str | None) -> Path:
    """A one-page project whose page renders scenarios.json (absent when *data* is None)."""
    source = tmp_path / "src"
    source.mkdir()
    if data is not None:
        (source / "scenarios.json").write_text(data, encoding="utf-8")
    (source / "conf.py").write_text(
        "extensions = ['myst_parser', 'webrtc_sphinx.conformance']\nhtml_theme = 'basic'\n",
        encoding="utf-8",
    )
    (source / "index.md").write_text(
        "# Results\n\n```{conformance-results} scenarios.json\n```\n", encoding="utf-8"
    )
    return source


def _build(source: Path, out: Path, builder: str) -> tuple[int, str]:
    warnings = out.parent / f"{builder}-warnings.txt"
    status = run_sphinx(
        ["-b", builder, "-W", "--keep-going", "-q", "-w", str(warnings),
         "-d", str(out.parent / f"{builder}-doctrees"), str(source), str(out)]
    )  # fmt: skip
    return status, warnings.read_text(encoding="utf-8") if warnings.exists() else ""


def test_table_has_one_row_per_scenario_and_the_evidence(tmp_path: Path) -> None:
    data = json.dumps([AGREEING, DIVERGING])
    status, warnings = _build(_project(tmp_path, data), tmp_path / "html", "html")
    assert status == 0, warnings
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert page.count('id="scenario-') == 2
    assert "2 scenarios: 1 agree, 1 with a recorded Chromium divergence." in text
    assert "Evidence sentence." in text
    assert (
        "state.a.senders at step 3, 4: the spec (close step 4) gives 0, Chromium 156.0.8078.79 gives 1."
        in text
    )
    # The values are code, so the smart-quotes transform leaves them alone.
    assert '<span class="pre">state.a.senders</span>' in page


def test_scenario_text_is_offered_for_translation(tmp_path: Path) -> None:
    data = json.dumps([AGREEING, DIVERGING])
    status, warnings = _build(_project(tmp_path, data), tmp_path / "pot", "gettext")
    assert status == 0, warnings
    pot = (tmp_path / "pot" / "index.pot").read_text(encoding="utf-8")
    for text in ("Plain check sentence.", "step 2", "Evidence sentence."):
        assert f'msgid "{text}"' in pot
    # UI strings and the counted summary come from the extension's catalog, not the page's.
    assert 'msgid "Scenario"' not in pot
    assert "2 scenarios" not in pot


def test_unreadable_data_is_a_warning(tmp_path: Path) -> None:
    status, warnings = _build(_project(tmp_path, None), tmp_path / "html", "html")
    assert status != 0
    assert "conformance-results: cannot read" in warnings


def test_real_scenarios_render(tmp_path: Path) -> None:
    status, warnings = _build(
        _project(tmp_path, SCENARIOS_PATH.read_text(encoding="utf-8")), tmp_path / "html", "html"
    )
    assert status == 0, warnings
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert page.count('id="scenario-') == len(load_scenarios())
