"""Ship the stylesheet shared by the compat table, the specifications table and the sidebar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

STATIC_DIR: Final = Path(__file__).parent / "static"
STYLESHEET: Final = "webrtc_sphinx.css"


def _add_static_dir(app: Sphinx, config: Config) -> None:
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", _add_static_dir)
    app.add_css_file(STYLESHEET)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
