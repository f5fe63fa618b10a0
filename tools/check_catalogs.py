"""Check the translation catalogs against freshly extracted English messages.

    python tools/check_catalogs.py --locales locales --language de

Fails (exit status 1) if a message is missing, untranslated or fuzzy, if a
catalog keeps obsolete entries or messages the pages no longer have, or if a
catalog has no page. Each problem is printed as ``file:line: problem``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from build_site import run_sphinx

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Problem:
    """One defect in one catalog, at one line."""

    path: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


def build_pot(out_dir: Path, source_dir: Path = ROOT / "docs", conf_dir: Path = ROOT) -> None:
    """Extract the English messages of every page into *out_dir*/**.pot."""
    status = run_sphinx(
        ["-b", "gettext", "-c", str(conf_dir), "-q", "-W", "-E",
         "-d", str(out_dir / ".doctrees"), str(source_dir), str(out_dir)]
    )  # fmt: skip
    if status != 0:
        raise RuntimeError(f"extracting messages from {source_dir} failed ({status})")


def _read(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def _is_translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings)


def _short(text: object) -> str:
    flat = " ".join(str(text).split())
    return repr(flat if len(flat) <= 60 else flat[:57] + "...")


def check_catalog(po_path: Path, pot_path: Path) -> list[Problem]:
    """Compare one .po with its .pot."""
    catalog = _read(po_path)
    template = _read(pot_path)
    problems: list[Problem] = []
    if catalog.fuzzy:
        problems.append(Problem(po_path, 1, "the header is marked fuzzy"))
    for wanted in template:
        if not wanted.id:
            continue
        message = catalog.get(wanted.id, wanted.context)
        if message is None:
            problems.append(
                Problem(po_path, 0, f"missing: {_short(wanted.id)} (run make update-po)")
            )
        elif not _is_translated(message):
            problems.append(
                Problem(po_path, message.lineno or 0, f"untranslated: {_short(wanted.id)}")
            )
        elif message.fuzzy:
            problems.append(Problem(po_path, message.lineno or 0, f"fuzzy: {_short(wanted.id)}"))
    for message in catalog:
        if message.id and template.get(message.id, message.context) is None:
            problems.append(
                Problem(po_path, message.lineno or 0, f"not on the page: {_short(message.id)}")
            )
    for message in catalog.obsolete.values():
        problems.append(Problem(po_path, message.lineno or 0, f"obsolete: {_short(message.id)}"))
    return problems


def check_all(pot_dir: Path, po_dir: Path) -> list[Problem]:
    """Check every catalog under *po_dir* (a LC_MESSAGES folder) against *pot_dir*."""
    problems: list[Problem] = []
    pots = {path.relative_to(pot_dir).with_suffix(""): path for path in pot_dir.rglob("*.pot")}
    pos = {path.relative_to(po_dir).with_suffix(""): path for path in po_dir.rglob("*.po")}
    for name, pot_path in sorted(pots.items()):
        if name not in pos:
            problems.append(
                Problem(po_dir / f"{name}.po", 0, "catalog missing (run make update-po)")
            )
            continue
        problems += check_catalog(pos[name], pot_path)
    for name, po_path in sorted(pos.items()):
        if name not in pots:
            problems.append(Problem(po_path, 0, "no page or template has these messages"))
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locales", type=Path, default=ROOT / "locales")
    parser.add_argument("--language", default="de")
    parser.add_argument("--pot", type=Path, help="existing .pot directory (default: extract now)")
    options = parser.parse_args(argv)
    po_dir = options.locales / options.language / "LC_MESSAGES"
    with tempfile.TemporaryDirectory(prefix="pot-") as scratch:
        pot_dir = options.pot
        if pot_dir is None:
            pot_dir = Path(scratch)
            build_pot(pot_dir)
        problems = check_all(pot_dir, po_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"check_catalogs: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"check_catalogs: {len(list(po_dir.rglob('*.po')))} catalogs complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
