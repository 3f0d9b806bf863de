"""The answer's shape: one contract shared by the model, the rules, the rails and the page.

Foundation module: imports nothing else of the project.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "CAUTION_IDS",
    "DECISIONS",
    "DRAFT_INTENTS",
    "GOALS",
    "LANGUAGES",
    "MODEL_DECISIONS",
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
    "Decision",
    "Detector",
    "DraftIntent",
    "Goal",
    "Language",
    "Meta",
    "Mode",
    "ModelDecision",
    "PreventionId",
    "Reason",
    "ReasonDraft",
    "ReasonId",
    "Resource",
    "Response",
    "ResponseDraft",
    "RiskDraft",
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
Goal = Literal["reconnect", "friendly", "distance", "undecided"]
"""What the user wants from this relationship: it shapes the decision and the drafts."""
ModelDecision = Literal["reply_now", "reply_later", "reply_briefly", "no_reply"]
"""The decisions a coaching answer may make; `no_reply` is an answer, not a failure."""
Decision = Literal["reply_now", "reply_later", "reply_briefly", "no_reply", "safety_first"]
"""`safety_first` belongs to the fixed safety answers only."""
DraftIntent = Literal["warm", "careful", "boundary", "polite_close"]

REASON_IDS: tuple[str, ...] = get_args(ReasonId)
STRATEGY_IDS: tuple[str, ...] = get_args(StrategyId)
CAUTION_IDS: tuple[str, ...] = get_args(CautionId)
PREVENTION_IDS: tuple[str, ...] = get_args(PreventionId)
SAFETY_LEVELS: tuple[str, ...] = get_args(SafetyLevel)
GOALS: tuple[str, ...] = get_args(Goal)
MODEL_DECISIONS: tuple[str, ...] = get_args(ModelDecision)
DECISIONS: tuple[str, ...] = get_args(Decision)
DRAFT_INTENTS: tuple[str, ...] = get_args(DraftIntent)
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
    """Whether and when to reply comes first; a draft left without its fields is completed by
    the rule engine, so older or smaller models still give a whole answer."""

    decision: ModelDecision | None = Field(
        default=None, description="Whether and how soon to reply at all."
    )
    why: str = Field(default="", description="One line: why this decision.")
    timing: str = Field(default="", description="One line: when to reply, or to leave it.")
    approach: str = Field(min_length=1, description="How to reply, in two or three sentences.")
    replies: list[str] = Field(
        min_length=1, max_length=3, description="Drafts the user could send as they are."
    )
    intents: list[DraftIntent] = Field(
        default_factory=list, max_length=3, description="One intent per reply, in order."
    )

    @model_validator(mode="after")
    def _one_intent_per_reply(self) -> ResponseDraft:
        if self.intents and len(self.intents) != len(self.replies):
            raise ValueError("intents needs exactly one entry per reply")
        if len(set(self.intents)) != len(self.intents):
            raise ValueError("intents must differ from each other")
        return self


class CautionDraft(_Strict):
    points: list[str] = Field(min_length=1, max_length=5, description="What to watch out for.")


class RiskDraft(_Strict):
    """The model's own read of danger in the situation, written before any advice."""

    level: SafetyLevel = Field(
        description=(
            "none for ordinary situations and figurative speech; self_harm, violence or "
            "stalking when the situation shows that danger."
        )
    )
    why: str = Field(default="", max_length=300, description="A few words on why.")


_NO_RISK_READ = {"level": "none", "why": ""}


class AdviceDraft(_Strict):
    """The model's whole answer; the coach adds source, safety, language and meta.

    `risk` comes first so the model reads the danger before it writes any advice, and so a
    stream can hold every section back until that read is in. An answer that leaves it out
    is read as `none`: the input rails have already run on the same text.
    """

    risk: RiskDraft = Field(
        default_factory=lambda: RiskDraft.model_validate(_NO_RISK_READ),
        description="Read the danger first.",
    )
    reason: ReasonDraft
    response: ResponseDraft
    caution: CautionDraft


# --- What the caller gets. ---------------------------------------------------------------


class Reason(BaseModel):
    summary: str
    categories: list[ReasonId] = Field(default_factory=list)


class Response(BaseModel):
    decision: Decision | None = Field(
        default=None, description="Set on every answer but the off-topic redirect."
    )
    why: str = ""
    timing: str = ""
    approach: str
    replies: list[str] = Field(default_factory=list, max_length=3)
    intents: list[DraftIntent] = Field(default_factory=list, max_length=3)
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
    chat: str | None = Field(default=None, description="A chat or text option, when there is one.")


class Safety(BaseModel):
    level: SafetyLevel = "none"
    flags: list[str] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)


Detector = Literal["cue", "semantic", "model"]
"""Who decided a safety level: the cue floor, the semantic heads, or the model's risk read."""


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
    detector: Detector | None = None
    """Who decided the safety level, when one was given (never the user's words)."""
    semantic: Literal["on", "off", "unavailable"] = "off"
    """Whether the semantic rails read this turn; `unavailable` means the cue floor alone."""


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
        response = self.response
        if self.source == "safety":
            if response.decision not in (None, "safety_first"):
                raise ValueError("a safety answer decides safety_first")
            response.decision = "safety_first"
        elif OFF_TOPIC_FLAG not in self.safety.flags:
            if not self.reason.categories:
                raise ValueError("reason.categories needs at least one id outside safety answers")
            if not response.replies:
                raise ValueError("response.replies needs at least one draft outside safety answers")
            if response.decision == "safety_first":
                raise ValueError("safety_first belongs to safety answers")
        if response.intents and len(response.intents) != len(response.replies):
            raise ValueError("response.intents needs one entry per reply")
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
