"""Break one claimed behaviour of the model at a time: the page's examples must then fail.

Each mutation removes exactly one thing a reference page claims. If the page's examples still
passed, they would not be demonstrating that claim.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.doctest_support import run_session
from tests.doctests import mutations_connection, mutations_negotiation
from webrtc_reference import (
    InvalidAccessError,
    RTCPeerConnection,
    RTCRtpSender,
    _apply,
    _media,
    _network,
    _peerconnection,
    _remote_tracks,
    _rtp,
)
from webrtc_reference._dom import event_loop
from webrtc_reference._dom.event_loop import queue_task
from webrtc_reference._dom.events import Event
from webrtc_reference._enums import RECEIVING, MediaStreamTrackState

DOCS = Path(__file__).resolve().parents[2] / "docs"
PYCON_BLOCK = re.compile(r"^```pycon\n(.*?)^```$", re.MULTILINE | re.DOTALL)
Mutation = Callable[[pytest.MonkeyPatch], None]
original_remove_track = RTCPeerConnection.removeTrack
original_add_track = RTCPeerConnection.addTrack
original_replace_track = RTCRtpSender.replaceTrack


def page_session(page: str) -> str:
    return "\n".join(PYCON_BLOCK.findall((DOCS / page).read_text(encoding="utf-8")))


def wrap_remove_track(monkeypatch: pytest.MonkeyPatch, mutated: Callable[..., None]) -> None:
    monkeypatch.setattr(RTCPeerConnection, "removeTrack", mutated)


def track_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    def remove_track(self: RTCPeerConnection, sender: RTCRtpSender) -> None:
        track = sender.track
        original_remove_track(self, sender)
        sender._sender_track = track

    wrap_remove_track(monkeypatch, remove_track)


def direction_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_peerconnection, "STOP_SENDING", {})


def sender_leaves_get_senders(monkeypatch: pytest.MonkeyPatch) -> None:
    senders = RTCPeerConnection.getSenders
    monkeypatch.setattr(RTCPeerConnection, "getSenders",
                        lambda self: [s for s in senders(self) if s.track is not None])


def current_direction_follows(monkeypatch: pytest.MonkeyPatch) -> None:
    def remove_track(self: RTCPeerConnection, sender: RTCRtpSender) -> None:
        original_remove_track(self, sender)
        if sender._owner._current_direction is not None:
            sender._owner._current_direction = sender._owner._direction

    wrap_remove_track(monkeypatch, remove_track)


def second_call_acts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def remove_track(self: RTCPeerConnection, sender: RTCRtpSender) -> None:
        if sender.track is None and not sender._owner._stopping:
            sender._owner._direction = _peerconnection.Direction.RECVONLY
        original_remove_track(self, sender)

    wrap_remove_track(monkeypatch, remove_track)


def stopped_transceiver_not_a_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    def remove_track(self: RTCPeerConnection, sender: RTCRtpSender) -> None:
        original_remove_track(self, sender)
        if sender._owner._stopping:
            sender._sender_track = None

    wrap_remove_track(monkeypatch, remove_track)


def ended_track_is_a_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    def remove_track(self: RTCPeerConnection, sender: RTCRtpSender) -> None:
        if sender.track is not None and sender.track.readyState == "ended":
            return
        original_remove_track(self, sender)

    wrap_remove_track(monkeypatch, remove_track)


def negotiationneeded_synchronous(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_peerconnection, "queue_task", lambda task: task())


def negotiationneeded_outside_stable(monkeypatch: pytest.MonkeyPatch) -> None:
    update = RTCPeerConnection._update_negotiation_needed_flag

    def mutated(self: RTCPeerConnection) -> None:
        if self.signalingState not in ("stable", "closed"):
            queue_task(lambda: self._fire(Event("negotiationneeded")))
            return
        update(self)

    monkeypatch.setattr(RTCPeerConnection, "_update_negotiation_needed_flag", mutated)


def negotiationneeded_fires_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    update = RTCPeerConnection._update_negotiation_needed_flag

    def mutated(self: RTCPeerConnection) -> None:
        self._negotiation_needed = False
        update(self)
        queue_task(lambda: setattr(self, "_negotiation_needed", False))
        queue_task(update.__get__(self))

    monkeypatch.setattr(RTCPeerConnection, "_update_negotiation_needed_flag", mutated)


def no_invalid_access_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def remove_track(self: RTCPeerConnection, sender: Any) -> None:
        foreign = isinstance(sender, RTCRtpSender) and sender._connection is not self
        if foreign and not self._is_closed:
            return
        original_remove_track(self, sender)

    wrap_remove_track(monkeypatch, remove_track)


def access_checked_before_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    def remove_track(self: RTCPeerConnection, sender: Any) -> None:
        if isinstance(sender, RTCRtpSender) and sender._connection is not self:
            raise InvalidAccessError("checked first")
        original_remove_track(self, sender)

    wrap_remove_track(monkeypatch, remove_track)


def no_invalid_state_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def remove_track(self: RTCPeerConnection, sender: Any) -> None:
        if self._is_closed:
            return
        original_remove_track(self, sender)

    wrap_remove_track(monkeypatch, remove_track)


def track_accepted_for_sender(monkeypatch: pytest.MonkeyPatch) -> None:
    def remove_track(self: RTCPeerConnection, sender: Any) -> None:
        if not isinstance(sender, RTCRtpSender):
            return
        original_remove_track(self, sender)

    wrap_remove_track(monkeypatch, remove_track)


def remote_stream_keeps_track(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_media.MediaStream, "_remove_track", lambda self, track: None)


def remote_track_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    remove = _media.MediaStream._remove_track

    def mutated(self: _media.MediaStream, track: _media.MediaStreamTrack) -> None:
        remove(self, track)
        track._ready_state = MediaStreamTrackState.ENDED

    monkeypatch.setattr(_media.MediaStream, "_remove_track", mutated)


def used_transceiver_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    set_current = _rtp.RTCRtpTransceiver._set_current_direction

    def mutated(self: _rtp.RTCRtpTransceiver, direction: Any) -> None:
        set_current(self, direction)
        self._has_ever_sent = False

    monkeypatch.setattr(_rtp.RTCRtpTransceiver, "_set_current_direction", mutated)


def never_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    create = _rtp.RTCRtpTransceiver.__init__

    def mutated(self: _rtp.RTCRtpTransceiver, *args: Any, **kwargs: Any) -> None:
        create(self, *args, **kwargs)
        self._has_ever_sent = True

    monkeypatch.setattr(_rtp.RTCRtpTransceiver, "__init__", mutated)


def reuse_keeps_direction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_peerconnection, "START_SENDING", {})


def duplicate_track_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    def add_track(self: RTCPeerConnection, track: Any, *streams: Any) -> RTCRtpSender:
        for sender in self.getSenders():
            if sender.track is track:
                return sender
        return original_add_track(self, track, *streams)

    monkeypatch.setattr(RTCPeerConnection, "addTrack", add_track)


def closed_connection_accepts_tracks(monkeypatch: pytest.MonkeyPatch) -> None:
    def add_track(self: RTCPeerConnection, track: Any, *streams: Any) -> Any:
        if self._is_closed:
            return None
        return original_add_track(self, track, *streams)

    monkeypatch.setattr(RTCPeerConnection, "addTrack", add_track)


def tasks_before_microtasks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(event_loop.TaskQueue, "_microtasks_pending", lambda self: False)


def no_media_arrives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_network.IceAgent, "_flow_from", lambda self, peer: None)


def negotiated_removal_does_not_mute(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (_apply, _remote_tracks):
        monkeypatch.setattr(module, "process_the_removal_of_a_remote_track",
                            lambda transceiver, changes: None)


def wrap_replace_track(monkeypatch: pytest.MonkeyPatch, mutated: Callable[..., Any]) -> None:
    monkeypatch.setattr(RTCRtpSender, "replaceTrack", mutated)


def replace_track_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_rtp, "queue_task", lambda task: task())


def replace_track_unchained(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace_track(self: RTCRtpSender, track: Any) -> Any:
        chain = self._connection._chain
        monkeypatch.setattr(chain, "chain", lambda operation: operation())
        try:
            return original_replace_track(self, track)
        finally:
            monkeypatch.delattr(chain, "chain")

    wrap_replace_track(monkeypatch, replace_track)


def replace_track_any_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace_track(self: RTCRtpSender, track: Any) -> Any:
        if track is not None:
            monkeypatch.setattr(self, "_kind", track.kind)
        return original_replace_track(self, track)

    wrap_replace_track(monkeypatch, replace_track)


def replace_track_on_stopping(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace_track(self: RTCRtpSender, track: Any) -> Any:
        transceiver = self._owner
        stopping = transceiver._stopping
        transceiver._stopping = False
        try:
            return original_replace_track(self, track)
        finally:
            transceiver._stopping = stopping

    wrap_replace_track(monkeypatch, replace_track)


def replace_track_negotiates(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace_track(self: RTCRtpSender, track: Any) -> Any:
        connection: Any = self._connection  # the RTCPeerConnection behind the protocol
        queue_task(lambda: connection._fire(Event("negotiationneeded")))
        return original_replace_track(self, track)

    wrap_replace_track(monkeypatch, replace_track)


def replace_null_stops_sending(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace_track(self: RTCRtpSender, track: Any) -> Any:
        if track is None:
            transceiver = self._owner
            transceiver._direction = _peerconnection.STOP_SENDING.get(
                transceiver._direction, transceiver._direction)
        return original_replace_track(self, track)

    wrap_replace_track(monkeypatch, replace_track)


def stop_clears_sender_track(monkeypatch: pytest.MonkeyPatch) -> None:
    stop = _rtp.RTCRtpTransceiver.stop

    def mutated(self: _rtp.RTCRtpTransceiver) -> None:
        stop(self)
        self._sender._sender_track = None

    monkeypatch.setattr(_rtp.RTCRtpTransceiver, "stop", mutated)


Transceiver = _rtp.RTCRtpTransceiver
direction_property: property = Transceiver.direction  # type: ignore[assignment]


def wrap_direction_setter(
    monkeypatch: pytest.MonkeyPatch, setter: Callable[[Transceiver, Any], None]
) -> None:
    monkeypatch.setattr(Transceiver, "direction", property(direction_property.fget, setter))


def set_direction(transceiver: Transceiver, value: Any) -> None:
    assert direction_property.fset is not None
    direction_property.fset(transceiver, value)


def setter_ignores_stopping(monkeypatch: pytest.MonkeyPatch) -> None:
    def setter(self: Transceiver, value: Any) -> None:
        stopping, self._stopping = self._stopping, False
        try:
            set_direction(self, value)
        finally:
            self._stopping = stopping

    wrap_direction_setter(monkeypatch, setter)


def setter_accepts_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    def setter(self: Transceiver, value: Any) -> None:
        if value == "stopped" and not self._stopping:
            self._direction = _rtp.Direction.STOPPED
            return
        set_direction(self, value)

    wrap_direction_setter(monkeypatch, setter)


def stopped_checked_first(monkeypatch: pytest.MonkeyPatch) -> None:
    def setter(self: Transceiver, value: Any) -> None:
        if value == "stopped":
            raise TypeError("checked first")
        set_direction(self, value)

    wrap_direction_setter(monkeypatch, setter)


def same_direction_negotiates(monkeypatch: pytest.MonkeyPatch) -> None:
    def setter(self: Transceiver, value: Any) -> None:
        if value == self._direction:
            connection: Any = self._connection  # the RTCPeerConnection behind the protocol
            queue_task(lambda: connection._fire(Event("negotiationneeded")))
        set_direction(self, value)

    wrap_direction_setter(monkeypatch, setter)


def setter_always_negotiates(monkeypatch: pytest.MonkeyPatch) -> None:
    def setter(self: Transceiver, value: Any) -> None:
        changed = value != self._direction
        set_direction(self, value)
        if changed:
            connection: Any = self._connection  # the RTCPeerConnection behind the protocol
            queue_task(lambda: connection._fire(Event("negotiationneeded")))

    wrap_direction_setter(monkeypatch, setter)


def without_flag_update(method: Callable[..., Any]) -> Callable[..., Any]:
    """*method* of a transceiver, run without updating its connection's negotiation-needed flag."""
    def mutated(self: Transceiver, *args: Any) -> Any:
        connection: Any = self._connection  # the RTCPeerConnection behind the protocol
        connection._update_negotiation_needed_flag = lambda: None
        try:
            return method(self, *args)
        finally:
            del connection._update_negotiation_needed_flag

    return mutated


