"""The transitions table on the signalingState page says what the model's state table says.

The page writes JSEP's table by hand; this test reads it back and compares it, row by row,
with the model's table, so that neither can change alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from webrtc_reference._enums import RTCSdpType, RTCSignalingState, Side
from webrtc_reference._signaling import SIGNALING

PAGE = Path(__file__).resolve().parents[2] / "docs/api/rtcpeerconnection/signalingstate.md"
ROW = re.compile(r'^\| `"(?P<state>[a-z-]+)"` \| (?P<local>.*?) \| (?P<remote>.*?) \|$',
                 re.MULTILINE)
TRANSITION = re.compile(r'^(?P<type>offer|answer|pranswer|rollback) → (?:implicit rollback to '
                        r'`"stable"`, then )?`"(?P<next>[a-z-]+)"`$')
# Not a row of the table: setRemoteDescription() rolls the local offer back first (webrtc-pc,
# "set a session description"), then applies the offer in "stable".
IMPLICIT_ROLLBACK = (RTCSignalingState.HAVE_LOCAL_OFFER, Side.REMOTE, RTCSdpType.OFFER)


def page_transitions() -> dict[tuple[RTCSignalingState, Side, RTCSdpType], RTCSignalingState]:
    table = {}
    for row in ROW.finditer(PAGE.read_text(encoding="utf-8")):
        for side, cell in ((Side.LOCAL, row["local"]), (Side.REMOTE, row["remote"])):
            if cell == "none":
                continue
            for text in cell.split("<br>"):
                match = TRANSITION.match(text)
                assert match, f"{PAGE.name}: cannot read {text!r}"
                key = (RTCSignalingState(row["state"]), side, RTCSdpType(match["type"]))
                table[key] = RTCSignalingState(match["next"])
    return table


def test_the_page_lists_every_state() -> None:
    states = {state for state, _, _ in page_transitions()}
    assert states == set(RTCSignalingState) - {RTCSignalingState.CLOSED}


def test_the_page_table_is_the_model_table() -> None:
    page = page_transitions()
    assert page.pop(IMPLICIT_ROLLBACK) == RTCSignalingState.HAVE_REMOTE_OFFER
    assert page == dict(SIGNALING)
