"""The corpus splits through the rails: cues alone, the semantic heads alone, and both.

    python -m evals.semantic [--split test|dev|train] [--rails cues,semantic,both]

The test split was written by an author whose texts never trained or tuned anything; it is
only measured here. Figures are per level and language, with counts. No texts are printed
for the test split, so it stays a measure and not a guide.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from coach.schemas import AdviceDraft, Language
from coach.text import clean
from guardrails.rails import AnswerContext, Rails, shared_semantic
from guardrails.rules import DEFAULT_REASON, blended_reasons, cue_reason_scores
from prompts import build_system_prompt
from training.corpus import SPLITS, Corpus, load

__all__ = ["main", "score_answers", "score_reasons", "score_safety"]

LEVELS = ("self_harm", "violence", "stalking")
LANGS = ("ja", "en")
Tally = dict[str, list[int]]


def _rails(name: str) -> Rails:
    if name == "cues":
        return Rails.cues()
    if name == "semantic":
        return Rails.semantic_only(shared_semantic())
    return Rails.default(shared_semantic())


def _ratio(pair: Sequence[int]) -> str:
    right, total = pair
    percent = f" ({100 * right / total:.0f} %)" if total else ""
    return f"{right}/{total}{percent}"


def score_safety(rails: Rails, corpus: Corpus) -> dict[str, Tally]:
    """Level right per level and language; any level on safe texts (hard negatives, coaching);
    the soft check-in on danger texts that got no level; on self-harm texts answered as
    self-harm whose author said whose words they are, the answer for the right person."""
    right: Tally = defaultdict(lambda: [0, 0])
    false_level: Tally = defaultdict(lambda: [0, 0])
    check_in: Tally = defaultdict(lambda: [0, 0])
    whose: Tally = defaultdict(lambda: [0, 0])
    for case in corpus.safety:
        report = rails.check_input(case.text, language=case.lang)  # type: ignore[arg-type]
        key = f"{case.label}/{case.lang}"
        if case.label == "none":
            false_level[f"hard_negative/{case.lang}"][0] += report.level != "none"
            false_level[f"hard_negative/{case.lang}"][1] += 1
            continue
        right[key][0] += report.level == case.label
        right[key][1] += 1
        if case.label == "self_harm" and report.level == "self_harm" and case.by:
            # Whose words: the answer for worry about someone else, or for the user's own.
            about_other = "self_harm_other" in report.flags
            whose[f"{case.by}/{case.lang}"][0] += about_other == (case.by == "other")
            whose[f"{case.by}/{case.lang}"][1] += 1
        if report.level == "none":
            check_in[key][0] += "safety_check_in" in report.flags
            check_in[key][1] += 1
    for reason in corpus.reasons:
        report = rails.check_input(reason.text, language=reason.lang)  # type: ignore[arg-type]
        false_level[f"coaching/{reason.lang}"][0] += report.level != "none"
        false_level[f"coaching/{reason.lang}"][1] += 1
    return {
        "right": dict(right),
        "false_level": dict(false_level),
        "check_in": dict(check_in),
        "whose": dict(whose),
    }


def score_answers(rails: Rails, corpus: Corpus) -> Tally:
    """Harmful and incoherent answers blocked, good answers passed, per language."""
    out: Tally = defaultdict(lambda: [0, 0])
    for answer in corpus.answers:
        lang: Language = "ja" if answer.lang == "ja" else "en"
        try:
            draft = AdviceDraft.model_validate(answer.answer)
        except ValidationError:
            verdict: object = "schema"
        else:
            context = AnswerContext(lang, build_system_prompt(lang), clean(answer.situation))
            verdict = rails.check_output(draft, context)
        key = f"{answer.label}/{lang}"
        out[key][1] += 1
        if answer.label == "good":
            out[key][0] += verdict is None
        else:
            out[key][0] += verdict is not None
    return dict(out)


def score_reasons(corpus: Corpus) -> Tally:
    """Top-1 reason, rules alone and blended with the reason head, per language and wording."""
    semantic = shared_semantic()
    heads = semantic.heads
    weight = float(heads.thresholds["reason_cue_weight"]) if heads else 1.0
    out: Tally = defaultdict(lambda: [0, 0])
    for case in corpus.reasons:
        cue = cue_reason_scores(clean(case.text))
        read = semantic.read_input(clean(case.text))
        wording = "paraphrase" if case.paraphrase else "plain"
        ranked_cues = blended_reasons(cue, {}, 1.0) or [DEFAULT_REASON]
        ranked = blended_reasons(cue, read.reasons, weight) if read else ranked_cues
        for key, top in (
            (f"cues/{case.lang}/{wording}", ranked_cues[0]),
            (f"blend/{case.lang}/{wording}", ranked[0]),
        ):
            out[key][0] += top == case.reasons[0]
            out[key][1] += 1
    return dict(out)


def _sum(tally: Tally, prefix: str) -> list[int]:
    pairs = [v for k, v in tally.items() if k.startswith(prefix)]
    return [sum(p[0] for p in pairs), sum(p[1] for p in pairs)]


def _only(corpus: Corpus, authors: Sequence[str]) -> Corpus:
    if not authors:
        return corpus
    keep = set(authors)
    return Corpus(
        corpus.split,
        [c for c in corpus.safety if c.author in keep],
        [c for c in corpus.reasons if c.author in keep],
        [c for c in corpus.answers if c.author in keep],
    )


def _authors(corpus: Corpus) -> set[str]:
    return (
        {c.author for c in corpus.safety}
        | {c.author for c in corpus.reasons}
        | {c.author for c in corpus.answers}
    )


def render(split: str, rails_names: Sequence[str], authors: Sequence[str] = ()) -> list[str]:
    corpus = _only(load(split), authors)  # type: ignore[arg-type]
    lines = [
        f"== Semantic layer on the {split} split: {len(corpus.safety)} safety texts, "
        f"{len(corpus.reasons)} coaching texts, {len(corpus.answers)} model answers "
        f"(authors: {', '.join(sorted(_authors(corpus)))})"
    ]
    for name in rails_names:
        rails = _rails(name)
        started = time.perf_counter()
        safety = score_safety(rails, corpus)
        answers = score_answers(rails, corpus)
        elapsed = time.perf_counter() - started
        lines.append(f"-- rails: {name}  ({elapsed:.1f} s)")
        for level in LEVELS:
            per_lang = "  ".join(
                f"{lang} {_ratio(safety['right'].get(f'{level}/{lang}', [0, 0]))}" for lang in LANGS
            )
            both = _ratio(_sum(safety["right"], f"{level}/"))
            extra = _ratio(_sum(safety["check_in"], f"{level}/"))
            lines.append(
                f"   {level:<10} level right {both:<14} [{per_lang}]  check-in on the rest {extra}"
            )
        if safety["whose"]:
            parts = "  ".join(
                f"{by} {_ratio(_sum(safety['whose'], f'{by}/'))}" for by in ("other", "user")
            )
            lines.append(f"   self_harm  whose words right [{parts}]")
        for kind in ("hard_negative", "coaching"):
            per_lang = "  ".join(
                f"{lang} {_ratio(safety['false_level'].get(f'{kind}/{lang}', [0, 0]))}"
                for lang in LANGS
            )
            lines.append(
                f"   {kind:<13} given a level {_ratio(_sum(safety['false_level'], kind))} "
                f"[{per_lang}]"
            )
        for label, verb in (("harmful", "blocked"), ("incoherent", "blocked"), ("good", "passed")):
            per_lang = "  ".join(
                f"{lang} {_ratio(answers.get(f'{label}/{lang}', [0, 0]))}" for lang in LANGS
            )
            lines.append(
                f"   answers {label:<10} {verb} {_ratio(_sum(answers, label + '/'))} [{per_lang}]"
            )
    reasons = score_reasons(corpus)
    for how in ("cues", "blend"):
        parts = "  ".join(
            f"{lang}/{wording} {_ratio(reasons.get(f'{how}/{lang}/{wording}', [0, 0]))}"
            for lang in LANGS
            for wording in ("plain", "paraphrase")
        )
        lines.append(f"-- reason top-1, {how}: {_ratio(_sum(reasons, how + '/'))} [{parts}]")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.semantic")
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--rails", default="cues,semantic,both")
    parser.add_argument("--authors", default="", help="comma-separated, e.g. a12 (default: all)")
    args: Any = parser.parse_args(argv)
    semantic = shared_semantic()
    if not semantic.available():
        print(f"semantic rails unavailable: {semantic.unavailable_reason}")
    authors = [a for a in args.authors.split(",") if a]
    for line in render(args.split, args.rails.split(","), authors):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
