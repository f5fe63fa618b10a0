"""Every JavaScript example of the site runs in Chromium and in Firefox and prints what its
comments say.

The rules (what a block is, which blocks only show syntax, how blocks run, what a comment
declares) are in jsharness.py; the tests at the end check the harness itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from local_server import serve  # tools/, on pytest's pythonpath
from tests.js_examples.jsharness import (
    HARNESS_PAGE,
    HERE,
    BlockRun,
    JsBlock,
    collect_page,
    collect_site,
    is_syntax_block,
    run_block,
)
from webrtc_sphinx.js_expectations import expectations, expected_output

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = HERE.parent.parent
DOCS = ROOT / "docs"
SITE_BLOCKS = collect_site(DOCS, ROOT)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def harness_url() -> Iterator[str]:
    """The harness page over HTTP on 127.0.0.1, a secure context where getUserMedia() works."""
    with serve(HERE) as base:
        yield f"{base}{HARNESS_PAGE}"


def _params(blocks: list[JsBlock]) -> list[Any]:
    """One item per runnable block; a bare call signature (a Syntax section) is not code to run."""
    return [
        pytest.param(block, id=block.id) for block in blocks if not is_syntax_block(block.source)
    ]


def _one_page(browser: Browser) -> Iterator[Page]:
    """One page for all blocks of an engine; each block gets a new document (see run_block)."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def chromium_page(browser: Browser) -> Iterator[Page]:
    yield from _one_page(browser)


@pytest.fixture(scope="module")
def firefox_page(firefox: Browser) -> Iterator[Page]:
    yield from _one_page(firefox)


@pytest.mark.browser
@pytest.mark.parametrize("block", _params(SITE_BLOCKS))
def test_js_example_in_chromium(
    browser: Browser, chromium_page: Page, harness_url: str, block: JsBlock
) -> None:
    run = run_block(chromium_page, harness_url, block)
    if run.problems:
        pytest.fail(f"Chromium {browser.version}: " + run.report(), pytrace=False)


# Lines where an engine is known to print something other than the documented (spec) value.
ENGINE_DIFFERENCES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "engine_differences.json").read_text(encoding="utf-8")
)


def without_recorded_differences(run: BlockRun, engine: str) -> list[str]:
    """Drop the problems an engine is recorded to have; report a record that no longer holds.

    A record says that the documented line ``line`` prints ``prints`` instead, or that the
    statement at ``line`` throws ``throws``, so that no documented line after it prints.
    """
    block = run.block
    first, last = block.page_line(0), block.page_line(block.source.count("\n"))
    stale = []
    for entry in ENGINE_DIFFERENCES:
        line = entry["line"]
        if entry["engine"] != engine or entry["page"] != block.page or not first <= line <= last:
            continue
        at_line = [
            p for p in run.problems if p.index is not None and block.page_line(p.index) == line
        ]
        if "prints" in entry:
            holds = [p.message.rpartition("actual:   ")[2] for p in at_line] == [entry["prints"]]
            dropped = at_line
        else:
            holds = [p.message for p in at_line] == [f"throws {entry['throws']}"]
            dropped = at_line + [
                p for p in run.problems if p.index is not None
                and block.page_line(p.index) > line and "nothing printed" in p.message
            ]
        if not holds:
            stale.append(f"line {line}: the record of {engine} no longer holds: {entry}")
        run.problems = [p for p in run.problems if p not in dropped]
    return stale


@pytest.mark.browser
@pytest.mark.parametrize("block", _params(SITE_BLOCKS))
def test_js_example_in_firefox(
    firefox: Browser, firefox_page: Page, harness_url: str, block: JsBlock
) -> None:
    run = run_block(firefox_page, harness_url, block)
    stale = without_recorded_differences(run, "firefox")
    if run.problems or stale:
        pytest.fail(
            f"Firefox {firefox.version}: " + "\n".join([run.report(), *stale]), pytrace=False
        )


def test_each_recorded_engine_difference_names_a_js_line_that_documents_a_value() -> None:
    documented = {
        (block.page, block.page_line(e.index)) for block in SITE_BLOCKS
        for e in expectations(block.source)
    }
    for entry in ENGINE_DIFFERENCES:
        assert "throws" in entry or (entry["page"], entry["line"]) in documented, entry
        assert entry["engine"] in {"chromium", "firefox"} and entry["evidence"], entry


def test_the_site_has_js_examples_to_run() -> None:
    runnable = [block for block in SITE_BLOCKS if not is_syntax_block(block.source)]
    assert runnable, f"no runnable ```js block found under {DOCS.relative_to(ROOT)}"
    assert any(expectations(block.source) for block in runnable), "no example declares output"


# -- The harness itself -------------------------------------------------------------------


