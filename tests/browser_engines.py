"""The browsers the tests drive: found (skipped where missing, unless CI requires them), and
started at most once per test process."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from browsers import Engine  # tools/, on pytest's pythonpath

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

# The fixtures through which a test drives a browser (tests/conftest.py, and the conformance
# package's, which takes the browser of each engine in turn).
BROWSER_FIXTURES = frozenset({"browser", "firefox", "engine_browser"})


def find_engine(engine: Engine) -> str:
    """The engine's binary; skips locally when missing, fails in CI where it must be installed."""
    path = engine.find()
    if path is None:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"CI is set but no {engine.title} is installed: {engine.install_hint}")
        pytest.skip(f"no {engine.title} found: {engine.install_hint} to run its browser tests")
    return path


def drives_a_browser(item: pytest.Item) -> bool:
    """Whether the test uses the shared browsers. A test that runs a tool which starts a browser
    of its own (marked ``browser`` all the same) does not: two sync Playwrights cannot run in one
    thread, so the shared one must be stopped before it."""
    return not BROWSER_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))


class RunningBrowsers:
    """One Playwright and at most one browser per engine, shared by the modules of a process.

    Starting Firefox costs about five seconds of CPU time and Chromium one and a half; started per
    module they cost more than many modules' tests. But Playwright's sync API marks an event loop
    as running in its thread for as long as it lives, and asyncio.run() refuses to start under
    it, nor does a second sync Playwright: so `stop()` ends everything before a module that
    does not use these browsers (the schedule in tests/conftest.py runs those modules first),
    and the next browser test starts it again.
    """

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browsers: dict[str, Browser] = {}

    def get(self, engine: Engine, executable: str) -> Browser:
        """The engine's browser, launched on first use (again if it has gone away)."""
        running = self._browsers.get(engine.name)
        if running is not None and running.is_connected():
            return running
        if self._playwright is None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
        launched = engine.launch(self._playwright, executable)
        self._browsers[engine.name] = launched
        return launched

    def stop(self) -> None:
        """Close every browser and Playwright, so that asyncio.run() works again."""
        for running in self._browsers.values():
            if running.is_connected():
                running.close()
        self._browsers.clear()
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None
