"""The decision, the draft intents and the goal on the model path, and the fallback notes."""

from __future__ import annotations

import json
from typing import Any, get_args

import httpx
import pytest
import respx
from pydantic import ValidationError

from coach.errors import describe_reason
from coach.events import Final, Section
from coach.knowledge import knowledge_base
from coach.messages import fallback_note
from coach.schemas import (
    FALLBACK_REASONS,
    Advice,
    Caution,
    Meta,
    ModelFailure,
    Reason,
    Response,
)
from tests.fake_openai import CHAT_URL, GOOD_DRAFT, completion, fake_coach, sent_json

SITUATION = "元カレから3ヶ月ぶりに「元気?」ってLINEが来た"


def _answer(draft: dict[str, Any]) -> httpx.Response:
    return httpx.Response(200, json=completion(json.dumps(draft, ensure_ascii=False)))


def _with_response(**fields: Any) -> dict[str, Any]:
    return {**GOOD_DRAFT, "response": {**GOOD_DRAFT["response"], **fields}}


def test_a_model_answer_without_a_decision_takes_the_rules_decision() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=_answer(GOOD_DRAFT))
        advice = coach.advise(SITUATION, goal="distance")
    assert advice.source == "llm"
    assert advice.response.decision == "no_reply"
    assert advice.response.why and advice.response.timing
    assert advice.response.replies == GOOD_DRAFT["response"]["replies"]


def test_the_models_own_decision_is_kept_and_given_its_timing() -> None:
    coach, _ = fake_coach()
    draft = _with_response(decision="reply_later", why="落ち着いてから考えましょう。")
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=_answer(draft))
        advice = coach.advise(SITUATION, goal="reconnect")
    assert advice.response.decision == "reply_later"
    assert advice.response.why == "落ち着いてから考えましょう。"
    timing = knowledge_base().decisions["reply_later"].timing
    assert timing is not None and advice.response.timing == timing.ja


def test_the_goal_travels_to_the_model_outside_the_quoted_situation() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        chat = respx.post(CHAT_URL).mock(return_value=_answer(GOOD_DRAFT))
        coach.advise(SITUATION, goal="friendly")
    last = sent_json(chat.calls[0].request)["messages"][-1]["content"]
    assert "friendly" in last
    assert last.index("friendly") < last.index("<situation>")


def test_intents_that_do_not_match_the_replies_are_asked_again() -> None:
    coach, _ = fake_coach()
    bad = _with_response(intents=["warm", "careful"])
    good = _with_response(intents=["warm"])
    with respx.mock:
        chat = respx.post(CHAT_URL).mock(side_effect=[_answer(bad), _answer(good)])
        advice = coach.advise(SITUATION)
    assert chat.call_count == 2
    assert advice.source == "llm" and advice.response.intents == ["warm"]


def test_a_harmful_timing_line_is_stopped_by_the_rails() -> None:
    coach, _ = fake_coach()
    bad = _with_response(timing="今夜、彼の家の前で待ち伏せして直接話しましょう。")
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=_answer(bad))
        advice = coach.advise(SITUATION)
    assert advice.source == "rules"
    assert (advice.meta.fallback_reason or "").startswith("output_rail:")


def test_a_streamed_response_shows_once_with_its_decision() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=_answer(GOOD_DRAFT))
        events = list(coach.stream(SITUATION, goal="distance"))
    responses = [e.value for e in events if isinstance(e, Section) and e.name == "response"]
    final = events[-1]
    assert isinstance(final, Final)
    assert responses[-1] == final.advice.response
    assert final.advice.response.decision == "no_reply"


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("output_rail:wrong_language", "wrong language"),
        ("output_rail:empty_content", "empty"),
        ("connection", "Could not reach the AI"),
        ("output_rail:harmful_advice", "safety checks"),
        ("output_rail:self_harm_encouragement", "safety checks"),
    ],
)
def test_fallback_notes_name_the_real_reason(reason: str, words: str) -> None:
    ja, en = describe_reason(reason)
    assert words in en and ja
    if "safety" not in words:
        assert "safety" not in en and "安全" not in ja


def test_the_fallback_status_says_why_in_plain_words() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(side_effect=httpx.ConnectError("refused"))
        events = list(coach.stream(SITUATION))
    [status] = [e for e in events if getattr(e, "stage", None) == "fallback"]
    assert "接続できません" in status.message_ja  # type: ignore[union-attr]
    assert "cannot be used" not in status.message_en  # type: ignore[union-attr]


# --- the fallback reason is a closed type ----------------------------------------------


@pytest.mark.parametrize("reason", [*FALLBACK_REASONS, "output_rail:insult", "output_rail:x2"])
def test_every_fallback_reason_has_a_note_in_both_languages(reason: str) -> None:
    Meta(fallback_reason=reason)  # a value of the type, or this raises
    for language in ("ja", "en"):
        note = fallback_note(reason, language)
        assert note and note != fallback_note("no_such_reason", language)


def test_the_literal_holds_every_reason_a_model_failure_can_give() -> None:
    assert set(get_args(ModelFailure)) <= set(FALLBACK_REASONS)
    assert "output_rail" not in FALLBACK_REASONS  # only output_rail:<name> is a reason


@pytest.mark.parametrize(
    "reason",
    ["no_such_reason", "output_rail", "output_rail:", "output_rail:Wrong-Name", "timeout "],
)
def test_an_unknown_fallback_reason_fails_validation(reason: str) -> None:
    with pytest.raises(ValidationError):
        Meta(fallback_reason=reason)
    coaching = Advice(
        reason=Reason(summary="s", categories=["busy"]),
        response=Response(approach="a", replies=["r"]),
        caution=Caution(points=["p"]),
        source="rules",
    )
    dumped = coaching.model_dump()
    dumped["meta"]["fallback_reason"] = reason
    with pytest.raises(ValidationError):
        Advice.model_validate(dumped)
