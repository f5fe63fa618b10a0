"""RTCPeerConnection: the IDL surface, one method per spec algorithm."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, Final

from webrtc_reference._apply import SessionDescriptions
from webrtc_reference._chain import OperationsChain
from webrtc_reference._description import RTCSessionDescription, description_init
from webrtc_reference._enums import RTCRtpTransceiverDirection, RTCSdpType, RTCSignalingState, Side
from webrtc_reference._events import Event, EventHandler, EventTarget, queue_task, running_loop
from webrtc_reference._exceptions import (
    InvalidAccessError,
    InvalidModificationError,
    InvalidStateError,
)
from webrtc_reference._jsep import LocalIdentity, build_answer, build_offer
from webrtc_reference._media import MediaStream, MediaStreamTrack
from webrtc_reference._negotiation import check_if_negotiation_is_needed
from webrtc_reference._rtp import RTCRtpReceiver, RTCRtpSender, stream_ids
from webrtc_reference._sdp import new_dtls_fingerprint, new_ice_credentials, new_session_id
from webrtc_reference._signaling import is_allowed
from webrtc_reference._transceiver import RTCRtpTransceiver, to_direction

Direction = RTCRtpTransceiverDirection
State = RTCSignalingState
# removeTrack() steps 11-12.
STOP_SENDING: Final = {Direction.SENDRECV: Direction.RECVONLY,
                       Direction.SENDONLY: Direction.INACTIVE}
# addTrack() step 7 (reusing a sender): start sending again.
START_SENDING: Final = {Direction.RECVONLY: Direction.SENDRECV,
                        Direction.INACTIVE: Direction.SENDONLY}
OFFER_STATES: Final = frozenset({State.STABLE, State.HAVE_LOCAL_OFFER})
ANSWER_STATES: Final = frozenset({State.HAVE_REMOTE_OFFER, State.HAVE_LOCAL_PRANSWER})
IMPLICIT_OFFER_STATES: Final = frozenset({State.STABLE, State.HAVE_LOCAL_OFFER,
                                          State.HAVE_REMOTE_PRANSWER})


class RTCPeerConnection(SessionDescriptions, EventTarget):
    """https://w3c.github.io/webrtc-pc/#rtcpeerconnection-interface"""

    onnegotiationneeded = EventHandler("negotiationneeded")
    onsignalingstatechange = EventHandler("signalingstatechange")
    ontrack = EventHandler("track")

    def __init__(self, configuration: Mapping[str, Any] | None = None) -> None:
        if configuration is not None and not isinstance(configuration, Mapping):
            raise TypeError("RTCPeerConnection(): the configuration must be a dictionary")
        EventTarget.__init__(self)
        SessionDescriptions.__init__(self)
        self._is_closed = False  # [[IsClosed]]
        self._negotiation_needed = False  # [[NegotiationNeeded]]
        self._chain = OperationsChain(self)  # [[Operations]]
        self._update_negotiation_needed_flag_on_empty_chain = False  # [[UpdateNegotiationNeededFlagOnEmptyChain]]
        self._signaling_state = State.STABLE  # [[SignalingState]]
        self._transceivers: list[RTCRtpTransceiver] = []  # the set of transceivers
        self._used_mids: set[str] = set()
        self._identity = LocalIdentity(new_session_id(), new_ice_credentials(),
                                       new_dtls_fingerprint())

    # Attributes.
    @property
    def signalingState(self) -> RTCSignalingState:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-signaling-state"""
        return self._signaling_state

    @property
    def localDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-localdescription"""
        return self._pending_local_description or self._current_local_description

    @property
    def remoteDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-remotedescription"""
        return self._pending_remote_description or self._current_remote_description

    @property
    def currentLocalDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-currentlocaldesc"""
        return self._current_local_description

    @property
    def pendingLocalDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-pendinglocaldesc"""
        return self._pending_local_description

    @property
    def currentRemoteDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-currentremotedesc"""
        return self._current_remote_description

    @property
    def pendingRemoteDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-pendingremotedesc"""
        return self._pending_remote_description

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
            if trackOrKind not in ("audio", "video"):
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
            self._update_negotiation_needed_flag_on_empty_chain = True
            return

        # Step 2.
        def task() -> None:
            # Step 2.1.
            if self._is_closed:
                return
            # Step 2.2.
            if self._chain.busy:
                self._update_negotiation_needed_flag_on_empty_chain = True
                return
            # Step 2.3.
            if self._signaling_state is not State.STABLE:
                return
            # Step 2.4.
            if not check_if_negotiation_is_needed(self._transceivers,
                                                  self._current_local_description,
                                                  self._current_remote_description):
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

    def createOffer(self, options: Mapping[str, Any] | None = None,
                    ) -> asyncio.Future[RTCSessionDescription]:
        """Resolve to an offer for the current transceivers; nothing else changes.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-createoffer
        """
        # Steps 1-3.
        return self._chain.chain(self._create_an_offer)

    def _create_an_offer(self) -> asyncio.Future[RTCSessionDescription]:
        """Spec: https://w3c.github.io/webrtc-pc/#dfn-create-an-offer"""
        p: asyncio.Future[RTCSessionDescription] = running_loop().create_future()
        # Step 1.
        if self._signaling_state not in OFFER_STATES:
            p.set_exception(InvalidStateError(
                f"createOffer() in signaling state {self._signaling_state}"))
            return p

        # Steps 2-4 and the final steps, in a queued task.
        def final_steps() -> None:
            if self._is_closed:
                return
            base = self.localDescription
            sdp, _model, owners = build_offer(self._transceivers,
                                              None if base is None else base._model,
                                              self._identity, self._new_mid)
            self._last_created_offer, self._last_offer_owners = sdp, owners  # [[LastCreatedOffer]]
            p.set_result(RTCSessionDescription({"type": "offer", "sdp": sdp}))

        queue_task(final_steps)
        return p

    def createAnswer(self, options: Mapping[str, Any] | None = None,
                     ) -> asyncio.Future[RTCSessionDescription]:
        """Resolve to an answer to the remote offer.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-createanswer
        """
        # Steps 1-3.
        return self._chain.chain(self._create_an_answer)

    def _create_an_answer(self) -> asyncio.Future[RTCSessionDescription]:
        """Spec: https://w3c.github.io/webrtc-pc/#dfn-create-an-answer"""
        p: asyncio.Future[RTCSessionDescription] = running_loop().create_future()
        # Step 1.
        if self._signaling_state not in ANSWER_STATES:
            p.set_exception(InvalidStateError(
                f"createAnswer() in signaling state {self._signaling_state}"))
            return p

        # Steps 2-4 and the final steps, in a queued task.
        def final_steps() -> None:
            if self._is_closed:
                return
            offer = self.remoteDescription
            assert offer is not None  # have-remote-offer or have-local-pranswer
            sdp, _model, owners = build_answer(self._transceivers, offer._model, self._identity)
            self._last_created_answer, self._last_answer_owners = sdp, owners  # [[LastCreatedAnswer]]
            p.set_result(RTCSessionDescription({"type": "answer", "sdp": sdp}))

        queue_task(final_steps)
        return p

    def setLocalDescription(
        self, description: Mapping[str, Any] | RTCSessionDescription | None = None
    ) -> asyncio.Future[None]:
        """Apply a local offer or answer; without one, create it first.

        Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-setlocaldescription
        """
        # Steps 1-3.
        given_type, sdp = description_init({} if description is None else description,
                                           "setLocalDescription()", type_required=False)
        loop = running_loop()

        # Step 4: chained.
        def operation() -> asyncio.Future[None]:
            # Step 4.1.
            implicit = RTCSdpType.OFFER if self._signaling_state in IMPLICIT_OFFER_STATES \
                else RTCSdpType.ANSWER
            sdp_type = given_type or implicit
            if sdp_type is RTCSdpType.ROLLBACK:
                return self._set_a_session_description(sdp_type, "", remote=False)
            offer = sdp_type is RTCSdpType.OFFER
            last = self._last_created_offer if offer else self._last_created_answer
            owners = self._last_offer_owners if offer else self._last_answer_owners
            # Steps 4.2-4.3.
            if sdp and sdp != last:
                rejected: asyncio.Future[None] = loop.create_future()
                rejected.set_exception(InvalidModificationError(
                    f"setLocalDescription(): the SDP differs from the last created {sdp_type}"))
                return rejected
            # Steps 4.4-4.5.
            if not sdp and not last:
                create = self._create_an_offer if offer else self._create_an_answer
                return _then(create(), lambda created: self._set_a_session_description(
                    sdp_type, created.sdp, False, self._last_offer_owners if offer
                    else self._last_answer_owners))
            # Step 4.6.
            return self._set_a_session_description(sdp_type, sdp or last, False, owners)

        return self._chain.chain(operation)

    def setRemoteDescription(
        self, description: Mapping[str, Any] | RTCSessionDescription
    ) -> asyncio.Future[None]:
        """Apply the remote peer's offer or answer; an offer in glare rolls back first.

        Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-setremotedescription
        """
        # Steps 1-2.
        sdp_type, sdp = description_init(description, "setRemoteDescription()",
                                         type_required=True)
        assert sdp_type is not None  # type_required

        # Step 3: chained.
        def operation() -> asyncio.Future[None]:
            # Step 3.1: an offer the state does not allow is applied after an implicit rollback.
            if sdp_type is RTCSdpType.OFFER and not is_allowed(
                self._signaling_state, _REMOTE, sdp_type
            ):
                rollback = self._set_a_session_description(RTCSdpType.ROLLBACK, "", False)
                return _then(rollback, lambda _: self._set_a_session_description(
                    sdp_type, sdp, True))
            # Step 3.2.
            return self._set_a_session_description(sdp_type, sdp, True)

        return self._chain.chain(operation)

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
        # Step 2.
        self._is_closed = True
        # Step 3: no signalingstatechange event.
        self._signaling_state = State.CLOSED
        # Step 4.
        for transceiver in self._transceivers:
            if not transceiver._stopped:
                transceiver._stop_the_transceiver(disappear)
        # Steps 5-11: no data channels, SCTP, DTLS or ICE transports in this model.

    def __repr__(self) -> str:
        return f"<RTCPeerConnection {self._signaling_state} transceivers={len(self._transceivers)}>"


_REMOTE: Final = Side.REMOTE


def _then(first: asyncio.Future[Any], step: Any) -> asyncio.Future[Any]:
    """Promise-react: when *first* fulfils, run *step* (which returns a future) and follow it."""
    loop = running_loop()
    result: asyncio.Future[Any] = loop.create_future()

    def follow(inner: asyncio.Future[Any]) -> None:
        if inner.exception() is not None:
            result.set_exception(inner.exception())  # type: ignore[arg-type]
        else:
            result.set_result(inner.result())

    def after_first(done: asyncio.Future[Any]) -> None:
        if done.exception() is not None:
            result.set_exception(done.exception())  # type: ignore[arg-type]
            return
        step(done.result()).add_done_callback(follow)

    first.add_done_callback(after_first)
    return result
