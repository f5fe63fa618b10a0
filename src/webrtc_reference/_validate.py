"""Parse the SDP of a description and check that a remote one can be applied.

Failures become the rejections "set a session description" step 4.6 lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webrtc_reference._dom.exceptions import InvalidAccessError, RTCError
from webrtc_reference._enums import MEDIA_KINDS, RTCSdpType
from webrtc_reference._sdp import SdpSyntaxError, SessionDescriptionSdp, parse_sdp

if TYPE_CHECKING:
    from webrtc_reference._description import RTCSessionDescription


def parse_sdp_text(sdp: str) -> SessionDescriptionSdp:
    """The SDP model, or RTCError "sdp-syntax-error" with the line number (step 4.6.3)."""
    try:
        return parse_sdp(sdp)
    except SdpSyntaxError as error:
        raise RTCError(
            f"SDP syntax error at line {error.line_number}: {error.message}",
            errorDetail="sdp-syntax-error", sdpLineNumber=error.line_number,
        ) from None


def parse_remote(
    before: RTCSessionDescription | None, sdp_type: RTCSdpType, sdp: str
) -> SessionDescriptionSdp:
    """Parse a remote description and check its content (step 4.6.6: InvalidAccessError)."""
    model = parse_sdp_text(sdp)
    mids: set[str] = set()
    for index, section in enumerate(model.media):
        if section.mid is None and section.kind in MEDIA_KINDS:
            raise InvalidAccessError(f"m-section {index} ({section.kind}) has no a=mid")
        if section.mid is not None and section.mid in mids:
            raise InvalidAccessError(f"a=mid:{section.mid} is used by two m-sections")
        if section.mid is not None:
            mids.add(section.mid)
        if section.kind in MEDIA_KINDS and section.port != 0 and not section.rtcp_mux:
            raise InvalidAccessError(f"m-section {index} does not use RTCP mux (a=rtcp-mux)")
    if before is not None:
        _check_m_lines_kept(before._model, model, sdp_type)
    return model


def _check_m_lines_kept(
    base: SessionDescriptionSdp, model: SessionDescriptionSdp, sdp_type: RTCSdpType
) -> None:
    """RFC 9429 §5.7/§5.8: m-lines keep their order; an answer has exactly the offered ones."""
    if sdp_type is not RTCSdpType.OFFER and len(model.media) != len(base.media):
        raise InvalidAccessError(
            f"the {sdp_type} has {len(model.media)} m-sections; the offer had {len(base.media)}")
    if len(model.media) < len(base.media):
        raise InvalidAccessError("the offer has fewer m-sections than the last description")
    for index, (old, new) in enumerate(zip(base.media, model.media, strict=False)):
        recycled = old.rejected and sdp_type is RTCSdpType.OFFER
        if not recycled and (old.mid != new.mid or old.kind != new.kind):
            raise InvalidAccessError(
                f"m-section {index} is {new.kind} mid {new.mid}; expected {old.kind} mid {old.mid}")