def setter_skips_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    wrap_direction_setter(monkeypatch, without_flag_update(set_direction))


def getter_hides_stopping(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Transceiver, "direction",
                        property(lambda self: self._direction, direction_property.fset))


def current_direction_set_by_offers(monkeypatch: pytest.MonkeyPatch) -> None:
    def after(method: Callable[..., Any]) -> Callable[..., Any]:
        def mutated(self: RTCPeerConnection, *args: Any) -> Any:
            def set_current(_: Any) -> None:
                if self.signalingState in ("have-local-offer", "have-remote-offer"):
                    for transceiver in self._transceivers:
                        if not transceiver._stopped:
                            transceiver._current_direction = transceiver._direction

            result = method(self, *args)
            result.add_done_callback(set_current)
            return result

        return mutated

    for name in ("setLocalDescription", "setRemoteDescription"):
        monkeypatch.setattr(RTCPeerConnection, name, after(getattr(RTCPeerConnection, name)))


def stopping_reads_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Transceiver, "currentDirection", property(
        lambda self: _rtp.Direction.STOPPED if self._stopping else self._current_direction))


def stop_skips_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Transceiver, "stop", without_flag_update(Transceiver.stop))


def stop_keeps_receiver_track(monkeypatch: pytest.MonkeyPatch) -> None:
    stop_sending = Transceiver._stop_sending_and_receiving
    monkeypatch.setattr(Transceiver, "_stop_sending_and_receiving",
                        lambda self, disappear=False: stop_sending(self, True))


