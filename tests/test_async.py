"""The async path: same plan, same policy, AsyncOpenAI underneath."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import respx

from coach.errors import CoachUnavailable
from tests.fake_openai import CHAT_URL, completion, fake_coach

SITUATION = "半年連絡がなかった友達から「久しぶり!元気?」と来た"


async def test_async_turn_uses_the_model() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=httpx.Response(200, json=completion()))
        advice = await coach.aadvise(SITUATION)
    assert advice.source == "llm"
    assert advice.meta.attempts == 1


async def test_async_retries_sleep_through_the_injected_sleep() -> None:
    coach, clock = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(
            side_effect=[
                httpx.Response(503),
                httpx.Response(429, headers={"retry-after": "1.5"}),
                httpx.Response(200, json=completion()),
            ]
        )
        advice = await coach.aadvise(SITUATION)
    assert advice.source == "llm"
    assert advice.meta.attempts == 3
    assert len(clock.slept) == 2
    assert clock.slept[1] == 1.5


async def test_async_degrades_and_falls_back() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        route = respx.post(CHAT_URL).mock(
            side_effect=[
                httpx.Response(500, json={"error": {"message": "json_schema unsupported"}}),
                httpx.Response(200, json=completion("not json")),
                httpx.Response(200, json=completion("still not json")),
            ]
        )
        advice = await coach.aadvise(SITUATION)
    assert route.call_count == 3
    assert (advice.source, advice.meta.fallback_reason) == ("rules", "invalid_output")
    assert advice.meta.structured_mode == "json_object"


async def test_async_llm_mode_raises() -> None:
    coach, _ = fake_coach(mode="llm")
    with respx.mock, pytest.raises(CoachUnavailable) as caught:
        respx.post(CHAT_URL).mock(side_effect=httpx.ConnectError("refused"))
        await coach.aadvise(SITUATION)
    assert caught.value.reason == "connection"


async def test_concurrent_turns_share_one_coach() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=httpx.Response(200, json=completion()))
        results = await asyncio.gather(*(coach.aadvise(SITUATION) for _ in range(20)))
    assert {a.source for a in results} == {"llm"}
