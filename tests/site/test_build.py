"""The site builds strictly in both languages, and the same sources give the same bytes."""

from __future__ import annotations

import filecmp
from pathlib import Path

from build_site import build
from tests.served_site import TEST_SITE_URL
from tests.site.sitepages import LANGUAGES, content_pages


def test_every_language_has_the_same_pages(site_dir: Path) -> None:
    english = content_pages(site_dir, "en")
    assert Path("api/rtcpeerconnection/removetrack.html") in english
    for language in LANGUAGES:
        assert content_pages(site_dir, language) == english, language


def test_no_build_info_or_doctrees_are_published(site_dir: Path) -> None:
    published = {path.name for path in site_dir.rglob("*")}
    assert ".buildinfo" not in published
    assert not any(name.endswith(".doctree") for name in published)


def _differences(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    found = [f"only in one tree: {name}" for name in comparison.left_only + comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    found += [f"differs: {left / name}" for name in mismatch + errors]
    for name in comparison.common_dirs:
        found += _differences(left / name, right / name)
    return found


def test_two_clean_builds_are_byte_identical(site_dir: Path, tmp_path: Path) -> None:
    again = tmp_path / "html"
    build(again, site_url=TEST_SITE_URL)
    assert _differences(site_dir, again) == []