def stop_stops_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    stop = Transceiver.stop

    def mutated(self: Transceiver) -> None:
        stop(self)
        self._stop_the_transceiver()

    monkeypatch.setattr(Transceiver, "stop", mutated)


def stopped_transceivers_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_apply, "_remove_rejected_stopped_transceivers", lambda pc: None)


def stop_on_closed_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    stop = Transceiver.stop

    def mutated(self: Transceiver) -> None:
        if not self._connection._is_closed:
            stop(self)

    monkeypatch.setattr(Transceiver, "stop", mutated)


def disabling_ends_the_track(monkeypatch: pytest.MonkeyPatch) -> None:
    enabled: property = _media.MediaStreamTrack.enabled  # type: ignore[assignment]

    def setter(self: _media.MediaStreamTrack, value: bool) -> None:
        assert enabled.fset is not None
        enabled.fset(self, value)
        if not value:
            self._ready_state = MediaStreamTrackState.ENDED

    monkeypatch.setattr(_media.MediaStreamTrack, "enabled", property(enabled.fget, setter))


def stopped_track_stays_live(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_media.MediaStreamTrack, "stop", lambda self: None)


def local_track_keeps_running(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_media.MediaStreamTrack, "stop", lambda self: None)


def fires_with_nothing_to_negotiate(monkeypatch: pytest.MonkeyPatch) -> None:
    def remove_track(self: RTCPeerConnection, sender: Any) -> None:
        receiving = (isinstance(sender, RTCRtpSender) and sender.track is not None
                     and sender._owner._direction is _peerconnection.Direction.RECVONLY)
        original_remove_track(self, sender)
        if receiving:  # nothing changed that needs negotiating, and yet an event fires
            queue_task(lambda: self._fire(Event("negotiationneeded")))

    wrap_remove_track(monkeypatch, remove_track)


