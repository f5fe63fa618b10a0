"""Furo's fixed English labels (toggles, icon titles) are German on the German site."""

from __future__ import annotations

from pathlib import Path

import pytest

from webrtc_sphinx import theme_strings
from webrtc_sphinx.theme_strings import ARIA_LABELS, ICON_TITLES, translate_theme_labels

FIXED = [f'aria-label="{label}"' for label in ARIA_LABELS]
FIXED += [f"<title>{title}</title>" for title in ICON_TITLES]


def test_german_pages_have_no_fixed_english_labels(site_dir: Path) -> None:
    for page in sorted((site_dir / "de").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        left = [label for label in FIXED if label in html]
        assert not left, f"{page.relative_to(site_dir)}: {left}"


def test_english_pages_keep_the_labels(site_dir: Path) -> None:
    html = (site_dir / "en" / "index.html").read_text(encoding="utf-8")
    assert all(label in html for label in FIXED)


def test_translation_escapes_what_it_inserts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(theme_strings, "_", lambda message: 'Menü "<b>"')
    html = translate_theme_labels('<button aria-label="Toggle site navigation sidebar">')
    assert str(html) == '<button aria-label="Menü &#34;&lt;b&gt;&#34;">'
