"""Sphinx settings for the removeTrack() reference site (English sources, German translation).

Build with ``sphinx-build -c . -D language=<en|de> docs <out>`` or ``make html``.
Everything that depends on the language is set in ``webrtc_sphinx.languages``,
because ``-D language=...`` is applied only after this file has run.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).parent.resolve()

# -- Project -------------------------------------------------------------------
project = "RTCPeerConnection.removeTrack()"
author = "the webrtc-removetrack contributors"
# No year: with SOURCE_DATE_EPOCH set, Sphinx rewrites the current year to the epoch's.
copyright = "the webrtc-removetrack contributors"
language = "en"
root_doc = "index"

# -- Site (read by webrtc_sphinx.languages and tools/build_site.py) --------------
# The published address, with the base path the site is served under. The one place for it:
# canonical links, sitemap, social metadata and the 404 pages derive from it. The Pages
# workflow sets SITE_URL to the repository's real address.
site_url = os.environ.get("SITE_URL", "https://webrtc-removetrack.github.io/webrtc-removetrack/")
site_languages = {"en": "English", "de": "Deutsch"}
# Where "Edit this page" and "Report a problem with this page" lead.
site_repository = os.environ.get(
    "SITE_REPOSITORY", "https://github.com/webrtc-removetrack/webrtc-removetrack"
)
site_branch = "main"

# -- Extensions ----------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinxext.opengraph",
    "notfound.extension",
    "webrtc_sphinx",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_templates", "_static"]
templates_path = [str(ROOT / "docs" / "_templates")]
nitpicky = True

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The copy button copies only the input lines of a >>> session, ready for `python -m asyncio`.
copybutton_prompt_text = r">>> |\.\.\. "
copybutton_prompt_is_regexp = True

# "Run in this browser": the Pyodide core runtime (npm package `pyodide`) that the site ships.
tryit_pyodide_dir = str(ROOT / "node_modules" / "pyodide")

# -- Translation ----------------------------------------------------------------
# Absolute, because Sphinx resolves relative locale_dirs against the source directory.
locale_dirs = [str(ROOT / "locales")]
gettext_compact = False
gettext_uuid = False
# No source locations: they would depend on where the .pot was built.
gettext_location = False
translation_progress_classes = True
# gettext_additional_targets stays at its default: translated literal blocks break with MyST.

# -- HTML -----------------------------------------------------------------------
html_theme = "furo"
html_title = "RTCPeerConnection.removeTrack()"
html_static_path = [str(ROOT / "docs" / "_static")]
html_favicon = str(ROOT / "docs" / "_static" / "favicon.svg")
html_css_files = ["site.css"]
html_js_files = ["lang-switcher.js"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
# The compatibility tables of these features mark the engine versions the tests verified.
webrtc_verified_engines = "tests/conformance/engines.json"
webrtc_verified_features = ["api.RTCPeerConnection.removeTrack", "api.RTCPeerConnection.addTrack"]
# The API sidebar of a page (its {api-sidebar} directive) goes in the theme's left column.
webrtc_api_sidebar_in_theme = True
html_sidebars = {
    "**": [
        "brand.html",
        "lang-switcher.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "api-sidebar.html",
        "sidebar/scroll-end.html",
    ]
}