def negotiationneeded_once_per_change(monkeypatch: pytest.MonkeyPatch) -> None:
    update = RTCPeerConnection._update_negotiation_needed_flag

    def mutated(self: RTCPeerConnection) -> None:
        self._negotiation_needed = False  # every change counts as the first one
        update(self)

    monkeypatch.setattr(RTCPeerConnection, "_update_negotiation_needed_flag", mutated)




def wrap_roll_back(monkeypatch: pytest.MonkeyPatch, before: Callable[[Any], None],
                   after: Callable[[Any], None]) -> None:
    """Run code before and after step 4.7.12 of set-description (the rollback)."""
    roll_back = _apply._roll_back

    def mutated(pc: Any, *args: Any) -> None:
        before(pc)
        roll_back(pc, *args)
        after(pc)

    monkeypatch.setattr(_apply, "_roll_back", mutated)


def rollback_keeps_created_transceivers(monkeypatch: pytest.MonkeyPatch) -> None:
    def forget_origin(pc: Any) -> None:
        for transceiver in pc._transceivers:
            transceiver._created_by_remote_offer = False

    wrap_roll_back(monkeypatch, forget_origin, lambda pc: None)


def rollback_undoes_remove_track(monkeypatch: pytest.MonkeyPatch) -> None:
    def resume_sending(pc: Any) -> None:
        for transceiver in pc._transceivers:
            if transceiver._sender._sender_track is None and not transceiver._stopping:
                transceiver._direction = _peerconnection.Direction.SENDRECV

    wrap_roll_back(monkeypatch, lambda pc: None, resume_sending)


