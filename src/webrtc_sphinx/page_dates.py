"""Each page's last change date, from git, in the reader's language format.

An English page changes with its Markdown source; a German page also changes with its
catalog (locales/de/LC_MESSAGES/<page>.po), so it is dated by whichever changed last.
sphinx-last-updated-by-git dates a page by its source and Sphinx's dependencies only, which
leaves the catalog out, and warns (so fails a -W build) outside a git checkout; here a page
that git does not know simply shows no date. Git dates also keep the build reproducible.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sphinx.util.i18n import format_date

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

# Sphinx's strftime-like codes, rendered with Babel in the page's language.
DATE_FORMATS: Final = {"en": "%B %-d, %Y", "de": "%-d. %B %Y"}
DEFAULT_FORMAT: Final = "%Y-%m-%d"


@cache
def last_changes(repository: Path) -> dict[Path, int]:
    """Map every file git has a commit for to the Unix time of its last commit."""
    try:
        log = subprocess.run(
            ["git", "-C", str(repository), "log", "--format=%x00%ct", "--name-only",
             "--no-renames"],
            check=True, capture_output=True, text=True,
        ).stdout
        top = subprocess.run(
            ["git", "-C", str(repository), "rev-parse", "--show-toplevel"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {}
    changes: dict[Path, int] = {}
    for entry in log.split("\0")[1:]:
        stamp, *names = entry.strip().splitlines()
        for name in names:
            # The log is newest first: the first time a file appears is its last change.
            changes.setdefault(Path(top, name).resolve(), int(stamp))
    return changes


def page_sources(app: Sphinx, docname: str) -> list[Path]:
    """The files whose changes change the page: its source, and its catalog if translated."""
    sources = [Path(app.env.doc2path(docname)).resolve()]
    for locale_dir in app.config.locale_dirs:
        catalog = Path(app.srcdir, locale_dir, app.config.language, "LC_MESSAGES", docname)
        sources.append(catalog.with_suffix(".po").resolve())
    return sources


def last_updated(app: Sphinx, docname: str) -> str | None:
    """The page's last change date, formatted for its language; None when git has none."""
    changes = last_changes(Path(app.srcdir))
    stamps = [changes[path] for path in page_sources(app, docname) if path in changes]
    if not stamps:
        return None
    when = datetime.fromtimestamp(max(stamps), tz=UTC)
    language = app.config.language
    return format_date(DATE_FORMATS.get(language, DEFAULT_FORMAT), date=when, language=language)


def _add_date(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    if doctree is None or pagename not in app.env.found_docs:
        return
    date = last_updated(app, pagename)
    if date is not None:
        context["last_updated"] = date  # Furo shows it in the page footer


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("html-page-context", _add_date)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
