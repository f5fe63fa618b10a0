"""The doctest harness itself: REPL-like top-level await, one loop per page, clear failures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sybil.example import SybilFailure

from tests import doctest_support
from tests.doctest_support import close_session, open_session, run_session, sybil_for_pages


def examples_of(page: Path) -> Iterator[object]:
    """Evaluate the examples of *page* in order, in one session, yielding each one."""
    document = sybil_for_pages(str(page.parent)).parse(page)
    open_session(document.namespace)
    try:
        for example in document.examples():
            example.evaluate()
            yield example
    finally:
        close_session(document.namespace)


def write_page(tmp_path: Path, body: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(body, encoding="utf-8")
    return page


REPL_PAGE = '''\
# A page

```pycon
>>> import asyncio
>>> await asyncio.sleep(0)
>>> async def later():
...     await asyncio.sleep(0)
...     return 42
...
>>> task = asyncio.get_running_loop().create_task(later())
```

A task created in one block is awaited in the next, on the same loop:

```pycon
>>> await task
42
>>> loop = asyncio.get_running_loop()
>>> loop is task.get_loop()
True
>>> async def fails():
...     raise ValueError("from a coroutine")
...
>>> await fails()
Traceback (most recent call last):
  ...
ValueError: from a coroutine
```
'''


def test_top_level_await_and_one_loop_per_page(tmp_path: Path) -> None:
    evaluated = list(examples_of(write_page(tmp_path, REPL_PAGE)))
    assert len(evaluated) == 9


def test_callbacks_queued_by_one_example_run_before_the_next(tmp_path: Path) -> None:
    page = write_page(tmp_path, """\
```pycon
>>> import asyncio
>>> ran = []
>>> _ = asyncio.get_running_loop().call_soon(ran.append, "queued"); ran
[]
>>> ran
['queued']
```
""")
    assert len(list(examples_of(page))) == 4


def test_wrong_expectation_fails_with_page_line_expected_and_got(tmp_path: Path) -> None:
    page = write_page(tmp_path, "Text.\n\n```pycon\n>>> 1 + 1\n3\n```\n")
    with pytest.raises(SybilFailure) as failure:
        list(examples_of(page))
    message = str(failure.value)
    assert f"{page}, line 4" in message
    assert "Expected:\n    3\nGot:\n    2" in message


def test_example_that_never_finishes_fails_with_a_timeout_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(doctest_support, "EXAMPLE_TIMEOUT", 0.05)
    page = write_page(tmp_path, """\
```pycon
>>> import asyncio
>>> await asyncio.get_running_loop().create_future()
```
""")
    with pytest.raises(SybilFailure) as failure:
        list(examples_of(page))
    assert "line 3" in str(failure.value)
    assert "did not finish within 0.05 s" in str(failure.value)


def test_run_session_reports_the_failing_example_and_its_line() -> None:
    session = ">>> x = 1\n>>> x + 1\n2\n>>> x * 10\n11\n"
    [failure] = run_session(session, "de/page.html")
    assert (failure.line, failure.source) == (4, "x * 10")
    assert "Expected:\n    11\nGot:\n    10" in failure.report
    assert run_session(session.replace("11", "10"), "de/page.html") == []
