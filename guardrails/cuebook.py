"""Cue families as data: `guardrails/cues/<book>.toml`, read by one loader.

A family is a short list of regex alternatives with the texts it must (`hit`) and must not
(`miss`) match; the rails decide what a hit means. Patterns are written as people type them
(katakana, full-width) and folded like `coach.text.normalize` output when compiled: NFKC, lower
case and hiragana, unless the family says `fold_kana = false` (katakana slurs such as カス stay
apart from ごまかす). `ja` patterns match anywhere; `en` patterns stand between ASCII word
boundaries, as Python's `\\b` treats kana as letters and "DVを受けた" would slip past `\\bdv\\b`.
A fragment shared by several patterns is named once under `[fragments]` and written `{name}`.

Each family compiles the first time it is read, so rails a turn never runs cost it nothing.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

import jaconv

from coach.cache import MODULES, Shelf, cached_value, compile_cached

__all__ = [
    "Book",
    "CueError",
    "Family",
    "Group",
    "book",
    "fold_width",
    "glued",
    "parse_book",
]

_A = "(?<![a-z0-9])"
_Z = "(?![a-z0-9])"
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")
_FRAGMENT = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_SPACE_IN_PATTERN = re.compile(r"\\s(?:[+*?]|\{\d*,?\d*\})?\??|\x20(?:[+*?]|\{\d*,?\d*\})?\??")


class CueError(ValueError):
    """A cue file that cannot be read as written: caught by the tests, never by a user."""


def fold_width(text: str) -> str:
    """NFKC and lower case, kana left as written: the form `fold_kana = false` families read."""
    return unicodedata.normalize("NFKC", text).lower()


def _alternation(ja: Sequence[str], en: Sequence[str]) -> str:
    """English words share one boundary check that fails at once on kana and inside words:
    with a boundary per branch, every branch was tried at every position of a Japanese text."""
    others = [f"(?:{alt})" for alt in ja]
    if en:
        words = "|".join(f"(?:{alt})" for alt in en)
        others.append(f"{_A}(?=[a-z0-9'’#<\\[])(?:{words}){_Z}")
    return "|".join(others)


@dataclass(slots=True, eq=False)
class Family:
    """One family of cues, as its file states it, compiled on first use."""

    id: str
    """Unique in its book; hits name it (`self_harm.methods`), never the user's words."""
    group: str
    """The set of families the rails read together (a level's families, one output rail's)."""
    why: str
    """What the family catches, in a line, for the reader of the file and of `docs/`."""
    ja: tuple[str, ...]
    """Patterns that match anywhere, fragments expanded."""
    en: tuple[str, ...]
    """Patterns that stand as words between ASCII boundaries."""
    hit: tuple[str, ...]
    """Texts the rails must read as this family's (tests/test_cue_families.py runs them)."""
    miss: tuple[str, ...]
    """Texts near the family's words that this family must not match."""
    level: str | None = None
    """Input safety families: the level a hit gives (`none` for the check-in groups)."""
    rail: str | None = None
    """Rail families: the verdict or flag a hit gives."""
    flags: tuple[str, ...] = ()
    """Flags a hit adds (`stalking_by_user`, `safety_check_in`)."""
    fold_kana: bool = True
    shelf: Shelf = MODULES
    """Where the compiled program is kept between processes: the book's, by its version."""
    _compiled: re.Pattern[str] | None = field(default=None, repr=False)
    _glued: re.Pattern[str] | None = field(default=None, repr=False)

    @property
    def source(self) -> str:
        """The alternation as compiled, folded like the text it reads."""
        body = _alternation(self.ja, self.en)
        body = unicodedata.normalize("NFKC", body).lower()
        return jaconv.kata2hira(body) if self.fold_kana else body

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = compile_cached(self.source, shelf=self.shelf)
        return self._compiled

    @property
    def glued(self) -> re.Pattern[str]:
        """The same cues with every space and word boundary dropped, for words spelled letter
        by letter and joined ("killmyself"); compiled on first need, as such texts are rare."""
        if self._glued is None:
            self._glued = glued(self.compiled, shelf=self.shelf)
        return self._glued

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.compiled.sub(replacement, text)


def glued(pattern: re.Pattern[str], *, shelf: Shelf = MODULES) -> re.Pattern[str]:
    """`pattern` with every space and ASCII boundary dropped."""
    body = pattern.pattern.replace(_A, "").replace(_Z, "")
    return compile_cached(_SPACE_IN_PATTERN.sub("", body), shelf=shelf)


