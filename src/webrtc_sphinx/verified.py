"""Which engine versions this site verified a feature's behaviour with, for the compat tables.

The compatibility tables show browser-compat-data, collected by hand elsewhere. Apart from that
data, a table marks the columns of the engines whose behaviour this site's own tests checked
(the conformance scenarios and the JavaScript examples), with the versions they ran. conf.py
names the file of versions and the features the tests cover::

    webrtc_verified_engines = "tests/conformance/engines.json"  # {"chromium": "156.0…", …}
    webrtc_verified_features = ["api.RTCPeerConnection.removeTrack"]
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from sphinx.errors import ConfigError
from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ = get_translation("webrtc_sphinx")

# Engine -> (the name readers know, the BCD browser column that ships it on the desktop).
ENGINES: Final = {"chromium": ("Chromium", "chrome"), "firefox": ("Firefox", "firefox")}
MARK: Final = "†"
_versions: dict[str, str] = {}
_features: set[str] = set()


def load(app: Sphinx) -> None:
    """Read the versions file named in conf.py (relative to the configuration directory)."""
    _versions.clear()
    _features.clear()
    name: str = app.config.webrtc_verified_engines
    if not name:
        return
    path = Path(app.confdir, name)
    try:
        versions = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(f"webrtc_verified_engines: cannot read {path}: {error}") from error
    unknown = set(versions) - set(ENGINES)
    if unknown:
        raise ConfigError(f"webrtc_verified_engines: unknown engines {sorted(unknown)} in {path}")
    _versions.update(versions)
    _features.update(app.config.webrtc_verified_features)


def columns(key: str) -> dict[str, str]:
    """{BCD browser: "Chromium 156.0.8078.79"} of the engines verified for *key*."""
    if key not in _features:
        return {}
    return {ENGINES[e][1]: f"{ENGINES[e][0]} {v}" for e, v in sorted(_versions.items())}


def header_labels(key: str, browsers: Sequence[str]) -> list[str | None]:
    """For each BCD browser column: what its verified mark means, or None for no mark."""
    engines = columns(key)
    return [
        _("behaviour verified here with {engine}").format(engine=engines[b]) if b in engines
        else None
        for b in browsers
    ]


def note(key: str) -> str:
    """The sentence under the table that says what the marks mean, or "" for other features."""
    engines = list(columns(key).values())
    if not engines:
        return ""
    return _(
        "{mark} Verified here: this site's conformance scenarios and JavaScript examples ran in "
        "{engines}. The support data in the table comes from browser-compat-data and was not "
        "checked here."
    ).format(mark=MARK, engines=_(" and ").join(engines))


def setup(app: Sphinx) -> None:
    app.add_config_value("webrtc_verified_engines", "", "env", str)
    app.add_config_value("webrtc_verified_features", [], "env", list)
    app.connect("builder-inited", load)
