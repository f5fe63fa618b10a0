"""The operations chain of an RTCPeerConnection.

Spec: https://w3c.github.io/webrtc-pc/#dfn-chain
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from webrtc_reference._dom.event_loop import running_loop
from webrtc_reference._dom.exceptions import InvalidStateError

T = TypeVar("T")
Operation = Callable[[], "asyncio.Future[Any]"]


class OperationsChain:
    """[[Operations]]: runs one promise-returning operation at a time, in call order."""

    def __init__(self, is_closed: Callable[[], bool],
                 update_negotiation_needed_flag: Callable[[], None]) -> None:
        self._is_closed = is_closed  # the connection's [[IsClosed]]
        self._update_negotiation_needed_flag = update_negotiation_needed_flag
        self._operations: deque[tuple[Operation, asyncio.Future[Any]]] = deque()  # [[Operations]]
        # [[UpdateNegotiationNeededFlagOnEmptyChain]]
        self.update_negotiation_needed_flag_on_empty_chain = False

    @property
    def busy(self) -> bool:
        """Whether [[Operations]] is not empty."""
        return bool(self._operations)

    def chain(self, operation: Callable[[], asyncio.Future[T]]) -> asyncio.Future[T]:
        """Chain an operation: its work starts now if the chain is empty, else after the others.

        Spec: https://w3c.github.io/webrtc-pc/#dfn-chain
        """
        loop = running_loop()
        # Step 1: the connection owns self.
        # Step 2.
        if self._is_closed():
            closed: asyncio.Future[T] = loop.create_future()
            closed.set_exception(InvalidStateError("the RTCPeerConnection is closed"))
            return closed
        # Steps 3-4.
        p: asyncio.Future[T] = loop.create_future()
        # Step 5.
        self._operations.append((operation, p))
        # Step 6.
        if len(self._operations) == 1:
            self._execute(operation, p)
        # Step 8.
        return p

    def _execute(self, operation: Operation, p: asyncio.Future[Any]) -> None:
        try:
            result = operation()
        except Exception as error:  # noqa: BLE001 - an operation that throws rejects
            result = running_loop().create_future()
            result.set_exception(error)
        # Step 7: upon settlement of the operation's promise.
        result.add_done_callback(lambda settled: self._operation_settled(settled, p))

    def _operation_settled(self, settled: asyncio.Future[Any], p: asyncio.Future[Any]) -> None:
        error = settled.exception()  # also marks a rejection as retrieved
        # Step 7.1: once closed, p never settles.
        if self._is_closed():
            return
        # Steps 7.2-7.3 (unless the caller cancelled p).
        if p.done():
            pass
        elif error is not None:
            p.set_exception(error)
        else:
            p.set_result(settled.result())
        # Step 7.4: upon settlement of p, in the same turn.
        self._p_settled()

    def _p_settled(self) -> None:
        # Step 7.4.1: not closed, as step 7.1 found in this same turn.
        # Step 7.4.2.
        self._operations.popleft()
        # Step 7.4.3.
        if self._operations:
            self._execute(*self._operations[0])
            return
        # Steps 7.4.4-7.4.6.
        if not self.update_negotiation_needed_flag_on_empty_chain:
            return
        self.update_negotiation_needed_flag_on_empty_chain = False
        self._update_negotiation_needed_flag()
