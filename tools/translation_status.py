"""Print how far each page's translation is: translated, fuzzy and untranslated messages.

    python tools/translation_status.py --locales locales --language de [--pot _build/gettext]

With --pot, English messages that a catalog lacks (not merged yet: `make update-po`) count
as untranslated, and a page without a catalog shows up with all its messages untranslated.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po


@dataclass(frozen=True)
class Status:
    page: str
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> int:
        return 100 * self.translated // self.total if self.total else 100


def _read(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def page_status(page: str, catalog: Catalog | None, template: Catalog | None) -> Status:
    translated = fuzzy = untranslated = 0
    messages = {message.id: message for message in catalog or [] if message.id}
    wanted = [m.id for m in template if m.id] if template is not None else list(messages)
    for key in wanted:
        message = messages.get(key)
        if message is None or not message.string:
            untranslated += 1
        elif message.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return Status(page, translated, fuzzy, untranslated)


def statuses(catalog_dir: Path, pot_dir: Path | None) -> list[Status]:
    def names(folder: Path, pattern: str) -> set[str]:
        return {p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob(pattern)}

    pages = names(catalog_dir, "*.po") | (names(pot_dir, "*.pot") if pot_dir is not None else set())
    found = []
    for page in sorted(pages):
        po = catalog_dir / f"{page}.po"
        pot = pot_dir / f"{page}.pot" if pot_dir is not None else None
        found.append(
            page_status(
                page,
                _read(po) if po.is_file() else None,
                _read(pot) if pot is not None and pot.is_file() else None,
            )
        )
    return found


def render(rows: Sequence[Status]) -> str:
    total = Status(
        "total",
        sum(row.translated for row in rows),
        sum(row.fuzzy for row in rows),
        sum(row.untranslated for row in rows),
    )
    width = max(len(row.page) for row in [*rows, total, Status("page", 0, 0, 0)])

    def line(row: Status) -> str:
        return (
            f"{row.page:<{width}}  {row.translated:>10}  {row.fuzzy:>5}  {row.untranslated:>12}"
            f"  {row.percent:>3}%"
        )

    header = f"{'page':<{width}}  translated  fuzzy  untranslated  done"
    return "\n".join([header, *map(line, rows), line(total)])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--locales", type=Path, default=Path("locales"))
    parser.add_argument("--language", default="de")
    parser.add_argument("--pot", type=Path, help="folder of freshly extracted .pot files")
    args = parser.parse_args(argv)
    catalog_dir = args.locales / args.language / "LC_MESSAGES"
    if not catalog_dir.is_dir():
        print(f"no catalogs for {args.language!r} in {catalog_dir}", file=sys.stderr)
        return 1
    print(render(statuses(catalog_dir, args.pot)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
