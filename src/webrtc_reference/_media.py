"""MediaStreamTrack, MediaStream and navigator.mediaDevices.getUserMedia (Media Capture).

Local tracks are synthetic; remote tracks are created muted and unmute when the simulated
network delivers media (``_network``).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from webrtc_reference._dom.event_loop import queue_task, running_loop
from webrtc_reference._dom.events import Event, EventHandler, EventTarget
from webrtc_reference._enums import MEDIA_KINDS, MediaStreamTrackState
from webrtc_reference._spec import MEDIACAPTURE_URL


@dataclass(frozen=True, eq=False)
class MediaStreamTrackEvent(Event):
    """https://w3c.github.io/mediacapture-main/#mediastreamtrackevent"""

    track: MediaStreamTrack = field(kw_only=True)


def _new_id() -> str:
    return str(uuid.uuid4())


class MediaStreamTrack(EventTarget):
    """https://w3c.github.io/mediacapture-main/#mediastreamtrack"""

    onmute = EventHandler("mute", MEDIACAPTURE_URL)
    onunmute = EventHandler("unmute", MEDIACAPTURE_URL)
    onended = EventHandler("ended", MEDIACAPTURE_URL)

    def __init__(self, kind: str, label: str = "", *, muted: bool = False) -> None:
        super().__init__()
        if kind not in MEDIA_KINDS:
            raise TypeError(f"MediaStreamTrack kind must be 'audio' or 'video', not {kind!r}")
        self._id = _new_id()
        self._kind = kind
        self._label = label
        self._enabled = True
        self._muted = muted
        self._ready_state = MediaStreamTrackState.LIVE

    @property
    def id(self) -> str:
        """Spec: https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-id"""
        return self._id

    @property
    def kind(self) -> str:
        """Spec: https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-kind"""
        return self._kind

    @property
    def label(self) -> str:
        """Spec: https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-label"""
        return self._label

    @property
    def enabled(self) -> bool:
        """Spec: https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-enabled"""
        return self._enabled

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self._enabled = bool(value)

    @property
    def muted(self) -> bool:
        """Spec: https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-muted"""
        return self._muted

    @property
    def readyState(self) -> MediaStreamTrackState:
        """Spec: https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-readystate"""
        return self._ready_state

    def stop(self) -> None:
        """End the track without an ``ended`` event.

        Spec: https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-stop
        """
        self._ready_state = MediaStreamTrackState.ENDED

    def clone(self) -> MediaStreamTrack:
        """A new track of the same kind, label and state, with a new id.

        Spec: https://w3c.github.io/mediacapture-main/#dom-mediastreamtrack-clone
        """
        copy = MediaStreamTrack(self._kind, self._label, muted=self._muted)
        copy._enabled = self._enabled
        copy._ready_state = self._ready_state
        return copy

    def _set_muted(self, muted: bool) -> None:
        """Set a track's muted state: an event only when the state changes.

        Spec: https://w3c.github.io/webrtc-pc/#set-track-muted
        """
        if self._muted == muted:
            return
        self._muted = muted
        self._fire(Event("mute" if muted else "unmute"))

    def _end(self) -> None:
        """The track ends for a reason other than stop(): a queued task ends it and fires.

        Spec: https://w3c.github.io/mediacapture-main/#track-ended
        """

        def task() -> None:
            # Step 1.
            if self._ready_state is MediaStreamTrackState.ENDED:
                return
            # Step 2.
            self._ready_state = MediaStreamTrackState.ENDED
            # Steps 3-4.
            self._fire(Event("ended"))

        queue_task(task)

    def __repr__(self) -> str:
        return f"<MediaStreamTrack kind={self._kind} id={self._id} {self._ready_state}>"


