"""One Playwright, one Chromium and one Firefox for the whole conformance package.

The scenario and interop modules both drive both engines; starting Firefox costs seconds, so the
browsers live as long as the package's tests run (see the playwright fixture in tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from browsers import CHROMIUM, FIREFOX  # tools/, on pytest's pythonpath
from tests.conformance.scenarios import DRIVER_JS_PATH

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="package")
def browser(playwright: Playwright, chromium_executable: str) -> Iterator[Browser]:
    with CHROMIUM.started(playwright, chromium_executable) as started:
        yield started


@pytest.fixture(scope="package")
def firefox(playwright: Playwright, firefox_executable: str) -> Iterator[Browser]:
    with FIREFOX.started(playwright, firefox_executable) as started:
        yield started


@pytest.fixture(scope="package", params=[CHROMIUM.name, FIREFOX.name])
def engine(request: pytest.FixtureRequest) -> str:
    """Each engine in turn: tests that take it run once in Chromium and once in Firefox."""
    name: str = request.param
    return name


@pytest.fixture(scope="package")
def engine_browser(request: pytest.FixtureRequest, engine: str) -> Browser:
    """The browser of the current engine (the package's Chromium or Firefox)."""
    launched: Browser = request.getfixturevalue("browser" if engine == CHROMIUM.name else "firefox")
    return launched


@pytest.fixture(scope="package")
def engine_page(engine_browser: Browser) -> Iterator[Page]:
    """One about:blank page per engine with the scenario driver loaded; tests make fresh
    connections in it, so a new page (seconds in Firefox) is not needed for each."""
    context = engine_browser.new_context()
    page = context.new_page()
    page.add_script_tag(content=DRIVER_JS_PATH.read_text(encoding="utf-8"))
    yield page
    context.close()
