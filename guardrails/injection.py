"""Prompt-injection and jailbreak cues (`guardrails/cues/injection.toml`) over normalised text.

A hit does not refuse the turn: the pipeline passes the text on only as quoted data, and the
output rails stop any answer that repeats the system prompt.
"""

from __future__ import annotations

from collections.abc import Sequence

from guardrails.cuebook import book

__all__ = ["INJECTION_FLAG", "looks_like_injection"]

INJECTION_FLAG = "prompt_injection"


def looks_like_injection(normalized: str, *, spelled: Sequence[str] = ()) -> bool:
    """True when the text tries to re-instruct the coach or to read its hidden prompt;
    `spelled` holds words spelled out letter by letter (`coach.text.spelled_out`)."""
    cues = book("injection").group("injection")
    return cues.search(normalized) is not None or cues.search_glued(spelled) is not None
