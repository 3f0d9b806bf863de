"""One deadline per turn, and the retry policy that lives inside it.

tenacity decides when to try again; the deadline decides whether there is time to. A wait the
server asks for (Retry-After) is honoured when it fits, and the turn stops at once when not.

A socket timeout bounds one read, not a whole answer: a server that drips a byte at a time
never trips it. `call_within` and `iterate_within` run the blocking client in a worker thread
and stop waiting at the wall-clock end, so no endpoint can hold a turn past its deadline.
"""

from __future__ import annotations

import contextlib
import functools
import queue
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from coach.llm import ModelError

if TYPE_CHECKING:
    import tenacity

__all__ = [
    "MAX_TRIES",
    "MIN_ATTEMPT",
    "Deadline",
    "async_retrying",
    "await_within",
    "call_within",
    "iterate_within",
    "retrying",
]

T = TypeVar("T")

MAX_TRIES = 3
"""Tries of one request; the deadline usually ends a run of failures sooner."""
MIN_ATTEMPT = 0.05
"""An attempt with less time than this left cannot finish: stop instead."""


@functools.cache
def _backoff() -> tenacity.wait.wait_base:
    """tenacity loads with the first model call, not at start."""
    import tenacity

    return tenacity.wait_exponential(multiplier=0.25, max=4.0) + tenacity.wait_random(0, 0.25)


@dataclass(slots=True)
class Deadline:
    clock: Callable[[], float]
    ends: float

    def remaining(self) -> float:
        return max(0.0, self.ends - self.clock())


@functools.cache
def _out_of_time_class() -> Callable[[Deadline], tenacity.stop.stop_base]:
    """Built once, with the first model call (tenacity is not loaded at start)."""
    import tenacity

    class OutOfTime(tenacity.stop.stop_base):
        def __init__(self, deadline: Deadline) -> None:
            self._deadline = deadline

        def __call__(self, retry_state: tenacity.RetryCallState) -> bool:
            return self._deadline.remaining() - retry_state.upcoming_sleep < MIN_ATTEMPT

    return OutOfTime


def _out_of_time(deadline: Deadline) -> tenacity.stop.stop_base:
    """Stop when the next wait would leave too little of the turn for another attempt."""
    return _out_of_time_class()(deadline)


def _wait(state: tenacity.RetryCallState) -> float:
    error = state.outcome.exception() if state.outcome else None
    if isinstance(error, ModelError) and error.retry_after is not None:
        return error.retry_after
    return float(_backoff()(state))


def _retryable(error: BaseException) -> bool:
    return isinstance(error, ModelError) and error.retryable


def _policy(deadline: Deadline) -> dict[str, object]:
    import tenacity

    return {
        "retry": tenacity.retry_if_exception(_retryable),
        "wait": _wait,
        "stop": tenacity.stop_after_attempt(MAX_TRIES) | _out_of_time(deadline),
        "reraise": True,
    }


def retrying(deadline: Deadline, sleep: Callable[[float], None]) -> tenacity.Retrying:
    import tenacity

    return tenacity.Retrying(sleep=sleep, **_policy(deadline))  # type: ignore[arg-type]


def async_retrying(
    deadline: Deadline, sleep: Callable[[float], Awaitable[None]]
) -> tenacity.AsyncRetrying:
    import tenacity

    return tenacity.AsyncRetrying(sleep=sleep, **_policy(deadline))  # type: ignore[arg-type]


def _late() -> ModelError:
    return ModelError("timeout", detail="the turn's deadline passed")


def call_within(seconds: float, work: Callable[[], T]) -> T:
    """`work()` in a daemon thread, waited for at most `seconds` of wall-clock time.

    A worker left behind ends on its own: the client stops reading at the same end."""
    future: Future[T] = Future()

    def run() -> None:
        try:
            future.set_result(work())
        except BaseException as error:  # handed to the caller, who re-raises it
            future.set_exception(error)

    threading.Thread(target=run, name="coach-model", daemon=True).start()
    try:
        return future.result(timeout=max(0.0, seconds))
    except FutureTimeout:
        raise _late() from None


_END = object()
_POLL = 0.05


def iterate_within(seconds: float, open_items: Callable[[], Iterator[T]]) -> Iterator[T]:
    """The items of a blocking iterator, read in a daemon thread, until `seconds` of wall-clock
    time have passed. The reader stays at most one item ahead, and closing this iterator
    closes the source (releasing its connection) in the reader's thread."""
    ends = time.monotonic() + max(0.0, seconds)
    handoff: queue.Queue[tuple[object, BaseException | None]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def give(item: object, error: BaseException | None = None) -> None:
        while not stop.is_set():
            with contextlib.suppress(queue.Full):
                handoff.put((item, error), timeout=_POLL)
                return

    def read() -> None:
        try:
            source = open_items()
            try:
                for item in source:
                    give(item)
                    if stop.is_set():
                        return
            finally:
                close = getattr(source, "close", None)
                if callable(close):
                    close()
            give(_END)
        except BaseException as error:  # handed to the consumer, who re-raises it
            give(_END, error)

    reader = threading.Thread(target=read, name="coach-model-stream", daemon=True)
    reader.start()
    try:
        while True:
            left = ends - time.monotonic()
            if left <= 0:
                raise _late()
            try:
                item, error = handoff.get(timeout=left)
            except queue.Empty:
                raise _late() from None
            if error is not None:
                raise error
            if item is _END:
                return
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        reader.join(timeout=_POLL * 2)


async def await_within(seconds: float, work: Awaitable[T]) -> T:
    """`await work`, cancelled after `seconds`: asyncio can stop a read mid-way."""
    import asyncio

    try:
        return await asyncio.wait_for(work, timeout=max(0.0, seconds))
    except TimeoutError:
        raise _late() from None
