"""Fixtures shared by the test suites: the built site, a local server, a real Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from chromium import CHROMIUM_ARGS, find_chromium  # tools/, on pytest's pythonpath
from local_server import serve

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


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site (root index.html, en/, de/), built once per test session, strictly."""
    from build_site import build  # tools/build_site.py, on pytest's pythonpath

    out = tmp_path_factory.mktemp("site") / "html"
    build(out)
    return out


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 (a free port), as the published site is."""
    with serve(site_dir) as url:
        yield url
