"""Translate the few labels that Furo writes into its page frame as fixed English text.

Furo passes most of its words through gettext, but the labels of its sidebar and theme toggles
and the titles of its SVG icons are literal English in ``page.html`` and ``icons.html``.
docs/_templates/page.html sends the rendered frame through the ``translate_theme_labels``
filter, which swaps exactly those labels for their translations in the ``sphinx`` catalog
(locales/<language>/LC_MESSAGES/sphinx.po), as the theme's other words are translated.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from markupsafe import Markup, escape
from sphinx.locale import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

ARIA_LABELS: Final = (
    "Toggle site navigation sidebar",
    "Toggle table of contents sidebar",
    "Toggle Light / Dark / Auto color theme",
)
ICON_TITLES: Final = (
    "Contents",
    "Menu",
    "Expand",
    "Light mode",
    "Dark mode",
    "Auto light/dark, in light mode",
    "Auto light/dark, in dark mode",
)


# The footer credit: "@pradyunsg's Furo" is literal English around two links.
FOOTER_CREDIT: Final = re.compile(
    r'(<a class="muted-link" href="https://pradyunsg.me">@pradyunsg</a>)\'s\s*'
    r'(<a href="https://github.com/pradyunsg/furo">Furo</a>)'
)


def translate_theme_labels(html: str, copyright: str = "") -> Markup:
    """Return the rendered *html* with Furo's fixed English labels translated.

    *copyright* is the project's ``copyright`` setting, which the footer shows as it is; it
    is translated as a message of its own.
    """
    text = str(html)
    for label in ARIA_LABELS:
        text = text.replace(f'aria-label="{label}"', f'aria-label="{escape(_(label))}"')
    for title in ICON_TITLES:
        text = text.replace(f"<title>{title}</title>", f"<title>{escape(_(title))}</title>")
    credit = _("{author}'s {theme}")
    text = FOOTER_CREDIT.sub(
        lambda match: credit.format(author=match.group(1), theme=match.group(2)), text
    )
    if copyright:
        text = text.replace(f"&#169; {escape(copyright)}", f"&#169; {escape(_(copyright))}")
    return Markup(text)  # the theme's own markup, with escaped translations


def _add_filter(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is not None:  # HTML builders only
        copyright = str(app.config.copyright)
        templates.environment.filters["translate_theme_labels"] = (
            lambda html: translate_theme_labels(html, copyright)
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", _add_filter)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
