"""The offer/answer algorithms: create an offer or answer, setLocal/RemoteDescription's steps.

The functions take the connection through :class:`Negotiator`, a protocol that
RTCPeerConnection satisfies; its IDL methods call them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from webrtc_reference._apply import Connection, set_a_session_description
from webrtc_reference._chain import OperationsChain
from webrtc_reference._description import (
    RTCSessionDescription,
    description_init,
    with_candidate,
)
from webrtc_reference._dom.event_loop import queue_task, running_loop
from webrtc_reference._dom.exceptions import InvalidModificationError, InvalidStateError
from webrtc_reference._enums import RTCSdpType, Side
from webrtc_reference._jsep import build_answer, build_offer


class Negotiator(Connection, Protocol):
    """A connection that can also number new mids and chain operations."""

    _chain: OperationsChain

    def _new_mid(self) -> str: ...


def create_an_offer(pc: Negotiator) -> asyncio.Future[RTCSessionDescription]:
    """Spec: https://w3c.github.io/webrtc-pc/#dfn-create-an-offer"""
    p: asyncio.Future[RTCSessionDescription] = running_loop().create_future()
    # Step 1.
    if not pc._signaling.may_create_offer:
        p.set_exception(InvalidStateError(
            f"createOffer() in signaling state {pc._signaling.state}"))
        return p

    # Steps 2-4 and the final steps, in a queued task.
    def final_steps() -> None:
        if pc._is_closed:
            return
        base = pc._slots.local
        sdp, _model, owners = build_offer(pc._transceivers,
                                          None if base is None else base._model,
                                          pc._identity, pc._new_mid)
        offer = _with_local_candidates(pc, RTCSessionDescription({"type": "offer", "sdp": sdp}))
        pc._slots.last_created_offer = offer.sdp  # [[LastCreatedOffer]]
        pc._slots.last_offer_owners = owners
        p.set_result(offer)

    queue_task(final_steps)
    return p


def create_an_answer(pc: Negotiator) -> asyncio.Future[RTCSessionDescription]:
    """Spec: https://w3c.github.io/webrtc-pc/#dfn-create-an-answer"""
    p: asyncio.Future[RTCSessionDescription] = running_loop().create_future()
    # Step 1.
    if not pc._signaling.may_create_answer:
        p.set_exception(InvalidStateError(
            f"createAnswer() in signaling state {pc._signaling.state}"))
        return p

    # Steps 2-4 and the final steps, in a queued task.
    def final_steps() -> None:
        if pc._is_closed:
            return
        offer = pc._slots.remote
        assert offer is not None  # have-remote-offer or have-local-pranswer
        sdp, _model, owners = build_answer(pc._transceivers, offer._model, pc._identity)
        answer = _with_local_candidates(pc, RTCSessionDescription({"type": "answer", "sdp": sdp}))
        pc._slots.last_created_answer = answer.sdp  # [[LastCreatedAnswer]]
        pc._slots.last_answer_owners = owners
        p.set_result(answer)

    queue_task(final_steps)
    return p


def _with_local_candidates(pc: Negotiator, description: RTCSessionDescription,
                           ) -> RTCSessionDescription:
    """JSEP §5.2.1: an offer or answer carries the candidates gathered so far."""
    for candidate in pc._ice.local_candidates:
        description = with_candidate(description, candidate.candidate, None)
    return description


def set_local_description(
    pc: Negotiator, description: Mapping[str, Any] | RTCSessionDescription | None,
) -> asyncio.Future[None]:
    """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-setlocaldescription"""
    # Steps 1-3.
    given_type, sdp = description_init({} if description is None else description,
                                       "setLocalDescription()", type_required=False)
    loop = running_loop()

    # Step 4: chained.
    def operation() -> asyncio.Future[None]:
        # Step 4.1.
        sdp_type = given_type or pc._signaling.implicit_local_type
        if sdp_type is RTCSdpType.ROLLBACK:
            return set_a_session_description(pc, sdp_type, "", Side.LOCAL)
        offer = sdp_type is RTCSdpType.OFFER
        slots = pc._slots
        last = slots.last_created_offer if offer else slots.last_created_answer
        owners = slots.last_offer_owners if offer else slots.last_answer_owners
        # Steps 4.2-4.3.
        if sdp and sdp != last:
            rejected: asyncio.Future[None] = loop.create_future()
            rejected.set_exception(InvalidModificationError(
                f"setLocalDescription(): the SDP differs from the last created {sdp_type}"))
            return rejected
        # Steps 4.4-4.5.
        if not sdp and not last:
            create = create_an_offer if offer else create_an_answer
            return _then(create(pc), lambda created: set_a_session_description(
                pc, sdp_type, created.sdp, Side.LOCAL,
                slots.last_offer_owners if offer else slots.last_answer_owners))
        # Step 4.6.
        return set_a_session_description(pc, sdp_type, sdp or last, Side.LOCAL, owners)

    return pc._chain.chain(operation)


def set_remote_description(
    pc: Negotiator, description: Mapping[str, Any] | RTCSessionDescription,
) -> asyncio.Future[None]:
    """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-setremotedescription"""
    # Steps 1-2.
    sdp_type, sdp = description_init(description, "setRemoteDescription()",
                                     type_required=True)
    assert sdp_type is not None  # type_required

    # Step 3: chained.
    def operation() -> asyncio.Future[None]:
        # Step 3.1: an offer the state does not allow is applied after an implicit rollback.
        if sdp_type is RTCSdpType.OFFER and not pc._signaling.allows(Side.REMOTE, sdp_type):
            rollback = set_a_session_description(pc, RTCSdpType.ROLLBACK, "", Side.LOCAL)
            return _then(rollback, lambda _: set_a_session_description(
                pc, sdp_type, sdp, Side.REMOTE))
        # Step 3.2.
        return set_a_session_description(pc, sdp_type, sdp, Side.REMOTE)

    return pc._chain.chain(operation)


def _then(first: asyncio.Future[Any],
          step: Callable[[Any], asyncio.Future[Any]]) -> asyncio.Future[Any]:
    """Promise-react: when *first* fulfils, run *step* (which returns a future) and follow it."""
    loop = running_loop()
    result: asyncio.Future[Any] = loop.create_future()

    def follow(inner: asyncio.Future[Any]) -> None:
        error = inner.exception()
        if error is not None:
            result.set_exception(error)
        else:
            result.set_result(inner.result())

    def after_first(done: asyncio.Future[Any]) -> None:
        error = done.exception()
        if error is not None:
            result.set_exception(error)
            return
        step(done.result()).add_done_callback(follow)

    first.add_done_callback(after_first)
    return result
