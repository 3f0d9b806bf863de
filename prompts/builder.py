"""System prompt assembled from coach/data/knowledge.json: the same file the rules read.

The instructions stay in English (models follow them most reliably); the knowledge lines and
every word of the answer are in the user's language.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from string import Template

from coach.knowledge import Choice, Item, knowledge_base
from coach.schemas import MODEL_DECISIONS, Language

__all__ = ["build_system_prompt"]


_HEADINGS = {
    "reasons": "Reason ids (why they wrote now / why they went silent)",
    "strategies": "Reply strategies",
    "cautions": "Cautions",
    "prevention": "Keeping it from happening again",
    "goals": "The user's goal (given with each situation)",
    "decisions": "Decisions (response.decision)",
    "intents": "Draft intents (response.intents, one per reply)",
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
        ("goals", kb.goals),
        ("decisions", {k: v for k, v in kb.decisions.items() if k in MODEL_DECISIONS}),
        ("intents", kb.intents),
    ):
        sections.append(f"{_HEADINGS[kind]}:")
        sections += [_item_line(item, language) for item in items.values()]
    return "\n".join(sections)


def _item_line(item: Item | Choice, language: Language) -> str:
    return f"- {item.id}: {item.meaning.get(language)}"
