"""RTCIceCandidate and RTCPeerConnectionIceEvent (host candidates only)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from webrtc_reference._dom.events import Event


class RTCIceCandidate:
    """https://w3c.github.io/webrtc-pc/#rtcicecandidate-interface"""

    def __init__(self, candidateInitDict: Mapping[str, Any] | None = None) -> None:
        init = {} if candidateInitDict is None else candidateInitDict
        if not isinstance(init, Mapping):
            raise TypeError("RTCIceCandidate(): the argument must be a dictionary")
        candidate = init.get("candidate", "")
        mid = init.get("sdpMid")
        index = init.get("sdpMLineIndex")
        ufrag = init.get("usernameFragment")
        if not isinstance(candidate, str):
            raise TypeError("RTCIceCandidate(): 'candidate' must be a string")
        if mid is not None and not isinstance(mid, str):
            raise TypeError("RTCIceCandidate(): 'sdpMid' must be a string or None")
        if index is not None and (not isinstance(index, int) or isinstance(index, bool)
                                  or not 0 <= index < 2**16):
            raise TypeError("RTCIceCandidate(): 'sdpMLineIndex' must be an unsigned short")
        if ufrag is not None and not isinstance(ufrag, str):
            raise TypeError("RTCIceCandidate(): 'usernameFragment' must be a string or None")
        # Constructor step 1.
        if mid is None and index is None:
            raise TypeError("RTCIceCandidate(): sdpMid and sdpMLineIndex are both null")
        self._candidate: str = candidate
        self._sdp_mid: str | None = mid
        self._sdp_m_line_index: int | None = index
        self._username_fragment: str | None = ufrag

    @property
    def candidate(self) -> str:
        """The candidate-attribute (RFC 8839) without "a=", or "" for end-of-candidates.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcicecandidate-candidate
        """
        return self._candidate

    @property
    def sdpMid(self) -> str | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-rtcicecandidate-sdpmid"""
        return self._sdp_mid

    @property
    def sdpMLineIndex(self) -> int | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-rtcicecandidate-sdpmlineindex"""
        return self._sdp_m_line_index

    @property
    def usernameFragment(self) -> str | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-rtcicecandidate-usernamefragment"""
        return self._username_fragment

    @property
    def address(self) -> str | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-rtcicecandidate-address"""
        fields = self._candidate.split()
        return fields[4] if len(fields) > 7 else None

    @property
    def port(self) -> int | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-rtcicecandidate-port"""
        fields = self._candidate.split()
        return int(fields[5]) if len(fields) > 7 and fields[5].isdigit() else None

    def toJSON(self) -> dict[str, Any]:
        """RTCIceCandidateInit, as JSON.stringify gives it.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcicecandidate-tojson
        """
        return {"candidate": self._candidate, "sdpMid": self._sdp_mid,
                "sdpMLineIndex": self._sdp_m_line_index,
                "usernameFragment": self._username_fragment}

    def __repr__(self) -> str:
        return f"<RTCIceCandidate {self._candidate!r} sdpMid={self._sdp_mid}>"


@dataclass(frozen=True, eq=False)
class RTCPeerConnectionIceEvent(Event):
    """https://w3c.github.io/webrtc-pc/#rtcpeerconnectioniceevent (null: gathering is done)."""

    candidate: RTCIceCandidate | None = field(kw_only=True, default=None)
