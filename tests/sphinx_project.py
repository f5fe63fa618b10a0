"""Small Sphinx projects for the extension tests, built strictly by Sphinx's own test app.

The ``build_project`` fixture (registered in tests/conftest.py) writes the pages and a
``conf.py`` into a temporary folder and builds them with ``sphinx.testing``'s ``make_app``,
with warnings as errors and nit-picky references, as the site is built.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

EXTENSIONS = ("myst_parser", "webrtc_sphinx.compat", "webrtc_sphinx.specs", "webrtc_sphinx.sidebar")


@dataclass(frozen=True)
class Build:
    status: int
    warnings: str
    out_dir: Path

    def html(self, docname: str = "index") -> str:
        return (self.out_dir / f"{docname}.html").read_text(encoding="utf-8")


BuildProject = Callable[..., Build]


def write_project(
    source: Path, pages: Mapping[str, str], files: Mapping[str, str] | None = None
) -> Path:
    """Write ``<docname>.md`` for each page, and any other *files*, below *source*."""
    written = {f"{docname}.md": text for docname, text in pages.items()} | dict(files or {})
    for name, text in written.items():
        path = source / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return source


@pytest.fixture
def build_project(make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> BuildProject:
    """Return build(pages, language="en", ...): writes the project and builds it with -W -n."""
    numbers = count()

    def build(
        pages: Mapping[str, str],
        language: str = "en",
        extra_conf: str = "",
        builder: str = "html",
        extensions: Sequence[str] = EXTENSIONS,
        files: Mapping[str, str] | None = None,
    ) -> Build:
        root = tmp_path / f"project-{next(numbers)}"
        conf = (f"extensions = {list(extensions)!r}\nhtml_theme = 'basic'\n"
                "suppress_warnings = ['toc.not_included']\n" + extra_conf)
        source = write_project(root / "src", pages, {"conf.py": conf, **(files or {})})
        app = make_app(builder, srcdir=source, builddir=root / "build", warningiserror=True,
                       confoverrides={"language": language, "nitpicky": True})
        app.build()
        return Build(app.statuscode, app.warning.getvalue(), Path(app.outdir))

    return build


def directive(name: str, argument: str) -> str:
    return f"```{{{name}}} {argument}\n```\n"


class Cell:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.text = ""
        self.titles: list[str] = []


@dataclass
class Table:
    caption: str
    rows: list[list[Cell]]

    def row(self, header: str) -> list[Cell]:
        """The cells of the row whose header text is *header*."""
        return next(row for row in self.rows if row and row[0].text.strip() == header)


class TableParser(HTMLParser):
    """Collect the tables of a page: caption text and rows of th/td cells with their text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.rows: list[list[Cell]] = []
        self.cell: Cell | None = None
        self.in_caption = False
        self.caption = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.rows, self.caption = [], ""
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self.cell = Cell(tag, dict(attrs))
            self.rows[-1].append(self.cell)
        elif self.cell is not None and dict(attrs).get("title"):
            self.cell.titles.append(str(dict(attrs)["title"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.tables.append(Table(self.caption.strip(), self.rows))
        elif tag == "caption":
            self.in_caption = False
        elif tag in ("th", "td"):
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.in_caption:
            self.caption += data
        if self.cell is not None:
            self.cell.text += data


def tables(html: str) -> list[Table]:
    parser = TableParser()
    parser.feed(html)
    return parser.tables
