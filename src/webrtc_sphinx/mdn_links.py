"""Roles that link to MDN Web Docs in the reader's language.

``{mdn}`RTCRtpSender <Web/API/RTCRtpSender>``` renders as code and links to
https://developer.mozilla.org/en-US/docs/Web/API/RTCRtpSender on English pages
and to .../de/docs/... on German pages, so translators never edit a URL.
``{mdn-page}`` does the same with plain text, for guide titles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from docutils import nodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

MDN_ORIGIN: Final = "https://developer.mozilla.org"
# MDN's locale segment for each site language; MDN has no plain "en". Every MDN link of
# the extension (roles, API sidebar, BCD notes) is made here.
MDN_LOCALES: Final = {"en": "en-US", "de": "de"}


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
        url = mdn_url(self.config.language or "en", slug)
        label: Node = nodes.literal(title, title) if self.as_code else nodes.Text(title)
        reference = nodes.reference(self.rawtext, "", label, refuri=url, classes=["mdn"])
        return [reference], []


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the ``mdn`` and ``mdn-page`` roles."""
    app.add_role("mdn", MdnRole(as_code=True))
    app.add_role("mdn-page", MdnRole(as_code=False))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
