"""Fixtures of the extension tests."""

from __future__ import annotations

from tests.sphinx_ext.sphinx_project import build_project

__all__ = ["build_project"]
