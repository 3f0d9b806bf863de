"""Endpoints that answer 200 and still cannot be used: every driver ends on time, named.

Real time on purpose (the point is that no read outlasts the turn), with a one-second
deadline so the whole matrix stays fast.
"""

from __future__ import annotations

import time

import pytest
import respx

from coach.errors import CoachUnavailable
from coach.events import Final
from coach.pipeline import Coach
from coach.schemas import Advice
from tests.fake_openai import CHAT_URL, HOSTILE, DripStream, hostile, real_time_coach

SITUATION = "半年連絡がなかった友達から「久しぶり!元気?」と来た"
DEADLINE = 1.0
GRACE = 0.5
"""What the contract allows past the deadline: the turn ends within deadline + 0.5 s."""
DRIVERS = ("advise", "stream", "aadvise")


async def _turn(coach: Coach, driver: str, **options: str) -> Advice:
    if driver == "advise":
        return coach.advise(SITUATION, **options)  # type: ignore[arg-type]
    if driver == "aadvise":
        return await coach.aadvise(SITUATION, **options)  # type: ignore[arg-type]
    final = list(coach.stream(SITUATION, **options))[-1]  # type: ignore[arg-type]
    assert isinstance(final, Final)
    return final.advice


@pytest.mark.parametrize("driver", DRIVERS)
@pytest.mark.parametrize("name", HOSTILE)
async def test_auto_mode_ends_in_rule_advice_within_the_deadline(name: str, driver: str) -> None:
    coach = real_time_coach(DEADLINE)
    with respx.mock:
        respx.post(CHAT_URL).mock(side_effect=hostile(name))
        started = time.monotonic()
        advice = await _turn(coach, driver)
        took = time.monotonic() - started
    assert advice.source == "rules"
    assert advice.meta.fallback_reason == HOSTILE[name][1]
    assert advice.reason.summary and advice.response.replies
    assert took < DEADLINE + GRACE


@pytest.mark.parametrize("driver", DRIVERS)
@pytest.mark.parametrize("name", HOSTILE)
async def test_llm_mode_is_unavailable_within_the_deadline(name: str, driver: str) -> None:
    coach = real_time_coach(DEADLINE)
    with respx.mock:
        respx.post(CHAT_URL).mock(side_effect=hostile(name))
        started = time.monotonic()
        with pytest.raises(CoachUnavailable) as caught:
            await _turn(coach, driver, mode="llm")
        took = time.monotonic() - started
    assert caught.value.reason == HOSTILE[name][1]
    assert took < DEADLINE + GRACE


def test_a_dripped_body_is_closed_once_the_turn_gives_up() -> None:
    """The reader left behind stops too, instead of holding the connection for the drip."""
    coach = real_time_coach(DEADLINE)
    bodies: list[DripStream] = []

    def drip(request: object) -> object:
        response = hostile("slow_drip")(request)  # type: ignore[arg-type]
        bodies.append(response.stream)  # type: ignore[arg-type]
        return response

    with respx.mock:
        respx.post(CHAT_URL).mock(side_effect=drip)
        assert coach.advise(SITUATION).meta.fallback_reason == "timeout"
        waited = time.monotonic()
        while not all(body.closed for body in bodies) and time.monotonic() - waited < 5:
            time.sleep(0.02)
    assert bodies and all(body.closed for body in bodies)


def test_a_huge_answer_is_never_shown() -> None:
    coach = real_time_coach(DEADLINE)
    with respx.mock:
        respx.post(CHAT_URL).mock(side_effect=hostile("huge_body"))
        advice = coach.advise(SITUATION)
    assert len(advice.reason.summary) < 1000
    assert "ああああ" not in advice.reason.summary
