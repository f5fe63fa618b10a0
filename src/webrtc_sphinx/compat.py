"""The ``browser-compat`` directive: an MDN-style compatibility table from the BCD snapshot.

Usage in MyST::

    ```{browser-compat} api.RTCPeerConnection.removeTrack
    ```
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from webrtc_sphinx.bcd_data import BCD_FILE, DataError
from webrtc_sphinx.compat_table import render_compat_table, validate

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)


class BrowserCompatNode(nodes.General, nodes.Element):
    """Placeholder carrying the BCD key; rendered to HTML at write time."""


class BrowserCompatDirective(SphinxDirective):
    required_arguments: ClassVar[int] = 1
    has_content: ClassVar[bool] = False

    def run(self) -> list[nodes.Node]:
        key = self.arguments[0]
        self.env.note_dependency(str(BCD_FILE))
        try:
            validate(key)
        except DataError as error:
            logger.warning("browser-compat: %s", error, location=self.get_location(),
                           type="webrtc", subtype="compat")
            return []
        return [BrowserCompatNode(key=key)]


def visit_html(translator: HTML5Translator, node: BrowserCompatNode) -> None:
    translator.body.append(render_compat_table(node["key"]))
    raise nodes.SkipNode


def skip(translator: nodes.NodeVisitor, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("webrtc_sphinx.l10n")
    app.setup_extension("webrtc_sphinx.assets")
    app.add_node(BrowserCompatNode, html=(visit_html, None), latex=(skip, None),
                 text=(skip, None), man=(skip, None), texinfo=(skip, None))
    app.add_directive("browser-compat", BrowserCompatDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
