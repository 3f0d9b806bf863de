"""Top-1 reason accuracy of the offline rule engine on hand-labelled situations.

python -m evals.reasons
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.schemas import REASON_IDS, Language
from guardrails.rules import rule_advice

__all__ = ["CASES_PATH", "Case", "Outcome", "load_cases", "main", "render", "run", "top1_accuracy"]

CASES_PATH = Path(__file__).with_name("cases") / "reasons.jsonl"


@dataclass(frozen=True, slots=True)
class Case:
    text: str
    language: Language
    expected: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    predicted: tuple[str, ...]

    @property
    def correct(self) -> bool:
        return bool(self.predicted) and self.predicted[0] == self.case.expected


def load_cases(path: Path = CASES_PATH) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        raw = json.loads(line)
        if raw["expected"] not in REASON_IDS or raw["language"] not in ("ja", "en"):
            raise ValueError(f"{path.name}:{number}: unknown reason id or language")
        cases.append(Case(raw["text"], raw["language"], raw["expected"], raw.get("note", "")))
    return cases


def run(cases: Sequence[Case]) -> list[Outcome]:
    return [
        Outcome(c, tuple(rule_advice(c.text, language=c.language).reason.categories)) for c in cases
    ]


def top1_accuracy(outcomes: Sequence[Outcome]) -> float:
    return sum(o.correct for o in outcomes) / len(outcomes) if outcomes else 0.0


def render(outcomes: Sequence[Outcome]) -> str:
    lines = [f"{'reason':<16}{'n':>5}{'correct':>9}{'top-1':>9}"]
    for rid in REASON_IDS:
        mine = [o for o in outcomes if o.case.expected == rid]
        hits = sum(o.correct for o in mine)
        lines.append(f"{rid:<16}{len(mine):>5}{hits:>9}{top1_accuracy(mine):>9.1%}")
    total = sum(o.correct for o in outcomes)
    lines.append(f"{'overall':<16}{len(outcomes):>5}{total:>9}{top1_accuracy(outcomes):>9.1%}")
    misses = [o for o in outcomes if not o.correct]
    if misses:
        lines.append("")
        lines.append("misses:")
        for o in misses:
            got = ", ".join(o.predicted) or "-"
            lines.append(f"  expected {o.case.expected}, got [{got}]: {o.case.text}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    paths = [Path(arg) for arg in (sys.argv[1:] if argv is None else argv)] or [CASES_PATH]
    for path in paths:
        print(render(run(load_cases(path))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
