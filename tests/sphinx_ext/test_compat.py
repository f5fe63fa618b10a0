"""The browser-compat directive renders the BCD snapshot as an accessible table."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.sphinx_project import BuildProject, directive, tables

# Versions that first supported removeTrack(), as browser-compat-data 8.1.9 records them.
REMOVE_TRACK_SUPPORT = {
    "Chrome": "64", "Edge": "79", "Firefox": "22", "Opera": "51", "Safari": "11",
    "Chrome Android": "64", "Firefox for Android": "24", "Opera Android": "47",
    "Safari on iOS": "11", "Samsung Browser": "6.0", "WebView Android": "64",
    "WebView on iOS": "11",
}
PAGE = "# Page\n\n## Browser compatibility\n\n"
NOTE_1 = "wsx-compat-api-rtcpeerconnection-negotiationneeded-event-note-1"


def compat_page(key: str) -> dict[str, str]:
    return {"index": PAGE + directive("browser-compat", key)}


def test_remove_track_table_has_versions_dates_and_header_scopes(
    build_project: BuildProject,
) -> None:
    build = build_project(compat_page("api.RTCPeerConnection.removeTrack"))
    assert build.status == 0, build.warnings
    [table] = tables(build.html())
    assert table.caption == "Browser compatibility of RTCPeerConnection.removeTrack"
    platforms, browsers, *body = table.rows
    assert [(c.text, c.attrs["scope"], c.attrs["colspan"]) for c in platforms if c.tag == "th"] == [
        ("Desktop", "colgroup", "5"), ("Mobile", "colgroup", "7")]
    assert [c.attrs.get("scope") for c in browsers] == ["col"] * 12
    assert [c.text for c in browsers] == list(REMOVE_TRACK_SUPPORT)
    [row] = body
    assert (row[0].tag, row[0].attrs["scope"], row[0].text) == ("th", "row", "removeTrack")
    for name, cell in zip(REMOVE_TRACK_SUPPORT, row[1:], strict=True):
        assert cell.text == f"✓Full support {REMOVE_TRACK_SUPPORT[name]}", name
        assert "wsx-support-full" in str(cell.attrs["class"])
    dates = {name: cell.titles for name, cell in zip(REMOVE_TRACK_SUPPORT, row[1:], strict=True)}
    assert dates["Chrome"] == ["Released 2018-01-23"]
    assert dates["Edge"] == ["Released 2020-01-15"]
    assert dates["Firefox"] == ["Released 2013-06-25"]
    assert dates["Safari"] == ["Released 2017-09-19"]


def legend(html: str) -> list[str]:
    block = re.search(r'<ul class="wsx-compat-legend">(.*?)</ul>', html)
    assert block is not None
    items = re.findall(r"<li>(.*?)</li>", block[1])
    return [re.sub(r"<[^>]+>", "", item).strip() for item in items]


def test_legend_lists_only_the_marks_used(build_project: BuildProject) -> None:
    build = build_project({
        "index": compat_page("api.RTCPeerConnection.removeTrack")["index"],
        "event": compat_page("api.RTCPeerConnection.negotiationneeded_event")["index"],
    })
    assert build.status == 0, build.warnings
    assert legend(build.html("index")) == ["✓ Full support"]
    assert legend(build.html("event")) == ["✓ Full support", "※ See the implementation notes"]


def test_partial_history_is_a_note_with_its_range(build_project: BuildProject) -> None:
    build = build_project(compat_page("api.RTCPeerConnection.negotiationneeded_event"))
    html = build.html()
    [table] = tables(html)
    firefox = table.rows[2][3]
    assert firefox.text == "✓Full support 38※See the implementation notesNote 1"
    note = re.search(rf'<li id="{NOTE_1}">(.*?)</li>', html)
    assert note is not None
    assert "24–37: Partial support." in note[1]
    assert "<code>onnegotiationneeded</code>" in note[1]
    assert f'href="#{NOTE_1}"' in html


def test_removed_prefixed_and_deprecated_support(build_project: BuildProject) -> None:
    build = build_project(compat_page("api.Navigator.getUserMedia"))
    assert build.status == 0, build.warnings
    html = build.html()
    [table] = tables(html)
    row = table.rows[2]
    assert row[0].text.startswith("getUserMedia") and "Deprecated" in row[0].text
    safari = row[5]
    assert "wsx-support-none" in str(safari.attrs["class"])
    assert safari.text.startswith("✗No support 11–11.1")
    firefox = row[3]
    assert firefox.text.startswith("✓Full support 17⁺Needs a vendor prefix")
    assert "Prefix: moz" in html
    assert legend(html) == ["✓ Full support", "✗ No support", "⁺ Needs a vendor prefix",
                            "※ See the implementation notes", "⊘ Deprecated"]


def test_subfeatures_are_rows(build_project: BuildProject) -> None:
    build = build_project(compat_page("api.RTCPeerConnection.getSenders"))
    [table] = tables(build.html())
    assert [row[0].text for row in table.rows[2:]] == [
        "getSenders", "Senders for stopped transceivers not returned"]


def test_german_build_uses_german_strings(build_project: BuildProject) -> None:
    build = build_project(
        {"index": PAGE + directive("browser-compat", "api.Navigator.getUserMedia")}, language="de")
    assert build.status == 0, build.warnings
    html = build.html()
    [table] = tables(html)
    assert table.caption == "Browser-Kompatibilität von Navigator.getUserMedia"
    assert [c.text for c in table.rows[0] if c.tag == "th"] == ["Desktop", "Mobilgeräte"]
    assert table.rows[2][1].titles == ["Veröffentlicht am 31.08.2016"]
    assert legend(html) == ["✓ Vollständig unterstützt", "✗ Nicht unterstützt",
                            "⁺ Benötigt ein Herstellerpräfix",
                            "※ Siehe die Hinweise zur Implementierung", "⊘ Veraltet"]
    assert ">Legende<" in html and ">Hinweise<" in html
    assert "Präfix: moz" in html


def test_languages_do_not_leak_between_builds_in_one_process(build_project: BuildProject) -> None:
    page = {"index": PAGE + directive("browser-compat", "api.RTCPeerConnection.removeTrack")}
    german = build_project(page, language="de")
    english = build_project(page, language="en")
    assert "Vollständig unterstützt" in german.html()
    assert "Vollständig unterstützt" not in english.html()
    assert "Full support" in english.html()


@pytest.mark.parametrize("key", ["api.RTCPeerConnection.removeTrak", "api.NoSuchInterface", "api"])
def test_bad_key_fails_with_file_and_line(build_project: BuildProject, key: str) -> None:
    build = build_project({"index": "# Page\n\nText.\n\n" + directive("browser-compat", key)})
    assert build.status != 0
    expected = r"index\.md:5: WARNING: browser-compat: .*" + re.escape(repr(key))
    assert re.search(expected, build.warnings)


VERIFIED_CONF = (
    "webrtc_verified_engines = 'engines.json'\n"
    "webrtc_verified_features = ['api.RTCPeerConnection.removeTrack']\n"
)


@pytest.mark.parametrize(
    ("language", "label", "note"),
    [
        ("en", "(behaviour verified here with Chromium 156.0.8078.79)",
         ("† Verified here: this site's conformance scenarios and JavaScript examples ran in "
         "Chromium 156.0.8078.79 and Firefox 153.8.0.")),
        ("de", "(Verhalten hier geprüft mit Chromium 156.0.8078.79)",
         ("† Hier geprüft: Die Konformitätsszenarien und JavaScript-Beispiele dieser Website "
         "liefen in Chromium 156.0.8078.79 und Firefox 153.8.0.")),
    ],
)
def test_verified_engines_are_marked_apart_from_the_bcd_data(
    build_project: BuildProject, tmp_path: Path, language: str, label: str, note: str
) -> None:
    engines = tmp_path / "engines.json"
    engines.write_text('{"chromium": "156.0.8078.79", "firefox": "153.8.0"}', encoding="utf-8")
    conf = VERIFIED_CONF.replace("'engines.json'", repr(str(engines)))
    pages = {
        "index": PAGE + directive("browser-compat", "api.RTCPeerConnection.removeTrack"),
        "other": PAGE + directive("browser-compat", "api.RTCPeerConnection.addTrack"),
    }
    build = build_project(pages, language=language, extra_conf=conf)
    assert build.status == 0, build.warnings
    [table] = tables(build.html())
    _, browsers, *_rows = table.rows
    marked = {c.text for c in browsers if "†" in c.text}
    assert len(marked) == 2 and all(name.startswith(("Chrome †", "Firefox †")) for name in marked)
    assert label in " ".join(c.text for c in browsers)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", build.html())).split())
    assert note in text
    # The BCD cells are unchanged, and a feature the tests do not cover gets no mark.
    assert "†" not in build.html("other")
