"""Input rails: run before any model call, in every mode, offline included.

Order matters: validation, then safety (on normalised text), then prompt injection, PII and
topic. Safety keeps the first word: a crisis is answered by a fixed safety answer whatever
else the text holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, Protocol

from coach.errors import MAX_INPUT_CHARS, InvalidInput
from coach.schemas import LANGUAGES, OFF_TOPIC_FLAG, Detector, Language, SafetyLevel, Turn
from coach.text import clean, detect_language, normalize, spelled_out
from guardrails.injection import INJECTION_FLAG, looks_like_injection
from guardrails.patterns import danger_to_other, match_safety
from guardrails.pii import scrub_pii
from guardrails.topic import is_off_topic

__all__ = [
    "CUE_DETECTOR",
    "DANGER_HISTORY_FLAG",
    "DANGER_OTHER_FLAG",
    "SELF_HARM_HISTORY_FLAG",
    "SELF_HARM_OTHER_FLAG",
    "STALKING_BY_USER_FLAG",
    "VIOLENCE_BY_USER_FLAG",
    "CueDetector",
    "Detection",
    "InputDetector",
    "InputReport",
    "check_input",
]

SELF_HARM_HISTORY_FLAG = "self_harm_history"
"""Safety mode held over from an earlier turn: a later "never mind" does not switch it off."""
DANGER_HISTORY_FLAG = "danger_history"
"""Violence or stalking earlier in the conversation: no later turn drafts a reply to them."""
SELF_HARM_OTHER_FLAG = "self_harm_other"
"""The warning is in the other person's words: the safety answer is about keeping them safe.
A detector may note it on any text; it means nothing unless some detector reads self-harm."""
VIOLENCE_BY_USER_FLAG = "violence_by_user"
"""The user, not the other person, threatens harm: de-escalation and different support lines."""
STALKING_BY_USER_FLAG = "stalking_by_user"
"""The user wants to locate, watch or keep contacting someone: a decline, not a safety plan."""
DANGER_OTHER_FLAG = "danger_other"
"""The violence or stalking is done to someone the user knows (a friend controlled by her
partner), not to the user: the answer is for a worried friend, not a victim's safety plan."""
_KEPT_FLAGS = (STALKING_BY_USER_FLAG, VIOLENCE_BY_USER_FLAG, DANGER_OTHER_FLAG)
"""Whose danger it is holds with the level over later turns."""


@dataclass(frozen=True, slots=True)
class InputReport:
    text: str
    """The cleaned text as the user wrote it: what the user's own view shows."""
    scrubbed: str
    """PII replaced by placeholders: the only form that may leave the machine."""
    language: Language
    level: SafetyLevel
    flags: tuple[str, ...]
    detector: Detector | None = None
    """Who decided the level: `cue`, `semantic`, or `history` when an earlier turn's level
    holds (None while the level is `none`)."""
    reasons: Mapping[str, float] = field(default_factory=dict)
    """The reason head's probabilities, when the semantic rails read the text."""
    reason_cue_weight: float = 1.0
    """How much the rule engine's cue scores count against `reasons` (calibrated on dev)."""
    semantic: Literal["on", "off", "unavailable"] = "off"
    cue_family: str = ""
    """The cue family the cue floor matched (`self_harm.methods`), level or check-in; "" when
    none did. Names the rule, never the user's words."""


@dataclass(frozen=True, slots=True)
class Detection:
    """One detector's read of a text: a level, soft check-in flags, and what else it read."""

    level: SafetyLevel = "none"
    flags: tuple[str, ...] = ()
    reasons: Mapping[str, float] = field(default_factory=dict)
    reason_cue_weight: float = 1.0
    status: Literal["on", "off", "unavailable"] = "on"
    family: str = ""
    """The cue family that matched, when a cue did."""


class InputDetector(Protocol):
    """Reads one cleaned text (and its normalised form) for danger."""

    name: Detector

    def detect(self, text: str, normalized: str) -> Detection: ...


class CueDetector:
    """The cue floor: the hand-written safety cues. Never weakened, always first."""

    name: Detector = "cue"

    def detect(self, text: str, normalized: str) -> Detection:
        found = match_safety(normalized, spelled=_spelled(text, normalized))
        return Detection(found.level, found.flags, family=found.family)


CUE_DETECTOR = CueDetector()


def _validated(text: object) -> str:
    if not isinstance(text, str):
        raise InvalidInput("not_text")
    cleaned = clean(text)
    if not cleaned:
        raise InvalidInput("empty")
    if len(cleaned) > MAX_INPUT_CHARS:
        raise InvalidInput("too_long", length=len(cleaned))
    return cleaned


@lru_cache(maxsize=512)
def _earlier_level(
    user_text: str, detectors: tuple[InputDetector, ...]
) -> tuple[SafetyLevel, tuple[str, ...]]:
    """Cached: every turn re-reads the whole history, so each earlier text is read once."""
    earlier = clean(user_text)[:MAX_INPUT_CHARS]
    if not earlier:
        return "none", ()
    normalized, _ = _forms(earlier)
    level, flags, _ = _combine(detectors, [d.detect(earlier, normalized) for d in detectors])
    return level, tuple(flags)


