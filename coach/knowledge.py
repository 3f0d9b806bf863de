"""The article's knowledge: the one data file the prompt builder and the rules share.

Loaded once into frozen dataclasses, with every cue pre-normalised and indexed so the rule
engine can scan a message in one pass.

Foundation module: imports nothing else of the project but the schemas and the text helpers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, Literal, cast

from coach.cache import cached_value, compile_cached
from coach.schemas import (
    CAUTION_IDS,
    DECISIONS,
    DRAFT_INTENTS,
    GOALS,
    MODEL_DECISIONS,
    PREVENTION_IDS,
    REASON_IDS,
    STRATEGY_IDS,
    DraftIntent,
    Language,
    ModelDecision,
)
from coach.text import normalize

__all__ = [
    "CUE_WEIGHTS",
    "Choice",
    "Cue",
    "CueHit",
    "CueKind",
    "CueMatcher",
    "Draft",
    "FollowUp",
    "Item",
    "Kind",
    "Knowledge",
    "Reason",
    "Received",
    "Signal",
    "Text",
    "knowledge",
    "knowledge_base",
    "label",
]

Kind = Literal["reasons", "strategies", "cautions", "prevention", "goals", "decisions", "intents"]
CueKind = Literal["reason", "signal", "relation", "received", "ask", "goal"]

CUE_WEIGHTS: Mapping[str, int] = {"strong_cues": 3, "cues": 2, "weak_cues": 1}
"""How much one cue of each tier counts towards a reason."""

_ASCII_WORD = compile_cached(r"[a-z0-9]")
_CUE_STARTS = compile_cached(r"(?<![a-z0-9])[a-z0-9]|[^\x00-\x7f]")
"""Where a cue may begin: the start of an English word, or any non-ASCII character."""
_JAPANESE_CHAR = compile_cached("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")

# A Japanese cue is negated by what follows it: 忙しくない, 喧嘩したわけじゃない, 好きではない.
_JA_NEGATION = compile_cached(
    r"(?:[^。、,.!?\n]{0,4}?(?:わけ(?:じゃ|では)|とは(?:思わ|言わ|思え)|じゃ|では)"
    r"|く?は?|て?(?:い|こ)?|(?:し|して)い?"
    r"|(?:とか|も|は)?(?:一切|全然|全く|まったく|何も))"
    r"な(?:い|かった|く)"
)
_JA_ASKING = compile_cached(r"な(?:い|く)(?:か|\?|？|でしょうか|ですか|です\?)")
"""A negative asked as a question is a request or an invitation (貸してもらえないかな, 会わない?),
not a refusal: what their message does, or what the user asks, still counts."""
# An English cue is negated by what precedes it in the same clause: "he wasn't busy".
_EN_NEGATION = compile_cached(
    r"(?:\b(?:not|never|no|without|hardly|dont|didnt|doesnt|wasnt|isnt|werent|wont|cant)\b"
    r"|n['’]t\b)(?:\s+\S+){0,3}\s*$"
)
_CLAUSE_BREAK = compile_cached(r"[,.;:!?\n、。]|\bbut\b")


@dataclass(frozen=True, slots=True)
class Text:
    """One piece of copy in both languages."""

    ja: str
    en: str

    def get(self, language: Language) -> str:
        return self.ja if language == "ja" else self.en


@dataclass(frozen=True, slots=True)
class Cue:
    owner: str
    """The reason, signal, relation, received-message or follow-up id this cue speaks for."""
    kind: CueKind
    source: str
    """The cue as written in the data file: what explanations show."""
    needle: str
    """The normalised form searched for."""
    weight: int
    stem: bool
    """`word*`: any ending is fine (apologi* → apologise, apologized)."""
    word_start: bool
    word_end: bool
    japanese: bool


@dataclass(frozen=True, slots=True)
class CueHit:
    cue: Cue
    start: int
    end: int


class CueMatcher:
    """Finds every cue in a normalised text in one left-to-right pass.

    Cues are indexed by their first two characters, so a message costs a dict lookup per
    position instead of a substring search per cue.
    """

    __slots__ = ("_by_prefix", "_single", "cues")

    def __init__(self, cues: Iterable[Cue]) -> None:
        self.cues = tuple(cues)
        by_prefix: dict[str, list[Cue]] = {}
        single: dict[str, list[Cue]] = {}
        for cue in self.cues:
            if len(cue.needle) == 1:
                single.setdefault(cue.needle, []).append(cue)
            else:
                by_prefix.setdefault(cue.needle[:2], []).append(cue)
        self._by_prefix = {k: tuple(v) for k, v in by_prefix.items()}
        self._single = {k: tuple(v) for k, v in single.items()}

    def find(self, text: str) -> list[CueHit]:
        """Every non-negated cue occurrence, shorter hits inside longer ones dropped."""
        hits: list[CueHit] = []
        by_prefix, single = self._by_prefix, self._single
        for start in _CUE_STARTS.finditer(text):
            i = start.start()
            for cue in single.get(text[i], ()):
                self._accept(text, cue, i, hits)
            for cue in by_prefix.get(text[i : i + 2], ()):
                if text.startswith(cue.needle, i):
                    self._accept(text, cue, i, hits)
        return _drop_contained(hits)

    @staticmethod
    def _accept(text: str, cue: Cue, start: int, hits: list[CueHit]) -> None:
        end = start + len(cue.needle)
        if cue.word_start and start > 0 and _ASCII_WORD.match(text, start - 1):
            return
        if cue.word_end and end < len(text) and _ASCII_WORD.match(text, end):
            return
        if cue.stem:
            while end < len(text) and _ASCII_WORD.match(text, end):
                end += 1
        if _negated(text, start, end, japanese=cue.japanese) and not (
            cue.kind in ("received", "ask") and _JA_ASKING.match(text, end)
        ):
            return
        hits.append(CueHit(cue, start, end))


def _negated(text: str, start: int, end: int, *, japanese: bool) -> bool:
    if japanese:
        return _JA_NEGATION.match(text, end) is not None
    window = text[max(0, start - 48) : start]
    clause_start = 0
    for brk in _CLAUSE_BREAK.finditer(window):
        clause_start = brk.end()
    return _EN_NEGATION.search(window, clause_start) is not None


def _drop_contained(hits: list[CueHit]) -> list[CueHit]:
    """The most specific cue wins: 家族のトラブル counts, the トラブル inside it does not.

    Reason cues compete with reason cues and signal cues with signal cues; of two cues on the
    very same span the heavier one stays. One sweep over the hits sorted by position.
    """
    if len(hits) < 2:
        return hits
    ordered = sorted(hits, key=lambda h: (h.cue.kind, h.start, -h.end, -h.cue.weight))
    kept: list[CueHit] = []
    cover: CueHit | None = None
    for hit in ordered:
        if cover is not None and cover.cue.kind == hit.cue.kind and hit.end <= cover.end:
            same_span = (cover.start, cover.end) == (hit.start, hit.end)
            if not same_span or cover.cue.weight > hit.cue.weight:
                continue
        kept.append(hit)
        if cover is None or cover.cue.kind != hit.cue.kind or hit.end > cover.end:
            cover = hit
    return kept


@dataclass(frozen=True, slots=True)
class Reason:
    """Why they may have written after the silence, with the advice that goes with it."""

    id: str
    label: Text
    """The short label people see, e.g. on a reason chip."""
    meaning: Text
    """One line for the system prompt's list of reasons."""
    explanation: Text
    reading: Text
    """The rules' summary says `explanation`, then `reading`: how to take it, what to watch."""
    strategies: tuple[str, ...]
    """Strategy ids the rules offer while this reason is one of the top two."""
    cautions: tuple[str, ...]
    prevention: tuple[str, ...]
    """Caution ids, and prevention ids of which the first is used, for the top reason."""
    drafts: tuple[str, ...]
    """Draft keys written with this reason in mind; the rules choose by each draft's fit."""


