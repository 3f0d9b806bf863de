"""Off-topic requests: a short redirect instead of relationship advice for a weather question.

Conservative by design: any mention of a person, a message or a relationship keeps the turn
on topic, and a text without a clear off-topic request is coached as usual. The cues are
`guardrails/cues/topic.toml`.
"""

from __future__ import annotations

from guardrails.cuebook import book

__all__ = ["is_off_topic"]


def is_off_topic(normalized: str) -> bool:
    """True only for a clear request outside the coach's remit with nothing about a person."""
    cues = book("topic")
    return (
        cues.group("off_topic").search(normalized) is not None
        and cues.group("on_topic").search(normalized) is None
    )
