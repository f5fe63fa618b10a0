"""The description slots of an RTCPeerConnection and the last offer and answer it created."""

from __future__ import annotations

from dataclasses import dataclass, field

from webrtc_reference._description import RTCSessionDescription
from webrtc_reference._enums import RTCSdpType, Side
from webrtc_reference._jsep import Owners


@dataclass
class DescriptionSlots:
    """[[Pending/CurrentLocal/RemoteDescription]], [[LastCreatedOffer/Answer]]."""

    pending_local: RTCSessionDescription | None = None  # [[PendingLocalDescription]]
    current_local: RTCSessionDescription | None = None  # [[CurrentLocalDescription]]
    pending_remote: RTCSessionDescription | None = None  # [[PendingRemoteDescription]]
    current_remote: RTCSessionDescription | None = None  # [[CurrentRemoteDescription]]
    last_created_offer: str = ""  # [[LastCreatedOffer]]
    last_created_answer: str = ""  # [[LastCreatedAnswer]]
    # The transceiver behind each m-section of the last created offer and answer.
    last_offer_owners: Owners = field(default_factory=list)
    last_answer_owners: Owners = field(default_factory=list)

    @property
    def local(self) -> RTCSessionDescription | None:
        """localDescription: the pending one if there is one, else the current one."""
        return self.pending_local or self.current_local

    @property
    def remote(self) -> RTCSessionDescription | None:
        """remoteDescription: the pending one if there is one, else the current one."""
        return self.pending_remote or self.current_remote

    def before(self, sdp_type: RTCSdpType) -> RTCSessionDescription | None:
        """The description whose m-lines a remote one must keep (RFC 9429 §5.7, §5.8)."""
        if sdp_type is RTCSdpType.OFFER:
            return self.current_remote or self.pending_local or self.current_local
        return self.pending_local

    def set(self, description: RTCSessionDescription, side: Side) -> None:
        """Set a session description steps 4.7.5-4.7.6: the pending and current slots."""
        final = description.type is RTCSdpType.ANSWER
        if side is Side.LOCAL and final:
            self.current_local = description
            self.current_remote = self.pending_remote
        elif side is Side.REMOTE and final:
            self.current_remote = description
            self.current_local = self.pending_local
        elif side is Side.LOCAL:
            self.pending_local = description
        else:
            self.pending_remote = description
        if final:
            self.pending_local = self.pending_remote = None
            self.last_created_offer = self.last_created_answer = ""
            self.last_offer_owners, self.last_answer_owners = [], []

    def clear_pending(self) -> None:
        """Rollback step 4.7.12.4."""
        self.pending_local = self.pending_remote = None
