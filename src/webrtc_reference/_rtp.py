"""The RTP media API: RTCRtpSender, RTCRtpReceiver and RTCRtpTransceiver, which owns them.

Spec: https://w3c.github.io/webrtc-pc/#rtp-media-api
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from typing import Protocol

from webrtc_reference._chain import OperationsChain
from webrtc_reference._dom.event_loop import queue_task, running_loop
from webrtc_reference._dom.exceptions import InvalidStateError
from webrtc_reference._enums import SENDING, RTCRtpTransceiverDirection
from webrtc_reference._media import MediaStream, MediaStreamTrack
from webrtc_reference._network import IceAgent


class OwningConnection(Protocol):
    """What a sender, a receiver and a transceiver need of the RTCPeerConnection that made it."""

    @property
    def _is_closed(self) -> bool: ...

    @property
    def _chain(self) -> OperationsChain: ...

    @property
    def _ice(self) -> IceAgent: ...

    def _update_negotiation_needed_flag(self) -> None: ...


def stream_ids(streams: Sequence[MediaStream]) -> list[str]:
    """The ids of *streams*, each once, in order (an ordered set)."""
    return list(dict.fromkeys(stream.id for stream in streams))


class RTCRtpSender:
    """https://w3c.github.io/webrtc-pc/#rtcrtpsender-interface"""

    def __init__(
        self,
        connection: OwningConnection,
        track: MediaStreamTrack | None,
        kind: str,
        streams: Sequence[MediaStream],
    ) -> None:
        self._connection = connection  # the connection that created it (removeTrack step 4)
        self._transceiver: RTCRtpTransceiver | None = None  # set by the transceiver
        self._kind = kind
        self._sender_track = track  # [[SenderTrack]]
        self._associated_media_stream_ids = stream_ids(streams)  # [[AssociatedMediaStreamIds]]
        # The msid appdata (RFC 8830) stays the same for the sender's life, as in Chromium.
        self._msid_track_id = track.id if track is not None else str(uuid.uuid4())

    @property
    def track(self) -> MediaStreamTrack | None:
        """The track being sent, or None.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcrtpsender-track
        """
        return self._sender_track

    @property
    def _owner(self) -> RTCRtpTransceiver:
        assert self._transceiver is not None  # set right after construction
        return self._transceiver

    def replaceTrack(self, withTrack: MediaStreamTrack | None) -> asyncio.Future[None]:
        """Send *withTrack* instead, without renegotiation; the direction stays.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcrtpsender-replacetrack
        """
        loop = running_loop()
        # Steps 1-3: sender, transceiver, connection.
        transceiver = self._owner
        connection = self._connection
        # Step 4 (WebIDL): the argument is a MediaStreamTrack or null.
        if withTrack is not None and not isinstance(withTrack, MediaStreamTrack):
            return _rejected(loop, TypeError("replaceTrack(): argument is not a MediaStreamTrack"))
        # Step 5.
        if withTrack is not None and withTrack.kind != self._kind:
            return _rejected(loop, TypeError(
                f"replaceTrack(): a {withTrack.kind} track on a {self._kind} sender"))

        def operation() -> asyncio.Future[None]:
            # Step 6.1.
            if transceiver._stopping:
                return _rejected(loop, InvalidStateError("replaceTrack() on a stopped transceiver"))
            # Steps 6.2-6.9: no media, so the in-parallel part always succeeds; then a task.
            p: asyncio.Future[None] = loop.create_future()

            def task() -> None:
                if connection._is_closed:
                    return
                self._sender_track = withTrack  # [[SenderTrack]]
                connection._ice.update()  # media flows again, or stops, at once
                p.set_result(None)

            queue_task(task)
            return p

        # Step 6: chained.
        return connection._chain.chain(operation)

    def setStreams(self, *streams: MediaStream) -> None:
        """Replace the stream ids sent in a=msid; negotiation is needed.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcrtpsender-setstreams
        """
        for stream in streams:
            if not isinstance(stream, MediaStream):
                raise TypeError("setStreams(): argument is not a MediaStream")
        # Step 1-2.
        connection = self._connection
        # Step 3.
        if connection._is_closed:
            raise InvalidStateError("setStreams() on a closed RTCPeerConnection")
        running_loop()  # step 6 queues a task: fail before changing anything
        # Steps 4-5.
        self._associated_media_stream_ids = stream_ids(streams)
        # Step 6.
        connection._update_negotiation_needed_flag()

    def __repr__(self) -> str:
        return f"<RTCRtpSender kind={self._kind} track={self._sender_track!r}>"


class RTCRtpReceiver:
    """https://w3c.github.io/webrtc-pc/#rtcrtpreceiver-interface"""

    def __init__(self, connection: OwningConnection, kind: str) -> None:
        self._connection = connection
        # Created muted, never null; it unmutes when (simulated) RTP arrives.
        # [[ReceiverTrack]]
        self._receiver_track = MediaStreamTrack(kind, f"remote {kind}", muted=True)
        # [[AssociatedRemoteMediaStreams]]
        self._associated_remote_media_streams: list[MediaStream] = []
        # [[LastStableStateAssociatedRemoteMediaStreams]]
        self._last_stable_associated_remote_media_streams: list[MediaStream] = []

    @property
    def track(self) -> MediaStreamTrack:
        """The remote track this receiver delivers.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtpreceiver-track
        """
        return self._receiver_track

    def __repr__(self) -> str:
        return f"<RTCRtpReceiver kind={self._receiver_track.kind}>"


def _rejected(loop: asyncio.AbstractEventLoop, error: BaseException) -> asyncio.Future[None]:
    future: asyncio.Future[None] = loop.create_future()
    future.set_exception(error)
    return future


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
        connection: OwningConnection,
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
