"""RTCSessionDescription, and the conversion of the dictionaries the methods accept."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from webrtc_reference._enums import RTCSdpType
from webrtc_reference._sdp import SessionDescriptionSdp, parse_sdp, serialize_sdp


class RTCSessionDescription:
    """https://w3c.github.io/webrtc-pc/#rtcsessiondescription-class"""

    def __init__(self, descriptionInitDict: Mapping[str, Any] | RTCSessionDescription,
                 ) -> None:
        sdp_type, sdp = description_init(descriptionInitDict, "RTCSessionDescription()",
                                         type_required=True)
        assert sdp_type is not None  # type_required
        self._type = sdp_type
        self._sdp = sdp
        self._parsed: SessionDescriptionSdp | None = None

    @property
    def type(self) -> RTCSdpType:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-rtcsessiondescription-type"""
        return self._type

    @property
    def sdp(self) -> str:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-rtcsessiondescription-sdp"""
        return self._sdp

    @property
    def _model(self) -> SessionDescriptionSdp:
        """The parsed SDP (set descriptions were parsed when they were applied)."""
        if self._parsed is None:
            self._parsed = parse_sdp(self._sdp)
        return self._parsed

    def toJSON(self) -> dict[str, str]:
        """{"type": ..., "sdp": ...}, as JSON.stringify gives it.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcsessiondescription-tojson
        """
        return {"type": str(self._type), "sdp": self._sdp}

    def __repr__(self) -> str:
        return f"<RTCSessionDescription type={self._type} sdp={len(self._sdp)} chars>"


def description_init(
    value: object, where: str, *, type_required: bool
) -> tuple[RTCSdpType | None, str]:
    """(type, sdp) from an RTCSessionDescription or a {"type", "sdp"} mapping (WebIDL)."""
    if isinstance(value, RTCSessionDescription):
        return value.type, value.sdp
    if not isinstance(value, Mapping):
        raise TypeError(f"{where}: expected an RTCSessionDescription or a dict with 'type'")
    raw_type = value.get("type")
    sdp = value.get("sdp", "")
    if sdp is None:
        sdp = ""
    if not isinstance(sdp, str):
        raise TypeError(f"{where}: 'sdp' must be a string")
    if raw_type is None:
        if type_required:
            raise TypeError(f"{where}: the 'type' member is required")
        return None, sdp
    if not isinstance(raw_type, str) or raw_type not in RTCSdpType.__members__.values():
        raise TypeError(f"{where}: {raw_type!r} is not an RTCSdpType")
    return RTCSdpType(raw_type), sdp


def from_model(sdp_type: RTCSdpType, sdp: str, model: SessionDescriptionSdp,
               ) -> RTCSessionDescription:
    """A new RTCSessionDescription whose SDP was already parsed into *model*."""
    description = RTCSessionDescription({"type": sdp_type, "sdp": sdp})
    description._parsed = model
    return description


def with_candidate(description: RTCSessionDescription, line: str, mid: str | None,
                   ) -> RTCSessionDescription:
    """A copy of *description* whose media sections (that of *mid*, or every accepted one
    with BUNDLE) carry the ``a=candidate`` line *line*."""
    model = copy.deepcopy(description._model)
    for section in model.media:
        if section.port != 0 and (mid is None or section.mid == mid):
            section.extra_attributes.append(line)
    return from_model(description.type, serialize_sdp(model), model)
