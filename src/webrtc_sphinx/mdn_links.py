"""Roles that link to MDN Web Docs in the reader's language.

``{mdn}`RTCRtpSender <Web/API/RTCRtpSender>``` renders as code and links to
https://developer.mozilla.org/en-US/docs/Web/API/RTCRtpSender on English pages
and to .../de/docs/... on German pages, so translators never edit a URL.
``{mdn-page}`` does the same with plain text, for guide titles.
A Web API slug whose page this site has (``Web/API/RTCRtpSender`` is ``api/rtcrtpsender/index``,
``Web/API/RTCRtpSender/replaceTrack`` is ``api/rtcrtpsender/replacetrack``) links that page instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode, split_explicit_title

if TYPE_CHECKING:
    from docutils.nodes import Element, Node, system_message
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

MDN_ORIGIN: Final = "https://developer.mozilla.org"
# MDN's locale segment for each site language; MDN has no plain "en". Every MDN link of
# the extension (roles, API sidebar, BCD notes) is made here.
MDN_LOCALES: Final = {"en": "en-US", "de": "de"}
WEB_API: Final = "Web/API/"
LOCAL_REFTYPE: Final = "mdn-local"


# MDN pages whose API this site documents in a section of another page: (document, section id).
# Section ids come from the English headings, so they are the same in every language.
DOCUMENTED_IN: Final = {
    "RTCPeerConnection/signalingstatechange_event": (
        "api/rtcpeerconnection/signalingstate", "the-signalingstatechange-event"),
}


def api_docname(path: str) -> str:
    """The document of this site for MDN's ``Web/API/<path>``, e.g. RTCPeerConnection/addTrack."""
    if path.strip("/") in DOCUMENTED_IN:
        return DOCUMENTED_IN[path.strip("/")][0]
    lowered = path.strip("/").lower()
    return f"api/{lowered}" if "/" in lowered else f"api/{lowered}/index"


def api_section(path: str) -> str:
    """The section id within api_docname(path) that documents the API, or "" for the page."""
    return DOCUMENTED_IN.get(path.strip("/"), ("", ""))[1]


def mdn_url(language: str, slug: str) -> str:
    """Return the MDN URL of *slug* (e.g. ``Web/API/RTCRtpSender``) for a site language;
    other languages get the English page."""
    locale = MDN_LOCALES.get(language, "en-US")
    path, hash_mark, fragment = slug.strip("/").partition("#")
    return f"{MDN_ORIGIN}/{locale}/docs/{path}{hash_mark}{fragment}"


class MdnRole(SphinxRole):
    """Link to an MDN page; the title is shown as code unless ``as_code`` is false."""

    def __init__(self, as_code: bool) -> None:
        super().__init__()
        self.as_code = as_code

    def run(self) -> tuple[list[Node], list[system_message]]:
        has_title, title, slug = split_explicit_title(self.text)
        if not has_title:
            # {mdn}`Web/API/RTCRtpSender` shows the last path segment.
            title = slug.rstrip("/").rsplit("/", 1)[-1]
        if not slug.startswith("Web/"):
            message = self.inliner.reporter.error(
                f"MDN slug must start with 'Web/': {slug!r}", line=self.lineno
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [message]
        label: Node = nodes.literal(title, title) if self.as_code else nodes.Text(title)
        local = self.local_docname(slug)
        if local is not None:
            # Resolved once every page is read (resolve_local_link), keeping the code label.
            xref = addnodes.pending_xref(self.rawtext, label, refdomain="", reftype=LOCAL_REFTYPE,
                                         reftarget=local, refdoc=self.env.docname,
                                         refsection=api_section(slug.removeprefix(WEB_API)))
            return [xref], []
        url = mdn_url(self.config.language or "en", slug)
        reference = nodes.reference(self.rawtext, "", label, refuri=url, classes=["mdn"])
        return [reference], []

    def local_docname(self, slug: str) -> str | None:
        """Our page for a Web API slug without a fragment, if this site has one."""
        if not slug.startswith(WEB_API) or "#" in slug:
            return None
        docname = api_docname(slug.removeprefix(WEB_API))
        return docname if docname in self.env.found_docs else None


def resolve_local_link(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: Element
) -> Element | None:
    """Turn an {mdn} link to one of our pages into a relative link to it."""
    if node.get("reftype") != LOCAL_REFTYPE:
        return None
    return make_refnode(app.builder, node["refdoc"], node["reftarget"], node.get("refsection", ""),
                        contnode)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the ``mdn`` and ``mdn-page`` roles."""
    app.add_role("mdn", MdnRole(as_code=True))
    app.add_role("mdn-page", MdnRole(as_code=False))
    app.connect("missing-reference", resolve_local_link)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
