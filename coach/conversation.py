"""One exchange of the chat as the page keeps it: the user's text, the answer or the failure,
and the user's thumbs.

Foundation-level: imports nothing of the project but the schemas.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal
from uuid import uuid4

from coach.schemas import Advice, Language, Turn

__all__ = ["ChatEntry", "Rating", "history", "rating_from_thumbs"]

Rating = Literal["up", "down"]


def _new_id() -> str:
    return uuid4().hex[:12]


@dataclass(slots=True)
class ChatEntry:
    """A failed turn keeps the text and both messages, so nothing the user wrote is lost."""

    user: str
    advice: Advice | None = None
    error_ja: str | None = None
    error_en: str | None = None
    rating: Rating | None = None
    fresh: bool = False
    """This turn began a new situation (an example clicked mid-conversation)."""
    id: str = field(default_factory=_new_id)

    @property
    def answered(self) -> bool:
        return self.advice is not None

    def error(self, language: Language) -> str | None:
        return self.error_ja if language == "ja" else self.error_en


def history(entries: Iterable[ChatEntry], *, fresh: bool = False) -> list[Turn]:
    """Earlier turns for the coach: the answered ones of the current situation, which starts
    at the last fresh entry (or now, for a fresh turn). Safety answers always travel along,
    so starting a new situation never switches safety mode off."""
    kept = list(entries)
    start = len(kept) if fresh else max((i for i, e in enumerate(kept) if e.fresh), default=0)
    return [
        Turn(user=e.user, advice=e.advice)
        for i, e in enumerate(kept)
        if e.advice is not None and (i >= start or e.advice.source == "safety")
    ]


def rating_from_thumbs(value: int | None) -> Rating | None:
    """`st.feedback("thumbs")` gives 1 for up, 0 for down, None when cleared."""
    if value is None:
        return None
    return "up" if value == 1 else "down"
