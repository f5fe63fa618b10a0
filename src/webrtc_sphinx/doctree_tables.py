"""A docutils table with a header row, for the directives that build one from data."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes


def table(
    classes: list[str], headers: Sequence[str], widths: Sequence[int], rows: Iterable[nodes.row]
) -> nodes.table:
    """A table of the given CSS classes: one header cell per text, column widths (relative),
    then *rows*."""
    built = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(headers))
    built += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head_row = nodes.row()
    for header in headers:
        head_row += nodes.entry("", nodes.paragraph(text=str(header)))
    group += nodes.thead("", head_row)
    group += nodes.tbody("", *rows)
    return built
