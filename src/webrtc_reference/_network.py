"""A simulated network: host candidates, connectivity, and media flow between connections.

Nothing is sent. Connections in one process find each other by the host candidates they
gather: each ICE agent gets a made-up mDNS host name and port (as Chromium hides the address
of a host candidate behind a ``.local`` name), and the network maps them to the agent.

* **Gathering** starts when a local description is first applied, one task at a time:
  ``iceGatheringState`` becomes "gathering", one host candidate is found (an
  ``icecandidate`` event, and an ``a=candidate`` line in the local description), then
  gathering completes ("complete", then an ``icecandidate`` event whose candidate is null).
  With BUNDLE (as the model always offers), one candidate serves every media section.
* **Connecting**: two agents connect once each has a candidate of the other (from the SDP or
  from ``addIceCandidate()``) and both have completed a negotiation with each other's ICE
  credentials. Then each goes "checking"/"connecting" in one task and "connected" in a later
  one. Descriptions passed without candidates never connect, exactly as in a browser.
* **Media**: over a connected transport, a media section that one side sends with a track and
  the other receives makes the receiving track unmute, in a later task (as when RTP arrives).
  Media stops as soon as the sending stops (``removeTrack()``, ``replaceTrack(null)``, a
  direction that no longer sends); the spec's steps mute the remote track when the change
  is negotiated. ``track.enabled = false`` sends black frames or silence: media still flows.

The agent talks to its connection through the :class:`IceHost` protocol, so that this module
does not import the interfaces above it.
"""

from __future__ import annotations

import functools
import itertools
import uuid
import weakref
from collections.abc import Callable, Mapping
from typing import Final, Protocol

from webrtc_reference._dom.event_loop import queue_task
from webrtc_reference._dom.events import Event
from webrtc_reference._enums import (
    RTCIceConnectionState,
    RTCIceGatheringState,
    RTCPeerConnectionState,
)
from webrtc_reference._ice import RTCIceCandidate, RTCPeerConnectionIceEvent

Gathering = RTCIceGatheringState
Ice = RTCIceConnectionState
Connection = RTCPeerConnectionState
# Chromium's priority of a UDP host candidate, component 1 (RFC 8445 §5.1.2.1).
HOST_PRIORITY: Final = 2122260223
_PORTS = itertools.count(50000)
_AGENTS: weakref.WeakValueDictionary[tuple[str, int], IceAgent] = weakref.WeakValueDictionary()


class MutableTrack(Protocol):
    """What the network needs of a receiver's track: whether it is muted, and setting it."""

    @property
    def muted(self) -> bool: ...

    @property
    def readyState(self) -> str: ...

    def _set_muted(self, muted: bool) -> None: ...


class IceHost(Protocol):
    """What an ICE agent needs of its RTCPeerConnection."""

    @property
    def _is_closed(self) -> bool: ...

    def _fire(self, event: Event) -> None: ...

    def _ice_credentials(self) -> tuple[str | None, str | None]:
        """(local ufrag, remote ufrag) once an answer has been applied, else Nones."""
        ...

    def _add_local_candidate(self, candidate: RTCIceCandidate) -> None:
        """Add the a=candidate line to the local descriptions."""
        ...

    def _sending_mids(self) -> set[str]:
        """The mids whose negotiated direction sends and whose sender has a live track."""
        ...

    def _receiving_tracks(self) -> Mapping[str, MutableTrack]:
        """The receiver tracks of the mids whose negotiated direction receives."""
        ...


