"""Find the JavaScript examples of the MyST pages and run them in a browser, as a reader
would.

Rules (tested in test_js_examples.py):

- A JavaScript example is a fenced block whose language is ``js`` or ``javascript``, or a
  ``{code-block}``/``{code}``/``{sourcecode}`` directive with that language, anywhere in a page,
  also inside tab sets and other directives.
- A *syntax block* only shows a call signature and is not run: every non-blank line is a bare call
  such as ``removeTrack(sender)`` (a dotted name and parentheses), with no ``;`` and none of the
  keywords ``const``, ``let``, ``var``, ``await``, ``new``, ``function``.
- Every other block is self-contained: it runs on its own, in a fresh document of the harness
  (harness.html), in the body of an async function, so top-level ``await`` works. The examples
  of a page declare the same names (``pc``, ``sender``) again with ``let`` and ``const``, which
  one scope refuses, even the DevTools console; so a block must not rely on names of earlier
  blocks.
- A line ``console.log(<expr>); // <expected>`` declares what the call prints. The comment is
  written as JavaScript values, one per argument: ``"recvonly"``, ``null``, ``true``, ``2``,
  ``["a", "b"]``. console.log prints the string ``"recvonly"`` as recvonly, so quotes are not
  compared as text; but a string must be a string: ``// "null"`` does not accept ``null``.
  Every time the statement runs it must print exactly that; it must run at least once.
- The block must not throw, and the page must report no error and no unhandled rejection.
- After the block has finished and its pending ``getUserMedia()`` calls have settled, every element
  that received a click handler during the block is clicked, in the order the handlers were added.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from playwright.sync_api import Error as PlaywrightError

from webrtc_sphinx.js_expectations import Expectation, expectations

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Page

HERE = Path(__file__).resolve().parent
HARNESS_PAGE = "harness.html"

JS_LANGUAGES = frozenset({"js", "javascript"})
CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode"})

# -- Finding the blocks -----------------------------------------------------------------------


@dataclass(frozen=True)
class JsBlock:
    """One JavaScript example: where it is in its page, and its code."""

    page: str  # the page's path relative to the repository, with "/"
    line: int  # 1-based line of the opening fence in the page
    first_line: int  # 1-based line in the page of the block's first code line
    source: str

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def lines(self) -> list[str]:
        return self.source.splitlines()

    def page_line(self, index: int) -> int:
        """The page's 1-based line number of the block's 0-based line ``index``."""
        return self.first_line + index

    def statement(self, index: int) -> str:
        lines = self.lines
        return lines[index].strip() if 0 <= index < len(lines) else ""


def _parser_config() -> MdParserConfig:
    return MdParserConfig(enable_extensions={"colon_fence", "deflist"})


def _fence_language(info: str) -> tuple[str | None, bool]:
    """(language of a code block or None, whether the fence is a non-code directive)."""
    words = info.strip().split()
    if not words:
        return None, False
    first = words[0]
    if first.startswith("{") and first.endswith("}"):
        name = first[1:-1]
        if name in CODE_DIRECTIVES:
            return (words[1].lower() if len(words) > 1 else None), False
        return None, True
    return first.lower(), False


def _strip_directive_options(content: list[str]) -> int:
    """How many leading lines of a code directive are options (``:key: value`` or ``---`` YAML)."""
    if content and content[0].strip() == "---":
        for index in range(1, len(content)):
            if content[index].strip() == "---":
                return index + 1
        return 0
    count = 0
    while count < len(content) and re.match(r"^\s*:[\w-]+:", content[count]):
        count += 1
    return count


def _blocks_in(text: str, page: str, offset: int) -> Iterator[JsBlock]:
    md = create_md_parser(_parser_config(), RendererHTML)
    for token in md.parse(text):
        if token.type not in ("fence", "colon_fence") or token.map is None:
            continue
        start = offset + token.map[0]  # 0-based line of the opening fence in the page
        language, is_directive = _fence_language(token.info)
        if is_directive:
            # Tab sets, tab items, notes...: their content is MyST again.
            yield from _blocks_in(token.content, page, start + 1)
            continue
        if language not in JS_LANGUAGES:
            continue
        content = token.content.splitlines()
        skip = _strip_directive_options(content) if token.info.strip().startswith("{") else 0
        while skip < len(content) and not content[skip].strip():
            skip += 1
        yield JsBlock(
            page=page,
            line=start + 1,
            first_line=start + 2 + skip,
            source="\n".join(content[skip:]) + "\n",
        )


def collect_page(path: Path, root: Path) -> list[JsBlock]:
    """The JavaScript blocks of one MyST page, in page order."""
    page = path.resolve().relative_to(root.resolve()).as_posix()
    return list(_blocks_in(path.read_text(encoding="utf-8"), page, 0))


def collect_site(docs: Path, root: Path) -> list[JsBlock]:
    """The JavaScript blocks of every page under ``docs``, page by page."""
    blocks: list[JsBlock] = []
    for path in sorted(docs.rglob("*.md")):
        if any(part.startswith(("_", ".")) for part in path.relative_to(docs).parts[:-1]):
            continue
        blocks.extend(collect_page(path, root))
    return blocks


_SIGNATURE = re.compile(r"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\([^;]*\)$")
_STATEMENT_KEYWORDS = re.compile(r"\b(?:const|let|var|await|new|function)\b")


def is_syntax_block(source: str) -> bool:
    """True for a block that only shows call signatures, such as ``removeTrack(sender)``."""
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    return bool(lines) and all(
        _SIGNATURE.match(line) and not _STATEMENT_KEYWORDS.search(line) for line in lines
    )


# -- Running a block in a browser ---------------------------------------------------------------

# A printed value as a JavaScript literal, as the try-it frame of the site prints it: one
# formatter (show-value.js) for both, so that both compare the same text with a comment.
SHOW_VALUE = HERE.parents[1] / "src" / "webrtc_sphinx" / "static" / "tryit" / "show-value.js"
_FORMAT = f"(value) => {{\n{SHOW_VALUE.read_text(encoding='utf-8')}return tryitShow(value);\n}}"

# Waits for the block's promise, at most `ms` milliseconds; rejects with the block's error.
_RACE = """function (ms) {
  return Promise.race([
    this.then(() => "done"),
    new Promise((resolve) => setTimeout(() => resolve("timeout"), ms)),
  ]);
}"""

_STACK_LOCATION = r"{url}:(\d+):(\d+)"


@dataclass(frozen=True)
class Problem:
    index: int | None  # 0-based line in the block, when known
    message: str


@dataclass
class BlockRun:
    """What happened when one block ran."""

    block: JsBlock
    problems: list[Problem] = field(default_factory=list)
    printed: list[tuple[int | None, str]] = field(default_factory=list)  # (line index, text)
    clicked: list[str] = field(default_factory=list)  # ids (or tag names) of clicked elements

    def report(self) -> str:
        """A failure message naming the page, the block's line, each statement, expected/actual."""
        block = self.block
        out = [f"JavaScript example in {block.page}, block at line {block.line}:"]
        for problem in sorted(self.problems, key=lambda p: (p.index is None, p.index or 0)):
            if problem.index is None:
                out.append(f"  {problem.message}")
            else:
                out.append(
                    f"  line {block.page_line(problem.index)}: {block.statement(problem.index)}"
                )
                out.extend(f"    {part}" for part in problem.message.splitlines())
        if self.clicked:
            out.append(f"  clicked after the block: {', '.join(self.clicked)}")
        if self.printed:
            out.append("  console output:")
            for index, text in self.printed:
                where = f"line {block.page_line(index)}" if index is not None else "page"
                out.append(f"    [{where}] {text}")
        return "\n".join(out)


