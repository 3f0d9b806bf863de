"""PII scrubbing: contact details and addresses become placeholders before any text leaves.

Works on the cleaned (not normalised) text, so everything the user wrote stays as written
except the scrubbed spans. Full-width digits count as digits (Python's `\\d` is Unicode).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coach.cache import compile_cached
from coach.schemas import Language
from coach.text import detect_language

__all__ = [
    "PII_KINDS",
    "contains_url",
    "find_phone_numbers",
    "fold_digits",
    "scrub",
    "scrub_pii",
]

PII_KINDS = ("url", "email", "phone", "id", "address")

_PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "url": ("[URL]", "[URL]"),
    "email": ("[メール]", "[email]"),
    "phone": ("[電話番号]", "[phone]"),
    "id": ("[ID]", "[ID]"),
    "address": ("[住所]", "[address]"),
}

_DASH = "[-‐‑–—―−ー－ｰ.．\\s]"
_PATH = r"(?:[/?#][^\s<>\"'「」『』()（）]*)?"
_URL = compile_cached(
    r"(?:https?|ftp|hxxps?)://[^\s<>\"'「」『』()（）]+|www\.[^\s<>\"'「」『』()（）]+"
    # Anything host-like: an IP (and port), localhost with a port, or a dotted name with any
    # top-level domain; `_host_like` then drops abbreviations and file names.
    r"|(?<![A-Za-z0-9_@.\-])(?P<host>(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?|localhost:\d{1,5}"
    r"|(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+(?:xn--[a-z0-9\-]+|[a-z]{2,24})(?::\d{1,5})?)"
    rf"(?P<path>{_PATH})(?![A-Za-z0-9_\-])",
    re.IGNORECASE,
)
_KNOWN_TLDS = frozenset(
    [
        "com",
        "net",
        "org",
        "jp",
        "io",
        "co",
        "me",
        "ly",
        "app",
        "info",
        "biz",
        "us",
        "uk",
        "dev",
        "ai",
        "xyz",
        "top",
        "site",
        "online",
        "link",
        "live",
        "click",
        "tk",
        "ml",
        "ga",
        "cf",
        "gq",
        "cn",
        "ru",
        "de",
        "fr",
        "kr",
        "tw",
        "hk",
        "sg",
        "au",
        "ca",
        "in",
        "br",
        "eu",
        "tv",
        "cc",
        "ws",
        "to",
        "gg",
        "im",
        "sh",
        "su",
        "pw",
        "club",
        "shop",
        "store",
        "fun",
        "icu",
        "vip",
        "lol",
        "page",
        "tech",
        "cloud",
    ]
)
_NOT_HOSTS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "mt",
        "no",
        "vol",
        "vs",
        "jr",
        "sr",
        "fig",
        "etc",
        "ex",
        "approx",
    ]
)
_FILE_ENDINGS = frozenset(
    [
        "txt",
        "pdf",
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "heic",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "csv",
        "json",
        "zip",
        "mp3",
        "mp4",
        "mov",
        "wav",
        "py",
        "js",
        "ts",
        "md",
        "exe",
    ]
)
_EMAIL = compile_cached(r"[\w.+-]+[@＠][\w-]+(?:\.[\w-]+)+")
_PHONE_SHAPE = compile_cached(
    # Digits, brackets and separators (one or two between digits), from a digit or "+" to a
    # digit: `_is_phone` then judges the digits. Spaced and kanji digits count too.
    rf"(?<![0-9A-Za-z#＃+＋])(?:[+＋]\s?)?[\d(（](?:[\d()（）]|{_DASH}{{1,2}}(?=[\d(（])){{4,40}}"
    r"(?<=\d)(?!\d)"
)
_DIGIT_FOLD = str.maketrans(
    "〇一二三四五六七八九０１２３４５６７８９＋（）", "0123456789" + "0123456789" + "+()"
)
_ID = compile_cached(
    r"(?<![A-Za-z])(?:id|ＩＤ|アカウント名|ユーザー名|username|handle)"
    r"\s?(?:は|:|：|＝|=|is)?\s?[「『\"']?(?P<value>[A-Za-z0-9][A-Za-z0-9._\-]{2,30})",
    re.IGNORECASE,
)
_ID_SERVICE = compile_cached(
    r"line|ライン|insta|インスタ|twitter|tiktok|discord|kakao|wechat", re.I
)
_HANDLE = compile_cached(r"(?<![\w.@＠])[@＠][A-Za-z0-9_](?:[A-Za-z0-9_.]{1,29})")
_KANJI = "[一-龥々ヶァ-ヴー]"
_NUM = "[0-9０-９一二三四五六七八九十〇]"
_JP_ADDRESS = compile_cached(
    rf"(?:{_KANJI}{{2,3}}[都道府県])?{_KANJI}{{1,6}}[市区町村郡]{_KANJI}{{0,8}}"
    rf"(?:{_NUM}+丁目(?:{_NUM}+番地?)?(?:{_NUM}+号?)?|"
    rf"{_NUM}+{_DASH}{_NUM}+(?:{_DASH}{_NUM}+)?(?:号)?|{_NUM}+番地?(?:{_NUM}+号?)?)"
)
_US_ADDRESS = compile_cached(
    r"\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Ct|Court|Way|Pl|Place|"
    r"Terrace|Ter|Pkwy|Parkway|Hwy|Highway)\b\.?(?:,?\s+(?:Apt|Unit|Suite|#)\.?\s*\w+)?"
)


def fold_digits(text: str) -> str:
    """Kanji and full-width digits as ASCII, one character for one, so spans keep their place."""
    return text.translate(_DIGIT_FOLD)


def _digits(text: str) -> str:
    return "".join(ch for ch in fold_digits(text) if ch.isdigit())


def _is_phone(candidate: str) -> bool:
    """Phone-shaped and phone-sized, whatever the spacing: dates, prices and counts have fewer
    digits, do not start with 0, or are not grouped like a number; short numbers that start
    with an area or service code ("0120-77-831") are phones too, real or not."""
    folded = fold_digits(candidate).strip()
    digits = _digits(folded)
    groups = [g for g in re.split(r"\D+", folded) if g]
    if folded.startswith("+"):
        return 7 <= len(digits) <= 15
    if digits.startswith("0"):
        if 10 <= len(digits) <= 11:
            return True
        return 6 <= len(digits) <= 9 and len(groups) >= 2 and 2 <= len(groups[0]) <= 5
    if len(digits) == 10 or (len(digits) == 11 and digits.startswith("1")):
        return True
    return len(digits) == 7 and [len(g) for g in groups] == [3, 4]


def find_phone_numbers(text: str) -> list[str]:
    """Every phone-number-like span: shared with the output rails' number check."""
    folded = fold_digits(text)
    return [
        text[m.start() : m.end()] for m in _PHONE_SHAPE.finditer(folded) if _is_phone(m.group())
    ]


