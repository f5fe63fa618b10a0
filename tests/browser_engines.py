"""The browser binaries the tests drive: skipped where missing, unless CI requires them."""

from __future__ import annotations

import os

import pytest

from browsers import Engine  # tools/, on pytest's pythonpath


def find_engine(engine: Engine) -> str:
    """The engine's binary; skips locally when missing, fails in CI where it must be installed."""
    path = engine.find()
    if path is None:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"CI is set but no {engine.title} is installed: {engine.install_hint}")
        pytest.skip(f"no {engine.title} found: {engine.install_hint} to run its browser tests")
    return path