def rollback_does_not_refire(monkeypatch: pytest.MonkeyPatch) -> None:
    update = RTCPeerConnection._update_negotiation_needed_flag
    rolled_back: set[int] = set()

    def mutated_update(self: RTCPeerConnection) -> None:
        if id(self) in rolled_back:  # the flag stays set across the rollback
            rolled_back.discard(id(self))
            self._negotiation_needed = True
        update(self)

    wrap_roll_back(monkeypatch, lambda pc: rolled_back.add(id(pc)), lambda pc: None)
    monkeypatch.setattr(RTCPeerConnection, "_update_negotiation_needed_flag", mutated_update)


def answerer_removal_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    def remove_track(self: RTCPeerConnection, sender: Any) -> None:
        if not isinstance(sender, RTCRtpSender):
            return original_remove_track(self, sender)
        direction = sender._owner._direction
        original_remove_track(self, sender)
        if self.signalingState == "have-remote-offer":
            sender._owner._direction = direction  # the answer would still send

    wrap_remove_track(monkeypatch, remove_track)


RemoteTracks = _remote_tracks.RemoteTracks


def streamless_track_gets_a_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    process = RemoteTracks.process_remote_tracks

    def mutated(self: Any, transceiver: Any, direction: Any, msids: list[str],
                changes: Any) -> None:
        if direction in RECEIVING and not msids:
            msids = ["-"]  # "-" taken for a stream id
        process(self, transceiver, direction, msids, changes)

    monkeypatch.setattr(RemoteTracks, "process_remote_tracks", mutated)


def track_event_on_removal(monkeypatch: pytest.MonkeyPatch) -> None:
    process = RemoteTracks.process_remote_tracks

    def mutated(self: Any, transceiver: Any, direction: Any, msids: list[str],
                changes: Any) -> None:
        process(self, transceiver, direction, msids, changes)
        if direction in _remote_tracks.NOT_RECEIVING:
            _remote_tracks.process_the_addition_of_a_remote_track(transceiver, changes)

    monkeypatch.setattr(RemoteTracks, "process_remote_tracks", mutated)


def remote_streams_not_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    associate = RemoteTracks.set_associated_remote_streams

    def mutated(self: Any, *args: Any) -> None:
        self._streams.clear()
        associate(self, *args)

    monkeypatch.setattr(RemoteTracks, "set_associated_remote_streams", mutated)


def mid_only_once_answered(monkeypatch: pytest.MonkeyPatch) -> None:
    mid: Any = _rtp.RTCRtpTransceiver.mid

    def mutated(self: _rtp.RTCRtpTransceiver) -> str | None:
        return None if self._current_direction is None else mid.fget(self)

    monkeypatch.setattr(_rtp.RTCRtpTransceiver, "mid", property(mutated))


def stopped_senders_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RTCPeerConnection, "getSenders",
                        lambda self: [t._sender for t in self._transceivers])


