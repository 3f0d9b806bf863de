"""System prompt assembled from coach/data/knowledge.json: the same file the rules read.

The instructions stay in English (models follow them most reliably); the knowledge lines and
every word of the answer are in the user's language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from string import Template

from coach.knowledge import Item, knowledge_base
from coach.schemas import Language, Turn

__all__ = ["build_system_prompt", "build_user_message"]

_MAX_EARLIER_TURNS = 4
"""Older turns add tokens but little context."""
_DATA_TAGS = re.compile(r"<\s*/?\s*(?:situation|earlier_turn)\b[^>]*>", re.IGNORECASE)

_HEADINGS = {
    "reasons": "Reason ids (why they wrote now / why they went silent)",
    "strategies": "Reply strategies",
    "cautions": "Cautions",
    "prevention": "Keeping it from happening again",
}
_LANGUAGE_RULES: dict[Language, str] = {
    "ja": "Write every text field in natural, warm Japanese (日本語で回答).",
    "en": "Write every text field in natural, warm English.",
}


@cache
def build_system_prompt(language: Language) -> str:
    """One prompt per language, built once per process."""
    template = Template(files("prompts").joinpath("system.md").read_text(encoding="utf-8"))
    return template.substitute(
        knowledge=_knowledge(language), language_rule=_LANGUAGE_RULES[language]
    ).strip()


def _knowledge(language: Language) -> str:
    kb = knowledge_base()
    reasons = [
        f"- {r.id} ({r.label.get(language)}): {r.meaning.get(language)}"
        for r in kb.reasons.values()
    ]
    sections = [f"{_HEADINGS['reasons']}:", *reasons]
    for kind, items in (
        ("strategies", kb.strategies),
        ("cautions", kb.cautions),
        ("prevention", kb.prevention),
    ):
        sections.append(f"{_HEADINGS[kind]}:")
        sections += [_item_line(item, language) for item in items.values()]
    return "\n".join(sections)


def _item_line(item: Item, language: Language) -> str:
    return f"- {item.id}: {item.meaning.get(language)}"


def build_user_message(text: str, history: Sequence[Turn] = ()) -> str:
    """The user's words as quoted data, in the tags the system prompt announces.

    Tag look-alikes inside the data are removed, so a message cannot close the quote early and
    speak as instructions.
    """
    parts = []
    for turn in history[-_MAX_EARLIER_TURNS:]:
        reasons = ""
        if turn.advice is not None and turn.advice.reason.categories:
            reasons = f' reasons="{",".join(turn.advice.reason.categories)}"'
        parts.append(f"<earlier_turn{reasons}>{_as_data(turn.user)}</earlier_turn>")
    parts.append(f"<situation>{_as_data(text)}</situation>")
    return "\n".join(parts)


def _as_data(text: str) -> str:
    return _DATA_TAGS.sub("", text)
