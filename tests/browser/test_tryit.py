""""Run in this browser": every control of the site, run as a reader runs it, in Chromium.

Every JavaScript control of the English pages runs. A German page's controls run the very same
example scripts (checked in the built files, without a browser), so in German the browser runs
the controls of the removeTrack page, for the German labels and summaries. Pyodide is heavy: it
is loaded once per language, and each page runs several sessions one after the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from local_server import serve
from tests.browser.site_browser import REMOVE_TRACK, Recorded, recording_page
from tests.browser.test_accessibility import BLOCKING_IMPACTS, describe, run_axe
from tests.served_site import BASE_PATH
from webrtc_sphinx.js_expectations import expectations

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
JS_CONTROL = '.tryit[data-tryit="js"]'
PY_CONTROL = '.tryit[data-tryit="py"]'
LABELS = {
    "en": ("Run in this browser", "Run the Python session up to here"),
    "de": ("In diesem Browser ausführen", "Python-Sitzung bis hier ausführen"),
}
# Documented values a browser is known not to print, per page and example: none so far.
DIVERGENCES: dict[tuple[str, int], set[int]] = {}
PYODIDE_TIMEOUT_MS = 120_000
# The policy the published site is to send: same origin only; Pyodide needs 'wasm-unsafe-eval'.
STRICT_CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
              "img-src 'self' data:; object-src 'none'; base-uri 'self'")
# Sent by the test servers with the runner's frame, its scripts and its worker.
RUNNER_POLICY = {"*/_static/tryit/*": {"Content-Security-Policy": STRICT_CSP}}


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run of each control, for a person to look at (pytest's temporary folder)."""
    return tmp_path_factory.mktemp("tryit-screenshots")


def _pages_with_values() -> dict[str, int]:
    """Each page with JavaScript examples that document values: how many such examples."""
    counts: dict[str, int] = {}
    for source in sorted((ROOT / "docs").rglob("*.md")):
        blocks = re.findall(r"^\s*```(?:js|javascript)\n(.*?)```", source.read_text("utf-8"),
                            re.MULTILINE | re.DOTALL)
        with_values = sum(1 for block in blocks if expectations(block))
        if with_values:
            counts[source.relative_to(ROOT / "docs").with_suffix(".html").as_posix()] = with_values
    return counts


def _no_outside_requests_or_errors(recorded: Recorded, site_url: str) -> None:
    # The accessibility audit's own script comes from the test server's root, not the site.
    outside = [url for url in recorded.requests
               if not url.startswith(site_url) and not url.startswith("data:")
               and not url.endswith("/__axe-core.js")]
    assert outside == []
    # The site has no favicon; the browser's own request for one is not the page's doing.
    errors = [e for e in recorded.console_errors if "/favicon.ico" not in e]
    assert errors == []
    assert recorded.page_errors == []


@pytest.fixture(scope="module")
def strict_site_url(site_dir: Path) -> Iterator[str]:
    """The site as site_url serves it, with STRICT_CSP sent with the runner's frame and worker."""
    with serve(site_dir, BASE_PATH, headers=RUNNER_POLICY) as url:
        yield url


def _policy_violations(page: Page, base_url: str) -> list[str]:
    """The Content-Security-Policy violations the page reports from now on, once it is known
    that the runner's files carry STRICT_CSP (without it, none could be reported)."""
    frame = page.request.get(f"{base_url}en/_static/tryit/frame.html")
    assert frame.headers.get("content-security-policy") == STRICT_CSP
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return violations


# Selects the tab a control is in, if it is in one that is not shown.
SHOW_TAB = """control => {
  const tab = control.closest(".sd-tab-content");
  if (tab && !control.checkVisibility()) tab.previousElementSibling.click();
}"""
# What a JavaScript control shows after a run, read at once.
JS_RUN = """control => {
  const summary = control.querySelector(".tryit-summary");
  return {
    rows: [...control.querySelectorAll("td [data-result]")].map((mark) => mark.dataset.result),
    report: control.querySelector(".tryit-out").innerText,
    summary: summary.innerText,
    total: summary.dataset.total, matched: summary.dataset.matched,
    connections: summary.dataset.connections, closed: summary.dataset.closed,
    frames: document.querySelectorAll("iframe").length,
  };
}"""


