"""Offline rule engine: deterministic advice from the article's knowledge, no model needed.

The same knowledge file feeds the system prompt, so offline answers and model answers speak
from the same understanding. Every choice is traceable through `meta.matched_cues`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from coach.knowledge import CueHit, Knowledge, knowledge_base
from coach.schemas import (
    REASON_IDS,
    Advice,
    Caution,
    Language,
    Meta,
    Reason,
    Response,
    Turn,
)
from coach.text import normalize

__all__ = ["DEFAULT_REASON", "blended_reasons", "cue_reason_scores", "rule_advice"]

DEFAULT_REASON = "curious"
"""When nothing in the text points anywhere: assume a friendly check-in and ask lightly."""

_HISTORY_WEIGHT = 0.5
"""The latest earlier turn counts half as much as the current text, the one before a quarter."""
_PRIOR_WEIGHT = 1.5
"""An earlier answer's top reason: enough to keep a cue-less follow-up on the same track."""
_QUOTE_WEIGHT = 1.5
"""Cues inside quotes are the person's own words now: the best evidence for why they wrote."""
_QUOTED = re.compile(
    r"「[^」]{0,300}」|『[^』]{0,300}』|\"[^\"]{0,300}\"|“[^”]{0,300}”"
    r"|(?<![a-z0-9])'(?:[^'\n]|(?<=[a-z])'(?=[a-z])){1,300}?'(?![a-z0-9])"
)
"""Quoted spans, bounded so that an unclosed quote costs little."""
_KEEP_RATIO = 0.4
"""A runner-up reason is shown when it scores at least 40 % of the top score."""
_MAX_REASONS = 3
_MAX_DRAFTS = 3
_MAX_POINTS = 5
_ORDER = {rid: i for i, rid in enumerate(REASON_IDS)}

# What a signal about the user's side of the story adds to the answer.
_SIGNAL_CAUTIONS = {
    "upset": ("stay_calm", "dont_blame"),
    "hopeful": ("dont_be_swept_along",),
    "repeat": ("dont_be_swept_along",),
    "their_fault": ("dont_be_swept_along",),
}
_SIGNAL_PREVENTION = {"anxious": ("stay_independent",), "repeat": ("say_how_you_feel",)}
_SIGNAL_EXPLAINS = {
    "at_fault": "apologize_if_at_fault",
    "upset": "stay_calm",
    "hopeful": "dont_be_swept_along",
    "repeat": "dont_be_swept_along",
    "anxious": "stay_independent",
    "their_fault": "dont_be_swept_along",
}


@dataclass(slots=True)
class _Reading:
    """What the texts say: reason scores, the cues behind them, and the user's signals."""

    scores: dict[str, float] = field(default_factory=dict)
    cues: dict[str, list[str]] = field(default_factory=dict)
    signals: dict[str, list[str]] = field(default_factory=dict)

    def add_hits(self, hits: Iterable[CueHit], factor: float, quoted: Sequence[range]) -> None:
        for hit in hits:
            cue = hit.cue
            if cue.kind == "signal":
                _append_once(self.signals.setdefault(cue.owner, []), cue.source)
                continue
            weight = cue.weight * factor
            if any(hit.start in span for span in quoted):
                weight *= _QUOTE_WEIGHT
            self.scores[cue.owner] = self.scores.get(cue.owner, 0.0) + weight
            _append_once(self.cues.setdefault(cue.owner, []), cue.source)

    def ranked(self) -> list[str]:
        ordered = sorted(
            (rid for rid, score in self.scores.items() if score > 0),
            key=lambda rid: (-self.scores[rid], _ORDER[rid]),
        )
        if not ordered:
            return []
        floor = self.scores[ordered[0]] * _KEEP_RATIO
        return [rid for rid in ordered if self.scores[rid] >= floor][:_MAX_REASONS]


def cue_reason_scores(text: str, history: Sequence[Turn] = ()) -> dict[str, float]:
    """The knowledge file's cue score per reason id: the cue half of a blended reading."""
    return dict(_read(knowledge_base(), text, history).scores)


def blended_reasons(
    cue_scores: Mapping[str, float], semantic: Mapping[str, float], cue_weight: float
) -> list[str]:
    """Reason ids, most likely first, from cue scores (scaled to the top one) and the reason
    head's probabilities; ids far below the top one are dropped."""
    top_cue = max((v for v in cue_scores.values() if v > 0), default=0.0)
    scores = {
        rid: cue_weight * (cue_scores.get(rid, 0.0) / top_cue if top_cue else 0.0)
        + (1 - cue_weight) * semantic.get(rid, 0.0)
        for rid in REASON_IDS
    }
    ordered = sorted(
        (rid for rid, score in scores.items() if score > 0),
        key=lambda rid: (-scores[rid], _ORDER[rid]),
    )
    if not ordered:
        return []
    floor = scores[ordered[0]] * _KEEP_RATIO
    return [rid for rid in ordered if scores[rid] >= floor][:_MAX_REASONS]


