"""RTCPeerConnection: the IDL surface, one method per spec algorithm."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from webrtc_reference._chain import OperationsChain
from webrtc_reference._description import RTCSessionDescription
from webrtc_reference._enums import MEDIA_KINDS, RTCRtpTransceiverDirection, RTCSignalingState
from webrtc_reference._event_loop import queue_task, running_loop
from webrtc_reference._events import Event, EventHandler, EventTarget
from webrtc_reference._exceptions import (
    InvalidAccessError,
    InvalidStateError,
)
from webrtc_reference._jsep import LocalIdentity
from webrtc_reference._media import MediaStream, MediaStreamTrack
from webrtc_reference._negotiation import check_if_negotiation_is_needed
from webrtc_reference._offer_answer import OfferAnswer
from webrtc_reference._rtp import RTCRtpReceiver, RTCRtpSender, stream_ids
from webrtc_reference._sdp import new_dtls_fingerprint, new_ice_credentials, new_session_id
from webrtc_reference._transceiver import RTCRtpTransceiver, to_direction

Direction = RTCRtpTransceiverDirection
State = RTCSignalingState
# removeTrack() steps 11-12.
STOP_SENDING: Final = {Direction.SENDRECV: Direction.RECVONLY,
                       Direction.SENDONLY: Direction.INACTIVE}
# addTrack() step 7 (reusing a sender): start sending again.
START_SENDING: Final = {Direction.RECVONLY: Direction.SENDRECV,
                        Direction.INACTIVE: Direction.SENDONLY}


class RTCPeerConnection(OfferAnswer, EventTarget):
    """https://w3c.github.io/webrtc-pc/#rtcpeerconnection-interface"""

    onnegotiationneeded = EventHandler("negotiationneeded")
    onsignalingstatechange = EventHandler("signalingstatechange")
    ontrack = EventHandler("track")

    def __init__(self, configuration: Mapping[str, Any] | None = None) -> None:
        if configuration is not None and not isinstance(configuration, Mapping):
            raise TypeError("RTCPeerConnection(): the configuration must be a dictionary")
        super().__init__()  # the description slots, remote streams and listeners
        self._is_closed = False  # [[IsClosed]]
        self._negotiation_needed = False  # [[NegotiationNeeded]]
        self._chain = OperationsChain(self)  # [[Operations]]
        # [[UpdateNegotiationNeededFlagOnEmptyChain]]
        self._update_negotiation_needed_flag_on_empty_chain = False
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
        self._signaling_state = State.CLOSED
        # Step 4.
        for transceiver in self._transceivers:
            if not transceiver._stopped:
                transceiver._stop_the_transceiver(disappear)
        # Steps 5-11: no data channels, SCTP, DTLS or ICE transports in this model.

    def __repr__(self) -> str:
        return f"<RTCPeerConnection {self._signaling_state} transceivers={len(self._transceivers)}>"
