"""Set a session description: local, remote and rollback (webrtc-pc §4.4.1.6).

The functions take the connection's parts through :class:`Connection`, a protocol that
RTCPeerConnection satisfies, so that this module does not import the interface.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Final, Protocol

from webrtc_reference._description import RTCSessionDescription, from_model
from webrtc_reference._dom.event_loop import queue_task, running_loop
from webrtc_reference._dom.events import Event
from webrtc_reference._dom.exceptions import DOMException, InvalidStateError
from webrtc_reference._enums import (
    MEDIA_KINDS,
    RECEIVING,
    REVERSED,
    RTCRtpTransceiverDirection,
    RTCSdpType,
    RTCSignalingState,
    Side,
)
from webrtc_reference._ice import RTCIceCandidate
from webrtc_reference._jsep import LocalIdentity, Owners
from webrtc_reference._media import MediaStream, MediaStreamTrack
from webrtc_reference._network import IceAgent
from webrtc_reference._remote_tracks import (
    RemoteTracks,
    TrackChanges,
    process_the_removal_of_a_remote_track,
)
from webrtc_reference._rtp import RTCRtpTransceiver
from webrtc_reference._sdp import SessionDescriptionSdp
from webrtc_reference._signaling import SignalingMachine
from webrtc_reference._slots import DescriptionSlots
from webrtc_reference._track_event import RTCTrackEvent
from webrtc_reference._validate import parse_remote, parse_sdp_text

Direction = RTCRtpTransceiverDirection
State = RTCSignalingState
OFFER: Final = RTCSdpType.OFFER
ANSWER: Final = RTCSdpType.ANSWER
PRANSWER: Final = RTCSdpType.PRANSWER
ROLLBACK: Final = RTCSdpType.ROLLBACK
NOT_RECEIVING: Final = frozenset({Direction.SENDONLY, Direction.INACTIVE})


class Connection(Protocol):
    """The parts of an RTCPeerConnection that setting a description reads and changes."""

    _signaling: SignalingMachine
    _slots: DescriptionSlots
    _remote_tracks: RemoteTracks
    _transceivers: list[RTCRtpTransceiver]
    _used_mids: set[str]
    _identity: LocalIdentity
    _ice: IceAgent
    _negotiation_needed: bool

    @property
    def _is_closed(self) -> bool: ...

    def _fire(self, event: Event) -> None: ...

    def _update_negotiation_needed_flag(self) -> None: ...

    def _new_transceiver(self, track: MediaStreamTrack | None, kind: str,
                         streams: list[MediaStream], direction: Direction,
                         ) -> RTCRtpTransceiver: ...


def set_a_session_description(
    pc: Connection, sdp_type: RTCSdpType, sdp: str, side: Side, owners: Owners | None = None,
) -> asyncio.Future[None]:
    """Apply a description in a queued task; events fire there, then the promise resolves.

    Spec: https://w3c.github.io/webrtc-pc/#set-description
    """
    # Step 1.
    p: asyncio.Future[None] = running_loop().create_future()
    # Step 2.
    if sdp_type is ROLLBACK and not pc._signaling.may_roll_back:
        p.set_exception(InvalidStateError(
            f"cannot roll back in signaling state {pc._signaling.state}"))
        return p

    # Steps 3-4: apply the description; report failure or success in a queued task, which
    # reads the set of transceivers as it is then.
    def task() -> None:
        # Steps 4.6.1 and 4.7.1: once closed, p never settles.
        if pc._is_closed:
            return
        try:
            # Step 4.6.2.
            pc._signaling.next_state(side, sdp_type)
            # Steps 4.6.3-4.6.7.
            model = None
            if sdp_type is not ROLLBACK and side is Side.REMOTE:
                model = parse_remote(pc._slots.before(sdp_type), sdp_type, sdp)
            elif sdp_type is not ROLLBACK:
                model = parse_sdp_text(sdp)
        except DOMException as error:
            p.set_exception(error)
            return
        # Step 4.7.
        description_applied(pc, sdp_type, sdp, model, side, owners or [])
        if not p.done():
            # Step 4.7.21.
            p.set_result(None)

    queue_task(task)
    # Step 5.
    return p


def description_applied(
    pc: Connection, sdp_type: RTCSdpType, sdp: str, model: SessionDescriptionSdp | None,
    side: Side, owners: Owners,
) -> None:
    """Steps 4.7.2-4.7.20 of "set a session description": the success task."""
    old_state = pc._signaling.state
    # Steps 4.7.2-4.7.3: no addTrack() or setParameters() can run while this task runs.
    # Step 4.7.4: remember what the last stable state had, for a rollback.
    if sdp_type is OFFER and old_state is State.STABLE:
        for transceiver in pc._transceivers:
            receiver = transceiver._receiver
            receiver._last_stable_associated_remote_media_streams = list(
                receiver._associated_remote_media_streams)
            transceiver._last_stable_mid = transceiver._mid
    # Steps 4.7.5-4.7.6.
    if model is not None:
        description = from_model(sdp_type, sdp, model)
        pc._slots.set(description, side)
        if sdp_type is ANSWER:
            pc._identity.learn_dtls_role(model, side is Side.LOCAL)
        pc._signaling.apply(side, sdp_type)
    # Steps 4.7.7-4.7.8 and 4.7.10: no SCTP transport or data channels in this model.
    # Step 4.7.9.
    changes = TrackChanges()
    # Step 4.7.11.
    if model is not None and side is Side.LOCAL:
        _apply_local_sections(pc, sdp_type, model, owners, changes)
    elif model is not None:
        _apply_remote_sections(pc, sdp_type, model, changes)
    # Step 4.7.12.
    else:
        _roll_back(pc, side, old_state, changes)
    # Step 4.7.13.
    if sdp_type is ANSWER:
        _remove_rejected_stopped_transceivers(pc)
    # Step 4.7.14.
    if pc._signaling.state is State.STABLE:
        for transceiver in pc._transceivers:
            transceiver._created_by_remote_offer = False
        pc._negotiation_needed = False  # clear the negotiation-needed flag
        pc._update_negotiation_needed_flag()  # deferred: this operation is in the chain
    # Step 4.7.15.
    if pc._signaling.state is not old_state:
        pc._fire(Event("signalingstatechange"))
    # Step 4.7.16: no data channels.
    # Step 4.7.17.
    for track in changes.mute_tracks:
        track._set_muted(True)
    # Step 4.7.18.
    for stream, track in changes.remove_list:
        stream._remove_track(track)
    # Step 4.7.19.
    for stream, track in changes.add_list:
        stream._add_track(track)
    # Step 4.7.20.
    for init in changes.track_event_inits:
        pc._fire(RTCTrackEvent("track", **init))
    # JSEP §5.4, §5.5 (the simulated network): a local description starts gathering; the
    # candidates of a remote one go to the ICE agent; then connect, or let media flow.
    if model is not None and side is Side.LOCAL:
        pc._ice.start_gathering(next((s.mid for s in model.media if s.port != 0), None))
    elif model is not None:
        for section in model.media:
            for attribute in section.extra_attributes:
                if attribute.startswith("candidate:"):
                    pc._ice.add_remote_candidate(RTCIceCandidate(
                        {"candidate": attribute, "sdpMid": section.mid}))
    pc._ice.update()


def _apply_local_sections(
    pc: Connection, sdp_type: RTCSdpType, model: SessionDescriptionSdp, owners: Owners,
    changes: TrackChanges,
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
                pc._remote_tracks.set_associated_remote_streams(transceiver._receiver, [],
                                                                changes)
                process_the_removal_of_a_remote_track(transceiver, changes)
            transceiver._set_current_direction(direction)
            transceiver._fired_direction = direction  # [[FiredDirection]]


def _apply_remote_sections(
    pc: Connection, sdp_type: RTCSdpType, model: SessionDescriptionSdp, changes: TrackChanges,
) -> None:
    """Step 4.7.11.2: each m-section of a remote description."""
    by_mid = {t._mid: t for t in pc._transceivers if t._mid is not None}
    # RFC 9429 §5.10: only an unassociated transceiver addTrack() made or filled may pair.
    unpaired = {kind: deque(t for t in pc._transceivers if t._kind == kind
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
            transceiver = pc._new_transceiver(None, section.kind, [], Direction.RECVONLY)
            transceiver._created_by_remote_offer = True
        # Step 4.7.11.2.9.
        transceiver._jsep_mid = transceiver._mid = section.mid
        by_mid[section.mid] = transceiver
        pc._used_mids.add(section.mid)
        # Step 4.7.11.2.10.
        rejected = section.rejected
        direction = Direction.INACTIVE if rejected else REVERSED[Direction(section.direction)]
        # Step 4.7.11.2.11.
        msids = [s for s, _ in section.msids if s != "-"] if direction in RECEIVING else []
        # Step 4.7.11.2.12.
        pc._remote_tracks.process_remote_tracks(transceiver, direction, msids, changes)
        # Step 4.7.11.2.14.
        if sdp_type in (ANSWER, PRANSWER):
            transceiver._set_current_direction(direction)
        # Step 4.7.11.2.15.
        if rejected and not transceiver._stopped:
            transceiver._stop_the_transceiver()


def _roll_back(pc: Connection, side: Side, old_state: RTCSignalingState,
               changes: TrackChanges) -> None:
    """Step 4.7.12: undo the pending offer; stop() and removeTrack() are not undone."""
    # Steps 4.7.12.1-2: the pending description is known by the state; no SCTP.
    kept = []
    # Step 4.7.12.3.
    for transceiver in pc._transceivers:
        # Step 4.7.12.3.1.
        if transceiver._last_stable_mid is None:
            transceiver._jsep_mid = transceiver._mid = None
        # Step 4.7.12.3.6.
        if old_state is State.HAVE_REMOTE_OFFER:
            receiver = transceiver._receiver
            msids = [s.id for s in receiver._last_stable_associated_remote_media_streams]
            pc._remote_tracks.process_remote_tracks(transceiver, transceiver._current_direction,
                                                    msids, changes)
        # Step 4.7.12.3.7.
        if transceiver._created_by_remote_offer and not transceiver._added_via_add_track:
            transceiver._stop_the_transceiver()
            continue
        kept.append(transceiver)
    pc._transceivers[:] = kept
    # Step 4.7.12.4.
    pc._slots.clear_pending()
    pc._signaling.apply(side, ROLLBACK)


def _remove_rejected_stopped_transceivers(pc: Connection) -> None:
    """Step 4.7.13: drop stopped transceivers whose m-section an answer rejected."""
    rejected: set[str] = set()
    descriptions: list[RTCSessionDescription | None] = [pc._slots.current_local,
                                                        pc._slots.current_remote]
    for description in descriptions:
        if description is not None:
            rejected.update(s.mid for s in description._model.media if s.rejected and s.mid)
    pc._transceivers[:] = [t for t in pc._transceivers
                           if not (t._stopped and t._mid is not None and t._mid in rejected)]
