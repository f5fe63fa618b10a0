"""A translation that breaks a cross-reference fails the German build, naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_site import BuildError, build_language
from tests.sphinx_project import BuildProject, write_project

PAGE = """\
# Start

See {doc}`the other page <other>`.
"""
OTHER = "# Other\n\nText.\n"
CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Language: de\\n"

msgid "Start"
msgstr "Anfang"

msgid "See {doc}`the other page <other>`."
msgstr "Siehe {doc}`die andere Seite <TARGET>`."

msgid "Other"
msgstr "Andere"

msgid "Text."
msgstr "Text."
"""


PAGES = {"index": PAGE + "\n```{toctree}\n:hidden:\n\nother\n```\n", "other": OTHER}
LOCALE_CONF = "locale_dirs = ['locales']\ngettext_compact = False\n"


def _catalogs(target: str) -> dict[str, str]:
    """The German catalogs; the index page's reference points to *target*."""
    return {
        "locales/de/LC_MESSAGES/index.po": CATALOG.replace("TARGET", target),
        "locales/de/LC_MESSAGES/other.po": CATALOG.replace("TARGET", "other"),
    }


def test_a_correct_translation_builds(build_project: BuildProject) -> None:
    build = build_project(PAGES, language="de", extensions=["myst_parser"],
                          extra_conf=LOCALE_CONF, files=_catalogs("other"))
    assert build.status == 0, build.warnings
    assert "Siehe" in build.html()


def test_a_broken_reference_in_a_translation_fails_with_file_and_line(
    build_project: BuildProject,
) -> None:
    build = build_project(PAGES, language="de", extensions=["myst_parser"],
                          extra_conf=LOCALE_CONF, files=_catalogs("missing"))
    assert build.status != 0
    assert "index.md:3" in build.warnings
    assert "missing" in build.warnings


def test_the_site_build_names_the_language_file_and_line(tmp_path: Path) -> None:
    """The same broken translation under the site's own configuration and build script."""
    source = write_project(tmp_path / "docs", PAGES, _catalogs("missing"))
    with pytest.raises(BuildError) as failure:
        build_language("de", tmp_path / "out", tmp_path / "doctrees", source_dir=source,
                       overrides={"locale_dirs": str(source / "locales")})
    message = str(failure.value)
    assert "'de' build failed" in message
    assert "index.md:3" in message
    assert "missing" in message
