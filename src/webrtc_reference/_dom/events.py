"""Event, EventTarget and event handler attributes (DOM); tasks are queued by ``event_loop``."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Listener = Callable[[Any], object]
_BACKGROUND_TASKS: set[asyncio.Future[Any]] = set()  # strong references until they finish


def _report(error: BaseException, event_type: str) -> None:
    """Report a listener's exception as a browser does, then go on."""
    context = {"message": f"exception in a {event_type!r} event listener", "exception": error}
    try:
        asyncio.get_running_loop().call_exception_handler(context)
    except RuntimeError:  # no loop: print it, as the default handler would
        import traceback

        traceback.print_exception(error)


@dataclass(frozen=True, eq=False)
class Event:
    """https://dom.spec.whatwg.org/#interface-event (type and target only)."""

    type: str
    # Set by dispatchEvent, as the DOM sets it when dispatching.
    target: EventTarget | None = field(default=None, init=False, repr=False)


class EventTarget:
    """https://dom.spec.whatwg.org/#interface-eventtarget"""

    def __init__(self) -> None:
        self._listeners: list[tuple[str, Listener]] = []
        self._handlers: dict[str, Listener] = {}  # on<event> values
        self._handler_listeners: dict[str, Listener] = {}  # their place in _listeners

    def addEventListener(self, type: str, callback: Listener | None) -> None:
        """Add *callback* for events named *type*, once; None is ignored.

        Spec: https://dom.spec.whatwg.org/#dom-eventtarget-addeventlistener
        """
        if callback is None:
            return
        if not callable(callback):
            raise TypeError("addEventListener(): the callback is not callable")
        if (type, callback) not in self._listeners:
            self._listeners.append((type, callback))

    def removeEventListener(self, type: str, callback: Listener | None) -> None:
        """Remove *callback* for events named *type*, if it was added.

        Spec: https://dom.spec.whatwg.org/#dom-eventtarget-removeeventlistener
        """
        if callback is not None and (type, callback) in self._listeners:
            self._listeners.remove((type, callback))

    def dispatchEvent(self, event: Event) -> bool:
        """Call the listeners for event.type in the order they were added; return True.

        Spec: https://dom.spec.whatwg.org/#dom-eventtarget-dispatchevent
        """
        if not isinstance(event, Event):
            raise TypeError("dispatchEvent(): the argument is not an Event")
        object.__setattr__(event, "target", self)  # the DOM sets target while dispatching
        for entry in list(self._listeners):
            if entry[0] == event.type and entry in self._listeners:
                _invoke(entry[1], event)
        return True

    def _fire(self, event: Event) -> None:
        """Fire an event (DOM): what the spec's algorithms do."""
        self.dispatchEvent(event)


def _invoke(callback: Listener, event: Event) -> None:
    try:
        result = callback(event)
    except Exception as error:  # noqa: BLE001 - reported, as a browser reports it
        _report(error, event.type)
        return
    if inspect.isawaitable(result):
        task = asyncio.ensure_future(result)
        _BACKGROUND_TASKS.add(task)
        task.add_done_callback(lambda done: _finish_listener_task(done, event.type))


def _finish_listener_task(task: asyncio.Future[Any], event_type: str) -> None:
    _BACKGROUND_TASKS.discard(task)
    error = None if task.cancelled() else task.exception()
    if error is not None:
        _report(error, event_type)


class EventHandler:
    """An on<event> attribute: one listener whose callback can be replaced or removed."""

    def __init__(self, event_type: str, spec: str) -> None:
        self.event_type = event_type
        self._spec = spec  # the URL of the specification that defines the attribute

    def __set_name__(self, owner: type, name: str) -> None:
        # ReSpec's anchor of an IDL attribute: dom-<interface>-<attribute>, in lower case.
        anchor = f"dom-{owner.__name__.lower()}-{name}"
        self.__doc__ = f"The {name} event handler attribute.\n\nSpec: {self._spec}#{anchor}"

    def __get__(self, target: EventTarget | None, owner: type[EventTarget]) -> Any:
        if target is None:
            return self
        return target._handlers.get(self.event_type)

    def __set__(self, target: EventTarget, value: Listener | None) -> None:
        kind = self.event_type
        if value is None:
            target._handlers.pop(kind, None)
            target.removeEventListener(kind, target._handler_listeners.pop(kind, None))
            return
        if not callable(value):
            raise TypeError(f"on{kind} must be a callable or None")
        target._handlers[kind] = value
        if kind not in target._handler_listeners:
            # Registered once, at its first assignment, so its place among listeners stays.
            def call_handler(event: Event) -> object:
                handler = target._handlers.get(kind)
                return None if handler is None else handler(event)

            target._handler_listeners[kind] = call_handler
            target.addEventListener(kind, call_handler)
