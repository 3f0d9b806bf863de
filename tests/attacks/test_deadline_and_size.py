"""The deadline covers parsing and the rails; every answer is bounded before it is read."""

from __future__ import annotations

import json
import time

import httpx
import pytest
import respx

from coach.errors import CoachUnavailable
from coach.structured import MAX_FIELD_CHARS, DraftError, extract_json, parse_draft
from tests.attacks.conftest import ScriptedModel, draft_text, scripted_coach
from tests.fake_openai import CHAT_URL, GOOD_DRAFT, FakeClock, completion, fake_coach, sse

SITUATION = "半年連絡がなかった友達から「久しぶり!元気?」と来た"


@pytest.mark.parametrize("driver", ["advise", "stream", "aadvise"])
async def test_an_answer_checked_after_the_deadline_is_not_used(driver: str) -> None:
    clock = FakeClock()
    model = ScriptedModel(draft_text(), spend=lambda: clock.sleep(6.0))
    coach = scripted_coach(model, clock, deadline=5.0)
    if driver == "advise":
        advice = coach.advise(SITUATION)
    elif driver == "aadvise":
        advice = await coach.aadvise(SITUATION)
    else:
        advice = list(coach.stream(SITUATION))[-1].advice  # type: ignore[union-attr]
    assert advice.source == "rules"
    assert advice.meta.fallback_reason == "timeout"


def test_llm_mode_past_the_deadline_is_unavailable() -> None:
    clock = FakeClock()
    model = ScriptedModel(draft_text(), spend=lambda: clock.sleep(6.0))
    with pytest.raises(CoachUnavailable) as caught:
        scripted_coach(model, clock, deadline=5.0).advise(SITUATION, mode="llm")
    assert caught.value.reason == "timeout"


def test_a_model_that_never_returns_is_abandoned_at_the_deadline() -> None:
    """A ChatModel that ignores its timeout still cannot hold the turn."""
    model = ScriptedModel(draft_text(), spend=lambda: time.sleep(5))
    coach = scripted_coach(model, real_time=True, deadline=0.5)
    started = time.monotonic()
    advice = coach.advise(SITUATION)
    assert advice.meta.fallback_reason == "timeout"
    assert time.monotonic() - started < 0.5 + 0.5


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reason", {"summary": "あ" * (MAX_FIELD_CHARS + 1), "categories": ["curious"]}),
        ("response", {"approach": "返しましょう。", "replies": ["x" * (MAX_FIELD_CHARS + 1)]}),
        ("caution", {"points": ["気をつけて。"] * 20}),
        ("caution", {"points": ["a" * 100_000]}),
    ],
)
def test_an_oversized_field_is_refused_before_the_contract(field: str, value: object) -> None:
    with pytest.raises(DraftError, match=r"longer than|more than"):
        parse_draft(draft_text(**{field: value}))


def test_an_oversized_field_ends_in_a_named_fallback() -> None:
    big = draft_text(reason={"summary": "あ" * 5000, "categories": ["curious"]})
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=httpx.Response(200, json=completion(big)))
        advice = coach.advise(SITUATION)
    assert advice.meta.fallback_reason == "invalid_output"
    assert len(advice.reason.summary) < 1000


@pytest.mark.parametrize(
    "content",
    [
        "{" * 200_000,
        '{"a": ' * 50_000,
        "x {" * 60_000 + "}",
        '"' + "{" * 100_000,
    ],
)
def test_brace_floods_are_read_in_one_pass(content: str) -> None:
    started = time.monotonic()
    extract_json(content)
    with pytest.raises(DraftError):
        parse_draft(content)
    assert time.monotonic() - started < 2.0  # generous: the old scan took minutes


def test_a_huge_stream_stops_at_the_byte_cap() -> None:
    coach, _ = fake_coach()
    chunk = {
        "id": "x",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": "あ" * 100_000}, "finish_reason": None}],
    }
    body = sse([chunk] * 20)
    with respx.mock:
        respx.post(CHAT_URL).mock(
            return_value=httpx.Response(
                200, text=body, headers={"content-type": "text/event-stream"}
            )
        )
        final = list(coach.stream(SITUATION))[-1]
    assert final.advice.meta.fallback_reason == "too_large"  # type: ignore[union-attr]


def test_a_json_body_with_an_error_inside_is_a_server_error() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(
            return_value=httpx.Response(200, json={"error": {"message": "overloaded"}})
        )
        advice = coach.advise(SITUATION)
    assert advice.meta.fallback_reason == "server_error"


def test_plain_text_that_is_a_completion_is_still_read() -> None:
    """Some proxies label JSON as text/plain: the body decides, not the header."""
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(
            return_value=httpx.Response(
                200,
                text=json.dumps(completion(), ensure_ascii=False),
                headers={"content-type": "text/plain"},
            )
        )
        advice = coach.advise(SITUATION)
    assert advice.source == "llm"
    assert advice.reason.summary == GOOD_DRAFT["reason"]["summary"]
