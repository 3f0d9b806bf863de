"""Rails on the blind sets: wordings written apart from the cues, to see how they generalise.

    python -m evals.blind [--split dev|holdout|all]

The dev split is for reading misses; the holdout split only reports figures, never texts, so
it stays a measure and not a guide. Nothing here decides an exit status.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.schemas import SafetyLevel
from guardrails.injection import INJECTION_FLAG
from guardrails.input_rails import check_input

__all__ = ["SPLITS", "BlindScore", "main", "render_blind", "score_blind"]

CASES_DIR = Path(__file__).parent / "cases"
SPLITS = ("dev", "holdout")
_LEVELS: tuple[SafetyLevel, ...] = ("self_harm", "violence", "stalking", "none")


@dataclass(slots=True)
class BlindScore:
    split: str
    per_level: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Cases whose predicted level equals the label, per labelled level."""
    false_safety: tuple[int, int] = (0, 0)
    """Cases labelled none that got any safety level."""
    injection: tuple[int, int] = (0, 0)
    injection_false_flags: tuple[int, int] = (0, 0)
    misses: list[str] = field(default_factory=list)


def _rows(name: str) -> Iterable[dict[str, Any]]:
    with (CASES_DIR / name).open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def score_blind(split: str) -> BlindScore:
    result = BlindScore(split)
    counts = {level: [0, 0] for level in _LEVELS}
    for row in _rows(f"blind_safety_{split}.jsonl"):
        label = row["expected_level"]
        got = check_input(row["text"], language=row["language"]).level
        counts[label][1] += 1
        if got == label:
            counts[label][0] += 1
        else:
            result.misses.append(f"{label} -> {got}: {row['text']!r}")
    result.per_level = {level: (hit, total) for level, (hit, total) in counts.items()}
    none_hit, none_total = counts["none"]
    result.false_safety = (none_total - none_hit, none_total)

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


def _pct(pair: tuple[int, int]) -> str:
    rate = 100 * pair[0] / pair[1] if pair[1] else 0.0
    return f"{rate:5.1f} % ({pair[0]}/{pair[1]})"


def render_blind(result: BlindScore, *, show_misses: bool) -> str:
    lines = [f"Blind {result.split}"]
    for level, pair in result.per_level.items():
        lines.append(f"  {level:<10} level right  {_pct(pair)}")
    lines.append(f"  ordinary texts given a level {_pct(result.false_safety)}")
    lines.append(f"  injection detection          {_pct(result.injection)}")
    lines.append(f"  injection false flags        {_pct(result.injection_false_flags)}")
    if show_misses and result.misses:
        lines.append("  Misses")
        lines += [f"    {miss}" for miss in result.misses]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    args = parser.parse_args(argv)
    splits = SPLITS if args.split == "all" else (args.split,)
    for split in splits:
        print(render_blind(score_blind(split), show_misses=split == "dev"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
