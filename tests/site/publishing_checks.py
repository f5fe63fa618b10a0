"""Checks of the built site's publishing metadata; each problem names the page it is on."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.site.sitepages import LANGUAGES, content_pages
from webrtc_sphinx.csp import policy_for

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def sitemap_entries(sitemap: Path) -> dict[str, dict[str, str]]:
    """<loc> -> {hreflang: href} of every <url> in the sitemap."""
    entries = {}
    for url in ET.parse(sitemap).getroot().iter(f"{SITEMAP}url"):
        location = url.findtext(f"{SITEMAP}loc", "")
        entries[location] = {
            link.get("hreflang", ""): link.get("href", "") for link in url.iter(f"{XHTML}link")
        }
    return entries


def sitemap_problems(site_dir: Path, site_url: str) -> list[str]:
    """Every content page of every language, listed with all its alternates and x-default."""
    entries = sitemap_entries(site_dir / "sitemap.xml")
    problems = []
    expected_root = {code: f"{site_url}{code}/" for code in LANGUAGES}
    expected_root["x-default"] = site_url
    if entries.get(site_url) != expected_root:
        problems.append(f"root {site_url}: alternates {entries.get(site_url)}")
    for language in LANGUAGES:
        for page in content_pages(site_dir, language):
            location = f"{site_url}{language}/{page.as_posix()}"
            expected = {code: f"{site_url}{code}/{page.as_posix()}" for code in LANGUAGES}
            expected["x-default"] = expected[LANGUAGES[0]]
            if location not in entries:
                problems.append(f"{language}/{page}: not in the sitemap")
            elif entries[location] != expected:
                missing = sorted(set(expected.items()) - set(entries[location].items()))
                problems.append(f"{language}/{page}: alternates missing or wrong: {missing}")
    return problems


def policy_problems(page: Path, label: str) -> list[str]:
    """The page has exactly one policy, first in <head>, allowing its own inline code only."""
    html = page.read_text(encoding="utf-8")
    policies = _CSP_META.findall(html)
    if len(policies) != 1:
        return [f"{label}: {len(policies)} Content-Security-Policy elements"]
    head = html[: html.find(policies[0])]
    problems = []
    if re.search(r"<(script|style|link)\b", head):
        problems.append(f"{label}: the policy comes after a script or style")
    if "unsafe-inline" in policies[0] or "unsafe-eval" in policies[0]:
        problems.append(f"{label}: the policy allows inline code or eval")
    # Nothing added inline code after the policy was computed.
    if policies[0] != policy_for(html):
        problems.append(f"{label}: the policy does not list exactly the page's inline code")
    return problems