@dataclass(frozen=True, slots=True)
class Item:
    """A strategy, caution or prevention tip."""

    id: str
    label: Text
    meaning: Text
    advice: Mapping[str, tuple[str, ...]]

    def lines(self, language: Language) -> tuple[str, ...]:
        return self.advice[language]


@dataclass(frozen=True, slots=True)
class Signal:
    """Something about the user's side of the story: at fault, upset, hopeful, ..."""

    id: str
    meaning: Text


@dataclass(frozen=True, slots=True)
class Choice:
    """A goal, decision or draft intent: a label for people, a meaning for the prompt."""

    id: str
    label: Text
    meaning: Text
    timing: Text | None = None
    """Decisions only: when to reply, or to leave it."""


@dataclass(frozen=True, slots=True)
class Draft:
    """A ready-to-send reply and where it fits; an empty condition fits everything."""

    key: str
    text: Text
    intent: DraftIntent
    relations: frozenset[str] = frozenset()
    reasons: frozenset[str] = frozenset()
    received: frozenset[str] = frozenset()
    goals: frozenset[str] = frozenset()
    asks: frozenset[str] = frozenset()
    signals: frozenset[str] = frozenset()

    def get(self, language: Language) -> str:
        return self.text.get(language)


@dataclass(frozen=True, slots=True)
class Received:
    """What their message does, when it already says why they wrote: the rules answer that
    instead of asking why now."""

    id: str
    approach: Text
    """Leads `response.approach` in place of the ask-why-now strategy."""
    summary: Text | None = None
    """Added to the reason summary: what the message itself makes plain."""
    caution: Text | None = None
    """A first caution point that belongs to this kind of message."""
    cautions: tuple[str, ...] = ()
    """Caution ids that come first for this kind of message."""
    intents: tuple[DraftIntent, ...] = ()
    """Draft intents this kind of message adds (a favour or an invitation can be declined)."""
    rules_out: tuple[str, ...] = ()
    """Reasons this kind of message makes unlikely (someone who invites you to their wedding
    is not asking to get back together)."""
    decision: tuple[ModelDecision, str] | None = None
    """Whether to reply, and the key of its one-line why, that this kind of message calls for
    (a request for money: reply later), unless the user's goal or mood says otherwise."""
    serious: bool = False
    """News that is not met brightly (an illness, a death): the reply waits a little and opens
    by taking it in, not with "keep it light"."""
    narrated: bool = False
    """Counts when the user's own telling names it beside a quote that does not ("an
    invitation to his wedding came: 「ぜひ来てほしい」"): what the message is about, not how it
    is worded."""
    timing: Text | None = None
    """When to reply, in place of the decision's own line, when the kind's decision holds
    (urgent news: today, not "tomorrow is fine")."""
    leaves_out: tuple[str, ...] = ()
    """Caution ids that do not fit this kind of message (urgent news is no time for "wait
    until you are calm")."""


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What a follow-up asks (how to decline, what to talk about, ...) and how to answer it."""

    id: str
    lead: Text
    """Opens the reason summary: what this answer keeps to."""
    approach: Text
    """The whole `response.approach` (for `summary`, with `{decision}` and `{why}` to fill)."""


@dataclass(frozen=True, slots=True)
class Knowledge:
    """The whole data file, typed: each table by id, in the order the file or the schema's
    Literal gives."""

    reasons: Mapping[str, Reason]
    strategies: Mapping[str, Item]
    cautions: Mapping[str, Item]
    prevention: Mapping[str, Item]
    signals: Mapping[str, Signal]
    drafts: Mapping[str, Draft]
    """In file order, which breaks ties: of two drafts that fit as well, the earlier wins."""
    phrases: Mapping[str, Text]
    """Sentences the rules build a summary from (`no_cues`, `also_possible {label}`, ...)."""
    matcher: CueMatcher
    """Every reason and signal cue in one index: one pass per text."""
    goals: Mapping[str, Choice]
    """What the user wants: reconnect, stay friends, keep their distance, undecided."""
    decisions: Mapping[str, Choice]
    decision_why: Mapping[str, Text]
    """One-line reasons for a decision, by key."""
    intents: Mapping[str, Choice]
    follow_ups: Mapping[str, FollowUp]
    relation_matcher: CueMatcher
    """Who wrote: ex, friend, colleague, family."""
    goal_matcher: CueMatcher
    """What the user says they want, in their own words (distance, staying friends)."""
    received_matcher: CueMatcher
    """What their message does: tells feelings, apologises, asks a favour, invites, asks how
    you are, greets."""
    received_order: tuple[str, ...]
    """Received kinds, most telling first: feelings outrank a greeting in the same message."""
    received_says: Mapping[str, Received]
    """The received kinds that already say why they wrote (an apology, a favour, an invite)."""
    ask_matcher: CueMatcher
    """What a follow-up asks."""


@cache
def _raw() -> bytes:
    return files("coach").joinpath("data/knowledge.json").read_bytes()


@cache
def knowledge() -> dict[str, Any]:
    """The raw data file, for callers that only need labels."""
    data: dict[str, Any] = json.loads(_raw())
    return data


def _sources(value: object) -> Iterable[str]:
    """Every cue string of the data file, wherever a cue tier holds them."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in CUE_WEIGHTS and isinstance(item, dict):
                yield from (s for words in item.values() for s in words if isinstance(s, str))
            else:
                yield from _sources(item)
    elif isinstance(value, list):
        for item in value:
            yield from _sources(item)


