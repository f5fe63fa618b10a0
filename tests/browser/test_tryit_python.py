""""Run the Python session up to here": the page's Python session on the model, on Pyodide in
Chromium, as a reader runs it. Pyodide is heavy: it is loaded once per language, and each page
runs several sessions one after the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from local_server import serve
from tests.browser.site_browser import REMOVE_TRACK, recording_page
from tests.browser.test_accessibility import BLOCKING_IMPACTS, describe, run_axe
from tests.browser.tryit_controls import (
    LABELS,
    PY_CONTROL,
    PYODIDE_TIMEOUT_MS,
    RUNNER_POLICY,
    no_outside_requests_or_errors,
    policy_violations,
    result_marks,
    run_control,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


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
    run_control(page.locator(PY_CONTROL).nth(index), timeout=PYODIDE_TIMEOUT_MS)
    return [result_marks(each) for each in page.locator(PY_CONTROL).all()[: index + 1]]


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
        violations_of_policy = policy_violations(page, sub_path_url)
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
    no_outside_requests_or_errors(recorded, sub_path_url)
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
        violations_of_policy = policy_violations(page, site_url)
        page.goto(f"{site_url}de/{REMOVE_TRACK}")
        # The first block outside a tab set: the session runs the two tab blocks before it.
        index = _first_visible(page)
        control = page.locator(PY_CONTROL).nth(index)
        assert control.locator("button").inner_text() == LABELS["de"][1]
        marks = _run_session(page, index)
        assert [set(block) for block in marks] == [{"match"}] * len(marks), marks
        assert "von" in control.locator(".tryit-summary").inner_text()
        _screenshot_from(control, screenshot_dir / "tryit-python-de.png")
    no_outside_requests_or_errors(recorded, site_url)
    assert violations_of_policy == []
