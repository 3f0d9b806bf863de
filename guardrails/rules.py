"""Offline rule engine: deterministic advice from the article's knowledge, no model needed.

The same knowledge file feeds the system prompt, so offline answers and model answers speak
from the same understanding. Every choice is traceable through `meta.matched_cues`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from coach.cache import compile_cached
from coach.knowledge import CueHit, Draft, Knowledge, Received, knowledge_base, label
from coach.schemas import (
    REASON_IDS,
    Advice,
    Caution,
    Decision,
    DraftIntent,
    Goal,
    Language,
    Meta,
    ModelDecision,
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
_THEIR_WISH = compile_cached(
    r"(?:って|と(?:言|いわ|思|か)|とか|らしい|みたい|そう|のか|かな|か[?？]|[?？])"
)
"""After a goal phrase: it is reported speech, a guess about them, or a question."""
_QUOTED = compile_cached(
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
    "taken": ("dont_be_swept_along",),
    "their_fault": ("dont_be_swept_along",),
}
_SIGNAL_PREVENTION = {"anxious": ("stay_independent",), "repeat": ("say_how_you_feel",)}
_FUTURE_TIPS = frozenset({"say_how_you_feel", "agree_on_frequency"})
"""Tips about how to keep in touch from now on."""
_GLAD_CAUTIONS = frozenset({"dont_be_swept_along"})
"""Cautions that start from the joy of hearing from them again."""
_NOT_AFTER_OWN_SILENCE = frozenset({"fade_out", "busy", "other_priority", "remorse"})
"""Reasons that explain their silence: when the user was the one who went quiet, they do not
say why the other person wrote."""
_PLATONIC = frozenset({"friend", "colleague", "family"})
"""Relations where wanting to meet again is not a wish to get back together."""
_SIGNAL_EXPLAINS = {
    "at_fault": "apologize_if_at_fault",
    "went_silent": "apologize_if_at_fault",
    "upset": "stay_calm",
    "hopeful": "dont_be_swept_along",
    "repeat": "dont_be_swept_along",
    "taken": "dont_be_swept_along",
    "anxious": "stay_independent",
    "their_fault": "dont_be_swept_along",
    "weighty": "dont_be_swept_along",
}


@dataclass(slots=True)
class _Reading:
    """What the texts say: reason scores, the cues behind them, and the user's signals."""

    scores: dict[str, float] = field(default_factory=dict)
    cues: dict[str, list[str]] = field(default_factory=dict)
    signals: dict[str, list[str]] = field(default_factory=dict)

    def add_hits(self, hits: Iterable[CueHit], factor: float, quoted: Sequence[range]) -> None:
        hits = list(hits)

        def in_quote(hit: CueHit) -> bool:
            return any(hit.start in span for span in quoted)

        # 俺が悪かった in the user's own words is their fault, not the other's remorse: a reason
        # cue inside it does not count; quoted, it is the other person owning up.
        own_fault = [
            range(h.start, h.end)
            for h in hits
            if h.cue.kind == "signal" and h.cue.owner == "at_fault" and not in_quote(h)
        ]
        for hit in hits:
            cue = hit.cue
            if cue.kind == "signal":
                if cue.owner != "at_fault" or not in_quote(hit):
                    _append_once(self.signals.setdefault(cue.owner, []), cue.source)
                continue
            if any(hit.start < span.stop and span.start < hit.end for span in own_fault):
                continue
            weight = cue.weight * factor
            if in_quote(hit):
                weight *= _QUOTE_WEIGHT
            self.scores[cue.owner] = self.scores.get(cue.owner, 0.0) + weight
            _append_once(self.cues.setdefault(cue.owner, []), cue.source)

    def ranked(self) -> list[str]:
        return _ranked(self.scores)


def _ranked(scores: Mapping[str, float]) -> list[str]:
    """Ids with a positive score, highest first; those far below the top one are dropped."""
    ordered = sorted(
        (rid for rid, score in scores.items() if score > 0),
        key=lambda rid: (-scores[rid], _ORDER[rid]),
    )
    if not ordered:
        return []
    floor = scores[ordered[0]] * _KEEP_RATIO
    return [rid for rid in ordered if scores[rid] >= floor][:_MAX_REASONS]


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
    return _ranked(scores)


