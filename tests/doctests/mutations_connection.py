"""Mutations for the pages on the connection's senders, events and states.

Each function breaks one behaviour that a page claims; test_mutations.py checks that an example
of that page then fails. The names in PAGE_CLAIMS are the claims, as a reader would state them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from webrtc_reference import RTCPeerConnection, RTCRtpSender

Mutation = Callable[[pytest.MonkeyPatch], None]
original_get_senders = RTCPeerConnection.getSenders


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
    _replace(monkeypatch, "_remove_rejected_stopped_transceivers", lambda self: None)


def rollback_keeps_transceivers(monkeypatch: pytest.MonkeyPatch) -> None:
    roll_back = RTCPeerConnection._roll_back

    def mutated(self: RTCPeerConnection, *args: Any) -> None:
        for transceiver in self._transceivers:
            transceiver._created_by_remote_offer = False
        roll_back(self, *args)

    _replace(monkeypatch, "_roll_back", mutated)


def close_clears_tracks(monkeypatch: pytest.MonkeyPatch) -> None:
    close = RTCPeerConnection.close

    def mutated(self: RTCPeerConnection) -> None:
        for transceiver in self.getTransceivers():
            transceiver.sender._sender_track = None
        close(self)

    _replace(monkeypatch, "close", mutated)


MUTATIONS: dict[str, Mutation] = {
    "getSenders() is not in transceiver order": senders_reversed,
    "getSenders() returns the same array each time": same_array_each_call,
    "a stopping transceiver's sender leaves getSenders()": stopping_sender_leaves,
    "getSenders() lists the senders of stopped transceivers": stopped_sender_stays,
    "a rejected stopped transceiver stays on the connection": stopped_transceiver_stays_on_connection,
    "a rollback keeps the transceivers of the remote offer": rollback_keeps_transceivers,
    "close() sets sender.track to null": close_clears_tracks,
}
# Claims shown by mutations defined in test_mutations.py are named there by the same strings.
PAGE_CLAIMS: dict[str, list[str]] = {
    "getsenders.md": [*MUTATIONS, "sender leaves getSenders()"],
}
