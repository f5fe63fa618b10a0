"""A Baseline badge under the title of every page that has a compatibility table.

Baseline (from web-features) says in one line whether a feature works in all core browsers
(Chrome, Edge, Firefox, Safari, on desktop and mobile) and since when, as MDN shows it
above its pages. The badge takes the key of the page's first ``browser-compat`` table, so
a page needs nothing extra; browser names come from browser-compat-data, dates are written
in the reader's language.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Final

from babel.dates import format_date
from docutils import nodes
from sphinx.locale import get_translation

from webrtc_sphinx.baseline_data import Baseline, find_baseline
from webrtc_sphinx.bcd_data import find_browser
from webrtc_sphinx.fragments import render_fragment
from webrtc_sphinx.keyed_table import KeyedTableNode
from webrtc_sphinx.mdn_links import mdn_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("webrtc_sphinx")

CORE_BROWSERS: Final = (
    "chrome", "edge", "firefox", "safari", "chrome_android", "firefox_android", "safari_ios",
)
GLOSSARY: Final = "Glossary/Baseline/Compatibility"


def _month(day: date | None, language: str) -> str:
    return format_date(day, "MMMM y", locale=language) if day else "?"


def _texts(baseline: Baseline, language: str) -> tuple[str, str]:
    """(label, sentence) of the badge, in the build language."""
    since = _month(baseline.low_date, language)
    if baseline.level == "high":
        return _("Baseline: widely available"), _(
            "Available in every core browser since {date}, long enough that nearly all "
            "browsers in use support it."
        ).format(date=since)
    if baseline.level == "low":
        year = str(baseline.low_date.year) if baseline.low_date else ""
        return _("Baseline {year}: newly available").format(year=year), _(
            "Available in the current version of every core browser since {date}; older "
            "browsers and devices may lack it."
        ).format(date=since)
    return _("Limited availability"), _(
        "Not Baseline: at least one core browser does not support it."
    )


def render_badge(baseline: Baseline, language: str) -> str:
    label, sentence = _texts(baseline, language)
    versions = ", ".join(
        f"{find_browser(browser).name} {baseline.support[browser]}"
        for browser in CORE_BROWSERS
        if browser in baseline.support
    )
    first = _("First versions: {versions}.").format(versions=versions) if versions else ""
    learn_more = _("What is Baseline?")
    return str(
        render_fragment(
            "baseline-badge.html", level=baseline.level, label=label, sentence=sentence,
            versions=first, about=mdn_url(language, GLOSSARY), learn_more=learn_more,
        )
    )


def _add_badge(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    tables = [
        node for node in doctree.findall(KeyedTableNode) if node["directive"] == "browser-compat"
    ]
    title = doctree.next_node(nodes.title)
    if not tables or title is None:
        return
    baseline = find_baseline(tables[0]["key"])
    if baseline is None:
        return
    badge = nodes.raw("", render_badge(baseline, app.config.language or "en"), format="html")
    title.parent.insert(title.parent.index(title) + 1, badge)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("webrtc_sphinx.compat")  # the tables whose keys the badge reads
    app.connect("doctree-resolved", _add_badge)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
