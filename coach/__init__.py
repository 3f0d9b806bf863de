"""Reconnect Coach (音信不通コーチ): advice for when someone who went silent gets back in touch.

    from coach import advise
    advice = advise("半年音信不通だった友達から『久しぶり!元気?』と来た", mode="offline")
    print(advice.reason.summary, advice.response.replies[0])

The pipeline (rails, model client, openai) loads on first use, so `import coach` stays cheap.
The page and the terminal take everything they show from here: the types, the events, the
headings and labels, and every sentence of the wording file (`phrase`, `phrases`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

from coach.conversation import ChatEntry, history, rating_from_thumbs
from coach.errors import CoachError, CoachUnavailable, InvalidInput, InvalidSettings
from coach.events import Event, Final, Section, Status
from coach.knowledge import Kind, label
from coach.messages import (
    HeadingName,
    fallback_note,
    heading,
    plain_markdown,
    source_badge,
    tel_href,
)
from coach.schemas import (
    GOALS,
    Advice,
    Caution,
    Goal,
    Language,
    Mode,
    Reason,
    Response,
    Turn,
    TurnOptions,
)
from coach.text import clean, contains_japanese
from coach.wording import phrase, phrases

if TYPE_CHECKING:
    from collections.abc import Iterator

    from coach.config import Settings, load_settings
    from coach.export import to_json, to_markdown
    from coach.pipeline import Coach

__all__ = [
    "GOALS",
    "Advice",
    "Caution",
    "ChatEntry",
    "Coach",
    "CoachError",
    "CoachUnavailable",
    "Event",
    "Final",
    "Goal",
    "HeadingName",
    "InvalidInput",
    "InvalidSettings",
    "Kind",
    "Language",
    "Mode",
    "Reason",
    "Response",
    "Section",
    "Settings",
    "Status",
    "Turn",
    "TurnOptions",
    "aadvise",
    "advise",
    "clean",
    "contains_japanese",
    "disclaimer",
    "fallback_note",
    "heading",
    "history",
    "label",
    "load_settings",
    "phrase",
    "phrases",
    "plain_markdown",
    "rating_from_thumbs",
    "source_badge",
    "stream",
    "tel_href",
    "to_json",
    "to_markdown",
]

_default: Coach | None = None


def _coach() -> Coach:
    global _default
    if _default is None:
        from coach.pipeline import Coach

        _default = Coach()
    return _default


def advise(text: str, **options: Unpack[TurnOptions]) -> Advice:
    """Advice for one situation; the keywords are TurnOptions': `mode`, `history` (the earlier
    turns of the conversation), `language` and `goal` (what the user wants: "reconnect",
    "friendly", "distance", default "undecided")."""
    return _coach().advise(text, **options)


async def aadvise(text: str, **options: Unpack[TurnOptions]) -> Advice:
    """`advise` for the event loop."""
    return await _coach().aadvise(text, **options)


def stream(text: str, **options: Unpack[TurnOptions]) -> Iterator[Event]:
    """Status updates, each section once it has passed the rails, then the final Advice."""
    return _coach().stream(text, **options)


def disclaimer(language: Language) -> str:
    """The notice under the page and atop an export; the numbers it names come from the
    resources table, like every support number the coach shows."""
    from guardrails.resources import SUPPORT_NUMBERS

    return phrase("page.disclaimer", language, **SUPPORT_NUMBERS)


def __getattr__(name: str) -> Any:
    if name == "Coach":
        from coach.pipeline import Coach

        return Coach
    if name == "Settings":
        from coach.config import Settings

        return Settings
    if name == "load_settings":
        from coach.config import load_settings

        return load_settings
    if name == "to_json":
        from coach.export import to_json

        return to_json
    if name == "to_markdown":
        from coach.export import to_markdown

        return to_markdown
    raise AttributeError(f"module 'coach' has no attribute {name!r}")
