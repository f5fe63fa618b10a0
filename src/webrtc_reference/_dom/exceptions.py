"""The DOMException family (WebIDL) and RTCError, as Python exceptions."""

from __future__ import annotations

from typing import ClassVar


class DOMException(Exception):
    """https://webidl.spec.whatwg.org/#idl-DOMException"""

    name: str = "Error"
    code: ClassVar[int] = 0

    def __init__(self, message: str = "", name: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if name is not None:
            self.name = name

    def __str__(self) -> str:
        return self.message


class InvalidStateError(DOMException):
    """The object is in the wrong state for the call (legacy code 11)."""

    name = "InvalidStateError"
    code = 11


class InvalidAccessError(DOMException):
    """The object does not support the operation or argument (legacy code 15)."""

    name = "InvalidAccessError"
    code = 15


class InvalidModificationError(DOMException):
    """The object can not be modified this way (legacy code 13)."""

    name = "InvalidModificationError"
    code = 13


class OperationError(DOMException):
    """The operation failed for an operation-specific reason (no legacy code)."""

    name = "OperationError"
    code = 0


class RTCError(OperationError):
    """https://w3c.github.io/webrtc-pc/#rtcerror-interface: an OperationError with details."""

    def __init__(
        self, message: str, *, errorDetail: str, sdpLineNumber: int | None = None
    ) -> None:
        super().__init__(message)
        self.errorDetail = errorDetail
        self.sdpLineNumber = sdpLineNumber
