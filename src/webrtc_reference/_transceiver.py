"""RTCRtpTransceiver: direction, currentDirection, mid, stop(), and the stop algorithms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webrtc_reference._enums import SENDING, RTCRtpTransceiverDirection
from webrtc_reference._event_loop import running_loop
from webrtc_reference._exceptions import InvalidStateError
from webrtc_reference._rtp import RTCRtpReceiver, RTCRtpSender

if TYPE_CHECKING:
    from webrtc_reference._peerconnection import RTCPeerConnection

Direction = RTCRtpTransceiverDirection


def to_direction(value: object, where: str) -> Direction:
    """WebIDL enum conversion; unlike JavaScript, a bad value raises TypeError."""
    if not isinstance(value, str) or value not in Direction.__members__.values():
        raise TypeError(f"{where}: {value!r} is not an RTCRtpTransceiverDirection")
    return Direction(value)


class RTCRtpTransceiver:
    """https://w3c.github.io/webrtc-pc/#rtcrtptransceiver-interface"""

    def __init__(
        self,
        connection: RTCPeerConnection,
        sender: RTCRtpSender,
        receiver: RTCRtpReceiver,
        direction: Direction,
    ) -> None:
        self._connection = connection
        self._sender = sender  # [[Sender]]
        self._receiver = receiver  # [[Receiver]]
        self._stopping = False  # [[Stopping]]
        self._stopped = False  # [[Stopped]]
        self._direction = direction  # [[Direction]]
        self._receptive = False  # [[Receptive]]
        self._current_direction: Direction | None = None  # [[CurrentDirection]]
        self._fired_direction: Direction | None = None  # [[FiredDirection]]
        self._jsep_mid: str | None = None  # [[JsepMid]]
        self._mid: str | None = None  # [[Mid]]
        # Facts the spec uses but keeps no slot for:
        self._added_via_add_track = False  # created by, or given a track via, addTrack()
        self._has_ever_sent = False  # [[CurrentDirection]] was once sendrecv or sendonly
        self._created_by_remote_offer = False  # created while a remote offer was pending
        self._last_stable_mid: str | None = None  # [[Mid]] when the pending offer was set
        sender._transceiver = self

    @property
    def _kind(self) -> str:
        """The transceiver kind: its receiver track's kind (not an IDL attribute)."""
        return self._receiver._receiver_track.kind

    @property
    def mid(self) -> str | None:
        """The negotiated mid, or None before association.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtptransceiver-mid
        """
        return self._mid

    @property
    def sender(self) -> RTCRtpSender:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-rtcrtptransceiver-sender"""
        return self._sender

    @property
    def receiver(self) -> RTCRtpReceiver:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-rtcrtptransceiver-receiver"""
        return self._receiver

    @property
    def direction(self) -> Direction:
        """The preferred direction; "stopped" once stop() was called.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcrtptransceiver-direction
        """
        return Direction.STOPPED if self._stopping else self._direction

    @direction.setter
    def direction(self, value: str) -> None:
        new_direction = to_direction(value, "RTCRtpTransceiver.direction")
        # Steps 1-2: transceiver is self, connection is self._connection.
        # Step 3.
        if self._stopping:
            raise InvalidStateError("cannot set the direction of a stopped transceiver")
        # Steps 4-5.
        if new_direction == self._direction:
            return
        # Step 6.
        if new_direction is Direction.STOPPED:
            raise TypeError("direction cannot be set to 'stopped': call stop()")
        running_loop()  # step 8 queues a task: fail before changing anything
        # Step 7.
        self._direction = new_direction
        # Step 8.
        self._connection._update_negotiation_needed_flag()

    @property
    def currentDirection(self) -> Direction | None:
        """The negotiated direction: None before the first answer, "stopped" once stopped.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcrtptransceiver-currentdirection
        """
        return Direction.STOPPED if self._stopped else self._current_direction

    def stop(self) -> None:
        """Stop sending and receiving now; the next offer rejects the m-section.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcrtptransceiver-stop
        """
        # Steps 1-2.
        connection = self._connection
        # Step 3.
        if connection._is_closed:
            raise InvalidStateError("stop() on a transceiver of a closed RTCPeerConnection")
        # Step 4.
        if self._stopping:
            return
        running_loop()  # steps 5-6 queue tasks: fail before changing anything
        # Step 5.
        self._stop_sending_and_receiving()
        # Step 6.
        connection._update_negotiation_needed_flag()

    def _stop_sending_and_receiving(self, disappear: bool = False) -> None:
        """Spec: https://w3c.github.io/webrtc-pc/#dfn-stop-sending-and-receiving"""
        # Steps 1-4: no media flows, so there is nothing to stop sending or receiving.
        # Step 5.
        if not disappear:
            self._receiver.track._end()
        # Step 6.
        self._direction = Direction.INACTIVE
        # Step 7.
        self._stopping = True

    def _stop_the_transceiver(self, disappear: bool = False) -> None:
        """Spec: https://w3c.github.io/webrtc-pc/#dfn-stop-the-rtcrtptransceiver"""
        # Step 1.
        receiver = self._receiver
        # Step 2.
        if not self._stopping:
            self._stop_sending_and_receiving(disappear)
        # Step 3.
        self._stopped = True
        # Step 4.
        self._receptive = False
        # Step 5.
        self._current_direction = None
        # Steps 6-7.
        receiver._associated_remote_media_streams = []
        receiver._last_stable_associated_remote_media_streams = []

    def _set_current_direction(self, direction: Direction) -> None:
        self._current_direction = direction  # [[CurrentDirection]]
        if direction in SENDING:
            self._has_ever_sent = True

    def __repr__(self) -> str:
        return f"<RTCRtpTransceiver mid={self._mid} direction={self.direction}>"
