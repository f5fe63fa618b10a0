"""The api-sidebar directive links our pages where they exist and MDN otherwise."""

from __future__ import annotations

import re

from tests.sphinx_project import BuildProject, directive

SIDEBAR = directive("api-sidebar", "RTCPeerConnection")
CURRENT = '<a class="reference current" href="#" aria-current="page">'
MDN = "https://developer.mozilla.org"
PAGES = {
    "index": "# Home\n\n```{toctree}\napi/rtcpeerconnection/index\n"
             "api/rtcpeerconnection/removetrack\napi/rtcpeerconnection/addtrack\n```\n",
    "api/rtcpeerconnection/index": "# RTCPeerConnection\n\n" + SIDEBAR,
    "api/rtcpeerconnection/removetrack": "# removeTrack()\n\n" + SIDEBAR,
    "api/rtcpeerconnection/addtrack": "# addTrack()\n\nNo sidebar here.\n",
}


def links(html: str) -> dict[str, str]:
    """Label -> the <a> start tag of each sidebar link."""
    nav = re.search(r'<nav class="wsx-api-sidebar"[^>]*>.*?</nav>', html, re.DOTALL)
    assert nav is not None
    return {label: tag for tag, label in re.findall(r"(<a [^>]*>)<code>([^<]+)</code>", nav[0])}


def test_current_page_internal_and_mdn_links_in_english(build_project: BuildProject) -> None:
    build = build_project(PAGES)
    assert build.status == 0, build.warnings
    html = build.html("api/rtcpeerconnection/removetrack")
    found = links(html)
    assert found["removeTrack()"] == CURRENT
    assert found["addTrack()"] == '<a class="reference internal" href="addtrack.html">'
    assert found["RTCPeerConnection"] == '<a class="reference internal" href="index.html">'
    assert found["getSenders()"] == ('<a class="reference external" href="https://developer.mozilla.org'
                                     '/en-US/docs/Web/API/RTCPeerConnection/getSenders">')
    assert f'href="{MDN}/en-US/docs/Web/API/RTCPeerConnection/track_event"' in html
    assert '<nav class="wsx-api-sidebar" aria-label="RTCPeerConnection reference">' in html
    # Only the group holding the current page is open.
    assert re.findall(r"<details( open)?><summary>([^<]+)</summary>", html) == [
        ("", "Constructor"), ("", "Instance properties"), ("", "Static methods"),
        (" open", "Instance methods"), ("", "Events"), ("", "Inheritance"), ("", "Related pages"),
        ("", "Guides")]


def test_interface_page_is_current_on_its_own_index(build_project: BuildProject) -> None:
    build = build_project(PAGES)
    found = links(build.html("api/rtcpeerconnection/index"))
    assert found["RTCPeerConnection"] == CURRENT
    assert found["removeTrack()"] == '<a class="reference internal" href="removetrack.html">'


def test_german_build_links_german_mdn_and_german_labels(build_project: BuildProject) -> None:
    build = build_project(PAGES, language="de")
    assert build.status == 0, build.warnings
    html = build.html("api/rtcpeerconnection/removetrack")
    found = links(html)
    assert found["getSenders()"] == ('<a class="reference external" href="https://developer.mozilla.org'
                                     '/de/docs/Web/API/RTCPeerConnection/getSenders">')
    assert found["addTrack()"] == '<a class="reference internal" href="addtrack.html">'
    assert "<summary>Instanzmethoden</summary>" in html
    assert "<summary>Ereignisse</summary>" in html
    assert 'aria-label="RTCPeerConnection-Referenz"' in html
    assert "(Veraltet)" in html


def test_sidebar_can_move_into_the_theme_sidebar(build_project: BuildProject) -> None:
    build = build_project(PAGES, extra_conf=(
        "webrtc_api_sidebar_in_theme = True\n"
        "html_sidebars = {'**': ['api-sidebar.html', 'searchbox.html']}\n"))
    assert build.status == 0, build.warnings
    html = build.html("api/rtcpeerconnection/removetrack")
    body, sidebar = html.split('<div class="sphinxsidebar"', 1)
    assert "wsx-api-sidebar" not in body
    assert links(sidebar)["removeTrack()"] == CURRENT
    assert links(sidebar)["addTrack()"] == '<a class="reference internal" href="addtrack.html">'
    # A page without the directive gets no sidebar.
    assert "wsx-api-sidebar" not in build.html("api/rtcpeerconnection/addtrack")


def test_unknown_interface_fails_with_file_and_line(build_project: BuildProject) -> None:
    build = build_project({"index": "# Page\n\n" + directive("api-sidebar", "RTCPeerConnectoin")})
    assert build.status != 0
    expected = "index.md:3: WARNING: api-sidebar: no sidebar data for 'RTCPeerConnectoin'"
    assert expected in build.warnings


GUIDE_PAGES = {
    **PAGES,
    "index": PAGES["index"].replace("```\n", "guides/stop-sending-a-track\n```\n", 1),
    "guides/stop-sending-a-track": "# Stopping a sent track\n\nText.\n",
}


def guide_links(html: str) -> dict[str, str]:
    """Label -> the <a> start tag of each link in the sidebar's Guides group."""
    group = re.search(r"<summary>(?:Guides|Leitfäden)</summary>\s*<ul>(.*?)</ul>", html, re.DOTALL)
    assert group is not None
    return {label: tag for tag, label in re.findall(r"(<a [^>]*>)([^<]+)</a>", group[1])}


def test_guides_group_links_our_guide_by_its_title_and_mdns_guides(
    build_project: BuildProject,
) -> None:
    build = build_project(GUIDE_PAGES)
    assert build.status == 0, build.warnings
    found = guide_links(build.html("api/rtcpeerconnection/removetrack"))
    assert found["Stopping a sent track"] == (
        '<a class="reference internal" href="../../guides/stop-sending-a-track.html">')
    assert found["Lifetime of a WebRTC session"] == (
        '<a class="reference external" href="https://developer.mozilla.org/en-US/docs/Web/API/'
        'WebRTC_API/Session_lifetime">')
    assert next(iter(found)) == "Stopping a sent track"


def test_guides_group_is_translated_and_leaves_out_a_guide_the_build_lacks(
    build_project: BuildProject,
) -> None:
    build = build_project(PAGES, language="de")
    assert build.status == 0, build.warnings
    found = guide_links(build.html("api/rtcpeerconnection/removetrack"))
    assert "Stopping a sent track" not in found and "stop-sending-a-track" not in found
    assert found["Lebensdauer einer WebRTC-Sitzung"] == (
        '<a class="reference external" href="https://developer.mozilla.org/de/docs/Web/API/'
        'WebRTC_API/Session_lifetime">')


def test_an_api_documented_in_a_section_links_that_section(build_project: BuildProject) -> None:
    state = "# signalingState\n\n" + SIDEBAR + "\n## The signalingstatechange event\n\nText.\n"
    build = build_project({
        **PAGES,
        "index": PAGES["index"].replace(
            "addtrack\n", "addtrack\napi/rtcpeerconnection/signalingstate\n"),
        "api/rtcpeerconnection/signalingstate": state,
    })  # fmt: skip
    assert build.status == 0, build.warnings
    event = "signalingstatechange"
    assert links(build.html("api/rtcpeerconnection/removetrack"))[event] == (
        '<a class="reference internal" href="signalingstate.html#the-signalingstatechange-event">')
    # On the page itself the event links its section, and the property is the current page.
    found = links(build.html("api/rtcpeerconnection/signalingstate"))
    assert found[event] == '<a class="reference internal" href="#the-signalingstatechange-event">'
    assert found["signalingState"] == CURRENT
