"""Check if negotiation is needed: the pure part of the negotiation-needed machinery."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from webrtc_reference._enums import REVERSED, SENDING, RTCRtpTransceiverDirection, intersect

if TYPE_CHECKING:
    from webrtc_reference._description import RTCSessionDescription
    from webrtc_reference._rtp import RTCRtpTransceiver
    from webrtc_reference._sdp import MediaSection

Direction = RTCRtpTransceiverDirection


def sections_by_mid(description: RTCSessionDescription | None) -> dict[str, MediaSection]:
    """The m-sections of *description* by mid (empty for None)."""
    if description is None:
        return {}
    return {section.mid: section for section in description._model.media if section.mid}


def msid_stream_ids(section: MediaSection) -> list[str] | None:
    """Stream ids of the a=msid lines ("-" = no stream); None when there is no a=msid line."""
    if not section.msids:
        return None
    return [stream for stream, _track in section.msids if stream != "-"]


def check_if_negotiation_is_needed(
    transceivers: Iterable[RTCRtpTransceiver],
    current_local: RTCSessionDescription | None,
    current_remote: RTCSessionDescription | None,
) -> bool:
    """Whether anything is left to negotiate.

    Spec: https://w3c.github.io/webrtc-pc/#dfn-check-if-negotiation-is-needed
    """
    # Steps 1-2: no implementation-specific renegotiation, no restartIce() in this model.
    # Step 3.
    description = current_local
    local = sections_by_mid(current_local)
    remote = sections_by_mid(current_remote)
    # Step 4: no data channels in this model.
    # Step 5.
    for transceiver in transceivers:
        # Step 5.1.
        if transceiver._stopping and not transceiver._stopped:
            return True
        section = local.get(transceiver._mid) if transceiver._mid is not None else None
        # Step 5.2.
        if not transceiver._stopped and section is None:
            return True
        if section is None:
            continue
        assert description is not None  # a section was found in it
        # Step 5.3.
        if not transceiver._stopped:
            if _section_needs_negotiation(transceiver, section, description, remote):
                return True
        # Step 5.4.
        elif not section.rejected and _not_rejected_remotely(transceiver._mid, remote):
            return True
    # Step 6.
    return False


def _section_needs_negotiation(
    transceiver: RTCRtpTransceiver,
    section: MediaSection,
    description: RTCSessionDescription,
    remote: dict[str, MediaSection],
) -> bool:
    direction = transceiver._direction
    # Step 5.3.1.
    if direction in SENDING:
        ids = msid_stream_ids(section)
        if ids is None or sorted(ids) != sorted(transceiver._sender._associated_media_stream_ids):
            return True
    remote_section = remote.get(section.mid or "")
    # Step 5.3.2.
    if description.type == "offer":
        remote_direction = None if remote_section is None else REVERSED[Direction(
            remote_section.direction)]
        return direction not in (Direction(section.direction), remote_direction)
    # Step 5.3.3.
    if description.type == "answer" and remote_section is not None:
        offered = REVERSED[Direction(remote_section.direction)]
        return Direction(section.direction) != intersect(direction, offered)
    return False


def _not_rejected_remotely(mid: str | None, remote: dict[str, MediaSection]) -> bool:
    section = remote.get(mid or "")
    return section is None or not section.rejected
