"""tools/capture_browser_sdp.py: a fresh capture has the shape of the committed fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import capture_browser_sdp
from webrtc_reference._sdp import SessionDescriptionSdp, parse_sdp

DATA = Path(__file__).parent / "data"


def shape(description: SessionDescriptionSdp) -> list[tuple[object, ...]]:
    """What does not change between captures: no ids, keys or random numbers."""
    return [
        (
            s.kind,
            s.mid,
            s.port,
            s.direction,
            len(s.msids),
            s.setup,
            s.rtcp_mux,
            [(c.payload_type, c.name, c.clock_rate, c.channels, c.fmtp) for c in s.codecs],
        )
        for s in description.media
    ]


def read(directory: Path, name: str) -> SessionDescriptionSdp:
    return parse_sdp((directory / name).read_bytes().decode("ascii"))


@pytest.mark.browser
def test_capture_writes_fixtures_shaped_like_the_committed_ones(
    chromium_executable: str, tmp_path: Path
) -> None:
    assert (
        capture_browser_sdp.main(["--chromium", chromium_executable, "--out-dir", str(tmp_path)])
        == 0
    )
    ids = json.loads((tmp_path / capture_browser_sdp.IDS_FILE).read_text("utf-8"))
    for name in capture_browser_sdp.FILES.values():
        assert (tmp_path / name).read_bytes().endswith(b"\r\n")
        fresh, committed = read(tmp_path, name), read(DATA, name)
        assert shape(fresh) == shape(committed), name
        assert fresh.bundle_groups == committed.bundle_groups
    offer = read(tmp_path, "chromium-offer.sdp")
    assert [s.msids for s in offer.media] == [
        [(ids["caller"]["stream"], ids["caller"]["audio"])],
        [(ids["caller"]["stream"], ids["caller"]["video"])],
    ]


def test_capture_without_chromium_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert capture_browser_sdp.main(["--chromium", ""]) == 2
    assert "no Chromium found" in capsys.readouterr().err
