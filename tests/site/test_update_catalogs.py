"""make update-po merges new English messages and drops obsolete entries."""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.pofile import read_po, write_po

from check_catalogs import check_all
from update_catalogs import main as update_catalogs

ROOT = Path(__file__).resolve().parents[2]


def test_update_adds_new_messages_and_drops_obsolete_ones(fresh_pot: Path, tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales, ignore=shutil.ignore_patterns("*.mo"))
    index_po = locales / "de" / "LC_MESSAGES" / "index.po"
    with index_po.open("rb") as stream:
        catalog = read_po(stream)
    # As if "Pages" were a new English heading, and "Gone" a removed one.
    del catalog["Pages"]
    (locales / "de" / "LC_MESSAGES" / "sphinx.po").unlink()  # as if the templates were new
    catalog.obsolete["Gone"] = Message("Gone", "Weg")
    with index_po.open("wb") as stream:
        write_po(stream, catalog)

    status = update_catalogs(
        ["--pot", str(fresh_pot), "--locales", str(locales), "--language", "de"]
    )

    assert status == 0
    with index_po.open("rb") as stream:
        updated = read_po(stream)
    assert updated["Pages"] is not None
    assert "Gone" not in updated.obsolete
    problems = [str(problem) for problem in check_all(fresh_pot, locales / "de" / "LC_MESSAGES")]
    index_problems = [problem for problem in problems if problem.startswith(f"{index_po}:")]
    assert len(index_problems) == 1
    assert "untranslated: 'Pages'" in index_problems[0] or "fuzzy: 'Pages'" in index_problems[0]
    # The new sphinx.po: every message is waiting for a translator, and nothing else is wrong.
    sphinx_po = locales / "de" / "LC_MESSAGES" / "sphinx.po"
    sphinx_problems = [problem for problem in problems if problem.startswith(f"{sphinx_po}:")]
    assert sphinx_problems
    assert all(": untranslated: " in problem for problem in sphinx_problems)
