"""The rails one Coach runs, as one value: input detectors, then output rails.

`Rails.default()` is what the product runs: the cue floor first, then the semantic heads; on
the way out, the cue rails, then the semantic harm and coherence rails. Tests and evals pass
their own (`Rails.cues()`, `Rails.semantic_only(...)`, fakes) to `Coach(rails=...)` instead of
patching module globals.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from coach.schemas import (
    SECTION_NAMES,
    AdviceDraft,
    CautionDraft,
    Detector,
    Language,
    ReasonDraft,
    ResponseDraft,
    SectionName,
    Turn,
)
from guardrails.input_rails import (
    CUE_DETECTOR,
    Detection,
    InputDetector,
    InputReport,
    check_input,
)
from guardrails.output_rails import (
    RailVerdict,
    check_output,
    check_section,
)
from guardrails.output_rails import section_texts as _section_texts
from guardrails.safety import (
    SAFETY_CHECK_IN_FLAG,
    SELF_HARM_OTHER_FLAG,
    STALKING_BY_USER_FLAG,
    VIOLENCE_BY_USER_FLAG,
)
from guardrails.semantic import SemanticRails

__all__ = [
    "CUE_OUTPUT",
    "AnswerContext",
    "CueOutputRail",
    "OutputRail",
    "Rails",
    "SemanticDetector",
    "SemanticOutputRail",
    "shared_semantic",
]

SectionDraft = ReasonDraft | ResponseDraft | CautionDraft


@dataclass(frozen=True, slots=True)
class AnswerContext:
    """What an output rail may compare an answer with."""

    language: Language
    system_prompt: str
    situation: str = ""
    """The user's text as it was sent (scrubbed)."""


class OutputRail(Protocol):
    """Checks a model's answer, one section at a time or whole: the first rule broken."""

    def check_section(
        self, name: SectionName, value: SectionDraft, context: AnswerContext
    ) -> RailVerdict | None: ...

    def check_output(self, draft: AdviceDraft, context: AnswerContext) -> RailVerdict | None: ...


class CueOutputRail:
    """The hand-written output rails (guardrails.output_rails)."""

    def check_section(
        self, name: SectionName, value: SectionDraft, context: AnswerContext
    ) -> RailVerdict | None:
        return check_section(
            name,
            value,
            language=context.language,
            system_prompt=context.system_prompt,
            situation=context.situation,
        )

    def check_output(self, draft: AdviceDraft, context: AnswerContext) -> RailVerdict | None:
        return check_output(
            draft,
            language=context.language,
            system_prompt=context.system_prompt,
            situation=context.situation,
        )


CUE_OUTPUT = CueOutputRail()

_shared: SemanticRails | None = None
_shared_lock = threading.Lock()


def shared_semantic() -> SemanticRails:
    """One SemanticRails per process: the encoder and heads load once, on the first read."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SemanticRails()
        return _shared


class SemanticDetector:
    """The safety and reason heads on the user's text (see guardrails.semantic)."""

    name: Detector = "semantic"

    def __init__(self, semantic: SemanticRails) -> None:
        self.semantic = semantic

    def detect(self, text: str, normalized: str) -> Detection:
        read = self.semantic.read_input(text)
        heads = self.semantic.heads
        if read is None or heads is None:
            return Detection(status="unavailable")
        weight = float(heads.thresholds.get("reason_cue_weight", 1.0))
        # Kept only when some detector reads self-harm (see input_rails._combine).
        whose = (SELF_HARM_OTHER_FLAG,) if read.about_other else ()
        if read.band == "level":
            flags: tuple[str, ...] = ()
            if read.by_user:
                flags = (
                    (VIOLENCE_BY_USER_FLAG,)
                    if read.level == "violence"
                    else (STALKING_BY_USER_FLAG,)
                )
            return Detection(read.level, (*flags, *whose), read.reasons, weight)
        soft = (SAFETY_CHECK_IN_FLAG,) if read.band == "check_in" else ()
        return Detection("none", (*soft, *whose), read.reasons, weight)


