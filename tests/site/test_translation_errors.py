"""A translation that breaks a cross-reference fails the German build, naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_site import BuildError, build_language

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


def _tiny_project(root: Path, target: str) -> tuple[Path, Path]:
    source = root / "docs"
    source.mkdir()
    (source / "index.md").write_text(PAGE + "\n```{toctree}\n:hidden:\n\nother\n```\n", "utf-8")
    (source / "other.md").write_text(OTHER, "utf-8")
    catalogs = root / "locales" / "de" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    (catalogs / "index.po").write_text(CATALOG.replace("TARGET", target), "utf-8")
    (catalogs / "other.po").write_text(CATALOG.replace("TARGET", "other"), "utf-8")
    return source, root / "locales"


def _build(tmp_path: Path, target: str) -> None:
    source, locales = _tiny_project(tmp_path, target)
    build_language(
        "de",
        tmp_path / "out",
        tmp_path / "doctrees",
        source_dir=source,
        overrides={"locale_dirs": str(locales)},
    )


def test_a_correct_translation_builds(tmp_path: Path) -> None:
    _build(tmp_path, "other")
    assert "Siehe" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_a_broken_reference_in_a_translation_fails_with_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as failure:
        _build(tmp_path, "missing")
    message = str(failure.value)
    assert "'de' build failed" in message
    assert "index.md:3" in message
    assert "missing" in message
