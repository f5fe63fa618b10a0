"""Every German catalog follows the glossary in locales/de/glossary.toml.

A violation names the catalog, the line, the word found and the term to use. Code in
backticks is left out: `offer` stays `offer`.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GERMAN = ROOT / "locales" / "de"
GLOSSARY = GERMAN / "glossary.toml"
CATALOGS = sorted((GERMAN / "LC_MESSAGES").rglob("*.po"))
# Code and link targets are not prose: blank them out, keeping the offsets.
NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|https?://\S+")


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    use: str
    english_too: bool = False


@dataclass(frozen=True)
class Message:
    """The text of one msgid or msgstr, with the catalog line each character comes from."""

    field: str  # "msgid" or "msgstr"
    text: str
    lines: tuple[int, ...]

    def line_at(self, offset: int) -> int:
        return self.lines[min(offset, len(self.lines) - 1)]


def load_rules(path: Path = GLOSSARY) -> tuple[list[Rule], dict[str, str]]:
    """The `never` patterns with the term to use, and the terms that need an explanation."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rules = [
        Rule(re.compile(pattern), f"{entry['german']} ({entry['english']})")
        for entry in data["term"] for pattern in entry["never"]
    ]
    rules += [
        Rule(re.compile(pattern), f"{entry['german']} ({entry['rule']})",
             entry.get("english_too", False))
        for entry in data["typography"] for pattern in entry["never"]
    ]
    explained = {entry["english"].split()[0].capitalize(): entry["explain"]
                 for entry in data["term"] if "explain" in entry}
    return rules, explained


def messages(po_file: Path) -> Iterator[Message]:
    """Each msgid and msgstr of *po_file* (header and obsolete entries left out)."""
    field, text = "", ""
    lines: list[int] = []

    def done() -> Iterator[Message]:
        if field and text:
            yield Message(field, text, tuple(lines))

    for number, line in enumerate(po_file.read_text(encoding="utf-8").splitlines(), start=1):
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgid", "msgstr", "msgctxt", "msgid_plural") or keyword.startswith(
            "msgstr["
        ):
            yield from done()
            field, text, lines = keyword.split("[")[0], "", []
            line = rest
        elif not line.startswith('"'):
            yield from done()
            field, text, lines = "", "", []
            continue
        piece = ast.literal_eval(line)  # a PO string is a C string literal
        text += piece
        lines += [number] * len(piece)
    yield from done()


def prose(text: str) -> str:
    return NOT_PROSE.sub(lambda match: " " * len(match.group()), text)


def violations(po_file: Path, rules: list[Rule], explained: dict[str, str]) -> list[str]:
    """One line per violation: file:line: found 'word', use: term."""
    name = po_file.relative_to(ROOT) if po_file.is_relative_to(ROOT) else po_file
    found = []
    first_use: dict[str, bool] = {}
    for message in messages(po_file):
        text = prose(message.text)
        for rule in rules:
            if message.field != "msgstr" and not rule.english_too:
                continue
            for match in rule.pattern.finditer(text):
                found.append(f"{name}:{message.line_at(match.start())}: "
                             f"found {match.group()!r}, use: {rule.use}")
        if message.field != "msgstr":
            continue
        for term, explanation in explained.items():
            use = re.search(rf"\b{term}\b", text)
            if use and term not in first_use:
                first_use[term] = explanation in text
                if not first_use[term]:
                    found.append(f"{name}:{message.line_at(use.start())}: found {term!r} "
                                 f"without an explanation at its first use ({explanation!r})")
    return found


def test_there_are_german_catalogs_to_check() -> None:
    assert len(CATALOGS) >= 5, CATALOGS


@pytest.mark.parametrize("po_file", CATALOGS, ids=lambda path: str(path.relative_to(GERMAN)))
def test_the_catalog_follows_the_glossary(po_file: Path) -> None:
    rules, explained = load_rules()
    problems = violations(po_file, rules, explained)
    assert not problems, "\n".join(problems)


# -- The checker itself ------------------------------------------------------------------

SAMPLE = '''\
msgid ""
msgstr "Language: de\\n"

msgid "The remote track is removed from its remote streams."
msgstr ""
"Dann wird der Track stummgeschaltet und aus ihren "
"entfernten Streams entfernt."

msgid "The `offer` is applied in steps 10-13; glare can happen."
msgstr ""
"Das `offer` wird in den Schritten 10-13 angewendet; Glare kann auftreten."

msgid "Use 'audio' here."
msgstr "Hier `'audio'` verwenden, weder heute, noch morgen."
'''


def test_a_violation_names_the_file_line_word_and_term(tmp_path: Path) -> None:
    po_file = tmp_path / "sample.po"
    po_file.write_text(SAMPLE, encoding="utf-8")
    rules, explained = load_rules()
    problems = violations(po_file, rules, explained)
    assert problems == [
        (f"{po_file}:7: found 'entfernten', use: Gegenstelle; as a prefix Remote- "
        "(Remote-Track, Remote-Beschreibung, Remote-Stream) (remote (peer))"),
        f"{po_file}:11: found '10-13', use: 10–13 (a range of numbers takes an en dash)",
        f"{po_file}:11: found 'Glare' without an explanation at its first use ('gleichzeitig')",
        (f"{po_file}:13: found \"'audio'\", use: `'audio'` (code goes in backticks, so that "
        "smart quotes do not change it)"),
        (f"{po_file}:14: found 'weder heute, noch', use: weder … noch "
        "(no comma before noch in weder … noch)"),
    ]


def test_code_in_backticks_is_not_checked(tmp_path: Path) -> None:
    po_file = tmp_path / "code.po"
    po_file.write_text('msgid "x"\nmsgstr "Der Wert `offer` und `der Rollback`."\n',
                       encoding="utf-8")
    rules, explained = load_rules()
    assert violations(po_file, rules, explained) == []


@pytest.mark.parametrize("po_file", CATALOGS, ids=lambda path: str(path.relative_to(GERMAN)))
def test_an_attribution_says_the_german_text_is_a_translation(po_file: Path) -> None:
    attribution = False
    for message in messages(po_file):
        if message.field == "msgid":
            attribution = message.text.startswith("This page is based in part on")
        elif message.field == "msgstr" and attribution:
            assert "Übersetzung der englischen Fassung" in message.text, (
                f"{po_file}:{message.lines[0]}: the attribution does not say that the German "
                "text is a translation of the English page"
            )
