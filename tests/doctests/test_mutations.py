"""Break one claimed behaviour of the model at a time: the page's examples must then fail.

Each mutation removes exactly one thing a reference page claims. If the page's examples still
passed, they would not be demonstrating that claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.doctest_support import run_session
from webrtc_reference import (
    InvalidAccessError,
    RTCPeerConnection,
    RTCRtpSender,
    _media,
    _peerconnection,
    _remote_tracks,
    _transceiver,
)
from webrtc_reference._enums import RECEIVING, MediaStreamTrackState
from webrtc_reference._event_loop import queue_task
from webrtc_reference._events import Event

API_PAGES = Path(__file__).resolve().parents[2] / "docs/api/rtcpeerconnection"
PYCON_BLOCK = re.compile(r"^```pycon\n(.*?)^```$", re.MULTILINE | re.DOTALL)
Mutation = Callable[[pytest.MonkeyPatch], None]
original_remove_track = RTCPeerConnection.removeTrack
original_add_track = RTCPeerConnection.addTrack


def page_session(page: str) -> str:
    return "\n".join(PYCON_BLOCK.findall((API_PAGES / page).read_text(encoding="utf-8")))


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
    set_current = _transceiver.RTCRtpTransceiver._set_current_direction

    def mutated(self: _transceiver.RTCRtpTransceiver, direction: Any) -> None:
        set_current(self, direction)
        self._has_ever_sent = False

    monkeypatch.setattr(_transceiver.RTCRtpTransceiver, "_set_current_direction", mutated)


def never_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    create = _transceiver.RTCRtpTransceiver.__init__

    def mutated(self: _transceiver.RTCRtpTransceiver, *args: Any, **kwargs: Any) -> None:
        create(self, *args, **kwargs)
        self._has_ever_sent = True

    monkeypatch.setattr(_transceiver.RTCRtpTransceiver, "__init__", mutated)


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


def stop_stops_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    stop = _transceiver.RTCRtpTransceiver.stop

    def mutated(self: _transceiver.RTCRtpTransceiver) -> None:
        stop(self)
        self._stopped = True

    monkeypatch.setattr(_transceiver.RTCRtpTransceiver, "stop", mutated)


def rollback_keeps_created_transceivers(monkeypatch: pytest.MonkeyPatch) -> None:
    roll_back = RTCPeerConnection._roll_back

    def mutated(self: RTCPeerConnection, *args: Any) -> None:
        for transceiver in self._transceivers:
            transceiver._created_by_remote_offer = False
        roll_back(self, *args)

    monkeypatch.setattr(RTCPeerConnection, "_roll_back", mutated)


def rollback_undoes_remove_track(monkeypatch: pytest.MonkeyPatch) -> None:
    roll_back = RTCPeerConnection._roll_back

    def mutated(self: RTCPeerConnection, *args: Any) -> None:
        roll_back(self, *args)
        for transceiver in self._transceivers:
            if transceiver._sender._sender_track is None and not transceiver._stopping:
                transceiver._direction = _peerconnection.Direction.SENDRECV

    monkeypatch.setattr(RTCPeerConnection, "_roll_back", mutated)


def rollback_does_not_refire(monkeypatch: pytest.MonkeyPatch) -> None:
    roll_back = RTCPeerConnection._roll_back
    update = RTCPeerConnection._update_negotiation_needed_flag
    rolled_back: set[int] = set()

    def mutated_roll_back(self: RTCPeerConnection, *args: Any) -> None:
        rolled_back.add(id(self))
        roll_back(self, *args)

    def mutated_update(self: RTCPeerConnection) -> None:
        if id(self) in rolled_back:  # the flag stays set across the rollback
            rolled_back.discard(id(self))
            self._negotiation_needed = True
        update(self)

    monkeypatch.setattr(RTCPeerConnection, "_roll_back", mutated_roll_back)
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


def streamless_track_gets_a_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    process = _remote_tracks.RemoteTracks._process_remote_tracks

    def mutated(self: Any, transceiver: Any, direction: Any, msids: list[str],
                *lists: Any) -> None:
        if direction in RECEIVING and not msids:
            msids = ["-"]  # "-" taken for a stream id
        process(self, transceiver, direction, msids, *lists)

    monkeypatch.setattr(_remote_tracks.RemoteTracks, "_process_remote_tracks", mutated)


def track_event_on_removal(monkeypatch: pytest.MonkeyPatch) -> None:
    process = _remote_tracks.RemoteTracks._process_remote_tracks

    def mutated(self: Any, transceiver: Any, direction: Any, msids: list[str],
                add_list: Any, remove_list: Any, track_event_inits: Any, *rest: Any) -> None:
        process(self, transceiver, direction, msids, add_list, remove_list,
                track_event_inits, *rest)
        if direction in _remote_tracks.NOT_RECEIVING:
            self._process_the_addition_of_a_remote_track(transceiver, track_event_inits)

    monkeypatch.setattr(_remote_tracks.RemoteTracks, "_process_remote_tracks", mutated)


def remote_streams_not_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    associate = _remote_tracks.RemoteTracks._set_associated_remote_streams

    def mutated(self: Any, *args: Any) -> None:
        self._remote_streams.clear()
        associate(self, *args)

    monkeypatch.setattr(_remote_tracks.RemoteTracks, "_set_associated_remote_streams", mutated)


def mid_only_once_answered(monkeypatch: pytest.MonkeyPatch) -> None:
    mid = _transceiver.RTCRtpTransceiver.mid

    def mutated(self: _transceiver.RTCRtpTransceiver) -> str | None:
        return None if self._current_direction is None else mid.fget(self)  # type: ignore[attr-defined]

    monkeypatch.setattr(_transceiver.RTCRtpTransceiver, "mid", property(mutated))


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
}
# The claims each page makes, by the mutations that must break its examples.
OTHER_PAGES_ONLY = {"a reused transceiver keeps its direction", "mid is set only once answered",
                    "getSenders() lists the senders of stopped transceivers",
                    "the answer ignores a removal in have-remote-offer",
                    "a track sent without a stream arrives in one",
                    "a rollback undoes removeTrack()",
                    "negotiationneeded does not fire again after a rollback"}
PAGE_CLAIMS = {
    "index.md": [
        "getSenders() lists the senders of stopped transceivers",
        "sender leaves getSenders()",
    ],
    "removetrack.md": [name for name in MUTATIONS if not name.startswith("addTrack")
                       and name not in OTHER_PAGES_ONLY],
    "stop-sending.md": [
        "the answer ignores a removal in have-remote-offer",
        "a track sent without a stream arrives in one",
        "a transceiver that sent is reused",
        "a rollback undoes removeTrack()",
        "negotiationneeded does not fire again after a rollback",
    ],
    "addtrack.md": [
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
}
CASES = [(page, name) for page, names in PAGE_CLAIMS.items() for name in names]


@pytest.mark.parametrize("page", PAGE_CLAIMS)
def test_the_page_passes_unmutated(page: str) -> None:
    assert run_session(page_session(page), page) == []


@pytest.mark.parametrize(("page", "claim"), CASES, ids=[f"{p}: {c}" for p, c in CASES])
def test_each_claim_is_shown_by_a_failing_example(
    page: str, claim: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    MUTATIONS[claim](monkeypatch)
    failures = run_session(page_session(page), page)
    assert failures, "the page's examples pass although the model no longer does this"
    # A broken mutation (a typo in it) would make the examples fail for the wrong reason:
    # the first example to fail must fail on the claim, not on a Python error.
    first = failures[0].report
    assert "NameError" not in first and "AttributeError" not in first, first
