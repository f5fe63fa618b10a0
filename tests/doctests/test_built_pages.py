"""The examples as readers see them: taken from the built pages, in both languages, and run.

Sybil runs the examples of the Markdown sources. These tests run what the site shows instead,
so a translation that changed, dropped or broke an example fails here, in the language it broke.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_site import site_languages
from tests.doctest_support import run_session

DOCS = Path(__file__).resolve().parents[2] / "docs"
PYCON_FENCE = re.compile(r"^(`{3,})pycon\s*$", re.MULTILINE)
PAGES_WITH_EXAMPLES = sorted(
    path.relative_to(DOCS).with_suffix(".html")
    for path in DOCS.rglob("*.md")
    if PYCON_FENCE.search(path.read_text(encoding="utf-8"))
)


class _PyconBlocks(HTMLParser):
    """Collects the text of each <pre> inside a div.highlight-pycon, in page order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._depth = 0  # <div> nesting inside a pycon highlight block
        self._in_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class", "") or ""
        if tag == "div" and (self._depth or "highlight-pycon" in classes.split()):
            self._depth += 1
        elif tag == "pre" and self._depth:
            self._in_pre = True
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._depth:
            self._depth -= 1
        elif tag == "pre":
            self._in_pre = False

    def handle_data(self, data: str) -> None:
        if self._in_pre:
            self.blocks[-1] += data


def pycon_blocks(page: Path) -> list[str]:
    parser = _PyconBlocks()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser.blocks


def test_there_are_pages_with_examples() -> None:
    assert Path("api/rtcpeerconnection/removetrack.html") in PAGES_WITH_EXAMPLES


@pytest.mark.parametrize("page", PAGES_WITH_EXAMPLES, ids=str)
def test_german_page_shows_the_english_code(site_dir: Path, page: Path) -> None:
    english = pycon_blocks(site_dir / "en" / page)
    source = (DOCS / page.with_suffix(".md")).read_text(encoding="utf-8")
    assert len(english) == len(PYCON_FENCE.findall(source))
    assert pycon_blocks(site_dir / "de" / page) == english


@pytest.mark.parametrize("language", site_languages())
@pytest.mark.parametrize("page", PAGES_WITH_EXAMPLES, ids=str)
def test_examples_of_the_built_page_run(site_dir: Path, page: Path, language: str) -> None:
    shown = f"{language}/{page}"
    session = "\n".join(pycon_blocks(site_dir / language / page))
    failures = run_session(session, shown)
    assert not failures, "\n".join(
        f"{shown}, example {failure.line} of the session:\n{failure.report}"
        for failure in failures
    )
