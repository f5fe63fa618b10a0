"""Turn the small HTML fragments inside BCD (descriptions, notes) into safe HTML.

BCD writes notes such as ``Although the <code>onnegotiationneeded</code> property …``.
Only a few inline tags are kept; everything else is escaped as text.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Final

from markupsafe import Markup, escape

from webrtc_sphinx.mdn_links import MDN_ORIGIN

_KEPT_TAGS: Final = frozenset({"code", "em", "strong", "kbd", "a"})


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[Markup] = []
        self.open_tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _KEPT_TAGS:
            return
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if not href.startswith(("https://", "http://")):
                href = MDN_ORIGIN + href if href.startswith("/") else ""
            self.parts.append(Markup('<a href="{}">').format(href) if href else Markup("<a>"))
        else:
            self.parts.append(Markup("<{}>").format(tag))  # one of _KEPT_TAGS
        self.open_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _KEPT_TAGS and tag in self.open_tags:
            while self.open_tags:
                closed = self.open_tags.pop()
                self.parts.append(Markup("</{}>").format(closed))
                if closed == tag:
                    break

    def handle_data(self, data: str) -> None:
        self.parts.append(escape(data))


def safe_inline_html(fragment: str) -> Markup:
    """Return *fragment* with only code/em/strong/kbd/a kept, all tags balanced."""
    sanitizer = _Sanitizer()
    sanitizer.feed(fragment)
    sanitizer.close()
    closing = [Markup("</{}>").format(tag) for tag in reversed(sanitizer.open_tags)]
    return Markup("").join(sanitizer.parts + closing)
