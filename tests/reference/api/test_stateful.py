"""Random sequences of the public API on two connected peers, invariants after every step."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.reference.reference_helpers import negotiate
from webrtc_reference import (
    InvalidAccessError,
    InvalidStateError,
    MediaStream,
    MediaStreamTrack,
    RTCPeerConnection,
    RTCRtpSender,
)

T = TypeVar("T")
KINDS = st.sampled_from(["audio", "video"])
DIRECTIONS = st.sampled_from(["sendrecv", "sendonly", "recvonly", "inactive"])
PEERS = st.sampled_from(["a", "b"])
DOCUMENTED = (InvalidStateError, InvalidAccessError, TypeError)
# removeTrack steps 11-12, written out again so that the test does not share the table.
STOP_SENDING = {"sendrecv": "recvonly", "sendonly": "inactive"}


class TwoPeers(RuleBasedStateMachine):
    """Peers "a" and "b" on one event loop; every rule leaves both in a settled state."""

    def __init__(self) -> None:
        super().__init__()
        self.runner = asyncio.Runner()
        self.pcs = {"a": RTCPeerConnection(), "b": RTCPeerConnection()}
        self.fired_in: list[str] = []
        self.stream = MediaStream()
        for pc in self.pcs.values():
            pc.addEventListener("negotiationneeded", self._recorder(pc))

    def _recorder(self, pc: RTCPeerConnection) -> Callable[[object], None]:
        def record(event: object) -> None:
            self.fired_in.append(str(pc.signalingState))

        return record

    def call(self, function: Callable[[], T]) -> T | None:
        """Run a synchronous API call inside the loop; documented exceptions are allowed."""

        async def inside() -> T | None:
            try:
                return function()
            except DOCUMENTED:
                return None

        return self.runner.run(self._settled(inside()))

    def wait(self, awaitable: Callable[[], Awaitable[T]]) -> None:
        async def inside() -> None:
            try:
                await awaitable()
            except DOCUMENTED:
                pass

        self.runner.run(self._settled(inside()))

    async def _settled(self, work: Awaitable[T]) -> T:
        result = await work
        for _ in range(4):
            await asyncio.sleep(0)
        return result

    def teardown(self) -> None:
        for pc in self.pcs.values():
            self.call(pc.close)
        self.runner.close()

    @rule(peer=PEERS, kind=KINDS, with_stream=st.booleans())
    def add_track(self, peer: str, kind: str, with_stream: bool) -> None:
        track = MediaStreamTrack(kind)
        streams = [self.stream] if with_stream else []
        self.call(lambda: self.pcs[peer].addTrack(track, *streams))

    @rule(peer=PEERS, kind=KINDS, direction=DIRECTIONS)
    def add_transceiver(self, peer: str, kind: str, direction: str) -> None:
        self.call(lambda: self.pcs[peer].addTransceiver(kind, {"direction": direction}))

    @rule(peer=PEERS, other=PEERS, index=st.integers(0, 5),
          direction=st.none() | DIRECTIONS, with_none=st.booleans())
    def remove_track(self, peer: str, other: str, index: int, direction: str | None,
                     with_none: bool) -> None:
        """removeTrack never shrinks getSenders; the track is None after it applies."""
        pc = self.pcs[peer]
        if with_none:
            self.call(lambda: pc.removeTrack(None))  # type: ignore[arg-type]
        if not self.pcs[other].getSenders():
            self.add_track(other, "audio", True)
        senders = self.pcs[other].getSenders()
        if not senders:
            return  # closed
        sender = senders[index % len(senders)]
        transceiver = sender._owner
        if direction is not None and not transceiver._stopping:

            def assign(value: str = direction) -> None:
                transceiver.direction = value

            self.call(assign)
        before = (len(pc.getSenders()), transceiver._direction, sender.track)
        applies = (peer == other and not pc._is_closed and not transceiver._stopping
                   and sender.track is not None)
        self.call(lambda: pc.removeTrack(sender))
        assert len(pc.getSenders()) == before[0]
        if applies:
            assert sender.track is None
            assert transceiver._direction == STOP_SENDING.get(str(before[1]), before[1])
        else:
            assert sender.track is before[2]

    @rule(peer=PEERS, index=st.integers(0, 5), direction=DIRECTIONS)
    def set_direction(self, peer: str, index: int, direction: str) -> None:
        transceivers = self.pcs[peer].getTransceivers()
        if transceivers:
            transceiver = transceivers[index % len(transceivers)]

            def assign() -> None:
                transceiver.direction = direction

            self.call(assign)

    @rule(peer=PEERS, index=st.integers(0, 5))
    def stop(self, peer: str, index: int) -> None:
        transceivers = self.pcs[peer].getTransceivers()
        if transceivers:
            self.call(transceivers[index % len(transceivers)].stop)

    @rule(peer=PEERS, index=st.integers(0, 5))
    def replace_track_with_null(self, peer: str, index: int) -> None:
        senders = self.pcs[peer].getSenders()
        if senders:
            sender: RTCRtpSender = senders[index % len(senders)]
            self.wait(lambda: sender.replaceTrack(None))

    @precondition(lambda self: not any(pc._is_closed for pc in self.pcs.values()))
    @rule(offerer=PEERS)
    def negotiate(self, offerer: str) -> None:
        caller, callee = self.pcs[offerer], self.pcs["b" if offerer == "a" else "a"]

        self.runner.run(self._settled(negotiate(caller, callee)))
        assert caller.signalingState == callee.signalingState == "stable"

    @precondition(lambda self: not any(pc._is_closed for pc in self.pcs.values()))
    @rule(offerer=PEERS, remote=st.booleans())
    def offer_then_rollback(self, offerer: str, remote: bool) -> None:
        caller, callee = self.pcs[offerer], self.pcs["b" if offerer == "a" else "a"]

        async def exchange() -> None:
            await caller.setLocalDescription(await caller.createOffer())
            if remote:
                await callee.setRemoteDescription(caller.localDescription)  # type: ignore[arg-type]
                await callee.setRemoteDescription({"type": "rollback"})
            await caller.setLocalDescription({"type": "rollback"})

        self.runner.run(self._settled(exchange()))
        assert caller.signalingState == callee.signalingState == "stable"

    @rule(peer=PEERS)
    def close(self, peer: str) -> None:
        self.call(self.pcs[peer].close)
        assert self.pcs[peer].getSenders() == []

    @invariant()
    def negotiationneeded_only_in_stable(self) -> None:
        assert set(self.fired_in) <= {"stable"}

    @invariant()
    def directions_are_consistent(self) -> None:
        for pc in self.pcs.values():
            for transceiver in pc.getTransceivers():
                assert (transceiver.direction == "stopped") == transceiver._stopping
                if transceiver._stopped:
                    assert transceiver.currentDirection == "stopped"
                    assert transceiver.sender not in pc.getSenders()


TwoPeers.TestCase.settings = settings(
    max_examples=60, stateful_step_count=12, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_two_peers = TwoPeers.TestCase
