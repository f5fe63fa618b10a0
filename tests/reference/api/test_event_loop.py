"""Tasks and microtasks: the order of the HTML event loop, on top of asyncio.

Spec: https://html.spec.whatwg.org/multipage/webappapis.html#event-loop-processing-model
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.reference.reference_helpers import (
    answer,
    media,
    negotiate,
    negotiated_sender,
    tasks_run,
)
from webrtc_reference import RTCPeerConnection
from webrtc_reference._dom.event_loop import FALLBACK_TURNS, TaskQueue, queue_task, tasks_settled


async def _offer_rejecting_a_section() -> tuple[RTCPeerConnection, RTCPeerConnection, Any]:
    """A callee whose next remote offer rejects the media section of its receiver."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media("video")
    caller.addTrack(track, stream)
    await negotiate(caller, callee)
    await tasks_run()
    caller.getTransceivers()[0].stop()
    offer = await caller.createOffer()
    return caller, callee, offer


async def test_queued_task_runs_after_every_microtask() -> None:
    """A task waits for the microtask checkpoint, however long the chain of reactions is."""
    order: list[str] = []

    async def chain_of_reactions() -> None:
        for step in range(5):
            await asyncio.sleep(0)  # one promise reaction each
            order.append(f"microtask {step}")

    queue_task(lambda: order.append("task"))
    await chain_of_reactions()
    order.append("resumed")
    await tasks_settled()
    assert order == [*(f"microtask {step}" for step in range(5)), "resumed", "task"]


async def test_tasks_run_one_at_a_time_in_order_with_their_microtasks_between() -> None:
    """Task 1, the microtasks it queued, then task 2."""
    order: list[str] = []
    loop = asyncio.get_running_loop()

    def first() -> None:
        order.append("task 1")
        loop.call_soon(order.append, "microtask of task 1")

    queue_task(first)
    queue_task(lambda: order.append("task 2"))
    await tasks_settled()
    assert order == ["task 1", "microtask of task 1", "task 2"]


async def test_a_task_that_raises_is_reported_and_the_next_task_runs() -> None:
    loop = asyncio.get_running_loop()
    reported: list[object] = []
    loop.set_exception_handler(lambda _loop, context: reported.append(context["exception"]))
    order: list[str] = []

    def broken() -> None:
        raise ValueError("task bug")

    queue_task(broken)
    queue_task(lambda: order.append("next"))
    await tasks_settled()
    assert order == ["next"]
    assert [type(error) for error in reported] == [ValueError]


async def test_a_loop_without_a_visible_ready_queue_waits_a_fixed_number_of_turns() -> None:
    """The portable fallback (Pyodide's WebLoop): FALLBACK_TURNS turns pass before a task."""
    real = asyncio.get_running_loop()

    class OpaqueLoop:  # no _ready attribute
        call_soon = real.call_soon
        create_future = real.create_future
        call_exception_handler = real.call_exception_handler

    queue = TaskQueue(OpaqueLoop())  # type: ignore[arg-type]
    ran: list[int] = []
    turns_passed = 0
    queue.queue(lambda: ran.append(turns_passed))
    while not ran:
        await asyncio.sleep(0)
        turns_passed += 1
    assert ran == [FALLBACK_TURNS]


async def test_rejected_media_section_track_is_live_after_await_and_ends_in_a_later_task() -> None:
    """Set a description 4.7.11.2.15: the stop queues the track's ended steps (track-ended)."""
    _caller, callee, offer = await _offer_rejecting_a_section()
    [transceiver] = callee.getTransceivers()
    track = transceiver.receiver.track
    ended: list[str] = []
    track.addEventListener("ended", lambda event: ended.append(str(track.readyState)))
    await callee.setRemoteDescription(offer)
    assert transceiver.currentDirection == "stopped"
    assert track.readyState == "live"
    await asyncio.sleep(0)  # a microtask turn does not run the task
    assert track.readyState == "live" and ended == []
    await tasks_settled()
    assert ended == ["ended"]


async def test_a_listener_that_awaits_resumes_before_the_promise_and_before_the_next_task() -> None:
    """signalingstatechange fires in the task; its listener's continuation is a microtask."""
    _caller, callee, offer = await _offer_rejecting_a_section()
    track = callee.getTransceivers()[0].receiver.track
    order: list[str] = []

    async def listener(event: object) -> None:
        order.append("signalingstatechange")
        await asyncio.sleep(0)
        order.append("listener resumed")

    callee.onsignalingstatechange = listener
    track.addEventListener("ended", lambda event: order.append("ended"))
    await callee.setRemoteDescription(offer)
    order.append("setRemoteDescription resolved")
    await tasks_settled()
    assert order == ["signalingstatechange", "listener resumed",
                     "setRemoteDescription resolved", "ended"]


async def test_signalingstatechange_fires_before_setLocalDescription_resolves() -> None:
    """Set a description 4.7.15 fires the event in the task; 4.7.21 resolves after it."""
    pc = RTCPeerConnection()
    pc.addTransceiver("audio")
    order: list[str] = []
    pc.onsignalingstatechange = lambda event: order.append(f"statechange:{pc.signalingState}")
    applied = pc.setLocalDescription()
    applied.add_done_callback(lambda done: order.append("then"))
    assert order == []  # set in a queued task
    await applied
    order.append("resumed")
    assert order == ["statechange:have-local-offer", "then", "resumed"]


async def test_negotiationneeded_after_the_answer_comes_in_a_task_after_the_awaiting_code() -> None:
    """Set a description 4.7.14 and the chain's 7.4.4-7.4.6: the update queues a task."""
    caller, callee, sender = await negotiated_sender()
    fired: list[str] = []
    caller.onnegotiationneeded = lambda event: fired.append(str(caller.signalingState))
    await caller.setLocalDescription(await caller.createOffer())
    caller.removeTrack(sender)  # needs negotiation, but not while the offer is outstanding
    await answer(caller, callee)
    for _ in range(3):
        await asyncio.sleep(0)
    assert caller.signalingState == "stable" and fired == []
    await tasks_settled()
    assert fired == ["stable"]


@pytest.mark.parametrize("count", [0, 1])
async def test_tasks_settled_resolves_with_nothing_queued_or_after_the_tasks(count: int) -> None:
    ran: list[int] = []
    for number in range(count):
        queue_task(lambda number=number: ran.append(number))  # type: ignore[misc]
    await tasks_settled()
    assert ran == list(range(count))
