"""Reconnect Coach (音信不通コーチ): advice for when someone who went silent gets back in touch.

    from coach import advise
    advice = advise("半年音信不通だった友達から『久しぶり!元気?』と来た", mode="offline")
    print(advice.reason.summary, advice.response.replies[0])

The pipeline (rails, model client, openai) loads on first use, so `import coach` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

from coach.errors import CoachError, CoachUnavailable, InvalidInput, InvalidSettings
from coach.schemas import Advice, Turn, TurnOptions

if TYPE_CHECKING:
    from collections.abc import Iterator

    from coach.config import Settings, load_settings
    from coach.events import Event
    from coach.pipeline import Coach

__all__ = [
    "Advice",
    "Coach",
    "CoachError",
    "CoachUnavailable",
    "InvalidInput",
    "InvalidSettings",
    "Settings",
    "Turn",
    "TurnOptions",
    "aadvise",
    "advise",
    "load_settings",
    "stream",
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
    raise AttributeError(f"module 'coach' has no attribute {name!r}")
