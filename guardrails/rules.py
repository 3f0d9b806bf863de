"""Offline rule engine (placeholder: fixed advice until the knowledge base lands)."""

from __future__ import annotations

from collections.abc import Sequence

from coach.schemas import Advice, Caution, Language, Reason, Response, Turn

__all__ = ["rule_advice"]


def rule_advice(text: str, *, language: Language, history: Sequence[Turn] = ()) -> Advice:
    return Advice(
        reason=Reason(summary="…", categories=["curious"]),
        response=Response(approach="…", replies=["久しぶり!元気だった?"]),
        caution=Caution(points=["…"]),
        source="rules",
        language=language,
    )
