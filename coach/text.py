"""Text clean-up and normalisation shared by the rails and the rules.

Foundation module: imports nothing else of the project.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jaconv

from coach.schemas import Language

__all__ = ["clean", "contains_japanese", "detect_language", "normalize"]

# C0/C1 controls except tab and newline, lone surrogates, and noncharacters.
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]"
)
_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
_SPACES = re.compile(r"[ \t\u3000]+")


def clean(text: str) -> str:
    """What the user meant to type: controls and invisible characters gone, line ends kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _UNWANTED.sub("", text)
    return text.strip()


@lru_cache(maxsize=2048)
def normalize(text: str) -> str:
    """One spelling per word: cues match ｶﾀｶﾅ, カタカナ and かたかな alike."""
    text = unicodedata.normalize("NFKC", clean(text))
    text = jaconv.kata2hira(text)
    text = text.lower()
    return _SPACES.sub(" ", text)


def contains_japanese(text: str) -> bool:
    return _JAPANESE.search(text) is not None


def detect_language(text: str) -> Language:
    """Japanese when the text has any kana or kanji: a Japanese message often quotes English."""
    return "ja" if contains_japanese(text) else "en"