@cache
def _needles() -> dict[str, str]:
    """Every cue normalised, kept between processes: two thousand cues are a noticeable part
    of a cold start. The key covers the data, the normaliser's code and its kana table."""
    import jaconv

    code = files("coach").joinpath("text.py").read_bytes()
    version = str(getattr(jaconv, "__version__", ""))
    key = hashlib.sha256(_raw() + code + version.encode()).hexdigest()
    return cached_value(
        "knowledge-cues",
        key,
        lambda: {source: normalize(source.rstrip("*")) for source in _sources(knowledge())},
        valid=dict,
    )


def label(kind: Kind, item_id: str, language: Language) -> str:
    """The short UI label of a taxonomy id, e.g. a reason chip."""
    text: str = knowledge()[kind][item_id]["label"][language]
    return text


@cache
def knowledge_base() -> Knowledge:
    """The typed, indexed knowledge; built once per process."""
    data = knowledge()
    reasons = {rid: _reason(rid, data["reasons"][rid]) for rid in REASON_IDS}
    cues = [cue for rid in REASON_IDS for cue in _cues(rid, "reason", data["reasons"][rid])]
    for sid, raw in data["signals"].items():
        cues += _cues(sid, "signal", {"cues": raw["cues"]})
    return Knowledge(
        reasons=reasons,
        strategies=_items(data["strategies"], STRATEGY_IDS),
        cautions=_items(data["cautions"], CAUTION_IDS),
        prevention=_items(data["prevention"], PREVENTION_IDS),
        signals={sid: Signal(sid, _text(raw["meaning"])) for sid, raw in data["signals"].items()},
        drafts={key: _draft(key, raw) for key, raw in data["drafts"].items()},
        phrases={key: _text(raw) for key, raw in data["phrases"].items()},
        matcher=CueMatcher(cues),
        goals=_choices(data["goals"], GOALS),
        decisions=_choices(data["decisions"], DECISIONS),
        decision_why={key: _text(raw) for key, raw in data["decision_why"].items()},
        intents=_choices(data["intents"], DRAFT_INTENTS),
        follow_ups={
            fid: FollowUp(fid, _text(raw["lead"]), _text(raw["approach"]))
            for fid, raw in data["follow_ups"].items()
        },
        relation_matcher=_matcher("relation", data["relations"]),
        goal_matcher=_matcher(
            "goal", {goal: raw for goal, raw in data["goals"].items() if "cues" in raw}
        ),
        received_matcher=_matcher("received", data["received"]),
        received_order=tuple(data["received"]),
        received_says={
            kind: _received(kind, raw, data["decision_why"])
            for kind, raw in data["received"].items()
            if "approach" in raw
        },
        ask_matcher=_matcher("ask", data["follow_ups"]),
    )


