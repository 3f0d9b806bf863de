"""What the model or the user wrote reaches no terminal, page or export as control or markup."""

from __future__ import annotations

import json
import re

import httpx
import pytest
import respx

from coach.cli import render
from coach.conversation import ChatEntry
from coach.events import Final, Section
from coach.export import to_markdown
from coach.messages import plain_markdown
from guardrails.rails import Rails
from tests.attacks.conftest import draft_text
from tests.fake_openai import CHAT_URL, completion, fake_coach, sse, stream_chunks

SITUATION = "半年連絡がなかった友達から「久しぶり!元気?」と来た"

CONTROLS = [
    "\x1b[2J\x1b[H",  # clear screen
    "\x1b]0;owned\x07",  # window title, then BEL
    "\x07",
    "\x00",
    "\u202e",  # right-to-left override
    "\x1b[31m",
    "\x9b2J",  # C1 control sequence introducer
    "\u2066",
]


def _hostile_draft(mark: str) -> str:
    return draft_text(
        reason={"summary": f"懐かしくなった{mark}のかもしれません。", "categories": ["curious"]},
        response={"approach": f"軽く{mark}返しましょう。", "replies": [f"久しぶり{mark}!"]},
        caution={"points": [f"流されない{mark}ように。"]},
    )


def _texts(advice: object) -> list[str]:
    data = advice.model_dump()  # type: ignore[attr-defined]
    return [
        data["reason"]["summary"],
        data["response"]["approach"],
        *data["response"]["replies"],
        *data["caution"]["points"],
    ]


@pytest.mark.parametrize("mark", CONTROLS, ids=repr)
def test_model_controls_never_reach_the_answer(mark: str) -> None:
    # The cue rails only: the semantic coherence rail may reject an answer garbled by what an
    # escape sequence leaves behind ("[2J[H"); this is about what reaches the screen when shown.
    coach, _ = fake_coach(rails=Rails.cues())
    with respx.mock:
        respx.post(CHAT_URL).mock(
            return_value=httpx.Response(200, json=completion(_hostile_draft(mark)))
        )
        advice = coach.advise(SITUATION)
    assert advice.source == "llm"
    for text in [*_texts(advice), render(advice)]:
        assert not any(ch in text for ch in "\x1b\x07\x00\x9b\u202e\u2066")


@pytest.mark.parametrize("mark", CONTROLS[:4], ids=repr)
def test_streamed_sections_are_cleaned_too(mark: str) -> None:
    # The cue rails only: the semantic coherence rail may reject an answer garbled by what an
    # escape sequence leaves behind ("[2J[H"); this is about what reaches the screen when shown.
    coach, _ = fake_coach(rails=Rails.cues())
    body = sse(stream_chunks(_hostile_draft(mark)))
    with respx.mock:
        respx.post(CHAT_URL).mock(
            return_value=httpx.Response(
                200, text=body, headers={"content-type": "text/event-stream"}
            )
        )
        events = list(coach.stream(SITUATION))
    shown = [e.value.model_dump_json() for e in events if isinstance(e, Section)]
    final = events[-1]
    assert isinstance(final, Final) and final.advice.source == "llm"
    for text in [*_texts(final.advice), *(json.loads(s).__str__() for s in shown)]:
        assert "\x1b" not in text and "\x07" not in text and "\x00" not in text


@pytest.mark.parametrize(
    ("user", "forbidden"),
    [
        ("![x](http://evil.example/track.png)", "![x]("),
        ("[click](javascript:alert(1))", "[click]("),
        ("<img src=x onerror=alert(1)>", "<img"),
        ("<script>alert(1)</script>", "<script>"),
        ("# Heading\n**bold**", "\n# Heading"),
        ("&lt;b&gt;", "&lt;"),
    ],
)
def test_the_markdown_export_escapes_markup(user: str, forbidden: str) -> None:
    markdown = to_markdown([ChatEntry(user=user, error_ja="失敗", error_en="failed")])
    for shown in (markdown, plain_markdown(user)):
        # An escaped character shows as itself: only what is left unescaped can be markup.
        assert forbidden not in re.sub(r"\\.", "", shown)
        assert forbidden not in shown or "\\" + forbidden[0] in shown


def test_the_export_cleans_controls_from_every_text() -> None:
    coach, _ = fake_coach()
    with respx.mock:
        respx.post(CHAT_URL).mock(
            return_value=httpx.Response(200, json=completion(_hostile_draft("x")))
        )
        advice = coach.advise(SITUATION)
    advice.reason.summary += "\x1b[2J"  # as a reloaded or hand-built answer might carry
    markdown = to_markdown([ChatEntry(user="友達\x1b]0;t\x07から", advice=advice)])
    assert "\x1b" not in markdown and "\x07" not in markdown
