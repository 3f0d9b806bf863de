"""Modes, history, rails and what never leaves the machine or reaches the logs."""

from __future__ import annotations

import logging
import subprocess
import sys
from dataclasses import replace
from typing import Any

import httpx
import pytest
import respx

from coach.config import Settings
from coach.errors import CoachUnavailable, InvalidInput, describe_reason
from coach.pipeline import Coach
from coach.schemas import (
    Advice,
    AdviceDraft,
    Caution,
    Detector,
    Language,
    Reason,
    Response,
    Turn,
)
from guardrails.input_rails import Detection, InputReport
from guardrails.output_rails import RailVerdict
from guardrails.rails import Rails
from prompts.messages import MAX_HISTORY_TURNS
from tests.fake_openai import BASE_URL, CHAT_URL, completion, fake_coach, sent_json

SITUATION = "半年連絡がなかった友達から「久しぶり!元気?」と来た"
KEY = "sk-test-0123456789secret"


def ok() -> httpx.Response:
    return httpx.Response(200, json=completion())


def test_offline_mode_uses_rules_without_a_reason() -> None:
    advice = Coach(Settings(mode="offline")).advise(SITUATION)
    assert advice.source == "rules"
    assert advice.meta.fallback_reason is None
    assert advice.meta.attempts == 0


def test_offline_mode_never_calls_a_configured_endpoint() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        route = respx.post(CHAT_URL).mock(return_value=ok())
        advice = coach.advise(SITUATION, mode="offline")
    assert route.call_count == 0
    assert advice.source == "rules"


def test_auto_without_an_endpoint_falls_back_as_not_configured() -> None:
    advice = Coach(Settings()).advise(SITUATION)
    assert advice.source == "rules"
    assert advice.meta.fallback_reason == "not_configured"


def test_llm_mode_without_an_endpoint_is_unavailable() -> None:
    with pytest.raises(CoachUnavailable) as caught:
        Coach(Settings()).advise(SITUATION, mode="llm")
    assert caught.value.reason == "not_configured"


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (httpx.Response(401, json={"error": {"message": "bad key"}}), "auth"),
        (httpx.ConnectError("refused"), "connection"),
        (httpx.Response(200, json=completion("no json here")), "invalid_output"),
    ],
)
def test_llm_mode_raises_instead_of_falling_back(response: Any, reason: str) -> None:
    coach, _ = fake_coach(mode="llm")
    with respx.mock, pytest.raises(CoachUnavailable) as caught:
        respx.post(CHAT_URL).mock(side_effect=[response, response])
        coach.advise(SITUATION)
    assert caught.value.reason == reason
    ja, en = describe_reason(reason)
    assert caught.value.message_ja.startswith(ja)
    assert caught.value.message_en.startswith(en)
    assert "offline" in caught.value.message_en


def test_llm_success_is_marked_llm_with_meta() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=ok())
        advice = coach.advise(SITUATION)
    assert advice.source == "llm"
    assert advice.language == "ja"
    assert advice.meta.structured_mode == "json_schema"
    assert advice.meta.attempts == 1
    assert advice.meta.latency_ms >= 0


def test_invalid_input_is_raised_before_any_request() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        route = respx.post(CHAT_URL).mock(return_value=ok())
        with pytest.raises(InvalidInput):
            coach.advise("   ")
    assert route.call_count == 0


class _Crisis:
    """A detector that reads every text as a crisis."""

    name: Detector = "semantic"

    def detect(self, text: str, normalized: str) -> Detection:
        return Detection("self_harm")


def test_safety_level_answers_without_the_model() -> None:
    coach, _ = fake_coach(mode="llm", rails=Rails(detectors=(_Crisis(),)))
    with respx.mock:
        route = respx.post(CHAT_URL).mock(return_value=ok())
        advice = coach.advise(SITUATION)
    assert route.call_count == 0
    assert advice.source == "safety"


