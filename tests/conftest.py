"""Fixtures shared by the test suites: the built site, a local server, a real Chromium.

``make test`` runs the suite on every core (pytest-xdist, ``--dist loadfile``). Two things
keep that cheap and correct: the site is built once per run, by whichever worker needs it
first, into a folder all workers share; and the examples of one page stay on one worker, in
order, because they share one asyncio session (``loadfile`` keeps every file on one worker;
``loadgroup`` cannot, since pytest 9.2 ignores the group suffix pytest-xdist 3.8 writes into
``Item._nodeid``).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from chromium import CHROMIUM_ARGS, find_chromium  # tools/, on pytest's pythonpath
from local_server import serve
from tests.sphinx_project import build_project

__all__ = ["build_project"]
# make_app and the other fixtures of Sphinx's own tests, used by build_project.
pytest_plugins = ["sphinx.testing.fixtures"]

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's Chromium; skips locally when missing, fails in CI where it must be installed."""
    path = find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but no Chromium is installed (apt-get install chromium)")
        pytest.skip("no Chromium found: install Debian's 'chromium' package to run browser tests")
    return path


@pytest.fixture(scope="module")
def browser(chromium_executable: str) -> Iterator[Browser]:
    """A headless Chromium driven by Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


def _run_dir(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of this whole run, shared by the xdist workers (each has its own
    basetemp one level below it)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site (root index.html, en/, de/), built strictly once per test run."""
    from build_site import BuildError, build  # tools/build_site.py, on pytest's pythonpath

    run_dir = _run_dir(tmp_path_factory)
    out, built, failed = run_dir / "site" / "html", run_dir / "site-built", run_dir / "site-failed"
    # The first worker to get here builds; the others wait on the lock, then reuse the result.
    with (run_dir / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if failed.exists():
            raise BuildError(failed.read_text(encoding="utf-8"))
        if not built.exists():
            try:
                build(out)
            except BuildError as error:
                failed.write_text(str(error), encoding="utf-8")
                raise
            built.touch()
    return out


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 (a free port), as the published site is."""
    with serve(site_dir) as url:
        yield url
