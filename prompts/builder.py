"""System prompt assembled from coach/data/knowledge.json (placeholder for now)."""

from __future__ import annotations

from functools import cache

from coach.schemas import REASON_IDS, Language

__all__ = ["build_system_prompt"]


@cache
def build_system_prompt(language: Language) -> str:
    ids = ", ".join(REASON_IDS)
    return f"You are a coach. Answer in {language}. Reason ids: {ids}."
