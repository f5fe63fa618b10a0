"""Sphinx extension for the removeTrack() reference site; each module adds one feature.

Every feature module is a Sphinx extension of its own, with a ``setup()``; this package
loads them all. A project may also list single modules in ``extensions``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

SUBMODULES = (
    "webrtc_sphinx.languages",
    "webrtc_sphinx.mdn_links",
    "webrtc_sphinx.compat",
    "webrtc_sphinx.specs",
    "webrtc_sphinx.sidebar",
    "webrtc_sphinx.conformance",
    "webrtc_sphinx.signaling_table",
    "webrtc_sphinx.theme_strings",
    "webrtc_sphinx.tryit",
    "webrtc_sphinx.publishing",
    "webrtc_sphinx.page_dates",
    "webrtc_sphinx.page_links",
    "webrtc_sphinx.baseline",
    "webrtc_sphinx.csp",
    "webrtc_sphinx.css_subset",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    for module in SUBMODULES:
        app.setup_extension(module)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
