"""Every public method and attribute names its spec anchor, built by the _spec helper."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from dataclasses import is_dataclass

import pytest

import webrtc_reference
from webrtc_reference import _spec
from webrtc_reference._dom.events import EventHandler

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


SPEC_BASES = ("https://w3c.github.io/webrtc-pc/#", "https://w3c.github.io/mediacapture-main/#",
              "https://dom.spec.whatwg.org/#")
INTERFACES = [name for name in webrtc_reference.__all__
              if inspect.isclass(cls := getattr(webrtc_reference, name))
              and not issubclass(cls, (BaseException, str)) and not is_dataclass(cls)]


def _public_members(cls: type) -> Iterator[tuple[str, object]]:
    """Every public callable, property and event handler, inherited ones included."""
    for member in dir(cls):
        value = inspect.getattr_static(cls, member)
        attribute = isinstance(value, (property, EventHandler))
        if member.startswith("_") or not (callable(value) or attribute):
            continue
        yield member, value


def test_the_walk_covers_inherited_members_and_media_streams() -> None:
    members = {f"{name}.{member}" for name in INTERFACES
               for member, _ in _public_members(getattr(webrtc_reference, name))}
    assert {"MediaStream.getTracks", "RTCPeerConnection.addEventListener",
            "RTCPeerConnection.onnegotiationneeded", "MediaStreamTrack.onmute"} <= members


def test_every_public_member_has_a_spec_line() -> None:
    """No public member of an exported interface, inherited ones included, lacks "Spec:"."""
    missing = []
    for name in INTERFACES:
        for member, value in _public_members(getattr(webrtc_reference, name)):
            found = SPEC_LINE.findall(inspect.getdoc(value) or "")
            if len(found) != 1 or not found[0].startswith(SPEC_BASES):
                missing.append(f"{name}.{member}")
    assert missing == []


def test_event_handler_anchors_follow_respec() -> None:
    assert SPEC_LINE.findall(inspect.getdoc(webrtc_reference.RTCPeerConnection.ontrack) or "") == [
        "https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-ontrack"]
    assert SPEC_LINE.findall(inspect.getdoc(webrtc_reference.MediaStreamTrack.onmute) or "") == [
        "https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-onmute"]


def test_spec_is_pinned() -> None:
    assert _spec.SPEC_URL == "https://w3c.github.io/webrtc-pc/"
    assert _spec.SPEC_COMMIT == "1a2dfb4"
    assert _spec.anchor("RTCPeerConnection", "removeTrack") == (
        "https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-removetrack")
    assert _spec.algorithm("update the negotiation-needed flag") == (
        "https://w3c.github.io/webrtc-pc/#dfn-update-the-negotiation-needed-flag")
    assert _spec.algorithm("set a session description").endswith("#set-description")