def _script_url(block: JsBlock) -> str:
    return f"js-examples/{block.page}/line-{block.line}.js"


def _index_from_stack(stack: str, url: str) -> int | None:
    match = re.search(_STACK_LOCATION.format(url=re.escape(url)), stack)
    return int(match.group(1)) - 1 if match else None


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def run_block(
    page: Page,
    harness_url: str,
    block: JsBlock,
    *,
    timeout: float = 10.0,
    settle_timeout: float = 5.0,
    late_output_timeout: float = 2.0,
) -> BlockRun:
    """Run one block in a fresh document of the harness in *page*, and check what it printed.

    The harness is loaded afresh for each block: a new document, so nothing of the block before
    is left, while the page (and in Chromium its renderer process) is reused, which costs a
    fraction of a new context per block. In Chromium the block runs through CDP, which also
    reports the line where a block does not compile; Firefox (WebDriver BiDi) has no CDP, so
    there the block is added as a script of its own, from a blob: URL.
    """
    run = BlockRun(block)
    expected = expectations(block.source)
    messages: list[ConsoleMessage] = []
    errors: list[PlaywrightError] = []
    target = page
    browser = page.context.browser
    has_cdp = browser is not None and browser.browser_type.name == "chromium"

    def on_console(message: ConsoleMessage) -> None:
        messages.append(message)

    def on_error(error: PlaywrightError) -> None:
        errors.append(error)

    target.on("console", on_console)
    target.on("pageerror", on_error)
    try:
        target.goto(harness_url)
        if has_cdp:
            url = _script_url(block)
            cdp = target.context.new_cdp_session(target)
            try:
                finished = _evaluate(cdp, block.source, url, timeout, run)
            finally:
                cdp.detach()
        else:
            url, finished = _evaluate_script(target, block.source, timeout, run, errors)
        settled = target.evaluate("(ms) => window.jsExamples.settle(ms)", settle_timeout * 1000)
        if finished:
            targets = target.evaluate_handle("() => window.jsExamples.takeClickTargets()")
            for element in targets.get_properties().values():
                handle = element.as_element()
                if handle is None:
                    continue
                name = str(handle.evaluate("(el) => el.id || el.localName"))
                run.clicked.append(name)
                try:
                    if handle.evaluate("(el) => el.isConnected"):
                        handle.click(timeout=timeout * 1000)
                    else:
                        handle.evaluate("(el) => el.click()")
                except PlaywrightError as failure:
                    run.problems.append(
                        Problem(None, f"could not click {name}: {_first_line(failure.message)}")
                    )
            if targets.get_properties():
                settled = (
                    target.evaluate("(ms) => window.jsExamples.settle(ms)", settle_timeout * 1000)
                    and settled
                )
        if not settled:
            run.problems.append(Problem(None, "a getUserMedia() call never settled"))
        # Output from handlers and events may come a little later.
        waited = 0.0
        while finished and waited < late_output_timeout and _missing(expected, messages, url):
            target.wait_for_timeout(50)
            waited += 0.05
        _check_output(run, expected, messages, url)
        for error in errors:
            stack = error.stack or ""
            text = f"{error.name}: {error.message}" if error.name else error.message
            run.problems.append(
                Problem(
                    _index_from_stack(stack, url), f"page error (uncaught or unhandled): {text}"
                )
            )
    finally:
        target.remove_listener("console", on_console)
        target.remove_listener("pageerror", on_error)
    return run


