"""The reason evals as a regression test: the rule engine must keep its top-1 accuracy."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from coach.schemas import REASON_IDS
from evals.reasons import load_cases, main, run, top1_accuracy


def test_eval_set_is_balanced_and_bilingual() -> None:
    cases = load_cases()
    per_reason = Counter(case.expected for case in cases)
    assert len(cases) >= 64
    assert all(per_reason[rid] >= 6 for rid in REASON_IDS)
    assert sum(case.language == "en" for case in cases) * 3 >= len(cases)


def test_rule_engine_top1_accuracy_is_at_least_90_percent() -> None:
    outcomes = run(load_cases())
    misses = [(o.case.expected, o.predicted, o.case.text) for o in outcomes if not o.correct]
    assert top1_accuracy(outcomes) >= 0.9, misses


def test_main_scores_a_given_case_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "new.jsonl"
    cases.write_text(
        '{"text": "元カノが復縁したいって", "language": "ja", "expected": "reconcile"}\n'
        '{"text": "連絡がきました", "language": "ja", "expected": "busy"}\n',
        encoding="utf-8",
    )
    assert main([str(cases)]) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "50.0%" in out
    assert "expected busy, got [curious]" in out
