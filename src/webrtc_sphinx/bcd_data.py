"""Read the committed snapshots of browser-compat-data and web-specs.

Both npm packages are CC0; tools/refresh_compat_data.py trims them into data/.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

DATA_DIR: Final = Path(__file__).parent / "data"
BCD_FILE: Final = DATA_DIR / "browser-compat-data.json"
SPECS_FILE: Final = DATA_DIR / "web-specs.json"

# The browsers MDN shows for web APIs, in its order, grouped by platform.
DESKTOP_BROWSERS: Final = ("chrome", "edge", "firefox", "opera", "safari")
MOBILE_BROWSERS: Final = (
    "chrome_android",
    "firefox_android",
    "opera_android",
    "safari_ios",
    "samsunginternet_android",
    "webview_android",
    "webview_ios",
)
SHOWN_BROWSERS: Final = DESKTOP_BROWSERS + MOBILE_BROWSERS

_NON_FEATURE_KEY: Final = "__compat"


class DataError(LookupError):
    """A key or entry the page asks for is missing from the snapshot."""


@dataclass(frozen=True)
class Feature:
    """One BCD feature: its dotted key and its ``__compat`` block."""

    key: str
    compat: dict[str, Any]
    subfeatures: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.key.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class Spec:
    """A specification from web-specs: title and the URLs it is published at."""

    shortname: str
    title: str
    urls: tuple[str, ...]


@cache
def load_bcd() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BCD_FILE.read_text(encoding="utf-8"))
    return data


@cache
def load_specs() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SPECS_FILE.read_text(encoding="utf-8"))
    return data


def find_feature(key: str) -> Feature:
    """Return the feature at dotted *key*, or raise DataError naming what is missing."""
    node: Any = load_bcd()
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node or part == _NON_FEATURE_KEY:
            raise DataError(f"no browser-compat-data entry {key!r} (missing part {part!r})")
        node = node[part]
    compat = node.get(_NON_FEATURE_KEY)
    if not isinstance(compat, dict):
        raise DataError(f"browser-compat-data entry {key!r} has no __compat block")
    children = tuple(f"{key}.{name}" for name in sorted(node) if name != _NON_FEATURE_KEY)
    return Feature(key=key, compat=compat, subfeatures=children)


def support_statements(feature: Feature, browser: str) -> list[dict[str, Any]]:
    """The support statements of *browser*, newest first; DataError when absent."""
    support = feature.compat.get("support", {})
    if browser not in support:
        raise DataError(f"browser-compat-data entry {feature.key!r} has no data for {browser!r}")
    statements = support[browser]
    return list(statements) if isinstance(statements, list) else [statements]


def browser_name(browser: str) -> str:
    name: str = load_bcd()["browsers"][browser]["name"]
    return name


def release_date(browser: str, version: str) -> str | None:
    """The release date of *version* (``"≤79"`` counts as 79), or None if unknown."""
    releases = load_bcd()["browsers"][browser].get("releases", {})
    release = releases.get(version.lstrip("≤"))
    return None if release is None else release.get("release_date")


def find_spec(url: str) -> Spec | None:
    """The specification whose published URL is the longest prefix of *url*."""
    best: Spec | None = None
    best_length = 0
    for entry in load_specs()["specs"]:
        for prefix in entry["urls"]:
            if url.startswith(prefix) and len(prefix) > best_length:
                best = Spec(entry["shortname"], entry["title"], tuple(entry["urls"]))
                best_length = len(prefix)
    return best


def spec_fragment(url: str) -> str:
    """The anchor of a spec URL without its '#', or '' when there is none."""
    match = re.search(r"#(.+)$", url)
    return match.group(1) if match else ""


def snapshot_meta() -> dict[str, str]:
    """Version and timestamp of the browser-compat-data snapshot, and the web-specs version."""
    meta = load_bcd()["__meta"]
    return {
        "bcd_version": meta["version"],
        "bcd_timestamp": meta["timestamp"],
        "web_specs_version": load_specs()["version"],
    }
