"""Speed of the LLM path: `python -m bench.llm`.

- overhead: a whole turn through the pipeline minus the bare SDK call sending the same request
  body to the same instant endpoint: the rails, prompt, parsing and validation
- refused: time to rule advice when nothing listens on the endpoint's port
- hung: time to rule advice when the endpoint accepts and never answers (deadline 1 s)
- concurrent: 50 async turns at once against a local endpoint that takes 300 ms

Every endpoint here is on 127.0.0.1 or in-process; nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from bench import free_port
from coach.config import Settings
from coach.pipeline import Coach
from coach.structured import strict_schema
from prompts import build_system_prompt
from prompts.messages import build_messages

__all__ = ["main"]

SITUATION = "半年連絡がなかった友達から「久しぶり!元気?」と来た"
_DRAFT = {
    "reason": {"summary": "様子が気になったのかもしれません。", "categories": ["curious"]},
    "response": {"approach": "軽く返して意図を確かめる。", "replies": ["久しぶり!元気だった?"]},
    "caution": {"points": ["相手のペースに流されない。"]},
}
_BODY = json.dumps(
    {
        "id": "bench",
        "object": "chat.completion",
        "created": 1,
        "model": "bench",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": json.dumps(_DRAFT, ensure_ascii=False)},
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    },
    ensure_ascii=False,
).encode()


def _instant(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=_BODY, headers={"content-type": "application/json"})


def _median_ms(run: Callable[[], object], repeats: int) -> float:
    for _ in range(20):
        run()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_overhead(repeats: int = 300) -> tuple[float, float]:
    """Median ms of the bare SDK call and of a whole pipeline turn, same in-process endpoint."""
    import openai

    raw = openai.OpenAI(
        api_key="bench",
        base_url="http://bench.local/v1",
        max_retries=0,
        http_client=httpx.Client(transport=httpx.MockTransport(_instant)),  # type: ignore[arg-type]
    )
    # The same request body the pipeline sends, so only the pipeline's own work differs.
    messages: Any = build_messages(
        system_prompt=build_system_prompt("ja"), situation=SITUATION, language="ja"
    )
    response_format: Any = {
        "type": "json_schema",
        "json_schema": {"name": "advice_draft", "schema": strict_schema(), "strict": True},
    }
    raw_ms = _median_ms(
        lambda: raw.chat.completions.create(
            model="bench", messages=messages, response_format=response_format, timeout=5
        ),
        repeats,
    )
    coach = Coach(
        Settings(base_url="http://bench.local/v1", model="bench"),
        http_client=httpx.Client(transport=httpx.MockTransport(_instant)),
    )
    turn_ms = _median_ms(lambda: coach.advise(SITUATION), repeats)
    return raw_ms, turn_ms


def _timed_turn(base_url: str, deadline: float) -> tuple[float, str | None]:
    coach = Coach(Settings(base_url=base_url, model="bench", deadline=deadline))
    coach.check_connection()  # loads the client first: the import is not part of a turn
    started = time.perf_counter()
    advice = coach.advise(SITUATION)
    elapsed = (time.perf_counter() - started) * 1000
    coach.close()
    return elapsed, advice.meta.fallback_reason


def bench_refused() -> tuple[float, str | None]:
    return _timed_turn(f"http://127.0.0.1:{free_port()}/v1", deadline=20)


@contextmanager
def _silent_server() -> Iterator[int]:
    """Accepts connections and never answers, like a wedged model server."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        server.close()


def bench_hung(deadline: float = 1.0) -> tuple[float, str | None]:
    with _silent_server() as port:
        return _timed_turn(f"http://127.0.0.1:{port}/v1", deadline=deadline)


async def _slow_endpoint(delay: float) -> tuple[asyncio.Server, int, set[asyncio.Task[None]]]:
    handlers: set[asyncio.Task[None]] = set()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        handlers.add(task)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.decode("latin-1").split("\r\n"):
                    if line.lower().startswith("content-length:"):
                        length = int(line.split(":", 1)[1])
                await reader.readexactly(length)
                await asyncio.sleep(delay)
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                    + f"content-length: {len(_BODY)}\r\n\r\n".encode()
                    + _BODY
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1], handlers


async def _concurrent(turns: int, delay: float) -> tuple[float, int]:
    server, port, handlers = await _slow_endpoint(delay)
    coach = Coach(Settings(base_url=f"http://127.0.0.1:{port}/v1", model="bench", deadline=10))
    try:
        await coach.aadvise(SITUATION)  # connect and load the client outside the timing
        started = time.perf_counter()
        results = await asyncio.gather(*(coach.aadvise(SITUATION) for _ in range(turns)))
        elapsed = (time.perf_counter() - started) * 1000
    finally:
        await coach.aclose()
        coach.close()
        server.close()
        if handlers:  # the client closed its connections: each handler sees EOF and ends
            await asyncio.wait(handlers, timeout=2.0)
        await server.wait_closed()
    return elapsed, sum(a.source == "llm" for a in results)


def bench_concurrent(turns: int = 50, delay: float = 0.3) -> tuple[float, int]:
    return asyncio.run(_concurrent(turns, delay))


def main() -> None:
    raw_ms, turn_ms = bench_overhead()
    refused_ms, refused_reason = bench_refused()
    hung_ms, hung_reason = bench_hung()
    concurrent_ms, answered = bench_concurrent()
    rows = [
        ("bare SDK call, instant endpoint (median)", f"{raw_ms:.2f} ms", ""),
        ("whole turn through the pipeline (median)", f"{turn_ms:.2f} ms", ""),
        ("pipeline overhead", f"{turn_ms - raw_ms:.2f} ms", "target ≤ 1 ms"),
        ("fallback, refused endpoint", f"{refused_ms:.1f} ms", f"{refused_reason}; ≤ 100 ms"),
        ("fallback, hung endpoint, deadline 1 s", f"{hung_ms:.0f} ms", f"{hung_reason}; ≤ 1500 ms"),
        (
            "50 concurrent async turns, 300 ms endpoint",
            f"{concurrent_ms:.0f} ms",
            f"{answered}/50 by the model; ≤ 600 ms",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'LLM path':<{width}}  {'figure':>10}  note")
    for name, figure, note in rows:
        print(f"{name:<{width}}  {figure:>10}  {note}")


if __name__ == "__main__":
    main()
