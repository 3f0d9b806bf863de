"""Conversation exports and the shared page wording."""

from __future__ import annotations

import json

import pytest

from coach.conversation import ChatEntry, history, rating_from_thumbs
from coach.errors import FALLBACK_REASONS
from coach.export import FORMAT, to_dict, to_json, to_markdown
from coach.knowledge import label
from coach.messages import fallback_note, heading, source_badge, tel_href
from coach.schemas import Advice, Caution, Meta, Reason, Resource, Response, Safety


def _coaching(language: str = "ja", **meta: object) -> Advice:
    return Advice.model_validate(
        {
            "reason": {"summary": "近況が気になったのかもしれません。", "categories": ["curious"]},
            "response": {
                "approach": "軽く近況を返しましょう。",
                "replies": ["久しぶり!元気だった?", "連絡ありがとう、うれしい!"],
                "strategies": ["keep_it_light"],
            },
            "caution": {
                "points": ["相手のペースに合わせすぎない。"],
                "ids": ["dont_be_swept_along"],
                "prevention": ["agree_on_frequency"],
            },
            "source": "rules",
            "language": language,
            "meta": meta,
        }
    )


def _safety() -> Advice:
    return Advice(
        reason=Reason(summary="まず安全を。"),
        response=Response(approach="ひとりで会わないでください。"),
        caution=Caution(points=["記録を残しておく。"]),
        source="safety",
        safety=Safety(
            level="stalking",
            resources=[
                Resource(name="警察相談専用電話", contact="#9110", tel="#9110", note="平日日中"),
                Resource(name="Crisis Text Line", contact="text HOME to 741741"),
            ],
        ),
    )


def test_markdown_has_each_turn_sections_drafts_labels_and_rating() -> None:
    entry = ChatEntry(user="友達から連絡が来た\n半年ぶり", advice=_coaching(), rating="up")
    text = to_markdown([entry])
    assert text.startswith("# 音信不通コーチ")
    assert "> 友達から連絡が来た\n> 半年ぶり" in text
    for name in ("reason", "response", "caution"):
        assert f"#### {heading(name, 'ja')}" in text
    assert "1. 久しぶり\\!元気だった?" in text  # escaped as the page escapes it
    assert "2. 連絡ありがとう、うれしい\\!" in text
    assert label("reasons", "curious", "ja") in text
    assert label("strategies", "keep_it_light", "ja") in text
    assert label("prevention", "agree_on_frequency", "ja") in text
    assert f"[{source_badge('rules', 'ja')}]" in text
    assert "👍" in text


def test_markdown_uses_each_answers_language() -> None:
    english = ChatEntry(user="My ex texted me", advice=_coaching("en"))
    text = to_markdown([english], language="en")
    assert "#### Why they wrote now" in text
    assert label("reasons", "curious", "en") in text
    assert "なぜ" not in text


def test_markdown_explains_a_fallback() -> None:
    entry = ChatEntry(user="x", advice=_coaching(fallback_reason="timeout"))
    assert fallback_note("timeout", "ja") in to_markdown([entry])


def test_markdown_safety_answer_lists_dialable_resources_and_no_drafts() -> None:
    text = to_markdown([ChatEntry(user="怖い", advice=_safety())])
    assert "[#9110](tel:%239110)" in text
    assert "- Crisis Text Line: text HOME to 741741" in text
    assert heading("safety", "ja") in text
    assert heading("replies", "ja") not in text


def test_failed_turn_keeps_the_text_and_the_message() -> None:
    entry = ChatEntry(user="長い文章", error_ja="文章が長すぎます", error_en="Too long")
    assert "> 長い文章" in to_markdown([entry])
    assert "文章が長すぎます" in to_markdown([entry])
    assert "Too long" in to_markdown([entry], language="en")
    [turn] = to_dict([entry])["turns"]
    assert turn == {
        "user": "長い文章",
        "advice": None,
        "error": {"ja": "文章が長すぎます", "en": "Too long"},
        "feedback": None,
    }


def test_json_round_trips_the_advice_and_keeps_feedback() -> None:
    advice = _coaching(model="gpt-4o-mini", attempts=1)
    entries = [ChatEntry(user="a", advice=advice, rating="down"), ChatEntry(user="b")]
    data = json.loads(to_json(entries))
    assert data["format"] == FORMAT
    assert [t["user"] for t in data["turns"]] == ["a", "b"]
    assert Advice.model_validate(data["turns"][0]["advice"]) == advice
    assert data["turns"][0]["feedback"] == "down"
    assert "久しぶり!元気だった?" in to_json(entries), "Japanese stays readable, not \\u-escaped"


def test_empty_conversation_exports_cleanly() -> None:
    assert to_dict([]) == {"format": FORMAT, "turns": []}
    assert to_markdown([]).count("\n## ") == 0


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (
            "not_configured",
            "AIが設定されていません（APIキーかベースURLを設定すると使えます）。"
            "オフライン（ルール）で回答しました。",
        ),
        ("timeout", "AIの応答が時間内に返ってきませんでした。オフライン（ルール）で回答しました。"),
        (
            "output_rail:pii",
            "AIの回答が安全チェックを通りませんでした。オフライン（ルール）で回答しました。",
        ),
        ("something_new", "AIの回答を使えませんでした。オフライン（ルール）で回答しました。"),
    ],
)
def test_fallback_notes(reason: str, expected: str) -> None:
    assert fallback_note(reason, "ja") == expected


def test_every_known_fallback_reason_has_its_own_sentence() -> None:
    reasons = [*(r for r in FALLBACK_REASONS if r != "output_rail"), "output_rail:x"]
    for language in ("ja", "en"):
        notes = {fallback_note(r, language) for r in reasons}
        assert len(notes) == len(reasons)
        assert fallback_note("unknown", language) not in notes


@pytest.mark.parametrize(
    ("number", "href"),
    [("110", "tel:110"), ("#9110", "tel:%239110"), ("0120-279-338", "tel:0120-279-338")],
)
def test_tel_href(number: str, href: str) -> None:
    assert tel_href(number) == href


def test_history_passes_only_answered_turns() -> None:
    advice = _coaching()
    turns = history([ChatEntry(user="a", advice=advice), ChatEntry(user="b", error_ja="x")])
    assert [(t.user, t.advice) for t in turns] == [("a", advice)]


def test_thumbs_map_to_ratings() -> None:
    assert [rating_from_thumbs(v) for v in (1, 0, None)] == ["up", "down", None]


def test_meta_never_carries_a_key_field() -> None:
    assert not any("key" in name for name in Meta.model_fields)


def test_markdown_carries_the_decision_and_draft_labels() -> None:
    from coach import advise
    from coach.conversation import ChatEntry as Entry

    advice = advise("元カレから「元気?」ってLINEが来た", mode="offline", goal="distance")
    markdown = to_markdown([Entry(user="元カレから", advice=advice)], language="ja")
    assert "**返すかどうか: 返さなくていい**" in markdown
    assert "1. [丁寧に締める] " in markdown
