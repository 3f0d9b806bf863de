"""Fixed safety answers (placeholder until the rails land)."""

from __future__ import annotations

from coach.schemas import Advice, Caution, Reason, Response, Safety
from guardrails.input_rails import InputReport

__all__ = ["safety_advice"]


def safety_advice(report: InputReport) -> Advice:
    return Advice(
        reason=Reason(summary="…"),
        response=Response(approach="…"),
        caution=Caution(points=["…"]),
        source="safety",
        safety=Safety(level=report.level, flags=list(report.flags)),
        language=report.language,
    )
