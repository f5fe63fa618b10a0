"""The ``specifications`` directive: the specs defining a BCD feature, linked at the exact anchor.

URLs come from BCD ``spec_url``; titles from the web-specs snapshot. Usage in MyST::

    ```{specifications} api.RTCPeerConnection.removeTrack
    ```
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from webrtc_sphinx.bcd_data import (
    BCD_FILE,
    SPECS_FILE,
    DataError,
    Spec,
    find_feature,
    find_spec,
    spec_fragment,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata
    from sphinx.writers.html5 import HTML5Translator

_ = get_translation("webrtc_sphinx")
logger = logging.getLogger(__name__)


def spec_links(key: str) -> list[tuple[str, Spec]]:
    """(URL, spec) for each spec_url of *key*; DataError if a URL matches no known spec."""
    urls = find_feature(key).compat.get("spec_url", [])
    links = []
    for url in [urls] if isinstance(urls, str) else urls:
        spec = find_spec(url)
        if spec is None:
            raise DataError(f"no web-specs entry covers {url!r} (from {key!r})")
        links.append((url, spec))
    return links


def render_specs_table(key: str) -> str:
    links = spec_links(key)
    if not links:
        message = _("This feature is not defined in any specification.")
        return f'<p class="wsx-specs-none">{escape(message)}</p>'
    rows = "".join(
        f'<tr><td><a class="reference external" href="{escape(url)}">{escape(spec.title)}'
        f'<br><span class="wsx-spec-anchor"># {escape(spec_fragment(url))}</span></a></td></tr>'
        for url, spec in links
    )
    header = escape(_("Specification"))
    return (
        f'<div class="wsx-scroll"><table class="wsx-specs-table">'
        f'<thead><tr><th scope="col">{header}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


class SpecificationsNode(nodes.General, nodes.Element):
    """Placeholder carrying the BCD key; rendered to HTML at write time."""


class SpecificationsDirective(SphinxDirective):
    required_arguments: ClassVar[int] = 1
    has_content: ClassVar[bool] = False

    def run(self) -> list[nodes.Node]:
        key = self.arguments[0]
        self.env.note_dependency(str(BCD_FILE))
        self.env.note_dependency(str(SPECS_FILE))
        try:
            spec_links(key)
        except DataError as error:
            logger.warning("specifications: %s", error, location=self.get_location(),
                           type="webrtc", subtype="specs")
            return []
        return [SpecificationsNode(key=key)]


def visit_html(translator: HTML5Translator, node: SpecificationsNode) -> None:
    translator.body.append(render_specs_table(node["key"]))
    raise nodes.SkipNode


def skip(translator: nodes.NodeVisitor, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("webrtc_sphinx.l10n")
    app.setup_extension("webrtc_sphinx.assets")
    app.add_node(SpecificationsNode, html=(visit_html, None), latex=(skip, None),
                 text=(skip, None), man=(skip, None), texinfo=(skip, None))
    app.add_directive("specifications", SpecificationsDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
