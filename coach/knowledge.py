"""Loads the article's knowledge: the one data file the prompt builder and the rules share.

Foundation module: imports nothing else of the project but the schemas.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from coach.schemas import Language

__all__ = ["Kind", "knowledge", "label"]

Kind = Literal["reasons", "strategies", "cautions", "prevention"]


@cache
def knowledge() -> dict[str, Any]:
    raw = files("coach").joinpath("data/knowledge.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def label(kind: Kind, item_id: str, language: Language) -> str:
    """The short UI label of a taxonomy id, e.g. a reason chip."""
    text: str = knowledge()[kind][item_id]["label"][language]
    return text
