"""An OpenAI-compatible endpoint faked with respx, and a clock whose sleeps take no time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from coach.config import Settings
from coach.pipeline import Coach, forget_structured_modes
from guardrails.rails import Rails

__all__ = [
    "BASE_URL",
    "CHAT_URL",
    "GOOD_DRAFT",
    "FailingStream",
    "FakeClock",
    "TrackedStream",
    "completion",
    "fake_coach",
    "sent_json",
    "sse",
    "stream_chunks",
]

BASE_URL = "http://llm.test/v1"
CHAT_URL = f"{BASE_URL}/chat/completions"

GOOD_DRAFT: dict[str, Any] = {
    "risk": {"level": "none", "why": "ordinary reconnection"},
    "reason": {
        "summary": "懐かしくなって様子が気になったのかもしれません。",
        "categories": ["curious"],
    },
    "response": {
        "approach": "まずは軽く返して、相手の意図を確かめましょう。",
        "replies": ["久しぶり!元気だった?"],
    },
    "caution": {"points": ["相手のペースに流されないように。"]},
}


def completion(
    content: str | None = None,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    choices: bool = True,
    usage: tuple[int, int] = (100, 50),
) -> dict[str, Any]:
    """A chat.completion body; by default its content is GOOD_DRAFT."""
    if content is None and refusal is None:
        content = json.dumps(GOOD_DRAFT, ensure_ascii=False)
    message = {"role": "assistant", "content": content, "refusal": refusal}
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1,
        "model": "fake-model",
        "choices": [{"index": 0, "finish_reason": finish_reason, "message": message}]
        if choices
        else [],
        "usage": {
            "prompt_tokens": usage[0],
            "completion_tokens": usage[1],
            "total_tokens": sum(usage),
        },
    }


def _chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "fake-model",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def stream_chunks(content: str | None = None, *, pieces: int = 7) -> list[dict[str, Any]]:
    """The answer cut into `pieces` content deltas, a finish chunk and a usage chunk."""
    if content is None:
        content = json.dumps(GOOD_DRAFT, ensure_ascii=False)
    size = max(1, len(content) // pieces)
    chunks = [_chunk({"content": content[i : i + size]}) for i in range(0, len(content), size)]
    chunks.append(_chunk({}, "stop"))
    usage = {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}
    chunks.append({**_chunk({}), "choices": [], "usage": usage})
    return chunks


def sse(chunks: list[dict[str, Any]], *, done: bool = True) -> str:
    body = "".join(f"data: {json.dumps(c, ensure_ascii=False)}\n\n" for c in chunks)
    return body + ("data: [DONE]\n\n" if done else "")


class FailingStream(httpx.SyncByteStream):
    """A server-sent stream that sends some chunks, then drops the connection."""

    def __init__(self, chunks: list[dict[str, Any]]) -> None:
        self._body = sse(chunks, done=False).encode()

    def __iter__(self) -> Iterator[bytes]:
        yield self._body
        raise httpx.ReadError("connection dropped")


class TrackedStream(httpx.SyncByteStream):
    """A server-sent stream, one chunk per read, that remembers whether it was closed."""

    def __init__(self, chunks: list[dict[str, Any]]) -> None:
        self._events = [sse([c], done=False).encode() for c in chunks] + [b"data: [DONE]\n\n"]
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield from self._events

    def close(self) -> None:
        self.closed = True


@dataclass
class FakeClock:
    """A monotonic clock that moves only when someone sleeps on it."""

    now: float = 1000.0
    slept: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


def fake_coach(*, rails: Rails | None = None, **settings: Any) -> tuple[Coach, FakeClock]:
    """A Coach aimed at the fake endpoint, with its waits going through a FakeClock.

    The endpoint's rejected structured modes are forgotten, so each test starts afresh.
    `rails` defaults to the product's (cue floor and semantic heads).
    """
    forget_structured_modes()
    clock = FakeClock()
    values: dict[str, Any] = {"api_key": "sk-test-0123456789secret", "base_url": BASE_URL}
    values.update(settings)
    coach = Coach(
        Settings(**values),
        rails=rails,
        http_client=httpx.Client(),
        async_http_client=httpx.AsyncClient(),
        sleep=clock.sleep,
        asleep=clock.asleep,
        clock=clock,
    )
    return coach, clock


def sent_json(request: httpx.Request) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(request.content)
    return body
