"""Fixtures shared by the test suites: the built site, a local server, real Chromium and Firefox.

``make test`` runs the suite on every core (pytest-xdist, ``--dist loadfile``). Three things
keep that cheap and correct:

* the site is built once per run, in the background as soon as the tests are collected, into a
  folder all workers share (``site_dir`` waits for it);
* the modules that drive no browser run first, then those that do: each worker starts Chromium
  and Firefox once for all of its browser modules (see RunningBrowsers); within each part, the
  modules that need the site run last, so that its build has time to finish, and the modules
  marked slow first;
* each file's tests stay on one worker, in order: the examples of one page share one asyncio
  session, and a module's tests share pages (``loadgroup`` cannot do this: pytest 9.2 ignores
  the group suffix that pytest-xdist 3.8 writes into ``Item._nodeid``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from browsers import CHROMIUM, FIREFOX
from build_site import compile_catalogs  # tools/, on pytest's pythonpath
from local_server import serve
from tests.browser_engines import RunningBrowsers, drives_a_browser, find_engine
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
    return find_engine(CHROMIUM)


@pytest.fixture(scope="session")
def firefox_executable() -> str:
    return find_engine(FIREFOX)


_RUNNING = RunningBrowsers()


@pytest.fixture(scope="module")
def browser(chromium_executable: str) -> Browser:
    """A headless Chromium driven by Playwright, shared by the modules of this process."""
    return _RUNNING.get(CHROMIUM, chromium_executable)


@pytest.fixture(scope="module")
def firefox(firefox_executable: str) -> Browser:
    """A headless Firefox driven by Playwright through WebDriver BiDi, shared likewise."""
    return _RUNNING.get(FIREFOX, firefox_executable)


def pytest_configure(config: pytest.Config) -> None:
    """Plan the run; before any worker starts, compile the catalogs parallel builds share."""
    config.pluginmanager.register(_Schedule(), "webrtc-schedule")
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        compile_catalogs()


SITE_BUILD_TIMEOUT = 600  # seconds; a clean two-language build takes well under a minute


def _needs_site(item: pytest.Item) -> bool:
    return "site_dir" in getattr(item, "fixturenames", ())


def _module_of(item: pytest.Item) -> str:
    return item.nodeid.partition("::")[0]


class _Schedule:
    """Session-wide hooks: pytest calls those of plugins and of a root conftest only."""

    def __init__(self) -> None:
        self.browser_modules: set[str] = set()

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Modules without a browser first, then those with one; in each, the site's last. In
        each part the slow modules go first, so that no worker is left alone with one at the
        end of the run."""
        self.browser_modules = {_module_of(item) for item in items if drives_a_browser(item)}
        site_modules = {_module_of(item) for item in items if _needs_site(item)}
        slow_modules = {_module_of(item) for item in items if item.get_closest_marker("slow")}
        # Stable: the order within each part stays.
        items.sort(key=lambda item: (_module_of(item) in self.browser_modules,
                                     _module_of(item) in site_modules,
                                     _module_of(item) not in slow_modules))

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        """Before a module that drives no browser, end the browsers (asyncio.run() needs it)."""
        if _module_of(item) not in self.browser_modules:
            _RUNNING.stop()

    @staticmethod
    def pytest_sessionfinish() -> None:
        _RUNNING.stop()

    @staticmethod
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
