"""pytest collects every Python example of the pages: one item per ``>>>`` example."""

from __future__ import annotations

from pathlib import Path

from doctest_support import sybil_for_pages  # tests/, on pytest's pythonpath

pytest_collect_file = sybil_for_pages(str(Path(__file__).parent)).pytest()
