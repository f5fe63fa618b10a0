"""Set a session description: local, remote and rollback (webrtc-pc §4.4.1.6)."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import Final

from webrtc_reference._description import RTCSessionDescription, from_model
from webrtc_reference._enums import (
    MEDIA_KINDS,
    RECEIVING,
    REVERSED,
    RTCRtpTransceiverDirection,
    RTCSdpType,
    RTCSignalingState,
    Side,
)
from webrtc_reference._event_loop import queue_task, running_loop
from webrtc_reference._events import Event, RTCTrackEvent
from webrtc_reference._exceptions import DOMException, InvalidStateError
from webrtc_reference._jsep import LocalIdentity, Owners
from webrtc_reference._media import MediaStream, MediaStreamTrack
from webrtc_reference._remote_tracks import RemoteTracks, StreamTrackList, TrackEventInits
from webrtc_reference._sdp import SessionDescriptionSdp
from webrtc_reference._signaling import next_signaling_state
from webrtc_reference._transceiver import RTCRtpTransceiver
from webrtc_reference._validate import parse_remote, parse_sdp_text

Direction = RTCRtpTransceiverDirection
State = RTCSignalingState
OFFER: Final = RTCSdpType.OFFER
ANSWER: Final = RTCSdpType.ANSWER
PRANSWER: Final = RTCSdpType.PRANSWER
ROLLBACK: Final = RTCSdpType.ROLLBACK
NO_ROLLBACK: Final = frozenset({State.STABLE, State.HAVE_LOCAL_PRANSWER,
                                State.HAVE_REMOTE_PRANSWER})
NOT_RECEIVING: Final = frozenset({Direction.SENDONLY, Direction.INACTIVE})


class SessionDescriptions(RemoteTracks):
    """The description slots of RTCPeerConnection and the algorithm that sets them."""

    _is_closed: bool
    _signaling_state: RTCSignalingState
    _negotiation_needed: bool
    _transceivers: list[RTCRtpTransceiver]
    _used_mids: set[str]
    _identity: LocalIdentity
    # Provided by RTCPeerConnection and EventTarget.
    _update_negotiation_needed_flag: Callable[[], None]
    _fire: Callable[[Event], None]
    _new_transceiver: Callable[
        [MediaStreamTrack | None, str, list[MediaStream], RTCRtpTransceiverDirection],
        RTCRtpTransceiver,
    ]

    def __init__(self) -> None:
        super().__init__()
        # [[PendingLocalDescription]]
        self._pending_local_description: RTCSessionDescription | None = None
        # [[CurrentLocalDescription]]
        self._current_local_description: RTCSessionDescription | None = None
        # [[PendingRemoteDescription]]
        self._pending_remote_description: RTCSessionDescription | None = None
        # [[CurrentRemoteDescription]]
        self._current_remote_description: RTCSessionDescription | None = None
        self._last_created_offer = ""  # [[LastCreatedOffer]]
        self._last_created_answer = ""  # [[LastCreatedAnswer]]
        self._last_offer_owners: Owners = []  # the transceiver behind each m-section of it
        self._last_answer_owners: Owners = []

    def _set_a_session_description(
        self, sdp_type: RTCSdpType, sdp: str, remote: bool,
        owners: Owners | None = None,
    ) -> asyncio.Future[None]:
        """Apply a description in a queued task; events fire there, then the promise resolves.

        Spec: https://w3c.github.io/webrtc-pc/#set-description
        """
        # Step 1.
        p: asyncio.Future[None] = running_loop().create_future()
        # Step 2.
        if sdp_type is ROLLBACK and self._signaling_state in NO_ROLLBACK:
            p.set_exception(InvalidStateError(
                f"cannot roll back in signaling state {self._signaling_state}"))
            return p
        # Step 3: the queued task reads the set of transceivers as it is then.
        side = Side.REMOTE if remote else Side.LOCAL

        # Step 4: apply the description; report failure or success in a queued task.
        def task() -> None:
            # Steps 4.6.1 and 4.7.1: once closed, p never settles.
            if self._is_closed:
                return
            try:
                # Step 4.6.2.
                new_state = next_signaling_state(self._signaling_state, side, sdp_type)
                # Steps 4.6.3-4.6.7.
                model = None
                if sdp_type is not ROLLBACK:
                    model = (parse_remote(self._descriptions_before(sdp_type), sdp_type, sdp)
                             if remote else parse_sdp_text(sdp))
            except DOMException as error:
                p.set_exception(error)
                return
            # Step 4.7.
            self._description_applied(sdp_type, sdp, model, side, new_state, owners or [])
            if not p.done():
                # Step 4.7.21.
                p.set_result(None)

        queue_task(task)
        # Step 5.
        return p

    def _descriptions_before(self, sdp_type: RTCSdpType) -> RTCSessionDescription | None:
        """The description whose m-lines a remote one must keep (RFC 9429 §5.7, §5.8)."""
        if sdp_type is OFFER:
            return (self._current_remote_description or self._pending_local_description
                    or self._current_local_description)
        return self._pending_local_description

    def _description_applied(
        self, sdp_type: RTCSdpType, sdp: str,
        model: SessionDescriptionSdp | None, side: Side, new_state: RTCSignalingState,
        owners: Owners,
    ) -> None:
        """Steps 4.7.2-4.7.20 of "set a session description": the success task."""
        old_state = self._signaling_state
        # Steps 4.7.2-4.7.3: no addTrack() or setParameters() can run while this task runs.
        # Step 4.7.4: remember what the last stable state had, for a rollback.
        if sdp_type is OFFER and old_state is State.STABLE:
            for transceiver in self._transceivers:
                receiver = transceiver._receiver
                receiver._last_stable_associated_remote_media_streams = list(
                    receiver._associated_remote_media_streams)
                transceiver._last_stable_mid = transceiver._mid
        # Steps 4.7.5-4.7.6.
        if model is not None:
            self._set_description_slots(from_model(sdp_type, sdp, model), side, new_state)
        # Steps 4.7.7-4.7.8 and 4.7.10: no SCTP transport or data channels in this model.
        # Step 4.7.9.
        track_event_inits: TrackEventInits = []
        mute_tracks: list[MediaStreamTrack] = []
        add_list: StreamTrackList = []
        remove_list: StreamTrackList = []
        # Step 4.7.11.
        if model is not None and side is Side.LOCAL:
            self._apply_local_sections(sdp_type, model, owners, mute_tracks, remove_list)
        elif model is not None:
            self._apply_remote_sections(sdp_type, model, add_list, remove_list,
                                        track_event_inits, mute_tracks)
        # Step 4.7.12.
        else:
            self._roll_back(old_state, add_list, remove_list, track_event_inits, mute_tracks)
        # Step 4.7.13.
        if sdp_type is ANSWER:
            self._remove_rejected_stopped_transceivers()
        # Step 4.7.14.
        if self._signaling_state is State.STABLE:
            for transceiver in self._transceivers:
                transceiver._created_by_remote_offer = False
            self._negotiation_needed = False  # clear the negotiation-needed flag
            self._update_negotiation_needed_flag()  # deferred: this operation is in the chain
        # Step 4.7.15.
        if self._signaling_state is not old_state:
            self._fire(Event("signalingstatechange"))
        # Step 4.7.16: no data channels.
        # Step 4.7.17.
        for track in mute_tracks:
            track._set_muted(True)
        # Step 4.7.18.
        for stream, track in remove_list:
            stream._remove_track(track)
        # Step 4.7.19.
        for stream, track in add_list:
            stream._add_track(track)
        # Step 4.7.20.
        for init in track_event_inits:
            self._fire(RTCTrackEvent("track", **init))

    def _set_description_slots(
        self, description: RTCSessionDescription, side: Side, new_state: RTCSignalingState
    ) -> None:
        """Steps 4.7.5-4.7.6: the pending and current descriptions and the state."""
        final = description.type is ANSWER
        if side is Side.LOCAL and final:
            self._current_local_description = description
            self._current_remote_description = self._pending_remote_description
        elif side is Side.REMOTE and final:
            self._current_remote_description = description
            self._current_local_description = self._pending_local_description
        elif side is Side.LOCAL:
            self._pending_local_description = description
        else:
            self._pending_remote_description = description
        if final:
            self._identity.learn_dtls_role(description._model, side is Side.LOCAL)
            self._pending_local_description = self._pending_remote_description = None
            self._last_created_offer = self._last_created_answer = ""
            self._last_offer_owners, self._last_answer_owners = [], []
        self._signaling_state = new_state

    def _apply_local_sections(
        self, sdp_type: RTCSdpType, model: SessionDescriptionSdp, owners: Owners,
        mute_tracks: list[MediaStreamTrack], remove_list: StreamTrackList,
    ) -> None:
        """Step 4.7.11.1: each m-section of a local description."""
        for section, transceiver in zip(model.media, owners, strict=False):
            if transceiver is None:
                continue  # a rejected m-line no transceiver stands behind
            # Step 4.7.11.1.1.
            if transceiver._mid is None:
                transceiver._mid = transceiver._jsep_mid  # [[Mid]]
            # Steps 4.7.11.1.2-3.
            if transceiver._stopped:
                continue
            # Steps 4.7.11.1.4-6.
            direction = Direction(section.direction)
            transceiver._receptive = direction in RECEIVING  # [[Receptive]]
            # Step 4.7.11.1.7.
            if sdp_type in (ANSWER, PRANSWER):
                if direction in NOT_RECEIVING and transceiver._fired_direction in RECEIVING:
                    self._set_associated_remote_streams(transceiver._receiver, [], [],
                                                        remove_list)
                    self._process_the_removal_of_a_remote_track(transceiver, mute_tracks)
                transceiver._set_current_direction(direction)
                transceiver._fired_direction = direction  # [[FiredDirection]]

    def _apply_remote_sections(
        self, sdp_type: RTCSdpType, model: SessionDescriptionSdp,
        add_list: StreamTrackList, remove_list: StreamTrackList,
        track_event_inits: TrackEventInits, mute_tracks: list[MediaStreamTrack],
    ) -> None:
        """Step 4.7.11.2: each m-section of a remote description."""
        by_mid = {t._mid: t for t in self._transceivers if t._mid is not None}
        # RFC 9429 §5.10: only an unassociated transceiver addTrack() made or filled may pair.
        unpaired = {kind: deque(t for t in self._transceivers if t._kind == kind
                                and t._added_via_add_track and t._mid is None
                                and not t._stopped) for kind in MEDIA_KINDS}
        for section in model.media:
            if section.kind not in MEDIA_KINDS or section.mid is None:
                continue  # data or unknown media: not modelled, rejected in the answer
            # Steps 4.7.11.2.1-4: no simulcast in this model.
            # Step 4.7.11.2.5.
            transceiver = by_mid.get(section.mid)
            if transceiver is None and sdp_type is OFFER and unpaired[section.kind]:
                transceiver = unpaired[section.kind].popleft()
            if transceiver is None and sdp_type is not OFFER:
                continue  # an answer to a placeholder m-line of ours: nothing stands behind it
            # Step 4.7.11.2.7.
            if transceiver is None:
                transceiver = self._new_transceiver(None, section.kind, [], Direction.RECVONLY)
                transceiver._created_by_remote_offer = True
            # Step 4.7.11.2.9.
            transceiver._jsep_mid = transceiver._mid = section.mid
            by_mid[section.mid] = transceiver
            self._used_mids.add(section.mid)
            # Step 4.7.11.2.10.
            rejected = section.rejected
            direction = Direction.INACTIVE if rejected else REVERSED[Direction(section.direction)]
            # Step 4.7.11.2.11.
            msids = [s for s, _ in section.msids if s != "-"] if direction in RECEIVING else []
            # Step 4.7.11.2.12.
            self._process_remote_tracks(transceiver, direction, msids, add_list, remove_list,
                                        track_event_inits, mute_tracks)
            # Step 4.7.11.2.14.
            if sdp_type in (ANSWER, PRANSWER):
                transceiver._set_current_direction(direction)
            # Step 4.7.11.2.15.
            if rejected and not transceiver._stopped:
                transceiver._stop_the_transceiver()

    def _roll_back(
        self, old_state: RTCSignalingState, add_list: StreamTrackList,
        remove_list: StreamTrackList, track_event_inits: TrackEventInits,
        mute_tracks: list[MediaStreamTrack],
    ) -> None:
        """Step 4.7.12: undo the pending offer; stop() and removeTrack() are not undone."""
        # Steps 4.7.12.1-2: the pending description is known by the state; no SCTP.
        kept = []
        # Step 4.7.12.3.
        for transceiver in self._transceivers:
            # Step 4.7.12.3.1.
            if transceiver._last_stable_mid is None:
                transceiver._jsep_mid = transceiver._mid = None
            # Step 4.7.12.3.6.
            if old_state is State.HAVE_REMOTE_OFFER:
                receiver = transceiver._receiver
                msids = [s.id for s in receiver._last_stable_associated_remote_media_streams]
                self._process_remote_tracks(transceiver, transceiver._current_direction, msids,
                                            add_list, remove_list, track_event_inits,
                                            mute_tracks)
            # Step 4.7.12.3.7.
            if transceiver._created_by_remote_offer and not transceiver._added_via_add_track:
                transceiver._stop_the_transceiver()
                continue
            kept.append(transceiver)
        self._transceivers = kept
        # Step 4.7.12.4.
        self._pending_local_description = self._pending_remote_description = None
        self._signaling_state = State.STABLE

    def _remove_rejected_stopped_transceivers(self) -> None:
        """Step 4.7.13: drop stopped transceivers whose m-section an answer rejected."""
        rejected: set[str] = set()
        for description in (self._current_local_description, self._current_remote_description):
            if description is not None:
                rejected.update(s.mid for s in description._model.media if s.rejected and s.mid)
        self._transceivers = [t for t in self._transceivers
                              if not (t._stopped and t._mid is not None and t._mid in rejected)]