def test_a_turn_changes_no_shared_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed answer handed out again and again (as a cache would) is stamped on a copy."""
    shared = Advice(
        reason=Reason(summary="安全を優先しましょう"),
        response=Response(approach="相談してください"),
        caution=Caution(points=["一人で抱えない"]),
        source="safety",
    )
    before = shared.model_dump()
    monkeypatch.setattr("coach.pipeline.safety_advice", lambda report: shared)
    coach, _ = fake_coach(rails=Rails(detectors=(_Crisis(),)))
    first = coach.advise(SITUATION)
    second = coach.advise(SITUATION)
    assert shared.model_dump() == before
    assert first is not shared and second is not shared
    assert first.meta.detector == second.meta.detector == "semantic"


def test_a_level_held_from_an_earlier_turn_names_the_history_as_its_detector() -> None:
    coach, _ = fake_coach(mode="offline", rails=Rails.cues())
    first = coach.advise("元彼に殴られた。急に連絡が来た")
    later = coach.advise("どう返せばいい?", history=[Turn(user="元彼に殴られた", advice=first)])
    fresh = coach.advise("どう返せばいい?")
    assert first.meta.detector == "cue"
    assert later.safety.level == "violence" and later.meta.detector == "history"
    assert fresh.safety.level == "none" and fresh.meta.detector is None


def test_a_safety_answer_leaves_the_response_it_was_given_unchanged() -> None:
    response = Response(approach="相談してください")
    advice = Advice(
        reason=Reason(summary="安全を優先しましょう"),
        response=response,
        caution=Caution(points=["一人で抱えない"]),
        source="safety",
    )
    assert advice.response.decision == "safety_first"
    assert response.decision is None


class _PhoneScrubbingRails(Rails):
    """The cue rails, with one made-up scrubbing rule to follow through the pipeline."""

    def check_input(self, text: object, **kwargs: Any) -> InputReport:
        report = super().check_input(text, **kwargs)
        return replace(report, scrubbed=report.text.replace("090-1234-5678", "[電話番号]"))

    def scrub(self, text: object, *, language: Language) -> str:
        return super().scrub(text, language=language).replace("090-1234-5678", "[電話番号]")


def _rules_advice(summary: str = "前回の助言") -> Advice:
    return Advice(
        reason=Reason(summary=summary, categories=["busy"]),
        response=Response(approach="軽く返す", replies=["久しぶり!"]),
        caution=Caution(points=["流されない"]),
        source="rules",
    )


def test_only_scrubbed_text_is_sent_including_history() -> None:
    coach, _ = fake_coach(rails=_PhoneScrubbingRails())
    history = [Turn(user="元彼(090-1234-5678)から連絡", advice=_rules_advice())]
    with respx.mock:
        route = respx.post(CHAT_URL).mock(return_value=ok())
        coach.advise("また090-1234-5678から電話が来た", history=history)
    body = route.calls[0].request.content.decode()
    assert "090-1234-5678" not in body
    assert body.count("[電話番号]") == 2


def test_history_goes_as_earlier_turns() -> None:
    coach, _ = fake_coach()
    history = [
        {"user": "元彼から連絡が来た", "advice": _rules_advice("忙しかったのかも").model_dump()},
        Turn(user="返事をしたら既読スルーされた"),
    ]
    with respx.mock:
        route = respx.post(CHAT_URL).mock(return_value=ok())
        coach.advise(SITUATION, history=history)
    messages = sent_json(route.calls[0].request)["messages"]
    roles = [m["role"] for m in messages]
    assert roles == ["system", "user", "assistant", "user", "assistant", "user"]
    assert "元彼から連絡が来た" in messages[1]["content"]
    assert AdviceDraft.model_validate_json(messages[2]["content"]).reason.summary == (
        "忙しかったのかも"
    )
    assert "<situation>" in messages[-1]["content"]


def test_history_is_bounded_to_the_newest_turns() -> None:
    coach, _ = fake_coach()
    history = [Turn(user=f"相談その{i}") for i in range(MAX_HISTORY_TURNS + 5)]
    with respx.mock:
        route = respx.post(CHAT_URL).mock(return_value=ok())
        coach.advise(SITUATION, history=history)
    users = [m["content"] for m in sent_json(route.calls[0].request)["messages"][1:-1:2]]
    assert len(users) == MAX_HISTORY_TURNS
    assert f"相談その{MAX_HISTORY_TURNS + 4}" in users[-1]
    assert "相談その4\n" not in "".join(users)


def test_history_turns_that_fail_the_input_rails_are_dropped() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        route = respx.post(CHAT_URL).mock(return_value=ok())
        coach.advise(SITUATION, history=[Turn(user="   "), Turn(user="前の相談")])
    messages = sent_json(route.calls[0].request)["messages"]
    assert len(messages) == 4


class _RailSequence:
    """An output rail that gives the listed verdicts in turn (the last one repeats)."""

    def __init__(self, verdicts: list[RailVerdict | None]) -> None:
        self.verdicts = verdicts
        self.seen: list[AdviceDraft] = []

    def check_section(self, name: Any, value: Any, context: Any) -> RailVerdict | None:
        return None

    def check_output(self, draft: AdviceDraft, context: Any) -> RailVerdict | None:
        self.seen.append(draft)
        return self.verdicts[min(len(self.seen), len(self.verdicts)) - 1]


def _rail_sequence(verdicts: list[RailVerdict | None]) -> Rails:
    return Rails(output=(_RailSequence(verdicts),))


def test_output_rail_failure_reasks_with_the_rails_reason() -> None:
    rails = _rail_sequence([RailVerdict("blame", "The drafts blame the other person."), None])
    coach, _ = fake_coach(rails=rails)
    with respx.mock:
        route = respx.post(CHAT_URL).mock(return_value=ok())
        advice = coach.advise(SITUATION)
    assert advice.source == "llm"
    assert route.call_count == 2
    assert "blame the other person" in sent_json(route.calls[1].request)["messages"][-1]["content"]


def test_output_rail_failing_twice_falls_back_naming_the_rail() -> None:
    coach, _ = fake_coach(rails=_rail_sequence([RailVerdict("blame", "blames")]))
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=ok())
        advice = coach.advise(SITUATION)
    assert advice.source == "rules"
    assert advice.meta.fallback_reason == "output_rail:blame"


class _BrokenRail(_RailSequence):
    def check_output(self, draft: AdviceDraft, context: Any) -> RailVerdict | None:
        raise KeyError("bug")


def test_a_broken_rail_still_ends_in_rule_advice() -> None:
    coach, _ = fake_coach(rails=Rails(output=(_BrokenRail([]),)))
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=ok())
        advice = coach.advise(SITUATION)
    assert advice.meta.fallback_reason == "internal_error"


def test_key_and_message_never_reach_logs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    coach, _ = fake_coach(mode="llm")
    echo = {"error": {"message": f"Incorrect API key provided: {KEY}. Situation: {SITUATION}"}}
    with respx.mock, pytest.raises(CoachUnavailable) as caught:
        respx.post(CHAT_URL).mock(return_value=httpx.Response(401, json=echo))
        coach.advise(SITUATION)
    for text in (caplog.text, str(caught.value), repr(caught.value), repr(coach)):
        assert KEY not in text
        assert KEY[:12] not in text
    shown = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert shown
    assert not any(SITUATION in line for line in shown)
    assert "reason=auth" in caplog.text
    assert KEY not in repr(coach.settings)


def test_logs_at_info_never_carry_the_situation(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="coach")
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=httpx.Response(500, text=f"failed on {SITUATION}"))
        coach.advise(SITUATION)
    assert caplog.records
    assert SITUATION not in caplog.text


def test_offline_never_imports_openai() -> None:
    code = (
        "import sys\n"
        "from coach import advise\n"
        "a = advise('半年ぶりに元彼から連絡が来た', mode='offline')\n"
        "assert a.source == 'rules'\n"
        "from coach.pipeline import Coach\n"
        "from coach.config import Settings\n"
        "Coach(Settings()).advise('友達から急に連絡が来た')\n"
        "print('openai' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_client_is_built_once_per_coach() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=ok())
        coach.advise(SITUATION)
        first = coach._chat_model()
        coach.advise(SITUATION)
    assert coach._chat_model() is first


def test_connection_check_reports_ok_and_failures() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        chat = respx.post(CHAT_URL).mock(
            side_effect=[
                ok(),
                httpx.Response(401, json={"error": {"message": "bad key"}}),
                httpx.ConnectError("refused"),
            ]
        )
        checks = [coach.check_connection() for _ in range(3)]
    assert [c.ok for c in checks] == [True, False, False]
    assert [c.reason for c in checks] == ["ok", "auth", "connection"]
    assert all(c.message_ja and c.message_en for c in checks)
    assert sent_json(chat.calls[0].request)["max_tokens"] == 1
    assert sent_json(chat.calls[0].request)["model"] == coach.settings.model


def test_connection_check_names_the_model_that_answered() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=ok())
        check = coach.check_connection()
    assert check.model == "fake-model"
    assert "fake-model" in check.message_ja and "fake-model" in check.message_en


def _echoing_server(served: str) -> respx.Route:
    """A local server: it answers to the name it was sent and lists the model it runs."""
    echoed = completion()
    echoed["model"] = "gpt-4o-mini"
    listed = {"object": "list", "data": [{"id": served, "object": "model"}]}
    respx.post(CHAT_URL).mock(return_value=httpx.Response(200, json=echoed))
    return respx.get(f"{BASE_URL}/models").mock(return_value=httpx.Response(200, json=listed))


def test_connection_check_asks_the_model_list_when_the_server_echoes_the_name() -> None:
    coach, _ = fake_coach(model="gpt-4o-mini")
    with respx.mock:
        _echoing_server("gemma-3-270m.gguf")
        check = coach.check_connection()
        advice = coach.advise(SITUATION)
    assert check.model == "gemma-3-270m.gguf"
    assert advice.source == "llm" and advice.meta.model == "gemma-3-270m.gguf"


def test_meta_model_is_the_served_model_without_a_connection_check() -> None:
    coach, _ = fake_coach(model="gpt-4o-mini")
    with respx.mock:
        models = _echoing_server("local.gguf")
        first = coach.advise(SITUATION)
        second = coach.advise(SITUATION)
    assert first.meta.model == second.meta.model == "local.gguf"
    assert models.call_count == 1, "the model list is asked once per Coach"


def test_connection_check_when_not_configured() -> None:
    check = Coach(Settings()).check_connection()
    assert (check.ok, check.reason) == (False, "not_configured")
