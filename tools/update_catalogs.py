"""Merge the English messages (.pot) into the translation catalogs (.po).

    python tools/update_catalogs.py --pot _build/gettext --locales locales --language de

Runs ``sphinx-intl update``, which marks changed messages fuzzy and keeps removed
ones as obsolete ``#~`` entries; the obsolete entries are then dropped here,
because sphinx-intl leaves them in place when a catalog's set of messages is
unchanged. New catalogs get the project's header instead of a fuzzy template one.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LINE_WIDTH = 76  # sphinx-intl's default; keeps the two tools from rewrapping each other


def run_sphinx_intl(pot_dir: Path, locales_dir: Path, language: str) -> None:
    """Create or update the .po of every .pot under *pot_dir*."""
    command = [
        sys.executable, "-m", "sphinx_intl", "update",
        "--pot-dir", str(pot_dir), "--locale-dir", str(locales_dir),
        "--language", language, "--line-width", str(LINE_WIDTH),
    ]  # fmt: skip
    # sphinx-intl reads ./conf.py, so run it from the project root.
    subprocess.run(command, check=True, cwd=ROOT)


HEADER_COMMENT = (
    "# German translation of the RTCPeerConnection.removeTrack() reference site.\n"
    "# Distributed under the same licence as the English text."
)


def tidy_catalog(po_file: Path) -> list[str]:
    """Drop obsolete entries; give a new catalog our header. Return what was changed."""
    with po_file.open("rb") as stream:
        catalog = read_po(stream)
    changes = []
    if catalog.obsolete:
        changes.append(f"dropped {len(catalog.obsolete)} obsolete entries")
    if catalog.fuzzy or "SOME DESCRIPTIVE TITLE" in catalog.header_comment:
        # A catalog sphinx-intl has just created: its header fields are generated, not
        # translated, so there is nothing for a translator to confirm.
        catalog.fuzzy = False
        catalog.header_comment = HEADER_COMMENT
        changes.append("set the header of a new catalog")
    if changes:
        with po_file.open("wb") as stream:
            write_po(stream, catalog, width=LINE_WIDTH, ignore_obsolete=True)
    return changes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pot", type=Path, required=True, help="directory of .pot files")
    parser.add_argument("--locales", type=Path, default=ROOT / "locales")
    parser.add_argument("--language", default="de")
    options = parser.parse_args(argv)
    if not any(options.pot.rglob("*.pot")):
        print(f"update_catalogs: no .pot files under {options.pot}", file=sys.stderr)
        return 1
    run_sphinx_intl(options.pot.resolve(), options.locales.resolve(), options.language)
    for po_file in sorted((options.locales / options.language / "LC_MESSAGES").rglob("*.po")):
        for change in tidy_catalog(po_file):
            print(f"{po_file}: {change}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
