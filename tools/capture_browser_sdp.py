"""Capture real SDP from Chromium into tests/reference/sdp/data/chromium-*.sdp.

Drives Debian's headless Chromium through Playwright, offline, with synthetic tracks only
(a canvas captureStream() and an AudioContext destination, never a camera), through one
negotiation: offer, answer, a re-offer after removeTrack() and an offer after
transceiver.stop(). Beside the SDP files it writes chromium-ids.json: the stream and track ids
as the JavaScript API reports them, so that tests can check the msid lines against them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from browsers import CHROMIUM, launched

ROOT: Final = Path(__file__).resolve().parent.parent
DATA_DIR: Final = ROOT / "tests" / "reference" / "sdp" / "data"
FILES: Final = {
    "offer": "chromium-offer.sdp",
    "answer": "chromium-answer.sdp",
    "reoffer": "chromium-reoffer-removetrack.sdp",
    "stopped": "chromium-offer-stopped.sdp",
}
IDS_FILE: Final = "chromium-ids.json"

# Runs in the page. The caller sends audio+video in one stream; the callee answers with its
# own audio+video stream. Then the caller removes its video sender and re-offers (recvonly),
# completes that negotiation, stops the audio transceiver and offers again (port 0).
SCENARIO: Final = """
async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 160; canvas.height = 120;
  canvas.getContext("2d").fillRect(0, 0, 16, 16);
  const audioContext = new AudioContext();
  const tracks = () => {
    const destination = audioContext.createMediaStreamDestination();
    const oscillator = audioContext.createOscillator();
    oscillator.connect(destination);
    oscillator.start();
    return [destination.stream.getAudioTracks()[0], canvas.captureStream(10).getVideoTracks()[0]];
  };
  const caller = new RTCPeerConnection(), callee = new RTCPeerConnection();
  const callerStream = new MediaStream(tracks()), calleeStream = new MediaStream(tracks());
  const senders = callerStream.getTracks().map(t => caller.addTrack(t, callerStream));
  calleeStream.getTracks().forEach(t => callee.addTrack(t, calleeStream));
  const negotiate = async () => {
    const offer = await caller.createOffer();
    await caller.setLocalDescription(offer);
    await callee.setRemoteDescription(offer);
    const answer = await callee.createAnswer();
    await callee.setLocalDescription(answer);
    await caller.setRemoteDescription(answer);
    return [offer.sdp, answer.sdp];
  };
  const [offer, answer] = await negotiate();
  caller.removeTrack(senders.find(s => s.track.kind === "video"));
  const [reoffer] = await negotiate();
  caller.getTransceivers().find(t => t.receiver.track.kind === "audio").stop();
  const stopped = (await caller.createOffer()).sdp;
  const ids = stream => ({
    stream: stream.id,
    audio: stream.getAudioTracks()[0].id,
    video: stream.getVideoTracks()[0].id,
  });
  const result = {
    sdp: {offer, answer, reoffer, stopped},
    ids: {caller: ids(callerStream), callee: ids(calleeStream), browser: navigator.userAgent},
  };
  caller.close(); callee.close(); await audioContext.close();
  return result;
}
"""


def capture(executable: str) -> dict[str, dict[str, object]]:
    """Run the scenario in Chromium; return {"sdp": {name: text}, "ids": {...}}."""
    with launched(CHROMIUM, executable) as browser:
        page = browser.new_page()
        result: dict[str, dict[str, object]] = page.evaluate(SCENARIO)
    return result


def write_fixtures(result: dict[str, dict[str, object]], out_dir: Path) -> list[Path]:
    """Write the SDP texts byte for byte (CRLF kept) and the ids file; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for key, name in FILES.items():
        text = result["sdp"][key]
        if not isinstance(text, str) or not text.startswith("v=0"):
            raise RuntimeError(f"Chromium returned no SDP for {key!r}")
        path = out_dir / name
        path.write_bytes(text.encode("ascii"))
        written.append(path)
    ids_path = out_dir / IDS_FILE
    ids_path.write_text(json.dumps(result["ids"], indent=2, sort_keys=True) + "\n", "utf-8")
    written.append(ids_path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--chromium",
        default=CHROMIUM.find(),
        help="Chromium binary (default: chromium on PATH)",
    )
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=DATA_DIR,
        help="where to write the fixtures (default: tests/reference/sdp/data)",
    )
    args = parser.parse_args(argv)
    if not args.chromium:
        print("error: no Chromium found; pass --chromium", file=sys.stderr)
        return 2
    for path in write_fixtures(capture(args.chromium), args.out_dir):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
