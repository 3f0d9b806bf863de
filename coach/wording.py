"""Every Japanese and English sentence people see, read from one data file.

The page, the terminal, the export, the errors, the progress stages and the safety answers
all take their words from `coach/data/wording.toml`, so a heading or a badge cannot drift
between them. A key or a language that is not there raises at once instead of showing
nothing; a `{field}` the caller did not fill raises too.

Foundation module: imports nothing else of the project.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any, Literal

__all__ = ["LANGUAGES", "WordingLanguage", "both", "keys", "phrase", "phrases"]

WordingLanguage = Literal["ja", "en"]
LANGUAGES: tuple[WordingLanguage, ...] = ("ja", "en")

_Entry = dict[str, str | tuple[str, ...]]


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, _Entry]:
    """Dotted key -> its ja and en; anything but exactly those two, both strings or both
    lists of strings, is an error in the file."""
    entries: dict[str, _Entry] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if not isinstance(value, dict):
            raise ValueError(f"wording {key!r} is not a table of ja and en")
        if not value.keys() & set(LANGUAGES):
            entries.update(_flatten(value, f"{key}."))
            continue
        if set(value) != set(LANGUAGES):
            raise ValueError(f"wording {key!r} needs exactly ja and en, has {sorted(value)}")
        if all(isinstance(v, str) for v in value.values()):
            entries[key] = dict(value)
        elif all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()
        ):
            entries[key] = {lang: tuple(v) for lang, v in value.items()}
        else:
            raise ValueError(f"wording {key!r}: ja and en must both be text or both lists")
    return entries


@cache
def _table() -> dict[str, _Entry]:
    raw = files("coach").joinpath("data/wording.toml").read_text(encoding="utf-8")
    return _flatten(tomllib.loads(raw))


def _value(key: str, language: WordingLanguage) -> str | tuple[str, ...]:
    try:
        entry = _table()[key]
    except KeyError:
        raise KeyError(f"no wording for {key!r}") from None
    if language not in entry:
        raise KeyError(f"no {language!r} wording for {key!r}")
    return entry[language]


def keys() -> frozenset[str]:
    """Every key in the file, for the checks that each one is used and each use exists."""
    return frozenset(_table())


def phrase(key: str, language: WordingLanguage, **fields: object) -> str:
    """One sentence (or label) in the language, its `{field}`s filled from `fields`."""
    value = _value(key, language)
    if not isinstance(value, str):
        raise TypeError(f"wording {key!r} is a list: use phrases()")
    return value.format(**fields)


def both(key: str, **fields: object) -> tuple[str, str]:
    """The Japanese and the English of one key, for what carries both (errors, stages)."""
    return phrase(key, "ja", **fields), phrase(key, "en", **fields)


def phrases(key: str, language: WordingLanguage, **fields: object) -> tuple[str, ...]:
    """A list of sentences in their fixed order (points, examples), each filled as `phrase`."""
    value = _value(key, language)
    if isinstance(value, str):
        raise TypeError(f"wording {key!r} is one text: use phrase()")
    return tuple(item.format(**fields) for item in value)
