"""Errors a caller can meet; each message says what to do next, in Japanese and English.

The sentences live in the wording file (coach/wording.py); this module names the codes.
"""

from __future__ import annotations

from coach.schemas import FALLBACK_REASONS, FallbackReason
from coach.wording import both

__all__ = [
    "FALLBACK_REASONS",
    "INPUT_CODES",
    "MAX_INPUT_CHARS",
    "CoachError",
    "CoachUnavailable",
    "InvalidInput",
    "InvalidSettings",
    "describe_reason",
]

MAX_INPUT_CHARS = 4000
"""Longest situation text accepted: a long letter fits, a pasted chat log should be trimmed."""

INPUT_CODES: tuple[str, ...] = (
    "empty",
    "too_long",
    "not_text",
    "goal",
    "bad_language",
    "bad_mode",
    "bad_history",
)
"""Why a text cannot be coached as given; an unknown code reads as `not_text`."""

_RAILS: dict[str, str] = {
    "wrong_language": "empty_or_language",
    "empty_content": "empty_or_language",
    "malformed": "incomplete",
    "unknown_category": "incomplete",
    "prompt_leak": "unshowable",
    "link_or_markup": "unshowable",
    "unknown_phone": "unshowable",
}
"""Output rails that are not about safety, each with its own plain wording; the safety rails
(self-harm, harmful advice, insults, and any rail added later) keep "safety checks"."""


def describe_reason(reason: FallbackReason) -> tuple[str, str]:
    """Japanese and English sentences for a fallback reason, for the page and the CLI."""
    if reason.startswith("output_rail"):
        rail = reason.partition(":")[2]
        return both(f"rail.{_RAILS[rail]}" if rail in _RAILS else "reason.output_rail")
    return both(f"reason.{reason}" if reason in FALLBACK_REASONS else "reason.unknown")


class CoachError(Exception):
    """Base class: every error the coach raises on purpose."""


class InvalidInput(CoachError, ValueError):
    """The situation text cannot be coached as given."""

    length: int | None
    """How many characters a `too_long` text had, so the message can say how far over."""

    def __init__(self, code: str, *, length: int | None = None) -> None:
        self.code = code
        self.length = length
        known = code if code in INPUT_CODES else "not_text"
        key = f"error.input.{known}"
        if known == "too_long" and length is not None:
            key = "error.input.too_long_by"
        self.message_ja, self.message_en = both(key, max_chars=MAX_INPUT_CHARS, length=length)
        super().__init__(f"{self.message_ja} / {self.message_en}")

    def message(self, language: str) -> str:
        return self.message_ja if language == "ja" else self.message_en


class InvalidSettings(CoachError, ValueError):
    """A configuration value (environment or Settings) cannot be used."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.message_ja, self.message_en = both("error.settings", names=", ".join(names))
        super().__init__(f"{self.message_ja} / {self.message_en}")

    def message(self, language: str) -> str:
        return self.message_ja if language == "ja" else self.message_en


class CoachUnavailable(CoachError, RuntimeError):
    """Mode `llm` was asked for and the model gave no usable answer."""

    def __init__(self, reason: FallbackReason, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        ja, en = describe_reason(reason)
        hint_ja, hint_en = both("error.unavailable_hint")
        self.message_ja = f"{ja}{hint_ja}"
        self.message_en = f"{en} {hint_en}"
        super().__init__(f"{self.message_ja} / {self.message_en}")

    def message(self, language: str) -> str:
        return self.message_ja if language == "ja" else self.message_en
