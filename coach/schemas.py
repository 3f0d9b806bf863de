"""The answer's shape: one contract shared by the model, the rules, the rails and the page.

Foundation module: imports nothing else of the project.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, Literal, TypedDict, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

__all__ = [
    "CAUTION_IDS",
    "DECISIONS",
    "DRAFT_INTENTS",
    "FALLBACK_REASONS",
    "GOALS",
    "LANGUAGES",
    "MODEL_DECISIONS",
    "MODES",
    "OFF_TOPIC_FLAG",
    "OUTPUT_RAIL_PREFIX",
    "PREVENTION_IDS",
    "REASON_IDS",
    "SAFETY_LEVELS",
    "SECTION_NAMES",
    "STRATEGY_IDS",
    "Advice",
    "AdviceDraft",
    "Caution",
    "CautionDraft",
    "CautionId",
    "Decision",
    "Detector",
    "DraftIntent",
    "FallbackReason",
    "Goal",
    "HistoryLike",
    "KnownFallbackReason",
    "Language",
    "Meta",
    "Mode",
    "ModelDecision",
    "ModelFailure",
    "OutputRailReason",
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
    "SectionName",
    "Source",
    "StrategyId",
    "Turn",
    "TurnOptions",
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
SectionName = Literal["reason", "response", "caution"]
"""The three sections of an answer, in the order the model writes them and the page shows them."""

ModelFailure = Literal[
    "connection",
    "timeout",
    "rate_limited",
    "server_error",
    "auth",
    "bad_request",
    "too_large",
]
"""Why a request to the model failed: the reason a `coach.llm.ModelError` carries."""
KnownFallbackReason = Literal[
    ModelFailure,
    "not_configured",
    "refusal",
    "content_filter",
    "truncated",
    "empty",
    "invalid_output",
    "internal_error",
]
"""Every fixed reason a turn can give up on the model for; an output rail adds its own."""
OUTPUT_RAIL_PREFIX = "output_rail:"
OutputRailReason = Annotated[str, StringConstraints(pattern=r"^output_rail:[a-z][a-z0-9_]*$")]
"""`output_rail:<rail name>`: an output rail rejected the answer (and the one re-ask)."""
FallbackReason = KnownFallbackReason | OutputRailReason
"""Why the rules answered (or, in mode llm, why CoachUnavailable was raised)."""

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
SECTION_NAMES: tuple[SectionName, ...] = get_args(SectionName)
FALLBACK_REASONS: tuple[str, ...] = get_args(KnownFallbackReason)

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
    """Why the other person most likely got in touch now."""

    summary: str
    """One or two sentences, for people."""
    categories: list[ReasonId] = Field(default_factory=list)
    """Reason ids, most likely first (at most three); empty only on safety answers and the
    off-topic redirect, which do not guess at a reason."""


class Response(BaseModel):
    """Whether to reply, when, and how: the decision first, then drafts to send."""

    decision: Decision | None = Field(
        default=None, description="Set on every answer but the off-topic redirect."
    )
    """`safety_first` on every safety answer and on no other; None only on the off-topic
    redirect."""
    why: str = ""
    """One line on why this decision."""
    timing: str = ""
    """One line on when to reply, or to leave it; may be empty."""
    approach: str
    """How to reply, in two or three sentences."""
    replies: list[str] = Field(default_factory=list, max_length=3)
    """Drafts the user could send as they are; empty only on safety answers and the off-topic
    redirect."""
    intents: list[DraftIntent] = Field(default_factory=list, max_length=3)
    """What each draft is for, in the order of `replies`, or empty when the model gave none."""
    strategies: list[StrategyId] = Field(default_factory=list)
    """The article's strategies the rule engine chose; empty on model answers."""


class Caution(BaseModel):
    """What to watch out for, and how to keep the silence from happening again."""

    points: list[str] = Field(min_length=1, max_length=5)
    """Plain sentences, most important first; a distress check-in comes first of all."""
    ids: list[CautionId] = Field(default_factory=list)
    """The article's cautions behind the points; set by the rule engine only."""
    prevention: list[PreventionId] = Field(default_factory=list)
    """Prevention tips for later; set by the rule engine only."""


class Resource(BaseModel):
    """A help line or service, from the coach's own checked table (never from the model)."""

    name: str
    """The service's name, as it calls itself."""
    contact: str
    """How to reach it, as shown to people (a number, or where to find it)."""
    tel: str | None = Field(default=None, description="Dialable number for a tel: link.")
    """Dialable number for a `tel:` link; None where the contact is not a phone."""
    note: str = ""
    """What it is for, or when it answers."""
    chat: str | None = Field(default=None, description="A chat or text option, when there is one.")
    """A chat or text option, when there is one."""


