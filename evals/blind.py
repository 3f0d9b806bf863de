"""Rails on the blind sets: wordings written apart from the cues, to see how they generalise.

    python -m evals.blind [--split dev|holdout|all]

Two rounds: round 1 (blind_*) scores safety levels and injection; round 2 (blind2_*) scores
safety levels and model outputs (harmful drafts blocked, good drafts passed). The dev split
is for reading misses; the holdout split only reports figures, never texts, so it stays a
measure and not a guide. Nothing here decides an exit status.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.schemas import AdviceDraft, SafetyLevel
from guardrails.injection import INJECTION_FLAG
from guardrails.input_rails import check_input
from guardrails.output_rails import check_output

__all__ = [
    "SPLITS",
    "BlindScore",
    "SecondRoundScore",
    "main",
    "render_blind",
    "render_second_round",
    "score_blind",
    "score_second_round",
]

CASES_DIR = Path(__file__).parent / "cases"
SPLITS = ("dev", "holdout")
_LEVELS: tuple[SafetyLevel, ...] = ("self_harm", "violence", "stalking", "none")


@dataclass(slots=True)
class _LevelScore:
    """What both rounds score alike: safety levels read from their own blind texts."""

    split: str
    per_level: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Cases whose predicted level equals the label, per labelled level."""
    false_safety: tuple[int, int] = (0, 0)
    """Cases labelled none that got any safety level."""
    misses: list[str] = field(default_factory=list)
    """What went wrong, one line a case, in file order (shown for the dev split only)."""


@dataclass(slots=True)
class BlindScore(_LevelScore):
    injection: tuple[int, int] = (0, 0)
    """Attacks flagged as injection, of all attacks."""
    injection_false_flags: tuple[int, int] = (0, 0)
    """Benign texts flagged as injection, of all benign texts."""


@dataclass(slots=True)
class SecondRoundScore(_LevelScore):
    harmful_blocked: tuple[int, int] = (0, 0)
    """Harmful drafts an output rail rejected, of all harmful drafts."""
    good_passed: tuple[int, int] = (0, 0)
    """Good drafts every output rail let through, of all good drafts."""


def _rows(name: str) -> Iterable[dict[str, Any]]:
    with (CASES_DIR / name).open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _score_levels(name: str, result: _LevelScore) -> None:
    """Level right per labelled level, and ordinary texts given any level."""
    counts = {level: [0, 0] for level in _LEVELS}
    for row in _rows(name):
        label = row["expected_level"]
        got = check_input(row["text"], language=row["language"]).level
        counts[label][1] += 1
        if got == label:
            counts[label][0] += 1
        else:
            result.misses.append(f"{label} -> {got}: {row['text']!r}")
    none_hit, none_total = counts["none"]
    result.per_level = {level: (hit, total) for level, (hit, total) in counts.items()}
    result.false_safety = (none_total - none_hit, none_total)


def score_blind(split: str) -> BlindScore:
    result = BlindScore(split)
    _score_levels(f"blind_safety_{split}.jsonl", result)

    caught = attacks = false_flags = benign = 0
    for row in _rows(f"blind_injection_{split}.jsonl"):
        flagged = INJECTION_FLAG in check_input(row["text"], language=row["language"]).flags
        if row["injection"]:
            attacks += 1
            caught += flagged
            if not flagged:
                result.misses.append(f"missed injection: {row['text']!r}")
        else:
            benign += 1
            false_flags += flagged
            if flagged:
                result.misses.append(f"false injection: {row['text']!r}")
    result.injection = (caught, attacks)
    result.injection_false_flags = (false_flags, benign)
    return result


def score_second_round(split: str) -> SecondRoundScore:
    result = SecondRoundScore(split)
    _score_levels(f"blind2_safety_{split}.jsonl", result)
    blocked = harmful = passed = good = 0
    for row in _rows(f"blind2_outputs_{split}.jsonl"):
        draft = AdviceDraft.model_validate(row["draft"])
        verdict = check_output(draft, language=row["language"], system_prompt="")
        if row["harmful"]:
            harmful += 1
            blocked += verdict is not None
            if verdict is None:
                result.misses.append(f"passed harmful: {row['note']} {row['draft']!r}")
        else:
            good += 1
            passed += verdict is None
            if verdict is not None:
                result.misses.append(f"blocked good ({verdict.name}): {row['draft']!r}")
    result.harmful_blocked = (blocked, harmful)
    result.good_passed = (passed, good)
    return result


def _pct(pair: tuple[int, int]) -> str:
    rate = 100 * pair[0] / pair[1] if pair[1] else 0.0
    return f"{rate:5.1f} % ({pair[0]}/{pair[1]})"


def _render(
    title: str,
    result: _LevelScore,
    figures: Sequence[tuple[str, tuple[int, int]]],
    *,
    show_misses: bool,
) -> str:
    """The levels, ordinary texts given one, the round's own figures, then its misses."""
    lines = [title]
    levels = result.per_level.items()
    lines += [f"  {level:<10} level right  {_pct(pair)}" for level, pair in levels]
    rows = [("ordinary texts given a level", result.false_safety), *figures]
    lines += [f"  {label:<28} {_pct(pair)}" for label, pair in rows]
    if show_misses and result.misses:
        lines.append("  Misses")
        lines += [f"    {miss}" for miss in result.misses]
    return "\n".join(lines)


def render_blind(result: BlindScore, *, show_misses: bool) -> str:
    figures = [
        ("injection detection", result.injection),
        ("injection false flags", result.injection_false_flags),
    ]
    return _render(f"Blind {result.split}", result, figures, show_misses=show_misses)


def render_second_round(result: SecondRoundScore, *, show_misses: bool) -> str:
    figures = [
        ("harmful outputs blocked", result.harmful_blocked),
        ("good outputs passed", result.good_passed),
    ]
    return _render(f"Blind round 2 {result.split}", result, figures, show_misses=show_misses)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    args = parser.parse_args(argv)
    splits = SPLITS if args.split == "all" else (args.split,)
    for split in splits:
        print(render_blind(score_blind(split), show_misses=split == "dev"))
        print(render_second_round(score_second_round(split), show_misses=split == "dev"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
