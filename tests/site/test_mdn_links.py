"""The {mdn} roles: MDN URLs in the reader's language, and a clear error for a bad slug."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_site import BuildError, build_language
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


def _build_page(tmp_path: Path, text: str) -> str:
    source = tmp_path / "docs"
    source.mkdir()
    (source / "index.md").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build_language("en", out, tmp_path / "doctrees", source_dir=source)
    return (out / "index.html").read_text(encoding="utf-8")


def test_roles_render_code_or_text_links(tmp_path: Path) -> None:
    html = _build_page(
        tmp_path,
        "# Page\n\n{mdn}`RTCRtpSender <Web/API/RTCRtpSender>` and "
        "{mdn-page}`the WebRTC API <Web/API/WebRTC_API>`.\n",
    )
    assert (
        'href="https://developer.mozilla.org/en-US/docs/Web/API/RTCRtpSender">'
        '<code class="docutils literal notranslate"><span class="pre">RTCRtpSender</span></code>'
    ) in html
    assert (
        'href="https://developer.mozilla.org/en-US/docs/Web/API/WebRTC_API">the WebRTC API</a>'
        in (html)
    )


def test_a_slug_outside_web_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as failure:
        _build_page(tmp_path, "# Page\n\nSee {mdn}`RTCRtpSender <API/RTCRtpSender>`.\n")
    assert "index.md:3" in str(failure.value)
    assert "MDN slug must start with 'Web/'" in str(failure.value)
