"""What readers and search engines get: sitemap, robots.txt, canonical and social metadata,
favicon, edit and report links, dates, breadcrumbs, 404 pages, a Content-Security-Policy."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.served_site import BASE_PATH, TEST_SITE_URL
from tests.site.publishing_checks import policy_problems, sitemap_problems
from tests.site.sitepages import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
REMOVE_TRACK = "api/rtcpeerconnection/removetrack.html"


def _head_tags(html: str, tag: str) -> list[dict[str, str]]:
    found = []
    for match in re.finditer(rf"<{tag}\b([^>]*)>", html):
        attributes = dict(re.findall(r'([\w:-]+)="([^"]*)"', match.group(1)))
        found.append({name: unescape(value) for name, value in attributes.items()})
    return found


def _meta(html: str, key: str) -> str | None:
    for meta in _head_tags(html, "meta"):
        if key in (meta.get("property"), meta.get("name")):
            return meta.get("content")
    return None


def _link(html: str, rel: str) -> str | None:
    for link in _head_tags(html, "link"):
        if link.get("rel") == rel:
            return link.get("href")
    return None


def test_sitemap_lists_every_page_with_its_alternates(site_dir: Path) -> None:
    assert sitemap_problems(site_dir, TEST_SITE_URL) == []


def test_a_missing_alternate_is_reported_with_its_page(site_dir: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "site"
    shutil.copytree(site_dir, damaged)
    sitemap = damaged / "sitemap.xml"
    alternate = f'hreflang="de" href="{TEST_SITE_URL}de/{REMOVE_TRACK}"/>'
    text = sitemap.read_text(encoding="utf-8")
    assert alternate in text
    sitemap.write_text(text.replace(alternate, "/>", 1), encoding="utf-8")
    problems = sitemap_problems(damaged, TEST_SITE_URL)
    assert problems and all(REMOVE_TRACK in problem for problem in problems), problems


def test_robots_txt_points_to_the_sitemap(site_dir: Path) -> None:
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {TEST_SITE_URL}sitemap.xml" in robots.splitlines()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_has_canonical_social_metadata_and_favicon(
    site_dir: Path, page_paths: list[Path], language: str
) -> None:
    for page in page_paths:
        path = site_dir / language / page
        html = path.read_text(encoding="utf-8")
        url = f"{TEST_SITE_URL}{language}/{page.as_posix()}"
        assert _link(html, "canonical") == url, page
        assert _meta(html, "og:url") == url, page
        assert _meta(html, "og:locale") == {"en": "en_US", "de": "de_DE"}[language], page
        assert _meta(html, "og:title"), page
        description = _meta(html, "description")
        assert description and len(description) > 40, page
        assert _meta(html, "og:description") == description, page
        icon = _link(html, "shortcut icon") or _link(html, "icon")
        assert icon and (path.parent / icon).resolve().is_file(), page


def test_descriptions_are_in_the_pages_language(site_dir: Path) -> None:
    english = _meta((site_dir / "en" / REMOVE_TRACK).read_text(encoding="utf-8"), "description")
    german = _meta((site_dir / "de" / REMOVE_TRACK).read_text(encoding="utf-8"), "description")
    assert english and english.startswith("The removeTrack() method")
    assert german and "Gegenstelle" in german and german != english


@pytest.mark.parametrize(
    ("language", "source"),
    [("en", "docs/{page}.md"), ("de", "locales/de/LC_MESSAGES/{page}.po")],
)
def test_edit_link_opens_the_source_or_the_catalog(
    site_dir: Path, page_paths: list[Path], language: str, source: str
) -> None:
    for page in page_paths:
        html = (site_dir / language / page).read_text(encoding="utf-8")
        docname = page.with_suffix("").as_posix()
        expected = source.format(page=docname)
        assert f'/edit/main/{expected}"' in html, page
        assert (ROOT / expected).is_file(), expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_report_link_names_the_page_and_its_language(site_dir: Path, language: str) -> None:
    html = (site_dir / language / REMOVE_TRACK).read_text(encoding="utf-8")
    links = [a["href"] for a in _head_tags(html, "a") if "/issues/new?" in a.get("href", "")]
    assert len(links) == 1
    query = parse_qs(urlsplit(links[0]).query)
    assert query["title"] == [f"[{language}] api/rtcpeerconnection/removetrack: "]
    assert f"{TEST_SITE_URL}{language}/{REMOVE_TRACK}" in query["body"][0]
    assert f"({language})" in query["body"][0]


@pytest.mark.parametrize(
    ("language", "pattern"),
    [
        ("en", (r"Last updated on (January|February|March|April|May|June|July|August|September"
                r"|October|November|December) \d{1,2}, 20\d\d<")),
        ("de", (r"Zuletzt geändert am \d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August"
                r"|September|Oktober|November|Dezember) 20\d\d<")),
    ],
)
def test_last_change_date_in_the_readers_format(
    site_dir: Path, page_paths: list[Path], language: str, pattern: str
) -> None:
    for page in page_paths:
        html = (site_dir / language / page).read_text(encoding="utf-8")
        assert re.search(pattern, re.sub(r"\s+", " ", html)), page


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", ["Web APIs", "RTCPeerConnection", "removeTrack()"]),
     ("de", ["Web-APIs", "RTCPeerConnection", "removeTrack()"])],
)
def test_breadcrumbs_lead_from_the_apis_to_the_page(
    site_dir: Path, language: str, expected: list[str]
) -> None:
    html = (site_dir / language / REMOVE_TRACK).read_text(encoding="utf-8")
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.DOTALL)
    assert nav
    items = re.findall(r"<li>(.*?)</li>", nav.group(0), re.DOTALL)
    assert [re.sub(r"<[^>]+>", "", item).strip() for item in items] == expected
    assert 'href="../../index.html"' in items[0]
    assert 'href="index.html"' in items[1]
    assert 'aria-current="page"' in items[2]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_a_404_page_with_absolute_links(site_dir: Path, language: str) -> None:
    html = (site_dir / language / "404.html").read_text(encoding="utf-8")
    assert f'<html class="no-js" lang="{language}"' in html
    assert {"en": "Page not found", "de": "Seite nicht gefunden"}[language] in html
    links = _head_tags(html, "link")
    stylesheets = [link["href"] for link in links if link.get("rel") == "stylesheet"]
    assert stylesheets and all(href.startswith(f"{BASE_PATH}{language}/") for href in stylesheets)


def test_root_404_page_knows_the_base_path(site_dir: Path) -> None:
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    assert f'var base = "{BASE_PATH}";' in html
    assert f'href="{BASE_PATH}de/index.html"' in html


def test_every_page_has_a_content_security_policy(site_dir: Path) -> None:
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        if "_static" not in page.parts:
            problems += policy_problems(page, str(page.relative_to(site_dir)))
    assert problems == []
