"""What the try-it tests share: the controls, how a reader runs one, and what a run may not do.

The tests run the controls as a reader does, in Chromium, on the built site: the JavaScript ones
in test_tryit_js.py, the Python session on Pyodide in test_tryit_python.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.browser.site_browser import Recorded

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

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


def no_outside_requests_or_errors(recorded: Recorded, site_url: str) -> None:
    # The accessibility audit's own script comes from the test server's root, not the site.
    outside = [url for url in recorded.requests
               if not url.startswith(site_url) and not url.startswith("data:")
               and not url.endswith("/__axe-core.js")]
    assert outside == []
    # The site has no favicon; the browser's own request for one is not the page's doing.
    errors = [e for e in recorded.console_errors if "/favicon.ico" not in e]
    assert errors == []
    assert recorded.page_errors == []


def policy_violations(page: Page, base_url: str) -> list[str]:
    """The Content-Security-Policy violations the page reports from now on, once it is known
    that the runner's files carry STRICT_CSP (without it, none could be reported)."""
    frame = page.request.get(f"{base_url}en/_static/tryit/frame.html")
    assert frame.headers.get("content-security-policy") == STRICT_CSP
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return violations


def result_marks(control: Locator) -> list[str]:
    return [str(r) for r in control.locator("td [data-result]").evaluate_all(
        "marks => marks.map((m) => m.dataset.result)")]


def run_control(control: Locator, timeout: float = 30_000) -> Locator:
    """Press the control's button with the keyboard; return the run's summary once it is shown."""
    control.locator(".tryit-out").evaluate("out => out.replaceChildren()")
    button = control.locator("button")
    button.focus()
    button.press("Enter")
    summary = control.locator(".tryit-summary")
    summary.wait_for(timeout=timeout)
    return summary
