"""Spell-check the German of every msgstr with hunspell and Debian's de_DE dictionary.

    python tools/spellcheck_catalogs.py [--words locales/de/wordlist.txt] CATALOG...

Code and markup are not prose: code spans, MyST roles and directives, link targets, URLs,
HTML tags and format placeholders are removed first, and words written like identifiers
(an upper-case letter after the first, as in ``removeTrack`` or ``SDP``, or lower case
and hyphenated, as in ``have-remote-offer``) are skipped.
A hyphenated compound passes when each of its parts does (``Remote-Track``). Words the
dictionary lacks but the site uses go in the project word list, one per line.

Prints ``catalog:line: unknown word 'Wort'`` for each misspelling; exit status 1 if any.
pospell does the same for reStructuredText catalogs; these hold MyST Markdown, which its
reStructuredText parser would read as prose, and it takes minutes where this takes a second.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from babel.messages.pofile import read_po

from check_catalogs import Problem

ROOT: Final = Path(__file__).resolve().parent.parent
WORD_LIST: Final = ROOT / "locales" / "de" / "wordlist.txt"
DICTIONARY: Final = "de_DE"

_NOT_PROSE: Final = [
    re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE),  # fenced blocks and directives
    re.compile(r"\{[\w:-]+\}`[^`]*`"),  # MyST roles: {mdn}`RTCRtpSender <Web/API/...>`
    re.compile(r"(`+).+?\1", re.DOTALL),  # code spans
    re.compile(r"\]\([^)]*\)"),  # link targets: [text](target)
    re.compile(r"</?[a-zA-Z][^>]*>"),  # HTML tags (before URLs, which may stand in them)
    re.compile(r"<[^>\s]+://[^>]*>|https?://\S+"),  # URLs
    re.compile(r"%\(\w+\)[sd]|\{\w*\}|\{#[\w-]+\}"),  # placeholders, heading anchors
]
_WORD: Final = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def prose(text: str) -> str:
    """*text* without code and markup."""
    for pattern in _NOT_PROSE:
        text = pattern.sub(" ", text)
    return text


def _is_identifier(word: str) -> bool:
    """Written like code: ``removeTrack``, ``SDP``, or ``have-remote-offer`` (all lower case
    and hyphenated: spec anchors and enum values; German compounds capitalise their nouns)."""
    if "-" in word:
        return word.islower()
    return any(character.isupper() for character in word[1:])


def words(text: str) -> list[str]:
    """The words of *text* that a dictionary can judge."""
    return [
        word
        for word in _WORD.findall(prose(text))
        if not _is_identifier(word) and not all(_is_identifier(p) for p in word.split("-"))
    ]


def unknown_to_hunspell(candidates: Iterable[str], dictionary: str = DICTIONARY) -> set[str]:
    """The candidates hunspell does not know, asked in one run."""
    executable = shutil.which("hunspell")
    if executable is None:
        raise SystemExit("hunspell is not installed: apt-get install hunspell hunspell-de-de")
    result = subprocess.run(
        [executable, "-d", dictionary, "-i", "utf-8", "-l"],
        input="\n".join(sorted(set(candidates))), capture_output=True, text=True, check=False,
    )
    if result.returncode != 0 or "Can't open affix or dictionary" in result.stderr:
        raise SystemExit(f"hunspell -d {dictionary} failed: {result.stderr.strip()}")
    return set(result.stdout.split())


def load_word_list(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _message_words(path: Path) -> list[tuple[int, str]]:
    """(msgid line, word) for every word of every translated message."""
    with path.open("rb") as stream:
        catalog = read_po(stream)
    found = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else [message.string]
        for text in strings:
            found += [(message.lineno or 1, word) for word in words(str(text or ""))]
    return found


def _msgstr_line(lines: list[str], start: int, word: str) -> int:
    """The line of the msgstr that holds *word* (or, if wrapped, its first part)."""
    for needle in (word, word.split("-")[0] + "-"):
        in_msgstr = False
        for number in range(start, len(lines) + 1):
            line = lines[number - 1]
            if in_msgstr and not line.startswith('"'):
                break  # the message's msgstr ends here
            in_msgstr = line.startswith("msgstr") or (in_msgstr and line.startswith('"'))
            if in_msgstr and needle in line:
                return number
    return start


def check(paths: Sequence[Path], word_list: set[str]) -> list[Problem]:
    occurrences = {path: _message_words(path) for path in paths}
    candidates = {
        part
        for found in occurrences.values()
        for _, word in found
        for part in (word, *word.split("-"))
        if not _is_identifier(part)
    }
    unknown = unknown_to_hunspell(candidates - word_list) - word_list

    def known(word: str) -> bool:
        if word not in unknown:
            return True
        parts = [part for part in word.split("-") if not _is_identifier(part)]
        return "-" in word and all(part not in unknown for part in parts)

    problems = []
    for path, found in occurrences.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for lineno, word in found:
            if not known(word):
                line = _msgstr_line(lines, lineno, word)
                problems.append(Problem(path, line, f"unknown word {word!r}"))
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("catalogs", nargs="+", type=Path)
    parser.add_argument("--words", type=Path, default=WORD_LIST, help="project word list")
    args = parser.parse_args(argv)
    problems = check(args.catalogs, load_word_list(args.words))
    for problem in problems:
        print(problem)
    if problems:
        print(
            f"{len(problems)} unknown words: correct them, or add real terms to {args.words}",
            file=sys.stderr,
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
