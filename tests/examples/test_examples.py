"""Every script in examples/ runs as a reader would run it, and prints what it says it prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def test_every_script_has_its_expected_output() -> None:
    assert SCRIPTS, "no example scripts found"
    missing = [s.name for s in SCRIPTS if not s.with_suffix(".expected").exists()]
    assert not missing, f"no .expected output beside {missing}"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_script_prints_the_expected_output(script: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout == script.with_suffix(".expected").read_text(encoding="utf-8")