def _rows(control: Locator) -> list[str]:
    return [str(r) for r in control.locator("td [data-result]").evaluate_all(
        "marks => marks.map((m) => m.dataset.result)")]


def _run(control: Locator, timeout: float = 30_000) -> Locator:
    """Press the control's button with the keyboard; return the run's summary once it is shown."""
    control.locator(".tryit-out").evaluate("out => out.replaceChildren()")
    button = control.locator("button")
    button.focus()
    button.press("Enter")
    summary = control.locator(".tryit-summary")
    summary.wait_for(timeout=timeout)
    return summary


def _controls(html: Path) -> list[str]:
    """The example script of each JavaScript control of a built page, in page order."""
    return re.findall(r'<div class="tryit" data-tryit="js" data-example="([^"]+)"',
                      html.read_text(encoding="utf-8"))


def test_german_pages_run_the_same_example_scripts_as_the_english_ones(site_dir: Path) -> None:
    pages = _pages_with_values()
    for path, expected_controls in pages.items():
        scripts = _controls(site_dir / "en" / path)
        assert len(scripts) == expected_controls, path
        assert _controls(site_dir / "de" / path) == scripts, path
        for script in scripts:
            english, german = (site_dir / language / "_static/tryit" / script
                               for language in ("en", "de"))
            assert german.read_bytes() == english.read_bytes(), script


@pytest.mark.parametrize(
    ("language", "pages"),
    [
        pytest.param("en", _pages_with_values(), id="en"),
        pytest.param("de", {REMOVE_TRACK: _pages_with_values()[REMOVE_TRACK]}, id="de"),
    ],
)
def test_every_javascript_example_matches_its_documented_values(
    browser: Browser, strict_site_url: str, screenshot_dir: Path, language: str,
    pages: dict[str, int],
) -> None:
    site_url = strict_site_url
    with recording_page(browser) as recorded:
        page = recorded.page
        violations_of_policy = _policy_violations(page, site_url)
        for path, expected_controls in pages.items():
            page.goto(f"{site_url}{language}/{path}")
            controls = page.locator(JS_CONTROL)
            assert controls.count() == expected_controls, path
            for index, control in enumerate(controls.all()):
                control.evaluate(SHOW_TAB)
                label, _ = LABELS[language]
                assert control.locator("button").inner_text() == label
                _run(control)
                run = control.evaluate(JS_RUN)
                rows: list[str] = run["rows"]
                diverging = DIVERGENCES.get((path, index + 1), set())
                matched = [i for i, r in enumerate(rows) if r == "match" or i in diverging]
                report = f"{path} example {index + 1}:\n{run['report']}"
                assert len(matched) == len(rows) > 0, report
                assert run["total"] == str(len(rows)), report
                assert run["matched"] == str(len(rows) - len(diverging)), report
                assert "Chromium" in run["summary"], report
                # Every connection the example opened was closed after the run.
                assert run["closed"] == run["connections"], report
                assert int(run["connections"] or 0) > 0, report
                assert run["frames"] == 0, report
                if path == REMOVE_TRACK and index == 0:
                    control.screenshot(path=screenshot_dir / f"tryit-js-{language}.png")
        violations = run_axe(page, within=".tryit")  # the page: test_accessibility
    _no_outside_requests_or_errors(recorded, site_url)
    assert violations_of_policy == []
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], describe(blocking)