@dataclass(frozen=True, slots=True)
class Group:
    """The families of one group, in file order: the first family that matches names the hit."""

    name: str
    families: tuple[Family, ...]

    def search(self, text: str) -> tuple[Family, re.Match[str]] | None:
        for family in self.families:
            if (found := family.search(text)) is not None:
                return family, found
        return None

    def search_glued(self, words: Sequence[str]) -> tuple[Family, re.Match[str]] | None:
        """The first cue found in any word spelled out letter by letter."""
        for spelled in words:
            for family in self.families:
                if (found := family.glued.search(spelled)) is not None:
                    return family, found
        return None

    def finditer(self, text: str) -> Iterator[tuple[Family, re.Match[str]]]:
        for family in self.families:
            for found in family.finditer(text):
                yield family, found

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        for family in self.families:
            text = family.sub(replacement, text)
        return text

    def blank(self, text: str) -> tuple[str, Family | None]:
        """`text` with every hit replaced by spaces of the same length, and the first family
        that had one."""
        first: Family | None = None
        for family in self.families:
            text, count = family.compiled.subn(lambda m: " " * len(m.group()), text)
            if count and first is None:
                first = family
        return text, first


@dataclass(frozen=True, slots=True)
class Book:
    """One cue file: its families by id and by group."""

    name: str
    families: Mapping[str, Family]
    groups: Mapping[str, Group]

    def group(self, name: str) -> Group:
        try:
            return self.groups[name]
        except KeyError:
            raise CueError(f"{self.name}: no cue group {name!r}") from None


def _expand(pattern: str, fragments: Mapping[str, str], where: str) -> str:
    def one(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in fragments:
            raise CueError(f"{where}: unknown fragment {{{name}}}")
        return fragments[name]

    return _FRAGMENT.sub(one, pattern)


def _joined(value: object) -> object:
    """A pattern or fragment is a string, or a list of strings joined: long ones read in
    pieces."""
    if isinstance(value, list) and all(isinstance(piece, str) for piece in value):
        return "".join(value)
    return value


def _patterns(raw: object, fragments: Mapping[str, str], where: str) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise CueError(f"{where}: patterns are a list")
    out: list[str] = []
    for item in map(_joined, raw):
        if not isinstance(item, str) or not item:
            raise CueError(f"{where}: a pattern is a non-empty string or a list of strings")
        pattern = _expand(item, fragments, where)
        if _UPPER_ESCAPE.search(pattern):
            raise CueError(f"{where}: patterns are lower-cased, use [^...] for upper-case escapes")
        out.append(pattern)
    return tuple(out)


def _strings(raw: object, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise CueError(f"{where}: a list of strings")
    return tuple(raw)


_KEYS = frozenset(
    {"id", "group", "why", "ja", "en", "hit", "miss", "level", "rail", "flags", "fold_kana"}
)


def _family(
    raw: Mapping[str, Any], fragments: Mapping[str, str], name: str, shelf: Shelf
) -> Family:
    where = f"{name}.toml: family {raw.get('id', '?')!r}"
    unknown = set(raw) - _KEYS
    if unknown:
        raise CueError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("id", "group", "why"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise CueError(f"{where}: {key} is a non-empty string")
    family = Family(
        id=raw["id"],
        group=raw["group"],
        why=raw["why"],
        ja=_patterns(raw.get("ja", []), fragments, where),
        en=_patterns(raw.get("en", []), fragments, where),
        hit=_strings(raw.get("hit", []), where),
        miss=_strings(raw.get("miss", []), where),
        level=raw.get("level"),
        rail=raw.get("rail"),
        flags=_strings(raw.get("flags", []), where),
        fold_kana=bool(raw.get("fold_kana", True)),
        shelf=shelf,
    )
    if not family.ja and not family.en:
        raise CueError(f"{where}: no patterns")
    return family


def _fragments(raw: object, name: str) -> dict[str, str]:
    """Fragments may use fragments named before them."""
    if not isinstance(raw, dict):
        raise CueError(f"{name}.toml: [fragments] is a table")
    out: dict[str, str] = {}
    for key, raw_value in raw.items():
        value = _joined(raw_value)
        if not isinstance(value, str):
            raise CueError(f"{name}.toml: fragment {key!r} is a string or a list of strings")
        out[key] = _expand(value, out, f"{name}.toml: fragment {key!r}")
    return out


def _toml(name: str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CueError(f"{name}.toml: {error}") from None


def _version(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_book(name: str, text: str) -> Book:
    """A book from the text of its file; `CueError` names the first thing wrong."""
    return _book(name, _toml(name, text), _version(text))


def _book(name: str, data: Mapping[str, Any], version: str) -> Book:
    fragments = _fragments(data.get("fragments", {}), name)
    families: dict[str, Family] = {}
    grouped: dict[str, list[Family]] = {}
    for raw in data.get("family", []):
        family = _family(raw, fragments, name, (f"cues-{name}", version))
        if family.id in families:
            raise CueError(f"{name}.toml: family {family.id!r} twice")
        families[family.id] = family
        grouped.setdefault(family.group, []).append(family)
    groups = {key: Group(key, tuple(value)) for key, value in grouped.items()}
    return Book(name, families, groups)


@cache
def book(name: str) -> Book:
    """The shipped book `guardrails/cues/<name>.toml`, read once per process."""
    text = files("guardrails").joinpath("cues", f"{name}.toml").read_text(encoding="utf-8")
    version = _version(text)
    parsed = cached_value(f"cues-{name}", version, lambda: _toml(name, text), valid=dict)
    return _book(name, parsed, version)
