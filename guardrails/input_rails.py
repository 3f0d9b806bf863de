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
from coach.schemas import LANGUAGES, OFF_TOPIC_FLAG, Language, SafetyLevel, Turn
from coach.text import clean, detect_language, normalize, spelled_out
from guardrails.injection import INJECTION_FLAG, looks_like_injection
from guardrails.patterns import match_safety
from guardrails.pii import scrub_pii
from guardrails.topic import is_off_topic

__all__ = ["SELF_HARM_HISTORY_FLAG", "InputReport", "check_input"]

SELF_HARM_HISTORY_FLAG = "self_harm_history"
"""Safety mode held over from an earlier turn: a later "never mind" does not switch it off."""


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


@lru_cache(maxsize=512)
def _spoke_of_self_harm(user_text: str) -> bool:
    """Cached: every turn re-reads the whole history, so each earlier text is read once."""
    earlier = clean(user_text)[:MAX_INPUT_CHARS]
    if not earlier:
        return False
    normalized, spelled = _forms(earlier)
    return match_safety(normalized, spelled=spelled).level == "self_harm"


def _forms(cleaned: str) -> tuple[str, list[str]]:
    """The matched form, and when a word was spelled letter by letter the same with no spaces
    at all, for the cues to be read with their word breaks optional."""
    normalized = normalize(cleaned)
    return normalized, [normalized.replace(" ", "")] if spelled_out(cleaned) else []


def _self_harm_before(history: Sequence[Turn]) -> bool:
    for turn in history:
        if turn.advice is not None and turn.advice.safety.level == "self_harm":
            return True
        if _spoke_of_self_harm(turn.user):
            return True
    return False


def _language(language: object, cleaned: str) -> Language:
    if language is None:
        return detect_language(cleaned)
    if language not in LANGUAGES:
        raise InvalidInput("bad_language")
    return "ja" if language == "ja" else "en"


def check_input(
    text: object, *, history: Sequence[Turn] = (), language: Language | None = None
) -> InputReport:
    """Validate, classify and scrub one situation text; raises InvalidInput with a code."""
    cleaned = _validated(text)
    normalized, spelled = _forms(cleaned)
    language = _language(language, cleaned)

    found = match_safety(normalized, spelled=spelled)
    level: SafetyLevel = found.level
    flags: list[str] = list(found.flags)
    if level != "self_harm" and _self_harm_before(history):
        level = "self_harm"
        flags = [SELF_HARM_HISTORY_FLAG]
    if looks_like_injection(normalized, spelled=spelled):
        flags.append(INJECTION_FLAG)
    scrubbed, kinds = scrub_pii(cleaned, language)
    flags.extend(f"pii:{kind}" for kind in kinds)
    if level == "none" and INJECTION_FLAG not in flags and is_off_topic(normalized):
        flags.append(OFF_TOPIC_FLAG)
    return InputReport(
        text=cleaned, scrubbed=scrubbed, language=language, level=level, flags=tuple(flags)
    )
