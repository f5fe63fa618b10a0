"""The ``api-sidebar`` directive: an interface's members, linked here when we have the page.

Member lists live in data/api-sidebar.json (groups as on MDN). A member links to this
site when the document ``api/<path lowercased>`` exists (``api/<interface>/index`` for an
interface), and to MDN in the build's language otherwise. Usage in MyST::

    ```{api-sidebar} RTCPeerConnection
    ```

Every sidebar ends with the "Guides" group of the file's ``guides`` list, as MDN ends each
WebRTC sidebar with the API's guides: an entry ``/<docname>`` is a guide of this site, shown
with its title in the build's language; any other entry is an MDN guide under Web/API/,
labelled through the extension's catalog.

It renders in place. With ``webrtc_api_sidebar_in_theme = True`` it renders nothing in
place and is handed to the theme instead: the template ``api-sidebar.html`` (shipped here)
shows it wherever ``html_sidebars`` lists it. The sidebar's own markup is in
``fragments/api-sidebar.html``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Final

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from webrtc_sphinx.fragments import render_fragment
from webrtc_sphinx.mdn_links import api_docname, api_section, mdn_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata
    from sphinx.writers.html5 import HTML5Translator

_ = get_translation("webrtc_sphinx")
logger = logging.getLogger(__name__)

SIDEBAR_FILE: Final = Path(__file__).parent / "data" / "api-sidebar.json"
TEMPLATES_DIR: Final = Path(__file__).parent / "templates"
IN_THEME_SETTING: Final = "webrtc_api_sidebar_in_theme"


def group_labels() -> dict[str, str]:
    return {
        "constructor": _("Constructor"), "instance_properties": _("Instance properties"),
        "static_methods": _("Static methods"), "instance_methods": _("Instance methods"),
        "events": _("Events"), "inheritance": _("Inheritance"), "related": _("Related pages"),
        "guides": _("Guides"),
    }


@dataclass(frozen=True)
class Entry:
    """One link: ``path`` as in MDN's Web/API/<path> (e.g. RTCPeerConnection/addTrack)."""

    path: str
    label: str
    deprecated: bool

    @property
    def docname(self) -> str:
        if is_local(self):  # a page of this site, not an API member
            return self.path.removeprefix("/")
        return api_docname(self.path)


def parse_entry(text: str) -> Entry:
    """Parse ``"<path> [<label>] [deprecated]"``; the label defaults to the last path part."""
    path, *rest = text.split()
    deprecated = rest[-1:] == ["deprecated"]
    label = " ".join(rest[:-1] if deprecated else rest) or path.rsplit("/", 1)[-1]
    return Entry(path, label, deprecated)


@cache
def load_sidebars() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SIDEBAR_FILE.read_text(encoding="utf-8"))
    return data


def has_sidebar(interface: str) -> bool:
    return "groups" in load_sidebars().get(interface, {})


def sidebar_groups(interface: str) -> list[tuple[str, list[Entry]]]:
    """The groups of *interface*; KeyError when the data has no sidebar for it."""
    groups = load_sidebars()[interface]["groups"]
    return [(name, [parse_entry(text) for text in entries]) for name, entries in groups]


def guides() -> list[Entry]:
    return [parse_entry(text) for text in load_sidebars().get("guides", [])]


def is_local(entry: Entry) -> bool:
    return entry.path.startswith("/")


@dataclass(frozen=True)
class Link:
    """One entry as the template shows it: here (``current``), on this site, or on MDN."""

    target: str  # "current", "internal" or "external"
    href: str
    label: str
    deprecated: bool
    code: bool = True  # API names are code; guide titles are prose


@dataclass(frozen=True)
class Group:
    label: str
    entries: list[Link]
    open: bool


def render_sidebar(builder: Builder, current: str, interface: str) -> str:
    """The sidebar of *interface* as seen from document *current*."""
    language = builder.config.language or "en"

    def link(entry: Entry, code: bool = True) -> Link:
        # An API documented in a section of one of our pages links that section.
        section = "" if is_local(entry) else api_section(entry.path)
        if entry.docname == current and not section:
            return Link("current", "#", entry.label, entry.deprecated, code)
        if entry.docname in builder.env.found_docs:
            href = "" if entry.docname == current else builder.get_relative_uri(
                current, entry.docname)
            href = f"{href}#{section}" if section else href
            return Link("internal", href, entry.label, entry.deprecated, code)
        href = mdn_url(language, f"Web/API/{entry.path}")
        return Link("external", href, entry.label, entry.deprecated, code)

    labels = group_labels()
    groups = [
        Group(labels[name], [link(entry) for entry in entries],
              open=any(entry.docname == current for entry in entries))
        for name, entries in sidebar_groups(interface)
    ]
    # A guide of this site that the build does not have is left out, not sent to MDN.
    shown = [entry for entry in guides()
             if not is_local(entry) or entry.docname in builder.env.found_docs]
    if shown:
        groups.append(Group(labels["guides"],
                            [link(guide_entry(builder, entry), code=False) for entry in shown],
                            open=any(entry.docname == current for entry in shown)))
    return render_fragment(
        "api-sidebar.html",
        aria_label=_("{interface} reference").format(interface=interface),
        interface=link(Entry(interface, interface, False)),
        groups=groups,
        deprecated=_("Deprecated"),
    )


def guide_entry(builder: Builder, entry: Entry) -> Entry:
    """*entry* labelled in the build's language: our page's title, or MDN's translated title."""
    title = builder.env.titles.get(entry.docname)
    label = title.astext() if title is not None else _(entry.label)
    return Entry(entry.path, label, entry.deprecated)


class ApiSidebarNode(nodes.General, nodes.Element):
    """Placeholder carrying the interface name; rendered at write time, when links are known."""


class ApiSidebarDirective(SphinxDirective):
    required_arguments: ClassVar[int] = 1
    has_content: ClassVar[bool] = False

    def run(self) -> list[nodes.Node]:
        interface = self.arguments[0]
        self.env.note_dependency(str(SIDEBAR_FILE))
        if not has_sidebar(interface):
            logger.warning("api-sidebar: no sidebar data for %r", interface,
                           location=self.get_location(), type="webrtc", subtype="sidebar")
            return []
        return [ApiSidebarNode(interface=interface)]


def visit_html(translator: HTML5Translator, node: ApiSidebarNode) -> None:
    if not translator.config[IN_THEME_SETTING]:
        builder = translator.builder
        translator.body.append(render_sidebar(builder, builder.current_docname, node["interface"]))
    raise nodes.SkipNode


def _add_to_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                    doctree: nodes.document | None) -> None:
    if doctree is None or not app.config[IN_THEME_SETTING]:
        return
    for node in doctree.findall(ApiSidebarNode):
        context["webrtc_api_sidebar"] = render_sidebar(app.builder, pagename, node["interface"])


def _add_templates(app: Sphinx, config: Config) -> None:
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES_DIR))


def skip(translator: nodes.NodeVisitor, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("webrtc_sphinx.l10n")
    app.setup_extension("webrtc_sphinx.assets")
    app.add_node(ApiSidebarNode, html=(visit_html, None), latex=(skip, None),
                 text=(skip, None), man=(skip, None), texinfo=(skip, None))
    app.add_directive("api-sidebar", ApiSidebarDirective)
    app.add_config_value(IN_THEME_SETTING, False, "html", bool)
    app.connect("config-inited", _add_templates)
    app.connect("html-page-context", _add_to_context)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