# Stand-ins for an example script: one that prints another value, then throws on line 2; one
# that never finishes.
THROWS = """tryitFrame.run([{"statement": "a", "expected": "1"}, {"statement": "b", \
"expected": "2"}], async (tryitLog) => { tryitLog(0, 3);
null.property;
tryitLog(1, 2);
});
"""
HANGS = 'tryitFrame.run([{"statement": "a", "expected": "1"}], () => new Promise(() => {}));\n'


def test_an_example_that_throws_or_hangs_is_shown_not_thrown(
    browser: Browser, site_url: str
) -> None:
    example = "**/_static/tryit/examples/api/rtcpeerconnection/removetrack/1.js"
    with recording_page(browser) as recorded:
        page = recorded.page
        page.goto(f"{site_url}en/{REMOVE_TRACK}")
        control = page.locator(JS_CONTROL).first
        page.route(
            example, lambda route: route.fulfill(body=THROWS, content_type="text/javascript")
        )
        summary = _run(control)
        assert _rows(control) == ["mismatch", "error"]
        error = control.locator(".tryit-error").inner_text()
        assert "TypeError" in error and "(line 2 of the example)" in error
        assert (summary.get_attribute("data-matched"), summary.get_attribute("data-total")) == (
            "0", "2")

        page.unroute(example)
        page.route(example, lambda route: route.fulfill(body=HANGS, content_type="text/javascript"))
        control.evaluate("control => { control.dataset.timeout = 1000; }")
        _run(control)
        assert "1 s" in control.locator(".tryit-error").inner_text()
        assert page.locator("iframe").count() == 0

        # The next run is the page's own example again, in a fresh frame.
        page.unroute(example)
        summary = _run(control)
        assert set(_rows(control)) == {"match"}
    _no_outside_requests_or_errors(recorded, site_url)


def test_a_file_page_says_why_it_cannot_run(browser: Browser, site_dir: Path) -> None:
    with recording_page(browser) as recorded:
        page = recorded.page
        page.goto((site_dir / "en" / REMOVE_TRACK).as_uri())
        control = page.locator(JS_CONTROL).first
        assert control.locator("button").is_disabled()
        assert "file://" in control.locator(".tryit-note").inner_text()
        assert not [url for url in recorded.requests if "pyodide" in url or "run.js" in url]


# -- Python, on Pyodide ----------------------------------------------------------------------

# An edit of a block: state from an earlier run would show in `runs`; then other output, an
# unexpected exception and an expected exception with another message.
EDITED = """\
>>> from webrtc_reference import RTCPeerConnection
>>> runs = globals().get("runs", 0) + 1
>>> runs
1
>>> print(RTCPeerConnection().signalingState)
closed
>>> 1 / 0
>>> RTCPeerConnection().removeTrack(None)
Traceback (most recent call last):
  ...
TypeError: something else
"""
EDITED_MARKS = ["match", "match", "match", "mismatch", "error", "mismatch"]
NEVER_ENDS = ">>> while True:\n...     pass\n"


def _run_session(page: Page, index: int) -> list[list[str]]:
    """Run the session up to Python block *index*; return the marks of each block that ran."""
    _run(page.locator(PY_CONTROL).nth(index), timeout=PYODIDE_TIMEOUT_MS)
    return [_rows(each) for each in page.locator(PY_CONTROL).all()[: index + 1]]


def _screenshot_from(control: Locator, path: Path) -> None:
    """The window scrolled to the control. (A shot of the control itself lays out the whole
    page again when its results are taller than the window, which takes seconds.)"""
    control.evaluate("control => control.scrollIntoView({block: 'start'})")
    control.page.screenshot(path=path)


def _first_visible(page: Page) -> int:
    """The first Python control outside a tab set; the session runs the tab blocks before it."""
    index = int(page.locator(PY_CONTROL).evaluate_all(
        "controls => controls.findIndex((c) => c.offsetParent !== null)"))
    assert index > 0
    return index


