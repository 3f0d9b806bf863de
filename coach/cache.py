"""What a start derives from the shipped data, kept on disk between processes the way Python
keeps bytecode.

Two kinds of things are kept. Regex programs: compiling the cue families costs about a tenth
of a second at every start, nearly all of it in the pure-Python parser and code generator of
`re`, and what they produce is a list of integers that the regex engine takes directly. And
values derived from a data file (a parsed cue book, the normalised reason cues), under a key
the caller makes from everything that produced them.

Every key holds the Python build and the regex engine's version. Anything unexpected (another
build, a damaged or foreign file, an engine that refuses a program) falls back to computing
afresh: the cache can make a start faster, never an answer different. Values are written when
they are computed, programs when the process exits. `COACH_CACHE_DIR` moves the folder; an
empty value turns the cache off, and so does a home folder that cannot be found.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import marshal
import os
import re
import sys
import tempfile
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

__all__ = ["MODULES", "DiskCache", "Shelf", "cached_value", "compile_cached", "default_cache"]

_T = TypeVar("_T")
Shelf = tuple[str, str]
"""A name and a version: where a set of regex programs is kept."""
MODULES: Shelf = ("modules", "")
"""The regexes that modules compile at import."""
_Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _engine() -> tuple[Any, Any, Any] | None:
    """The regex compiler's internals, where this Python has the ones the cache knows."""
    try:
        import _sre  # type: ignore[import-not-found]
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - another Python
        return None
    if not hasattr(_compiler, "_code") or not hasattr(_parser, "parse"):
        return None  # pragma: no cover - another Python
    return _sre, _compiler, _parser


def _key(sre: Any) -> str:
    stamp = f"{sys.implementation.cache_tag}|{sys.version}|{sre.MAGIC}|{sre.CODESIZE}"
    return hashlib.sha256(stamp.encode()).hexdigest()[:16]


