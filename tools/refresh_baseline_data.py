"""Refresh the Baseline snapshot in src/webrtc_sphinx/data/ from the npm package web-features.

Downloads the pinned web-features (Apache-2.0) with `npm pack`, keeps the Baseline status of
the browser-compat-data keys the site's compatibility snapshot has (so run
tools/refresh_compat_data.py first when both change) and the features they belong to, and
writes one small, sorted JSON file. Builds never touch the network.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

from refresh_compat_data import npm_pack, write_json
from webrtc_sphinx.baseline_data import BASELINE_FILE
from webrtc_sphinx.bcd_data import load_bcd

PACKAGE: Final = "web-features"
VERSION: Final = "3.40.0"
STATUS_FIELDS: Final = ("baseline", "baseline_low_date", "baseline_high_date", "support")


def bcd_keys(tree: Mapping[str, Any], prefix: str = "") -> Iterable[str]:
    """Every dotted feature key of a (trimmed) browser-compat-data tree."""
    for name, value in tree.items():
        if name in ("__meta", "browsers", "__compat") or not isinstance(value, dict):
            continue
        key = f"{prefix}{name}"
        if "__compat" in value:
            yield key
        yield from bcd_keys(value, f"{key}.")


def trim_features(data: Mapping[str, Any], keys: Iterable[str], version: str) -> dict[str, Any]:
    """The Baseline status of each of *keys* that web-features knows, and its feature."""
    wanted = set(keys)
    by_key: dict[str, Any] = {}
    features: dict[str, Any] = {}
    for feature_id, feature in data["features"].items():
        statuses = feature.get("status", {}).get("by_compat_key", {})
        for key in sorted(wanted & set(statuses)):
            status = statuses[key]
            kept = {name: status[name] for name in STATUS_FIELDS if name in status}
            by_key[key] = {"feature": feature_id, **kept}
            features[feature_id] = {"name": feature["name"]}
    if not by_key:
        raise KeyError("web-features has no Baseline status for any key of the snapshot")
    return {
        "package": PACKAGE, "version": version, "license": "Apache-2.0",
        "features": features, "by_compat_key": by_key,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", default=VERSION, help="web-features version")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        package = npm_pack(PACKAGE, args.version, Path(tmp))
        data = json.loads((package / "data.json").read_text(encoding="utf-8"))
    trimmed = trim_features(data, bcd_keys(load_bcd()), args.version)
    write_json(BASELINE_FILE, trimmed)
    count = len(trimmed["by_compat_key"])
    print(f"web-features {args.version}: {count} keys -> {BASELINE_FILE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
