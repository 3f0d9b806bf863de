"""Words the page, the exports and the terminal share: headings, answer badges, fallback notes,
tel links, and the escaping that shows text exactly as written. The words themselves are in
the wording file (coach/wording.py).

Foundation-level: imports nothing of the project but the schemas, the errors, the wording and
the text clean-up.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote

from coach.cache import compile_cached
from coach.errors import describe_reason
from coach.schemas import FallbackReason, Language, Source
from coach.text import clean
from coach.wording import phrase

__all__ = [
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


def heading(name: HeadingName, language: Language) -> str:
    return phrase(f"heading.{name}", language)


def source_badge(source: Source, language: Language) -> str:
    return phrase(f"source.{source}", language)


def fallback_note(reason: FallbackReason, language: Language) -> str:
    """What went wrong on the AI path, then that the rules answered; rails read the same."""
    ja, en = describe_reason(reason)
    answered = phrase("note.answered_offline", language)
    return f"{ja}{answered}" if language == "ja" else f"{en} {answered}"


def tel_href(number: str) -> str:
    """`tel:` link target; `#9110` must become `%239110` or the dialler drops the `#`."""
    return "tel:" + quote(number.replace(" ", ""), safe="+0123456789-")


_MARKDOWN_SPECIAL = compile_cached(r"([\\`*_{}\[\]()#+\-.!|>~<$:&])")


def escape_markdown(text: str) -> str:
    """Text exactly as written, on one Markdown line or many: no heading, link, image, HTML or
    colour sneaks in from the user or the model, and no control or invisible character."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", clean(text))


def plain_markdown(text: str) -> str:
    """`escape_markdown`, with the writer's line breaks kept as line breaks."""
    return escape_markdown(text).replace("\n", "  \n")
