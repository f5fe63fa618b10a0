"""Refresh the compatibility and specification snapshots in src/webrtc_sphinx/data/.

Downloads the pinned npm packages @mdn/browser-compat-data and web-specs (both CC0)
with `npm pack`, keeps only the entries the site renders, and writes small, sorted
JSON files. Run it when the pins change; builds never touch the network.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from webrtc_sphinx.bcd_data import BCD_FILE, SHOWN_BROWSERS, SPECS_FILE

BCD_PACKAGE: Final = "@mdn/browser-compat-data"
BCD_VERSION: Final = "8.1.9"
SPECS_PACKAGE: Final = "web-specs"
SPECS_VERSION: Final = "4.16.0"

# Interface (or feature) key -> members to keep; None keeps the whole subtree.
KEPT_KEYS: Final[Mapping[str, tuple[str, ...] | None]] = {
    "api.RTCPeerConnection": (
        "addTrack", "removeTrack", "getSenders", "getReceivers", "getTransceivers",
        "addTransceiver", "close", "createOffer", "createAnswer", "setLocalDescription",
        "setRemoteDescription", "negotiationneeded_event", "signalingState",
        "signalingstatechange_event", "track_event",
    ),
    "api.RTCRtpSender": ("track", "replaceTrack"),
    "api.RTCRtpTransceiver": ("direction", "currentDirection", "stop"),
    "api.MediaStream": ("removetrack_event",),
    "api.MediaDevices.getUserMedia": None,
    "api.Navigator.getUserMedia": None,
}


def _lookup(tree: Mapping[str, Any], key: str) -> dict[str, Any]:
    node: Any = tree
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"{key!r} is not in the browser-compat-data package")
        node = node[part]
    return dict(node)


def _keep_shown_browsers(node: Mapping[str, Any]) -> dict[str, Any]:
    """Copy a feature subtree, dropping support data for browsers the table never shows."""
    copied: dict[str, Any] = {}
    for name, value in node.items():
        if name == "__compat":
            compat = dict(value)
            compat["support"] = {
                browser: statement
                for browser, statement in value.get("support", {}).items()
                if browser in SHOWN_BROWSERS
            }
            copied[name] = compat
        else:
            copied[name] = _keep_shown_browsers(value)
    return copied


def _versions_used(node: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    for name, value in node.items():
        if name != "__compat":
            yield from _versions_used(value)
            continue
        for browser, statements in value.get("support", {}).items():
            for statement in statements if isinstance(statements, list) else [statements]:
                for field in ("version_added", "version_removed"):
                    version = statement.get(field)
                    if isinstance(version, str):
                        yield browser, version.lstrip("≤")


def _insert(tree: dict[str, Any], key: str, value: dict[str, Any]) -> None:
    *parents, last = key.split(".")
    node = tree
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


def trim_bcd(data: Mapping[str, Any], kept: Mapping[str, Sequence[str] | None]) -> dict[str, Any]:
    """Keep the *kept* features, the shown browsers, and only the releases they mention."""
    trimmed: dict[str, Any] = {"__meta": dict(data["__meta"])}
    for key, members in kept.items():
        source = _lookup(data, key)
        if members is not None:
            missing = [member for member in members if member not in source]
            if missing:
                raise KeyError(f"{key!r} has no members {missing!r}")
            source = {name: source[name] for name in ("__compat", *members) if name in source}
        _insert(trimmed, key, _keep_shown_browsers(source))
    used = set(_versions_used({k: v for k, v in trimmed.items() if k != "__meta"}))
    browsers = {}
    for browser in SHOWN_BROWSERS:
        info = data["browsers"][browser]
        releases = {
            version: {"release_date": release.get("release_date"), "status": release["status"]}
            for version, release in info["releases"].items()
            if (browser, version) in used
        }
        browsers[browser] = {"name": info["name"], "type": info["type"], "releases": releases}
    trimmed["browsers"] = browsers
    return trimmed


def _spec_urls(node: Mapping[str, Any]) -> Iterable[str]:
    for name, value in node.items():
        if name == "__compat":
            urls = value.get("spec_url", [])
            yield from [urls] if isinstance(urls, str) else urls
        elif isinstance(value, dict) and name not in ("__meta", "browsers"):
            yield from _spec_urls(value)


def _published_urls(spec: Mapping[str, Any]) -> list[str]:
    nightly = spec.get("nightly", {})
    urls = [spec["url"], nightly.get("url"), *nightly.get("alternateUrls", [])]
    urls.append(spec.get("series", {}).get("nightlyUrl"))
    return sorted({url for url in urls if url})


def trim_specs(
    index: Sequence[Mapping[str, Any]], version: str, bcd: Mapping[str, Any]
) -> dict[str, Any]:
    """Keep the web-specs entries whose URLs prefix a spec_url of the trimmed BCD."""
    wanted = set(_spec_urls(bcd))
    specs = []
    for spec in index:
        urls = _published_urls(spec)
        if any(url.startswith(prefix) for url in wanted for prefix in urls):
            specs.append({"shortname": spec["shortname"], "title": spec["title"], "urls": urls})
    published = [prefix for spec in specs for prefix in spec["urls"]]
    unmatched = sorted(u for u in wanted if not any(u.startswith(p) for p in published))
    if unmatched:
        raise KeyError(f"no web-specs entry for {unmatched!r}")
    return {"version": version, "specs": sorted(specs, key=lambda spec: spec["shortname"])}


def npm_pack(package: str, version: str, workdir: Path) -> Path:
    """Download and extract one package version; return its extracted directory."""
    result = subprocess.run(
        ["npm", "pack", f"{package}@{version}", "--silent", "--pack-destination", str(workdir)],
        check=True, capture_output=True, text=True,
    )
    tarball = workdir / result.stdout.strip().splitlines()[-1]
    target = workdir / tarball.stem
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--bcd-version", default=BCD_VERSION)
    parser.add_argument("--web-specs-version", default=SPECS_VERSION)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        bcd_dir = npm_pack(BCD_PACKAGE, args.bcd_version, Path(tmp))
        specs_dir = npm_pack(SPECS_PACKAGE, args.web_specs_version, Path(tmp))
        data = json.loads((bcd_dir / "data.json").read_text(encoding="utf-8"))
        index = json.loads((specs_dir / "index.json").read_text(encoding="utf-8"))
    bcd = trim_bcd(data, KEPT_KEYS)
    write_json(BCD_FILE, bcd)
    write_json(SPECS_FILE, trim_specs(index, args.web_specs_version, bcd))
    meta = bcd["__meta"]
    print(f"browser-compat-data {meta['version']} ({meta['timestamp']}) -> {BCD_FILE.name}")
    print(f"web-specs {args.web_specs_version} -> {SPECS_FILE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
