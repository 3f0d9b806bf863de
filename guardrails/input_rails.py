"""Input rails: run before any model call, in every mode (placeholder: validation only)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.errors import MAX_INPUT_CHARS, InvalidInput
from coach.schemas import Language, SafetyLevel, Turn
from coach.text import clean, detect_language

__all__ = ["InputReport", "check_input"]


@dataclass(frozen=True, slots=True)
class InputReport:
    text: str
    """The cleaned text as the user wrote it: what the user's own view shows."""
    scrubbed: str
    """PII replaced by placeholders: the only form that may leave the machine."""
    language: Language
    level: SafetyLevel
    flags: tuple[str, ...]


def check_input(
    text: object, *, history: Sequence[Turn] = (), language: Language | None = None
) -> InputReport:
    if not isinstance(text, str):
        raise InvalidInput("not_text")
    cleaned = clean(text)
    if not cleaned:
        raise InvalidInput("empty")
    if len(cleaned) > MAX_INPUT_CHARS:
        raise InvalidInput("too_long")
    return InputReport(
        text=cleaned,
        scrubbed=cleaned,
        language=language or detect_language(cleaned),
        level="none",
        flags=(),
    )
