"""Copy button, synchronised language tabs, and the page without JavaScript."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.site_browser import LANGUAGES, page_url, recording_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PROMPTS = (">>> ", "... ")


@pytest.mark.parametrize("language", LANGUAGES)
def test_copy_button_copies_python_input_without_prompts_or_output(
    browser: Browser, site_url: str, language: str
) -> None:
    with recording_page(browser, permissions=["clipboard-read", "clipboard-write"]) as recorded:
        page = recorded.page
        page.goto(page_url(site_url, language))
        page.locator("label.sd-tab-label[data-sync-id='python']").first.click()
        block = page.locator("div.highlight-pycon").filter(visible=True).first
        shown = block.locator("pre").inner_text()
        block.hover()
        block.locator("button.copybtn").click()
        copied: str = page.evaluate("navigator.clipboard.readText()")
    # What the reader sees: prompts, input and output; the input is what must be copied.
    expected = "\n".join(line[4:] for line in shown.splitlines() if line.startswith(PROMPTS))
    output = [line for line in shown.splitlines() if line and not line.startswith((">>>", "..."))]
    assert output, "the example shows no output, so the test would prove nothing"
    assert copied.strip() == expected.strip()
    assert not any(line.startswith((">>>", "...")) for line in copied.splitlines())
    assert not set(output) & set(copied.splitlines())


def test_tabs_stay_in_sync(browser: Browser, site_url: str) -> None:
    checked = """id => [...document.querySelectorAll(`label.sd-tab-label[data-sync-id="${id}"]`)]
                    .map(label => document.getElementById(label.htmlFor).checked)"""
    with recording_page(browser) as recorded:
        page = recorded.page
        page.goto(page_url(site_url, "en"))
        before = page.evaluate(checked, "python")
        assert len(before) >= 2 and not any(before), before
        page.locator("label.sd-tab-label[data-sync-id='python']").nth(1).click()
        assert all(page.evaluate(checked, "python"))
        assert not any(page.evaluate(checked, "js"))
        assert page.locator("div.highlight-pycon").first.is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_every_section_and_table_shows(
    browser: Browser, site_url: str, language: str
) -> None:
    with recording_page(browser, java_script_enabled=False) as recorded:
        page = recorded.page
        page.goto(page_url(site_url, language))
        sections = page.locator("article section:has(> h2)")
        assert sections.count() >= 6
        for index in range(sections.count()):
            assert sections.nth(index).is_visible(), sections.nth(index).locator("h2").inner_text()
        tables = page.locator("article table")
        assert tables.count() >= 2
        for index in range(tables.count()):
            assert tables.nth(index).is_visible()
        assert page.locator("table.wsx-compat-table").is_visible()
        assert page.locator("table.wsx-specs-table").is_visible()
        # Each tab set still shows its first tab's code.
        for tab_set in page.locator("div.sd-tab-set").all():
            assert tab_set.locator("div.highlight").first.is_visible()
