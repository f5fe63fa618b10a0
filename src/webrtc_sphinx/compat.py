"""The ``browser-compat`` directive: an MDN-style compatibility table from the BCD snapshot.

Usage in MyST::

    ```{browser-compat} api.RTCPeerConnection.removeTrack
    ```
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webrtc_sphinx import verified
from webrtc_sphinx.bcd_data import BCD_FILE
from webrtc_sphinx.compat_table import render_compat_table, validate
from webrtc_sphinx.keyed_table import add_keyed_table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("webrtc_sphinx.l10n")
    app.setup_extension("webrtc_sphinx.assets")
    verified.setup(app)
    add_keyed_table(app, "browser-compat", check=validate, render=render_compat_table,
                    data_files=[BCD_FILE], subtype="compat")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