MUTATIONS: dict[str, Mutation] = {
    "sender.track stays set": track_stays,
    "direction does not change": direction_unchanged,
    "sender leaves getSenders()": sender_leaves_get_senders,
    "currentDirection changes at once": current_direction_follows,
    "a second call acts again": second_call_acts_again,
    "a stopped transceiver loses its track": stopped_transceiver_not_a_no_op,
    "an ended track is a no-op": ended_track_is_a_no_op,
    "negotiationneeded fires synchronously": negotiationneeded_synchronous,
    "negotiationneeded fires outside stable": negotiationneeded_outside_stable,
    "negotiationneeded fires more than once": negotiationneeded_fires_twice,
    "no InvalidAccessError for a foreign sender": no_invalid_access_error,
    "InvalidAccessError checked before the closed state": access_checked_before_closed,
    "no InvalidStateError when closed": no_invalid_state_error,
    "a track is accepted instead of a sender": track_accepted_for_sender,
    "the remote stream keeps the track": remote_stream_keeps_track,
    "the remote track ends": remote_track_ends,
    "a transceiver that sent is reused": used_transceiver_reused,
    "addTrack never reuses a sender": never_reused,
    "a reused transceiver keeps its direction": reuse_keeps_direction,
    "addTrack accepts a track that is already sent": duplicate_track_accepted,
    "addTrack works on a closed connection": closed_connection_accepts_tracks,
    "queued tasks run before the microtasks": tasks_before_microtasks,
    "no media arrives over a connected transport": no_media_arrives,
    "a negotiated removal does not mute the remote track": negotiated_removal_does_not_mute,
    "track.stop() leaves the local track live": local_track_keeps_running,
    "negotiationneeded fires with nothing to negotiate": fires_with_nothing_to_negotiate,
    "negotiationneeded fires once per change": negotiationneeded_once_per_change,
    "stop() stops the transceiver at once": stop_stops_at_once,
    "a rollback keeps the transceivers a remote offer created": rollback_keeps_created_transceivers,
    "a rollback undoes removeTrack()": rollback_undoes_remove_track,
    "negotiationneeded does not fire again after a rollback": rollback_does_not_refire,
    "the answer ignores a removal in have-remote-offer": answerer_removal_waits,
    "a track sent without a stream arrives in one": streamless_track_gets_a_stream,
    "a track event fires on removal": track_event_on_removal,
    "the remote stream is not reused": remote_streams_not_reused,
    "mid is set only once answered": mid_only_once_answered,
    "getSenders() lists the senders of stopped transceivers": stopped_senders_listed,
    "replaceTrack sets the track at once": replace_track_at_once,
    "replaceTrack skips the operations chain": replace_track_unchained,
    "replaceTrack accepts a track of the other kind": replace_track_any_kind,
    "replaceTrack works on a stopped transceiver": replace_track_on_stopping,
    "replaceTrack needs a negotiation": replace_track_negotiates,
    "replaceTrack(null) changes the direction": replace_null_stops_sending,
    "stop() clears sender.track": stop_clears_sender_track,
    "the direction setter ignores stopping": setter_ignores_stopping,
    "the direction setter accepts 'stopped'": setter_accepts_stopped,
    "'stopped' is checked before stopping": stopped_checked_first,
    "setting the same direction negotiates": same_direction_negotiates,
    "every new direction negotiates": setter_always_negotiates,
    "the direction setter skips the negotiation-needed flag": setter_skips_flag,
    "direction does not read 'stopped' while stopping": getter_hides_stopping,
    "offers set currentDirection": current_direction_set_by_offers,
    "currentDirection reads 'stopped' while stopping": stopping_reads_stopped,
    "stop() skips the negotiation-needed flag": stop_skips_flag,
    "stop() leaves the receiver track live": stop_keeps_receiver_track,
    "stopped transceivers stay after the answer": stopped_transceivers_stay,
    "stop() works on a closed connection": stop_on_closed_connection,
    "disabling a track ends it": disabling_ends_the_track,
    "track.stop() leaves the track live": stopped_track_stays_live,
}
# The event loop and the simulated media, as the reference-implementation page shows them.
MODEL_CLAIMS = [
    "queued tasks run before the microtasks",
    "no media arrives over a connected transport",
    "a negotiated removal does not mute the remote track",
]
# The claims each page makes, by the mutations that must break its examples.
OTHER_PAGES_ONLY = {"a reused transceiver keeps its direction", "mid is set only once answered",
                    "getSenders() lists the senders of stopped transceivers",
                    "the answer ignores a removal in have-remote-offer",
                    "a track sent without a stream arrives in one",
                    "a rollback undoes removeTrack()",
                    "negotiationneeded does not fire again after a rollback"}
