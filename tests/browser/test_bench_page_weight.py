"""tools/bench_page_weight.py: its arithmetic, and the real measurement against the budget."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

import bench_page_weight
from bench_page_weight import (
    BUDGET_BYTES,
    LANGUAGES,
    Resource,
    gzipped_size,
    machine_description,
    main,
    measure,
    report,
    totals_by_kind,
)


def test_gzipped_size_is_gzip_level_9_and_deterministic() -> None:
    body = b"removeTrack " * 500
    assert gzipped_size(body) == len(gzip.compress(body, compresslevel=9, mtime=0))
    assert gzipped_size(body) < len(body) // 10


def test_totals_group_by_type_and_fold_the_rest_into_other() -> None:
    resources = [
        Resource("a.html", "document", 100, 40), Resource("a.css", "stylesheet", 50, 20),
        Resource("b.css", "stylesheet", 30, 10), Resource("x.json", "fetch", 7, 5),
    ]
    totals = totals_by_kind(resources)
    assert totals["document"] == (100, 40)
    assert totals["stylesheet"] == (80, 30)
    assert totals["other"] == (7, 5)
    assert totals["font"] == (0, 0)
    text, within = report({"en": resources}, "test machine", budget=74)
    assert within is False and "OVER BUDGET" in text and "187" in text
    assert report({"en": resources}, "test machine", budget=75)[1] is True


@pytest.mark.browser
def test_removetrack_page_is_within_the_budget(
    site_dir: Path, chromium_executable: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    loads, version = measure(site_dir, chromium_executable)
    assert version
    for language in LANGUAGES:
        kinds = {resource.kind for resource in loads[language]}
        assert {"document", "stylesheet", "script"} <= kinds, kinds
        assert all(r.url.startswith("http://127.0.0.1:") for r in loads[language])
        gzipped = sum(resource.gzipped for resource in loads[language])
        assert 5_000 < gzipped <= BUDGET_BYTES, (language, gzipped)
    # The command line reports this measurement (not a second one: loading costs seconds).
    monkeypatch.setattr(bench_page_weight, "measure", lambda site, chromium: (loads, version))
    assert main(["--site", str(site_dir)]) == 0
    assert report(loads, machine_description(version), BUDGET_BYTES)[0] in capsys.readouterr().out
