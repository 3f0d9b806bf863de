"""The coach against a real llama.cpp server: mode degrade, streaming, rails, a valid end."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from coach.config import Settings
from coach.events import Final, Section, Status
from coach.llm import FALLBACK_REASONS
from coach.pipeline import Coach
from coach.schemas import Advice, AdviceDraft
from guardrails.output_rails import check_output
from prompts import build_system_prompt

pytestmark = [pytest.mark.live, pytest.mark.timeout(600)]

SITUATION = "半年連絡がなかった友達から「久しぶり!元気?」と来た"


@pytest.fixture
def coach(live_base_url: str) -> Iterator[Coach]:
    coach = Coach(Settings(base_url=live_base_url, model="gemma-3-270m", deadline=120))
    yield coach
    coach.close()


def _assert_ends_valid(advice: Advice) -> None:
    """A tiny model may write nonsense: then the rails or the schema must have caught it."""
    Advice.model_validate(advice.model_dump())
    if advice.source == "llm":
        assert advice.meta.fallback_reason is None
        draft = AdviceDraft.model_validate(
            advice.model_dump(
                include={
                    "reason": {"summary", "categories"},
                    "response": {"approach", "replies"},
                    "caution": {"points"},
                }
            )
        )
        verdict = check_output(
            draft, language=advice.language, system_prompt=build_system_prompt(advice.language)
        )
        assert verdict is None
    elif advice.source == "safety":
        # The situations here are ordinary: only the model's own risk read may end in safety.
        assert "model_risk" in advice.safety.flags
        assert advice.meta.detector == "model"
        assert not advice.response.replies
    else:
        assert advice.source == "rules"
        reason = advice.meta.fallback_reason or ""
        assert reason in FALLBACK_REASONS or reason.startswith("output_rail:")


def test_connection_check_passes(coach: Coach) -> None:
    check = coach.check_connection()
    assert check.ok, check.reason


def _server_takes_json_schema(base_url: str) -> bool:
    body = {
        "model": "probe",
        "max_tokens": 1,
        "messages": [{"role": "user", "content": "hi"}],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "probe", "schema": {"type": "object"}, "strict": True},
        },
    }
    answer = httpx.post(f"{base_url}/chat/completions", json=body, timeout=120)
    return answer.status_code == 200


def test_degrades_to_the_mode_the_server_takes(coach: Coach, live_base_url: str) -> None:
    # llama.cpp (0.3.x) answers json_schema with HTTP 500 naming response_format.
    takes_schema = _server_takes_json_schema(live_base_url)
    advice = coach.advise(SITUATION)
    if takes_schema:
        assert advice.meta.structured_mode == "json_schema"
    else:
        assert advice.meta.structured_mode == "json_object"
        assert advice.meta.attempts >= 2
    _assert_ends_valid(advice)


def test_streaming_ends_in_sections_matching_the_final_answer(coach: Coach) -> None:
    events = list(coach.stream("My ex texted me out of the blue after six months of silence"))
    stages = [e.stage for e in events if isinstance(e, Status)]
    assert stages[:2] == ["checking", "calling_model"]
    final = events[-1]
    assert isinstance(final, Final)
    last_shown = {e.name: e.value for e in events if isinstance(e, Section)}
    assert last_shown == {
        "reason": final.advice.reason,
        "response": final.advice.response,
        "caution": final.advice.caution,
    }
    assert final.advice.language == "en"
    _assert_ends_valid(final.advice)


async def test_async_turn_ends_valid(coach: Coach) -> None:
    try:
        advice = await coach.aadvise(SITUATION)
    finally:
        await coach.aclose()
    _assert_ends_valid(advice)
