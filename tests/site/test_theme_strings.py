"""Furo's fixed English labels (toggles, icon titles) are German on the German site."""

from __future__ import annotations

import re
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


ENGLISH_UI = ["Made with", "Sphinx</a> and", "</a>'s", "the webrtc-removetrack contributors",
              "Please activate JavaScript", "Released "]


def test_german_pages_have_no_english_footer_or_search_text(site_dir: Path) -> None:
    pages = [page for page in sorted((site_dir / "de").rglob("*.html"))
             if "_static" not in page.relative_to(site_dir).parts]  # static files have no footer
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        left = [text for text in ENGLISH_UI if text in html]
        assert not left, f"{page.relative_to(site_dir)}: {left}"
        assert "Erstellt mit" in html and "Furo</a> von" in html, page
        assert "&#169; die Mitwirkenden von webrtc-removetrack" in html, page


def test_german_search_page_asks_for_javascript_in_german(site_dir: Path) -> None:
    html = (site_dir / "de" / "search.html").read_text(encoding="utf-8")
    assert "Bitte aktivieren Sie JavaScript" in html


def test_german_compat_tooltips_write_dates_the_german_way(site_dir: Path) -> None:
    german = (site_dir / "de" / "api/rtcpeerconnection/removetrack.html").read_text("utf-8")
    english = (site_dir / "en" / "api/rtcpeerconnection/removetrack.html").read_text("utf-8")
    assert 'title="Veröffentlicht am 23.01.2018"' in german
    assert 'title="Released 2018-01-23"' in english
    assert not re.search(r"am \d{4}-\d{2}-\d{2}", german)


def test_english_footer_keeps_the_credit(site_dir: Path) -> None:
    html = (site_dir / "en" / "index.html").read_text(encoding="utf-8")
    assert "</a>'s" in html and "Copyright &#169; the webrtc-removetrack contributors" in html