# The mutations listed before this one are the removeTrack page's claims.
FIRST_OF_THE_NEIGHBOUR_PAGES = list(MUTATIONS).index("replaceTrack sets the track at once")
PAGE_CLAIMS = {
    "api/rtcpeerconnection/index.md": [
        "getSenders() lists the senders of stopped transceivers",
        "sender leaves getSenders()",
    ],
    "api/rtcpeerconnection/removetrack.md": [
        name for name in list(MUTATIONS)[:FIRST_OF_THE_NEIGHBOUR_PAGES]
        if not name.startswith("addTrack") and name not in OTHER_PAGES_ONLY
        and name not in MODEL_CLAIMS],
    "api/rtcpeerconnection/stop-sending.md": [
        "the answer ignores a removal in have-remote-offer",
        "a track sent without a stream arrives in one",
        "a transceiver that sent is reused",
        "a rollback undoes removeTrack()",
        "negotiationneeded does not fire again after a rollback",
    ],
    "api/rtcpeerconnection/addtrack.md": [
        "addTrack never reuses a sender",
        "a reused transceiver keeps its direction",
        "a transceiver that sent is reused",
        "addTrack accepts a track that is already sent",
        "addTrack works on a closed connection",
        "negotiationneeded fires synchronously",
        "negotiationneeded fires more than once",
        "negotiationneeded fires once per change",
        "mid is set only once answered",
    ],
    "reference-implementation.md": MODEL_CLAIMS,
    "api/rtcrtpsender/replacetrack.md": [
        "replaceTrack sets the track at once",
        "replaceTrack skips the operations chain",
        "replaceTrack accepts a track of the other kind",
        "replaceTrack works on a stopped transceiver",
        "replaceTrack needs a negotiation",
        "replaceTrack(null) changes the direction",
    ],
    "api/rtcrtpsender/index.md": [
        "sender.track stays set",
        "replaceTrack sets the track at once",
        "stop() clears sender.track",
    ],
    "api/rtcrtptransceiver/index.md": [
        "direction does not read 'stopped' while stopping",
        "offers set currentDirection",
        "stop() leaves the receiver track live",
    ],
    "api/rtcrtptransceiver/direction.md": [
        "the direction setter ignores stopping",
        "the direction setter accepts 'stopped'",
        "'stopped' is checked before stopping",
        "setting the same direction negotiates",
        "every new direction negotiates",
        "the direction setter skips the negotiation-needed flag",
        "direction does not read 'stopped' while stopping",
    ],
    "api/rtcrtptransceiver/currentdirection.md": [
        "offers set currentDirection",
        "currentDirection changes at once",
        "currentDirection reads 'stopped' while stopping",
        "stopped transceivers stay after the answer",
    ],
    "api/rtcrtptransceiver/stop.md": [
        "stop() clears sender.track",
        "stop() skips the negotiation-needed flag",
        "stop() leaves the receiver track live",
        "stop() stops the transceiver at once",
        "stopped transceivers stay after the answer",
        "stop() works on a closed connection",
        "direction does not read 'stopped' while stopping",
    ],
    "guides/stop-sending-a-track.md": [
        "disabling a track ends it",
        "track.stop() leaves the track live",
        "replaceTrack sets the track at once",
        "replaceTrack needs a negotiation",
        "replaceTrack(null) changes the direction",
        "the direction setter skips the negotiation-needed flag",
        "the remote stream keeps the track",
        "a transceiver that sent is reused",
        "stop() skips the negotiation-needed flag",
        "stopped transceivers stay after the answer",
    ],
}
for module in (mutations_connection, mutations_negotiation):
    MUTATIONS.update(module.MUTATIONS)
    # Their pages are named relative to the RTCPeerConnection folder.
    PAGE_CLAIMS.update(
        (posixpath.normpath(f"api/rtcpeerconnection/{page}"), names)
        for page, names in module.PAGE_CLAIMS.items()
    )
CASES = [(page, name) for page, names in PAGE_CLAIMS.items() for name in names]


@pytest.mark.parametrize("page", PAGE_CLAIMS)
def test_the_page_passes_unmutated(page: str) -> None:
    assert run_session(page_session(page), page) == []


@pytest.mark.parametrize(("page", "claim"), CASES, ids=[f"{p}: {c}" for p, c in CASES])
def test_each_claim_is_shown_by_a_failing_example(
    page: str, claim: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    MUTATIONS[claim](monkeypatch)
    failures = run_session(page_session(page), page, stop_at_first=True)
    assert failures, "the page's examples pass although the model no longer does this"
    # A broken mutation (a typo in it) would make the examples fail for the wrong reason:
    # the first example to fail must fail on the claim, not on a Python error.
    first = failures[0].report
    assert "NameError" not in first and "AttributeError" not in first, first
