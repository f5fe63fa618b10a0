"""The HTML event loop, tasks and microtasks, on top of a running asyncio loop.

Theory of operation
===================

A page's code runs in the HTML event loop (https://html.spec.whatwg.org/#event-loops). It
knows two kinds of work:

* **Tasks.** The spec says "queue a task" when an algorithm is to continue later: firing
  ``negotiationneeded``, ending a remote track, applying a description, resolving
  ``createOffer()``. The loop runs one task at a time, oldest first.
* **Microtasks.** Promise reactions: the code after an ``await`` of a settled promise, and
  ``then`` callbacks. After each task, the loop performs a *microtask checkpoint*: it runs
  every microtask, including those that microtasks queue, before the next task starts.

asyncio knows one kind only: callbacks in the loop's ready queue (``call_soon``). Futures
schedule their done callbacks there, and a coroutine that awaits a future resumes from there.
Those callbacks are the microtasks of this model. The tasks of the spec are kept apart, in a
queue of our own, one per asyncio loop (:class:`TaskQueue`):

* :func:`queue_task` appends a callback to that queue and makes sure a *pump* callback is
  scheduled on the asyncio loop.
* The pump runs one queued task only when the asyncio ready queue holds nothing but itself:
  every microtask has run. Otherwise it schedules itself again, behind the microtasks. So a
  task never overtakes the continuation of a coroutine that a settled promise woke up.
* A task that raises is reported to the asyncio loop's exception handler, as a browser reports
  an uncaught exception, and the next task still runs.

So, right after ``await pc.setRemoteDescription(offer)`` returns, the tasks that applying the
offer queued (ending a track whose media section was rejected, the ``negotiationneeded``
check) have not run yet, exactly as in a browser.

The ready queue is looked at through ``loop._ready``, which CPython's own loops (the default
loop, ``asyncio.run``, ``python -m asyncio``, pytest) have. A loop without a visible ready queue
(Pyodide's WebLoop, whose callbacks are browser tasks already) gets the closest portable
behaviour: the pump lets :data:`FALLBACK_TURNS` turns of the loop pass before each task, so a
chain of up to that many promise reactions still runs first.

Waiting for tasks: ``await asyncio.sleep(0)`` is a microtask turn, like ``await null`` in
JavaScript: it does not let a queued task run. :func:`tasks_settled` resolves once the task
queue is empty (what a REPL gives between two lines, or a ``setTimeout`` in a page).
"""

from __future__ import annotations

import asyncio
import weakref
from collections import deque
from collections.abc import Callable, Sized
from typing import Final

Task = Callable[[], None]
# Turns of the loop a task waits for on a loop whose ready queue cannot be seen.
FALLBACK_TURNS: Final = 4
_QUEUES: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, TaskQueue] = (
    weakref.WeakKeyDictionary()
)


def running_loop() -> asyncio.AbstractEventLoop:
    """The running asyncio loop; the model, like a page, only runs inside one."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        raise RuntimeError(
            "webrtc_reference needs a running asyncio event loop: call it from a coroutine"
            " run by asyncio.run() or from the 'python -m asyncio' REPL"
        ) from None


class TaskQueue:
    """The task queue of one asyncio loop, and the pump that runs it after the microtasks."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._tasks: deque[Task] = deque()
        self._waiters: list[asyncio.Future[None]] = []  # tasks_settled() futures
        self._pump_scheduled = False
        self._turns_waited = 0  # the fallback's count

    def queue(self, task: Task) -> None:
        """Queue a task: it runs after the running code and every microtask."""
        self._tasks.append(task)
        self._schedule_pump()

    def settled(self) -> asyncio.Future[None]:
        """A future that resolves once no task is queued (and no microtask is pending)."""
        waiter = self._loop.create_future()
        self._waiters.append(waiter)
        self._schedule_pump()
        return waiter

    def _schedule_pump(self) -> None:
        if not self._pump_scheduled:
            self._pump_scheduled = True
            self._loop.call_soon(self._pump)

    def _microtasks_pending(self) -> bool:
        ready = getattr(self._loop, "_ready", None)
        if isinstance(ready, Sized):
            return len(ready) > 0  # the pump itself was taken off the queue to run
        if self._turns_waited < FALLBACK_TURNS:
            self._turns_waited += 1
            return True
        self._turns_waited = 0
        return False

    def _pump(self) -> None:
        self._pump_scheduled = False
        if self._microtasks_pending():
            self._schedule_pump()  # behind the microtasks: the checkpoint comes first
            return
        if self._tasks:
            task = self._tasks.popleft()
            try:
                task()
            except Exception as error:  # noqa: BLE001 - reported, as a browser reports it
                self._loop.call_exception_handler(
                    {"message": "exception in a queued task", "exception": error})
            self._schedule_pump()  # the task's microtasks run first, then the next task
            return
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)


def task_queue() -> TaskQueue:
    """The task queue of the running asyncio loop."""
    loop = running_loop()
    queue = _QUEUES.get(loop)
    if queue is None:
        queue = _QUEUES[loop] = TaskQueue(loop)
    return queue


def queue_task(task: Task) -> None:
    """Queue a task (HTML): *task* runs after the current code and all microtasks.

    Spec: https://html.spec.whatwg.org/multipage/webappapis.html#queue-a-task
    """
    task_queue().queue(task)


def tasks_settled() -> asyncio.Future[None]:
    """Resolve once every queued task has run, those they queue included."""
    return task_queue().settled()
