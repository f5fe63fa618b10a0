"""Run the Python examples of the pages as the ``python -m asyncio`` REPL runs them.

The pages show ``pycon`` sessions with top-level ``await``. The standard doctest runner cannot
run those, so each example here is compiled with ``PyCF_ALLOW_TOP_LEVEL_AWAIT`` and run inside
one :class:`asyncio.Runner` per page: tasks and listeners survive from one block to the next, and
callbacks queued on the loop run between two examples, as they do between two REPL lines.

Two entry points share that machinery:

* :func:`sybil_for_pages` collects the MyST sources for pytest, one item per example;
* :func:`run_session` runs a session given as text (taken from a built page, say) and
  returns a report of the examples that failed.
"""

from __future__ import annotations

import ast
import asyncio
import doctest
import gc
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from types import CodeType
from typing import Any

from sybil import Document, Region, Sybil
from sybil.evaluators.doctest import DocTest, DocTestEvaluator, DocTestRunner
from sybil.parsers.abstract import DocTestStringParser
from sybil.parsers.myst import CodeBlockParser, PythonCodeBlockParser, SkipParser

from webrtc_reference._dom.event_loop import tasks_settled

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
# One example may wait this long for the events it awaits; then it fails instead of hanging.
EXAMPLE_TIMEOUT = 10.0
_RUNNER = "__asyncio_runner__"


class ExampleTimeout(Exception):
    """An example did not finish: usually an ``await`` on something that never happens."""


def _run_in_loop(code: CodeType, globs: dict[str, Any], _locals: Any = None) -> None:
    """Stand-in for ``exec`` inside doctest: run one compiled example on the page's loop."""

    async def example() -> None:
        try:
            async with asyncio.timeout(EXAMPLE_TIMEOUT):
                result = eval(code, globs)  # the compiled example: our own pages
                if code.co_flags & inspect.CO_COROUTINE:
                    await result
                # The REPL's loop runs the queued tasks while the reader types the next line.
                await tasks_settled()
        except TimeoutError:
            raise ExampleTimeout(
                f"the example did not finish within {EXAMPLE_TIMEOUT:g} s "
                "(does it await an event that never fires?)"
            ) from None

    runner: asyncio.Runner = globs[_RUNNER]
    runner.run(example())


class AsyncDocTestRunner(DocTestRunner):
    """A doctest runner whose examples may ``await`` at top level."""

    def run(
        self,
        test: doctest.DocTest,
        compileflags: int | None = None,
        out: Any = None,
        clear_globs: bool = True,
    ) -> doctest.TestResults:
        # doctest's __run compiles each example, then calls the module-global name `exec`.
        doctest.exec = _run_in_loop  # type: ignore[attr-defined]
        try:
            flags = (compileflags or 0) | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
            return super().run(test, flags, out, clear_globs)
        finally:
            del doctest.exec  # type: ignore[attr-defined]


class AsyncDocTestEvaluator(DocTestEvaluator):
    """Sybil's doctest evaluator, with the top-level-await runner."""

    def __init__(self, optionflags: int = FLAGS) -> None:
        self.runner = AsyncDocTestRunner(optionflags)


class PyconParser:
    """Every ```` ```pycon ```` fence is a doctest session; each ``>>>`` example is one item."""

    def __init__(self, optionflags: int = FLAGS) -> None:
        self.blocks = CodeBlockParser(language="pycon")
        self.doctests = DocTestStringParser(AsyncDocTestEvaluator(optionflags))

    def __call__(self, document: Document) -> Iterator[Region]:
        for block in self.blocks(document):
            for region in self.doctests(block.parsed, document.path):
                region.adjust(block, block.parsed)
                yield region


def open_session(namespace: dict[str, Any]) -> None:
    """Give a page its own event loop, as one REPL session."""
    namespace[_RUNNER] = asyncio.Runner()


def close_session(namespace: dict[str, Any]) -> None:
    namespace.pop(_RUNNER).close()


def sybil_for_pages(path: str) -> Sybil:
    """The Sybil that collects the examples of the MyST pages below *path*."""
    return Sybil(
        parsers=[
            PyconParser(),
            # Hidden setup: `% invisible-code-block: python` comments.
            PythonCodeBlockParser(doctest_optionflags=FLAGS),
            SkipParser(),
        ],
        patterns=["*.md"],
        path=path,
        setup=open_session,
        teardown=close_session,
    )


@dataclass(frozen=True)
class Failure:
    """One example of a session whose output differed, or that raised unexpectedly."""

    line: int
    source: str
    report: str


def run_session(text: str, name: str, *, stop_at_first: bool = False) -> list[Failure]:
    """Run a whole REPL session given as text in one new loop; return what failed.

    *name* appears in the reports (the page the session comes from). With *stop_at_first*, the
    session ends at its first failure, which is then the only one returned.
    """
    examples = doctest.DocTestParser().get_examples(text, name)
    namespace: dict[str, Any] = {"__name__": "__session__"}
    open_session(namespace)
    runner = AsyncDocTestRunner(FLAGS)
    failures: list[Failure] = []
    try:
        for example in examples:
            output: list[str] = []
            test = DocTest([example], namespace, name=name, filename=name,
                           lineno=0, docstring=None)
            result = runner.run(test, clear_globs=False, out=output.append)
            if result.failed:
                failures.append(Failure(example.lineno + 1, example.source.strip(),
                                        "".join(output)))
                if stop_at_first:
                    break
    finally:
        close_session(namespace)
        # What the examples made dies here, not in a collection at some later moment: there its
        # finalizers (a coroutine never awaited warns) could run inside a compile(), which
        # Python 3.11.7 answers with "SystemError: AST constructor recursion depth mismatch".
        # The young generations hold the session's cycles; a full collection costs far more.
        namespace.clear()
        gc.collect(1)
    return failures
