"""Streaming: progress as the model writes, each section once it has passed the rails."""

from __future__ import annotations

import json
from typing import Any

import httpx
import respx

from coach.events import Final, Section, SectionName, Status
from guardrails.output_rails import RailVerdict
from guardrails.rails import Rails
from tests.fake_openai import (
    CHAT_URL,
    GOOD_DRAFT,
    TrackedStream,
    fake_coach,
    sent_json,
    sse,
    stream_chunks,
)

SITUATION = "元彼から半年ぶりに「元気?」とLINEが来た"


def streamed(content: str | None = None) -> httpx.Response:
    return httpx.Response(
        200, text=sse(stream_chunks(content)), headers={"content-type": "text/event-stream"}
    )


def test_without_a_section_rail_sections_wait_for_the_whole_answer() -> None:
    coach, _ = fake_coach(rails=Rails(stream_sections=False))
    with respx.mock:
        route = respx.post(CHAT_URL).mock(return_value=streamed())
        events = list(coach.stream(SITUATION))
    assert sent_json(route.calls[0].request)["stream"] is True
    stages = [e.stage for e in events if isinstance(e, Status)]
    assert stages == [
        "checking",
        "calling_model",
        "drafted_reason",
        "drafted_response",
        "drafted_caution",
        "checking_output",
    ]
    sections = [e for e in events if isinstance(e, Section)]
    assert [s.name for s in sections] == ["reason", "response", "caution"]
    final = events[-1]
    assert isinstance(final, Final)
    assert final.advice.source == "llm"
    assert final.advice.reason.summary == GOOD_DRAFT["reason"]["summary"]
    assert final.advice.meta.usage == {
        "prompt_tokens": 10,
        "completion_tokens": 5,
        "total_tokens": 15,
    }
    # Sections come only after the rails: none before the last status.
    assert events.index(sections[0]) > max(events.index(e) for e in events if isinstance(e, Status))


def test_stream_reasks_after_an_invalid_answer() -> None:
    coach, _ = fake_coach()
    invalid = json.dumps({"reason": {"summary": "x", "categories": []}})
    with respx.mock:
        respx.post(CHAT_URL).mock(side_effect=[streamed(invalid), streamed()])
        events = list(coach.stream(SITUATION))
    stages = [e.stage for e in events if isinstance(e, Status)]
    assert "reasking" in stages
    final = events[-1]
    assert isinstance(final, Final)
    assert final.advice.source == "llm"
    assert final.advice.meta.attempts == 2


def test_stream_truncated_answer_falls_back() -> None:
    chunks = stream_chunks('{"reason": {"summary": "cut')
    chunks[-2]["choices"][0]["finish_reason"] = "length"
    response = httpx.Response(200, text=sse(chunks), headers={"content-type": "text/event-stream"})
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=response)
        events = list(coach.stream(SITUATION))
    final = events[-1]
    assert isinstance(final, Final)
    assert (final.advice.source, final.advice.meta.fallback_reason) == ("rules", "truncated")
    assert [e.stage for e in events if isinstance(e, Status)][-1] == "fallback"


def test_offline_stream_names_the_rules() -> None:
    coach, _ = fake_coach()
    events = list(coach.stream(SITUATION, mode="offline"))
    assert [e.stage for e in events if isinstance(e, Status)] == ["checking", "rules"]
    assert isinstance(events[-1], Final)


def test_closing_a_stream_early_releases_the_connection() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        body = TrackedStream(stream_chunks(pieces=40))
        respx.post(CHAT_URL).mock(
            return_value=httpx.Response(
                200, stream=body, headers={"content-type": "text/event-stream"}
            )
        )
        events = coach.stream(SITUATION)
        for event in events:
            if isinstance(event, Status) and event.stage == "drafted_reason":
                break
        assert not body.closed
        events.close()  # type: ignore[attr-defined]
        assert body.closed


def test_stream_without_usage_when_the_server_rejects_the_option() -> None:
    coach, _ = fake_coach()
    rejected = httpx.Response(
        400, json={"error": {"message": "Unrecognized request argument supplied: stream_options"}}
    )
    with respx.mock:
        route = respx.post(CHAT_URL).mock(side_effect=[rejected, streamed(), streamed()])
        first = list(coach.stream(SITUATION))[-1]
        second = list(coach.stream(SITUATION))[-1]
    assert isinstance(first, Final) and isinstance(second, Final)
    assert first.advice.source == second.advice.source == "llm"
    assert [("stream_options" in sent_json(c.request)) for c in route.calls] == [True, False, False]


class SectionRailFake:
    """An output rail that rejects the sections it is told to and records what it saw;
    `whole` is its verdict on the whole answer."""

    def __init__(
        self, rejects: frozenset[str] = frozenset(), whole: RailVerdict | None = None
    ) -> None:
        self.rejects = rejects
        self.whole = whole
        self.seen: list[str] = []

    def check_section(self, name: SectionName, value: object, context: Any) -> RailVerdict | None:
        self.seen.append(name)
        return RailVerdict("fake", f"{name} rejected") if name in self.rejects else None

    def check_output(self, draft: object, context: Any) -> RailVerdict | None:
        return self.whole


def _rails(rail: SectionRailFake) -> Rails:
    return Rails(output=(rail,))


def _names(events: list[Status | Section | Final]) -> list[str]:
    return [e.stage if isinstance(e, Status) else getattr(e, "name", "final") for e in events]


def test_with_a_section_rail_sections_show_as_they_close() -> None:
    rail = SectionRailFake()
    coach, _ = fake_coach(rails=_rails(rail))
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=streamed())
        events = list(coach.stream(SITUATION))
    assert _names(events) == [
        "checking",
        "calling_model",
        "drafted_reason",
        "reason",
        "drafted_response",
        "response",
        "drafted_caution",
        "caution",
        "checking_output",
        "final",
    ]
    assert rail.seen == ["reason", "response", "caution"]


def test_a_section_the_rail_rejects_waits_for_the_whole_answer() -> None:
    coach, _ = fake_coach(rails=_rails(SectionRailFake(frozenset({"response"}))))
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=streamed())
        names = _names(list(coach.stream(SITUATION)))
    assert names.index("reason") < names.index("checking_output") < names.index("response")
    assert names.count("response") == 1


def test_sections_shown_early_are_replaced_on_fallback() -> None:
    rail = SectionRailFake(whole=RailVerdict("whole", "repeats itself"))
    coach, _ = fake_coach(rails=_rails(rail))
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=streamed())
        events = list(coach.stream(SITUATION))
    final = events[-1]
    assert isinstance(final, Final)
    assert final.advice.meta.fallback_reason == "output_rail:whole"
    names = _names(events)
    after_fallback = names[names.index("fallback") :]
    assert after_fallback == ["fallback", "reason", "response", "caution", "final"]
    last = {e.name: e.value for e in events if isinstance(e, Section)}
    assert last == {
        "reason": final.advice.reason,
        "response": final.advice.response,
        "caution": final.advice.caution,
    }
