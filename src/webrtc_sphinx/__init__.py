"""Sphinx extension for the removeTrack() reference site; each module adds one feature."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webrtc_sphinx.languages import setup_languages
from webrtc_sphinx.mdn_links import setup_mdn_links

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


# Features that each live in their own module, as Sphinx extensions of their own.
SUBMODULES = (
    "webrtc_sphinx.compat",
    "webrtc_sphinx.specs",
    "webrtc_sphinx.sidebar",
    "webrtc_sphinx.conformance",
    "webrtc_sphinx.theme_strings",
    "webrtc_sphinx.tryit",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    setup_languages(app)
    setup_mdn_links(app)
    for module in SUBMODULES:
        app.setup_extension(module)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
