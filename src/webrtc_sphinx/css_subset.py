"""Ship only the rules of sphinx-design's stylesheet that the built pages can use.

sphinx-design brings one stylesheet for all its components (grids, cards, buttons, badges,
icons, tabs); this site uses its tabs only, and the whole file is about 8 KB gzipped of the
removeTrack page's 60 KB budget. After the build, each rule whose selectors name a
sphinx-design class that no built page uses is dropped; rules without such classes (custom
properties on ``:root``, say) stay, so a component that a page starts to use keeps its style.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import tinycss2  # type: ignore[import-untyped]  # no type information published
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

STYLESHEET = "sphinx-design.min.css"
SD_CLASS = re.compile(r"\bsd-[\w-]+")


def used_classes(outdir: Path) -> set[str]:
    """Every ``sd-*`` class that a built page names."""
    used: set[str] = set()
    for page in outdir.rglob("*.html"):
        used.update(SD_CLASS.findall(page.read_text(encoding="utf-8")))
    return used


def _selector_is_used(selector: str, used: set[str]) -> bool:
    return all(name in used for name in re.findall(r"\.(sd-[\w-]+)", selector))


def _rule_is_used(rule: Any, used: set[str]) -> bool:
    if rule.type == "qualified-rule":
        selectors = tinycss2.serialize(rule.prelude).split(",")
        return any(_selector_is_used(selector, used) for selector in selectors)
    if rule.type == "at-rule" and rule.content is not None:
        inner = tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True)
        return any(_rule_is_used(child, used) for child in inner if child.type != "declaration")
    return bool(rule.type == "at-rule")


def subset(css: str, used: set[str]) -> str:
    """The rules of *css* that can apply to pages using the classes *used*."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    return "".join(str(rule.serialize()) for rule in rules if _rule_is_used(rule, used))


def _subset_stylesheet(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    path = outdir / "_static" / STYLESHEET
    if path.exists():
        path.write_text(subset(path.read_text(encoding="utf-8"), used_classes(outdir)),
                        encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("build-finished", _subset_stylesheet)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
