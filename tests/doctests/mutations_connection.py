"""Mutations for the pages on the connection's senders and on the track and removetrack events.

Each function breaks one behaviour that a page claims; test_mutations.py checks that an example
of that page then fails. The names in PAGE_CLAIMS are the claims, as a reader would state them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import pytest

from webrtc_reference import (
    MediaStream,
    MediaStreamTrackEvent,
    RTCPeerConnection,
    RTCRtpSender,
    _apply,
    _remote_tracks,
)
from webrtc_reference._dom.events import Event
from webrtc_reference._enums import RECEIVING

Mutation = Callable[[pytest.MonkeyPatch], None]
original_get_senders = RTCPeerConnection.getSenders
# The event-target method, as a plain function of (target, event).
original_fire = cast(Callable[[Any, Event], None], RTCPeerConnection._fire)
original_process_remote_tracks = _remote_tracks.RemoteTracks.process_remote_tracks
original_addition = _remote_tracks.process_the_addition_of_a_remote_track


def _replace(monkeypatch: pytest.MonkeyPatch, name: str, method: Callable[..., Any]) -> None:
    monkeypatch.setattr(RTCPeerConnection, name, method)


# -- getSenders() ------------------------------------------------------------------------------


def senders_reversed(monkeypatch: pytest.MonkeyPatch) -> None:
    _replace(monkeypatch, "getSenders", lambda self: original_get_senders(self)[::-1])


def same_array_each_call(monkeypatch: pytest.MonkeyPatch) -> None:
    cache: dict[int, list[RTCRtpSender]] = {}

    def get_senders(self: RTCPeerConnection) -> list[RTCRtpSender]:
        senders = cache.setdefault(id(self), [])
        senders[:] = original_get_senders(self)
        return senders

    _replace(monkeypatch, "getSenders", get_senders)


def stopping_sender_leaves(monkeypatch: pytest.MonkeyPatch) -> None:
    _replace(monkeypatch, "getSenders", lambda self: [
        t.sender for t in self.getTransceivers() if t.direction != "stopped"])


def stopped_sender_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    _replace(monkeypatch, "getSenders", lambda self: [t.sender for t in self.getTransceivers()])


def stopped_transceiver_stays_on_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_apply, "_remove_rejected_stopped_transceivers", lambda pc: None)


def rollback_keeps_transceivers(monkeypatch: pytest.MonkeyPatch) -> None:
    roll_back = _apply._roll_back

    def mutated(pc: Any, *args: Any) -> None:
        for transceiver in pc._transceivers:
            transceiver._created_by_remote_offer = False
        roll_back(pc, *args)

    monkeypatch.setattr(_apply, "_roll_back", mutated)


def close_clears_tracks(monkeypatch: pytest.MonkeyPatch) -> None:
    close = RTCPeerConnection.close

    def mutated(self: RTCPeerConnection) -> None:
        for transceiver in self.getTransceivers():
            transceiver.sender._sender_track = None
        close(self)

    _replace(monkeypatch, "close", mutated)


# -- The track event ---------------------------------------------------------------------------


def track_event_after_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    held: dict[int, list[Event]] = {}
    set_remote = RTCPeerConnection.setRemoteDescription

    def fire(self: RTCPeerConnection, event: Event) -> None:
        if event.type == "track":
            held.setdefault(id(self), []).append(event)
            return
        original_fire(self, event)

    def set_remote_description(self: RTCPeerConnection, *args: Any) -> Any:
        def release(_: Any) -> None:
            for event in held.pop(id(self), []):
                original_fire(self, event)

        applying = set_remote(self, *args)
        applying.add_done_callback(release)
        return applying

    _replace(monkeypatch, "_fire", fire)
    _replace(monkeypatch, "setRemoteDescription", set_remote_description)


def _replace_addition(monkeypatch: pytest.MonkeyPatch, change: Callable[[Any], None]) -> None:
    def addition(transceiver: Any, changes: Any) -> None:
        original_addition(transceiver, changes)
        change(changes.track_event_inits[-1])

    monkeypatch.setattr(_remote_tracks, "process_the_addition_of_a_remote_track", addition)


def streamless_track_gets_a_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    _replace_addition(monkeypatch, lambda init: init["streams"] or init.update(
        streams=[MediaStream()]))


def event_track_is_a_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    _replace_addition(monkeypatch, lambda init: init.update(track=init["track"].clone()))


def new_remote_track_unmuted(monkeypatch: pytest.MonkeyPatch) -> None:
    _replace_addition(monkeypatch, lambda init: setattr(init["track"], "_muted", False))


def answer_fires_no_track_event(monkeypatch: pytest.MonkeyPatch) -> None:
    apply = _apply._apply_remote_sections

    def mutated(pc: Any, sdp_type: Any, model: Any, changes: Any) -> None:
        inits = list(changes.track_event_inits)
        apply(pc, sdp_type, model, changes)
        if sdp_type == "answer":
            changes.track_event_inits[:] = inits

    monkeypatch.setattr(_apply, "_apply_remote_sections", mutated)


def track_event_every_negotiation(monkeypatch: pytest.MonkeyPatch) -> None:
    def process(self: Any, transceiver: Any, direction: Any, *args: Any) -> None:
        if direction in RECEIVING:
            transceiver._fired_direction = None
        original_process_remote_tracks(self, transceiver, direction, *args)

    monkeypatch.setattr(_remote_tracks.RemoteTracks, "process_remote_tracks", process)


def removal_fires_track_event(monkeypatch: pytest.MonkeyPatch) -> None:
    def process(self: Any, transceiver: Any, direction: Any, msids: Any, changes: Any) -> None:
        was_receiving = transceiver._fired_direction in RECEIVING
        original_process_remote_tracks(self, transceiver, direction, msids, changes)
        if was_receiving and direction not in RECEIVING:
            original_addition(transceiver, changes)

    monkeypatch.setattr(_remote_tracks.RemoteTracks, "process_remote_tracks", process)


# -- MediaStream: removetrack -------------------------------------------------------------------


def removetrack_after_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    held: list[tuple[MediaStream, Event]] = []
    fire = MediaStream._fire

    def hold(self: MediaStream, event: Event) -> None:
        if event.type == "removetrack":
            held.append((self, event))
            return
        fire(self, event)

    def release(_: Any) -> None:
        while held:
            stream, event = held.pop(0)
            fire(stream, event)

    def releasing(method: Callable[..., Any]) -> Callable[..., Any]:
        def call(self: RTCPeerConnection, *args: Any) -> Any:
            applying = method(self, *args)
            applying.add_done_callback(release)
            return applying
        return call

    monkeypatch.setattr(MediaStream, "_fire", hold)
    for name in ("setLocalDescription", "setRemoteDescription"):
        _replace(monkeypatch, name, releasing(getattr(RTCPeerConnection, name)))


def removetrack_before_removal(monkeypatch: pytest.MonkeyPatch) -> None:
    def remove_track(self: MediaStream, track: Any) -> None:
        if track in self.getTracks():
            self._fire(MediaStreamTrackEvent("removetrack", track=track))
            self.removeTrack(track)

    monkeypatch.setattr(MediaStream, "_remove_track", remove_track)


def sender_stream_fires_removetrack(monkeypatch: pytest.MonkeyPatch) -> None:
    add_track, remove_track = RTCPeerConnection.addTrack, RTCPeerConnection.removeTrack
    streams_of: dict[int, tuple[MediaStream, ...]] = {}

    def add(self: RTCPeerConnection, track: Any, *streams: MediaStream) -> RTCRtpSender:
        sender = add_track(self, track, *streams)
        streams_of[id(sender)] = streams
        return sender

    def remove(self: RTCPeerConnection, sender: Any) -> None:
        track = sender.track
        remove_track(self, sender)
        for stream in streams_of.get(id(sender), ()):
            stream._remove_track(track)

    _replace(monkeypatch, "addTrack", add)
    _replace(monkeypatch, "removeTrack", remove)


def script_removal_fires_removetrack(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MediaStream, "removeTrack", MediaStream._remove_track)


def local_answer_keeps_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    apply = _apply._apply_local_sections

    def mutated(pc: Any, sdp_type: Any, model: Any, owners: Any, changes: Any) -> None:
        removals = list(changes.remove_list)
        apply(pc, sdp_type, model, owners, changes)
        changes.remove_list[:] = removals

    monkeypatch.setattr(_apply, "_apply_local_sections", mutated)


GETSENDERS: dict[str, Mutation] = {
    "getSenders() is not in transceiver order": senders_reversed,
    "getSenders() returns the same array each time": same_array_each_call,
    "a stopping transceiver's sender leaves getSenders()": stopping_sender_leaves,
    "getSenders() lists the senders of stopped transceivers": stopped_sender_stays,
    "a rejected stopped transceiver stays on the connection":
        stopped_transceiver_stays_on_connection,
    "a rollback keeps the transceivers of the remote offer": rollback_keeps_transceivers,
    "close() sets sender.track to null": close_clears_tracks,
}
TRACK_EVENT: dict[str, Mutation] = {
    "the track event fires after setRemoteDescription() resolves": track_event_after_resolve,
    "a track without a stream gets one in event.streams": streamless_track_gets_a_stream,
    "event.track is not the receiver's track": event_track_is_a_copy,
    "a new remote track is not muted": new_remote_track_unmuted,
    "a remote answer fires no track event": answer_fires_no_track_event,
    "the track event fires at every negotiation": track_event_every_negotiation,
    "a removal fires a track event": removal_fires_track_event,
}
REMOVETRACK_EVENT: dict[str, Mutation] = {
    "removetrack fires after the description is applied": removetrack_after_resolve,
    "removetrack fires while the stream still holds the track": removetrack_before_removal,
    "removeTrack() fires removetrack on the sender's stream": sender_stream_fires_removetrack,
    "a script's stream.removeTrack() fires removetrack": script_removal_fires_removetrack,
    "the own answer does not remove the track from the stream": local_answer_keeps_streams,
}
# Claims shown by mutations of test_mutations.py are named by the same strings there.
PAGE_CLAIMS: dict[str, list[str]] = {
    "getsenders.md": [*GETSENDERS, "sender leaves getSenders()"],
    "track_event.md": [*TRACK_EVENT],
    "../mediastream/removetrack_event.md": [
        *REMOVETRACK_EVENT, "the remote stream keeps the track", "the remote track ends"],
}
MUTATIONS: dict[str, Mutation] = {**GETSENDERS, **TRACK_EVENT, **REMOVETRACK_EVENT}