class IceAgent:
    """The ICE agent and transport of one connection, with its simulated host candidate."""

    def __init__(self, host: IceHost) -> None:
        self._host = host
        self.gathering_state = Gathering.NEW  # [[IceGatheringState]]
        self.ice_state = Ice.NEW  # [[IceConnectionState]]
        self.connection_state = Connection.NEW  # [[ConnectionState]]
        self.local_candidates: list[RTCIceCandidate] = []
        self._remote_endpoints: set[tuple[str, int]] = set()
        self._connecting = False
        self._unmuting: set[int] = set()  # tracks with an unmute task queued

    # Gathering.
    def start_gathering(self, first_mid: str | None) -> None:
        """A local description was applied: gather, one task per step, if not done yet."""
        if self.gathering_state is not Gathering.NEW or first_mid is None:
            return
        endpoint = (f"{uuid.uuid4()}.local", next(_PORTS))
        _AGENTS[endpoint] = self

        def begin() -> None:
            if self._host._is_closed:
                return
            self.gathering_state = Gathering.GATHERING
            self._host._fire(Event("icegatheringstatechange"))
            queue_task(found)

        def found() -> None:
            if self._host._is_closed:
                return
            line = (f"candidate:1 1 udp {HOST_PRIORITY} {endpoint[0]} {endpoint[1]} typ host"
                    " generation 0 network-cost 999")
            candidate = RTCIceCandidate({"candidate": line, "sdpMid": first_mid,
                                         "sdpMLineIndex": 0})
            self.local_candidates.append(candidate)
            self._host._add_local_candidate(candidate)
            self._host._fire(RTCPeerConnectionIceEvent("icecandidate", candidate=candidate))
            queue_task(complete)

        def complete() -> None:
            if self._host._is_closed:
                return
            self.gathering_state = Gathering.COMPLETE
            self._host._fire(Event("icegatheringstatechange"))
            self._host._fire(RTCPeerConnectionIceEvent("icecandidate", candidate=None))
            self.update()

        queue_task(begin)

    # Remote candidates.
    def add_remote_candidate(self, candidate: RTCIceCandidate) -> None:
        """A candidate of the remote peer, from its SDP or from addIceCandidate()."""
        if candidate.address is not None and candidate.port is not None:
            self._remote_endpoints.add((candidate.address, candidate.port))

    def _peer(self) -> IceAgent | None:
        for endpoint in self._remote_endpoints:
            agent = _AGENTS.get(endpoint)
            if agent is not None and agent is not self:
                return agent
        return None

    def _can_connect_to(self, peer: IceAgent) -> bool:
        ours, theirs = self._host._ice_credentials(), peer._host._ice_credentials()
        return (None not in ours and ours[0] == theirs[1] and ours[1] == theirs[0]
                and peer._peer() is self and not peer._host._is_closed)

    # Connecting and media.
    def update(self) -> None:
        """Something changed (a description, a candidate): connect, or let media flow."""
        if self._host._is_closed:
            return
        peer = self._peer()
        if peer is None or not self._can_connect_to(peer):
            return
        if self.ice_state is Ice.CONNECTED:
            self._flow_from(peer)
            peer._flow_from(self)
            return
        if not self._connecting:
            self._connecting = True
            self._go(Ice.CHECKING, Connection.CONNECTING, then=self._connected)
        peer.update_later()

    def update_later(self) -> None:
        queue_task(self.update)

    def _connected(self) -> None:
        self._go(Ice.CONNECTED, Connection.CONNECTED, then=self.update)

    def _go(self, ice: Ice, connection: Connection, then: Callable[[], None]) -> None:
        def task() -> None:
            if self._host._is_closed:
                return
            self.ice_state = ice
            self._host._fire(Event("iceconnectionstatechange"))
            self.connection_state = connection
            self._host._fire(Event("connectionstatechange"))
            queue_task(then)

        queue_task(task)

    def _flow_from(self, peer: IceAgent) -> None:
        """RTP from *peer* reaches our receivers: each muted one unmutes in a later task."""
        sending = peer._host._sending_mids()
        for mid, track in self._host._receiving_tracks().items():
            if mid in sending and track.muted and id(track) not in self._unmuting:
                self._unmuting.add(id(track))
                queue_task(functools.partial(self._unmute, peer, mid, track))

    def _unmute(self, peer: IceAgent, mid: str, track: MutableTrack) -> None:
        self._unmuting.discard(id(track))
        # The media may have stopped, or the section stopped receiving, since the task was queued.
        if (self._host._is_closed or peer._host._is_closed
                or mid not in peer._host._sending_mids()
                or self._host._receiving_tracks().get(mid) is not track
                or track.readyState != "live"):
            return
        track._set_muted(False)

    def close(self) -> None:
        """Close the connection: the states become "closed" without events."""
        self.ice_state = Ice.CLOSED
        self.connection_state = Connection.CLOSED