_ONE_LINERS = ("response.why", "response.timing")


class SemanticOutputRail:
    """The harm and coherence heads on every field of an answer, sentence by sentence."""

    def __init__(self, semantic: SemanticRails) -> None:
        self.semantic = semantic

    def check_section(
        self, name: SectionName, value: SectionDraft, context: AnswerContext
    ) -> RailVerdict | None:
        texts = _section_texts(name, value)
        if not texts:
            return None
        reads = self.semantic.read_fields([text for _, text in texts])
        if reads is None:
            return None
        for (path, _), read in zip(texts, reads, strict=True):
            if read.harmful:
                return RailVerdict("semantic_harm", f"{path}: reads as harmful or manipulative")
            if read.incoherent:
                return RailVerdict("incoherent", f"{path}: not a sentence of advice")
        return None

    def check_output(self, draft: AdviceDraft, context: AnswerContext) -> RailVerdict | None:
        for name in SECTION_NAMES:
            verdict = self.check_section(name, getattr(draft, name), context)
            if verdict is not None:
                return verdict
        # Only the whole answer shows whether one field is about another matter than the rest.
        # The decision's one-liners are left out: short by design, and not what was calibrated.
        texts = [
            (path, text)
            for name in SECTION_NAMES
            for path, text in _section_texts(name, getattr(draft, name))
            if not path.startswith(_ONE_LINERS)
        ]
        index = self.semantic.unrelated(context.situation, [text for _, text in texts])
        if index is not None:
            return RailVerdict("incoherent", f"{texts[index][0]}: not about this situation")
        return None


@dataclass(frozen=True, slots=True)
class Rails:
    """Input detectors in order, then output rails in order; the first verdict wins."""

    detectors: tuple[InputDetector, ...] = (CUE_DETECTOR,)
    output: tuple[OutputRail, ...] = (CUE_OUTPUT,)
    stream_sections: bool = True
    """Show a streamed section once it passes the section rails; False holds all until the end."""

    @classmethod
    def default(cls, semantic: SemanticRails | None = None) -> Rails:
        """What the product runs: the cue floor and the semantic heads, in and out."""
        semantic = semantic or shared_semantic()
        return cls(
            detectors=(CUE_DETECTOR, SemanticDetector(semantic)),
            output=(CUE_OUTPUT, SemanticOutputRail(semantic)),
        )

    @classmethod
    def cues(cls) -> Rails:
        """The hand-written floor alone: no encoder is loaded."""
        return cls()

    @classmethod
    def semantic_only(cls, semantic: SemanticRails | None = None) -> Rails:
        """The heads alone, for evals that compare detectors; never the product's choice."""
        semantic = semantic or shared_semantic()
        return cls(
            detectors=(SemanticDetector(semantic),),
            output=(SemanticOutputRail(semantic),),
        )

    def check_input(
        self, text: object, *, history: Sequence[Turn] = (), language: Language | None = None
    ) -> InputReport:
        return check_input(text, history=history, language=language, detectors=self.detectors)

    def scrub(self, text: object, *, language: Language) -> str:
        """An earlier turn's text as it may leave the machine: validated, PII replaced.

        Raises InvalidInput like check_input; no detector runs (the level came with the turn).
        """
        return check_input(text, language=language, detectors=()).scrubbed

    def check_section(
        self, name: SectionName, value: SectionDraft, context: AnswerContext
    ) -> RailVerdict | None:
        """The first verdict of the output rails on one section (a streamed one, say)."""
        return next(
            (v for rail in self.output if (v := rail.check_section(name, value, context))), None
        )

    def check_output(self, draft: AdviceDraft, context: AnswerContext) -> RailVerdict | None:
        """The first verdict of the output rails on the whole answer."""
        return next((v for rail in self.output if (v := rail.check_output(draft, context))), None)
