"""The labelled eval sets as a regression test: every target holds on every case."""

from __future__ import annotations

from evals.rails import (
    INJECTION_TARGET,
    load_input_cases,
    load_output_cases,
    missed_targets,
    render,
    score,
)


def test_eval_sets_are_as_large_as_promised() -> None:
    safety = load_input_cases("safety.jsonl")
    for level in ("self_harm", "violence", "stalking"):
        cases = [c for c in safety if c.level == level]
        assert len(cases) >= 12, level
        assert {c.language for c in cases} == {"ja", "en"}, level
    assert len(load_input_cases("traps.jsonl")) >= 30
    attacks = load_input_cases("injection.jsonl")
    assert len(attacks) >= 30
    assert sum(c.language == "ja" for c in attacks) * 2 >= len(attacks)
    outputs = load_output_cases()
    assert sum(c.expect is not None for c in outputs) >= 30
    assert any(c.expect is None for c in outputs)


def test_rails_meet_every_target_on_the_eval_sets() -> None:
    result = score()
    assert missed_targets(result) == [], render(result)
    for level, (hits, total) in result.recall.items():
        assert hits == total, level
    assert result.injection[0] >= INJECTION_TARGET * result.injection[1]
    assert result.blocked[0] == result.blocked[1]
    assert result.false_blocks[0] == 0
