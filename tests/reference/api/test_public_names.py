"""Python output reads like the JavaScript: public names in tracebacks, strings for enums."""

from __future__ import annotations

import traceback
from enum import Enum

import pytest

import webrtc_reference
from webrtc_reference import InvalidStateError, RTCPeerConnection

PUBLIC_CLASSES = [name for name in webrtc_reference.__all__
                  if isinstance(getattr(webrtc_reference, name), type)]
PUBLIC_ENUMS = [getattr(webrtc_reference, name) for name in PUBLIC_CLASSES
                if issubclass(getattr(webrtc_reference, name), Enum)]


@pytest.mark.parametrize("name", PUBLIC_CLASSES)
def test_a_public_class_is_named_by_its_public_path(name: str) -> None:
    cls = getattr(webrtc_reference, name)
    assert cls.__module__ == "webrtc_reference"
    assert getattr(webrtc_reference, cls.__qualname__) is cls


async def test_a_traceback_shows_the_public_exception_name() -> None:
    pc = RTCPeerConnection()
    pc.close()
    with pytest.raises(InvalidStateError) as caught:
        pc.addTransceiver("audio")
    [line] = traceback.format_exception_only(caught.type, caught.value)
    assert line.startswith("webrtc_reference.InvalidStateError: ")


@pytest.mark.parametrize("enum", PUBLIC_ENUMS, ids=lambda enum: enum.__name__)
def test_enum_values_print_as_their_strings_inside_lists_and_tuples(enum: type[Enum]) -> None:
    for member in enum:
        assert repr([member]) == f"[{member.value!r}]"
        assert repr((member, member)) == f"({member.value!r}, {member.value!r})"
        assert str(member) == member.value


def test_a_signaling_state_in_a_list_reads_like_javascript() -> None:
    assert repr([RTCPeerConnection().signalingState]) == "['stable']"
