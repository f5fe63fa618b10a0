"""Where the tests build and serve the site: as GitHub Pages serves a project, under /<repo>/."""

from __future__ import annotations

from typing import Final

TEST_SITE_URL: Final = "https://example.github.io/webrtc-removetrack/"
BASE_PATH: Final = "/webrtc-removetrack/"
