"""The built pages: translated, same code in both languages, links that resolve, hreflang."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import snowballstemmer  # type: ignore[import-untyped]  # ships no type hints

from tests.served_site import TEST_SITE_URL as SITE_URL
from tests.site.sitepages import LANGUAGES, read_page


def test_no_german_page_has_an_untranslated_paragraph(
    site_dir: Path, page_paths: list[Path]
) -> None:
    untranslated = [
        str(page)
        for page in page_paths
        if 'class="untranslated' in (site_dir / "de" / page).read_text(encoding="utf-8")
    ]
    assert untranslated == []
    # The marker exists at all: the German pages carry translation classes.
    removetrack = site_dir / "de" / "api/rtcpeerconnection/removetrack.html"
    assert 'class="translated' in removetrack.read_text(encoding="utf-8")


def test_german_code_blocks_equal_the_english_ones(site_dir: Path, page_paths: list[Path]) -> None:
    for page in page_paths:
        english = read_page(site_dir / "en" / page).pre_blocks
        german = read_page(site_dir / "de" / page).pre_blocks
        assert german == english, page
    examples = read_page(site_dir / "de" / "api/rtcpeerconnection/removetrack.html").pre_blocks
    assert any(">>> pc.removeTrack(sender)" in block for block in examples)


def _local_target(page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a relative link points to, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    target = (page.parent / parts.path).resolve() if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_every_internal_link_resolves(site_dir: Path) -> None:
    # Each page is parsed once, however many links point into it.
    facts = functools.cache(read_page)
    broken = []
    for page in sorted(site_dir.rglob("*.html")):
        # The 404 pages link by absolute path (they are served at any address): the test of
        # the served site checks them.
        if "_static" in page.parts or page.name == "404.html":
            continue
        for link in facts(page).links:
            found = _local_target(page, link.get("href", ""))
            if found is None or "href" not in link:
                continue
            target, fragment = found
            if not target.is_file():
                broken.append(f"{page.relative_to(site_dir)}: {link['href']} (no file)")
            elif fragment and target.suffix == ".html" and fragment not in facts(target).ids:
                broken.append(f"{page.relative_to(site_dir)}: {link['href']} (no id)")
    assert broken == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_leads_to_the_same_page_in_the_other_language(
    site_dir: Path, page_paths: list[Path], language: str
) -> None:
    for page in page_paths:
        source = site_dir / language / page
        links = read_page(source).switcher_links
        others = [code for code in LANGUAGES if code != language]
        assert sorted(link["hreflang"] for link in links) == sorted(others), page
        for link in links:
            target = (source.parent / link["href"]).resolve()
            assert target == (site_dir / link["hreflang"] / page).resolve(), (page, link)
            assert target.is_file()


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_lang_and_hreflang_alternates(
    site_dir: Path, page_paths: list[Path], language: str
) -> None:
    for page in page_paths:
        facts = read_page(site_dir / language / page)
        assert facts.html_lang == language, page
        expected = {code: f"{SITE_URL}{code}/{page.as_posix()}" for code in LANGUAGES}
        expected["x-default"] = f"{SITE_URL}en/{page.as_posix()}"
        assert facts.alternates == expected, page


@pytest.mark.parametrize(("language", "mdn_locale"), [("en", "en-US"), ("de", "de")])
def test_mdn_links_point_to_the_readers_language(
    site_dir: Path, language: str, mdn_locale: str
) -> None:
    facts = read_page(site_dir / language / "api/rtcpeerconnection/removetrack.html")
    # The links made by the {mdn} roles; the licence credit links MDN's English original.
    mdn = [link["href"] for link in facts.links if "mdn" in link.get("class", "").split()]
    assert f"https://developer.mozilla.org/{mdn_locale}/docs/Web/API/MediaStreamTrack" in mdn
    assert all(href.startswith(f"https://developer.mozilla.org/{mdn_locale}/") for href in mdn)


def _search_terms(language_dir: Path) -> set[str]:
    text = (language_dir / "searchindex.js").read_text(encoding="utf-8")
    match = re.fullmatch(r"Search\.setIndex\((.*)\)\s*", text, flags=re.DOTALL)
    assert match, "unexpected searchindex.js format"
    index = json.loads(match.group(1))
    return set(index["terms"])


def test_german_search_uses_the_german_stemmer(site_dir: Path) -> None:
    word = "Aushandlung"  # in the German text of the removeTrack page
    german_stem = snowballstemmer.stemmer("german").stemWord(word.lower())
    english_stem = snowballstemmer.stemmer("english").stemWord(word.lower())
    assert german_stem != english_stem  # otherwise the test could not tell them apart
    assert german_stem in _search_terms(site_dir / "de")
    assert english_stem not in _search_terms(site_dir / "de")
    assert "GermanStemmer" in (site_dir / "de/_static/language_data.js").read_text("utf-8")
