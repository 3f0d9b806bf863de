"""Text clean-up and normalisation shared by the rails, the rules and every display.

Foundation module: imports nothing else of the project.

`clean` is what the user meant to type and what any screen may show: controls, format
characters, variation selectors, tag characters and blank fillers removed. `normalize` is the
form every cue is matched against: cleaned, NFKC-folded (length capped), lower case, hiragana,
Cyrillic and Greek look-alikes read as Latin, and words spelled out letter by letter
("死 に た い", "死.に.た.い") joined again.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jaconv

from coach.cache import compile_cached
from coach.schemas import Language

__all__ = [
    "NORMALIZE_CACHE_LIMIT",
    "clean",
    "clear_cache",
    "contains_japanese",
    "detect_language",
    "japanese_count",
    "normalize",
    "spelled_out",
]

_NONCHARACTERS = "".join(
    f"{chr(plane << 16 | 0xFFFE)}-{chr(plane << 16 | 0xFFFF)}" for plane in range(17)
)
_INVISIBLE = (
    # C0/C1 controls except tab and newline; lone surrogates; line and paragraph separators.
    "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029"
    # Format characters (Unicode category Cf), listed so start-up needs no scan of Unicode.
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
    # Other default-ignorable code points: combining grapheme joiner, Hangul fillers, Khmer
    # inherent vowels, Mongolian and standard variation selectors, the braille blank.
    "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\ufff0-\ufff8"
    # Noncharacters.
    f"\ufdd0-\ufdef{_NONCHARACTERS}"
)
_UNWANTED = compile_cached(f"[{_INVISIBLE}]")
_JAPANESE = compile_cached("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
_SPACES = compile_cached(r"[ \t\u3000]+")

_LOOK_ALIKES = str.maketrans(
    # Cyrillic, then Greek, then Latin letters that pass for plain ones.
    "авеёкмнорстухіїјѕԁһӏԛԝ" + "αβεικνορτυχμςω" + "ıȷɑɡ",
    "abeekmhopctyxiijsdhlqw" + "abeikvoptuxusw" + "ijag",
)
_ACCENTS = {
    code: base
    for code in range(0xC0, 0x250)
    if (base := unicodedata.normalize("NFD", chr(code))[0]).isascii() and base.isalpha()
}
"""Accented Latin letters read as their base letter ("kíll"); kana keep their dakuten."""
_LETTER = r"[^\W\d_]"
_SINGLE = rf"(?<![^\W_]){_LETTER}(?![^\W_])"
_SPELLED = compile_cached(
    rf"{_SINGLE}(?:(?:[.・\-_*/,、。~〜]{{1,3}}\x20?|\x20){_SINGLE}){{2,}}[.・\-_*/,、。~〜]?"
)
"""Three or more lone letters with one space or a few dots between them."""
_NOT_KATAKANA = "[^\\W\\d_\u30a1-\u30fa]"
_DRAWN_OUT = compile_cached(
    rf"(?<![^\W_]){_NOT_KATAKANA}(?:ー{{1,3}}{_NOT_KATAKANA}(?![^\W_ー])){{2,}}"
)
"""Lone letters drawn out with long-vowel marks ("死ーにーたーい"); katakana keep their ー."""
_SEPARATORS = compile_cached(r"[.・\-_*/,、。~〜ー\x20]")
_JAPANESE_GAP = compile_cached(
    "(?<=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]) (?=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff])"
)
"""Japanese puts no spaces between words: one there is spacing-out, not a word break."""
_MAX_EXPANSION = 2
"""NFKC may turn one character into eighteen (U+FDFA): the matched form is capped at twice the
cleaned length, so no input costs the rails more than a text twice as long."""

NORMALIZE_CACHE_LIMIT = 1000
"""Longer texts skip the cache, so pasted letters don't crowd out short turns."""


def clean(text: str) -> str:
    """What the user meant to type: controls and invisible characters gone, line ends kept.

    Idempotent, and the form every page, export and terminal shows."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _UNWANTED.sub("", text)
    return text.strip()


def _join_letters(match: re.Match[str]) -> str:
    return _SEPARATORS.sub("", match.group())


def _letters(text: str) -> str:
    """Cleaned, NFKC (capped), lower case, look-alikes folded, combining marks dropped."""
    cleaned = clean(text)
    folded = unicodedata.normalize("NFKC", cleaned)[: _MAX_EXPANSION * len(cleaned) + 64]
    folded = unicodedata.normalize("NFKC", folded.lower()).translate(_LOOK_ALIKES)
    folded = folded.translate(_ACCENTS)
    folded = "".join(ch for ch in folded if unicodedata.category(ch) not in ("Mn", "Me"))
    return _UNWANTED.sub("", folded)


def _fold(text: str) -> str:
    folded = _DRAWN_OUT.sub(_join_letters, _SPACES.sub(" ", _letters(text)))
    while True:  # each pass only shortens the text
        joined = _JAPANESE_GAP.sub("", _SPELLED.sub(_join_letters, folded))
        if joined == folded:
            break
        folded = joined
    return jaconv.kata2hira(folded).strip()


_cached_fold = lru_cache(maxsize=2048)(_fold)


def normalize(text: str) -> str:
    """One spelling per word: cues match ｶﾀｶﾅ, カタカナ and かたかな, "kіll" with a Cyrillic і,
    and "死 に た い", alike. Short texts are cached; long ones are not."""
    if len(text) > NORMALIZE_CACHE_LIMIT:
        return _fold(text)
    return _cached_fold(text)


def clear_cache() -> None:
    """Forget cached normal forms (for benchmarks that time a cold start)."""
    _cached_fold.cache_clear()


def spelled_out(text: str) -> list[str]:
    """Latin words spelled letter by letter ("k i l l m y s e l f"), joined ("killmyself"):
    the word breaks are lost, so the rails read a text with any of these with them optional."""
    found = (_join_letters(m) for m in _SPELLED.finditer(_letters(text)))
    return [glued for glued in found if _LATIN_WORD.fullmatch(glued)]


_LATIN_WORD = compile_cached(r"[a-z]{4,}")


def contains_japanese(text: str) -> bool:
    return _JAPANESE.search(text) is not None


def japanese_count(text: str) -> int:
    """How many kana and kanji the text holds (full- and half-width)."""
    return len(_JAPANESE.findall(text))


def detect_language(text: str) -> Language:
    """Japanese when the text has any kana or kanji: a Japanese message often quotes English."""
    return "ja" if contains_japanese(text) else "en"
