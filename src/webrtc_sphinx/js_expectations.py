"""The values a JavaScript example documents: ``console.log(<expr>); // <expected>`` lines.

A comment is written as JavaScript values, one per argument: ``"recvonly"``, ``null``, ``true``,
``2``, ``["a", "b"]``. The browser test harness (tests/js_examples) and the in-page runner
(:mod:`webrtc_sphinx.tryit`) both read them from here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_EXPECTATION = re.compile(r"^\s*(console\.log\(.*\));?\s*//\s*(?P<comment>.*?)\s*$")
_STRING_LITERAL = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|`(?:[^`\\$]|\\.)*`")
# A value: a run of string literals and other characters, up to whitespace outside a literal.
_TOKEN = re.compile(r"(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|`(?:[^`\\$]|\\.)*`|[^\s\"'`])+")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "f": "\f", "v": "\v"}


@dataclass(frozen=True)
class Expectation:
    index: int  # 0-based line in the block
    statement: str
    comment: str  # as written after //
    expected: str  # the printed values as JavaScript literals (see expected_output)


def _decode_string(literal: str) -> str:
    body = literal[1:-1]

    def unescape(match: re.Match[str]) -> str:
        escape = match.group(1)
        if escape.startswith("u") and len(escape) == 5:
            return chr(int(escape[1:], 16))
        return _ESCAPES.get(escape, escape)

    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)", unescape, body)


def expected_output(comment: str) -> str:
    """The values a comment names, in the form the harness renders printed values.

    Several values separated by spaces stand for several arguments. A string literal (in double,
    single or back quotes) becomes its value in double quotes, as JSON writes it; any other value
    (``null``, ``true``, ``2``, ``["a", "b"]``) stays as written.
    """
    tokens = _TOKEN.findall(comment.strip())
    return " ".join(
        json.dumps(_decode_string(token), ensure_ascii=False)
        if _STRING_LITERAL.fullmatch(token)
        else token
        for token in tokens
    )


def expectations(source: str) -> list[Expectation]:
    """The ``console.log(...); // expected`` lines of a block."""
    found: list[Expectation] = []
    for index, line in enumerate(source.splitlines()):
        match = _EXPECTATION.match(line)
        if match and match.group("comment"):
            found.append(
                Expectation(
                    index,
                    line.strip(),
                    match.group("comment"),
                    expected_output(match.group("comment")),
                )
            )
    return found


