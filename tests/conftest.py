"""Fixtures shared by the test suites: the built site, a local server, a real Chromium.

``make test`` runs the suite on every core (pytest-xdist, ``--dist loadfile``). Three things
keep that cheap and correct:

* the site is built once per run, in the background as soon as the tests are collected, into a
  folder all workers share (``site_dir`` waits for it);
* the tests that need the site run last, so the workers have other work meanwhile;
* the examples of one page stay on one worker, in order, because they share one asyncio
  session (``loadfile`` keeps each file on one worker; ``loadgroup`` cannot, since pytest 9.2
  ignores the group suffix that pytest-xdist 3.8 writes into ``Item._nodeid``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from build_site import compile_catalogs  # tools/, on pytest's pythonpath
from chromium import CHROMIUM_ARGS, find_chromium
from local_server import serve
from tests.run_once import run_dir, start_site_build
from tests.served_site import BASE_PATH
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


def pytest_configure(config: pytest.Config) -> None:
    """Before any worker starts: compile the site's catalogs, which parallel builds share."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        compile_catalogs()


SITE_BUILD_TIMEOUT = 600  # seconds; a clean two-language build takes well under a minute


def _needs_site(item: pytest.Item) -> bool:
    return "site_dir" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that need the built site last, so the build has time to finish."""
    items.sort(key=_needs_site)  # stable: the order within each part stays


def pytest_collection_finish(session: pytest.Session) -> None:
    """In the first xdist worker, start the site build as soon as the tests are collected."""
    if os.environ.get("PYTEST_XDIST_WORKER") != "gw0" or session.config.option.collectonly:
        return
    if any(_needs_site(item) for item in session.items):
        # pytest-xdist gives each worker the basetemp <run folder>/<worker id>.
        start_site_build(Path(session.config.option.basetemp).resolve().parent)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site (root index.html, en/, de/), built strictly once per test run."""
    from build_site import BuildError  # tools/build_site.py, on pytest's pythonpath

    out, log, status = start_site_build(run_dir(tmp_path_factory))
    deadline = time.monotonic() + SITE_BUILD_TIMEOUT
    while not status.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"the site build did not finish within {SITE_BUILD_TIMEOUT} s ({log})")
        time.sleep(0.2)
    if status.read_text(encoding="utf-8").strip() != "0":
        raise BuildError(log.read_text(encoding="utf-8"))
    return out


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a free port) under the sub-path, as Pages serves it."""
    with serve(site_dir, BASE_PATH) as url:
        yield url
