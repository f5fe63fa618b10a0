"""pytest collects every Python example of the pages: one item per ``>>>`` example."""

from __future__ import annotations

from pathlib import Path

from tests.doctest_support import sybil_for_pages

pytest_collect_file = sybil_for_pages(str(Path(__file__).parent)).pytest()
