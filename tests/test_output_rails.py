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
