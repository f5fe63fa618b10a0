"""Work done once per test run and shared by the pytest-xdist workers, in the run's folder."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.served_site import TEST_SITE_URL

ROOT = Path(__file__).resolve().parent.parent


def run_dir(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of this whole run, shared by the xdist workers (each has its own
    basetemp one level below it)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def build_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """Run *build* into <run folder>/<name> once per run; other workers wait and reuse it."""
    shared = run_dir(factory)
    target, done = shared / name, shared / f"{name}.done"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)  # what a failed attempt left
            target.mkdir()
            build(target)
            done.touch()
    return target


def start_site_build(folder: Path) -> tuple[Path, Path, Path]:
    """Start the one site build of this run in the background, unless it has started already.

    *folder* is the run's folder (see run_dir). Returns the site's folder, the build's log,
    and the file its exit status goes to.
    """
    out, log, status = folder / "site" / "html", folder / "site.log", folder / "site.status"
    try:
        (folder / "site.started").open("x").close()
    except FileExistsError:
        return out, log, status
    # The shell writes the exit status once the build has ended, whatever its outcome.
    script = '"$0" tools/build_site.py --out "$1" >"$2" 2>&1; echo $? >"$3.tmp"; mv "$3.tmp" "$3"'
    # Built for a project address, so that the tests serve it under a sub-path as Pages does.
    env = {**os.environ, "SITE_URL": TEST_SITE_URL}
    subprocess.Popen(["sh", "-c", script, sys.executable, out, log, status], cwd=ROOT, env=env)
    return out, log, status
