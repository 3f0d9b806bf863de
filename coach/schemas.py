"""The answer's shape: one contract shared by the model, the rules, the rails and the page.

Foundation module: imports nothing else of the project.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "CAUTION_IDS",
    "LANGUAGES",
    "MODES",
    "OFF_TOPIC_FLAG",
    "PREVENTION_IDS",
    "REASON_IDS",
    "SAFETY_LEVELS",
    "STRATEGY_IDS",
    "Advice",
    "AdviceDraft",
    "Caution",
    "CautionDraft",
    "CautionId",
    "Language",
    "Meta",
    "Mode",
    "PreventionId",
    "Reason",
    "ReasonDraft",
    "ReasonId",
    "Resource",
    "Response",
    "ResponseDraft",
    "Safety",
    "SafetyLevel",
    "Source",
    "StrategyId",
    "Turn",
]

ReasonId = Literal[
    "curious",
    "unaware",
    "remorse",
    "reconcile",
    "worry",
    "busy",
    "fade_out",
    "other_priority",
]
StrategyId = Literal["ask_intent", "apologize_if_at_fault", "keep_it_light"]
CautionId = Literal["dont_be_swept_along", "stay_calm", "dont_blame"]
PreventionId = Literal["say_how_you_feel", "stay_independent", "agree_on_frequency"]
SafetyLevel = Literal["none", "self_harm", "violence", "stalking"]
Language = Literal["ja", "en"]
Source = Literal["llm", "rules", "safety"]
Mode = Literal["auto", "llm", "offline"]

REASON_IDS: tuple[str, ...] = get_args(ReasonId)
STRATEGY_IDS: tuple[str, ...] = get_args(StrategyId)
CAUTION_IDS: tuple[str, ...] = get_args(CautionId)
PREVENTION_IDS: tuple[str, ...] = get_args(PreventionId)
SAFETY_LEVELS: tuple[str, ...] = get_args(SafetyLevel)
LANGUAGES: tuple[str, ...] = get_args(Language)
MODES: tuple[str, ...] = get_args(Mode)

OFF_TOPIC_FLAG = "off_topic"
"""A redirect for requests outside the coach's remit: no categories or drafts expected."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- What the model is asked to write: exactly three sections. ---------------------------


class ReasonDraft(_Strict):
    summary: str = Field(min_length=1, description="Why they most likely wrote now.")
    categories: list[ReasonId] = Field(
        min_length=1, max_length=3, description="Reason ids, most likely first."
    )


class ResponseDraft(_Strict):
    approach: str = Field(min_length=1, description="How to reply, in two or three sentences.")
    replies: list[str] = Field(
        min_length=1, max_length=3, description="Drafts the user could send as they are."
    )


class CautionDraft(_Strict):
    points: list[str] = Field(min_length=1, max_length=5, description="What to watch out for.")


class AdviceDraft(_Strict):
    """The model's whole answer; the coach adds source, safety, language and meta."""

    reason: ReasonDraft
    response: ResponseDraft
    caution: CautionDraft


# --- What the caller gets. ---------------------------------------------------------------


class Reason(BaseModel):
    summary: str
    categories: list[ReasonId] = Field(default_factory=list)


class Response(BaseModel):
    approach: str
    replies: list[str] = Field(default_factory=list, max_length=3)
    strategies: list[StrategyId] = Field(default_factory=list)


class Caution(BaseModel):
    points: list[str] = Field(min_length=1, max_length=5)
    ids: list[CautionId] = Field(default_factory=list)
    prevention: list[PreventionId] = Field(default_factory=list)


class Resource(BaseModel):
    name: str
    contact: str
    tel: str | None = Field(default=None, description="Dialable number for a tel: link.")
    note: str = ""


class Safety(BaseModel):
    level: SafetyLevel = "none"
    flags: list[str] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)


class Meta(BaseModel):
    fallback_reason: str | None = None
    attempts: int = 0
    latency_ms: float = 0.0
    structured_mode: str | None = None
    model: str | None = None
    usage: dict[str, int] | None = None
    matched_cues: dict[str, list[str]] = Field(
        default_factory=dict, description="Rule engine: which cues chose each id."
    )


class Advice(BaseModel):
    reason: Reason
    response: Response
    caution: Caution
    source: Source
    safety: Safety = Field(default_factory=Safety)
    language: Language = "ja"
    meta: Meta = Field(default_factory=Meta)

    @model_validator(mode="after")
    def _coaching_needs_content(self) -> Advice:
        if self.source != "safety" and OFF_TOPIC_FLAG not in self.safety.flags:
            if not self.reason.categories:
                raise ValueError("reason.categories needs at least one id outside safety answers")
            if not self.response.replies:
                raise ValueError("response.replies needs at least one draft outside safety answers")
        return self

    @classmethod
    def from_draft(cls, draft: AdviceDraft, **extra: Any) -> Advice:
        return cls(
            reason=Reason(**draft.reason.model_dump()),
            response=Response(**draft.response.model_dump()),
            caution=Caution(**draft.caution.model_dump()),
            **extra,
        )


class Turn(BaseModel):
    """One earlier exchange: what the user wrote and, if it came, the coach's answer."""

    user: str
    advice: Advice | None = None
