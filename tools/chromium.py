"""Where Debian's Chromium is, and the flags that run it headless on a machine without internet."""

from __future__ import annotations

import shutil

# Without the background-networking flags Chromium keeps trying to reach Google's hosts, which an
# offline machine refuses; the fake media flags give getUserMedia a synthetic camera and microphone.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
]


def find_chromium() -> str | None:
    """Return the path of a Chromium binary on PATH, or None."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None
