"""Offers and answers (RFC 9429 §5.2, §5.3) as SDP text, through the SDP module.

One m-section per transceiver, in the order of the m-lines negotiated so far, then new ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from webrtc_reference._enums import (
    MEDIA_KINDS,
    REVERSED,
    SENDING,
    RTCRtpTransceiverDirection,
    intersect,
)
from webrtc_reference._sdp import (
    MediaSection,
    SessionDescriptionSdp,
    media_section,
    offer_answer_session,
    serialize_sdp,
)

if TYPE_CHECKING:
    from webrtc_reference._rtp import RTCRtpTransceiver

Direction = RTCRtpTransceiverDirection
Owners = list["RTCRtpTransceiver | None"]


@dataclass
class LocalIdentity:
    """What every local m-section carries: ICE credentials and the DTLS fingerprint."""

    session_id: str
    ice: tuple[str, str]
    fingerprint: tuple[str, str]
    version: int = 0
    # Our DTLS role once an answer fixed it (RFC 8842 §5.5): later answers must keep it.
    dtls_role: str | None = None

    def answer_setup(self) -> str:
        """a=setup of our answers: "active" at first (as Chromium), then the negotiated role."""
        return self.dtls_role or "active"

    def learn_dtls_role(self, answer: SessionDescriptionSdp, answered_by_us: bool) -> None:
        """Remember our DTLS role from the a=setup of an applied answer."""
        setup = next((s.setup for s in answer.media if s.port != 0 and s.setup), answer.setup)
        if setup in ("active", "passive"):
            ours = setup if answered_by_us else {"active": "passive", "passive": "active"}[setup]
            self.dtls_role = ours

    def session(self, media: list[MediaSection]) -> tuple[str, SessionDescriptionSdp]:
        """The next version of the session with *media*, as text and as model."""
        self.version += 1
        model = offer_answer_session(self.session_id, self.version, media)
        return serialize_sdp(model), model


def sender_msids(transceiver: RTCRtpTransceiver) -> list[tuple[str, str]]:
    """a=msid values: one per stream id, or "-" for none (RFC 8830, JSEP §5.2.1)."""
    sender = transceiver._sender
    ids = sender._associated_media_stream_ids or ["-"]
    return [(stream_id, sender._msid_track_id) for stream_id in ids]


def rejected_section(old: MediaSection, identity: LocalIdentity, setup: str) -> MediaSection:
    """A port-0 copy of *old*: an m-line that must stay but carries nothing."""
    if old.kind in MEDIA_KINDS and old.mid is not None:
        return media_section(old.kind, mid=old.mid, direction="inactive", msids=[],
                             ice=identity.ice, fingerprint=identity.fingerprint,
                             setup=setup, port=0)
    return MediaSection(kind=old.kind, port=0, protocol=old.protocol,
                        formats=list(old.formats), mid=old.mid, direction=old.direction)


def _section(transceiver: RTCRtpTransceiver, mid: str, direction: Direction,
             rejected: bool, identity: LocalIdentity, setup: str,
             kept_msids: list[tuple[str, str]] | None = None) -> MediaSection:
    if rejected:
        direction = Direction.INACTIVE
    if direction in SENDING:
        msids = sender_msids(transceiver)
    else:
        # JSEP §5.2.2: a re-offer keeps the a=msid lines of the current description "regardless
        # of changes to direction or track"; the remote side goes by the direction instead.
        msids = [] if rejected or kept_msids is None else kept_msids
    return media_section(transceiver._kind, mid=mid, direction=str(direction), msids=msids,
                         ice=identity.ice, fingerprint=identity.fingerprint, setup=setup,
                         port=0 if rejected else 9)


def build_offer(
    transceivers: list[RTCRtpTransceiver],
    base: SessionDescriptionSdp | None,
    identity: LocalIdentity,
    new_mid: Callable[[], str],
) -> tuple[str, SessionDescriptionSdp, Owners]:
    """An offer: the negotiated m-lines first, then one per new transceiver (JSEP §5.2.2).

    webrtc-pc treats a stopping transceiver as stopped: its m-line is rejected, and a
    stopped or stopping one that was never associated gets none.
    """
    by_mid = {t._mid: t for t in transceivers if t._mid is not None}
    media: list[MediaSection] = []
    owners: Owners = []
    placed: set[int] = set()
    for old in [] if base is None else base.media:
        owner = by_mid.get(old.mid) if old.mid is not None else None
        if owner is None or owner._kind != old.kind:
            media.append(rejected_section(old, identity, "actpass"))
            owners.append(None)
            continue
        placed.add(id(owner))
        media.append(_section(owner, old.mid or "", owner._direction,
                              owner._stopping, identity, "actpass", kept_msids=old.msids))
        owners.append(owner)
    for transceiver in transceivers:
        if id(transceiver) in placed or transceiver._stopping:
            continue
        if transceiver._jsep_mid is None:
            transceiver._jsep_mid = transceiver._mid or new_mid()  # [[JsepMid]]
        media.append(_section(transceiver, transceiver._jsep_mid, transceiver._direction,
                              False, identity, "actpass"))
        owners.append(transceiver)
    sdp, model = identity.session(media)
    return sdp, model, owners


def build_answer(
    transceivers: list[RTCRtpTransceiver],
    offer: SessionDescriptionSdp,
    identity: LocalIdentity,
) -> tuple[str, SessionDescriptionSdp, Owners]:
    """An answer: each offered m-section in order, direction = reversed offer ∩ [[Direction]]."""
    by_mid = {t._mid: t for t in transceivers if t._mid is not None}
    media: list[MediaSection] = []
    owners: Owners = []
    for offered in offer.media:
        owner = by_mid.get(offered.mid) if offered.mid is not None else None
        if owner is None or offered.rejected or owner._stopped or owner._kind != offered.kind:
            media.append(rejected_section(offered, identity, identity.answer_setup()))
            owners.append(None)
            continue
        direction = intersect(REVERSED[Direction(offered.direction)], owner._direction)
        section = _section(owner, offered.mid or "", direction, False, identity,
                           identity.answer_setup())
        _answer_codecs(section, offered)
        media.append(section)
        owners.append(owner)
    sdp, model = identity.session(media)
    return sdp, model, owners


def _answer_codecs(section: MediaSection, offered: MediaSection) -> None:
    """Keep the offerer's payload types for the codecs both sides have (RFC 3264 §6.1)."""
    ours = {codec.name.lower() for codec in section.codecs}
    shared = [codec for codec in offered.codecs if codec.name.lower() in ours]
    if shared:
        section.codecs = shared
        section.formats = [str(codec.payload_type) for codec in shared]
