"""Re-pin constraints.txt from the packages installed in the project's virtual environment."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HEADER = (
    "# Pinned versions of every package the project installs, direct and transitive\n"
    "# (pip install -c constraints.txt). Regenerate with: make lock\n"
)
# The installer is pinned too, so that a fresh machine resolves exactly as this one did.
TOOLS = ("pip",)


def frozen_requirements(python: str) -> list[str]:
    """The `name==version` lines of the environment, without the project itself."""
    output = subprocess.run(
        [python, "-m", "pip", "freeze", "--all", "--exclude-editable"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    lines = [line for line in output.splitlines() if "==" in line]
    return sorted(lines, key=lambda line: line.lower())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--python", default=sys.executable, help="interpreter of the environment")
    parser.add_argument("--output", type=Path, default=Path("constraints.txt"))
    args = parser.parse_args(argv)
    # setuptools is the build backend (its own isolated install), not a dependency to pin here.
    pins = [p for p in frozen_requirements(args.python) if not p.lower().startswith("setuptools==")]
    tools = [line for line in pins if line.split("==")[0].lower() in TOOLS]
    rest = [line for line in pins if line not in tools]
    args.output.write_text(HEADER + "\n".join(tools + rest) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(pins)} pins")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
