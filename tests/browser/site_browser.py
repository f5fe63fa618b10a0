"""Helpers for the browser tests: page addresses and a page that records what it does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_site import site_languages

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = site_languages()  # conf.py's, the default first
REMOVE_TRACK = "api/rtcpeerconnection/removetrack.html"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The relative luminance of the page's background, 0 (black) to 1 (white).
BACKGROUND_LUMINANCE = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""


def page_url(site_url: str, language: str, path: str = REMOVE_TRACK) -> str:
    return f"{site_url}{language}/{path}"


@dataclass
class Recorded:
    """Everything a page did that a test may want to refuse."""

    page: Page
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@contextmanager
def recording_page(browser: Browser, **context_options: Any) -> Iterator[Recorded]:
    """A page in a fresh context that records requests, console errors and page errors."""
    context = browser.new_context(**context_options)
    try:
        page = context.new_page()
        recorded = Recorded(page)

        def on_request(request: Request) -> None:
            recorded.requests.append(request.url)

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                recorded.console_errors.append(f"{message.text} ({message.location})")

        def on_page_error(error: Exception) -> None:
            recorded.page_errors.append(str(error))

        context.on("request", on_request)
        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        yield recorded
    finally:
        context.close()