def _digest(pattern: str) -> str:
    return hashlib.sha1(pattern.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()


class DiskCache:
    """Regex programs on shelves, a file each, and derived values, a file each, in `folder`.

    A shelf is a name and a version (`("cues-safety", <hash of the file>)`): a process reads
    only the shelves it uses, and writing a shelf's new version removes its old ones, so the
    folder holds what the installed data needs and no more."""

    def __init__(self, folder: Path | None) -> None:
        self._folder = folder
        self._engine = _engine() if folder is not None else None
        self._shelves: dict[Shelf, dict[str, _Program]] = {}
        self._dirty: set[Shelf] = set()
        self._lock = threading.Lock()

    def path(self, shelf: Shelf = MODULES) -> Path | None:
        """The file that holds `shelf`, or None while the cache is off."""
        if self._folder is None or self._engine is None:
            return None
        name, version = shelf
        stamp = hashlib.sha256(f"{_key(self._engine[0])}|{version}".encode()).hexdigest()[:16]
        return self._folder / f"regex-{name}-{stamp}.marshal"

    def _load(self, shelf: Shelf) -> dict[str, _Program]:
        path = self.path(shelf)
        programs: dict[str, _Program] = {}
        if path is None:
            return programs
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            data = marshal.loads(path.read_bytes())
            if isinstance(data, dict):
                programs = {k: v for k, v in data.items() if _well_formed(k, v)}
        return programs

    def compile(self, pattern: str, flags: int = 0, *, shelf: Shelf = MODULES) -> re.Pattern[str]:
        """`re.compile(pattern, flags)`, from the stored program when `shelf` has one."""
        flags = int(flags)
        if self._engine is None:
            return re.compile(pattern, flags)
        with self._lock:
            if shelf not in self._shelves:
                self._shelves[shelf] = self._load(shelf)
            programs = self._shelves[shelf]
        digest = _digest(f"{flags}|{pattern}")
        program = programs.get(digest)
        if program is not None:
            with contextlib.suppress(Exception):
                return self._engine[0].compile(pattern, *program)  # type: ignore[no-any-return]
        compiled, program = self._fresh(pattern, flags)
        if program is not None:
            with self._lock:
                programs[digest] = program
                self._dirty.add(shelf)
        return compiled

    def _fresh(self, pattern: str, flags: int) -> tuple[re.Pattern[str], _Program | None]:
        assert self._engine is not None
        sre, compiler, parser = self._engine
        try:
            parsed = parser.parse(pattern, flags)
            code = [int(op) for op in compiler._code(parsed, flags)]
            state = parsed.state
            indexgroup: list[str | None] = [None] * state.groups
            for name, index in state.groupdict.items():
                indexgroup[index] = name
            program: _Program = (
                flags | int(state.flags),
                code,
                int(state.groups) - 1,
                {str(k): int(v) for k, v in state.groupdict.items()},
                tuple(None if n is None else str(n) for n in indexgroup),
            )
            compiled: re.Pattern[str] = sre.compile(pattern, *program)
        except Exception:
            return re.compile(pattern, flags), None
        return compiled, program

    def save(self) -> None:
        """Write the shelves that gained programs; a failure changes nothing."""
        with self._lock:
            dirty = [(shelf, dict(self._shelves[shelf])) for shelf in self._dirty]
            self._dirty.clear()
        for shelf, programs in dirty:
            path = self.path(shelf)
            if path is None:
                continue
            with contextlib.suppress(ValueError):
                _replace(path, f"regex-{shelf[0]}-", marshal.dumps(programs))

    def value(self, kind: str, key: str, compute: Callable[[], _T], *, valid: type = object) -> _T:
        """`compute()`, or what it returned in an earlier process for the same `key`.

        `key` must change whenever anything `compute` reads does; the value must be made of
        what `marshal` keeps (str, int, float, bool, None, list, tuple, dict). A stored value
        that is not an instance of `valid` is computed again."""
        if self._folder is None or self._engine is None:
            return compute()
        digest = hashlib.sha256(f"{_key(self._engine[0])}|{key}".encode()).hexdigest()[:24]
        path = self._folder / f"value-{kind}-{digest}.marshal"
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            stored = marshal.loads(path.read_bytes())
            if isinstance(stored, valid):
                return cast(_T, stored)
        value = compute()
        with contextlib.suppress(ValueError):
            _replace(path, f"value-{kind}-", marshal.dumps(cast(Any, value)))
        return value


def _replace(path: Path, family: str, data: bytes) -> None:
    """Write `path` whole (a reader never sees half a file), then remove the older versions:
    the other files of the folder whose names start with `family`."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        for old in path.parent.glob(f"{family}*.marshal"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()


def _well_formed(digest: object, program: object) -> bool:
    if not isinstance(digest, str) or not isinstance(program, tuple) or len(program) != 5:
        return False
    flags, code, groups, groupindex, indexgroup = program
    return (
        isinstance(flags, int)
        and isinstance(code, list)
        and isinstance(groups, int)
        and isinstance(groupindex, dict)
        and isinstance(indexgroup, tuple)
    )


def _folder() -> Path | None:
    configured = os.environ.get("COACH_CACHE_DIR")
    try:
        if configured is not None:
            return Path(configured).expanduser() if configured.strip() else None
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home folder to expand: a service account, say
        return None
    return Path(base) / "reconnect-coach"


@cache
def default_cache() -> DiskCache:
    """The process's cache, in the folder `COACH_CACHE_DIR` names; saved when it exits."""
    cache = DiskCache(_folder())
    atexit.register(cache.save)
    return cache


def compile_cached(pattern: str, flags: int = 0, *, shelf: Shelf = MODULES) -> re.Pattern[str]:
    """`re.compile` through the process's cache."""
    return default_cache().compile(pattern, flags, shelf=shelf)


def cached_value(kind: str, key: str, compute: Callable[[], _T], *, valid: type = object) -> _T:
    """`DiskCache.value` on the process's cache."""
    return default_cache().value(kind, key, compute, valid=valid)
