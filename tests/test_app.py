"""The chat page, driven headlessly with Streamlit's AppTest on the offline path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from coach.conversation import ChatEntry
from coach.errors import MAX_INPUT_CHARS
from coach.events import Event, Final
from coach.knowledge import label
from coach.messages import escape_markdown, fallback_note
from coach.schemas import Advice, Caution, Reason, Resource, Response, Safety

APP = str(Path(__file__).resolve().parent.parent / "app.py")
SITUATION = "半年連絡がなかった友達から「久しぶり!元気?」とLINEが来た"
KEY = "sk-test-DO-NOT-LEAK-4711"


def open_page() -> AppTest:
    return AppTest.from_file(APP, default_timeout=30).run()


def ask(at: AppTest, text: str) -> AppTest:
    return at.chat_input(key="chat_input").set_value(text).run()


def last_assistant(at: AppTest) -> Any:
    return [m for m in at.chat_message if m.name == "assistant"][-1]


def _texts(block: Any) -> list[str]:
    found: list[str] = []
    for kind in ("markdown", "caption", "code", "error", "warning", "info", "success", "json"):
        found += [str(e.value) for e in getattr(block, kind)]
    return found


def assistant_text(message: Any) -> str:
    return "\n".join(_texts(message))


def page_text(at: AppTest) -> str:
    """Everything the page shows, main area and sidebar, as one string."""
    return "\n".join(_texts(at))


def _entries(at: AppTest) -> list[ChatEntry]:
    entries: list[ChatEntry] = at.session_state["entries"]
    return entries


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """What each download button would hand the browser, by file name."""
    saved: dict[str, str] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def recording_load(
        self: MemoryMediaFileStorage, path_or_data: Any, mimetype: str, kind: Any, filename: Any
    ) -> str:
        if isinstance(path_or_data, bytes) and filename:
            saved[filename] = path_or_data.decode("utf-8")
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording_load)
    return saved


def test_empty_state_explains_warns_and_offers_examples() -> None:
    at = open_page()
    examples = [b for b in at.button if b.key and b.key.startswith("example_")]
    assert 3 <= len(examples) <= 4
    disclaimer = " ".join(i.value for i in at.info)
    assert "AI" in disclaimer and "110" in disclaimer and "119" in disclaimer
    assert not at.chat_message


def test_offline_answer_shows_three_sections_badge_and_fallback_note() -> None:
    at = ask(open_page(), SITUATION)
    assert not at.exception
    [entry] = _entries(at)
    advice = entry.advice
    assert advice is not None and advice.source == "rules"
    text = assistant_text(last_assistant(at))
    for title in ("なぜ今連絡が来たのか", "どう返信するか", "気をつけること"):
        assert title in text
    assert "オフライン(ルール)" in text
    assert fallback_note("not_configured", "ja") in text
    assert "AIが設定されていません" in fallback_note("not_configured", "ja")
    for category in advice.reason.categories:
        assert label("reasons", category, "ja") in text
    drafts = [c.value for c in last_assistant(at).code]
    assert drafts == advice.response.replies
    assert len(at.feedback) == 1


def test_offline_mode_answers_without_a_fallback_note() -> None:
    at = open_page()
    at.radio(key="mode").set_value("offline").run()
    at = ask(at, SITUATION)
    [entry] = _entries(at)
    assert entry.advice is not None and entry.advice.meta.fallback_reason is None
    text = assistant_text(last_assistant(at))
    assert "オフライン(ルール)" in text
    assert fallback_note("not_configured", "ja") not in text


def test_english_choice_gives_english_headings() -> None:
    at = open_page()
    at.radio(key="language_choice").set_value("en").run()
    at = ask(at, "My friend texted me after six months of silence")
    [entry] = _entries(at)
    assert entry.advice is not None and entry.advice.language == "en"
    text = assistant_text(last_assistant(at))
    for title in ("Why they wrote now", "How to reply", "What to watch out for"):
        assert title in text
    assert "なぜ今連絡が来たのか" not in text


def test_example_button_sends_the_example_as_a_turn() -> None:
    at = open_page()
    example = at.button(key="example_1")
    label_text = example.label
    example.click().run()
    [entry] = _entries(at)
    assert entry.user == label_text
    assert entry.answered
    assert not at.info, "the empty-state explanation gives way to the conversation"

    later = at.button(key="example_0")
    later_text = later.label
    later.click().run()
    assert [e.user for e in _entries(at)] == [label_text, later_text]
    assert all(e.answered for e in _entries(at))


def test_blank_input_shows_a_friendly_error_and_keeps_the_history() -> None:
    at = ask(open_page(), SITUATION)
    at = ask(at, "  \u3000 ")
    assert not at.exception
    assert len(_entries(at)) == 1
    assert any("状況が入力されていません" in e.value for e in at.error)
    assert SITUATION.replace("!", "\\!") in page_text(at)


def test_unavailable_ai_keeps_the_text_and_offers_retry_and_edit() -> None:
    at = open_page()
    at.radio(key="mode").set_value("llm").run()
    at = ask(at, SITUATION)
    assert not at.exception
    [entry] = _entries(at)
    assert not entry.answered and entry.user == SITUATION
    assert entry.error_ja and entry.error_en
    assert any(entry.error_ja in e.value for e in at.error)

    at.button(key=f"edit_{entry.id}").click().run()
    assert _entries(at) == []
    assert at.chat_input(key="chat_input").value == SITUATION

    at.radio(key="mode").set_value("offline").run()
    at = ask(at, SITUATION)
    [answered] = _entries(at)
    assert answered.answered


def test_retry_sends_the_kept_text_again() -> None:
    at = open_page()
    at.radio(key="mode").set_value("llm").run()
    at = ask(at, SITUATION)
    [failed] = _entries(at)
    at.radio(key="mode").set_value("offline").run()
    at.button(key=f"retry_{failed.id}").click().run()
    [entry] = _entries(at)
    assert entry.user == SITUATION and entry.answered


def _exploding_stream(self: object, text: str, **_: object) -> Iterator[Event]:
    raise RuntimeError(f"boom while handling {text}")
    yield  # pragma: no cover - makes this a generator like the real stream


def test_unexpected_error_is_friendly_and_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    at = ask(open_page(), SITUATION)
    monkeypatch.setattr("coach.pipeline.Coach.stream", _exploding_stream)
    at = ask(at, "元彼から急に連絡が来た")
    assert not at.exception
    first, failed = _entries(at)
    assert first.answered
    assert failed.user == "元彼から急に連絡が来た" and not failed.answered
    errors = " ".join(e.value for e in at.error)
    assert "思いがけないエラー" in errors
    assert "boom" not in page_text(at)


def _safety_stream(self: object, text: str, **_: object) -> Iterator[Event]:
    yield Final(
        Advice(
            reason=Reason(summary="つらい気持ちを話してくれてありがとう。"),
            response=Response(approach="今すぐ話せる窓口があります。"),
            caution=Caution(points=["ひとりで抱えこまないでください。"]),
            source="safety",
            safety=Safety(
                level="stalking",
                resources=[
                    Resource(name="警察", contact="110", tel="110"),
                    Resource(name="警察相談専用電話", contact="#9110", tel="#9110"),
                ],
            ),
        )
    )


def test_safety_answer_is_prominent_with_tel_links(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coach.pipeline.Coach.stream", _safety_stream)
    at = ask(open_page(), "元恋人がずっと家の前にいる")
    assert not at.exception
    alert = " ".join(e.value for e in last_assistant(at).error)
    assert "安全のための案内" in alert
    assert "[110](tel:110)" in alert
    assert "](tel:%239110)" in alert and "9110" in alert
    text = assistant_text(last_assistant(at))
    assert "なぜ今連絡が来たのか" not in text
    assert not last_assistant(at).code


def test_reset_clears_the_conversation() -> None:
    at = ask(open_page(), SITUATION)
    at.button(key="reset").click().run()
    assert _entries(at) == []
    assert not at.chat_message
    assert at.button(key="example_0")


def test_feedback_is_stored_on_the_entry() -> None:
    at = ask(open_page(), SITUATION)
    at.feedback[0].set_value(1).run()
    assert _entries(at)[0].rating == "up"
    at.feedback[0].set_value(0).run()
    assert _entries(at)[0].rating == "down"


def test_downloads_hold_the_conversation_and_feedback_but_never_the_key(
    downloads: dict[str, str],
) -> None:
    at = open_page()
    at.radio(key="mode").set_value("offline").run()
    at.text_input(key="api_key").input(KEY).run()
    at = ask(at, SITUATION)
    at.feedback[0].set_value(1).run()

    markdown = downloads["reconnect-coach.md"]
    data = json.loads(downloads["reconnect-coach.json"])
    assert escape_markdown(SITUATION) in markdown
    assert "なぜ今連絡が来たのか" in markdown
    assert "👍" in markdown
    [turn] = data["turns"]
    assert turn["user"] == SITUATION
    assert turn["feedback"] == "up"
    assert Advice.model_validate(turn["advice"]) == _entries(at)[0].advice
    for payload in downloads.values():
        assert KEY not in payload
    assert KEY not in page_text(at)


def test_connection_test_without_an_endpoint_says_what_to_enter() -> None:
    at = open_page()
    at.button(key="connection_test").click().run()
    assert not at.exception
    errors = " ".join(e.value for e in at.sidebar.error)
    assert "APIキーかベースURL" in errors


def test_english_choice_switches_the_page_and_examples() -> None:
    at = open_page()
    at.radio(key="language_choice").set_value("en").run()
    assert at.title[0].value == "Reconnect Coach"
    example = at.button(key="example_0").label
    assert example.isascii()
    at.button(key="example_0").click().run()
    [entry] = _entries(at)
    assert entry.advice is not None and entry.advice.language == "en"


def _markdown_laden_stream(self: object, text: str, **_: object) -> Iterator[Event]:
    yield Final(
        Advice(
            reason=Reason(
                summary="# 見出し ![x](http://tracker.test/p.png) :red[赤]", categories=["curious"]
            ),
            response=Response(
                approach="[ここを押す](http://evil.test) $x$", replies=["**久しぶり**"]
            ),
            caution=Caution(points=["<b>太字</b> _斜体_"]),
            source="llm",
        )
    )


def test_answer_text_is_shown_as_written_not_as_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coach.pipeline.Coach.stream", _markdown_laden_stream)
    at = ask(open_page(), SITUATION)
    message = last_assistant(at)
    shown = "\n".join(m.value for m in message.markdown)
    assert "](http" not in shown
    assert "\\# 見出し" in shown
    assert "\\:red\\[赤\\]" in shown
    assert "\\$x\\$" in shown
    assert "\\_斜体\\_" in shown
    assert [c.value for c in message.code] == ["**久しぶり**"], "drafts are copied verbatim"


def test_too_long_text_is_kept_for_editing() -> None:
    long_text = "元彼から連絡が来た。" * (MAX_INPUT_CHARS // 10 + 1)
    at = ask(open_page(), long_text)
    assert not at.exception
    [failed] = _entries(at)
    assert failed.user == long_text and not failed.answered
    assert any("長すぎ" in e.value for e in at.error)
    at.button(key=f"edit_{failed.id}").click().run()
    assert at.chat_input(key="chat_input").value == long_text


def test_the_off_topic_redirect_shows_no_coaching_headings() -> None:
    at = ask(open_page(), "Pythonでリストを並べ替えるコードを書いて")
    [entry] = _entries(at)
    assert entry.advice is not None and entry.advice.redirect
    text = assistant_text(last_assistant(at))
    for title in ("なぜ今連絡が来たのか", "どう返信するか", "気をつけること"):
        assert title not in text
    assert entry.advice.response.approach in text
