"""The negotiation-needed flag: update, check, deferral and firing.

Spec: https://w3c.github.io/webrtc-pc/#dfn-update-the-negotiation-needed-flag
      https://w3c.github.io/webrtc-pc/#dfn-check-if-negotiation-is-needed (webrtc-pc 1a2dfb4)
"""

from __future__ import annotations

import asyncio

from tests.reference.reference_helpers import (
    answer,
    media,
    negotiate,
    negotiated_sender,
    negotiationneeded_states,
    tasks_run,
)
from webrtc_reference import RTCPeerConnection


async def test_update_step1_busy_chain_defers_until_the_chain_empties() -> None:
    """Update step 1: with an operation in the chain, only
    [[UpdateNegotiationNeededFlagOnEmptyChain]]."""
    pc = RTCPeerConnection()
    fired = negotiationneeded_states(pc)
    offer = pc.createOffer()  # in the chain now
    pc.addTransceiver("audio")
    assert pc._chain.update_negotiation_needed_flag_on_empty_chain
    await offer
    assert fired == []
    await tasks_run()
    assert fired == ["stable"]


async def test_update_step2_fires_from_a_queued_task_not_synchronously() -> None:
    """Update step 2: "Queue a task"; the event has not fired when the method returns."""
    pc = RTCPeerConnection()
    fired = negotiationneeded_states(pc)
    pc.addTransceiver("video")
    assert fired == []
    await tasks_run()
    assert fired == ["stable"]


async def test_update_step2_1_closed_before_the_task_runs_fires_nothing() -> None:
    """Update step 2.1: the queued task aborts if the connection was closed."""
    pc = RTCPeerConnection()
    fired = negotiationneeded_states(pc)
    pc.addTransceiver("audio")
    pc.close()
    await tasks_run()
    assert fired == []


async def test_update_step2_2_chain_busy_when_the_task_runs_defers() -> None:
    """Update step 2.2: an operation chained after the update defers the check."""
    pc = RTCPeerConnection()
    fired = negotiationneeded_states(pc)
    pc.addTransceiver("audio")
    offer = pc.createOffer()
    await asyncio.sleep(0)
    assert fired == []
    await offer
    await tasks_run()
    assert fired == ["stable"]


async def test_update_step2_3_not_stable_defers_until_stable() -> None:
    """Update step 2.3: outside "stable" nothing fires; it fires once stable again."""
    caller, callee, sender = await negotiated_sender()
    fired = negotiationneeded_states(caller)
    await caller.setLocalDescription(await caller.createOffer())
    caller.removeTrack(sender)
    await tasks_run()
    assert fired == []
    await answer(caller, callee)
    assert fired == []  # not in the turn in which the awaiting code resumes
    await tasks_run()
    assert fired == ["stable"]


async def test_update_step2_4_nothing_to_negotiate_clears_the_flag() -> None:
    """Update step 2.4: a false check clears [[NegotiationNeeded]] and fires nothing."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    transceiver = caller.addTransceiver("audio", {"direction": "recvonly"})
    await negotiate(caller, callee)
    await tasks_run()
    fired = negotiationneeded_states(caller)
    track, stream = await media()
    sender = caller.addTrack(track, stream)
    assert sender is transceiver.sender  # reused: recvonly became sendrecv
    caller.removeTrack(sender)  # back to recvonly, as negotiated
    await tasks_run()
    assert fired == []
    assert caller._negotiation_needed is False


async def test_update_step2_5_fires_once_until_cleared() -> None:
    """Update step 2.5: while [[NegotiationNeeded]] is true no second event fires."""
    pc = RTCPeerConnection()
    fired = negotiationneeded_states(pc)
    pc.addTransceiver("audio")
    await tasks_run()
    pc.addTransceiver("video")
    await tasks_run()
    assert fired == ["stable"]


async def test_check_step5_1_stopping_transceiver_needs_negotiation() -> None:
    """Check step 5.1: [[Stopping]] and not [[Stopped]] returns true."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    transceiver = caller.addTransceiver("audio")
    await negotiate(caller, callee)
    await tasks_run()
    fired = negotiationneeded_states(caller)
    transceiver.stop()
    await tasks_run()
    assert fired == ["stable"]
    await negotiate(caller, callee)
    await tasks_run()
    assert caller.getTransceivers() == []  # stopped and rejected: removed on the answer
    assert fired == ["stable"]


