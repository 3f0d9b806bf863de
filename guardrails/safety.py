"""Fixed answers that no model writes: safety answers, the off-topic redirect, the check-in.

Wording is warm and plain on purpose: the reader may be frightened or in crisis at 2 a.m.
Safety answers never carry reply drafts, never suggest meeting, never help to find anyone.
The sentences are in the wording file (`safety.*`); the numbers they name come from the
resources table.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from coach.schemas import (
    OFF_TOPIC_FLAG,
    Advice,
    Caution,
    Language,
    Reason,
    Resource,
    Response,
    Safety,
)
from coach.wording import keys, phrase, phrases
from guardrails.input_rails import (
    DANGER_HISTORY_FLAG,
    DANGER_OTHER_FLAG,
    SELF_HARM_OTHER_FLAG,
    STALKING_BY_USER_FLAG,
    VIOLENCE_BY_USER_FLAG,
    InputReport,
)
from guardrails.resources import CHECK_IN, SAFETY_CHECK_IN, SUPPORT_NUMBERS, resources_for

__all__ = [
    "CHECK_IN_FLAG",
    "DANGER_OTHER_FLAG",
    "SAFETY_CHECK_IN_FLAG",
    "SELF_HARM_OTHER_FLAG",
    "STALKING_BY_USER_FLAG",
    "VIOLENCE_BY_USER_FLAG",
    "apply_input_flags",
    "off_topic_advice",
    "safety_advice",
]

CHECK_IN_FLAG = "distress_check_in"
SAFETY_CHECK_IN_FLAG = "safety_check_in"


@dataclass(frozen=True, slots=True)
class _Wording:
    """summary acknowledges what was shared; why says why there are no drafts; approach says
    what to do now."""

    summary: str
    approach: str
    points: tuple[str, ...]
    why: str = ""


def _say(key: str, language: Language) -> str:
    """A fixed sentence; any support number in it is filled from the resources table."""
    return phrase(f"safety.{key}", language, **SUPPORT_NUMBERS)


def _fixed(name: str, language: Language, *, why: bool = True) -> _Wording:
    """`safety.<name>.*` in the file's order; the off-topic redirect has no drafts to explain."""
    return _Wording(
        summary=_say(f"{name}.summary", language),
        approach=_say(f"{name}.approach", language),
        points=phrases(f"safety.{name}.points", language, **SUPPORT_NUMBERS),
        why=_say(f"{name}.why", language) if why else "",
    )


def _wording(report: InputReport) -> _Wording:
    key: str = report.level
    if report.level == "self_harm":
        about_other = SELF_HARM_OTHER_FLAG in report.flags
        return _fixed("self_harm_other" if about_other else key, report.language)
    if report.level == "violence" and VIOLENCE_BY_USER_FLAG in report.flags:
        key = "violence_by_user"
    elif STALKING_BY_USER_FLAG in report.flags:
        key = "stalking_by_user"
    elif DANGER_OTHER_FLAG in report.flags:
        key = "danger_other"
    wording = _fixed(key, report.language)
    if DANGER_HISTORY_FLAG in report.flags:
        return replace(wording, summary=_say(f"held.{key}", report.language))
    heard = f"safety.heard.{report.cue_family}"
    if key == report.level and report.detector == "cue" and heard in keys():
        # Say back what was heard (blackmail, a phone checked, waiting outside), not only the
        # level's general line: the user should see they were understood.
        return replace(wording, summary=phrase(heard, report.language, **SUPPORT_NUMBERS))
    return wording


def _advice(wording: _Wording, **extra: object) -> Advice:
    return Advice.model_validate(
        {
            "reason": Reason(summary=wording.summary),
            "response": Response(approach=wording.approach, why=wording.why),
            "caution": Caution(points=list(wording.points)),
            **extra,
        }
    )


def safety_advice(report: InputReport) -> Advice:
    """The fixed safety answer for the report's level: resources, no drafts, no categories."""
    level = report.level if report.level != "none" else "self_harm"
    return _advice(
        _wording(report) if report.level != "none" else _fixed("self_harm", report.language),
        source="safety",
        safety=Safety(
            level=level,
            flags=list(report.flags),
            resources=resources_for(
                level,
                report.language,
                user_threatens=(level == "violence" and VIOLENCE_BY_USER_FLAG in report.flags)
                or (level == "stalking" and STALKING_BY_USER_FLAG in report.flags),
                about_other=level == "self_harm" and SELF_HARM_OTHER_FLAG in report.flags,
                danger_other=level in ("violence", "stalking")
                and DANGER_OTHER_FLAG in report.flags,
            ),
        ),
        language=report.language,
    )


def off_topic_advice(report: InputReport) -> Advice:
    """A short friendly redirect for requests the coach is not for."""
    flags = list(dict.fromkeys((*report.flags, OFF_TOPIC_FLAG)))
    return _advice(
        _fixed("off_topic", report.language, why=False),
        source="rules",
        safety=Safety(level="none", flags=flags),
        language=report.language,
    )


def apply_input_flags(advice: Advice, report: InputReport) -> Advice:
    """The input's flags on a coaching answer, plus a gentle check-in after distress words or
    words near danger that named no safety level."""
    result = advice.model_copy(deep=True)
    result.safety.flags = list(dict.fromkeys((*result.safety.flags, *report.flags)))
    if CHECK_IN_FLAG in report.flags:
        _check_in(result, _say("check_in", report.language), (CHECK_IN[report.language],))
    if SAFETY_CHECK_IN_FLAG in report.flags:
        line = _say("safety_check_in", report.language)
        _check_in(result, line, SAFETY_CHECK_IN[report.language])
    return result


def _check_in(advice: Advice, line: str, resources: tuple[Resource, ...]) -> None:
    if line not in advice.caution.points:
        advice.caution.points = [line, *advice.caution.points][:5]
    for resource in resources:
        if all(r.contact != resource.contact for r in advice.safety.resources):
            advice.safety.resources.append(resource.model_copy())
