"""Read the committed snapshots of browser-compat-data and web-specs into typed records.

Both npm packages are CC0; tools/refresh_compat_data.py trims them into data/. The JSON is
read here once and turned into the records below, so the table code never walks raw JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
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
# BCD's version_added / version_removed: a version string (maybe "≤79" or "preview"),
# True or False, or None (unknown).
Version = str | bool | None


class DataError(LookupError):
    """A key or entry the page asks for is missing from the snapshot."""


@dataclass(frozen=True)
class Flag:
    """A preference or flag that must be set for the support to apply."""

    type: str
    name: str
    value_to_set: str | None = None


@dataclass(frozen=True)
class Statement:
    """One support statement of a browser for a feature (BCD's ``simple_support_statement``)."""

    version_added: Version
    version_removed: Version = None
    version_last: str | None = None
    partial_implementation: bool = False
    prefix: str | None = None
    alternative_name: str | None = None
    flags: tuple[Flag, ...] = ()
    notes: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Statement:
        notes = data.get("notes", ())
        return cls(
            version_added=data.get("version_added"),
            version_removed=data.get("version_removed"),
            version_last=data.get("version_last"),
            partial_implementation=bool(data.get("partial_implementation", False)),
            prefix=data.get("prefix"),
            alternative_name=data.get("alternative_name"),
            flags=tuple(
                Flag(flag["type"], flag["name"], flag.get("value_to_set"))
                for flag in data.get("flags", ())
            ),
            notes=(notes,) if isinstance(notes, str) else tuple(notes),
        )


@dataclass(frozen=True)
class Status:
    experimental: bool = False
    standard_track: bool = True
    deprecated: bool = False


@dataclass(frozen=True)
class Feature:
    """One BCD feature: its dotted key, its ``__compat`` facts and its direct subfeatures."""

    key: str
    description: str | None
    spec_urls: tuple[str, ...]
    status: Status | None
    support: Mapping[str, tuple[Statement, ...]]
    subfeatures: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.key.rsplit(".", 1)[-1]

    def statements(self, browser: str) -> tuple[Statement, ...]:
        """The support statements of *browser*, newest first; DataError when absent."""
        if browser not in self.support:
            raise DataError(f"browser-compat-data entry {self.key!r} has no data for {browser!r}")
        return self.support[browser]


@dataclass(frozen=True)
class Browser:
    """A browser: its display name and the release date of each version."""

    name: str
    release_dates: Mapping[str, str]

    def release_date(self, version: str) -> str | None:
        """The release date of *version* (``"≤79"`` counts as 79), or None if unknown."""
        return self.release_dates.get(version.lstrip("≤"))


@dataclass(frozen=True)
class Spec:
    """A specification from web-specs: title and the URLs it is published at."""

    shortname: str
    title: str
    urls: tuple[str, ...]


@dataclass(frozen=True)
class SnapshotMeta:
    bcd_version: str
    bcd_timestamp: str
    web_specs_version: str


@cache
def load_bcd() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BCD_FILE.read_text(encoding="utf-8"))
    return data


@cache
def load_specs() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SPECS_FILE.read_text(encoding="utf-8"))
    return data


def _feature(key: str, node: Mapping[str, Any]) -> Feature:
    compat = node.get(_NON_FEATURE_KEY)
    if not isinstance(compat, dict):
        raise DataError(f"browser-compat-data entry {key!r} has no __compat block")
    spec_urls = compat.get("spec_url", ())
    status = compat.get("status")
    support = {
        browser: tuple(map(Statement.from_json, value if isinstance(value, list) else [value]))
        for browser, value in compat.get("support", {}).items()
    }
    return Feature(
        key=key,
        description=compat.get("description"),
        spec_urls=(spec_urls,) if isinstance(spec_urls, str) else tuple(spec_urls),
        status=None if status is None else Status(**status),
        support=support,
        subfeatures=tuple(f"{key}.{name}" for name in sorted(node) if name != _NON_FEATURE_KEY),
    )


@cache
def find_feature(key: str) -> Feature:
    """Return the feature at dotted *key*, or raise DataError naming what is missing."""
    node: Any = load_bcd()
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node or part == _NON_FEATURE_KEY:
            raise DataError(f"no browser-compat-data entry {key!r} (missing part {part!r})")
        node = node[part]
    return _feature(key, node)


@cache
def find_browser(browser: str) -> Browser:
    data = load_bcd()["browsers"][browser]
    dates = {
        version: release["release_date"]
        for version, release in data.get("releases", {}).items()
        if release.get("release_date")
    }
    return Browser(name=data["name"], release_dates=dates)


@cache
def _specs() -> tuple[Spec, ...]:
    return tuple(
        Spec(entry["shortname"], entry["title"], tuple(entry["urls"]))
        for entry in load_specs()["specs"]
    )


def find_spec(url: str) -> Spec | None:
    """The specification whose published URL is the longest prefix of *url*."""
    matches = [(len(prefix), spec) for spec in _specs() for prefix in spec.urls
               if url.startswith(prefix)]
    return max(matches, key=lambda match: match[0])[1] if matches else None


def spec_fragment(url: str) -> str:
    """The anchor of a spec URL without its '#', or '' when there is none."""
    match = re.search(r"#(.+)$", url)
    return match.group(1) if match else ""


def snapshot_meta() -> SnapshotMeta:
    """Version and timestamp of the browser-compat-data snapshot, and the web-specs version."""
    meta = load_bcd()["__meta"]
    return SnapshotMeta(meta["version"], meta["timestamp"], load_specs()["version"])