async def test_check_step5_3_1_setStreams_changes_msid_needs_negotiation() -> None:
    """Check step 5.3.1: the a=msid stream ids differ from [[AssociatedMediaStreamIds]]."""
    caller, _callee, sender = await negotiated_sender()
    fired = negotiationneeded_states(caller)
    sender.setStreams()
    await tasks_run()
    assert fired == ["stable"]


async def test_check_step5_3_2_offerer_direction_change_needs_negotiation() -> None:
    """Check step 5.3.2: neither the offer nor the reversed answer has [[Direction]]."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    transceiver = caller.addTransceiver("audio")
    await negotiate(caller, callee)
    await tasks_run()
    fired = negotiationneeded_states(caller)
    transceiver.direction = "sendonly"  # the answer said recvonly: reversed, sendonly
    await tasks_run()
    assert fired == []
    transceiver.direction = "inactive"
    await tasks_run()
    assert fired == ["stable"]


async def test_check_step5_3_3_answerer_direction_change_needs_negotiation() -> None:
    """Check step 5.3.3: the answer's direction differs from [[Direction]] ∩ offered."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    caller.addTransceiver("audio")
    await negotiate(caller, callee)
    await tasks_run()
    fired = negotiationneeded_states(callee)
    [transceiver] = callee.getTransceivers()
    transceiver.direction = "sendrecv"
    await tasks_run()
    assert fired == ["stable"]


async def test_check_step5_4_stopped_by_close_fires_nothing() -> None:
    """Closed connections never fire (update step 2.1), whatever the check says."""
    pc = RTCPeerConnection()
    fired = negotiationneeded_states(pc)
    pc.addTransceiver("audio")
    await tasks_run()
    pc.close()
    await tasks_run()
    assert fired == ["stable"]


async def test_negotiationneeded_callee_answer_pending_fires_after_SLD() -> None:
    """Spec-notes case B: removeTrack while SLD(answer) is chained fires after it resolves."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    caller.addTransceiver("audio", {"direction": "recvonly"})
    track, stream = await media()
    sender = callee.addTrack(track, stream)
    await tasks_run()
    fired = negotiationneeded_states(callee)
    await callee.setRemoteDescription(await caller.createOffer())
    answer = await callee.createAnswer()
    applied = callee.setLocalDescription(answer)
    callee.removeTrack(sender)
    await applied
    assert fired == []
    await tasks_run()
    assert fired == ["stable"]


async def test_listener_exception_is_reported_and_others_still_run() -> None:
    """A listener's exception goes to the loop's exception handler; later listeners run."""
    loop = asyncio.get_running_loop()
    reported: list[object] = []
    loop.set_exception_handler(lambda _loop, context: reported.append(context["exception"]))
    pc = RTCPeerConnection()

    def broken(event: object) -> None:
        raise ValueError("listener bug")

    pc.addEventListener("negotiationneeded", broken)
    fired = negotiationneeded_states(pc)
    pc.addTransceiver("audio")
    await tasks_run()
    assert fired == ["stable"]
    assert [type(error) for error in reported] == [ValueError]


async def test_coroutine_listener_runs_as_a_task() -> None:
    """A listener that is a coroutine function is run as a task."""
    pc = RTCPeerConnection()
    seen: list[str] = []

    async def listener(event: object) -> None:
        await asyncio.sleep(0)
        seen.append("ran")

    pc.onnegotiationneeded = listener
    pc.addTransceiver("audio")
    await tasks_run()
    assert seen == ["ran"]
