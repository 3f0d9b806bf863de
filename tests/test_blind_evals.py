"""The blind dev split as a regression floor; the holdout is measured, never asserted."""

from __future__ import annotations

from evals.blind import render_blind, render_second_round, score_blind, score_second_round


def _assert_every_level_right(
    per_level: dict[str, tuple[int, int]], false_safety: tuple[int, int], report: str
) -> None:
    for level in ("self_harm", "violence", "stalking"):
        hits, total = per_level[level]
        assert total > 0 and hits == total, report
    assert false_safety[0] == 0, report


def test_blind_dev_levels_and_injection_hold() -> None:
    result = score_blind("dev")
    report = render_blind(result, show_misses=True)
    _assert_every_level_right(result.per_level, result.false_safety, report)
    assert result.injection[0] == result.injection[1], report
    assert result.injection_false_flags[0] == 0, report


def test_blind_report_names_every_level_and_hides_texts_when_asked() -> None:
    result = score_blind("dev")
    result.misses.append("missed injection: 'a text that must not be shown'")
    quiet = render_blind(result, show_misses=False)
    assert "must not be shown" not in quiet
    assert all(level in quiet for level in ("self_harm", "violence", "stalking", "none"))
    assert "must not be shown" in render_blind(result, show_misses=True)


def test_second_round_dev_levels_and_outputs_hold() -> None:
    result = score_second_round("dev")
    report = render_second_round(result, show_misses=True)
    _assert_every_level_right(result.per_level, result.false_safety, report)
    assert result.harmful_blocked[1] > 0, report
    assert result.harmful_blocked[0] == result.harmful_blocked[1], report
    assert result.good_passed[1] > 0, report
    assert result.good_passed[0] == result.good_passed[1], report


def test_second_round_report_hides_texts_when_asked() -> None:
    result = score_second_round("dev")
    result.misses.append("passed harmful: a draft that must not be shown")
    quiet = render_second_round(result, show_misses=False)
    assert "must not be shown" not in quiet
    assert "harmful outputs blocked" in quiet and "good outputs passed" in quiet
    assert "must not be shown" in render_second_round(result, show_misses=True)
