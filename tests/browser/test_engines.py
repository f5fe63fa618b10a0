"""Finding and starting the browsers: a missing engine skips locally and fails in CI."""

from __future__ import annotations

import dataclasses

import pytest
from _pytest.outcomes import Failed, Skipped

import browsers
from browsers import FIREFOX
from tests.browser_engines import find_engine

ABSENT = dataclasses.replace(FIREFOX, executables=("no-such-firefox-binary",))


def test_a_missing_engine_is_skipped_with_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(Skipped, match=r"apt-get install firefox-esr"):
        find_engine(ABSENT)


def test_a_missing_engine_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(Failed, match=r"no Firefox is installed.*apt-get install firefox-esr"):
        find_engine(ABSENT)


def test_a_playwright_that_cannot_drive_firefox_esr_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(browsers, "installed_version", lambda name: "1.65.2")
    with pytest.raises(RuntimeError, match=r"Playwright 1\.65\.2 .*setMediaFeaturesOverride"):
        FIREFOX.launch(None, "/usr/bin/firefox-esr")  # type: ignore[arg-type]
