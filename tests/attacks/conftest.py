"""Shared pieces of the attack suite: answers a hostile model might send, and a model stand-in."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Generator
from typing import Any

from coach.config import Settings
from coach.llm import ChatChunk, ChatReply, ChatRequest
from coach.pipeline import Coach
from tests.fake_openai import GOOD_DRAFT, FakeClock


def draft(**sections: Any) -> dict[str, Any]:
    """GOOD_DRAFT with some sections replaced."""
    return {**GOOD_DRAFT, **sections}


def draft_text(**sections: Any) -> str:
    return json.dumps(draft(**sections), ensure_ascii=False)


class ScriptedModel:
    """A ChatModel that answers from a script and may spend (fake) time doing so."""

    def __init__(self, *answers: str, spend: Callable[[], None] | None = None) -> None:
        self.answers = list(answers)
        """The answers still to give, in order; the last one is given for every later call."""
        self.requests: list[ChatRequest] = []
        """Every request sent, as the pipeline built it."""
        self._spend = spend

    @property
    def name(self) -> str:
        return "scripted"

    @property
    def endpoint(self) -> str:
        return "scripted://model"

    def _next(self, request: ChatRequest) -> str:
        self.requests.append(request)
        if self._spend is not None:
            self._spend()
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def complete(self, request: ChatRequest, *, timeout: float) -> ChatReply:
        return ChatReply(self._next(request), "stop", model="scripted")

    def stream(self, request: ChatRequest, *, timeout: float) -> Generator[ChatChunk, None, None]:
        text = self._next(request)
        yield ChatChunk(text=text)
        yield ChatChunk(finish_reason="stop")

    async def acomplete(self, request: ChatRequest, *, timeout: float) -> ChatReply:
        return self.complete(request, timeout=timeout)

    def ping(self, *, timeout: float) -> None:
        return None

    def close(self) -> None:
        return None

    async def aclose(self) -> None:
        return None


def scripted_coach(
    model: ScriptedModel,
    clock: FakeClock | None = None,
    *,
    real_time: bool = False,
    **settings: Any,
) -> Coach:
    """A Coach on the scripted model: on a FakeClock, or on the real clock with `real_time`."""
    values = Settings(**{"deadline": 5.0, **settings})
    if real_time:
        return Coach(values, model=model, sleep=lambda _: None, clock=time.monotonic)
    clock = clock or FakeClock()
    return Coach(values, model=model, sleep=clock.sleep, asleep=clock.asleep, clock=clock)
