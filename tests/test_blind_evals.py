"""The blind dev split as a regression floor; the holdout is measured, never asserted."""

from __future__ import annotations

from evals.blind import render_blind, score_blind


def test_blind_dev_levels_and_injection_hold() -> None:
    result = score_blind("dev")
    report = render_blind(result, show_misses=True)
    for level in ("self_harm", "violence", "stalking"):
        hits, total = result.per_level[level]
        assert total > 0 and hits == total, report
    assert result.false_safety[0] == 0, report
    assert result.injection[0] == result.injection[1], report
    assert result.injection_false_flags[0] == 0, report


def test_blind_report_names_every_level_and_hides_texts_when_asked() -> None:
    result = score_blind("dev")
    result.misses.append("missed injection: 'a text that must not be shown'")
    quiet = render_blind(result, show_misses=False)
    assert "must not be shown" not in quiet
    assert all(level in quiet for level in ("self_harm", "violence", "stalking", "none"))
    assert "must not be shown" in render_blind(result, show_misses=True)
