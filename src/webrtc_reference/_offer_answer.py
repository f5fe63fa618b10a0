"""The offer/answer methods of RTCPeerConnection: createOffer, createAnswer, SLD and SRD."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any, Final

from webrtc_reference._apply import SessionDescriptions
from webrtc_reference._chain import OperationsChain
from webrtc_reference._description import RTCSessionDescription, description_init
from webrtc_reference._enums import RTCSdpType, RTCSignalingState, Side
from webrtc_reference._event_loop import queue_task, running_loop
from webrtc_reference._exceptions import InvalidModificationError, InvalidStateError
from webrtc_reference._jsep import build_answer, build_offer
from webrtc_reference._signaling import is_allowed

State = RTCSignalingState
OFFER_STATES: Final = frozenset({State.STABLE, State.HAVE_LOCAL_OFFER})
ANSWER_STATES: Final = frozenset({State.HAVE_REMOTE_OFFER, State.HAVE_LOCAL_PRANSWER})
IMPLICIT_OFFER_STATES: Final = frozenset({State.STABLE, State.HAVE_LOCAL_OFFER,
                                          State.HAVE_REMOTE_PRANSWER})


class OfferAnswer(SessionDescriptions):
    """createOffer(), createAnswer(), setLocalDescription() and setRemoteDescription()."""

    _chain: OperationsChain
    _new_mid: Callable[[], str]

    @property
    def localDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-localdescription"""
        return self._pending_local_description or self._current_local_description

    @property
    def remoteDescription(self) -> RTCSessionDescription | None:
        """Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-remotedescription"""
        return self._pending_remote_description or self._current_remote_description

    def createOffer(self, options: Mapping[str, Any] | None = None,
                    ) -> asyncio.Future[RTCSessionDescription]:
        """Resolve to an offer for the current transceivers; nothing else changes.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-createoffer
        """
        # Steps 1-3.
        return self._chain.chain(self._create_an_offer)

    def _create_an_offer(self) -> asyncio.Future[RTCSessionDescription]:
        """Spec: https://w3c.github.io/webrtc-pc/#dfn-create-an-offer"""
        p: asyncio.Future[RTCSessionDescription] = running_loop().create_future()
        # Step 1.
        if self._signaling_state not in OFFER_STATES:
            p.set_exception(InvalidStateError(
                f"createOffer() in signaling state {self._signaling_state}"))
            return p

        # Steps 2-4 and the final steps, in a queued task.
        def final_steps() -> None:
            if self._is_closed:
                return
            base = self.localDescription
            sdp, _model, owners = build_offer(self._transceivers,
                                              None if base is None else base._model,
                                              self._identity, self._new_mid)
            self._last_created_offer, self._last_offer_owners = sdp, owners  # [[LastCreatedOffer]]
            p.set_result(RTCSessionDescription({"type": "offer", "sdp": sdp}))

        queue_task(final_steps)
        return p

    def createAnswer(self, options: Mapping[str, Any] | None = None,
                     ) -> asyncio.Future[RTCSessionDescription]:
        """Resolve to an answer to the remote offer.

        Spec: https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-createanswer
        """
        # Steps 1-3.
        return self._chain.chain(self._create_an_answer)

    def _create_an_answer(self) -> asyncio.Future[RTCSessionDescription]:
        """Spec: https://w3c.github.io/webrtc-pc/#dfn-create-an-answer"""
        p: asyncio.Future[RTCSessionDescription] = running_loop().create_future()
        # Step 1.
        if self._signaling_state not in ANSWER_STATES:
            p.set_exception(InvalidStateError(
                f"createAnswer() in signaling state {self._signaling_state}"))
            return p

        # Steps 2-4 and the final steps, in a queued task.
        def final_steps() -> None:
            if self._is_closed:
                return
            offer = self.remoteDescription
            assert offer is not None  # have-remote-offer or have-local-pranswer
            sdp, _model, owners = build_answer(self._transceivers, offer._model, self._identity)
            # [[LastCreatedAnswer]]
            self._last_created_answer, self._last_answer_owners = sdp, owners
            p.set_result(RTCSessionDescription({"type": "answer", "sdp": sdp}))

        queue_task(final_steps)
        return p

    def setLocalDescription(
        self, description: Mapping[str, Any] | RTCSessionDescription | None = None
    ) -> asyncio.Future[None]:
        """Apply a local offer or answer; without one, create it first.

        Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-setlocaldescription
        """
        # Steps 1-3.
        given_type, sdp = description_init({} if description is None else description,
                                           "setLocalDescription()", type_required=False)
        loop = running_loop()

        # Step 4: chained.
        def operation() -> asyncio.Future[None]:
            # Step 4.1.
            implicit = RTCSdpType.OFFER if self._signaling_state in IMPLICIT_OFFER_STATES \
                else RTCSdpType.ANSWER
            sdp_type = given_type or implicit
            if sdp_type is RTCSdpType.ROLLBACK:
                return self._set_a_session_description(sdp_type, "", remote=False)
            offer = sdp_type is RTCSdpType.OFFER
            last = self._last_created_offer if offer else self._last_created_answer
            owners = self._last_offer_owners if offer else self._last_answer_owners
            # Steps 4.2-4.3.
            if sdp and sdp != last:
                rejected: asyncio.Future[None] = loop.create_future()
                rejected.set_exception(InvalidModificationError(
                    f"setLocalDescription(): the SDP differs from the last created {sdp_type}"))
                return rejected
            # Steps 4.4-4.5.
            if not sdp and not last:
                create = self._create_an_offer if offer else self._create_an_answer
                return _then(create(), lambda created: self._set_a_session_description(
                    sdp_type, created.sdp, False, self._last_offer_owners if offer
                    else self._last_answer_owners))
            # Step 4.6.
            return self._set_a_session_description(sdp_type, sdp or last, False, owners)

        return self._chain.chain(operation)

    def setRemoteDescription(
        self, description: Mapping[str, Any] | RTCSessionDescription
    ) -> asyncio.Future[None]:
        """Apply the remote peer's offer or answer; an offer in glare rolls back first.

        Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-setremotedescription
        """
        # Steps 1-2.
        sdp_type, sdp = description_init(description, "setRemoteDescription()",
                                         type_required=True)
        assert sdp_type is not None  # type_required

        # Step 3: chained.
        def operation() -> asyncio.Future[None]:
            # Step 3.1: an offer the state does not allow is applied after an implicit rollback.
            if sdp_type is RTCSdpType.OFFER and not is_allowed(
                self._signaling_state, _REMOTE, sdp_type
            ):
                rollback = self._set_a_session_description(RTCSdpType.ROLLBACK, "", False)
                return _then(rollback, lambda _: self._set_a_session_description(
                    sdp_type, sdp, True))
            # Step 3.2.
            return self._set_a_session_description(sdp_type, sdp, True)

        return self._chain.chain(operation)


_REMOTE: Final = Side.REMOTE


def _then(first: asyncio.Future[Any], step: Any) -> asyncio.Future[Any]:
    """Promise-react: when *first* fulfils, run *step* (which returns a future) and follow it."""
    loop = running_loop()
    result: asyncio.Future[Any] = loop.create_future()

    def follow(inner: asyncio.Future[Any]) -> None:
        if inner.exception() is not None:
            result.set_exception(inner.exception())  # type: ignore[arg-type]
        else:
            result.set_result(inner.result())

    def after_first(done: asyncio.Future[Any]) -> None:
        if done.exception() is not None:
            result.set_exception(done.exception())  # type: ignore[arg-type]
            return
        step(done.result()).add_done_callback(follow)

    first.add_done_callback(after_first)
    return result