def _matcher(kind: CueKind, raw: Mapping[str, Any]) -> CueMatcher:
    return CueMatcher(cue for owner, item in raw.items() for cue in _cues(owner, kind, item))


def _choices(raw: Mapping[str, Any], ids: Iterable[str]) -> dict[str, Choice]:
    return {
        cid: Choice(
            id=cid,
            label=_text(raw[cid]["label"]),
            meaning=_text(raw[cid]["meaning"]),
            timing=_text(raw[cid]["timing"]) if "timing" in raw[cid] else None,
        )
        for cid in ids
    }


def _draft(key: str, raw: Mapping[str, Any]) -> Draft:
    def ids(name: str) -> frozenset[str]:
        return frozenset(raw.get(name, ()))

    if raw["intent"] not in DRAFT_INTENTS:
        raise ValueError(f"draft {key}: unknown intent {raw['intent']!r}")
    return Draft(
        key=key,
        text=_text(raw),
        intent=cast(DraftIntent, raw["intent"]),
        relations=ids("relations"),
        reasons=ids("reasons"),
        received=ids("received"),
        goals=ids("goals"),
        asks=ids("asks"),
        signals=ids("signals"),
    )


def _received(kind: str, raw: Mapping[str, Any], whys: Mapping[str, Any]) -> Received:
    """One kind of message; every id it names must exist (a why key included), or loading
    fails here rather than on the turn that first meets it."""
    unknown = set(raw.get("intents", ())) - set(DRAFT_INTENTS)
    unknown |= set(raw.get("cautions", ())) - set(CAUTION_IDS)
    unknown |= set(raw.get("rules_out", ())) - set(REASON_IDS)
    unknown |= set(raw.get("leaves_out", ())) - set(CAUTION_IDS)
    decision = raw.get("decision")
    if decision is not None:
        unknown |= {decision[0]} - set(MODEL_DECISIONS)
        unknown |= {decision[1]} - set(whys)
    if unknown:
        raise ValueError(f"received {kind}: unknown ids {sorted(unknown)}")
    return Received(
        id=kind,
        approach=_text(raw["approach"]),
        summary=_text(raw["summary"]) if "summary" in raw else None,
        caution=_text(raw["caution"]) if "caution" in raw else None,
        cautions=tuple(raw.get("cautions", ())),
        intents=tuple(cast(DraftIntent, i) for i in raw.get("intents", ())),
        rules_out=tuple(raw.get("rules_out", ())),
        decision=(cast(ModelDecision, decision[0]), str(decision[1])) if decision else None,
        serious=bool(raw.get("serious", False)),
        narrated=bool(raw.get("narrated", False)),
        timing=_text(raw["timing"]) if "timing" in raw else None,
        leaves_out=tuple(raw.get("leaves_out", ())),
    )


