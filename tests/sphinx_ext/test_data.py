"""The committed snapshots, the refresh tool's trimming, the UI catalog and its compilation."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from refresh_compat_data import BCD_VERSION, KEPT_KEYS, SPECS_VERSION, trim_bcd, trim_specs
from tests.sphinx_project import BuildProject, directive
from webrtc_sphinx import bcd_data, l10n, sidebar
from webrtc_sphinx.bcd_markup import safe_inline_html

PACKAGE_DIR = Path(bcd_data.__file__).parent


def test_snapshot_is_the_pinned_versions_with_a_timestamp() -> None:
    meta = bcd_data.snapshot_meta()
    assert meta.bcd_version == BCD_VERSION == "8.1.9"
    assert meta.web_specs_version == SPECS_VERSION == "4.16.0"
    published = datetime.fromisoformat(meta.bcd_timestamp)
    assert published.date().isoformat() == "2026-11-12"


def test_snapshot_holds_every_kept_key_and_only_shown_browsers() -> None:
    for key, members in KEPT_KEYS.items():
        feature = bcd_data.find_feature(key)
        if members is not None:
            assert {row.rsplit(".", 1)[-1] for row in feature.subfeatures} == set(members), key
    browsers = bcd_data.load_bcd()["browsers"]
    assert sorted(browsers) == sorted(bcd_data.SHOWN_BROWSERS)
    assert "ie" not in bcd_data.find_feature("api.RTCPeerConnection.removeTrack").support


def _fake_browser(name: str) -> dict[str, Any]:
    releases = {v: {"release_date": f"2020-01-0{v}", "status": "retired"} for v in "1234"}
    return {"name": name.title(), "type": "desktop", "releases": releases, "pref_url": "x"}


def fake_bcd() -> dict[str, Any]:
    shown = bcd_data.SHOWN_BROWSERS
    support: dict[str, Any] = {browser: {"version_added": "2"} for browser in shown}
    support["ie"] = {"version_added": False}
    support["chrome"] = [{"version_added": "3"}, {"version_added": "1", "version_removed": "3"}]
    compat = {"spec_url": "https://example.org/spec/#thing", "support": support}
    return {
        "__meta": {"version": "0.0.1", "timestamp": "2030-01-02T03:04:05.000Z"},
        "api": {
            "Thing": {
                "__compat": compat, "keep": {"__compat": compat}, "drop": {"__compat": compat},
            },
            "Other": {"__compat": compat},
        },
        "css": {"properties": {"__compat": compat}},
        "browsers": {b: _fake_browser(b) for b in (*bcd_data.SHOWN_BROWSERS, "ie")},
    }


def test_trim_keeps_listed_members_shown_browsers_and_used_releases(tmp_path: Path) -> None:
    data_file = tmp_path / "data.json"
    data_file.write_text(json.dumps(fake_bcd()), encoding="utf-8")
    trimmed = trim_bcd(json.loads(data_file.read_text(encoding="utf-8")), {"api.Thing": ("keep",)})
    assert sorted(trimmed) == ["__meta", "api", "browsers"]
    assert trimmed["__meta"] == {"version": "0.0.1", "timestamp": "2030-01-02T03:04:05.000Z"}
    assert sorted(trimmed["api"]["Thing"]) == ["__compat", "keep"]
    assert "ie" not in trimmed["api"]["Thing"]["keep"]["__compat"]["support"]
    assert sorted(trimmed["browsers"]) == sorted(bcd_data.SHOWN_BROWSERS)
    assert sorted(trimmed["browsers"]["chrome"]["releases"]) == ["1", "3"]
    assert sorted(trimmed["browsers"]["edge"]["releases"]) == ["2"]
    assert trimmed["browsers"]["edge"] == {
        "name": "Edge", "type": "desktop",
        "releases": {"2": {"release_date": "2020-01-02", "status": "retired"}}}


def test_trim_rejects_missing_keys_and_members() -> None:
    with pytest.raises(KeyError, match="api.Nothing"):
        trim_bcd(fake_bcd(), {"api.Nothing": None})
    with pytest.raises(KeyError, match="missing_member"):
        trim_bcd(fake_bcd(), {"api.Thing": ("keep", "missing_member")})


def test_trim_specs_keeps_matching_specs_and_rejects_unknown_urls() -> None:
    trimmed = trim_bcd(fake_bcd(), {"api.Thing": ("keep",)})
    index: list[dict[str, Any]] = [
        {"shortname": "spec", "title": "The Spec", "url": "https://www.example.org/TR/spec/",
         "nightly": {"url": "https://example.org/spec/", "alternateUrls": []}},
        {"shortname": "other", "title": "Other", "url": "https://example.org/other/"},
    ]
    assert trim_specs(index, "1.2.3", trimmed) == {"version": "1.2.3", "specs": [
        {"shortname": "spec", "title": "The Spec",
         "urls": ["https://example.org/spec/", "https://www.example.org/TR/spec/"]}]}
    with pytest.raises(KeyError, match="https://example.org/spec/#thing"):
        trim_specs(index[1:], "1.2.3", trimmed)


def test_notes_keep_inline_code_and_escape_everything_else() -> None:
    assert safe_inline_html("Use <code>x</code> & <script>alert(1)</script><b>y</b>") == (
        "Use <code>x</code> &amp; alert(1)y")
    assert safe_inline_html('<a href="/en-US/docs/Web">MDN</a> <a href="javascript:x">no</a>') == (
        '<a href="https://developer.mozilla.org/en-US/docs/Web">MDN</a> <a>no</a>')
    assert safe_inline_html("<code>unclosed") == "<code>unclosed</code>"


def test_german_catalog_translates_every_ui_string() -> None:
    # Every module that translates through the extension's own catalog.
    modules = [path for path in sorted(PACKAGE_DIR.glob("*.py"))
               if 'get_translation("webrtc_sphinx")' in path.read_text(encoding="utf-8")]
    assert {path.stem for path in modules} >= {"compat_table", "specs", "sidebar"}
    extracted = {message[1] for path in modules for message in extract_from_file("python", path)}
    # The sidebar labels MDN's guides, named in its data file, through the catalog too.
    extracted |= {entry.label for entry in sidebar.guides() if not sidebar.is_local(entry)}
    po_path = PACKAGE_DIR / "locales" / "de" / "LC_MESSAGES" / "webrtc_sphinx.po"
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    translated = {m.id: m for m in catalog if m.id}
    assert extracted - set(translated) == set(), "strings missing from webrtc_sphinx.po"
    assert set(translated) - extracted == set(), "obsolete strings in webrtc_sphinx.po"
    assert [m.id for m in translated.values() if m.fuzzy or not m.string] == []


def test_catalog_compiles_deterministically_and_only_when_changed(tmp_path: Path) -> None:
    first = l10n.compile_catalogs(l10n.SOURCE_DIR, tmp_path / "a")
    second = l10n.compile_catalogs(l10n.SOURCE_DIR, tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in first] == [
        Path("de/LC_MESSAGES/webrtc_sphinx.mo")]
    assert first[0].read_bytes() == second[0].read_bytes()
    before = first[0].stat().st_mtime_ns
    l10n.compile_catalogs(l10n.SOURCE_DIR, tmp_path / "a")
    assert first[0].stat().st_mtime_ns == before


def test_gettext_builder_extracts_no_furniture_strings(build_project: BuildProject) -> None:
    page = "# Page\n\nA paragraph.\n\n" + "".join(
        directive(name, argument) + "\n" for name, argument in [
            ("api-sidebar", "RTCPeerConnection"),
            ("specifications", "api.RTCPeerConnection.removeTrack"),
            ("browser-compat", "api.RTCPeerConnection.negotiationneeded_event"),
        ])
    build = build_project({"index": page}, builder="gettext")
    assert build.status == 0, build.warnings
    with (build.out_dir / "index.pot").open("rb") as pot_file:
        messages = [m.id for m in read_po(pot_file) if m.id]
    # UI strings come from the extension's catalog, data from BCD: neither belongs in page catalogs.
    assert messages == ["Page", "A paragraph."]