class Safety(BaseModel):
    """What the safety rails found, and where to get help."""

    level: SafetyLevel = "none"
    """The danger the turn answered to: not `none` only on the fixed safety answers (source
    `safety`), which carry no coaching."""
    flags: list[str] = Field(default_factory=list)
    """Ids of what the rails noticed (e.g. `off_topic`, `prompt_injection`,
    `distress_check_in`, `moderation`, `model_risk`); never the user's words."""
    resources: list[Resource] = Field(default_factory=list)
    """Where to get help: on every safety answer, and on coaching answers after a check-in."""


Detector = Literal["cue", "semantic", "model", "history"]
"""Who decided a safety level: the cue floor, the semantic heads, the model's risk read, or an
earlier turn of the conversation whose level still holds."""


class Meta(BaseModel):
    """How the turn went, for logs, the page's details panel and exports; never user text."""

    fallback_reason: FallbackReason | None = None
    """Why the rules answered in place of the model (mode auto); None when the model
    answered, in mode offline, and on safety answers and the off-topic redirect."""
    attempts: int = 0
    """Requests sent to the model this turn, retries and re-asks included; 0 without one."""
    latency_ms: float = 0.0
    """The whole turn, from the input rails to the stamped answer."""
    structured_mode: str | None = None
    """The structured-output mode of the last request (`json_schema`, `json_object` or
    `text`); None when no request was sent."""
    model: str | None = None
    """The model the server named; where it only echoed the configured name, the model its
    model list serves (a local server answers to any name). None when none was named."""
    usage: dict[str, int] | None = None
    """Token counts summed over the replies that reported them; None when none did."""
    matched_cues: dict[str, list[str]] = Field(
        default_factory=dict, description="Rule engine: which cues chose each id."
    )
    """Rule answers only: the cues from the knowledge file behind each reason, strategy or
    caution id the rules chose, so the answer can be explained; empty on model answers."""
    detector: Detector | None = None
    """Who decided the safety level, when one was given (never the user's words)."""
    semantic: Literal["on", "off", "unavailable"] = "off"
    """Whether the semantic rails read this turn; `unavailable` means the cue floor alone."""


class Advice(BaseModel):
    """One whole answer: the three sections, where it came from, and how the turn went.

    Every coaching answer has at least one reason id and one draft; the fixed safety answers
    decide `safety_first` and nothing else does.
    """

    reason: Reason
    """Why they most likely wrote now."""
    response: Response
    """Whether, when and how to reply."""
    caution: Caution
    """What to watch out for."""
    source: Source
    """`llm` for the model's answer (past the output rails), `rules` for the rule engine's
    (offline, a fallback, or the off-topic redirect), `safety` for a fixed safety answer."""
    safety: Safety = Field(default_factory=Safety)
    """The safety level, the rails' flags and any help lines."""
    language: Language = "ja"
    """The language every text of the answer is written in."""
    meta: Meta = Field(default_factory=Meta)
    """How the turn went: fallback reason, attempts, latency, mode, model, usage."""

    @property
    def redirect(self) -> bool:
        """The off-topic redirect: a note on what the coach is for, which the page and the
        terminal show as plain lines, not under the three coaching headings."""
        return self.source == "rules" and OFF_TOPIC_FLAG in self.safety.flags

    @model_validator(mode="after")
    def _coaching_needs_content(self) -> Advice:
        response = self.response
        if self.source == "safety":
            if response.decision not in (None, "safety_first"):
                raise ValueError("a safety answer decides safety_first")
            if response.decision is None:
                # A copy: the Response handed in may be shared and must not change.
                self.response = response.model_copy(update={"decision": "safety_first"})
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
    """What the user wrote; read again by the safety rails and scrubbed before the model
    sees it."""
    advice: Advice | None = None
    """The coach's answer to it, if one came; safety answers give no coaching context."""


HistoryLike = Iterable[Turn | dict[str, Any]]
"""Earlier turns, oldest first: Turn objects or dicts of the same shape (e.g. from JSON)."""


class TurnOptions(TypedDict, total=False):
    """The keywords `advise`, `aadvise` and `stream` take beside the situation text."""

    mode: Mode | None
    """`auto` (the model, else the rules), `llm` (the model or CoachUnavailable) or
    `offline` (the rules only); None for the configured COACH_MODE."""
    history: HistoryLike | None
    """The earlier turns of this conversation, oldest first."""
    language: Language | None
    """The answer's language; None to follow the language of the text."""
    goal: Goal | None
    """What the user wants from the relationship; None for `undecided`."""
