"""The German catalogs translate every message of the current English pages."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from check_catalogs import check_all, check_catalog

ROOT = Path(__file__).resolve().parents[2]
GERMAN = ROOT / "locales" / "de" / "LC_MESSAGES"


def test_german_catalogs_are_complete(fresh_pot: Path) -> None:
    problems = check_all(fresh_pot, GERMAN)
    assert not problems, "\n" + "\n".join(map(str, problems))


def test_every_page_has_a_catalog(fresh_pot: Path) -> None:
    pages = {path.relative_to(fresh_pot).with_suffix("") for path in fresh_pot.rglob("*.pot")}
    assert Path("api/rtcpeerconnection/removetrack") in pages
    for page in pages:
        assert (GERMAN / page).with_suffix(".po").is_file(), page


def test_the_check_reports_each_defect_with_file_and_line(fresh_pot: Path, tmp_path: Path) -> None:
    catalog = _read(GERMAN / "index.po")
    catalog["Pages"].string = ""
    catalog["Sources and licence"].flags.add("fuzzy")
    catalog.add("A sentence the pages never had", "Ein Satz, den es nie gab")
    catalog.obsolete["Gone"] = Message("Gone", "Weg")
    damaged = tmp_path / "index.po"
    with damaged.open("wb") as stream:
        write_po(stream, catalog)
    reread = _read(damaged)

    problems = {str(problem) for problem in check_catalog(damaged, fresh_pot / "index.pot")}

    assert problems == {
        f"{damaged}:{reread['Pages'].lineno}: untranslated: 'Pages'",
        f"{damaged}:{reread['Sources and licence'].lineno}: fuzzy: 'Sources and licence'",
        (
            f"{damaged}:{reread['A sentence the pages never had'].lineno}: "
            "not on the page: 'A sentence the pages never had'"
        ),
        f"{damaged}:{reread.obsolete['Gone'].lineno}: obsolete: 'Gone'",
    }


def _read(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)
