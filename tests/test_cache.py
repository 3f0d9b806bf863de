"""The regex program cache: the same matches as `re.compile`, from the file or without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.cache import DiskCache
from guardrails.cuebook import book

_PATTERNS = [
    r"(?<![a-z0-9])(?:kill\s+myself|end\s+it)(?![a-z0-9])",
    "(?:死|し)に(?:たい(?!して)|たく)|(?P<named>消えたい)",
    r"^[\s.…・\-_*?!~=#/|]*$",
    "(?:予定|行動)[^。!?\\n]{0,8}(?:報告|連絡)",
]
_TEXTS = [
    "i want to kill myself",
    "skill myself",
    "もう死にたい",
    "消えたい",
    "...",
    "予定を報告しろ",
]


def _same(left: re.Pattern[str], right: re.Pattern[str]) -> None:
    assert left.pattern == right.pattern
    assert left.groupindex == right.groupindex
    for text in _TEXTS:
        a, b = left.search(text), right.search(text)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))


def test_programs_survive_a_new_process(tmp_path: Path) -> None:
    first = DiskCache(tmp_path)
    for pattern in _PATTERNS:
        _same(first.compile(pattern), re.compile(pattern))
    first.save()
    assert first.path is not None and first.path.exists()

    second = DiskCache(tmp_path)
    for pattern in _PATTERNS:
        _same(second.compile(pattern), re.compile(pattern))
    assert not second._added, "every program came from the file"


def test_a_damaged_file_falls_back_to_compiling(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    cache.compile(_PATTERNS[0])
    cache.save()
    assert cache.path is not None
    cache.path.write_bytes(b"\x00not marshal")
    fresh = DiskCache(tmp_path)
    _same(fresh.compile(_PATTERNS[0]), re.compile(_PATTERNS[0]))
    assert fresh._added


def test_a_foreign_program_is_refused_by_the_engine_not_used(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    cache.compile(_PATTERNS[1])
    assert cache._programs is not None
    (digest,) = cache._programs
    flags, _code, groups, groupindex, indexgroup = cache._programs[digest]
    cache._programs[digest] = (flags, [1, 2, 3], groups, groupindex, indexgroup)
    _same(cache.compile(_PATTERNS[1]), re.compile(_PATTERNS[1]))


def test_no_folder_means_plain_compiling(tmp_path: Path) -> None:
    cache = DiskCache(None)
    _same(cache.compile(_PATTERNS[2]), re.compile(_PATTERNS[2]))
    cache.save()
    assert cache.path is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["safety", "injection", "topic", "output"])
def test_every_shipped_family_compiles_the_same_through_the_cache(
    name: str, tmp_path: Path
) -> None:
    cache = DiskCache(tmp_path)
    for family in book(name).families.values():
        cached = cache.compile(family.source)
        assert cached.pattern == family.source
        for text in (*family.hit, *family.miss):
            a, b = cached.search(text), re.compile(family.source).search(text)
            assert (a and a.span()) == (b and b.span())
