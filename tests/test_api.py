"""The public surface: what `from coach import …` promises."""

from __future__ import annotations

import subprocess
import sys

import pytest

import coach
from coach import Advice, InvalidInput, aadvise, advise, stream
from coach.errors import MAX_INPUT_CHARS
from coach.events import Final, Section, Status

SITUATION = "半年音信不通だった友達から「久しぶり!元気?」と急にLINEが来た"


def test_offline_answer_has_the_three_sections() -> None:
    advice = advise(SITUATION, mode="offline")
    assert isinstance(advice, Advice)
    assert advice.source == "rules"
    assert advice.language == "ja"
    assert advice.reason.summary and advice.reason.categories
    assert 1 <= len(advice.response.replies) <= 3
    assert 1 <= len(advice.caution.points) <= 5
    assert advice.meta.fallback_reason is None


def test_auto_without_configuration_falls_back_to_rules_and_says_why() -> None:
    advice = advise(SITUATION)
    assert advice.source == "rules"
    assert advice.meta.fallback_reason == "not_configured"


async def test_aadvise_matches_advise() -> None:
    assert (await aadvise(SITUATION, mode="offline")).reason == advise(
        SITUATION, mode="offline"
    ).reason


def test_stream_yields_sections_in_order_then_the_advice() -> None:
    events = list(stream(SITUATION, mode="offline"))
    assert isinstance(events[0], Status)
    sections = [e.name for e in events if isinstance(e, Section)]
    assert sections == ["reason", "response", "caution"]
    assert isinstance(events[-1], Final)
    shown = {e.name: e.value for e in events if isinstance(e, Section)}
    assert shown["reason"] == events[-1].advice.reason
    assert shown["caution"] == events[-1].advice.caution


@pytest.mark.parametrize("text", ["", "   ", "\n\t\u3000", "\x00\x01"])
def test_blank_text_is_invalid_input_and_a_value_error(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        advise(text, mode="offline")
    assert isinstance(caught.value, ValueError)
    assert caught.value.code == "empty"
    assert "状況" in caught.value.message("ja")
    assert "situation" in caught.value.message("en")


def test_over_long_text_is_rejected_with_the_limit_in_the_message() -> None:
    with pytest.raises(InvalidInput) as caught:
        advise("あ" * (MAX_INPUT_CHARS + 1), mode="offline")
    assert caught.value.code == "too_long"
    assert str(MAX_INPUT_CHARS) in caught.value.message("en")
    assert f"{MAX_INPUT_CHARS + 1:d}" in caught.value.message("ja")
    assert f"{MAX_INPUT_CHARS + 1} characters" in caught.value.message("en")
    assert caught.value.length == MAX_INPUT_CHARS + 1
    assert advise("あ" * (MAX_INPUT_CHARS - 2) + "連絡", mode="offline").source == "rules"


def test_history_accepts_turns_and_plain_dicts() -> None:
    first = advise(SITUATION, mode="offline")
    as_dicts = advise(
        "返信したら「また会いたい」って言われた",
        mode="offline",
        history=[{"user": SITUATION, "advice": first.model_dump()}],
    )
    as_turns = advise(
        "返信したら「また会いたい」って言われた",
        mode="offline",
        history=[coach.Turn(user=SITUATION, advice=first)],
    )
    assert as_dicts.model_dump(exclude={"meta"}) == as_turns.model_dump(exclude={"meta"})


def test_importing_the_package_stays_light() -> None:
    """Offline users should not pay for openai or streamlit at import time, nor, when they
    ask for offline, for the settings loader or asyncio."""
    heavy = ("openai", "streamlit", "httpx2", "pydantic_settings", "asyncio")
    code = (
        "import sys, coach; "
        "coach.advise('久しぶりに連絡が来た', mode='offline'); "
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_off_topic_request_gets_a_redirect_not_coaching() -> None:
    advice = advise("Pythonでリストを並べ替えるコードを書いて", mode="offline")
    assert "off_topic" in advice.safety.flags
    assert advice.response.replies == []


def test_distress_words_add_a_gentle_check_in_to_ordinary_advice() -> None:
    advice = advise("元彼から半年ぶりに連絡が来て、死ぬほどつらい", mode="offline")
    assert advice.source == "rules"
    assert "distress_check_in" in advice.safety.flags
    assert advice.safety.resources, "the check-in points to a support line"
    assert advice.response.replies


def test_crisis_stops_coaching_and_stays_on_for_the_conversation() -> None:
    crisis = advise("もう死にたい。あの人から連絡が来ても何も感じない", mode="offline")
    assert crisis.source == "safety"
    assert crisis.safety.level == "self_harm"
    assert crisis.response.replies == []
    assert any(r.contact for r in crisis.safety.resources)
    later = advise(
        "やっぱり大丈夫、気にしないで。返信どうしよう",
        mode="offline",
        history=[{"user": "もう死にたい", "advice": crisis}],
    )
    assert later.source == "safety"
    assert later.safety.level == "self_harm"


def test_a_bad_setting_raises_invalid_settings_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_MODE", "sometimes")
    with pytest.raises(coach.InvalidSettings) as caught:
        coach.Coach().advise("久しぶりに友達から連絡が来た")
    assert caught.value.names == ["COACH_MODE"]
    assert "COACH_MODE" in caught.value.message("ja")
    assert isinstance(caught.value, ValueError)
    monkeypatch.delenv("COACH_MODE")
    assert coach.load_settings(deadline=-1).invalid == ("COACH_DEADLINE",)


def test_goal_is_part_of_the_contract() -> None:
    text = "元カレから3ヶ月ぶりに「元気?」ってLINEが来た"
    distance = advise(text, mode="offline", goal="distance")
    reconnect = advise(text, mode="offline", goal="reconnect")
    assert distance.response.decision == "no_reply"
    assert reconnect.response.decision == "reply_now"
    assert distance.response.replies != reconnect.response.replies
    assert (
        advise(text, mode="offline").response.decision
        == advise(text, mode="offline", goal="undecided").response.decision
    )


def test_an_unknown_goal_is_invalid_input() -> None:
    with pytest.raises(InvalidInput) as caught:
        advise(SITUATION, mode="offline", goal="revenge")  # type: ignore[arg-type]
    assert caught.value.code == "goal"
    assert "reconnect" in caught.value.message("en")


def test_safety_answers_decide_safety_first_and_say_why() -> None:
    advice = advise("もう死にたい", mode="offline")
    assert advice.response.decision == "safety_first"
    assert advice.response.why and not advice.response.replies