# The block's first line shares the wrapper's line, so line numbers stay those of the block.
_WRAPPER_START = "((run) => (run.catch(() => {}), run))((async () => {"
_WRAPPER_END = "\n})())"

# Adds the block as a script from a blob: URL (no request to intercept) and resolves to that URL
# once the script has run, or failed to compile.
_ADD_SCRIPT = """(script) => new Promise((resolve) => {
  const src = URL.createObjectURL(new Blob([script], { type: "text/javascript" }));
  const tag = Object.assign(document.createElement("script"), { src });
  tag.onload = tag.onerror = () => resolve(src);
  document.head.append(tag);
})"""

# Waits for the block's promise (window.jsExampleRun), at most `ms` milliseconds.
_OUTCOME = """(ms) => Promise.race([
  window.jsExampleRun.then(
    () => ({ outcome: "done" }),
    (e) => ({ outcome: "throws", text: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
              stack: (e && e.stack) || "" })),
  new Promise((resolve) => setTimeout(() => resolve({ outcome: "timeout" }), ms)),
])"""


def _evaluate_script(
    page: Page, source: str, timeout: float, run: BlockRun, errors: list[PlaywrightError]
) -> tuple[str, bool]:
    """Run the block as a script of its own; record a throw, a syntax error or a timeout.

    Returns the script's address (a blob: URL, which stack traces and console messages name)
    and whether the block finished.
    """
    script = f"window.jsExampleRun = {_WRAPPER_START}{source}{_WRAPPER_END};\n"
    url: str = page.evaluate(_ADD_SCRIPT, script)
    if not page.evaluate("() => window.jsExampleRun !== undefined"):  # a syntax error
        compile_errors = [e for e in errors if e.name == "SyntaxError"]
        for error in compile_errors:
            errors.remove(error)
            run.problems.append(Problem(None, f"does not compile: SyntaxError: {error.message}"))
        return url, False
    outcome: dict[str, str] = page.evaluate(_OUTCOME, timeout * 1000)
    if outcome["outcome"] == "throws":
        index = _index_from_stack(outcome["stack"], url)
        run.problems.append(Problem(index, f"throws {_first_line(outcome['text'])}"))
        return url, False
    if outcome["outcome"] == "timeout":
        run.problems.append(
            Problem(None, f"did not finish within {timeout:g} s (an await never settles)")
        )
        return url, False
    return url, True


