"""Words near danger that name no safety level still put a safety line in front of the user.

Which words do so are the `concern` and `distress` families of `guardrails/cues/safety.toml`,
with their examples (tests/test_cue_families.py); here, what the line brings.
"""

from __future__ import annotations

import pytest

from coach.config import Settings
from coach.pipeline import Coach
from guardrails.rails import Rails


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("彼のことが怖い。急に連絡が来て、どう返せばいいかわからない", "#9110"),
        ("I feel unsafe around him, and he texted me out of nowhere", "911"),
    ],
)
def test_the_check_in_leads_the_cautions_and_brings_numbers(text: str, contact: str) -> None:
    # The cue floor's check-in on its own: the semantic heads may read these as a level.
    advice = Coach(Settings(mode="offline"), rails=Rails.cues()).advise(text)
    assert advice.source == "rules"
    assert "safety_check_in" in advice.safety.flags
    assert any(contact in r.contact for r in advice.safety.resources)
    assert contact in advice.caution.points[0]
    assert advice.response.replies, "coaching continues; the line is an offer, not a stop"