def _page(tmp_path: Path, text: str) -> list[JsBlock]:
    page = tmp_path / "docs" / "page.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")
    return collect_page(page, tmp_path)


PAGE = """\
# Title

```js
removeTrack(sender)
```

::::{tab-set}

:::{tab-item} JavaScript
:sync: js

```javascript
const a = 1;
console.log(a); // 1
```

:::

:::{tab-item} Python
:sync: python

```pycon
>>> 1
1
```

:::

::::

````{note}
```js
console.log("in a note"); // "in a note"
```
````

```{code-block} js
:caption: A caption

let b;
```

- In a list:

  ```js
  console.log(2);
  ```

```
not.js();
```
"""


def test_collects_js_blocks_with_their_page_lines(tmp_path: Path) -> None:
    blocks = _page(tmp_path, PAGE)
    lines = PAGE.splitlines()
    assert [block.line for block in blocks] == [3, 12, 32, 37, 45]
    assert {block.page for block in blocks} == {"docs/page.md"}
    assert blocks[1].id == "docs/page.md:12"
    for block in blocks:
        assert lines[block.line - 1].lstrip().startswith(("```", ":::"))
        for index, code in enumerate(block.lines):
            assert lines[block.page_line(index) - 1].strip() == code.strip()
    assert blocks[3].source == "let b;\n"
    assert blocks[4].source == "console.log(2);\n"


@pytest.mark.parametrize(
    "source",
    [
        "removeTrack(sender)\n",
        "pc.removeTrack(sender)\n",
        "addTrack(track)\naddTrack(track, stream1, /* …, */ streamN)\n",
    ],
)
def test_syntax_blocks_are_bare_call_signatures(source: str) -> None:
    assert is_syntax_block(source)


@pytest.mark.parametrize(
    "source",
    [
        "pc.removeTrack(sender);\n",
        "await pc.setLocalDescription()\n",
        "const sender = pc.addTrack(track)\n",
        "new RTCPeerConnection()\n",
        "console.log(sender.track) // null\n",
        "startCall()\nconsole.log(1);\n",
        "\n",
    ],
)
def test_statements_are_not_syntax_blocks(source: str) -> None:
    assert not is_syntax_block(source)


def test_only_call_signatures_of_the_site_are_skipped() -> None:
    skipped = [block for block in SITE_BLOCKS if is_syntax_block(block.source)]
    assert "removeTrack(sender)" in [block.source.strip() for block in skipped]
    for block in skipped:
        assert "console" not in block.source and "//" not in block.source, block.id


@pytest.mark.parametrize(
    ("comment", "printed"),
    [
        ('"recvonly"', '"recvonly"'),
        ("'live'", '"live"'),
        ("`x`", '"x"'),
        ("null", "null"),
        ("true", "true"),
        ("2", "2"),
        ('["a", "b"]', '["a", "b"]'),
        ('"a b" null', '"a b" null'),
        ("'say \\'hi\\''", "\"say 'hi'\""),
        ("'über'", '"über"'),
        ('"\\u00fcber"', '"über"'),
    ],
)
def test_expected_output_is_the_values_as_javascript_literals(comment: str, printed: str) -> None:
    assert expected_output(comment) == printed


def test_expectations_are_console_log_lines_with_a_comment() -> None:
    source = (
        "console.log(sender.track); // null\n"
        '  console.log(error.name) // "InvalidStateError"\n'
        "console.log(x);\n"
        "pc.close(); // closes\n"
        'console.log(f("a // b")); // "c"\n'
    )
    found = [(e.index, e.expected) for e in expectations(source)]
    assert found == [(0, "null"), (1, '"InvalidStateError"'), (4, '"c"')]


HARNESS_PAGE_TEXT = """\
# Harness

```js
const value = await Promise.resolve("recvonly");
console.log(value); // "recvonly"
console.log(null); // null
console.log(1 < 2); // true
console.log(["a", 1]); // ["a", 1]
console.log("two", 2); // "two" 2
```

```js
console.log(1 + 1); // 3
console.log("null"); // null
console.log(null); // "null"
```

```js
const pc = new RTCPeerConnection();
pc.removeTrack(undefinedSender);
console.log("not reached"); // "not reached"
```

```js
Promise.reject(new Error("nobody catches this"));
```

```js
let pc;
async function start() {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true });
  pc = new RTCPeerConnection();
  pc.addTrack(stream.getVideoTracks()[0], stream);
}
document.getElementById("closeButton").addEventListener("click", () => {
  console.log(pc.getSenders().length); // 1
});
start();
```

```js
document.getElementById("closeButton").onclick = () => {
  null.missing;
};
```

```js
await new Promise(() => {});
```

```js
const x = ;
```

```js
const fromTheBlockBefore = 1;
```

```js
console.log(fromTheBlockBefore); // 1
```
"""


