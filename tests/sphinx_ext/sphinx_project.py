"""Helpers for the extension tests: build small throwaway MyST projects strictly (-W -n)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

EXTENSIONS = ["myst_parser", "webrtc_sphinx.compat", "webrtc_sphinx.specs", "webrtc_sphinx.sidebar"]


@dataclass(frozen=True)
class Build:
    status: int
    warnings: str
    out_dir: Path

    def html(self, docname: str = "index") -> str:
        return (self.out_dir / f"{docname}.html").read_text(encoding="utf-8")


BuildProject = Callable[..., Build]


@pytest.fixture
def build_project(tmp_path: Path) -> BuildProject:
    """Return build(pages, language="en"): writes conf.py and the pages, then runs sphinx-build."""
    counter = iter(range(1000))

    def build(
        pages: Mapping[str, str], language: str = "en", extra_conf: str = "", builder: str = "html"
    ) -> Build:
        root = tmp_path / f"project-{next(counter)}"
        source = root / "src"
        for docname, text in pages.items():
            path = source / f"{docname}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (source / "conf.py").write_text(
            f"extensions = {EXTENSIONS!r}\nhtml_theme = 'basic'\n"
            "suppress_warnings = ['toc.not_included']\n" + extra_conf,
            encoding="utf-8",
        )
        warnings_file = root / "warnings.txt"
        status = build_main([
            "-b", builder, "-D", f"language={language}", "-W", "--keep-going", "-n", "-q",
            "-w", str(warnings_file), "-d", str(root / "doctrees"), str(source), str(root / "out"),
        ])
        warnings = warnings_file.read_text(encoding="utf-8") if warnings_file.exists() else ""
        return Build(status, warnings, root / "out")

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
