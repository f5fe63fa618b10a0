"""How to start each real browser that tests, tools and benchmarks drive: Chromium and Firefox.

One place knows each engine's executable, the flags or preferences that run it headless and
offline with synthetic media, how to launch it through Playwright, and how to name its version.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version as installed_version
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

# Without the background-networking flags Chromium keeps trying to reach Google's hosts, which an
# offline machine refuses; the fake media flags give getUserMedia a synthetic camera and microphone.
CHROMIUM_ARGS: Final = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
]

# Synthetic camera and microphone without a permission prompt, and no calls home.
FIREFOX_PREFS: Final[dict[str, str | float | bool]] = {
    "media.navigator.streams.fake": True,
    "media.navigator.permission.disabled": True,
    "app.update.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
}

# Playwright drives Debian's Firefox through WebDriver BiDi. 1.65 sends a BiDi command
# (emulation.setMediaFeaturesOverride) that Firefox 153 ESR does not know, so every page fails.
FIREFOX_PLAYWRIGHT_WORKS_BELOW: Final = (1, 65)


@dataclass(frozen=True)
class Engine:
    """One browser engine as this project runs it."""

    name: str  # "chromium" or "firefox", as in fixture names and divergence records
    title: str  # as readers know it
    executables: tuple[str, ...]  # names to look up on PATH, in order
    package: str  # the Debian package that provides it
    args: list[str] = field(default_factory=list)
    prefs: dict[str, str | float | bool] = field(default_factory=dict)

    def find(self) -> str | None:
        """The path of the engine's binary on PATH, or None."""
        for name in self.executables:
            found = shutil.which(name)
            if found:
                return found
        return None

    @property
    def install_hint(self) -> str:
        return f"install Debian's '{self.package}' package (apt-get install {self.package})"

    def launch(self, playwright: Playwright, executable: str) -> Browser:
        """Start the engine headless through Playwright."""
        if self.name == "chromium":
            return playwright.chromium.launch(executable_path=executable, args=self.args)
        _check_playwright_for_firefox()
        return playwright.firefox.launch(
            channel="moz-firefox",  # WebDriver BiDi: Debian's Firefox, not Playwright's build
            executable_path=executable,
            headless=True,
            firefox_user_prefs=self.prefs,
        )

    @contextmanager
    def started(self, playwright: Playwright, executable: str) -> Iterator[Browser]:
        """The engine launched through a running Playwright, closed afterwards."""
        browser = self.launch(playwright, executable)
        try:
            yield browser
        finally:
            browser.close()


CHROMIUM: Final = Engine(
    "chromium", "Chromium", ("chromium", "chromium-browser"), "chromium", args=CHROMIUM_ARGS
)
FIREFOX: Final = Engine(
    "firefox", "Firefox", ("firefox-esr", "firefox"), "firefox-esr", prefs=FIREFOX_PREFS
)
ENGINES: Final = {engine.name: engine for engine in (CHROMIUM, FIREFOX)}


def _check_playwright_for_firefox() -> None:
    found = installed_version("playwright")
    numbers = tuple(int(part) for part in found.split(".")[:2] if part.isdigit())
    if numbers >= FIREFOX_PLAYWRIGHT_WORKS_BELOW:
        raise RuntimeError(
            f"Playwright {found} cannot drive Debian's Firefox: from 1.65 on it sends the "
            "WebDriver BiDi command emulation.setMediaFeaturesOverride, which Firefox ESR "
            "answers with 'unknown command'. Use the version pinned in constraints.txt "
            "(make .venv/.installed)."
        )


def version(browser: Browser) -> str:
    """The engine's version as its about page shows it, e.g. 156.0.8078.79 or 153.8.0."""
    return browser.version


@contextmanager
def launched(engine: Engine, executable: str | None = None) -> Iterator[Browser]:
    """A headless browser of *engine* with its own Playwright, for tools run on their own."""
    from playwright.sync_api import sync_playwright

    path = executable or engine.find()
    if path is None:
        raise RuntimeError(f"no {engine.title} found: {engine.install_hint}")
    with sync_playwright() as playwright, engine.started(playwright, path) as browser:
        yield browser
