"""Read facts out of the built HTML: links, <pre> blocks, hreflang alternates, ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from build_site import site_languages

LANGUAGES = site_languages()  # conf.py's, the default first


@dataclass
class PageFacts:
    """What the tests need to know about one HTML page."""

    html_lang: str | None = None
    links: list[dict[str, str]] = field(default_factory=list)  # <a> attributes
    alternates: dict[str, str] = field(default_factory=dict)  # hreflang -> href
    ids: set[str] = field(default_factory=set)
    pre_blocks: list[str] = field(default_factory=list)
    switcher_links: list[dict[str, str]] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._pre_depth = 0
        self._pre_text: list[str] = []
        self._in_switcher = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.facts.ids.add(attributes["id"])
        if tag == "html":
            self.facts.html_lang = attributes.get("lang")
        elif tag == "link" and attributes.get("rel") == "alternate" and "hreflang" in attributes:
            self.facts.alternates[attributes["hreflang"]] = attributes.get("href", "")
        elif tag == "a":
            self.facts.links.append(attributes)
            if self._in_switcher:
                self.facts.switcher_links.append(attributes)
        elif tag == "nav" and "lang-switcher" in attributes.get("class", "").split():
            self._in_switcher = True
        elif tag == "pre":
            self._pre_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_switcher = False
        elif tag == "pre" and self._pre_depth:
            self._pre_depth -= 1
            if not self._pre_depth:
                self.facts.pre_blocks.append("".join(self._pre_text))
                self._pre_text = []

    def handle_data(self, data: str) -> None:
        if self._pre_depth:
            self._pre_text.append(data)


def read_page(path: Path) -> PageFacts:
    """Parse one built page."""
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.facts


def content_pages(site_dir: Path, language: str) -> list[Path]:
    """The pages built from docs/, relative to the language tree (no search, index or 404)."""
    tree = site_dir / language
    skip = {"search.html", "genindex.html", "404.html"}
    return sorted(
        path.relative_to(tree)
        for path in tree.rglob("*.html")
        if path.name not in skip and "_static" not in path.parts
    )