@dataclass(frozen=True, slots=True)
class _Situation:
    """Who wrote, what their message does, what the user wants and what a follow-up asks."""

    goal: Goal
    relation: str
    received: str | None
    ask: str | None
    signals: frozenset[str]
    top: str
    says: Received | None = None
    """The received kind's own answer, when their message already says why they wrote."""

    @property
    def serious(self) -> bool:
        """News of an illness or a death: not met brightly, with no tips for next time."""
        return self.says is not None and self.says.serious


@dataclass(slots=True)
class _Answer:
    decision: ModelDecision
    why: str
    drafts: list[tuple[str, DraftIntent]]
    approach: str
    points: list[str]


def rule_advice(
    text: str,
    *,
    language: Language,
    history: Sequence[Turn] = (),
    goal: Goal = "undecided",
    semantic: Mapping[str, float] | None = None,
    cue_weight: float = 1.0,
) -> Advice:
    """Advice for one situation, reading earlier turns as context for a follow-up.

    A follow-up that asks something (how to decline, what to talk about, ...) is answered
    for itself, while the reason stays the one the conversation points to. Safety answers
    in the history give no coaching context. `semantic` holds the reason head's
    probabilities when the semantic rails read the text; `cue_weight` (calibrated on dev)
    sets how much the cues count against them.
    """
    kb = knowledge_base()
    context = [t for t in history if t.advice is None or t.advice.source != "safety"]
    reading = _read(kb, text, context)
    ask = _ask(kb, text, follow_up=bool(context))
    relation = _relation(kb, text, context)
    received = _received(kb, text, context, ask, relation)
    says = kb.received_says.get(received or "")
    categories = (
        blended_reasons(reading.scores, semantic, cue_weight) if semantic else reading.ranked()
    )
    if says is not None:
        categories = [rid for rid in categories if rid not in says.rules_out]
    own_silence = "went_silent" in reading.signals
    if own_silence:
        categories = [rid for rid in categories if rid not in _NOT_AFTER_OWN_SILENCE]
    matched = bool(categories)
    if not matched:
        categories = [DEFAULT_REASON]
    at_fault = own_silence or "at_fault" in reading.signals
    situation = _Situation(
        goal=_goal(kb, text, context, goal),
        relation=relation,
        received=received,
        ask=ask,
        signals=frozenset(reading.signals),
        top=categories[0],
        says=says,
    )

    strategies = _unique(
        (["apologize_if_at_fault"] if at_fault else [])
        + ([] if matched else ["ask_intent"])
        + [s for rid in categories[:2] for s in kb.reasons[rid].strategies]
    )
    if says is not None or own_silence:
        # They said why they wrote, or the silence was the user's: no asking why now.
        strategies = [s for s in strategies if s != "ask_intent"] or ["keep_it_light"]
    if situation.serious:
        # Serious news is not met brightly: the approach is to acknowledge it.
        strategies = [s for s in strategies if s != "keep_it_light"]
    cautions = _unique(
        list(says.cautions if says is not None else ())
        + [c for sig in reading.signals for c in _SIGNAL_CAUTIONS.get(sig, ())]
        + list(kb.reasons[categories[0]].cautions)
    )
    if situation.serious:
        # "The joy of hearing from them" has no place beside an illness or a death.
        cautions = [c for c in cautions if c not in _GLAD_CAUTIONS]
    if says is not None:
        cautions = [c for c in cautions if c not in says.leaves_out]
    if own_silence:
        # "Don't demand why they never wrote" is for the one who was left waiting.
        cautions = [c for c in cautions if c != "dont_blame"]
    cautions = cautions[:3]
    prevention = _prevention(
        [p for sig in reading.signals for p in _SIGNAL_PREVENTION.get(sig, ())]
        + list(kb.reasons[categories[0]].prevention[:1]),
        situation,
    )

    matched_cues = {rid: reading.cues[rid] for rid in categories if rid in reading.cues}
    for signal, cues in reading.signals.items():
        target = matched_cues.setdefault(_SIGNAL_EXPLAINS[signal], [])
        for cue in cues:
            _append_once(target, cue)

    decision, why_key = _decide(situation)
    answer = _Answer(
        decision=decision,
        why=kb.decision_why[why_key].get(language),
        drafts=[(d.get(language), d.intent) for d in _drafts(kb, situation, decision)],
        approach=_approach(kb, strategies, situation, language),
        points=_points(kb, categories[0], cautions, prevention, language, says=says),
    )
    previous = _last_answer(context)
    if previous is not None and ask != "summary":
        answer.points = _fresh(answer.points, previous.caution.points)
    if ask == "summary" and previous is not None:
        answer = _summarised(kb, previous, answer, language)

    return Advice(
        reason=Reason(
            summary=_summary(
                kb,
                categories,
                language,
                matched=matched,
                situation=situation,
                previous=previous,
                follow_up=bool(context),
            ),
            categories=categories,
        ),
        response=Response(
            decision=answer.decision,
            why=answer.why,
            timing=_timing(kb, answer.decision, language, situation.says),
            approach=answer.approach,
            replies=[text for text, _ in answer.drafts],
            intents=[intent for _, intent in answer.drafts],
            strategies=strategies,
        ),
        caution=Caution(points=answer.points, ids=cautions, prevention=prevention),
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


# --- Who wrote, what they wrote, what the user asks. --------------------------------------


def _ask(kb: Knowledge, text: str, *, follow_up: bool) -> str | None:
    """What the text asks, first mention first; a reply they sent next needs a conversation."""
    for hit in kb.ask_matcher.find(normalize(text)):
        if hit.cue.owner != "received_next" or follow_up:
            return hit.cue.owner
    return None


def _goal(kb: Knowledge, text: str, context: Sequence[Turn], given: Goal) -> Goal:
    """The goal chosen, else one the user states in their own words, newest text first: not
    inside what they quote, not as a question, not as what someone else said or wants."""
    if given != "undecided":
        return given
    for written in (text, *(t.user for t in reversed(context))):
        own = _QUOTED.sub(" ", normalize(written))
        found = {
            h.cue.owner for h in kb.goal_matcher.find(own) if _THEIR_WISH.match(own, h.end) is None
        }
        if len(found) == 1:
            return cast("Goal", found.pop())
    return given


def _relation(kb: Knowledge, text: str, context: Sequence[Turn]) -> str:
    """ex, friend, colleague or family, from the newest text that names one; else other."""
    for written in (text, *(t.user for t in reversed(context))):
        counts = Counter(h.cue.owner for h in kb.relation_matcher.find(normalize(written)))
        if counts:
            return counts.most_common(1)[0][0]
    return "other"


def _received(
    kb: Knowledge, text: str, context: Sequence[Turn], ask: str | None, relation: str
) -> str | None:
    """What their message does, read from what the user quotes of it when they quote it;
    when the quote says nothing of it, what it is about (a wedding, serious news) may come
    from the user's own telling around it.

    From a friend, a colleague or family, "I want to see you" asks to meet: it tells
    feelings only beside words that do (好き, やり直したい, ...)."""
    texts = [text] if ask in (None, "received_next") else []
    texts += [t.user for t in reversed(context)]
    for written in texts:
        normalized = normalize(written)
        quotes = [m.group(0) for m in _QUOTED.finditer(normalized)]
        hits = [h for q in quotes or [normalized] for h in kb.received_matcher.find(q)]
        if quotes and not hits:
            told = _QUOTED.sub(" ", normalized)
            hits += [h for h in kb.received_matcher.find(told) if _narrated(kb, h.cue.owner)]
        found = {h.cue.owner for h in hits}
        if relation in _PLATONIC and "invite" in found:
            meeting = {h.cue.source for h in hits if h.cue.owner == "invite"}
            if all(h.cue.source in meeting for h in hits if h.cue.owner == "feelings"):
                found.discard("feelings")
        for kind in kb.received_order:
            if kind in found:
                return kind
    return None


def _narrated(kb: Knowledge, kind: str) -> bool:
    says = kb.received_says.get(kind)
    return says is not None and says.narrated


# --- Whether, when and how to reply. ------------------------------------------------------


def _decide(s: _Situation) -> tuple[ModelDecision, str]:
    """The decision and the key of its one-line why; not replying is an answer too."""
    upset = "upset" in s.signals
    pattern = "repeat" in s.signals or s.top == "fade_out"
    feelings = s.received == "feelings" or (s.top == "reconcile" and s.relation not in _PLATONIC)
    if s.ask == "decline":
        return "reply_briefly", "decline"
    if s.ask == "persist":
        return "no_reply", "no_reply_persist"
    if s.goal == "distance":
        if "repeat" in s.signals or "their_fault" in s.signals:
            return "no_reply", "no_reply_pattern"
        if s.received == "greeting":
            return "no_reply", "no_reply_distance"
        return "reply_briefly", "briefly_distance"
    if upset:
        return "reply_later", "later_upset"
    if "taken" in s.signals and (s.relation == "ex" or feelings):
        return "reply_briefly", "briefly_taken"
    if s.says is not None and s.says.decision is not None:
        return s.says.decision
    if s.goal == "reconnect":
        return "reply_now", "now_reconnect"
    if s.goal == "friendly":
        if feelings:
            return "reply_briefly", "briefly_friends"
        return "reply_now", "now_friendly"
    if feelings or "hopeful" in s.signals:
        return "reply_later", "later_feelings"
    if "weighty" in s.signals or s.serious:
        return "reply_later", "later_weighty"
    if pattern:
        return "reply_briefly", "briefly_pattern"
    if s.received in ("request", "wedding", "invite"):
        return "reply_now", f"now_{s.received}"
    if s.received == "apology" or s.top == "remorse":
        return "reply_now", "now_apology"
    return "reply_now", "now_light"


_INTENTS: dict[tuple[str, str], tuple[DraftIntent, ...]] = {
    ("reconnect", "reply_later"): ("careful", "warm"),
    ("friendly", "reply_later"): ("careful", "boundary"),
    ("friendly", "reply_briefly"): ("boundary", "warm"),
    ("undecided", "reply_later"): ("careful", "warm", "polite_close"),
    ("undecided", "reply_briefly"): ("careful", "boundary"),
}
_ASK_INTENTS: dict[str, tuple[DraftIntent, ...]] = {
    "decline": ("polite_close", "boundary"),
    "topics": ("warm", "careful"),
    "ask_why": ("careful", "warm"),
    "persist": ("boundary", "polite_close"),
    "explain_silence": ("warm", "careful"),
}


def _intents(s: _Situation, decision: ModelDecision) -> tuple[DraftIntent, ...]:
    if s.ask in _ASK_INTENTS:
        intents = _ASK_INTENTS[s.ask]
    elif decision in ("no_reply", "reply_briefly") and s.goal == "distance":
        intents = ("polite_close", "boundary")
    else:
        intents = _INTENTS.get((s.goal, decision), ("warm", "careful"))
    if "at_fault" in s.signals and "warm" not in intents:
        intents = ("warm", *intents)
    if "repeat" in s.signals and "boundary" not in intents:
        intents = (*intents, "boundary")
    if s.says is not None and s.ask is None:
        intents = (*intents, *(i for i in s.says.intents if i not in intents))
    return intents[:_MAX_DRAFTS]


_FIT_WEIGHTS = {"asks": 8, "signals": 6, "received": 5, "goals": 4, "reasons": 3}


def _fit(draft: Draft, s: _Situation) -> int | None:
    """How specifically a draft fits the situation, or None when a condition rules it out."""
    values: dict[str, set[str]] = {
        "asks": {s.ask} if s.ask else set(),
        "signals": set(s.signals),
        "received": {s.received} if s.received else set(),
        "goals": {s.goal},
        "reasons": {s.top},
    }
    score = 0
    for name, weight in _FIT_WEIGHTS.items():
        wanted: frozenset[str] = getattr(draft, name)
        if not wanted:
            continue
        if not wanted & values[name]:
            return None
        score += weight
    if draft.relations:
        if s.relation not in draft.relations:
            return None
        score += 2 if len(draft.relations) == 1 else 1
    return score


def _drafts(kb: Knowledge, s: _Situation, decision: ModelDecision) -> list[Draft]:
    """One draft per intent, the most specific fit first, never the same text twice."""
    chosen: list[Draft] = []
    for intent in _intents(s, decision):
        fits = [
            (score, -order, draft)
            for order, draft in enumerate(kb.drafts.values())
            if draft.intent == intent
            and draft not in chosen
            and (score := _fit(draft, s)) is not None
        ]
        if fits:
            chosen.append(max(fits, key=lambda fit: fit[:2])[2])
    # An apology the user owes comes first, whatever the order of intents.
    return sorted(chosen, key=lambda draft: not draft.signals)


def _timing(
    kb: Knowledge, decision: Decision, language: Language, says: Received | None = None
) -> str:
    # A kind's own timing goes with its own decision (urgent news: today), not another one.
    kind = says.decision if says is not None else None
    if says is not None and says.timing is not None and kind is not None and kind[0] == decision:
        return says.timing.get(language)
    timing = kb.decisions[decision].timing
    return timing.get(language) if timing is not None else ""


# --- The words of the answer. -------------------------------------------------------------


def _summary(
    kb: Knowledge,
    categories: list[str],
    language: Language,
    *,
    matched: bool,
    situation: _Situation,
    previous: Advice | None,
    follow_up: bool,
) -> str:
    top = kb.reasons[categories[0]]
    ask = situation.ask
    if ask == "summary" and previous is not None:
        labels = "」「" if language == "ja" else ", "
        names = labels.join(label("reasons", rid, language) for rid in previous.reason.categories)
        lead = kb.follow_ups["summary"].lead.get(language)
        return _join(
            [lead, kb.phrases["summary_reasons"].get(language).format(labels=names)], language
        )
    if ask is not None and ask != "received_next" and follow_up:
        carried = kb.phrases["carried_reason"].get(language).format(label=top.label.get(language))
        return _join([carried, kb.follow_ups[ask].lead.get(language)], language)
    parts = []
    if ask == "received_next":
        parts.append(kb.follow_ups[ask].lead.get(language))
    elif follow_up:
        parts.append(kb.phrases["follow_up"].get(language))
    says = situation.says
    kind_line = says.summary if says is not None else None
    if situation.serious and kind_line is not None:
        # A death or urgent news is why they wrote: the reason ids are only a guess beside it.
        parts.append(kind_line.get(language))
        also = categories[:1]
    else:
        if not matched:
            parts.append(kb.phrases["no_cues"].get(language))
        parts += [top.explanation.get(language), top.reading.get(language)]
        if kind_line is not None:
            parts.append(kind_line.get(language))
        also = categories[1:2]
    for rid in also:
        name = kb.reasons[rid].label.get(language)
        parts.append(kb.phrases["also_possible"].get(language).format(label=name))
    return _join(parts, language)


def _approach(
    kb: Knowledge, strategies: list[str], situation: _Situation, language: Language
) -> str:
    ask = situation.ask
    if ask is not None and ask not in ("summary", "received_next"):
        return kb.follow_ups[ask].approach.get(language)
    if situation.goal == "distance":
        return kb.phrases["distance_approach"].get(language)
    lines = [kb.strategies[s].lines(language)[0] for s in strategies[:3]]
    if situation.says is not None:
        lines = [situation.says.approach.get(language), *lines[:2]]
    return _join(lines, language)


def _last_answer(context: Sequence[Turn]) -> Advice | None:
    for turn in reversed(context):
        if turn.advice is not None and turn.advice.reason.categories:
            return turn.advice
    return None


def _summarised(kb: Knowledge, previous: Advice, answer: _Answer, language: Language) -> _Answer:
    """A summary keeps the latest answer's decision, drafts and cautions."""
    response = previous.response
    decision = answer.decision
    if response.decision is not None and response.decision != "safety_first":
        decision = response.decision
    why = response.why or answer.why
    drafts = answer.drafts
    if response.replies and len(response.intents) == len(response.replies):
        drafts = list(zip(response.replies, response.intents, strict=True))
    approach = (
        kb.follow_ups["summary"]
        .approach.get(language)
        .format(decision=kb.decisions[decision].label.get(language), why=why)
    )
    return _Answer(decision, why, drafts, approach, list(previous.caution.points) or answer.points)


def _prevention(ids: Sequence[str], s: _Situation) -> list[str]:
    """At most two tips, and only those that fit what the user wants: asking for a one-line
    notice next time assumes a next time, which a wish for distance, or an ex the user is not
    going back to, does not have; nor is it the moment when they bring news of an illness or a
    death."""
    if "went_silent" in s.signals:
        # Tips for the one left waiting ("say that silence worries you") read backwards here.
        return []
    tips = _unique(ids)
    if s.serious or s.goal == "distance" or (s.relation == "ex" and s.goal != "reconnect"):
        tips = [t for t in tips if t not in _FUTURE_TIPS] or ["stay_independent"]
    return tips[:2]


def _fresh(points: list[str], shown: Sequence[str]) -> list[str]:
    """A follow-up's points without those the last answer already gave, keeping at least one."""
    new = [p for p in points if p not in shown]
    return new or points[:1]


def _points(
    kb: Knowledge,
    top: str,
    cautions: list[str],
    prevention: list[str],
    language: Language,
    *,
    says: Received | None = None,
) -> list[str]:
    points = [says.caution.get(language)] if says is not None and says.caution else []
    points += [kb.cautions[c].lines(language)[0] for c in cautions]
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
