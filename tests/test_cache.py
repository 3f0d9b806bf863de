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
    path = first.path()
    assert path is not None and path.exists()

    second = DiskCache(tmp_path)
    for pattern in _PATTERNS:
        _same(second.compile(pattern), re.compile(pattern))
    assert not second._dirty, "every program came from the file"


def test_a_damaged_file_falls_back_to_compiling(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    cache.compile(_PATTERNS[0])
    cache.save()
    path = cache.path()
    assert path is not None
    path.write_bytes(b"\x00not marshal")
    fresh = DiskCache(tmp_path)
    _same(fresh.compile(_PATTERNS[0]), re.compile(_PATTERNS[0]))
    assert fresh._dirty, "the program was compiled afresh and will be written again"


def test_a_foreign_program_is_refused_by_the_engine_not_used(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    cache.compile(_PATTERNS[1])
    programs = cache._shelves[("modules", "")]
    (digest,) = programs
    flags, _code, groups, groupindex, indexgroup = programs[digest]
    programs[digest] = (flags, [1, 2, 3], groups, groupindex, indexgroup)
    _same(cache.compile(_PATTERNS[1]), re.compile(_PATTERNS[1]))


def test_no_folder_means_plain_compiling(tmp_path: Path) -> None:
    cache = DiskCache(None)
    _same(cache.compile(_PATTERNS[2]), re.compile(_PATTERNS[2]))
    cache.save()
    assert cache.path() is None
    assert cache.value("k", "v", lambda: [1]) == [1]
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


def test_a_new_version_of_a_shelf_replaces_the_old(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    cache.compile(_PATTERNS[0], shelf=("cues-x", "1"))
    cache.compile(_PATTERNS[2])
    cache.save()
    cache.compile(_PATTERNS[0], shelf=("cues-x", "2"))
    cache.save()
    assert len(list(tmp_path.glob("regex-cues-x-*"))) == 1, "the older version is gone"
    assert cache.path(("cues-x", "2")) in list(tmp_path.iterdir())
    assert cache.path() in list(tmp_path.iterdir()), "other shelves stay"


def test_values_are_kept_by_key_and_replaced_by_a_new_key(tmp_path: Path) -> None:
    calls: list[int] = []

    def compute() -> dict[str, list[int]]:
        calls.append(1)
        return {"a": [1, 2]}

    assert DiskCache(tmp_path).value("book", "v1", compute) == {"a": [1, 2]}
    assert DiskCache(tmp_path).value("book", "v1", compute) == {"a": [1, 2]}
    assert len(calls) == 1, "the second process read the value"
    DiskCache(tmp_path).value("book", "v2", compute)
    assert len(calls) == 2 and len(list(tmp_path.glob("value-book-*"))) == 1


def test_a_stored_value_of_the_wrong_type_is_computed_again(tmp_path: Path) -> None:
    DiskCache(tmp_path).value("book", "v1", lambda: ["a list"])
    assert DiskCache(tmp_path).value("book", "v1", lambda: {"a": 1}, valid=dict) == {"a": 1}


def test_no_home_folder_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from coach import cache

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("COACH_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", no_home)
    assert cache._folder() is None
    monkeypatch.setenv("COACH_CACHE_DIR", "/tmp/coach-cache")
    assert cache._folder() == Path("/tmp/coach-cache")
