"""Output rails that read shapes, not cue words: markdown, links, numbers and language.

The harm, insult and hopelessness wordings, and the healthy advice that uses the same words to
warn against them, are the examples of `guardrails/cues/output.toml` (tests/test_cue_families.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from coach.schemas import AdviceDraft, Language
from guardrails.output_rails import check_output

_SUMMARY = {
    "ja": "忙しさが落ち着いて、ふと思い出したのかもしれません。",
    "en": "He may have had a busy stretch and is reaching out now that it has eased.",
}
_REPLY = {"ja": "久しぶり!元気だった?", "en": "Hey, good to hear from you!"}
_POINT = {"ja": "自分のペースを大事にしましょう。", "en": "Take your time before you answer."}


def _draft(approach: str, language: Language) -> AdviceDraft:
    data: dict[str, Any] = {
        "reason": {"summary": _SUMMARY[language], "categories": ["busy"]},
        "response": {"approach": approach, "replies": [_REPLY[language]]},
        "caution": {"points": [_POINT[language]]},
    }
    return AdviceDraft.model_validate(data)


def _verdict(approach: str, language: Language) -> str | None:
    verdict = check_output(_draft(approach, language), language=language, system_prompt="")
    return None if verdict is None else verdict.name


_NOT_CUES: list[tuple[Language, str, str]] = [
    ("ja", "## まとめ\n返信は短くしましょう。", "link_or_markup"),
    ("ja", "返信は**短く**しましょう。", "link_or_markup"),
    ("en", "Visit www.reconnect-help.com for message templates.", "link_or_markup"),
    ("en", "Call 0120-123-456 for a free relationship reading.", "unknown_phone"),
    ("en", "返信は短く、明るくしましょう。", "wrong_language"),
    ("ja", "詳しくは https://example.com を見てください。", "link_or_markup"),
    ("ja", "Reply with a short and friendly message and see how it goes.", "wrong_language"),
]


@pytest.mark.parametrize(("language", "approach", "rail"), _NOT_CUES)
def test_markup_links_numbers_and_language_are_stopped_by_their_rail(
    language: Language, approach: str, rail: str
) -> None:
    assert _verdict(approach, language) == rail