@pytest.fixture(scope="module")
def sub_path_url(site_dir: Path) -> Iterator[str]:
    """The site one folder below the server's root, as on https://<owner>.github.io/<repo>/."""
    with serve(site_dir.parent, headers=RUNNER_POLICY) as base:
        yield f"{base}{site_dir.name}/"


# Pyodide starts slowly on a busy machine; pytest-timeout guards against hangs, not slowness.
@pytest.mark.timeout(600)
def test_the_python_session_runs_on_pyodide_under_a_sub_path(
    browser: Browser, sub_path_url: str, screenshot_dir: Path
) -> None:
    with recording_page(browser) as recorded:
        page = recorded.page
        violations_of_policy = _policy_violations(page, sub_path_url)
        page.goto(f"{sub_path_url}en/{REMOVE_TRACK}", wait_until="networkidle")
        assert not [url for url in recorded.requests if "pyodide" in url or "worker" in url]
        controls = page.locator(PY_CONTROL)
        count = controls.count()
        assert count == 20  # the pycon blocks of the removeTrack page
        last = controls.nth(count - 1)
        assert last.locator("button").inner_text() == LABELS["en"][1]

        # The whole session, in order, in one namespace: every example as documented.
        marks = _run_session(page, count - 1)
        assert [set(block) for block in marks] == [{"match"}] * count, marks
        assert sum(map(len, marks)) > 100
        assert [url for url in recorded.requests if url.endswith("pyodide.asm.wasm")]
        _screenshot_from(last, screenshot_dir / "tryit-python-en.png")

        # An edited block (the first one shown, so that a run is short): each bad line is shown
        # as such, and the session goes on. The same worker runs it, in a new namespace, on a
        # freshly imported model.
        index = _first_visible(page)
        edited = controls.nth(index)
        edited.locator("textarea").fill(EDITED)
        marks = _run_session(page, index)
        assert marks[-1] == EDITED_MARKS
        out = edited.locator(".tryit-out")
        assert "ZeroDivisionError" in out.inner_text()
        assert out.get_attribute("data-result") == "error"

        # Again, clean (`runs` is 1 again), then code that never finishes: it is stopped.
        edited.locator("textarea").fill(EDITED + NEVER_ENDS)
        edited.evaluate("control => { control.dataset.timeout = 1500; }")
        marks = _run_session(page, index)
        assert marks[-1] == EDITED_MARKS
        assert "1.5 s" in edited.locator(".tryit-error").inner_text()
        assert out.get_attribute("data-result") == "error"
        assert len([url for url in recorded.requests if url.endswith("/worker.js")]) == 1
        violations = run_axe(page, within=".tryit")  # the page: test_accessibility

        # The page stays usable: the next run starts, in a new worker (which the end of the
        # test ends, before it has loaded Pyodide again).
        with page.expect_request("**/_static/tryit/worker.js"):
            edited.locator("button").press("Enter")
        assert "Pyodide" in out.inner_text()
    _no_outside_requests_or_errors(recorded, sub_path_url)
    assert violations_of_policy == []
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], describe(blocking)


@pytest.mark.timeout(600)
def test_the_german_page_runs_python(
    browser: Browser, strict_site_url: str, screenshot_dir: Path
) -> None:
    site_url = strict_site_url
    with recording_page(browser) as recorded:
        page = recorded.page
        violations_of_policy = _policy_violations(page, site_url)
        page.goto(f"{site_url}de/{REMOVE_TRACK}")
        # The first block outside a tab set: the session runs the two tab blocks before it.
        index = _first_visible(page)
        control = page.locator(PY_CONTROL).nth(index)
        assert control.locator("button").inner_text() == LABELS["de"][1]
        marks = _run_session(page, index)
        assert [set(block) for block in marks] == [{"match"}] * len(marks), marks
        assert "von" in control.locator(".tryit-summary").inner_text()
        _screenshot_from(control, screenshot_dir / "tryit-python-de.png")
    _no_outside_requests_or_errors(recorded, site_url)
    assert violations_of_policy == []
