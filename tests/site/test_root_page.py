"""The root page sends each browser to its language and works without scripts."""

from __future__ import annotations

from pathlib import Path

from tests.served_site import TEST_SITE_URL
from tests.site.sitepages import LANGUAGES, read_page


def test_root_page_links_both_languages_and_picks_one(site_dir: Path) -> None:
    site_url = TEST_SITE_URL
    root = site_dir / "index.html"
    facts = read_page(root)
    hrefs = {link["hreflang"]: link["href"] for link in facts.links if "hreflang" in link}
    assert hrefs == {code: f"{code}/index.html" for code in LANGUAGES}
    for href in hrefs.values():
        assert (site_dir / href).is_file()
    assert facts.html_lang == "en"
    assert facts.alternates == {
        "en": f"{site_url}en/",
        "de": f"{site_url}de/",
        "x-default": f"{site_url}en/",
    }
    script = root.read_text(encoding="utf-8")
    assert "navigator.languages" in script
    assert "location.replace(" in script
