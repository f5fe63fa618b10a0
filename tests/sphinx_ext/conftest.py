"""Fixtures of the extension tests."""

from __future__ import annotations

from sphinx_project import build_project

__all__ = ["build_project"]
