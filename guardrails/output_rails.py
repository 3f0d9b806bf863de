"""Output rails: every model answer passes here before it is shown (placeholder)."""

from __future__ import annotations

from dataclasses import dataclass

from coach.schemas import AdviceDraft, Language

__all__ = ["RailVerdict", "check_output"]


@dataclass(frozen=True, slots=True)
class RailVerdict:
    name: str
    reason: str


def check_output(
    draft: AdviceDraft, *, language: Language, system_prompt: str
) -> RailVerdict | None:
    return None
