"""Each engine in turn for the conformance package, with one page per engine.

The scenario and interop modules both drive both engines, the browsers of tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from browsers import CHROMIUM, FIREFOX  # tools/, on pytest's pythonpath
from tests.conformance.scenarios import DRIVER_JS_PATH

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@pytest.fixture(scope="module", params=[CHROMIUM.name, FIREFOX.name])
def engine(request: pytest.FixtureRequest) -> str:
    """Each engine in turn: tests that take it run once in Chromium and once in Firefox."""
    name: str = request.param
    return name


@pytest.fixture(scope="module")
def engine_browser(request: pytest.FixtureRequest, engine: str) -> Browser:
    """The browser of the current engine."""
    launched: Browser = request.getfixturevalue("browser" if engine == CHROMIUM.name else "firefox")
    return launched


@pytest.fixture(scope="module")
def engine_page(engine_browser: Browser) -> Iterator[Page]:
    """One about:blank page per engine with the scenario driver loaded; tests make fresh
    connections in it, so a new page is not needed for each."""
    context = engine_browser.new_context()
    page = context.new_page()
    page.add_script_tag(content=DRIVER_JS_PATH.read_text(encoding="utf-8"))
    yield page
    context.close()
