"""The page against a faked OpenAI-compatible endpoint: an AI answer, fallbacks, the
connection test. The endpoint is set in the sidebar, as a user would."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx
from streamlit.testing.v1 import AppTest

from coach.conversation import ChatEntry
from coach.export import to_json, to_markdown
from coach.messages import fallback_note, source_badge
from tests.test_app import SITUATION, ask, assistant_text, last_assistant, open_page, page_text

BASE_URL = "http://llm.test/v1"
KEY = "sk-test-DO-NOT-LEAK-0815"
DRAFT: dict[str, Any] = {
    "reason": {
        "summary": "懐かしい気持ちになって、あなたの近況が気になったのかもしれません。",
        "categories": ["curious", "remorse"],
    },
    "response": {
        "approach": "責めずに軽く返し、相手の近況を聞いてみましょう。",
        "replies": ["久しぶり!連絡うれしいよ。元気にしてた?", "ありがとう、こっちは元気だよ!"],
    },
    "caution": {"points": ["相手のペースに合わせすぎないこと。"]},
}


_MODEL = {"id": "page-test-model", "object": "model"}


def _entries(at: AppTest) -> list[ChatEntry]:
    entries: list[ChatEntry] = at.session_state["entries"]
    return entries


def _chat_answer(request: httpx.Request) -> httpx.Response:
    """A whole completion, or the same content as server-sent events when asked to stream."""
    content = json.dumps(DRAFT, ensure_ascii=False)
    base = {"id": "chatcmpl-page", "created": 1, "model": "page-test-model"}
    if json.loads(request.content).get("stream"):
        pieces = [content[i : i + 40] for i in range(0, len(content), 40)]
        chunks = [
            {**base, "object": "chat.completion.chunk", "choices": [_delta(p, None)]}
            for p in pieces
        ]
        chunks.append({**base, "object": "chat.completion.chunk", "choices": [_delta("", "stop")]})
        body = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"
        return httpx.Response(200, text=body, headers={"content-type": "text/event-stream"})
    message = {"role": "assistant", "content": content}
    choice = {"index": 0, "finish_reason": "stop", "message": message}
    return httpx.Response(200, json={**base, "object": "chat.completion", "choices": [choice]})


def _delta(text: str, finish: str | None) -> dict[str, Any]:
    return {"index": 0, "delta": {"content": text} if text else {}, "finish_reason": finish}


@pytest.fixture
def endpoint() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        router.get("/models").respond(200, json={"object": "list", "data": [_MODEL]})
        yield router


def _configured_page(*, mode: str = "auto") -> AppTest:
    at = open_page()
    at.radio(key="mode").set_value(mode).run()
    at.text_input(key="base_url").input(BASE_URL).run()
    at.text_input(key="api_key").input(KEY).run()
    at.text_input(key="model").input("page-test-model").run()
    return at


def test_ai_answer_has_ai_badge_three_sections_and_drafts(endpoint: respx.MockRouter) -> None:
    chat = endpoint.post("/chat/completions").mock(side_effect=_chat_answer)
    at = ask(_configured_page(), SITUATION)
    assert not at.exception
    assert chat.called
    assert chat.calls.last.request.headers["authorization"] == f"Bearer {KEY}"
    [entry] = _entries(at)
    assert entry.advice is not None and entry.advice.source == "llm"
    assert entry.advice.meta.fallback_reason is None
    message = last_assistant(at)
    text = assistant_text(message)
    assert source_badge("llm", "ja") in text
    assert DRAFT["reason"]["summary"] in text
    assert [c.value for c in message.code] == DRAFT["response"]["replies"]
    assert "オフライン" not in text
    assert KEY not in page_text(at)
    assert KEY not in to_json(_entries(at)) and KEY not in to_markdown(_entries(at))


def test_server_error_falls_back_with_a_plain_reason(endpoint: respx.MockRouter) -> None:
    endpoint.post("/chat/completions").respond(500, json={"error": {"message": "boom"}})
    at = ask(_configured_page(), SITUATION)
    assert not at.exception
    [entry] = _entries(at)
    assert entry.advice is not None and entry.advice.source == "rules"
    assert entry.advice.meta.fallback_reason == "server_error"
    text = assistant_text(last_assistant(at))
    assert source_badge("rules", "ja") in text
    assert fallback_note("server_error", "ja") in text
    assert "なぜ今連絡が来たのか" in text


def test_unreachable_endpoint_falls_back(endpoint: respx.MockRouter) -> None:
    endpoint.post("/chat/completions").mock(side_effect=httpx.ConnectError("refused"))
    at = ask(_configured_page(), SITUATION)
    [entry] = _entries(at)
    assert entry.advice is not None and entry.advice.meta.fallback_reason == "connection"
    assert fallback_note("connection", "ja") in assistant_text(last_assistant(at))


def test_ai_only_mode_failure_keeps_the_text(endpoint: respx.MockRouter) -> None:
    endpoint.post("/chat/completions").respond(401, json={"error": {"message": "bad key"}})
    at = ask(_configured_page(mode="llm"), SITUATION)
    assert not at.exception
    [entry] = _entries(at)
    assert entry.user == SITUATION and not entry.answered
    assert at.button(key=f"retry_{entry.id}")
    assert KEY not in page_text(at)


def test_connection_button_reports_success(endpoint: respx.MockRouter) -> None:
    chat = endpoint.post("/chat/completions").mock(side_effect=_chat_answer)
    at = _configured_page()
    at.button(key="connection_test").click().run()
    assert not at.exception
    assert json.loads(chat.calls.last.request.content)["max_tokens"] == 1
    assert any("page-test-model" in s.value for s in at.sidebar.success)


def test_connection_result_is_cleared_when_a_setting_changes(endpoint: respx.MockRouter) -> None:
    endpoint.post("/chat/completions").mock(side_effect=_chat_answer)
    at = _configured_page()
    at.button(key="connection_test").click().run()
    assert at.sidebar.success
    at.text_input(key="base_url").input("http://other.test/v1").run()
    assert not at.sidebar.success


def test_connection_button_reports_a_bad_key(endpoint: respx.MockRouter) -> None:
    endpoint.post("/chat/completions").respond(401, json={"error": {"message": "bad key"}})
    at = _configured_page()
    at.button(key="connection_test").click().run()
    assert not at.exception
    assert at.sidebar.error
    assert KEY not in page_text(at)