def _text(raw: Mapping[str, str]) -> Text:
    return Text(ja=raw["ja"], en=raw["en"])


def _reason(rid: str, raw: Mapping[str, Any]) -> Reason:
    return Reason(
        id=rid,
        label=_text(raw["label"]),
        meaning=_text(raw["meaning"]),
        explanation=_text(raw["explanation"]),
        reading=_text(raw["reading"]),
        strategies=tuple(raw["strategies"]),
        cautions=tuple(raw["cautions"]),
        prevention=tuple(raw["prevention"]),
        drafts=tuple(raw["drafts"]),
    )


def _items(raw: Mapping[str, Any], ids: Iterable[str]) -> dict[str, Item]:
    return {
        item_id: Item(
            id=item_id,
            label=_text(raw[item_id]["label"]),
            meaning=_text(raw[item_id]["meaning"]),
            advice={lang: tuple(raw[item_id]["advice"][lang]) for lang in ("ja", "en")},
        )
        for item_id in ids
    }


def _cues(owner: str, kind: CueKind, raw: Mapping[str, Any]) -> list[Cue]:
    cues: list[Cue] = []
    for tier, weight in CUE_WEIGHTS.items():
        for lang in ("ja", "en"):
            for source in raw.get(tier, {}).get(lang, ()):
                cue = _cue(owner, kind, source, weight)
                if cue is not None:
                    cues.append(cue)
    return cues


def _cue(owner: str, kind: CueKind, source: str, weight: int) -> Cue | None:
    stem = source.endswith("*")
    needle = _needles().get(source)
    if needle is None:
        needle = normalize(source.rstrip("*"))
    if not needle:
        return None
    return Cue(
        owner=owner,
        kind=kind,
        source=source,
        needle=needle,
        weight=weight,
        stem=stem,
        word_start=_ASCII_WORD.match(needle[0]) is not None,
        word_end=not stem and _ASCII_WORD.match(needle[-1]) is not None,
        japanese=_JAPANESE_CHAR.search(needle) is not None,
    )
