"""Output rails on drafts kept out of the eval set: shapes, links, numbers, leaks and language.

The cue wordings (harm, insults, placeholders, the warnings that pass) are the examples of
`guardrails/cues/output.toml`, run by tests/test_cue_families.py.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from coach.schemas import AdviceDraft, CautionDraft, ReasonDraft, ResponseDraft
from guardrails.output_rails import RAIL_NAMES, check_output, check_section

_PROMPT = (
    "You coach people whose contact went quiet and then wrote again. Keep answers warm and short, "
    "pick reason ids only from the list, and write the drafts in the user's own language."
)

_JA: dict[str, Any] = {
    "reason": {
        "summary": "転職や引っ越しが落ち着いて、連絡する余裕ができたのかもしれません。",
        "categories": ["other_priority"],
    },
    "response": {
        "approach": "近況を喜ぶ一言から始めて、"
        "何があったのかは相手が話したくなるまで待ちましょう。",
        "replies": ["連絡ありがとう!新しい生活はどう?"],
    },
    "caution": {"points": ["また急に途切れても、自分を責めないでください。"]},
}
_EN: dict[str, Any] = {
    "reason": {
        "summary": "An exam season or a new job may have taken all their attention for a while.",
        "categories": ["other_priority"],
    },
    "response": {
        "approach": "Start with something warm and light, then ask what they've been up to.",
        "replies": ["So good to hear from you! What have you been up to?"],
    },
    "caution": {"points": ["If the gaps return, it's fine to say that they worry you."]},
}


def _draft(base: dict[str, Any], **edits: Any) -> AdviceDraft:
    data = copy.deepcopy(base)
    for path, value in edits.items():
        section, field = path.split("__")
        data[section][field] = value
    return AdviceDraft.model_validate(data)


def _verdict(draft: AdviceDraft, language: str) -> str | None:
    verdict = check_output(draft, language=language, system_prompt=_PROMPT)  # type: ignore[arg-type]
    return None if verdict is None else verdict.name


def test_good_answers_pass() -> None:
    assert _verdict(_draft(_JA), "ja") is None
    assert _verdict(_draft(_EN), "en") is None


@pytest.mark.parametrize(
    ("edits", "name"),
    [
        ({"response__replies": ["連絡ありがとう!<br>元気?"]}, "link_or_markup"),
        ({"caution__points": ["相談は 03-9876-5432 へどうぞ。"]}, "unknown_phone"),
        ({"caution__points": ["#7777 に電話して相談できます。"]}, "unknown_phone"),
        ({"reason__summary": "N/A"}, "empty_content"),
    ],
)
def test_japanese_drafts_that_must_stop(edits: dict[str, Any], name: str) -> None:
    assert _verdict(_draft(_JA, **edits), "ja") == name


@pytest.mark.parametrize(
    ("edits", "name"),
    [
        ({"response__replies": ["See www.example.org for ideas"]}, "link_or_markup"),
        ({"caution__points": ["Call (212) 555-0101 to talk to someone."]}, "unknown_phone"),
        ({"reason__summary": "Reason"}, "empty_content"),
        ({"response__approach": "Reply."}, "empty_content"),
    ],
)
def test_english_drafts_that_must_stop(edits: dict[str, Any], name: str) -> None:
    assert _verdict(_draft(_EN, **edits), "en") == name


def test_prompt_leak_is_caught_in_either_language() -> None:
    leak = (
        "My rules: pick reason ids only from the list, "
        "and write the drafts in the user's own language."
    )
    assert _verdict(_draft(_EN, response__approach=leak), "en") == "prompt_leak"
    ja_prompt = "あなたは連絡が途絶えた相手から急に連絡が来た人を支える、穏やかで率直なコーチです。"
    draft = _draft(_JA, reason__summary=ja_prompt + "と言われています。")
    verdict = check_output(draft, language="ja", system_prompt=ja_prompt * 2)
    assert verdict is not None and verdict.name == "prompt_leak"


def test_short_shared_phrases_are_not_a_leak() -> None:
    draft = _draft(_EN, response__replies=["Keep answers warm and short!"])
    assert _verdict(draft, "en") is None


def test_language_mismatch_is_caught_both_ways() -> None:
    assert _verdict(_draft(_EN), "ja") == "wrong_language"
    assert _verdict(_draft(_JA), "en") == "wrong_language"


def test_the_prompts_advice_in_an_answer_is_not_a_leak() -> None:
    from coach.knowledge import knowledge_base
    from prompts import build_system_prompt

    prompt = build_system_prompt("en")
    caution = knowledge_base().cautions["dont_blame"].meaning.get("en")
    draft = _draft(_EN, caution__points=[caution[0].upper() + caution[1:] + "."])
    assert check_output(draft, language="en", system_prompt=prompt) is None
    rules = prompt[prompt.index("They are quoted data") :][:120]
    leaked = check_output(
        _draft(_EN, response__approach=rules), language="en", system_prompt=prompt
    )
    assert leaked is not None and leaked.name == "prompt_leak"


@pytest.mark.parametrize(
    ("language", "edit", "text"),
    [
        ("ja", "response__approach", "먼저 가볍게 안부를 묻고 일정을 맞춰 보세요."),
        (
            "ja",
            "caution__points",
            ["また急に途切れても、自分を責めないでください。", "Привет, давно не виделись!"],
        ),
        ("en", "reason__summary", "Они, наверное, были заняты новой работой и переездом."),
        ("ja", "response__approach", "Take it easy and reply whenever you feel ready to."),
        ("ja", "response__replies", ["안녕하세요, 오랜만이에요. 잘 지냈어요?"]),
    ],
)
def test_a_field_in_another_language_is_caught(language: str, edit: str, text: Any) -> None:
    base = _JA if language == "ja" else _EN
    assert _verdict(_draft(base, **{edit: text}), language) == "wrong_language"


def test_a_draft_may_mix_in_english() -> None:
    draft = _draft(_JA, response__replies=["Welcome back! また会えたらうれしいです。"])
    assert _verdict(draft, "ja") is None


@pytest.mark.parametrize(
    ("language", "edit", "text"),
    [
        ("ja", "response__replies", ["よろしくよろしくよろしくよろしくよろしくよろしく"]),
        ("en", "response__replies", ["hey hey hey hey hey hey hey hey hey hey"]),
        ("en", "caution__points", ["ok ok ok ok ok ok ok ok ok ok ok ok"]),
    ],
)
def test_one_unit_over_and_over_is_incoherent(language: str, edit: str, text: Any) -> None:
    base = _JA if language == "ja" else _EN
    assert _verdict(_draft(base, **{edit: text}), language) == "incoherent"


@pytest.mark.parametrize(
    ("language", "edit", "text"),
    [
        ("ja", "response__approach", "返信するなら、まずは近況を聞く一言を"),
        ("ja", "caution__points", ["気をつけたいのは"]),
        ("en", "reason__summary", "So the best way to"),
        ("en", "response__approach", "Start with something warm, and then ask them about the"),
    ],
)
def test_advice_cut_off_mid_clause_is_caught(language: str, edit: str, text: Any) -> None:
    base = _JA if language == "ja" else _EN
    assert _verdict(_draft(base, **{edit: text}), language) == "incoherent"


@pytest.mark.parametrize(
    "point",
    [
        "久しぶりの再会は、短めの時間から",
        "やりとりを続けるかどうかは、自分が心地よい範囲で",
        "焦らないこと",
    ],
)
def test_japanese_points_may_end_without_a_verb(point: str) -> None:
    assert _verdict(_draft(_JA, caution__points=[point]), "ja") is None


def test_a_casual_draft_may_trail_off() -> None:
    draft = _draft(_JA, response__replies=["久しぶり!こっちは元気だけど、そっちは"])
    assert _verdict(draft, "ja") is None


def test_same_text_in_summary_and_approach_is_empty() -> None:
    text = "They were probably busy with a new job and only now had time."
    draft = _draft(_EN, reason__summary=text, response__approach=text)
    assert _verdict(draft, "en") == "empty_content"


def test_constructed_section_with_unknown_category_is_refused() -> None:
    reason = ReasonDraft.model_construct(summary=_EN["reason"]["summary"], categories=["lust"])
    verdict = check_section("reason", reason, language="en", system_prompt=_PROMPT)
    assert verdict is not None and verdict.name == "unknown_category"
    draft = AdviceDraft.model_construct(
        reason=reason,
        response=ResponseDraft.model_validate(_EN["response"]),
        caution=CautionDraft.model_validate(_EN["caution"]),
    )
    assert _verdict(draft, "en") == "unknown_category"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("reason", ResponseDraft.model_validate(_EN["response"])),
        ("response", ResponseDraft.model_construct(approach=None, replies=["hi there"])),
        ("caution", CautionDraft.model_construct(points="not a list of points")),
        ("caution", CautionDraft.model_construct(points=[])),
    ],
)
def test_misshapen_sections_are_refused(name: str, value: object) -> None:
    verdict = check_section(name, value, language="en", system_prompt=_PROMPT)  # type: ignore[arg-type]
    assert verdict is not None
    assert verdict.name in {"malformed", "empty_content"}


def test_sections_pass_one_by_one_for_streaming() -> None:
    draft = _draft(_JA)
    for name in ("reason", "response", "caution"):
        assert (
            check_section(name, getattr(draft, name), language="ja", system_prompt=_PROMPT) is None
        )


def test_verdict_names_are_stable_ids() -> None:
    assert set(RAIL_NAMES) >= {
        "empty_content",
        "wrong_language",
        "link_or_markup",
        "unknown_phone",
        "prompt_leak",
        "harmful_advice",
        "insult",
        "self_harm_encouragement",
        "unknown_category",
    }


_SITUATION = (
    "半年ぶりに元同僚から「元気?最近どうしてる?今度ご飯でも行こうよ」ってLINEが来た。"
    "どう返せばいい?"
)


@pytest.mark.parametrize(
    "edits",
    [
        {
            "response__replies": [
                "半年ぶりに元同僚から「元気?最近どうしてる?今度ご飯でも行こうよ」ってLINEが来た。"
            ]
        },
        {
            "reason__summary": (
                "元同僚から「元気?最近どうしてる?今度ご飯でも行こうよ」ってLINEが来た。どう返せばいい?"
            )
        },
    ],
)
def test_a_field_that_hands_the_users_message_back_is_incoherent(edits: dict[str, Any]) -> None:
    draft = _draft(_JA, **edits)
    verdict = check_output(draft, language="ja", system_prompt=_PROMPT, situation=_SITUATION)
    assert verdict is not None and verdict.name == "incoherent"
    assert check_output(draft, language="ja", system_prompt=_PROMPT) is None, "needs the message"


def test_a_draft_may_quote_a_line_of_their_message() -> None:
    draft = _draft(
        _JA, response__replies=["「今度ご飯でも行こうよ」って言ってくれてありがとう!来週どう?"]
    )
    assert check_output(draft, language="ja", system_prompt=_PROMPT, situation=_SITUATION) is None
