"""Every way the endpoint can fail ends in a good answer with the reason named.

Endpoints that need real time to fail (a slow drip) are in tests/attacks/test_hostile_endpoint.py,
which runs the same hostile answers through all three drivers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import respx

from coach.events import Final, Section, Status
from tests.fake_openai import (
    CHAT_URL,
    GOOD_DRAFT,
    FailingStream,
    completion,
    fake_coach,
    sent_json,
    sse,
    stream_chunks,
)

SITUATION = "半年連絡がなかった友達から「久しぶり!元気?」と来た"


def ok() -> httpx.Response:
    return httpx.Response(200, json=completion())


def status(code: int, message: str = "boom", **headers: str) -> httpx.Response:
    return httpx.Response(code, json={"error": {"message": message}}, headers=headers)


@dataclass(frozen=True)
class Fault:
    responses: list[Any]
    source: str
    reason: str | None
    attempts: int
    sleeps: int


JSON_TYPE = {"content-type": "application/json"}
INVALID_SCHEMA = json.dumps({"reason": {"summary": "x", "categories": ["no_such_id"]}})

MATRIX: dict[str, Fault] = {
    "connect_refused": Fault([httpx.ConnectError("refused")], "rules", "connection", 1, 0),
    "connection_dropped_then_ok": Fault(
        [httpx.RemoteProtocolError("eof"), ok()], "llm", None, 2, 1
    ),
    "read_timeout_every_time": Fault([httpx.ReadTimeout("slow")] * 3, "rules", "timeout", 3, 2),
    "rate_limited_short_retry_after": Fault(
        [status(429, "slow down", **{"retry-after": "2"}), ok()], "llm", None, 2, 1
    ),
    "rate_limited_long_retry_after": Fault(
        [status(429, "slow down", **{"retry-after": "120"})], "rules", "rate_limited", 1, 0
    ),
    "http_500": Fault([status(500)] * 3, "rules", "server_error", 3, 2),
    "http_502_then_ok": Fault([status(502), ok()], "llm", None, 2, 1),
    "http_503": Fault([status(503)] * 3, "rules", "server_error", 3, 2),
    "http_401": Fault([status(401, "Incorrect API key")], "rules", "auth", 1, 0),
    "http_403": Fault([status(403, "forbidden")], "rules", "auth", 1, 0),
    "http_404_model": Fault([status(404, "model not found")], "rules", "bad_request", 1, 0),
    "http_400_response_format_degrades": Fault(
        [status(400, "response_format json_schema is not supported"), ok()], "llm", None, 2, 0
    ),
    "not_json_twice": Fault(
        [
            httpx.Response(200, json=completion("I think they miss you.")),
            httpx.Response(200, json=completion("Still prose.")),
        ],
        "rules",
        "invalid_output",
        2,
        0,
    ),
    "schema_fails_then_reask_succeeds": Fault(
        [httpx.Response(200, json=completion(INVALID_SCHEMA)), ok()], "llm", None, 2, 0
    ),
    "schema_fails_twice": Fault(
        [httpx.Response(200, json=completion(INVALID_SCHEMA))] * 2, "rules", "invalid_output", 2, 0
    ),
    "refusal": Fault(
        [httpx.Response(200, json=completion(refusal="I can't help with that."))],
        "rules",
        "refusal",
        1,
        0,
    ),
    "finish_length": Fault(
        [httpx.Response(200, json=completion('{"reason": {"summ', finish_reason="length"))],
        "rules",
        "truncated",
        1,
        0,
    ),
    "finish_content_filter": Fault(
        [httpx.Response(200, json=completion("", finish_reason="content_filter"))],
        "rules",
        "content_filter",
        1,
        0,
    ),
    "empty_choices": Fault(
        [httpx.Response(200, json=completion(choices=False))], "rules", "empty", 1, 0
    ),
    "html_page": Fault(
        [
            httpx.Response(
                200, text="<html><body>Welcome</body></html>", headers={"content-type": "text/html"}
            )
        ],
        "rules",
        "server_error",
        1,
        0,
    ),
    "broken_json_200": Fault(
        [httpx.Response(200, text='{"id": "x", "choices": [{"mess', headers=JSON_TYPE)],
        "rules",
        "server_error",
        1,
        0,
    ),
    "text_plain_200": Fault(
        [httpx.Response(200, text="OK", headers={"content-type": "text/plain"})],
        "rules",
        "server_error",
        1,
        0,
    ),
    "huge_body": Fault(
        [httpx.Response(200, json=completion(json.dumps({"reason": {"summary": "a" * 300_000}})))],
        "rules",
        "too_large",
        1,
        0,
    ),
    "json_in_prose_and_fence": Fault(
        [
            httpx.Response(
                200,
                json=completion(
                    "Here you go:\n```json\n" + json.dumps(GOOD_DRAFT, ensure_ascii=False) + "\n```"
                ),
            )
        ],
        "llm",
        None,
        1,
        0,
    ),
}


@pytest.mark.parametrize("fault", MATRIX.values(), ids=MATRIX.keys())
def test_fault_ends_in_a_good_answer(fault: Fault) -> None:
    coach, clock = fake_coach()
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(CHAT_URL).mock(side_effect=fault.responses)
        advice = coach.advise(SITUATION)
    assert advice.source == fault.source
    assert advice.meta.fallback_reason == fault.reason
    assert advice.meta.attempts == fault.attempts == route.call_count
    assert len(clock.slept) == fault.sleeps
    assert advice.reason.summary and advice.response.replies


def test_retry_after_is_the_wait_used() -> None:
    coach, clock = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(side_effect=[status(429, **{"retry-after": "3"}), ok()])
        coach.advise(SITUATION)
    assert clock.slept == [3.0]


def test_backoff_grows_between_tries() -> None:
    coach, clock = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(side_effect=[status(500)] * 3)
        coach.advise(SITUATION)
    first, second = clock.slept
    assert 0 < first < second <= 4.0 + 0.25


def test_each_attempt_gets_only_the_time_left() -> None:
    coach, clock = fake_coach(deadline=10)
    timeouts: list[float] = []

    def hang(request: httpx.Request) -> httpx.Response:
        timeouts.append(request.extensions["timeout"]["read"])
        clock.now += 6  # the attempt used six seconds of the turn, then timed out
        raise httpx.ReadTimeout("slow")

    with respx.mock:
        respx.post(CHAT_URL).mock(side_effect=hang)
        advice = coach.advise(SITUATION)
    assert advice.meta.fallback_reason == "timeout"
    assert timeouts[0] == pytest.approx(10)
    assert len(timeouts) == 2
    assert timeouts[1] == pytest.approx(10 - 6 - clock.slept[0])


def test_structured_mode_rejection_is_remembered_per_endpoint() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        route = respx.post(CHAT_URL).mock(
            side_effect=[status(500, "response_format type json_schema not supported"), ok(), ok()]
        )
        first = coach.advise(SITUATION)
        second = coach.advise(SITUATION)
    formats = [sent_json(call.request)["response_format"]["type"] for call in route.calls]
    assert formats == ["json_schema", "json_object", "json_object"]
    assert first.meta.structured_mode == second.meta.structured_mode == "json_object"
    assert second.meta.attempts == 1


def test_each_coach_keeps_its_own_memory_of_rejected_modes() -> None:
    first, _ = fake_coach()
    second, _ = fake_coach()
    with respx.mock:
        route = respx.post(CHAT_URL).mock(
            side_effect=[status(500, "response_format type json_schema not supported"), ok(), ok()]
        )
        first.advise(SITUATION)
        advice = second.advise(SITUATION)
    formats = [sent_json(call.request)["response_format"]["type"] for call in route.calls]
    assert formats == ["json_schema", "json_object", "json_schema"]
    assert advice.meta.structured_mode == "json_schema"


def test_degrades_all_the_way_to_plain_text() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        route = respx.post(CHAT_URL).mock(
            side_effect=[
                status(400, "unknown field json_schema"),
                status(400, "response_format json_object unsupported"),
                ok(),
            ]
        )
        advice = coach.advise(SITUATION)
    assert advice.source == "llm"
    assert advice.meta.structured_mode == "text"
    assert "response_format" not in sent_json(route.calls[2].request)
    system = sent_json(route.calls[2].request)["messages"][0]["content"]
    assert '"reason"' in system  # the schema is spelled out when the endpoint cannot enforce it


def test_strict_schema_is_sent_first() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        route = respx.post(CHAT_URL).mock(return_value=ok())
        coach.advise(SITUATION)
    fmt = sent_json(route.calls[0].request)["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["strict"] is True
    schema = fmt["json_schema"]["schema"]
    assert schema["additionalProperties"] is False
    assert sorted(schema["required"]) == ["caution", "reason", "response", "risk"]
    assert next(iter(schema["properties"])) == "risk"
    assert schema["properties"]["reason"]["required"] == ["summary", "categories"]


def test_reask_carries_the_validation_error() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        route = respx.post(CHAT_URL).mock(
            side_effect=[httpx.Response(200, json=completion(INVALID_SCHEMA)), ok()]
        )
        coach.advise(SITUATION)
    last = sent_json(route.calls[1].request)["messages"][-1]["content"]
    assert "reason.categories" in last
    assert sent_json(route.calls[1].request)["messages"][-2]["content"] == INVALID_SCHEMA


def test_no_reask_when_the_deadline_is_nearly_spent() -> None:
    coach, clock = fake_coach(deadline=5)

    def slow_invalid(request: httpx.Request) -> httpx.Response:
        clock.now += 4.5
        return httpx.Response(200, json=completion(INVALID_SCHEMA))

    with respx.mock:
        route = respx.post(CHAT_URL).mock(side_effect=slow_invalid)
        advice = coach.advise(SITUATION)
    assert advice.meta.fallback_reason == "invalid_output"
    assert route.call_count == 1


def test_usage_and_model_are_recorded() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(
            side_effect=[httpx.Response(200, json=completion(INVALID_SCHEMA)), ok()]
        )
        advice = coach.advise(SITUATION)
    assert advice.meta.usage == {
        "prompt_tokens": 200,
        "completion_tokens": 100,
        "total_tokens": 300,
    }
    assert advice.meta.model == "fake-model"


def _events_with(response: Any) -> list[Status | Section | Final]:
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(side_effect=response)
        return list(coach.stream(SITUATION))


def test_stream_that_breaks_midway_falls_back() -> None:
    broken = [
        httpx.Response(
            200,
            stream=FailingStream(stream_chunks()[:2]),
            headers={"content-type": "text/event-stream"},
        )
        for _ in range(3)
    ]
    events = _events_with(broken)
    stages = [e.stage for e in events if isinstance(e, Status)]
    assert stages.count("retrying") == 2
    assert stages[-1] == "fallback"
    final = events[-1]
    assert isinstance(final, Final)
    assert final.advice.source == "rules"
    assert final.advice.meta.fallback_reason == "connection"
    sections = [e for e in events if isinstance(e, Section)]
    assert [s.name for s in sections] == ["reason", "response", "caution"]
    assert sections[0].value == final.advice.reason


def test_stream_with_a_refusal_falls_back() -> None:
    chunks = [
        {**stream_chunks()[0], "choices": [{"index": 0, "delta": {"refusal": "No."}}]},
        stream_chunks()[-2],
    ]
    response = httpx.Response(200, text=sse(chunks), headers={"content-type": "text/event-stream"})
    final = _events_with([response])[-1]
    assert isinstance(final, Final)
    assert final.advice.meta.fallback_reason == "refusal"
