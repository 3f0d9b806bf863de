"""PII scrubbing: contact details and addresses become placeholders before any text leaves.

Works on the cleaned (not normalised) text, so everything the user wrote stays as written
except the scrubbed spans. Full-width digits count as digits (Python's `\\d` is Unicode).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coach.schemas import Language
from coach.text import detect_language

__all__ = ["PII_KINDS", "contains_url", "find_phone_numbers", "scrub", "scrub_pii"]

PII_KINDS = ("url", "email", "phone", "id", "address")

_PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "url": ("[URL]", "[URL]"),
    "email": ("[メール]", "[email]"),
    "phone": ("[電話番号]", "[phone]"),
    "id": ("[ID]", "[ID]"),
    "address": ("[住所]", "[address]"),
}

_DASH = "[-‐‑–—―−ー－ｰ.．\\s]"
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'「」『』()（）]+"
    r"|(?<![\w@.])(?:[a-z0-9-]+\.)+(?:com|net|org|jp|io|co|me|ly|app|info|biz|us|uk)"
    r"(?:/[^\s<>\"'「」『』()（）]*)?(?![\w.])",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+[@＠][\w-]+(?:\.[\w-]+)+")
_PHONE_SHAPE = re.compile(
    rf"(?<![0-9A-Za-z#＃０-９])(?:(?:\+|＋)\s?\d{{1,3}}{_DASH}?)?(?:\(\d{{1,4}}\)|（\d{{1,4}}）|\d{{1,4}})"
    rf"(?:{_DASH}{{0,2}}(?:\d{{2,4}}|\(\d{{2,4}}\))){{1,3}}(?!\d)"
)
_ID = re.compile(
    r"(?<![A-Za-z])(?:id|ＩＤ|アカウント名|ユーザー名|username|handle)"
    r"\s?(?:は|:|：|＝|=|is)?\s?[「『\"']?(?P<value>[A-Za-z0-9][A-Za-z0-9._\-]{2,30})",
    re.IGNORECASE,
)
_ID_SERVICE = re.compile(r"line|ライン|insta|インスタ|twitter|tiktok|discord|kakao|wechat", re.I)
_HANDLE = re.compile(r"(?<![\w.@＠])[@＠][A-Za-z0-9_](?:[A-Za-z0-9_.]{1,29})")
_KANJI = "[一-龥々ヶァ-ヴー]"
_NUM = "[0-9０-９一二三四五六七八九十〇]"
_JP_ADDRESS = re.compile(
    rf"(?:{_KANJI}{{2,3}}[都道府県])?{_KANJI}{{1,6}}[市区町村郡]{_KANJI}{{0,8}}"
    rf"(?:{_NUM}+丁目(?:{_NUM}+番地?)?(?:{_NUM}+号?)?|"
    rf"{_NUM}+{_DASH}{_NUM}+(?:{_DASH}{_NUM}+)?(?:号)?|{_NUM}+番地?(?:{_NUM}+号?)?)"
)
_US_ADDRESS = re.compile(
    r"\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Ct|Court|Way|Pl|Place|"
    r"Terrace|Ter|Pkwy|Parkway|Hwy|Highway)\b\.?(?:,?\s+(?:Apt|Unit|Suite|#)\.?\s*\w+)?"
)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _is_phone(candidate: str) -> bool:
    """Phone-shaped and phone-sized: dates and prices have fewer digits or no separators."""
    digits = _digits(candidate)
    international = candidate.lstrip().startswith(("+", "＋"))
    if international:
        return 8 <= len(digits) <= 15
    if not 10 <= len(digits) <= 11:
        return False
    ascii_digits = digits.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    # Japanese numbers start with 0; North American ones are ten digits, optionally with a 1.
    return ascii_digits.startswith("0") or len(ascii_digits) == 10 or ascii_digits.startswith("1")


def find_phone_numbers(text: str) -> list[str]:
    """Every phone-number-like span: shared with the output rails' number check."""
    return [m.group() for m in _PHONE_SHAPE.finditer(text) if _is_phone(m.group())]


def contains_url(text: str) -> bool:
    """A web address or bare domain anywhere in the text: shared with the output rails."""
    return _URL.search(text) is not None


def _sub(
    pattern: re.Pattern[str], text: str, placeholder: str, keep: Callable[[re.Match[str]], bool]
) -> tuple[str, bool]:
    hit = False

    def replace(match: re.Match[str]) -> str:
        nonlocal hit
        if not keep(match):
            return match.group()
        hit = True
        if "value" in match.groupdict() and match.group("value"):
            start = match.start("value") - match.start()
            return match.group()[:start] + placeholder
        return placeholder

    return pattern.sub(replace, text), hit


def _always(_: re.Match[str]) -> bool:
    return True


def _phone(match: re.Match[str]) -> bool:
    return _is_phone(match.group())


def _id_value(match: re.Match[str]) -> bool:
    """An id with digits or dots, or any id right after a service name ("LINEのIDはhanako")."""
    if any(ch.isdigit() or ch in "._-" for ch in match.group("value")):
        return True
    before = match.string[max(0, match.start() - 12) : match.start()]
    return _ID_SERVICE.search(before) is not None


_STEPS: tuple[tuple[str, re.Pattern[str], Callable[[re.Match[str]], bool]], ...] = (
    ("url", _URL, _always),
    ("email", _EMAIL, _always),
    ("address", _JP_ADDRESS, _always),
    ("address", _US_ADDRESS, _always),
    ("phone", _PHONE_SHAPE, _phone),
    ("id", _ID, _id_value),
    ("id", _HANDLE, _always),
)


_NEED_AT = (_EMAIL, _HANDLE)


def scrub_pii(text: str, language: Language) -> tuple[str, tuple[str, ...]]:
    """The text with contact details replaced, and which kinds were found (in PII_KINDS order)."""
    if not text:
        return text, ()
    index = 0 if language == "ja" else 1
    found: set[str] = set()
    has_at = "@" in text or "＠" in text
    for kind, pattern, keep in _STEPS:
        if pattern in _NEED_AT and not has_at:
            continue  # the patterns would scan every word only to find no "@"
        text, hit = _sub(pattern, text, _PLACEHOLDERS[kind][index], keep)
        if hit:
            found.add(kind)
    return text, tuple(kind for kind in PII_KINDS if kind in found)


def scrub(text: str) -> str:
    """Placeholders in the text's own language: used for earlier turns of a conversation."""
    return scrub_pii(text, detect_language(text))[0]
