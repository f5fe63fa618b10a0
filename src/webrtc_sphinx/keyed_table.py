"""Directives that take one BCD key and render a table for it from the bundled data.

The directive checks the key while reading (a bad key is a warning with page and line, which
``-W`` makes an error) and leaves a placeholder node; the table is rendered when the page is
written, in the page's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from webrtc_sphinx.bcd_data import DataError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)
# Directive name -> function that renders the table of a key as HTML.
RENDERERS: dict[str, Callable[[str], str]] = {}


class KeyedTableNode(nodes.General, nodes.Element):
    """Placeholder carrying the directive name and the BCD key; rendered at write time."""


def visit_html(translator: HTML5Translator, node: KeyedTableNode) -> None:
    translator.body.append(RENDERERS[node["directive"]](node["key"]))
    raise nodes.SkipNode


def skip(translator: nodes.NodeVisitor, node: nodes.Element) -> None:
    raise nodes.SkipNode


def keyed_table_directive(
    name: str, check: Callable[[str], object], data_files: Iterable[Path], subtype: str
) -> type[SphinxDirective]:
    """A directive class named *name* whose argument is checked by *check* (raising DataError)."""
    files = [str(path) for path in data_files]

    class KeyedTableDirective(SphinxDirective):
        required_arguments: ClassVar[int] = 1
        has_content: ClassVar[bool] = False

        def run(self) -> list[nodes.Node]:
            key = self.arguments[0]
            for path in files:
                self.env.note_dependency(path)
            try:
                check(key)
            except DataError as error:
                logger.warning("%s: %s", name, error, location=self.get_location(),
                               type="webrtc", subtype=subtype)
                return []
            return [KeyedTableNode(directive=name, key=key)]

    return KeyedTableDirective


def add_keyed_table(
    app: Sphinx,
    name: str,
    *,
    check: Callable[[str], object],
    render: Callable[[str], str],
    data_files: Iterable[Path],
    subtype: str,
) -> None:
    """Register the directive *name*, its checker and its renderer."""
    RENDERERS[name] = render
    app.add_node(KeyedTableNode, override=True, html=(visit_html, None), latex=(skip, None),
                 text=(skip, None), man=(skip, None), texinfo=(skip, None))
    app.add_directive(name, keyed_table_directive(name, check, data_files, subtype))