def _evaluate(cdp: Any, source: str, url: str, timeout: float, run: BlockRun) -> bool:
    """Run the block; record a throw, a syntax error or a timeout. True if it finished."""
    wrapped = f"{_WRAPPER_START}{source}{_WRAPPER_END};\n//# sourceURL={url}"
    result: dict[str, Any] = cdp.send(
        "Runtime.evaluate", {"expression": wrapped, "awaitPromise": False}
    )
    if "exceptionDetails" in result:  # a syntax error: nothing ran
        details = result["exceptionDetails"]
        description = details.get("exception", {}).get("description", details.get("text", ""))
        run.problems.append(
            Problem(details.get("lineNumber"), f"does not compile: {_first_line(description)}")
        )
        return False
    outcome: dict[str, Any] = cdp.send(
        "Runtime.callFunctionOn",
        {
            "objectId": result["result"]["objectId"],
            "functionDeclaration": _RACE,
            "arguments": [{"value": timeout * 1000}],
            "awaitPromise": True,
            "returnByValue": True,
        },
    )
    if "exceptionDetails" in outcome:
        details = outcome["exceptionDetails"]
        exception = details.get("exception", {})
        description = str(exception.get("description", ""))
        if exception.get("type") != "object":  # a thrown primitive
            description = str(exception.get("value", exception.get("description", "")))
        index = _index_from_stack(description, url)
        run.problems.append(Problem(index, f"throws {_first_line(description)}"))
        return False
    if outcome["result"].get("value") == "timeout":
        run.problems.append(
            Problem(None, f"did not finish within {timeout:g} s (an await never settles)")
        )
        return False
    return True


def _logs_at(messages: Iterable[ConsoleMessage], url: str) -> dict[int, list[ConsoleMessage]]:
    by_line: dict[int, list[ConsoleMessage]] = {}
    for message in messages:
        location = message.location
        if message.type == "log" and location.get("url") == url:
            by_line.setdefault(int(location["lineNumber"]), []).append(message)
    return by_line


def _missing(expected: list[Expectation], messages: list[ConsoleMessage], url: str) -> bool:
    printed = _logs_at(messages, url)
    return any(e.index not in printed for e in expected)


def _printed_text(message: ConsoleMessage) -> str:
    try:
        return " ".join(str(arg.evaluate(_FORMAT)) for arg in message.args)
    except PlaywrightError:  # the argument is gone: fall back to Playwright's text
        return message.text


def _check_output(
    run: BlockRun, expected: list[Expectation], messages: list[ConsoleMessage], url: str
) -> None:
    for message in messages:
        location = message.location
        index = int(location["lineNumber"]) if location.get("url") == url else None
        run.printed.append((index, f"{message.type}: {message.text}"))
    printed = _logs_at(messages, url)
    for expectation in expected:
        got = [_printed_text(message) for message in printed.get(expectation.index, [])]
        if not got:
            run.problems.append(
                Problem(
                    expectation.index,
                    f"expected: {expectation.expected}\nactual:   nothing printed "
                    "(the statement never ran)",
                )
            )
        for text in got:
            if text != expectation.expected:
                run.problems.append(
                    Problem(
                        expectation.index, f"expected: {expectation.expected}\nactual:   {text}"
                    )
                )