class MediaStream(EventTarget):
    """https://w3c.github.io/mediacapture-main/#mediastream"""

    onaddtrack = EventHandler("addtrack", MEDIACAPTURE_URL)
    onremovetrack = EventHandler("removetrack", MEDIACAPTURE_URL)

    def __init__(self, streamOrTracks: MediaStream | Iterable[MediaStreamTrack] | None = None,
                 ) -> None:
        super().__init__()
        self._id = _new_id()
        self._tracks: dict[MediaStreamTrack, None] = {}  # an ordered set
        if streamOrTracks is None:
            return
        tracks = streamOrTracks.getTracks() if isinstance(streamOrTracks, MediaStream) else list(
            _iterate_tracks(streamOrTracks))
        for track in tracks:
            _check_track(track, "MediaStream()")
            self._tracks[track] = None

    @classmethod
    def _remote(cls, stream_id: str) -> MediaStream:
        """A stream the connection creates for a remote msid; its id is that msid."""
        stream = cls()
        stream._id = stream_id
        return stream

    @property
    def id(self) -> str:
        """Spec: https://w3c.github.io/mediacapture-main/#dom-mediastream-id"""
        return self._id

    @property
    def active(self) -> bool:
        """Spec: https://w3c.github.io/mediacapture-main/#dom-mediastream-active"""
        return any(track.readyState == MediaStreamTrackState.LIVE for track in self._tracks)

    def getTracks(self) -> list[MediaStreamTrack]:
        """Spec: https://w3c.github.io/mediacapture-main/#dom-mediastream-gettracks"""
        return list(self._tracks)

    def getAudioTracks(self) -> list[MediaStreamTrack]:
        """Spec: https://w3c.github.io/mediacapture-main/#dom-mediastream-getaudiotracks"""
        return [track for track in self._tracks if track.kind == "audio"]

    def getVideoTracks(self) -> list[MediaStreamTrack]:
        """Spec: https://w3c.github.io/mediacapture-main/#dom-mediastream-getvideotracks"""
        return [track for track in self._tracks if track.kind == "video"]

    def getTrackById(self, trackId: str) -> MediaStreamTrack | None:
        """Spec: https://w3c.github.io/mediacapture-main/#dom-mediastream-gettrackbyid"""
        return next((track for track in self._tracks if track.id == trackId), None)

    def addTrack(self, track: MediaStreamTrack) -> None:
        """Add *track*; no event fires for a script call.

        Spec: https://w3c.github.io/mediacapture-main/#dom-mediastream-addtrack
        """
        _check_track(track, "MediaStream.addTrack()")
        self._tracks[track] = None

    def removeTrack(self, track: MediaStreamTrack) -> None:
        """Remove *track*; no event fires for a script call.

        Spec: https://w3c.github.io/mediacapture-main/#dom-mediastream-removetrack
        """
        _check_track(track, "MediaStream.removeTrack()")
        self._tracks.pop(track, None)

    def clone(self) -> MediaStream:
        """A new stream holding clones of the tracks.

        Spec: https://w3c.github.io/mediacapture-main/#dom-mediastream-clone
        """
        return MediaStream([track.clone() for track in self._tracks])

    def _add_track(self, track: MediaStreamTrack) -> None:
        """Add a track (the UA's algorithm): fires ``addtrack`` unless already there.

        Spec: https://w3c.github.io/webrtc-pc/#add-track
        """
        if track in self._tracks:
            return
        self._tracks[track] = None
        self._fire(MediaStreamTrackEvent("addtrack", track=track))

    def _remove_track(self, track: MediaStreamTrack) -> None:
        """Remove a track (the UA's algorithm): fires ``removetrack`` unless already gone.

        Spec: https://w3c.github.io/webrtc-pc/#remove-track
        """
        if track not in self._tracks:
            return
        del self._tracks[track]
        self._fire(MediaStreamTrackEvent("removetrack", track=track))

    def __repr__(self) -> str:
        return f"<MediaStream id={self._id} tracks={len(self._tracks)}>"


def _iterate_tracks(value: Any) -> Iterable[Any]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError("MediaStream() takes a MediaStream or a sequence of MediaStreamTracks")
    return value


def _check_track(track: object, where: str) -> None:
    if not isinstance(track, MediaStreamTrack):
        raise TypeError(f"{where}: argument is not a MediaStreamTrack")


class MediaDevices(EventTarget):
    """https://w3c.github.io/mediacapture-main/#mediadevices (getUserMedia only)."""

    def getUserMedia(self, constraints: Mapping[str, Any] | None = None,
                     ) -> asyncio.Future[MediaStream]:
        """Resolve to a MediaStream of live synthetic tracks of the kinds asked for.

        Spec: https://w3c.github.io/mediacapture-main/#dom-mediadevices-getusermedia
        """
        future: asyncio.Future[MediaStream] = running_loop().create_future()
        constraints = {} if constraints is None else constraints
        if not isinstance(constraints, Mapping):
            future.set_exception(TypeError("getUserMedia(): constraints must be a dictionary"))
            return future
        kinds = [kind for kind in MEDIA_KINDS if constraints.get(kind, False) not in (False, None)]
        if not kinds:
            future.set_exception(TypeError("getUserMedia(): ask for audio, video or both"))
            return future
        # Permission is granted at once and no device is opened, so the promise is already
        # resolved: awaiting it, like awaiting a resolved promise, runs no other task.
        tracks = [MediaStreamTrack(kind, f"synthetic {kind}") for kind in kinds]
        future.set_result(MediaStream(tracks))
        return future


class Navigator:
    """The part of ``navigator`` the examples use."""

    def __init__(self) -> None:
        self.mediaDevices = MediaDevices()


navigator = Navigator()
