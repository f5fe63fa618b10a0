"""Remote tracks: the streams and track events a remote description gives rise to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from webrtc_reference._enums import RECEIVING, RTCRtpTransceiverDirection
from webrtc_reference._media import MediaStream, MediaStreamTrack
from webrtc_reference._rtp import RTCRtpReceiver, RTCRtpTransceiver

Direction = RTCRtpTransceiverDirection
StreamTrackList = list[tuple[MediaStream, MediaStreamTrack]]
NOT_RECEIVING = frozenset({Direction.SENDONLY, Direction.INACTIVE})


@dataclass
class TrackChanges:
    """What applying a description changes in remote tracks, collected first, then fired.

    The four lists of "set a session description" (step 4.7.9), in the order its steps
    4.7.17-4.7.20 work them off.
    """

    mute_tracks: list[MediaStreamTrack] = field(default_factory=list)  # muteTracks
    remove_list: StreamTrackList = field(default_factory=list)  # removeList
    add_list: StreamTrackList = field(default_factory=list)  # addList
    track_event_inits: list[dict[str, Any]] = field(default_factory=list)  # trackEventInits


class RemoteTracks:
    """The connection's remote streams, cached by id, and the algorithms that update them."""

    def __init__(self) -> None:
        self._streams: dict[str, MediaStream] = {}  # created for this connection, by id

    def process_remote_tracks(
        self, transceiver: RTCRtpTransceiver, direction: Direction | None, msids: list[str],
        changes: TrackChanges,
    ) -> None:
        """Spec: https://w3c.github.io/webrtc-pc/#process-remote-tracks"""
        added_before = len(changes.add_list)
        # Step 1.
        self.set_associated_remote_streams(transceiver._receiver, msids, changes)
        # Step 2.
        if (direction in RECEIVING and transceiver._fired_direction not in RECEIVING) or len(
            changes.add_list
        ) > added_before:
            process_the_addition_of_a_remote_track(transceiver, changes)
        # Step 3.
        if direction in NOT_RECEIVING:
            transceiver._receptive = False  # [[Receptive]]
        # Step 4.
        if direction in NOT_RECEIVING and transceiver._fired_direction in RECEIVING:
            process_the_removal_of_a_remote_track(transceiver, changes)
        # Step 5.
        transceiver._fired_direction = direction  # [[FiredDirection]]

    def set_associated_remote_streams(
        self, receiver: RTCRtpReceiver, msids: list[str], changes: TrackChanges
    ) -> None:
        """Spec: https://w3c.github.io/webrtc-pc/#set-associated-remote-streams"""
        # Step 1: the connection owns self.
        # Steps 2-3: one MediaStream per id for the life of the connection.
        streams = []
        for msid in dict.fromkeys(msids):
            stream = self._streams.get(msid)
            if stream is None:
                stream = self._streams[msid] = MediaStream._remote(msid)
            streams.append(stream)
        # Step 4.
        track = receiver._receiver_track
        old = receiver._associated_remote_media_streams
        # Step 5.
        changes.remove_list.extend((stream, track) for stream in old if stream not in streams)
        # Step 6.
        changes.add_list.extend((stream, track) for stream in streams if stream not in old)
        # Step 7.
        receiver._associated_remote_media_streams = streams  # [[AssociatedRemoteMediaStreams]]


def process_the_addition_of_a_remote_track(
    transceiver: RTCRtpTransceiver, changes: TrackChanges
) -> None:
    """Spec: https://w3c.github.io/webrtc-pc/#process-remote-track-addition"""
    # Steps 1-3.
    receiver = transceiver._receiver
    track = receiver._receiver_track
    streams = list(receiver._associated_remote_media_streams)
    # Step 4.
    changes.track_event_inits.append(
        {"receiver": receiver, "track": track, "streams": streams, "transceiver": transceiver}
    )


def process_the_removal_of_a_remote_track(
    transceiver: RTCRtpTransceiver, changes: TrackChanges
) -> None:
    """Spec: https://w3c.github.io/webrtc-pc/#process-remote-track-removal"""
    # Steps 1-2.
    track = transceiver._receiver._receiver_track
    # Step 3: only a track that media had unmuted (over a connected transport).
    if not track.muted:
        changes.mute_tracks.append(track)