def _forms(cleaned: str) -> tuple[str, list[str]]:
    """The matched form, and when a word was spelled letter by letter the same with no spaces
    at all, for the cues to be read with their word breaks optional."""
    normalized = normalize(cleaned)
    return normalized, _spelled(cleaned, normalized)


def _spelled(cleaned: str, normalized: str) -> list[str]:
    return [normalized.replace(" ", "")] if spelled_out(cleaned) else []


def _levels_before(
    history: Sequence[Turn], detectors: tuple[InputDetector, ...]
) -> list[tuple[SafetyLevel, tuple[str, ...]]]:
    """The safety level of each earlier turn, from its answer or else from its text."""
    levels: list[tuple[SafetyLevel, tuple[str, ...]]] = []
    for turn in history:
        safety = turn.advice.safety if turn.advice is not None else None
        if safety is not None and safety.level != "none":
            levels.append((safety.level, tuple(safety.flags)))
        else:
            levels.append(_earlier_level(turn.user, detectors))
    return levels


def _held(
    history: Sequence[Turn], detectors: tuple[InputDetector, ...]
) -> tuple[SafetyLevel, list[str]] | None:
    """Self-harm first; otherwise the latest violence or stalking, which also holds."""
    levels = _levels_before(history, detectors)
    harm = [flags for level, flags in levels if level == "self_harm"]
    if harm:
        about_other = all(SELF_HARM_OTHER_FLAG in flags for flags in harm)
        return "self_harm", [SELF_HARM_HISTORY_FLAG, *([SELF_HARM_OTHER_FLAG] * about_other)]
    for level, flags in reversed(levels):
        if level in ("violence", "stalking"):
            kept = [f for f in flags if f in _KEPT_FLAGS]
            return level, [DANGER_HISTORY_FLAG, *kept]
    return None


def _combine(
    detectors: Sequence[InputDetector], reads: Sequence[Detection]
) -> tuple[SafetyLevel, list[str], Detector | None]:
    """The first detector with a level decides, except that self-harm from any detector wins:
    the cue floor keeps its word, and a crisis is never answered as something lesser."""
    harm = [(d, r) for d, r in zip(detectors, reads, strict=True) if r.level == "self_harm"]
    if harm:
        # Whose words they are may come from a detector that did not find the self-harm.
        said = dict.fromkeys(f for _, read in harm for f in read.flags if f != SELF_HARM_OTHER_FLAG)
        if any(SELF_HARM_OTHER_FLAG in read.flags for read in reads):
            said[SELF_HARM_OTHER_FLAG] = None
        return "self_harm", list(said), harm[0][0].name
    for detector, read in zip(detectors, reads, strict=True):
        if read.level != "none":
            return read.level, [f for f in read.flags if f != SELF_HARM_OTHER_FLAG], detector.name
    flags: list[str] = []
    for read in reads:
        flags.extend(f for f in read.flags if f not in flags and f != SELF_HARM_OTHER_FLAG)
    return "none", flags, None


def _language(language: object, cleaned: str) -> Language:
    if language is None:
        return detect_language(cleaned)
    if language not in LANGUAGES:
        raise InvalidInput("bad_language")
    return "ja" if language == "ja" else "en"


def check_input(
    text: object,
    *,
    history: Sequence[Turn] = (),
    language: Language | None = None,
    detectors: Sequence[InputDetector] = (CUE_DETECTOR,),
) -> InputReport:
    """Validate, classify and scrub one situation text; raises InvalidInput with a code.

    `detectors` read the text for danger in order: the cue floor alone by default; the
    pipeline's rails add the semantic heads (see guardrails.rails).
    """
    cleaned = _validated(text)
    normalized, spelled = _forms(cleaned)
    language = _language(language, cleaned)

    chain = tuple(detectors)
    reads = [d.detect(cleaned, normalized) for d in chain]
    level, flags, decided = _combine(chain, reads)
    semantic = next((r for r, d in zip(reads, chain, strict=True) if d.name == "semantic"), None)
    held = _held(history, chain) if level != "self_harm" else None
    if held is not None and (held[0] == "self_harm" or level == "none"):
        (level, flags), decided = held, "history"
    elif (
        level in ("violence", "stalking")
        and not {VIOLENCE_BY_USER_FLAG, STALKING_BY_USER_FLAG} & set(flags)
        and danger_to_other(normalized)
    ):
        flags.append(DANGER_OTHER_FLAG)
    if looks_like_injection(normalized, spelled=spelled):
        flags.append(INJECTION_FLAG)
    scrubbed, kinds = scrub_pii(cleaned, language)
    flags.extend(f"pii:{kind}" for kind in kinds)
    if level == "none" and INJECTION_FLAG not in flags and is_off_topic(normalized):
        flags.append(OFF_TOPIC_FLAG)
    return InputReport(
        text=cleaned,
        scrubbed=scrubbed,
        language=language,
        level=level,
        flags=tuple(flags),
        detector=decided,
        reasons=semantic.reasons if semantic else {},
        reason_cue_weight=semantic.reason_cue_weight if semantic else 1.0,
        semantic=semantic.status if semantic else "off",
        cue_family=next(
            (r.family for d, r in zip(chain, reads, strict=True) if d.name == "cue"), ""
        ),
    )
