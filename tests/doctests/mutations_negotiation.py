"""Mutations for the pages on negotiation: the negotiationneeded event and signalingState.

Each function breaks one behaviour that a page claims; test_mutations.py checks that an example
of that page then fails. The names in PAGE_CLAIMS are the claims, as a reader would state them.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.doctests.mutations_connection import Mutation, _replace, original_fire
from webrtc_reference import InvalidStateError, RTCPeerConnection, _signaling
from webrtc_reference._dom.event_loop import queue_task
from webrtc_reference._dom.events import Event
from webrtc_reference._negotiation import check_if_negotiation_is_needed

# -- negotiationneeded --------------------------------------------------------------------------


def _needed(connection: RTCPeerConnection) -> bool:
    return check_if_negotiation_is_needed(connection._transceivers,
                                          connection._slots.current_local,
                                          connection._slots.current_remote)


def _fire_once(connection: RTCPeerConnection) -> None:
    if not connection._negotiation_needed:
        connection._negotiation_needed = True
        connection._fire(Event("negotiationneeded"))


def checked_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    update = RTCPeerConnection._update_negotiation_needed_flag

    def mutated(self: RTCPeerConnection) -> None:
        if self._chain.busy or not _needed(self):
            update(self)
            return

        def task() -> None:
            if not self._is_closed and not self._chain.busy and self.signalingState == "stable":
                _fire_once(self)

        queue_task(task)

    _replace(monkeypatch, "_update_negotiation_needed_flag", mutated)


def fires_while_an_operation_is_pending(monkeypatch: pytest.MonkeyPatch) -> None:
    def mutated(self: RTCPeerConnection) -> None:
        def task() -> None:
            if self._is_closed or self.signalingState != "stable":
                return
            if not _needed(self):
                self._negotiation_needed = False
                return
            _fire_once(self)

        queue_task(task)

    _replace(monkeypatch, "_update_negotiation_needed_flag", mutated)


def flag_never_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    def get(self: RTCPeerConnection) -> bool:
        return bool(self.__dict__.get("_flag", False))

    def set_(self: RTCPeerConnection, value: bool) -> None:
        self.__dict__["_flag"] = value or get(self)

    monkeypatch.setattr(RTCPeerConnection, "_negotiation_needed", property(get, set_),
                        raising=False)


def no_implicit_rollback(monkeypatch: pytest.MonkeyPatch) -> None:
    set_remote = RTCPeerConnection.setRemoteDescription

    def mutated(self: RTCPeerConnection, description: Any) -> Any:
        kind = description["type"] if isinstance(description, dict) else description.type
        if kind == "offer" and self.signalingState == "have-local-offer":
            refused: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            refused.set_exception(InvalidStateError("no implicit rollback"))
            return refused
        return set_remote(self, description)

    _replace(monkeypatch, "setRemoteDescription", mutated)


# -- signalingState ----------------------------------------------------------------------------


def rollback_in_stable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_signaling, "ROLLBACK_STATES",
                        _signaling.ROLLBACK_STATES | {_signaling.STABLE})
    monkeypatch.setitem(_signaling.SIGNALING, (_signaling.STABLE, _signaling.LOCAL,
                                               _signaling.ROLLBACK), _signaling.STABLE)


def no_pranswer(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in [key for key in _signaling.SIGNALING if key[2] == _signaling.PRANSWER]:
        monkeypatch.delitem(_signaling.SIGNALING, key)


def offer_in_have_remote_offer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_signaling, "OFFER_STATES",
                        _signaling.OFFER_STATES | {_signaling.HAVE_REMOTE_OFFER})


def event_for_unchanged_state(monkeypatch: pytest.MonkeyPatch) -> None:
    set_local = RTCPeerConnection.setLocalDescription

    def mutated(self: RTCPeerConnection, *args: Any) -> Any:
        before = self.signalingState

        def also_fire(applying: Any) -> None:
            if not applying.exception() and self.signalingState == before:
                original_fire(self, Event("signalingstatechange"))

        applying = set_local(self, *args)
        applying.add_done_callback(also_fire)
        return applying

    _replace(monkeypatch, "setLocalDescription", mutated)


def close_fires_signalingstatechange(monkeypatch: pytest.MonkeyPatch) -> None:
    close = RTCPeerConnection.close

    def mutated(self: RTCPeerConnection) -> None:
        changes = self.signalingState != "closed"
        close(self)
        if changes:
            original_fire(self, Event("signalingstatechange"))

    _replace(monkeypatch, "close", mutated)


def state_changes_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    set_local = RTCPeerConnection.setLocalDescription

    def mutated(self: RTCPeerConnection, *args: Any) -> Any:
        applying = set_local(self, *args)
        if args and isinstance(args[0], dict) and args[0].get("type") == "rollback" and \
                self.signalingState in ("have-local-offer", "have-remote-offer"):
            self._signaling._state = _signaling.STABLE
        return applying

    _replace(monkeypatch, "setLocalDescription", mutated)


NEGOTIATIONNEEDED_EVENT: dict[str, Mutation] = {
    "negotiation is checked in the call, not in the task": checked_at_call_time,
    "negotiationneeded fires while an operation is pending": fires_while_an_operation_is_pending,
    "a negotiation does not clear the flag": flag_never_cleared,
    "setRemoteDescription() refuses an offer in have-local-offer": no_implicit_rollback,
}
SIGNALING_STATE: dict[str, Mutation] = {
    "a rollback is allowed in stable": rollback_in_stable,
    "a provisional answer is refused": no_pranswer,
    "createOffer() is allowed in have-remote-offer": offer_in_have_remote_offer,
    "signalingstatechange fires when the state stays the same": event_for_unchanged_state,
    "close() fires signalingstatechange": close_fires_signalingstatechange,
    "the state changes when the call is made": state_changes_at_call_time,
}
# Claims shown by mutations of test_mutations.py are named by the same strings there.
PAGE_CLAIMS: dict[str, list[str]] = {
    "negotiationneeded_event.md": [
        *NEGOTIATIONNEEDED_EVENT, "negotiationneeded fires synchronously",
        "negotiationneeded fires outside stable", "negotiationneeded fires more than once"],
    "signalingstate.md": [
        *SIGNALING_STATE, "setRemoteDescription() refuses an offer in have-local-offer"],
}
MUTATIONS: dict[str, Mutation] = {**NEGOTIATIONNEEDED_EVENT, **SIGNALING_STATE}