@pytest.fixture(scope="module")
def harness_blocks(tmp_path_factory: pytest.TempPathFactory) -> list[JsBlock]:
    return _page(tmp_path_factory.mktemp("harness"), HARNESS_PAGE_TEXT)


def _problems(page: Page, url: str, block: JsBlock, timeout: float = 10.0) -> str:
    run = run_block(page, url, block, timeout=timeout)
    return run.report() if run.problems else ""


@pytest.mark.browser
def test_right_comments_pass(
    chromium_page: Page, harness_url: str, harness_blocks: list[JsBlock]
) -> None:
    assert _problems(chromium_page, harness_url, harness_blocks[0]) == ""


@pytest.mark.browser
def test_a_wrong_comment_fails(
    chromium_page: Page, harness_url: str, harness_blocks: list[JsBlock]
) -> None:
    report = _problems(chromium_page, harness_url, harness_blocks[1])
    assert "docs/page.md, block at line 12:" in report
    assert "line 13: console.log(1 + 1); // 3" in report
    assert "expected: 3\n    actual:   2" in report
    assert "line 14:" in report and 'expected: null\n    actual:   "null"' in report
    assert "line 15:" in report and 'expected: "null"\n    actual:   null' in report


@pytest.mark.browser
def test_a_block_that_throws_fails_at_its_line(
    chromium_page: Page, harness_url: str, harness_blocks: list[JsBlock]
) -> None:
    report = _problems(chromium_page, harness_url, harness_blocks[2])
    assert "line 20: pc.removeTrack(undefinedSender);" in report
    assert "throws ReferenceError: undefinedSender is not defined" in report
    assert "line 21:" in report and "nothing printed" in report


@pytest.mark.browser
def test_an_unhandled_rejection_fails(
    chromium_page: Page, harness_url: str, harness_blocks: list[JsBlock]
) -> None:
    report = _problems(chromium_page, harness_url, harness_blocks[3])
    assert "line 25: Promise.reject" in report
    assert "nobody catches this" in report


@pytest.mark.browser
def test_click_handlers_run_after_the_block_and_its_media(
    chromium_page: Page, harness_url: str, harness_blocks: list[JsBlock]
) -> None:
    run = run_block(chromium_page, harness_url, harness_blocks[4])
    assert run.problems == []
    assert run.clicked == ["closeButton"]
    assert [text for index, text in run.printed if index == 7] == ["log: 1"]


@pytest.mark.browser
def test_an_error_in_a_click_handler_fails(
    chromium_page: Page, harness_url: str, harness_blocks: list[JsBlock]
) -> None:
    report = _problems(chromium_page, harness_url, harness_blocks[5])
    assert "line 43: null.missing;" in report
    assert "page error" in report and "TypeError" in report


@pytest.mark.browser
def test_a_block_that_never_finishes_fails(
    chromium_page: Page, harness_url: str, harness_blocks: list[JsBlock]
) -> None:
    report = _problems(chromium_page, harness_url, harness_blocks[6], timeout=0.3)
    assert "did not finish within 0.3 s" in report


@pytest.mark.browser
def test_a_block_that_does_not_compile_fails(
    chromium_page: Page, harness_url: str, harness_blocks: list[JsBlock]
) -> None:
    report = _problems(chromium_page, harness_url, harness_blocks[7])
    assert "line 52: const x = ;" in report
    assert "does not compile: SyntaxError" in report


@pytest.mark.browser
def test_each_block_runs_in_a_fresh_page(
    chromium_page: Page, harness_url: str, harness_blocks: list[JsBlock]
) -> None:
    assert _problems(chromium_page, harness_url, harness_blocks[8]) == ""
    report = _problems(chromium_page, harness_url, harness_blocks[9])
    assert "throws ReferenceError: fromTheBlockBefore is not defined" in report


@pytest.mark.browser
def test_the_firefox_path_reports_like_the_chromium_one(
    firefox_page: Page, harness_url: str, harness_blocks: list[JsBlock]
) -> None:
    def report(index: int) -> str:
        run = run_block(firefox_page, harness_url, harness_blocks[index])
        return run.report() if run.problems else ""

    assert report(0) == ""
    wrong = report(1)
    assert "line 13: console.log(1 + 1); // 3" in wrong and "expected: 3\n    actual:   2" in wrong
    thrown = report(2)
    assert "line 20: pc.removeTrack(undefinedSender);" in thrown
    assert "throws ReferenceError: undefinedSender is not defined" in thrown
    assert "line 25: Promise.reject" in report(3)
    assert "does not compile: SyntaxError" in report(7)
    assert report(8) == ""
    assert "fromTheBlockBefore is not defined" in report(9)  # a fresh document per block
