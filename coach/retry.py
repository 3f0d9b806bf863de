"""One deadline per turn, and the retry policy that lives inside it.

tenacity decides when to try again; the deadline decides whether there is time to. A wait the
server asks for (Retry-After) is honoured when it fits, and the turn stops at once when not.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import tenacity

from coach.llm import ModelError

__all__ = ["MAX_TRIES", "MIN_ATTEMPT", "Deadline", "async_retrying", "retrying"]

MAX_TRIES = 3
"""Tries of one request; the deadline usually ends a run of failures sooner."""
MIN_ATTEMPT = 0.05
"""An attempt with less time than this left cannot finish: stop instead."""
_BACKOFF = tenacity.wait_exponential(multiplier=0.25, max=4.0) + tenacity.wait_random(0, 0.25)


@dataclass(slots=True)
class Deadline:
    clock: Callable[[], float]
    ends: float

    def remaining(self) -> float:
        return max(0.0, self.ends - self.clock())


class _OutOfTime(tenacity.stop.stop_base):
    """Stop when the next wait would leave too little of the turn for another attempt."""

    def __init__(self, deadline: Deadline) -> None:
        self._deadline = deadline

    def __call__(self, retry_state: tenacity.RetryCallState) -> bool:
        return self._deadline.remaining() - retry_state.upcoming_sleep < MIN_ATTEMPT


def _wait(state: tenacity.RetryCallState) -> float:
    error = state.outcome.exception() if state.outcome else None
    if isinstance(error, ModelError) and error.retry_after is not None:
        return error.retry_after
    return float(_BACKOFF(state))


def _retryable(error: BaseException) -> bool:
    return isinstance(error, ModelError) and error.retryable


def _policy(deadline: Deadline) -> dict[str, object]:
    return {
        "retry": tenacity.retry_if_exception(_retryable),
        "wait": _wait,
        "stop": tenacity.stop_after_attempt(MAX_TRIES) | _OutOfTime(deadline),
        "reraise": True,
    }


def retrying(deadline: Deadline, sleep: Callable[[float], None]) -> tenacity.Retrying:
    return tenacity.Retrying(sleep=sleep, **_policy(deadline))  # type: ignore[arg-type]


def async_retrying(
    deadline: Deadline, sleep: Callable[[float], Awaitable[None]]
) -> tenacity.AsyncRetrying:
    return tenacity.AsyncRetrying(sleep=sleep, **_policy(deadline))  # type: ignore[arg-type]
