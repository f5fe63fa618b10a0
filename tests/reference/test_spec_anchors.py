"""Every public method and attribute names its spec anchor, built by the _spec helper."""

from __future__ import annotations

import inspect
import re

import pytest

import webrtc_reference
from webrtc_reference import _spec

SPEC_LINE = re.compile(r"Spec: (\S+)")
# (interface, member) -> the URL the docstring must give, from the helper.
WEBRTC_MEMBERS = {
    "RTCPeerConnection": [
        "addTrack", "removeTrack", "addTransceiver", "getSenders", "getReceivers",
        "getTransceivers", "createOffer", "createAnswer", "setLocalDescription",
        "setRemoteDescription", "close", "signalingState", "localDescription",
        "remoteDescription", "currentLocalDescription", "pendingLocalDescription",
        "currentRemoteDescription", "pendingRemoteDescription",
    ],
    "RTCRtpTransceiver": ["mid", "sender", "receiver", "direction", "currentDirection", "stop"],
    "RTCRtpSender": ["track", "replaceTrack", "setStreams"],
    "RTCRtpReceiver": ["track"],
}
CASES = [(i, m) for i, members in WEBRTC_MEMBERS.items() for m in members]


def _doc(interface: str, member: str) -> str:
    value = inspect.getattr_static(getattr(webrtc_reference, interface), member)
    return inspect.getdoc(value) or ""


@pytest.mark.parametrize(("interface", "member"), CASES, ids=[f"{i}.{m}" for i, m in CASES])
def test_public_member_spec_line_matches_anchor_helper(interface: str, member: str) -> None:
    found = SPEC_LINE.findall(_doc(interface, member))
    assert found == [_spec.anchor(interface, member)]


def test_every_public_method_has_a_spec_line() -> None:
    """No public callable of the exported classes lacks its "Spec:" line."""
    missing = []
    for name in ("RTCPeerConnection", "RTCRtpTransceiver", "RTCRtpSender", "RTCRtpReceiver",
                 "MediaStreamTrack"):
        cls = getattr(webrtc_reference, name)
        for member, value in vars(cls).items():
            if member.startswith("_") or not (callable(value) or isinstance(value, property)):
                continue
            if not SPEC_LINE.search(inspect.getdoc(value) or ""):
                missing.append(f"{name}.{member}")
    assert missing == []


def test_spec_is_pinned() -> None:
    assert _spec.SPEC_URL == "https://w3c.github.io/webrtc-pc/"
    assert _spec.SPEC_COMMIT == "1a2dfb4"
    assert _spec.anchor("RTCPeerConnection", "removeTrack") == (
        "https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-removetrack")
    assert _spec.algorithm("update the negotiation-needed flag") == (
        "https://w3c.github.io/webrtc-pc/#dfn-update-the-negotiation-needed-flag")
    assert _spec.algorithm("set a session description").endswith("#set-description")
