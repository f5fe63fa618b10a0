"""The pinned specification: its URL, commit, and anchors of the algorithms implemented here."""

from __future__ import annotations

from typing import Final

SPEC_URL: Final = "https://w3c.github.io/webrtc-pc/"
SPEC_COMMIT: Final = "1a2dfb4"
MEDIACAPTURE_URL: Final = "https://w3c.github.io/mediacapture-main/"

# Members whose <dfn> carries an explicit id in webrtc.html instead of ReSpec's generated one.
_EXPLICIT_IDS: Final = {
    ("RTCPeerConnection", "getSenders"): "dom-peerconnection-getsenders",
    ("RTCPeerConnection", "getReceivers"): "dom-peerconnection-getreceivers",
    ("RTCPeerConnection", "getTransceivers"): "dom-peerconnection-gettranseceivers",
    ("RTCPeerConnection", "setLocalDescription"): "dom-peerconnection-setlocaldescription",
    ("RTCPeerConnection", "setRemoteDescription"): "dom-peerconnection-setremotedescription",
    ("RTCPeerConnection", "localDescription"): "dom-peerconnection-localdescription",
    ("RTCPeerConnection", "remoteDescription"): "dom-peerconnection-remotedescription",
    ("RTCPeerConnection", "currentLocalDescription"): "dom-peerconnection-currentlocaldesc",
    ("RTCPeerConnection", "pendingLocalDescription"): "dom-peerconnection-pendinglocaldesc",
    ("RTCPeerConnection", "currentRemoteDescription"): "dom-peerconnection-currentremotedesc",
    ("RTCPeerConnection", "pendingRemoteDescription"): "dom-peerconnection-pendingremotedesc",
    ("RTCPeerConnection", "signalingState"): "dom-peerconnection-signaling-state",
    ("RTCRtpReceiver", "track"): "dom-rtpreceiver-track",
    ("RTCRtpTransceiver", "mid"): "dom-rtptransceiver-mid",
}


def anchor(interface: str, member: str) -> str:
    """The URL of an IDL member, e.g. anchor("RTCPeerConnection", "removeTrack").

    ReSpec names a member's anchor ``dom-<interface>-<member>`` in lower case, unless the
    source gives the <dfn> an id of its own.
    """
    fragment = _EXPLICIT_IDS.get((interface, member))
    if fragment is None:
        fragment = f"dom-{interface}-{member}".lower()
    return f"{SPEC_URL}#{fragment}"


def algorithm(term: str) -> str:
    """The URL of an algorithm <dfn>, e.g. algorithm("update the negotiation-needed flag")."""
    explicit = {
        "set a session description": "set-description",
        "process remote tracks": "process-remote-tracks",
        "set the associated remote streams": "set-associated-remote-streams",
        "chain an operation": "dfn-chain",
    }
    fragment = explicit.get(term, "dfn-" + term.lower().replace(" ", "-"))
    return f"{SPEC_URL}#{fragment}"
