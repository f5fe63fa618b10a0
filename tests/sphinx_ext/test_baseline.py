"""The Baseline badge: web-features' status of the page's compat key, under the title."""

from __future__ import annotations

import re
from datetime import date

import pytest

from refresh_baseline_data import bcd_keys, trim_features
from tests.sphinx_project import BuildProject, directive
from webrtc_sphinx.baseline import render_badge
from webrtc_sphinx.baseline_data import Baseline, find_baseline, snapshot_version

PAGE = "# Page\n\nIntro.\n\n## Browser compatibility\n\n"
WITH_BADGE = "extensions.append('webrtc_sphinx.baseline')\n"


def test_remove_track_is_widely_available_since_january_2020() -> None:
    baseline = find_baseline("api.RTCPeerConnection.removeTrack")
    assert baseline is not None
    assert snapshot_version() == "3.40.0"
    assert (baseline.feature, baseline.level) == ("webrtc", "high")
    assert (baseline.low_date, baseline.high_date) == (date(2020, 1, 15), date(2022, 7, 15))
    # web-features takes Firefox's unprefixed RTCPeerConnection (44), not removeTrack's 22.
    assert baseline.support["firefox"] == "44"
    assert baseline.support["chrome"] == "64"


def test_a_key_web_features_lacks_has_no_badge() -> None:
    assert find_baseline("api.RTCPeerConnection.no_such_member") is None


@pytest.mark.parametrize(
    ("language", "label", "month"),
    [("en", "Baseline: widely available", "January 2020"),
     ("de", "Baseline: weitgehend verfügbar", "Januar 2020")],
)
def test_badge_sits_under_the_title_in_the_readers_language(
    build_project: BuildProject, language: str, label: str, month: str
) -> None:
    page = PAGE + directive("browser-compat", "api.RTCPeerConnection.removeTrack")
    build = build_project({"index": page}, language=language, extra_conf=WITH_BADGE)
    assert build.status == 0, build.warnings
    html = build.html()
    badge = re.search(
        r'</h1>\s*<div class="baseline-badge baseline-high">(.*?)</div>', html, re.DOTALL
    )
    assert badge, html
    text = badge.group(1)
    assert label in text and month in text
    # Browser names as browser-compat-data spells them.
    assert "Safari on iOS 11" in text and "Firefox for Android 44" in text


def test_a_page_without_a_compat_table_has_no_badge(build_project: BuildProject) -> None:
    build = build_project({"index": PAGE}, extra_conf=WITH_BADGE)
    assert build.status == 0, build.warnings
    assert "baseline-badge" not in build.html()


@pytest.mark.parametrize(
    ("level", "expected"),
    [("low", "Baseline 2024: newly available"), ("limited", "Limited availability")],
)
def test_newly_available_and_limited_features_say_so(level: str, expected: str) -> None:
    baseline = Baseline(
        key="api.X", feature="x", feature_name="X", level=level,  # type: ignore[arg-type]
        low_date=date(2024, 3, 5) if level == "low" else None, high_date=None,
        support={"chrome": "120"} if level == "low" else {},
    )
    html = render_badge(baseline, "en")
    assert f"baseline-{level}" in html and expected in html
    assert ("March 2024" in html) == (level == "low")


def test_trim_keeps_the_statuses_of_the_snapshot_keys_only() -> None:
    status = {"baseline": "low", "baseline_low_date": "2024-03-05", "support": {"chrome": "1"}}
    data = {"features": {
        "a": {"name": "A", "status": {"by_compat_key": {"api.A": status, "api.B": status}}},
        "c": {"name": "C", "status": {"by_compat_key": {"api.C": status}}},
    }}
    trimmed = trim_features(data, ["api.A", "api.Z"], "9.9.9")
    assert trimmed["features"] == {"a": {"name": "A"}}
    assert trimmed["by_compat_key"] == {"api.A": {"feature": "a", **status}}
    with pytest.raises(KeyError):
        trim_features(data, ["api.Z"], "9.9.9")


def test_snapshot_keys_are_the_features_of_the_compat_tree() -> None:
    members: dict[str, object] = {"__compat": {}, "m": {"__compat": {}}, "n": {"__compat": {}}}
    tree: dict[str, object] = {"__meta": {}, "api": {"I": members}}
    assert sorted(bcd_keys(tree)) == ["api.I", "api.I.m", "api.I.n"]