def rule_advice(
    text: str,
    *,
    language: Language,
    history: Sequence[Turn] = (),
    semantic: Mapping[str, float] | None = None,
    cue_weight: float = 1.0,
) -> Advice:
    """Advice for one situation, reading earlier turns as context for a follow-up.

    `semantic` holds the reason head's probabilities when the semantic rails read the text;
    `cue_weight` (calibrated on dev) sets how much the cues count against them.
    """
    kb = knowledge_base()
    reading = _read(kb, text, history)
    categories = (
        blended_reasons(reading.scores, semantic, cue_weight) if semantic else reading.ranked()
    )
    matched = bool(categories)
    if not matched:
        categories = [DEFAULT_REASON]
    at_fault = "at_fault" in reading.signals

    strategies = _unique(
        (["apologize_if_at_fault"] if at_fault else [])
        + ([] if matched else ["ask_intent"])
        + [s for rid in categories[:2] for s in kb.reasons[rid].strategies]
    )
    cautions = _unique(
        [c for sig in reading.signals for c in _SIGNAL_CAUTIONS.get(sig, ())]
        + list(kb.reasons[categories[0]].cautions)
    )[:3]
    prevention = _unique(
        [p for sig in reading.signals for p in _SIGNAL_PREVENTION.get(sig, ())]
        + list(kb.reasons[categories[0]].prevention[:1])
    )[:2]

    matched_cues = {rid: reading.cues[rid] for rid in categories if rid in reading.cues}
    for signal, cues in reading.signals.items():
        target = matched_cues.setdefault(_SIGNAL_EXPLAINS[signal], [])
        for cue in cues:
            _append_once(target, cue)

    return Advice(
        reason=Reason(
            summary=_summary(kb, categories, language, matched=matched, follow_up=bool(history)),
            categories=categories,
        ),
        response=Response(
            approach=_join([kb.strategies[s].lines(language)[0] for s in strategies[:3]], language),
            replies=_drafts(kb, categories, reading.signals, language),
            strategies=strategies,
        ),
        caution=Caution(
            points=_points(kb, categories[0], cautions, prevention, language),
            ids=cautions,
            prevention=prevention,
        ),
        source="rules",
        language=language,
        meta=Meta(matched_cues=matched_cues),
    )


def _read(kb: Knowledge, text: str, history: Sequence[Turn]) -> _Reading:
    """Score the current text at full weight and earlier turns at a fading weight."""
    reading = _Reading()
    texts = [(normalize(text), 1.0)]
    factor = _HISTORY_WEIGHT
    for turn in reversed(history):
        texts.append((normalize(turn.user), factor))
        if turn.advice is not None and turn.advice.reason.categories:
            top = turn.advice.reason.categories[0]
            reading.scores[top] = reading.scores.get(top, 0.0) + _PRIOR_WEIGHT * factor
        factor *= _HISTORY_WEIGHT
    for normalized, weight in texts:
        quoted = [range(*m.span()) for m in _QUOTED.finditer(normalized)]
        reading.add_hits(kb.matcher.find(normalized), weight, quoted)
    if "their_fault" in reading.signals:
        # No apology when the fault was clearly theirs, whatever came after it.
        reading.signals.pop("at_fault", None)
    return reading


def _summary(
    kb: Knowledge, categories: list[str], language: Language, *, matched: bool, follow_up: bool
) -> str:
    top = kb.reasons[categories[0]]
    parts = []
    if follow_up:
        parts.append(kb.phrases["follow_up"].get(language))
    if not matched:
        parts.append(kb.phrases["no_cues"].get(language))
    parts += [top.explanation.get(language), top.reading.get(language)]
    if len(categories) > 1:
        second = kb.reasons[categories[1]].label.get(language)
        parts.append(kb.phrases["also_possible"].get(language).format(label=second))
    return _join(parts, language)


def _drafts(
    kb: Knowledge, categories: list[str], signals: dict[str, list[str]], language: Language
) -> list[str]:
    keys: list[str] = []
    if "at_fault" in signals:
        keys.append("apology")
    top = kb.reasons[categories[0]].drafts
    keys.append(top[0])
    if "repeat" in signals:
        keys.append("boundary")
    keys += [kb.reasons[rid].drafts[0] for rid in categories[1:]]
    keys += top[1:]
    return [kb.drafts[key].get(language) for key in _unique(keys)[:_MAX_DRAFTS]]


def _points(
    kb: Knowledge,
    top: str,
    cautions: list[str],
    prevention: list[str],
    language: Language,
) -> list[str]:
    points = [kb.cautions[c].lines(language)[0] for c in cautions]
    if "dont_be_swept_along" in cautions and top == "fade_out":
        points.append(kb.cautions["dont_be_swept_along"].lines(language)[1])
    points += [kb.prevention[p].lines(language)[0] for p in prevention]
    return points[:_MAX_POINTS]


def _join(parts: Sequence[str], language: Language) -> str:
    return ("" if language == "ja" else " ").join(parts)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _append_once(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)
