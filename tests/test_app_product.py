"""The page's state rules: choices that survive each other, the queue, the goal, follow-ups,
new situations and the safety answers that hold."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
from streamlit.testing.v1 import AppTest

from coach.conversation import ChatEntry
from coach.events import Event
from coach.knowledge import knowledge_base, label
from tests.test_app import SITUATION, ask, assistant_text, last_assistant, open_page


def _entries(at: AppTest) -> list[ChatEntry]:
    entries: list[ChatEntry] = at.session_state["entries"]
    return entries


def test_mode_survives_a_language_switch() -> None:
    at = open_page()
    at.radio(key="mode").set_value("offline").run()
    at.radio(key="language_choice").set_value("en").run()
    assert at.radio(key="mode").value == "offline"
    at.radio(key="language_choice").set_value("ja").run()
    assert at.radio(key="mode").value == "offline"


def test_goal_survives_a_language_switch() -> None:
    at = open_page()
    at.radio(key="goal").set_value("distance").run()
    at.radio(key="language_choice").set_value("en").run()
    assert at.radio(key="goal").value == "distance"


def test_coach_mode_sets_the_default_mode_and_no_endpoint_is_called(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With COACH_MODE=offline a configured endpoint is never asked (the socket is blocked:
    a call would fall back with a connection reason instead of answering cleanly)."""
    monkeypatch.setenv("COACH_MODE", "offline")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://llm.test/v1")
    at = open_page()
    assert at.radio(key="mode").value == "offline"
    at = ask(at, SITUATION)
    [entry] = _entries(at)
    assert entry.advice is not None and entry.advice.source == "rules"
    assert entry.advice.meta.fallback_reason is None


def test_operator_settings_hide_the_model_fields_unless_opted_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://llm.test/v1")
    at = open_page()
    keys = {t.key for t in at.text_input}
    assert not keys & {"model", "base_url", "api_key"}
    assert "http://llm.test" not in "\n".join(c.value for c in at.sidebar.caption)
    monkeypatch.setenv("COACH_SHOW_AI_SETTINGS", "1")
    at = open_page()
    assert {"model", "base_url", "api_key"} <= {t.key for t in at.text_input}


def test_privacy_line_says_what_leaves_the_machine() -> None:
    at = open_page()
    captions = "\n".join(c.value for c in at.sidebar.caption)
    assert "どこにも送られません" in captions
    at.text_input(key="base_url").input("http://llm.test/v1").run()
    captions = "\n".join(c.value for c in at.sidebar.caption)
    assert "伏せた文章だけ" in captions and "タブを閉じると残りません" in captions


def test_privacy_line_stays_offline_after_a_turn_without_an_ai() -> None:
    at = open_page()
    at.chat_input[0].set_value(SITUATION).run()
    captions = "\n".join(c.value for c in at.sidebar.caption)
    assert "どこにも送られません" in captions
    assert "設定されたAIに届きます" not in captions


def test_queued_texts_are_answered_in_order() -> None:
    at = open_page()
    at.session_state["queue"] = [(SITUATION, False), ("断り方は?", False)]
    at.run()
    at.run()
    assert [e.user for e in _entries(at)] == [SITUATION, "断り方は?"]
    assert all(e.answered for e in _entries(at))


def _cut_off(self: object, text: str, **_: object) -> Iterator[Event]:
    """What a rerun does to a running turn: Streamlit stops the script mid-answer."""
    raise RerunException(RerunData())
    yield  # pragma: no cover - makes this a generator like the real stream


def test_a_rerun_mid_answer_does_not_lose_the_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page()
    monkeypatch.setattr("coach.pipeline.Coach.stream", _cut_off)
    at = ask(at, SITUATION)
    assert not at.exception
    [entry] = _entries(at)
    assert entry.user == SITUATION and not entry.answered
    assert at.button(key=f"retry_{entry.id}")


def test_an_interrupted_turn_comes_back_with_its_text_and_a_retry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = open_page()
    at.session_state["in_flight"] = (SITUATION, False)
    at.run()
    [entry] = _entries(at)
    assert entry.user == SITUATION and not entry.answered
    assert "回答の途中で止まりました" in (entry.error_ja or "")
    at.radio(key="mode").set_value("offline").run()
    at.button(key=f"retry_{entry.id}").click().run()
    [answered] = _entries(at)
    assert answered.user == SITUATION and answered.answered


def test_the_goal_shapes_the_decision_and_the_drafts() -> None:
    at = open_page()
    at.radio(key="goal").set_value("distance").run()
    at = ask(at, "元カレから3ヶ月ぶりに「元気?」ってLINEが来た")
    [entry] = _entries(at)
    advice = entry.advice
    assert advice is not None
    assert advice.response.decision == "no_reply"
    assert "polite_close" in advice.response.intents
    text = assistant_text(last_assistant(at))
    assert label("decisions", "no_reply", "ja") in text
    assert label("intents", "polite_close", "ja") in text
    assert "返すとしたら" in text, "no_reply is an answer; drafts are for if they change their mind"


def test_a_decision_comes_before_the_drafts() -> None:
    at = ask(open_page(), SITUATION)
    markdown = [m.value for m in last_assistant(at).markdown]
    decision = next(i for i, m in enumerate(markdown) if m.startswith("**返すかどうか"))
    response = next(i for i, m in enumerate(markdown) if "どう返信するか" in m)
    assert decision < response


def test_a_follow_up_is_answered_for_what_it_asks() -> None:
    at = ask(open_page(), "元カレから3ヶ月ぶりに「元気?」ってLINEが来た")
    at = ask(at, "断り方は?")
    first, second = _entries(at)
    assert second.advice is not None and first.advice is not None
    assert second.advice.response.approach == knowledge_base().follow_ups["decline"].approach.ja
    assert second.advice.response.replies != first.advice.response.replies
    assert "これまでの流れも踏まえると" not in second.advice.reason.summary


def test_an_example_clicked_mid_conversation_starts_a_new_situation() -> None:
    at = ask(open_page(), "元カレから3ヶ月ぶりに「元気?」ってLINEが来た")
    at.button(key="example_0").click().run()
    first, second = _entries(at)
    assert second.fresh and not first.fresh
    assert second.advice is not None
    assert "これまでの流れ" not in second.advice.reason.summary
    assert "新しい相談として" in assistant_text(last_assistant(at))
    at = ask(at, "断り方は?")
    third = _entries(at)[-1]
    assert third.advice is not None
    assert label("reasons", "reconcile", "ja") not in third.advice.reason.summary


@pytest.mark.parametrize(
    "first",
    ["元彼に殴られたことがある。その元彼から連絡が来た", "元カレが毎晩家の前で待ち伏せしてる"],
)
def test_after_violence_or_stalking_later_turns_never_draft_replies(first: str) -> None:
    at = ask(open_page(), first)
    at = ask(at, "どう返せばいい?返信の例をください")
    at = ask(at, "やっぱり大丈夫。普通に返したい")
    entries = _entries(at)
    assert all(e.advice is not None and e.advice.source == "safety" for e in entries)
    assert not last_assistant(at).code
    alert = " ".join(e.value for e in last_assistant(at).error)
    assert "前に" in alert and "返信の例がない理由" in alert


def test_an_example_does_not_switch_safety_mode_off() -> None:
    at = ask(open_page(), "元彼に殴られたことがある。その元彼から連絡が来た")
    at.button(key="example_0").click().run()
    assert _entries(at)[-1].advice is not None
    assert _entries(at)[-1].advice.source == "safety"  # type: ignore[union-attr]
