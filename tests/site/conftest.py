"""Fixtures of the site tests; the site itself comes from the shared ``site_dir`` fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from check_catalogs import build_pot
from tests.run_once import build_once
from tests.site.sitepages import LANGUAGES, content_pages


@pytest.fixture(scope="session")
def page_paths(site_dir: Path) -> list[Path]:
    """The content pages, the same relative paths in every language."""
    pages = content_pages(site_dir, LANGUAGES[0])
    assert pages, "the English build produced no pages"
    return pages


@pytest.fixture(scope="session")
def fresh_pot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English messages extracted now, so a sentence never merged into a .po is caught."""
    return build_once(tmp_path_factory, "gettext", build_pot)
