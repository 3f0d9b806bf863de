"""An OpenAI-compatible endpoint faked with respx, and a clock whose sleeps take no time."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from coach.config import Settings
from coach.pipeline import Coach
from guardrails.rails import Rails

__all__ = [
    "BASE_URL",
    "CHAT_URL",
    "GOOD_DRAFT",
    "HOSTILE",
    "DripStream",
    "FailingStream",
    "FakeClock",
    "TrackedStream",
    "completion",
    "fake_coach",
    "hostile",
    "real_time_coach",
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

    A new Coach remembers no rejected structured mode, so each test starts afresh.
    `rails` defaults to the product's (cue floor and semantic heads).
    """
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


class DripStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body sent a few bytes at a time: every read is quick, the whole answer is not.

    It stops once closed, so a reader the coach gave up on ends too."""

    def __init__(self, body: bytes, *, bytes_per_second: float = 20.0, piece: int = 4) -> None:
        self._body = body
        self._pause = piece / bytes_per_second
        self._piece = piece
        self._closed = threading.Event()

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def __iter__(self) -> Iterator[bytes]:
        for i in range(0, len(self._body), self._piece):
            if self._closed.wait(self._pause):
                return
            yield self._body[i : i + self._piece]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for i in range(0, len(self._body), self._piece):
            await asyncio.sleep(self._pause)
            if self.closed:
                return
            yield self._body[i : i + self._piece]

    def close(self) -> None:
        self._closed.set()

    async def aclose(self) -> None:
        self._closed.set()


def _body(request: httpx.Request, content: str) -> tuple[bytes, str]:
    """The answer as the request asked for it: a whole completion or server-sent events."""
    if sent_json(request).get("stream"):
        return sse(stream_chunks(content, pieces=3)).encode(), "text/event-stream"
    return json.dumps(completion(content), ensure_ascii=False).encode(), "application/json"


def _slow_drip(request: httpx.Request) -> httpx.Response:
    body, kind = _body(request, json.dumps(GOOD_DRAFT, ensure_ascii=False))
    return httpx.Response(200, stream=DripStream(body), headers={"content-type": kind})


HUGE_SUMMARY_CHARS = 2_900_000


def _huge_body(request: httpx.Request) -> httpx.Response:
    draft = {**GOOD_DRAFT, "reason": {**GOOD_DRAFT["reason"], "summary": "あ" * HUGE_SUMMARY_CHARS}}
    body, kind = _body(request, json.dumps(draft, ensure_ascii=False))
    return httpx.Response(200, content=body, headers={"content-type": kind})


def _broken_json(request: httpx.Request) -> httpx.Response:
    body, kind = _body(request, json.dumps(GOOD_DRAFT, ensure_ascii=False))
    cut = body[: len(body) // 2] if kind == "application/json" else b'data: {"id": "x", "cho\n\n'
    return httpx.Response(200, content=cut, headers={"content-type": kind})


def _text_plain(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, text="OK - proxy is up\n", headers={"content-type": "text/plain"})


HOSTILE: dict[str, tuple[Callable[[httpx.Request], httpx.Response], str]] = {
    "slow_drip": (_slow_drip, "timeout"),
    "huge_body": (_huge_body, "too_large"),
    "broken_json": (_broken_json, "server_error"),
    "text_plain_200": (_text_plain, "server_error"),
}
"""Endpoints that answer 200 and still cannot be used, with the reason each must end in."""


def hostile(name: str) -> Callable[[httpx.Request], httpx.Response]:
    """A respx side effect for one of HOSTILE: a fresh response (and body) per request."""
    return HOSTILE[name][0]


def real_time_coach(deadline: float = 1.0, **settings: Any) -> Coach:
    """A Coach on the real clock, for endpoints that really take time; retry waits are skipped
    so only the endpoint's own slowness counts."""
    values: dict[str, Any] = {
        "api_key": "sk-test-0123456789secret",
        "base_url": BASE_URL,
        "deadline": deadline,
    }
    values.update(settings)

    async def no_wait(_: float) -> None:
        return None

    return Coach(
        Settings(**values),
        http_client=httpx.Client(),
        async_http_client=httpx.AsyncClient(),
        sleep=lambda _: None,
        asleep=no_wait,
        clock=time.monotonic,
    )
