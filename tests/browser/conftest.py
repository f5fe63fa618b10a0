"""Fixtures of the try-it tests (test_tryit_js.py, test_tryit_python.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from local_server import serve  # tools/, on pytest's pythonpath
from tests.browser.tryit_controls import RUNNER_POLICY
from tests.served_site import BASE_PATH


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run of each control, for a person to look at (pytest's temporary folder)."""
    return tmp_path_factory.mktemp("tryit-screenshots")


@pytest.fixture(scope="module")
def strict_site_url(site_dir: Path) -> Iterator[str]:
    """The site as site_url serves it, with STRICT_CSP sent with the runner's frame and worker."""
    with serve(site_dir, BASE_PATH, headers=RUNNER_POLICY) as url:
        yield url
