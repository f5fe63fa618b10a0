"""The specifications directive links the exact anchor, titled from web-specs."""

from __future__ import annotations

import re

from tests.sphinx_project import BuildProject, directive, tables

PAGE = "# Page\n\n## Specifications\n\n"
ANCHOR = "https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-removetrack"


def specs_page(key: str) -> dict[str, str]:
    return {"index": PAGE + directive("specifications", key)}


def test_remove_track_links_the_webrtc_spec_anchor(build_project: BuildProject) -> None:
    build = build_project(specs_page("api.RTCPeerConnection.removeTrack"))
    assert build.status == 0, build.warnings
    html = build.html()
    [table] = tables(html)
    [header], [row] = table.rows
    assert (header.tag, header.attrs["scope"], header.text) == ("th", "col", "Specification")
    title = "WebRTC: Real-Time Communication in Browsers"
    assert row.text == f"{title}# dom-rtcpeerconnection-removetrack"
    assert re.findall(r'<a class="reference external" href="([^"]+)">', html) == [ANCHOR]


def test_other_spec_gets_its_own_title(build_project: BuildProject) -> None:
    build = build_project(specs_page("api.MediaDevices.getUserMedia"))
    [table] = tables(build.html())
    expected = "Media Capture and Streams# dom-mediadevices-getusermedia"
    assert table.rows[1][0].text.startswith(expected)


def test_german_header(build_project: BuildProject) -> None:
    build = build_project(specs_page("api.RTCPeerConnection.removeTrack"), language="de")
    assert build.status == 0, build.warnings
    [table] = tables(build.html())
    assert table.rows[0][0].text == "Spezifikation"


def test_bad_key_fails_with_file_and_line(build_project: BuildProject) -> None:
    build = build_project(specs_page("api.RTCPeerConnection.nope"))
    assert build.status != 0
    assert "index.md:5: WARNING: specifications: no browser-compat-data entry" in build.warnings
