"""Render one BCD feature (and its direct subfeatures) as an accessible HTML data table.

Every mark is a symbol hidden from assistive technology plus text that says the same,
so the table reads correctly without colour, icons, CSS or JavaScript.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Any, Final

from sphinx.locale import get_translation

from webrtc_sphinx.bcd_data import (
    DESKTOP_BROWSERS,
    MOBILE_BROWSERS,
    SHOWN_BROWSERS,
    DataError,
    Feature,
    browser_name,
    find_feature,
    release_date,
    snapshot_meta,
    support_statements,
)
from webrtc_sphinx.bcd_markup import safe_inline_html

_ = get_translation("webrtc_sphinx")

MARKS: Final = {
    "full": "✓", "partial": "◐", "preview": "◔", "none": "✗", "unknown": "?",
    "flag": "⚑", "prefix": "⁺", "altname": "≈", "notes": "※",
    "deprecated": "⊘", "experimental": "⚗", "nonstandard": "⚠",
}
LEGEND_ORDER: Final = tuple(MARKS)


def mark_labels() -> dict[str, str]:
    """Short label of each mark; looked up at render time so the build language applies."""
    return {
        "full": _("Full support"), "partial": _("Partial support"),
        "preview": _("Preview support"), "none": _("No support"),
        "unknown": _("Support unknown"), "flag": _("Behind a flag"),
        "prefix": _("Needs a vendor prefix"), "altname": _("Uses another name"),
        "notes": _("See the implementation notes"), "deprecated": _("Deprecated"),
        "experimental": _("Experimental"), "nonstandard": _("Non-standard"),
    }


def support_kind(statement: dict[str, Any], *, during_range: bool = False) -> str:
    """The support a statement gives today, or within its own version range (history)."""
    added = statement.get("version_added")
    removed = statement.get("version_removed") and not during_range
    if added is False or removed or statement.get("flags"):
        return "none"
    if added is None:
        return "unknown"
    if added == "preview":
        return "preview"
    return "partial" if statement.get("partial_implementation") else "full"


def version_range(statement: dict[str, Any]) -> str:
    added = statement.get("version_added")
    if added is False:
        return _("No")
    if added is None:
        return "?"
    if added == "preview":
        return _("Preview")
    last = statement.get("version_last") or statement.get("version_removed")
    return f"{added}–{last}" if statement.get("version_removed") else str(added)


def validate(key: str) -> Feature:
    """Raise DataError unless every row has data and dates for every shown browser."""
    feature = find_feature(key)
    for row_key in (key, *feature.subfeatures):
        row = find_feature(row_key)
        for browser in SHOWN_BROWSERS:
            for statement in support_statements(row, browser):
                added = statement.get("version_added")
                if (isinstance(added, str) and added != "preview"
                        and release_date(browser, added) is None):
                    raise DataError(f"no release date for {browser} {added} ({row_key})")
    return feature


@dataclass
class _Table:
    slug: str
    labels: dict[str, str]
    used: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def mark(self, kind: str) -> str:
        self.used.add(kind)
        return (f'<span class="wsx-mark wsx-mark-{kind}" aria-hidden="true">{MARKS[kind]}</span>'
                f'<span class="wsx-visually-hidden">{escape(self.labels[kind])}</span>')

    def note_ref(self, text: str) -> str:
        self.notes.append(text)
        number = len(self.notes)
        note = escape(_("Note"))
        return (f'<sup><a class="wsx-note-ref" href="#{self.slug}-note-{number}">'
                f'<span class="wsx-visually-hidden">{note} </span>{number}</a></sup>')


def _history_text(statement: dict[str, Any], labels: dict[str, str], first: bool) -> list[str]:
    texts = []
    if not first:
        kind = support_kind(statement, during_range=True)
        texts.append(f"{escape(version_range(statement))}: {escape(labels[kind])}.")
    if statement.get("prefix"):
        texts.append(escape(_("Prefix: {prefix}").format(prefix=statement["prefix"])))
    if statement.get("alternative_name"):
        name = statement["alternative_name"]
        texts.append(escape(_("Alternative name: {name}").format(name=name)))
    for flag in statement.get("flags", []):
        texts.append(escape(_("Behind the flag {name}").format(name=flag["name"])))
    notes = statement.get("notes", [])
    texts.extend(safe_inline_html(note) for note in ([notes] if isinstance(notes, str) else notes))
    return texts


def _cell(table: _Table, row: Feature, browser: str, row_label: str) -> str:
    statements = support_statements(row, browser)
    current = statements[0]
    kind = support_kind(current)
    version = version_range(current)
    added = current.get("version_added")
    date = release_date(browser, added) if isinstance(added, str) and added != "preview" else None
    released = _("Released {date}").format(date=date)
    hint = f' title="{escape(released)}"' if date else ""
    parts = [table.mark(kind), f' <span class="wsx-version"{hint}>{escape(version)}</span>']
    if current.get("flags"):
        parts.append(table.mark("flag"))
    if current.get("prefix"):
        parts.append(table.mark("prefix"))
    if current.get("alternative_name"):
        parts.append(table.mark("altname"))
    history = [t for i, s in enumerate(statements) for t in _history_text(s, table.labels, i == 0)]
    if history:
        parts.append(table.mark("notes"))
        who = f"{escape(browser_name(browser))}, {row_label}"
        parts.append(table.note_ref(f"<strong>{who}</strong>: " + " ".join(history)))
    return f'<td class="wsx-support wsx-support-{kind}">{"".join(parts)}</td>'


def _row_label(table: _Table, row: Feature) -> tuple[str, str]:
    description = row.compat.get("description")
    label = safe_inline_html(description) if description else f"<code>{escape(row.name)}</code>"
    status = row.compat.get("status", {})
    badges = [kind for kind in ("deprecated", "experimental") if status.get(kind)]
    if status and not status.get("standard_track", True):
        badges.append("nonstandard")
    marks = "".join(f' <span class="wsx-badge">{table.mark(kind)}</span>' for kind in badges)
    return label, label + marks


def render_compat_table(key: str) -> str:
    """The whole compatibility block for *key*: table, notes, legend and data source."""
    feature = validate(key)
    table = _Table(slug="wsx-compat-" + re.sub(r"[^a-z0-9]+", "-", key.lower()), labels=mark_labels())
    body = []
    for row_key in (key, *feature.subfeatures):
        row = find_feature(row_key)
        label, header = _row_label(table, row)
        cells = "".join(_cell(table, row, browser, label) for browser in SHOWN_BROWSERS)
        body.append(f'<tr><th scope="row">{header}</th>{cells}</tr>')
    browsers = "".join(f'<th scope="col">{escape(browser_name(b))}</th>' for b in SHOWN_BROWSERS)
    caption = _("Browser compatibility of {feature}").format(feature="\0")
    caption_html = escape(caption).replace("\0", f"<code>{escape(key.removeprefix('api.'))}</code>")
    desktop, mobile = escape(_("Desktop")), escape(_("Mobile"))
    head = (
        f'<tr><td rowspan="2"></td>'
        f'<th scope="colgroup" colspan="{len(DESKTOP_BROWSERS)}">{desktop}</th>'
        f'<th scope="colgroup" colspan="{len(MOBILE_BROWSERS)}">{mobile}</th></tr>'
        f"<tr>{browsers}</tr>"
    )
    html = [
        # A focusable, labelled scroll region: keyboard users can scroll a wide table.
        (f'<div class="wsx-compat" id="{table.slug}"><div class="wsx-scroll" tabindex="0" '
         f'role="region" aria-labelledby="{table.slug}-caption">'
         f'<table class="wsx-compat-table"><caption id="{table.slug}-caption">{caption_html}</caption>'
         f'<thead>{head}</thead><tbody>{"".join(body)}</tbody></table></div>')
    ]
    if table.notes:
        items = "".join(f'<li id="{table.slug}-note-{n}">{text}</li>'
                        for n, text in enumerate(table.notes, start=1))
        notes = escape(_("Notes"))
        html.append(f'<p class="wsx-compat-heading">{notes}</p>'
                    f'<ol class="wsx-compat-notes">{items}</ol>')
    legend = "".join(
        f'<li><span class="wsx-mark" aria-hidden="true">{MARKS[kind]}</span> '
        f"{escape(table.labels[kind])}</li>"
        for kind in LEGEND_ORDER if kind in table.used
    )
    legend_title = escape(_("Legend"))
    html.append(f'<p class="wsx-compat-heading">{legend_title}</p>'
                f'<ul class="wsx-compat-legend">{legend}</ul>')
    meta = snapshot_meta()
    source = _("Data: browser-compat-data {version}, published {date} (CC0).").format(
        version=meta["bcd_version"], date=meta["bcd_timestamp"][:10])
    html.append(f'<p class="wsx-compat-source">{escape(source)}</p></div>')
    return "".join(html)
