"""Render one BCD feature (and its direct subfeatures) as an accessible HTML data table.

This module decides what each cell says, from the typed records of ``bcd_data``; the
markup is in ``fragments/compat-table.html``. Every mark is a symbol hidden from assistive
technology plus text that says the same, so the table reads correctly without colour,
icons, CSS or JavaScript.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from markupsafe import Markup, escape
from sphinx.locale import get_translation

from webrtc_sphinx import verified
from webrtc_sphinx.bcd_data import (
    DESKTOP_BROWSERS,
    MOBILE_BROWSERS,
    SHOWN_BROWSERS,
    DataError,
    Feature,
    Statement,
    find_browser,
    find_feature,
    snapshot_meta,
)
from webrtc_sphinx.bcd_markup import safe_inline_html
from webrtc_sphinx.fragments import render_fragment

_ = get_translation("webrtc_sphinx")

MARKS: Final = {
    "full": "✓", "partial": "◐", "preview": "◔", "none": "✗", "unknown": "?",
    "flag": "⚑", "prefix": "⁺", "altname": "≈", "notes": "※",
    "deprecated": "⊘", "experimental": "⚗", "nonstandard": "⚠",
}
LEGEND_ORDER: Final = tuple(MARKS)
# Stands for the feature name in the translated caption, which shows it as code.
_PLACEHOLDER: Final = "\0"


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


def support_kind(statement: Statement, *, during_range: bool = False) -> str:
    """The support a statement gives today, or within its own version range (history)."""
    added = statement.version_added
    removed = statement.version_removed and not during_range
    if added is False or removed or statement.flags:
        return "none"
    if added is None:
        return "unknown"
    if added == "preview":
        return "preview"
    return "partial" if statement.partial_implementation else "full"


def version_range(statement: Statement) -> str:
    added = statement.version_added
    if added is False:
        return _("No")
    if added is None:
        return "?"
    if added == "preview":
        return _("Preview")
    last = statement.version_last or statement.version_removed
    return f"{added}–{last}" if statement.version_removed else str(added)


def _release_date(browser: str, statement: Statement) -> str | None:
    added = statement.version_added
    if isinstance(added, str) and added != "preview":
        return find_browser(browser).release_date(added)
    return None


def validate(key: str) -> Feature:
    """Raise DataError unless every row has data and dates for every shown browser."""
    feature = find_feature(key)
    for row_key in (key, *feature.subfeatures):
        row = find_feature(row_key)
        for browser in SHOWN_BROWSERS:
            for statement in row.statements(browser):
                added = statement.version_added
                if (isinstance(added, str) and added != "preview"
                        and _release_date(browser, statement) is None):
                    raise DataError(f"no release date for {browser} {added} ({row_key})")
    return feature


@dataclass(frozen=True)
class Mark:
    kind: str
    symbol: str
    label: str


@dataclass(frozen=True)
class Cell:
    mark: Mark
    version: str
    released: str | None  # the hint on the version: "Released <date>"
    extras: tuple[Mark, ...]
    note: int | None  # the number of the cell's note, if it has one


@dataclass(frozen=True)
class RowLabel:
    """BCD's description of the row (sanitised), or else the feature's name, shown as code."""

    description: Markup | None
    name: str


@dataclass(frozen=True)
class Row:
    label: RowLabel
    badges: tuple[Mark, ...]
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Note:
    browser: str
    row_label: RowLabel
    texts: tuple[Markup, ...]


@dataclass
class _Marks:
    """Hands out marks and remembers which were used, for the legend."""

    labels: dict[str, str]
    used: set[str] = field(default_factory=set)

    def __call__(self, kind: str) -> Mark:
        self.used.add(kind)
        return Mark(kind, MARKS[kind], self.labels[kind])

    def legend(self) -> list[Mark]:
        return [Mark(kind, MARKS[kind], self.labels[kind])
                for kind in LEGEND_ORDER if kind in self.used]


def _history_texts(statement: Statement, labels: dict[str, str], first: bool) -> list[Markup]:
    texts = []
    if not first:
        kind = support_kind(statement, during_range=True)
        texts.append(escape(f"{version_range(statement)}: {labels[kind]}."))
    if statement.prefix:
        texts.append(escape(_("Prefix: {prefix}").format(prefix=statement.prefix)))
    if statement.alternative_name:
        name = statement.alternative_name
        texts.append(escape(_("Alternative name: {name}").format(name=name)))
    for flag in statement.flags:
        texts.append(escape(_("Behind the flag {name}").format(name=flag.name)))
    texts.extend(safe_inline_html(note) for note in statement.notes)
    return texts


def local_date(iso: str) -> str:
    """An ISO date (2018-01-23) written as the build language writes dates (de: 23.01.2018)."""
    year, month, day = iso.split("-")
    return _("{year}-{month}-{day}").format(year=year, month=month, day=day)


def _cell(marks: _Marks, notes: list[Note], row: Feature, browser: str, label: RowLabel) -> Cell:
    statements = row.statements(browser)
    current = statements[0]
    date = _release_date(browser, current)
    extras = [marks(kind) for kind, present in (
        ("flag", current.flags), ("prefix", current.prefix), ("altname", current.alternative_name),
    ) if present]
    history = [text for index, statement in enumerate(statements)
               for text in _history_texts(statement, marks.labels, index == 0)]
    note = None
    if history:
        extras.append(marks("notes"))
        notes.append(Note(find_browser(browser).name, label, tuple(history)))
        note = len(notes)
    return Cell(
        mark=marks(support_kind(current)),
        version=version_range(current),
        released=_("Released {date}").format(date=local_date(date)) if date else None,
        extras=tuple(extras),
        note=note,
    )


def _row(marks: _Marks, notes: list[Note], row: Feature) -> Row:
    label = RowLabel(safe_inline_html(row.description) if row.description else None, row.name)
    status = row.status
    badges = [] if status is None else [kind for kind, flagged in (
        ("deprecated", status.deprecated), ("experimental", status.experimental),
        ("nonstandard", not status.standard_track)) if flagged]
    # Badges come before the cells' marks, as a reader meets them.
    badge_marks = tuple(marks(kind) for kind in badges)
    cells = tuple(_cell(marks, notes, row, browser, label) for browser in SHOWN_BROWSERS)
    return Row(label, badge_marks, cells)


def render_compat_table(key: str) -> str:
    """The whole compatibility block for *key*: table, notes, legend and data source."""
    feature = validate(key)
    marks = _Marks(mark_labels())
    notes: list[Note] = []
    rows = [_row(marks, notes, find_feature(row_key)) for row_key in (key, *feature.subfeatures)]
    caption = _("Browser compatibility of {feature}").format(feature=_PLACEHOLDER)
    before, _sep, after = caption.partition(_PLACEHOLDER)
    meta = snapshot_meta()
    source = _("Data: browser-compat-data {version}, published {date} (CC0).").format(
        version=meta.bcd_version, date=local_date(meta.bcd_timestamp[:10]))
    return render_fragment(
        "compat-table.html",
        slug="wsx-compat-" + re.sub(r"[^a-z0-9]+", "-", key.lower()),
        caption_before=before,
        caption_after=after,
        feature=key.removeprefix("api."),
        desktop=_("Desktop"),
        desktop_count=len(DESKTOP_BROWSERS),
        mobile=_("Mobile"),
        mobile_count=len(MOBILE_BROWSERS),
        browsers=[find_browser(browser).name for browser in SHOWN_BROWSERS],
        verified=verified.header_labels(key, SHOWN_BROWSERS),
        verified_mark=verified.MARK,
        verified_note=verified.note(key),
        rows=rows,
        note_label=_("Note"),
        notes=notes,
        notes_heading=_("Notes"),
        legend=marks.legend(),
        legend_heading=_("Legend"),
        source=source,
    )