def _host_like(match: re.Match[str], *, strict: bool = True) -> bool:
    """A dotted name is a link unless it reads as an abbreviation ("e.g.", "Mr.Smith") or a
    file name ("photo.jpg"); an address, a port or a path always make it a link. Not `strict`
    (the scrubber, which must keep the user's meaning), an unknown capitalised ending reads
    as two sentences run together ("waited.Then")."""
    host = match.group("host")
    if host is None or match.group("path") or ":" in host or host[0].isdigit():
        return True
    labels = host.lower().split(".")
    if labels[-1] in _KNOWN_TLDS or labels[-1].startswith("xn--"):
        return True
    if labels[0] in _NOT_HOSTS or labels[-1] in _FILE_ENDINGS:
        return False
    if not strict and not host.rsplit(".", 1)[-1].islower():
        return False
    return len(labels[-2]) >= 2


def _scrubbed_host(match: re.Match[str]) -> bool:
    return _host_like(match, strict=False)


def _fold_width(text: str) -> str:
    """Full-width letters, digits and signs as ASCII, one for one: "ｅｖｉｌ．ｃｏｍ" is a link."""
    return text.translate(_WIDTH_FOLD)


_WIDTH_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def contains_url(text: str) -> bool:
    """A web address or anything host-like anywhere in the text: shared with the output rails."""
    return any(_host_like(m) for m in _URL.finditer(_fold_width(text)))


def _sub(
    pattern: re.Pattern[str],
    text: str,
    placeholder: str,
    keep: Callable[[re.Match[str]], bool],
    fold: Callable[[str], str] | None = None,
) -> tuple[str, bool]:
    """Replace the kept matches; with `fold` (one character for one), match the folded text
    and replace the same spans of the original."""
    hit = False
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(fold(text) if fold else text):
        if not keep(match):
            continue
        hit = True
        start = match.start()
        if "value" in match.groupdict() and match.group("value"):
            start = match.start("value")
        pieces += [text[last:start], placeholder]
        last = match.end()
    return "".join([*pieces, text[last:]]), hit


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


_Step = tuple[str, re.Pattern[str], Callable[[re.Match[str]], bool], Callable[[str], str] | None]
_STEPS: tuple[_Step, ...] = (
    ("email", _EMAIL, _always, None),
    ("url", _URL, _scrubbed_host, _fold_width),
    ("address", _JP_ADDRESS, _always, None),
    ("address", _US_ADDRESS, _always, None),
    ("phone", _PHONE_SHAPE, _phone, fold_digits),
    ("id", _ID, _id_value, None),
    ("id", _HANDLE, _always, None),
)


_NEED_AT = (_EMAIL, _HANDLE)


def scrub_pii(text: str, language: Language) -> tuple[str, tuple[str, ...]]:
    """The text with contact details replaced, and which kinds were found (in PII_KINDS order)."""
    if not text:
        return text, ()
    index = 0 if language == "ja" else 1
    found: set[str] = set()
    has_at = "@" in text or "＠" in text
    for kind, pattern, keep, fold in _STEPS:
        if pattern in _NEED_AT and not has_at:
            continue  # the patterns would scan every word only to find no "@"
        text, hit = _sub(pattern, text, _PLACEHOLDERS[kind][index], keep, fold)
        if hit:
            found.add(kind)
    return text, tuple(kind for kind in PII_KINDS if kind in found)


def scrub(text: str) -> str:
    """Placeholders in the text's own language: used for earlier turns of a conversation."""
    return scrub_pii(text, detect_language(text))[0]
