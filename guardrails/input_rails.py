"""Input rails: run before any model call, in every mode, offline included.

Order matters: validation, then safety (on normalised text), then prompt injection, PII and
topic. Safety keeps the first word: a crisis is answered by a fixed safety answer whatever
else the text holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from coach.errors import MAX_INPUT_CHARS, InvalidInput
from coach.schemas import OFF_TOPIC_FLAG, Language, SafetyLevel, Turn
from coach.text import clean, detect_language, normalize
from guardrails.injection import INJECTION_FLAG, looks_like_injection
from guardrails.patterns import match_safety
from guardrails.pii import scrub_pii
from guardrails.topic import is_off_topic

__all__ = ["DANGER_HISTORY_FLAG", "SELF_HARM_HISTORY_FLAG", "InputReport", "check_input"]

SELF_HARM_HISTORY_FLAG = "self_harm_history"
"""Safety mode held over from an earlier turn: a later "never mind" does not switch it off."""
DANGER_HISTORY_FLAG = "danger_history"
"""Violence or stalking earlier in the conversation: no later turn drafts a reply to them."""

_NORMALIZE_CACHE_LIMIT = 1000
"""Longer texts skip normalize's cache so pasted letters don't crowd out short turns."""


@dataclass(frozen=True, slots=True)
class InputReport:
    text: str
    """The cleaned text as the user wrote it: what the user's own view shows."""
    scrubbed: str
    """PII replaced by placeholders: the only form that may leave the machine."""
    language: Language
    level: SafetyLevel
    flags: tuple[str, ...]


def _validated(text: object) -> str:
    if not isinstance(text, str):
        raise InvalidInput("not_text")
    cleaned = clean(text)
    if not cleaned:
        raise InvalidInput("empty")
    if len(cleaned) > MAX_INPUT_CHARS:
        raise InvalidInput("too_long")
    return cleaned


def _normalized(text: str) -> str:
    if len(text) > _NORMALIZE_CACHE_LIMIT:
        return normalize.__wrapped__(text)
    return normalize(text)


@lru_cache(maxsize=512)
def _earlier_level(user_text: str) -> tuple[SafetyLevel, tuple[str, ...]]:
    """Cached: every turn re-reads the whole history, so each earlier text is read once."""
    earlier = clean(user_text)[:MAX_INPUT_CHARS]
    if not earlier:
        return "none", ()
    found = match_safety(_normalized(earlier))
    return found.level, found.flags


def _levels_before(history: Sequence[Turn]) -> list[tuple[SafetyLevel, tuple[str, ...]]]:
    """The safety level of each earlier turn, from its answer or else from its text."""
    levels: list[tuple[SafetyLevel, tuple[str, ...]]] = []
    for turn in history:
        safety = turn.advice.safety if turn.advice is not None else None
        if safety is not None and safety.level != "none":
            levels.append((safety.level, tuple(safety.flags)))
        else:
            levels.append(_earlier_level(turn.user))
    return levels


def _held(history: Sequence[Turn]) -> tuple[SafetyLevel, list[str]] | None:
    """Self-harm first; otherwise the latest violence or stalking, which also holds."""
    levels = _levels_before(history)
    if any(level == "self_harm" for level, _ in levels):
        return "self_harm", [SELF_HARM_HISTORY_FLAG]
    for level, flags in reversed(levels):
        if level in ("violence", "stalking"):
            kept = [f for f in flags if f == "stalking_by_user"]
            return level, [DANGER_HISTORY_FLAG, *kept]
    return None


def check_input(
    text: object, *, history: Sequence[Turn] = (), language: Language | None = None
) -> InputReport:
    """Validate, classify and scrub one situation text; raises InvalidInput with a code."""
    cleaned = _validated(text)
    normalized = _normalized(cleaned)
    language = language or detect_language(cleaned)

    found = match_safety(normalized)
    level: SafetyLevel = found.level
    flags: list[str] = list(found.flags)
    held = _held(history) if level != "self_harm" else None
    if held is not None and (held[0] == "self_harm" or level == "none"):
        level, flags = held
    if looks_like_injection(normalized):
        flags.append(INJECTION_FLAG)
    scrubbed, kinds = scrub_pii(cleaned, language)
    flags.extend(f"pii:{kind}" for kind in kinds)
    if level == "none" and INJECTION_FLAG not in flags and is_off_topic(normalized):
        flags.append(OFF_TOPIC_FLAG)
    return InputReport(
        text=cleaned, scrubbed=scrubbed, language=language, level=level, flags=tuple(flags)
    )
