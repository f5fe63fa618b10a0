"""Check that every catalog is valid gettext (msgfmt --check) in the canonical format (powrap).

    python tools/check_catalog_format.py CATALOG...

powrap writes a catalog as msgcat does, so that a change by any tool or editor shows up as
the change alone in a diff. A catalog in another format fails with the command that fixes
it; an invalid one fails with msgfmt's own file:line: message.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

FIX_COMMAND: Final = "make format-po"


def _tool(name: str, package: str) -> str:
    path = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if path is None:
        raise SystemExit(f"{name} is not installed ({package})")
    return path


def msgfmt_problems(catalog: Path) -> list[str]:
    result = subprocess.run(
        [_tool("msgfmt", "apt-get install gettext"), "--check", "-o", "/dev/null", str(catalog)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode == 0:
        return []
    return [line for line in result.stderr.splitlines() if line.strip()] or [
        f"{catalog}: msgfmt --check failed"
    ]


def format_problems(catalog: Path) -> list[str]:
    result = subprocess.run(
        [_tool("powrap", "pip install powrap"), "--check", "--quiet", str(catalog)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode == 0:
        return []
    return [f"{catalog}: not in the canonical gettext format; fix it with: {FIX_COMMAND}"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("catalogs", nargs="+", type=Path)
    args = parser.parse_args(argv)
    problems = []
    for catalog in args.catalogs:
        # An invalid catalog cannot be rewrapped: report msgfmt's error alone.
        problems += msgfmt_problems(catalog) or format_problems(catalog)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
