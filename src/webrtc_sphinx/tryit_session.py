"""Run a page's Python session in the reader's browser (Pyodide), as the doctests run it.

This module is shipped in the site's ``webrtc_reference.zip`` and imported in a Web Worker. It
follows tests/doctest_support.py: every ``>>>`` example of the page's ``pycon`` blocks is
compiled with ``PyCF_ALLOW_TOP_LEVEL_AWAIT`` and run in one namespace, in page order; after
each example the spec tasks it queued run, as the ``python -m asyncio`` REPL lets them run while
the reader types the next line; output is compared by doctest's own checker with ``ELLIPSIS``
and ``NORMALIZE_WHITESPACE``. Besides ``webrtc_reference`` it needs only the standard library,
so it also runs (and is tested) under CPython.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import doctest
import importlib
import inspect
import io
import json
import sys
import traceback
from collections.abc import Callable
from typing import Any, Final

from webrtc_reference._dom.event_loop import tasks_settled

FLAGS: Final = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
# One example may wait this long for what it awaits; then it is reported, and the session goes on.
EXAMPLE_TIMEOUT: Final = 10.0
_CHECKER: Final = doctest.OutputChecker()
_PARSER: Final = doctest.DocTestParser()


def _matches(want: str, got: str) -> bool:
    return bool(_CHECKER.check_output(want, got, FLAGS))


async def run_example(example: doctest.Example, namespace: dict[str, Any]) -> dict[str, str]:
    """Run one example; return its source, expected and actual output, and its result.

    The result is ``"match"``, ``"mismatch"`` (other output, or another exception than the
    expected one) or ``"error"`` (an exception the page does not expect, or a timeout).
    """
    out = io.StringIO()
    error: str | None = None
    try:
        code = compile(
            example.source, "<example>", "single",
            flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True,
        )
        with contextlib.redirect_stdout(out):
            async with asyncio.timeout(EXAMPLE_TIMEOUT):
                value = eval(code, namespace)  # the page's example, or the reader's edit of it
                if code.co_flags & inspect.CO_COROUTINE:
                    await value
                await tasks_settled()
    except TimeoutError:
        error = (f"TimeoutError: the example did not finish within {EXAMPLE_TIMEOUT:g} s "
                 "(does it await something that never happens?)\n")
    except Exception as exception:  # noqa: BLE001 -- shown to the reader, as doctest does
        error = traceback.format_exception_only(type(exception), exception)[-1]
    got = out.getvalue()
    if error is None:
        matched = example.exc_msg is None and _matches(example.want, got)
        result = "match" if matched else "mismatch"
    elif example.exc_msg is not None and not error.startswith("TimeoutError: the example"):
        result = "match" if _matches(example.exc_msg, error) else "mismatch"
        got = f"{got}Traceback (most recent call last):\n  ...\n{error}"
    else:
        result = "error"
        got = f"{got}{error}"
    return {"source": example.source, "want": example.want, "got": got, "result": result}


def fresh_model() -> None:
    """Import ``webrtc_reference`` anew, so that a second run in the same interpreter starts
    from the model's initial state. For the worker only: other importers keep the old module."""
    for name in [n for n in sys.modules if n.partition(".")[0] == "webrtc_reference"]:
        del sys.modules[name]
    importlib.import_module("webrtc_reference")


async def run_blocks(
    blocks: list[str], report: Callable[[str], object] | None = None
) -> list[list[dict[str, str]]]:
    """Run the session's blocks (pycon text) in order in one new namespace.

    After each example, ``report`` (if given) receives a JSON object with the block's index, the
    example's index and its result, so that a page can show progress.
    """
    namespace: dict[str, Any] = {"__name__": "__session__"}
    results: list[list[dict[str, str]]] = []
    for block_index, text in enumerate(blocks):
        block_results: list[dict[str, str]] = []
        for example_index, example in enumerate(_PARSER.get_examples(text)):
            outcome = await run_example(example, namespace)
            block_results.append(outcome)
            if report is not None:
                report(json.dumps({"block": block_index, "example": example_index, **outcome}))
        results.append(block_results)
    return results
