"""Words the page and the exports share: headings, answer badges, fallback notes, tel links,
and the escaping that shows text exactly as written.

Foundation-level: imports nothing of the project but the schemas, the errors and the text
clean-up.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import quote

from coach.errors import describe_reason
from coach.schemas import FallbackReason, Language, Source
from coach.text import clean

__all__ = [
    "DISCLAIMER",
    "HeadingName",
    "escape_markdown",
    "fallback_note",
    "heading",
    "plain_markdown",
    "source_badge",
    "tel_href",
]

HeadingName = Literal[
    "reason",
    "response",
    "caution",
    "replies",
    "strategies",
    "prevention",
    "safety",
    "resources",
    "decision",
    "timing",
    "why_no_drafts",
    "now",
    "if_you_reply",
    "goal",
]

_HEADINGS: dict[Language, dict[HeadingName, str]] = {
    "ja": {
        "reason": "なぜ今連絡が来たのか",
        "response": "どう返信するか",
        "caution": "気をつけること",
        "replies": "返信の例",
        "strategies": "返し方のポイント",
        "prevention": "これから同じことを防ぐには",
        "safety": "安全のための案内",
        "resources": "相談できるところ",
        "decision": "返すかどうか",
        "timing": "タイミング",
        "why_no_drafts": "返信の例がない理由",
        "now": "いまできること",
        "if_you_reply": "返すとしたら",
        "goal": "どうしたい?",
    },
    "en": {
        "reason": "Why they wrote now",
        "response": "How to reply",
        "caution": "What to watch out for",
        "replies": "Drafts you could send",
        "strategies": "How to pitch it",
        "prevention": "To keep it from happening again",
        "safety": "Safety first",
        "resources": "Where to get help",
        "decision": "Whether to reply",
        "timing": "When",
        "why_no_drafts": "Why there are no drafts",
        "now": "What you can do now",
        "if_you_reply": "If you do reply",
        "goal": "What do you want?",
    },
}

_SOURCES: dict[Language, dict[Source, str]] = {
    "ja": {"llm": "AI", "rules": "オフライン(ルール)", "safety": "安全のための案内"},
    "en": {"llm": "AI", "rules": "Offline (rules)", "safety": "Safety guidance"},
}

DISCLAIMER: dict[Language, str] = {
    "ja": (
        "これはAIによる助言で、カウンセリングや緊急窓口ではありません。"
        "危険を感じたら110番（警察）、急病やけがは119番へ。"
    ),
    "en": (
        "This is advice from an AI, not counselling or an emergency service. "
        "If you are in danger, call 110 (police) or 119 (ambulance) in Japan, 911 in the US."
    ),
}

_ANSWERED_OFFLINE = ("オフライン（ルール）で回答しました。", "The offline rules answered instead.")


def heading(name: HeadingName, language: Language) -> str:
    return _HEADINGS[language][name]


def source_badge(source: Source, language: Language) -> str:
    return _SOURCES[language][source]


def fallback_note(reason: FallbackReason, language: Language) -> str:
    """What went wrong on the AI path, then that the rules answered; rails read the same."""
    ja, en = describe_reason(reason)
    return f"{ja}{_ANSWERED_OFFLINE[0]}" if language == "ja" else f"{en} {_ANSWERED_OFFLINE[1]}"


def tel_href(number: str) -> str:
    """`tel:` link target; `#9110` must become `%239110` or the dialler drops the `#`."""
    return "tel:" + quote(number.replace(" ", ""), safe="+0123456789-")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:&])")


def escape_markdown(text: str) -> str:
    """Text exactly as written, on one Markdown line or many: no heading, link, image, HTML or
    colour sneaks in from the user or the model, and no control or invisible character."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", clean(text))


def plain_markdown(text: str) -> str:
    """`escape_markdown`, with the writer's line breaks kept as line breaks."""
    return escape_markdown(text).replace("\n", "  \n")
