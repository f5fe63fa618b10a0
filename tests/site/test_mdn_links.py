"""The {mdn} roles: MDN URLs in the reader's language, and a clear error for a bad slug."""

from __future__ import annotations

import pytest

from tests.sphinx_project import Build, BuildProject
from webrtc_sphinx.mdn_links import mdn_url


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "https://developer.mozilla.org/en-US/docs/Web/API/RTCRtpSender"),
        ("de", "https://developer.mozilla.org/de/docs/Web/API/RTCRtpSender"),
        ("fr", "https://developer.mozilla.org/en-US/docs/Web/API/RTCRtpSender"),
    ],
)
def test_mdn_url_uses_mdns_locale_for_the_site_language(language: str, expected: str) -> None:
    assert mdn_url(language, "Web/API/RTCRtpSender") == expected


def test_mdn_url_keeps_a_fragment() -> None:
    assert (
        mdn_url("de", "/Web/API/DOMException#invalidstateerror")
        == "https://developer.mozilla.org/de/docs/Web/API/DOMException#invalidstateerror"
    )


def _build_page(build_project: BuildProject, text: str) -> Build:
    return build_project({"index": text}, extensions=["myst_parser", "webrtc_sphinx"])


def test_roles_render_code_or_text_links(build_project: BuildProject) -> None:
    build = _build_page(
        build_project,
        "# Page\n\n{mdn}`RTCRtpSender <Web/API/RTCRtpSender>` and "
        "{mdn-page}`the WebRTC API <Web/API/WebRTC_API>`.\n",
    )
    assert build.status == 0, build.warnings
    html = build.html()
    assert (
        'href="https://developer.mozilla.org/en-US/docs/Web/API/RTCRtpSender">'
        '<code class="docutils literal notranslate"><span class="pre">RTCRtpSender</span></code>'
    ) in html
    assert (
        'href="https://developer.mozilla.org/en-US/docs/Web/API/WebRTC_API">the WebRTC API</a>'
        in (html)
    )


def test_a_slug_outside_web_fails_the_build_with_file_and_line(
    build_project: BuildProject,
) -> None:
    build = _build_page(build_project, "# Page\n\nSee {mdn}`RTCRtpSender <API/RTCRtpSender>`.\n")
    assert build.status != 0
    assert "index.md:3" in build.warnings
    assert "MDN slug must start with 'Web/'" in build.warnings


def test_a_slug_of_a_page_of_this_site_links_that_page(build_project: BuildProject) -> None:
    toctree = "```{toctree}\napi/rtcrtpsender/index\napi/rtcrtpsender/replacetrack\n```\n"
    build = build_project({
        "index": "# Home\n\n" + toctree,
        "api/rtcrtpsender/index": "# RTCRtpSender\n\nSee {mdn}`replaceTrack() "
        "<Web/API/RTCRtpSender/replaceTrack>`, {mdn}`setStreams() "
        "<Web/API/RTCRtpSender/setStreams>` and {mdn}`the same page <Web/API/RTCRtpSender>`.\n",
        "api/rtcrtpsender/replacetrack": "# replaceTrack()\n\nSee "
        "{mdn}`RTCRtpSender <Web/API/RTCRtpSender>` and "
        "{mdn}`its track <Web/API/RTCRtpSender#track>`.\n",
    }, extensions=["myst_parser", "webrtc_sphinx"])  # fmt: skip
    assert build.status == 0, build.warnings
    interface = build.html("api/rtcrtpsender/index")
    assert 'href="replacetrack.html"><code' in interface
    assert 'href="https://developer.mozilla.org/en-US/docs/Web/API/RTCRtpSender/setStreams"' in (
        interface
    )
    method = build.html("api/rtcrtpsender/replacetrack")
    assert 'href="index.html"><code' in method
    # A fragment names a part of MDN's page, which this site may not have: it stays on MDN.
    assert 'href="https://developer.mozilla.org/en-US/docs/Web/API/RTCRtpSender#track"' in method


def test_an_api_documented_in_a_section_of_a_page_links_that_section(
    build_project: BuildProject,
) -> None:
    build = build_project({
        "index": "# Home\n\n```{toctree}\napi/rtcpeerconnection/signalingstate\n```\n\nSee "
        "{mdn}`signalingstatechange <Web/API/RTCPeerConnection/signalingstatechange_event>`.\n",
        "api/rtcpeerconnection/signalingstate": "# signalingState\n\n"
        "## The signalingstatechange event\n\nText.\n",
    }, extensions=["myst_parser", "webrtc_sphinx"])  # fmt: skip
    assert build.status == 0, build.warnings
    assert ('href="api/rtcpeerconnection/signalingstate.html#the-signalingstatechange-event">'
            "<code") in build.html("index")
