"""RTCRtpSender and RTCRtpReceiver."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from webrtc_reference._event_loop import queue_task, running_loop
from webrtc_reference._exceptions import InvalidStateError
from webrtc_reference._media import MediaStream, MediaStreamTrack

if TYPE_CHECKING:
    from webrtc_reference._peerconnection import RTCPeerConnection
    from webrtc_reference._transceiver import RTCRtpTransceiver


def stream_ids(streams: Sequence[MediaStream]) -> list[str]:
    """The ids of *streams*, each once, in order (an ordered set)."""
    return list(dict.fromkeys(stream.id for stream in streams))


class RTCRtpSender:
    """https://w3c.github.io/webrtc-pc/#rtcrtpsender-interface"""

    def __init__(
        self,
        connection: RTCPeerConnection,
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

    def __init__(self, connection: RTCPeerConnection, kind: str) -> None:
        self._connection = connection
        # Created muted, never null; it unmutes only when RTP arrives, which never happens here.
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
