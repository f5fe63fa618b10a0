"""RTCPeerConnection: the IDL surface, one method per spec algorithm.

The connection owns its parts and hands them to the algorithms explicitly: the signaling
machine, the description slots, the operations chain, the remote-track bookkeeping, the ICE
agent, and the set of transceivers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, Final

from webrtc_reference._chain import OperationsChain
from webrtc_reference._description import RTCSessionDescription, with_candidate
from webrtc_reference._dom.event_loop import queue_task, running_loop
from webrtc_reference._dom.events import Event, EventHandler, EventTarget
from webrtc_reference._dom.exceptions import (
    InvalidAccessError,
    InvalidStateError,
    OperationError,
)
from webrtc_reference._enums import (
    MEDIA_KINDS,
    SENDING,
    RTCIceConnectionState,
    RTCIceGatheringState,
    RTCPeerConnectionState,
    RTCRtpTransceiverDirection,
    RTCSignalingState,
)
from webrtc_reference._ice import RTCIceCandidate
from webrtc_reference._jsep import LocalIdentity
from webrtc_reference._media import MediaStream, MediaStreamTrack
from webrtc_reference._negotiation import check_if_negotiation_is_needed
from webrtc_reference._network import IceAgent, MutableTrack
from webrtc_reference._offer_answer import (
    create_an_answer,
    create_an_offer,
    set_local_description,
    set_remote_description,
)
from webrtc_reference._remote_tracks import RemoteTracks
from webrtc_reference._rtp import (
    RTCRtpReceiver,
    RTCRtpSender,
    RTCRtpTransceiver,
    stream_ids,
    to_direction,
)
from webrtc_reference._sdp import new_dtls_fingerprint, new_ice_credentials, new_session_id
from webrtc_reference._signaling import SignalingMachine
from webrtc_reference._slots import DescriptionSlots
from webrtc_reference._spec import SPEC_URL

Direction = RTCRtpTransceiverDirection
State = RTCSignalingState
# removeTrack() steps 11-12.
STOP_SENDING: Final = {Direction.SENDRECV: Direction.RECVONLY,
                       Direction.SENDONLY: Direction.INACTIVE}
# addTrack() step 7 (reusing a sender): start sending again.
START_SENDING: Final = {Direction.RECVONLY: Direction.SENDRECV,
                        Direction.INACTIVE: Direction.SENDONLY}


class RTCPeerConnection(EventTarget):
    """https://w3c.github.io/webrtc-pc/#rtcpeerconnection-interface"""

    onnegotiationneeded = EventHandler("negotiationneeded", SPEC_URL)
    onsignalingstatechange = EventHandler("signalingstatechange", SPEC_URL)
    ontrack = EventHandler("track", SPEC_URL)
    onicecandidate = EventHandler("icecandidate", SPEC_URL)
    onicegatheringstatechange = EventHandler("icegatheringstatechange", SPEC_URL)
    oniceconnectionstatechange = EventHandler("iceconnectionstatechange", SPEC_URL)
    onconnectionstatechange = EventHandler("connectionstatechange", SPEC_URL)

    def __init__(self, configuration: Mapping[str, Any] | None = None) -> None:
        if configuration is not None and not isinstance(configuration, Mapping):
            raise TypeError("RTCPeerConnection(): the configuration must be a dictionary")
        super().__init__()  # the listeners
        self._is_closed = False  # [[IsClosed]]
        self._negotiation_needed = False  # [[NegotiationNeeded]]
        # [[Operations]] and [[UpdateNegotiationNeededFlagOnEmptyChain]].
        self._chain = OperationsChain(lambda: self._is_closed,
                                      self._update_negotiation_needed_flag)
        self._signaling = SignalingMachine()  # [[SignalingState]] and its table
        self._slots = DescriptionSlots()  # the four descriptions, [[LastCreatedOffer/Answer]]
        self._remote_tracks = RemoteTracks()  # the remote streams, by id
        self._transceivers: list[RTCRtpTransceiver] = []  # the set of transceivers
        self._used_mids: set[str] = set()
        self._identity = LocalIdentity(new_session_id(), new_ice_credentials(),
                                       new_dtls_fingerprint())
        self._ice = IceAgent(self)  # the ICE agent and the transport, on a simulated network

    # Attributes.
    @property
    def signalingState(self) -> RTCSignalingState:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-signaling-state"""
        return self._signaling.state

    @property
    def iceGatheringState(self) -> RTCIceGatheringState:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-ice-gathering-state"""
        return self._ice.gathering_state

    @property
    def iceConnectionState(self) -> RTCIceConnectionState:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-ice-connection-state"""
        return self._ice.ice_state

    @property
    def connectionState(self) -> RTCPeerConnectionState:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-connection-state"""
        return self._ice.connection_state

    @property
    def localDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-localdescription"""
        return self._slots.local

    @property
    def remoteDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-remotedescription"""
        return self._slots.remote

    @property
    def currentLocalDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-currentlocaldesc"""
        return self._slots.current_local

    @property
    def pendingLocalDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-pendinglocaldesc"""
        return self._slots.pending_local

    @property
    def currentRemoteDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-currentremotedesc"""
        return self._slots.current_remote

    @property
    def pendingRemoteDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-pendingremotedesc"""
        return self._slots.pending_remote

    # Offer and answer.
    def createOffer(self, options: Mapping[str, Any] | None = None,
                    ) -> asyncio.Future[RTCSessionDescription]:
        """Resolve to an offer for the current transceivers; nothing else changes.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-createoffer
        """
        # Steps 1-3.
        return self._chain.chain(lambda: create_an_offer(self))

    def createAnswer(self, options: Mapping[str, Any] | None = None,
                     ) -> asyncio.Future[RTCSessionDescription]:
        """Resolve to an answer to the remote offer.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-createanswer
        """
        # Steps 1-3.
        return self._chain.chain(lambda: create_an_answer(self))

    def setLocalDescription(
        self, description: Mapping[str, Any] | RTCSessionDescription | None = None
    ) -> asyncio.Future[None]:
        """Apply a local offer or answer; without one, create it first.

        Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-setlocaldescription
        """
        return set_local_description(self, description)

    def setRemoteDescription(
        self, description: Mapping[str, Any] | RTCSessionDescription
    ) -> asyncio.Future[None]:
        """Apply the remote peer's offer or answer; an offer in glare rolls back first.

        Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-setremotedescription
        """
        return set_remote_description(self, description)

    # Collections.
    def getTransceivers(self) -> list[RTCRtpTransceiver]:
        """Every transceiver in the set, stopped ones included, in insertion order.

        Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-gettranseceivers
        """
        return list(self._transceivers)

    def getSenders(self) -> list[RTCRtpSender]:
        """The senders of the transceivers that are not stopped (CollectSenders).

        Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-getsenders
        """
        return [t._sender for t in self._transceivers if not t._stopped]

    def getReceivers(self) -> list[RTCRtpReceiver]:
        """The receivers of the transceivers that are not stopped.

        Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-getreceivers
        """
        return [t._receiver for t in self._transceivers if not t._stopped]

    # Tracks and transceivers.
    def addTrack(self, track: MediaStreamTrack, *streams: MediaStream) -> RTCRtpSender:
        """Send *track*, reusing a sender that never sent, or adding a transceiver.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-addtrack
        """
        # WebIDL conversion.
        if not isinstance(track, MediaStreamTrack):
            raise TypeError("addTrack(): argument 1 is not a MediaStreamTrack")
        if not all(isinstance(stream, MediaStream) for stream in streams):
            raise TypeError("addTrack(): the streams must be MediaStreams")
        # Steps 1-4.
        kind = track.kind
        # Step 5.
        if self._is_closed:
            raise InvalidStateError("addTrack() on a closed RTCPeerConnection")
        # Step 6.
        senders = self.getSenders()
        if any(sender._sender_track is track for sender in senders):
            raise InvalidAccessError("addTrack(): the track already has a sender here")
        # Step 7 (the reuse rule).
        reusable = next((s for s in senders if s._sender_track is None and s._kind == kind
                         and not s._owner._stopping and not s._owner._has_ever_sent), None)
        running_loop()  # step 11 queues a task: fail before changing anything
        # Step 8.
        if reusable is not None:
            sender = reusable
            sender._sender_track = track  # [[SenderTrack]]
            sender._associated_media_stream_ids = stream_ids(streams)
            transceiver = sender._owner
            transceiver._direction = START_SENDING.get(transceiver._direction,
                                                       transceiver._direction)
        # Step 9.
        else:
            transceiver = self._new_transceiver(track, kind, list(streams), Direction.SENDRECV)
            sender = transceiver._sender
        transceiver._added_via_add_track = True
        # Step 10: no cross-origin content here.
        # Step 11.
        self._update_negotiation_needed_flag()
        # Step 12.
        return sender

    def removeTrack(self, sender: RTCRtpSender) -> None:
        """Stop sending *sender*'s track; the sender stays in getSenders().

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-removetrack
        """
        # WebIDL conversion.
        if not isinstance(sender, RTCRtpSender):
            raise TypeError("removeTrack(): argument 1 is not an RTCRtpSender")
        # Steps 1-2: sender is the argument; connection is self.
        # Step 3.
        if self._is_closed:
            raise InvalidStateError("removeTrack() on a closed RTCPeerConnection")
        # Step 4.
        if sender._connection is not self:
            raise InvalidAccessError("removeTrack(): the sender was not created by this connection")
        # Step 5.
        transceiver = sender._owner
        # Step 6.
        if transceiver._stopping:
            return
        # Steps 7-8: a stopped or rolled-back transceiver's sender is not collected. Both are
        # [[Stopping]] too, so step 6 has already returned: these steps never decide here.
        if transceiver._stopped or transceiver not in self._transceivers:  # pragma: no cover
            return
        # Step 9.
        if sender._sender_track is None:
            return
        running_loop()  # step 13 queues a task: fail before changing anything
        # Step 10.
        sender._sender_track = None  # [[SenderTrack]]
        # Steps 11-12.
        transceiver._direction = STOP_SENDING.get(transceiver._direction, transceiver._direction)
        # Step 13.
        self._update_negotiation_needed_flag()

    def addTransceiver(
        self, trackOrKind: MediaStreamTrack | str, init: Mapping[str, Any] | None = None
    ) -> RTCRtpTransceiver:
        """Add a transceiver with init["direction"] (default "sendrecv"); never reuses one.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-addtransceiver
        """
        init = {} if init is None else init
        if not isinstance(init, Mapping):
            raise TypeError("addTransceiver(): init must be a dictionary")
        direction = to_direction(init.get("direction", "sendrecv"), "addTransceiver()")
        if direction is Direction.STOPPED:
            raise TypeError("addTransceiver(): the direction cannot be 'stopped'")
        streams = list(init.get("streams", []))
        if not all(isinstance(stream, MediaStream) for stream in streams):
            raise TypeError("addTransceiver(): init['streams'] must hold MediaStreams")
        # Steps 1-4: init, streams, sendEncodings (not modelled), direction.
        # Step 5.
        if isinstance(trackOrKind, str):
            if trackOrKind not in MEDIA_KINDS:
                raise TypeError(f"addTransceiver(): {trackOrKind!r} is not 'audio' or 'video'")
            kind, track = trackOrKind, None
        # Step 6.
        elif isinstance(trackOrKind, MediaStreamTrack):
            kind, track = trackOrKind.kind, trackOrKind
        else:
            raise TypeError("addTransceiver(): argument 1 is not a MediaStreamTrack or a kind")
        # Step 7.
        if self._is_closed:
            raise InvalidStateError("addTransceiver() on a closed RTCPeerConnection")
        running_loop()  # step 13 queues a task: fail before changing anything
        # Steps 8-12: create sender, receiver and transceiver; add it to the set.
        transceiver = self._new_transceiver(track, kind, streams, direction)
        # Step 13.
        self._update_negotiation_needed_flag()
        # Step 14.
        return transceiver

    # Negotiation.
    def _update_negotiation_needed_flag(self) -> None:
        """Queue the negotiation-needed check; defer it while the chain is busy.

        Spec: https://w3c.github.io/webrtc-pc/#dfn-update-the-negotiation-needed-flag
        """
        # Step 1.
        if self._chain.busy:
            self._chain.update_negotiation_needed_flag_on_empty_chain = True
            return

        # Step 2.
        def task() -> None:
            # Step 2.1.
            if self._is_closed:
                return
            # Step 2.2.
            if self._chain.busy:
                self._chain.update_negotiation_needed_flag_on_empty_chain = True
                return
            # Step 2.3.
            if self._signaling.state is not State.STABLE:
                return
            # Step 2.4.
            if not check_if_negotiation_is_needed(self._transceivers,
                                                  self._slots.current_local,
                                                  self._slots.current_remote):
                self._negotiation_needed = False
                return
            # Step 2.5.
            if self._negotiation_needed:
                return
            # Step 2.6.
            self._negotiation_needed = True
            # Step 2.7.
            self._fire(Event("negotiationneeded"))

        queue_task(task)

    def _new_transceiver(
        self, track: MediaStreamTrack | None, kind: str,
        streams: list[MediaStream], direction: Direction,
    ) -> RTCRtpTransceiver:
        """Create a sender, a receiver and a transceiver, and add it to the set."""
        sender = RTCRtpSender(self, track, kind, streams)
        receiver = RTCRtpReceiver(self, kind)
        transceiver = RTCRtpTransceiver(self, sender, receiver, direction)
        self._transceivers.append(transceiver)
        return transceiver

    def _new_mid(self) -> str:
        """The smallest unused number, as Chromium numbers its mids."""
        number = len(self._used_mids)
        while str(number) in self._used_mids:
            number += 1
        self._used_mids.add(str(number))
        return str(number)

    # ICE.
    def addIceCandidate(
        self, candidate: Mapping[str, Any] | RTCIceCandidate | None = None
    ) -> asyncio.Future[None]:
        """Give the ICE agent a candidate of the remote peer; "" means end-of-candidates.

        Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-addicecandidate
        """
        loop = running_loop()
        init = candidate.toJSON() if isinstance(candidate, RTCIceCandidate) else (
            {} if candidate is None else candidate)
        if not isinstance(init, Mapping):
            return _rejected(loop, TypeError("addIceCandidate(): expected a dictionary"))
        line = init.get("candidate") or ""
        mid, index, ufrag = (init.get("sdpMid"), init.get("sdpMLineIndex"),
                             init.get("usernameFragment"))
        # Step 2.
        if line and mid is None and index is None:
            return _rejected(loop, TypeError(
                "addIceCandidate(): sdpMid and sdpMLineIndex are both null"))

        # Step 3: chained.
        def operation() -> asyncio.Future[None]:
            p: asyncio.Future[None] = loop.create_future()
            remote = self.remoteDescription
            # Step 3.1.
            if remote is None:
                return _rejected(loop, InvalidStateError(
                    "addIceCandidate() before a remote description is set"))
            media = remote._model.media
            # Steps 3.2-3.3.
            if mid is not None and all(section.mid != mid for section in media):
                return _rejected(loop, OperationError(f"addIceCandidate(): no mid {mid!r}"))
            if mid is None and index is not None and index >= len(media):
                return _rejected(loop, OperationError(
                    f"addIceCandidate(): no m-section {index}"))
            # Step 3.4.
            ufrags = {s.ice_ufrag or remote._model.ice_ufrag for s in media}
            if ufrag is not None and ufrag not in ufrags:
                return _rejected(loop, OperationError(
                    f"addIceCandidate(): unknown usernameFragment {ufrag!r}"))
            parsed = RTCIceCandidate({"candidate": line, "sdpMid": mid, "sdpMLineIndex": index,
                                      "usernameFragment": ufrag}) if line else None
            if parsed is not None and parsed.port is None:
                return _rejected(loop, OperationError(
                    f"addIceCandidate(): the candidate {line!r} could not be parsed"))

            # Step 3.5: in parallel, then a task.
            def task() -> None:
                if self._is_closed:
                    return
                if parsed is not None:
                    self._ice.add_remote_candidate(parsed)
                    section_mid = mid if mid is not None else media[index or 0].mid
                    for slot in ("pending_remote", "current_remote"):
                        description = getattr(self._slots, slot)
                        if description is not None:
                            setattr(self._slots, slot, with_candidate(
                                description, parsed.candidate, section_mid))
                    self._ice.update()
                p.set_result(None)

            queue_task(task)
            return p

        return self._chain.chain(operation)

    # The connection's side of the simulated network (the _network.IceHost protocol).
    def _ice_credentials(self) -> tuple[str | None, str | None]:
        local, remote = self._slots.current_local, self._slots.current_remote
        if local is None or remote is None:
            return None, None
        return _ufrag(local), _ufrag(remote)

    def _add_local_candidate(self, candidate: RTCIceCandidate) -> None:
        for slot in ("pending_local", "current_local"):
            description = getattr(self._slots, slot)
            if description is not None:
                setattr(self._slots, slot, with_candidate(description, candidate.candidate, None))

    def _sending_mids(self) -> set[str]:
        return {t._mid for t in self._transceivers
                if t._mid is not None and not t._stopped and t._current_direction in SENDING
                and t._sender._sender_track is not None
                and t._sender._sender_track.readyState == "live"}

    def _receiving_tracks(self) -> dict[str, MutableTrack]:
        # [[Receptive]]: a receiver that applying a description made ready to receive RTP.
        return {t._mid: t._receiver._receiver_track for t in self._transceivers
                if t._mid is not None and not t._stopped and t._receptive}

    def close(self) -> None:
        """Close the connection: no events; every transceiver is stopped.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-close
        """
        self._close_the_connection(disappear=False)

    def _close_the_connection(self, disappear: bool) -> None:
        """Spec: https://w3c.github.io/webrtc-pc/#dfn-close-the-connection"""
        # Step 1.
        if self._is_closed:
            return
        running_loop()  # step 4 queues the receiver tracks' ended steps
        # Step 2.
        self._is_closed = True
        # Step 3: no signalingstatechange event.
        self._signaling.close()
        # Step 4.
        for transceiver in self._transceivers:
            if not transceiver._stopped:
                transceiver._stop_the_transceiver(disappear)
        # Steps 5-9: no data channels or SCTP transport in this model.
        # Steps 10-11: the ICE agent stops; the states become "closed", without events.
        self._ice.close()

    def __repr__(self) -> str:
        return f"<RTCPeerConnection {self._signaling.state} transceivers={len(self._transceivers)}>"


def _ufrag(description: RTCSessionDescription) -> str | None:
    model = description._model
    return next((s.ice_ufrag for s in model.media if s.ice_ufrag), model.ice_ufrag)


def _rejected(loop: asyncio.AbstractEventLoop, error: BaseException) -> asyncio.Future[None]:
    future: asyncio.Future[None] = loop.create_future()
    future.set_exception(error)
    return future
