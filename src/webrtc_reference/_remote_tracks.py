"""Remote tracks: the streams and track events a remote description gives rise to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from webrtc_reference._enums import RECEIVING, RTCRtpTransceiverDirection
from webrtc_reference._media import MediaStream, MediaStreamTrack

if TYPE_CHECKING:
    from webrtc_reference._rtp import RTCRtpReceiver
    from webrtc_reference._transceiver import RTCRtpTransceiver

Direction = RTCRtpTransceiverDirection
StreamTrackList = list[tuple[MediaStream, MediaStreamTrack]]
TrackEventInits = list[dict[str, Any]]
NOT_RECEIVING = frozenset({Direction.SENDONLY, Direction.INACTIVE})


class RemoteTracks:
    """The connection's remote streams, cached by id, and the algorithms that update them."""

    def __init__(self) -> None:
        super().__init__()  # cooperative: RTCPeerConnection's EventTarget comes next
        self._remote_streams: dict[str, MediaStream] = {}  # created for this connection, by id

    def _process_remote_tracks(
        self,
        transceiver: RTCRtpTransceiver,
        direction: Direction | None,
        msids: list[str],
        add_list: StreamTrackList,
        remove_list: StreamTrackList,
        track_event_inits: TrackEventInits,
        mute_tracks: list[MediaStreamTrack],
    ) -> None:
        """Spec: https://w3c.github.io/webrtc-pc/#process-remote-tracks"""
        added_before = len(add_list)
        # Step 1.
        self._set_associated_remote_streams(transceiver._receiver, msids, add_list, remove_list)
        # Step 2.
        if (direction in RECEIVING and transceiver._fired_direction not in RECEIVING) or len(
            add_list
        ) > added_before:
            self._process_the_addition_of_a_remote_track(transceiver, track_event_inits)
        # Step 3.
        if direction in NOT_RECEIVING:
            transceiver._receptive = False  # [[Receptive]]
        # Step 4.
        if direction in NOT_RECEIVING and transceiver._fired_direction in RECEIVING:
            self._process_the_removal_of_a_remote_track(transceiver, mute_tracks)
        # Step 5.
        transceiver._fired_direction = direction  # [[FiredDirection]]

    def _set_associated_remote_streams(
        self,
        receiver: RTCRtpReceiver,
        msids: list[str],
        add_list: StreamTrackList,
        remove_list: StreamTrackList,
    ) -> None:
        """Spec: https://w3c.github.io/webrtc-pc/#set-associated-remote-streams"""
        # Step 1: the connection is self.
        # Steps 2-3: one MediaStream per id for the life of the connection.
        streams = []
        for msid in dict.fromkeys(msids):
            stream = self._remote_streams.get(msid)
            if stream is None:
                stream = self._remote_streams[msid] = MediaStream._remote(msid)
            streams.append(stream)
        # Step 4.
        track = receiver._receiver_track
        old = receiver._associated_remote_media_streams
        # Step 5.
        remove_list.extend((stream, track) for stream in old if stream not in streams)
        # Step 6.
        add_list.extend((stream, track) for stream in streams if stream not in old)
        # Step 7.
        receiver._associated_remote_media_streams = streams  # [[AssociatedRemoteMediaStreams]]

    @staticmethod
    def _process_the_addition_of_a_remote_track(
        transceiver: RTCRtpTransceiver, track_event_inits: TrackEventInits
    ) -> None:
        """Spec: https://w3c.github.io/webrtc-pc/#process-remote-track-addition"""
        # Steps 1-3.
        receiver = transceiver._receiver
        track = receiver._receiver_track
        streams = list(receiver._associated_remote_media_streams)
        # Step 4.
        track_event_inits.append(
            {"receiver": receiver, "track": track, "streams": streams, "transceiver": transceiver}
        )

    @staticmethod
    def _process_the_removal_of_a_remote_track(
        transceiver: RTCRtpTransceiver, mute_tracks: list[MediaStreamTrack]
    ) -> None:
        """Spec: https://w3c.github.io/webrtc-pc/#process-remote-track-removal"""
        # Steps 1-2.
        track = transceiver._receiver._receiver_track
        # Step 3: only a track that media had unmuted (over a connected transport).
        if not track.muted:
            mute_tracks.append(track)
