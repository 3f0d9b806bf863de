"""Safety cues: how the families of `guardrails/cues/safety.toml` are read.

The cue words are data (`guardrails.cuebook` describes the format); what the data cannot say
lives here. Figurative speech and the other person's threats to harm themselves are blanked
first, so "恥ずかしくて死にたい" is no crisis and a partner's "別れたら死ぬ" is coercion, not the
user's own. The levels are then read most serious first, and the gentle check-in groups last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from coach.schemas import SAFETY_LEVELS, SafetyLevel
from guardrails.cuebook import CueError, Family, book

__all__ = ["LEVEL_GROUPS", "SafetyMatch", "danger_to_other", "match_safety"]

LEVEL_GROUPS = ("self_harm", "threat_by_user", "violence", "control", "stalk_user", "stalk_other")
"""The groups that name a level, most serious first: the first that matches decides."""


@dataclass(frozen=True, slots=True)
class SafetyMatch:
    level: SafetyLevel
    flags: tuple[str, ...]
    family: str
    """The cue family that decided (`self_harm.methods`), or "" when none did."""
    cue: str
    """The matched text, for evals and debugging: never logged with the user's text."""


def _level(family: Family) -> SafetyLevel:
    level = family.level or "none"
    if level in SAFETY_LEVELS:
        return cast(SafetyLevel, level)
    raise CueError(f"safety.toml: family {family.id!r} names no safety level")


def _matched(family: Family, cue: str) -> SafetyMatch:
    return SafetyMatch(_level(family), family.flags, family.id, cue)


def match_safety(normalized: str, *, spelled: Sequence[str] = ()) -> SafetyMatch:
    """The most serious level the text shows, most serious first: self-harm, violence, stalking.

    `spelled` holds words spelled out letter by letter (`coach.text.spelled_out`)."""
    cues = book("safety")
    text, _ = cues.group("figurative").blank(normalized)
    text, coerced = cues.group("coercion").blank(text)
    for name in LEVEL_GROUPS:
        group = cues.group(name)
        found = group.search(text) or group.search_glued(spelled)
        if found:
            return _matched(found[0], found[1].group())
    if coerced is not None:
        return _matched(coerced, "coercion")
    for name in ("distress", "concern"):
        found = cues.group(name).search(text)
        if found:
            return _matched(found[0], found[1].group())
    return SafetyMatch("none", (), "", "")


def danger_to_other(normalized: str) -> bool:
    """Whether the one hurt, controlled or followed is someone the user knows (a friend and
    her partner) rather than the user: read only on a text that already has a violence or
    stalking level, to choose the answer for a worried friend."""
    cues = book("safety")
    return (
        cues.group("about_other").search(normalized) is not None
        and cues.group("about_self").search(normalized) is None
    )
