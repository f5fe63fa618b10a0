"""Bad SDP from the remote side: only the documented errors escape, and nothing changes."""

from __future__ import annotations

import asyncio

from hypothesis import given, settings
from hypothesis import strategies as st

from webrtc_reference import (
    InvalidAccessError,
    InvalidStateError,
    RTCError,
    RTCPeerConnection,
)

DOCUMENTED = (RTCError, InvalidAccessError, InvalidStateError)


def _valid_offer() -> str:
    async def make() -> str:
        peer = RTCPeerConnection()
        peer.addTransceiver("audio")
        peer.addTransceiver("video", {"direction": "recvonly"})
        return (await peer.createOffer()).sdp

    return asyncio.run(make())


OFFER_LINES = _valid_offer().split("\r\n")


async def _apply(sdp: str, sdp_type: str) -> tuple[str, int]:
    pc = RTCPeerConnection()
    pc.addTransceiver("audio")
    if sdp_type == "answer":
        await pc.setLocalDescription()
    before = (str(pc.signalingState), len(pc.getTransceivers()))
    try:
        await pc.setRemoteDescription({"type": sdp_type, "sdp": sdp})
    except DOCUMENTED:
        assert (str(pc.signalingState), len(pc.getTransceivers())) == before
    else:
        answer_or_stable = "stable" if sdp_type == "answer" else "have-remote-offer"
        assert pc.signalingState == answer_or_stable
        if sdp_type == "offer":
            await pc.setLocalDescription()  # and it can be answered
    return str(pc.signalingState), len(pc.getTransceivers())


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=200), sdp_type=st.sampled_from(["offer", "answer"]))
def test_arbitrary_text_rejects_with_documented_errors(text: str, sdp_type: str) -> None:
    asyncio.run(_apply(text, sdp_type))


@settings(max_examples=80, deadline=None)
@given(
    drop=st.lists(st.integers(0, len(OFFER_LINES) - 1), max_size=3),
    duplicate=st.lists(st.integers(0, len(OFFER_LINES) - 1), max_size=2),
    sdp_type=st.sampled_from(["offer", "answer"]),
)
def test_edited_browser_like_offer_rejects_or_applies(
    drop: list[int], duplicate: list[int], sdp_type: str
) -> None:
    lines = [line for index, line in enumerate(OFFER_LINES) if index not in drop]
    for index in duplicate:
        if index < len(lines):
            lines.insert(index, lines[index])
    asyncio.run(_apply("\r\n".join(lines), sdp_type))
