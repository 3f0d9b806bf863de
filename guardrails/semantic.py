"""Semantic rails: small trained heads on sentence embeddings, beside the cue floor.

Cue lists match wording; these heads read meaning, so wording nobody anticipated (possessions
given away, being made to report every plan, a tag found in a bag) still reaches a safety
level. Each text is embedded once, sentence by sentence: the whole text is the length-weighted
mean of its sentences, and a level fires when the whole text or any one sentence crosses the
threshold calibrated on the dev split (see training/). The heads are pure numpy at run time;
their weights and thresholds ship as package data written by `make train`.

numpy and the encoder load on first use, never at import.
"""

from __future__ import annotations

import io
import json
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal, cast

from coach.encoder import Encoder, EncoderUnavailable, shared_encoder
from coach.schemas import SafetyLevel

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Array = npt.NDArray[np.float32]

__all__ = [
    "EXEMPLARS_FILE",
    "HEADS_FILE",
    "FieldRead",
    "Head",
    "Heads",
    "InputRead",
    "SemanticRails",
    "TextVectors",
    "field_gaps",
    "split_sentences",
    "unrelated_fields",
    "whole_probability",
]

HEADS_FILE = "semantic.npz"
META_FILE = "semantic.json"
EXEMPLARS_FILE = "{name}.exemplars.npy"
"""Neighbour rows an offline turn reads (the safety head's) ship beside the archive as float32,
sorted by label, so they map straight from disk instead of being unpacked and converted on the
first turn; the output heads' rows stay float16 inside the archive."""

Band = Literal["level", "check_in", "none"]

_MIN_SENTENCE = 6
_OPEN = "「『（(【［[“"
_CLOSE = "」』）)】］]”"
OFF = 9.0
"""A threshold no probability or margin reaches: that scorer stays out."""
_MAX_SENTENCES = 24
"""A pasted letter is read in its first sentences: the bound keeps a turn's cost fixed."""
_WINDOW = 3
_MIN_LETTERS = 3
"""A piece with fewer letters (a date, a time stamp, an emoji) joins its neighbour."""


def split_sentences(text: str) -> list[str]:
    """Sentences worth reading on their own: quotes stay whole (「…!」 is one piece), and short
    bits join the one before (each piece costs an encoder call)."""
    text = text.strip()
    parts: list[str] = []
    for piece in _pieces(text):
        piece = piece.strip()
        if not piece:
            continue
        if parts and (len(piece) < _MIN_SENTENCE or _letters(piece) < _MIN_LETTERS):
            parts[-1] = _joined(parts[-1], piece)
        else:
            parts.append(piece)
    if len(parts) > 1 and (len(parts[0]) < _MIN_SENTENCE or _letters(parts[0]) < _MIN_LETTERS):
        parts[1] = _joined(parts[0], parts[1])
        del parts[0]
    return parts[:_MAX_SENTENCES] or [text[:200]]


def _pieces(text: str) -> list[str]:
    """Cut after sentence ends outside quotes and brackets (「…!」 stays one piece)."""
    pieces: list[str] = []
    start = depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and (
            ch in "。！？!?\n" or (ch in ".;…" and (i + 1 == len(text) or text[i + 1].isspace()))
        ):
            pieces.append(text[start : i + 1])
            start = i + 1
    pieces.append(text[start:])
    return pieces


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _joined(left: str, right: str) -> str:
    return f"{left}{right}" if left[-1] in "。！？!?\n…" else f"{left} {right}"


@dataclass(frozen=True, slots=True)
class TextVectors:
    """One text as the heads see it: the whole (mean of sentences) and each sentence."""

    whole: Array
    sentences: Array
    units: Array
    """What the safety, harm and coherence reads score, the worst counting: the whole and
    each sentence; for a text of many sentences (a pasted chat log), windows of three
    sentences stand in for the whole, whose mean drifts away from anything seen in training."""


def text_vectors(encoder: Encoder, text: str) -> TextVectors:
    """Embed a text once, sentence by sentence; the whole is their length-weighted mean."""
    import numpy as np

    sentences = split_sentences(text)
    rows = encoder.embed(sentences)
    if len(sentences) == 1:
        return TextVectors(rows[0], rows, rows)
    weights = np.asarray([len(s) for s in sentences], dtype=np.float32)
    whole = _mean(rows, weights)
    if len(sentences) <= _WINDOW + 1:
        units = np.vstack([whole[None, :], rows])
    else:
        windows = [
            _mean(rows[i : i + _WINDOW], weights[i : i + _WINDOW])
            for i in range(len(sentences) - _WINDOW + 1)
        ]
        units = np.vstack([*windows, rows])
    return TextVectors(whole, rows, units.astype(np.float32))


def _mean(rows: Array, weights: Any) -> Array:
    import numpy as np

    total = (rows * weights[:, None]).sum(axis=0)
    out: Array = (total / max(float(np.linalg.norm(total)), 1e-6)).astype(np.float32)
    return out


@dataclass(frozen=True, slots=True)
class Head:
    """Dense layers with ReLU between; softmax over `labels`, or a sigmoid for one label."""

    labels: tuple[str, ...]
    layers: tuple[tuple[Array, Array], ...]

    def probabilities(self, rows: Array) -> Array:
        import numpy as np

        x: Array = rows
        for i, (weights, bias) in enumerate(self.layers):
            x = (x @ weights + bias).astype(np.float32)
            if i < len(self.layers) - 1:
                x = np.maximum(x, np.float32(0.0))
        if len(self.labels) == 1:
            out: Array = (1.0 / (1.0 + np.exp(-x))).astype(np.float32)
            return out
        x = x - x.max(axis=-1, keepdims=True)
        e = np.exp(x)
        soft: Array = e / e.sum(axis=-1, keepdims=True)
        return soft


@dataclass(frozen=True, slots=True)
class Heads:
    """The trained heads and the thresholds calibrated for them on the dev split."""

    safety: Head
    reasons: Head
    harm: Head
    coherence: Head
    thresholds: Mapping[str, float]
    meta: Mapping[str, Any]
    direction: Head | None = None
    """For violence and stalking: the probability that the user is the one acting."""
    exemplars: Mapping[str, tuple[Array, Any]] = field(default_factory=dict)
    """Per head (`safety`, `harm`, `coherence`), the training rows for the nearest-neighbour
    read and their labels (indexes into the head's labels; 1 = the named label for a binary
    head, 0 = safe)."""
    self_harm_other: Head | None = None
    """For self-harm: the probability that the warning is in the other person's words (the
    user is worried about them), not the user's own."""

    @classmethod
    def load(cls, folder: Any = None) -> Heads:
        """From package data (or another folder holding the two files)."""
        import numpy as np

        base = folder if folder is not None else resources.files("guardrails") / "heads"
        source = base / HEADS_FILE
        if isinstance(source, os.PathLike):
            arrays = np.load(source)  # each array is read when first asked for
        else:  # a zipped install: read the file whole
            with source.open("rb") as handle:
                arrays = np.load(io.BytesIO(handle.read()))
        meta = json.loads((base / META_FILE).read_text(encoding="utf-8"))
        heads = {
            name: Head(
                tuple(meta["heads"][name]["labels"]),
                tuple(
                    (
                        arrays[f"{name}.{i}.w"].astype(np.float32),
                        arrays[f"{name}.{i}.b"].astype(np.float32),
                    )
                    for i in range(meta["heads"][name]["layers"])
                ),
            )
            for name in ("safety", "reasons", "harm", "coherence", "direction", "self_harm_other")
            if name in meta["heads"]
        }
        exemplars = _Exemplars(arrays, base)
        return cls(thresholds=dict(meta["thresholds"]), meta=meta, exemplars=exemplars, **heads)


class _Exemplars(Mapping[str, tuple["Array", Any]]):
    """The nearest-neighbour rows, read from the file when a head first needs them: an offline
    turn reads the safety rows and never the 68,000 rows of the output heads."""

    def __init__(self, arrays: Any, base: Any) -> None:
        self._arrays = arrays
        self._base = base
        self._names = tuple(
            name
            for name in ("safety", "harm", "coherence")
            if f"{name}.labels" in arrays
            and (f"{name}.exemplars" in arrays or self._file(name).is_file())
        )
        self._loaded: dict[str, tuple[Array, Any]] = {}
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> tuple[Array, Any]:
        import numpy as np

        if name not in self._names:
            raise KeyError(name)
        with self._lock:
            if name not in self._loaded:
                labels = self._arrays[f"{name}.labels"]
                if f"{name}.exemplars" in self._arrays:
                    rows = self._arrays[f"{name}.exemplars"]
                elif isinstance(source := self._file(name), os.PathLike):
                    rows = np.load(source, mmap_mode="r")
                else:  # a zipped install
                    with source.open("rb") as handle:
                        rows = np.load(io.BytesIO(handle.read()))
                if bool((labels[:-1] <= labels[1:]).all()):
                    rows = np.asarray(rows, dtype=np.float32)  # no copy when stored so
                else:
                    order = np.argsort(labels, kind="stable")
                    rows, labels = rows[order].astype(np.float32), labels[order]
                self._loaded[name] = (rows, labels)
            return self._loaded[name]

    def _file(self, name: str) -> Any:
        return self._base / EXEMPLARS_FILE.format(name=name)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


@dataclass(frozen=True, slots=True)
class InputRead:
    """What the heads read in one user text."""

    level: SafetyLevel
    band: Band
    """`level`: above a level's threshold; `check_in`: in the middle band; `none`: below."""
    score: float
    """The deciding level's probability (the highest danger probability when none fired)."""
    levels: Mapping[str, float]
    reasons: Mapping[str, float]
    by_user: bool = False
    """For violence and stalking: the user, not the other person, is the one acting."""
    about_other: bool = False
    """Were the text self-harm (by any detector's read), the warning would be in the other
    person's words, not the user's own."""


_DANGER: tuple[SafetyLevel, ...] = ("self_harm", "violence", "stalking")


class SemanticRails:
    """The encoder and the heads together; loaded lazily and shared by threads.

    `encoder` and `heads` are seams for tests; by default the process-wide encoder and the
    shipped heads load on the first read. `available()` is False, with `unavailable_reason`
    set, when either cannot load: callers then stay on the cue floor.
    """

    def __init__(
        self,
        *,
        encoder: Encoder | Callable[[], Encoder] | None = None,
        heads: Heads | Callable[[], Heads] | None = None,
    ) -> None:
        self._encoder_source = encoder if encoder is not None else shared_encoder
        self._heads_source = heads if heads is not None else Heads.load
        self._lock = threading.Lock()
        self._loaded: tuple[Encoder, Heads] | None = None
        self.unavailable_reason: str | None = None

    def _load(self) -> tuple[Encoder, Heads] | None:
        with self._lock:
            if self._loaded is not None or self.unavailable_reason is not None:
                return self._loaded
            try:
                source = self._encoder_source
                encoder: Encoder
                if isinstance(source, type) or not isinstance(source, Encoder):
                    encoder = cast("Callable[[], Encoder]", source)()
                else:
                    encoder = source
                hsource = self._heads_source
                heads = hsource if isinstance(hsource, Heads) else hsource()
            except EncoderUnavailable as error:
                self.unavailable_reason = f"encoder {error.reason}"
                return None
            except (OSError, KeyError, ValueError) as error:
                self.unavailable_reason = f"heads {type(error).__name__}"
                return None
            self._loaded = (encoder, heads)
            return self._loaded

    def available(self) -> bool:
        return self._load() is not None

    def read_input(self, text: str) -> InputRead | None:
        """Safety level and reason probabilities for one user text; None when unavailable."""
        loaded = self._load()
        if loaded is None:
            return None
        encoder, heads = loaded
        vectors = text_vectors(encoder, text)
        return read_vectors(heads, vectors)

    def unrelated(self, situation: str, texts: Sequence[str]) -> int | None:
        """The first answer field that is about another matter than the situation, read
        against its sibling fields at the calibrated gap; None when every field is about it,
        or when the heads are unavailable or carry no such threshold."""
        loaded = self._load()
        if loaded is None or not situation.strip():
            return None
        encoder, heads = loaded
        gap = heads.thresholds.get("related_gap", OFF)
        if gap >= OFF:
            return None
        fields = [text_vectors(encoder, text).whole for text in texts]
        found = unrelated_fields(text_vectors(encoder, situation).whole, fields, gap)
        return found[0] if found else None

    def read_fields(self, texts: Sequence[str]) -> list[FieldRead] | None:
        """How the harm and coherence heads read each answer field; None when unavailable."""
        loaded = self._load()
        if loaded is None:
            return None
        encoder, heads = loaded
        return [score_field(heads, text_vectors(encoder, text)) for text in texts]

    @property
    def heads(self) -> Heads | None:
        loaded = self._load()
        return None if loaded is None else loaded[1]


def worst(head: Head, vectors: TextVectors) -> Array:
    """Per label, the highest probability over the text's units (whole, sentences, windows)."""
    highest: Array = head.probabilities(vectors.units).max(axis=0)
    return highest


def margins(heads: Heads, name: str, vectors: TextVectors) -> dict[int, float]:
    """Per label index (0 = safe excluded), how much closer the text, or its closest
    sentence, sits to that label's training rows than to the safe ones: the mean of the k
    most similar of each. Empty when the head ships no rows."""
    import numpy as np

    if name not in heads.exemplars:
        return {}
    rows, labels = heads.exemplars[name]
    k = int(heads.thresholds.get("knn_k", 3))
    sims = vectors.units @ rows.T
    grouped = bool((labels[:-1] <= labels[1:]).all())

    def top(index: int) -> Any:
        if grouped:  # rows sorted by label: each label's block is a slice, not a copy
            start, stop = np.searchsorted(labels, (index, index + 1))
            block = sims[:, start:stop]
        else:
            block = sims[:, labels == index]
        if block.shape[1] == 0:
            return np.full(sims.shape[0], -1.0)
        kk = min(k, block.shape[1])
        return np.partition(block, -kk, axis=1)[:, -kk:].mean(axis=1)

    safe = top(0)
    present = sorted(set(labels.tolist()) - {0})  # np.unique would import numpy.ma
    return {i: float((top(i) - safe).max()) for i in present}


def nearest(heads: Heads, vectors: TextVectors) -> dict[str, float]:
    """Per danger level, the nearest-neighbour margin (see `margins`)."""
    found = margins(heads, "safety", vectors)
    return {heads.safety.labels[i]: value for i, value in found.items()}


def danger_probability(heads: Heads, vectors: TextVectors) -> float:
    """One minus the probability of `none`, for the whole text or its worst sentence."""
    return _danger(heads, heads.safety.probabilities(vectors.units))


def _danger(heads: Heads, unit_probabilities: Array) -> float:
    none = heads.safety.labels.index("none")
    return float(1.0 - unit_probabilities[:, none].min())


def decide(
    levels: Mapping[str, float],
    near: Mapping[str, float],
    danger: float,
    thresholds: Mapping[str, float],
) -> SafetyLevel | None:
    """The level that fires, or None: the head's probability or the neighbour margin crosses
    the level's threshold, the head's probability breaking ties; a text whose danger is clear
    but split between levels (`any`) gets the likelier one. Training calibrates with this."""
    th = thresholds

    def fires(level: str) -> bool:
        if levels.get(level, 0.0) >= th[level]:
            return True
        key = f"knn.{level}"
        return key in th and near.get(level, -1.0) >= th[key]

    fired = [(levels.get(lv, 0.0), lv) for lv in _DANGER if fires(lv)]
    if not fired and danger >= th.get("any", OFF):
        fired = [max((levels.get(lv, 0.0), lv) for lv in _DANGER)]
    return max(fired)[1] if fired else None


def read_vectors(heads: Heads, vectors: TextVectors) -> InputRead:
    """The safety decision and the reason probabilities from a text's vectors.

    The level comes from `decide`; below it, the middle band asks for a check-in."""
    unit_probabilities = heads.safety.probabilities(vectors.units)
    highest = unit_probabilities.max(axis=0)
    levels = {label: float(highest[i]) for i, label in enumerate(heads.safety.labels)}
    reason_probs = heads.reasons.probabilities(vectors.whole[None, :])[0]
    reasons = {label: float(reason_probs[i]) for i, label in enumerate(heads.reasons.labels)}
    near = nearest(heads, vectors)
    th = heads.thresholds
    level = decide(levels, near, _danger(heads, unit_probabilities), th)
    if level is not None:
        by_user = False
        if heads.direction is not None and level != "self_harm":
            by_user = whole_probability(heads.direction, vectors) >= th.get("direction", 0.5)
        return InputRead(
            level, "level", levels[level], levels, reasons, by_user, _about_other(heads, vectors)
        )
    top = max(_DANGER, key=lambda lv: levels.get(lv, 0.0))
    score = levels.get(top, 0.0)
    in_band = score >= th["check_in"] or (
        "knn.check_in" in th and max(near.values(), default=-1.0) >= th["knn.check_in"]
    )
    band: Band = "check_in" if in_band else "none"
    return InputRead("none", band, score, levels, reasons, about_other=_about_other(heads, vectors))


def whole_probability(head: Head, vectors: TextVectors) -> float:
    """A one-class head on the whole text, as the direction and whose-words heads were fitted:
    read sentence by sentence, a victim's "should I answer him?" reads as pursuing someone."""
    return float(head.probabilities(vectors.whole[None, :])[0, 0])


def _about_other(heads: Heads, vectors: TextVectors) -> bool:
    """Read on every text, as the cue floor may find self-harm the safety head does not."""
    if heads.self_harm_other is None:
        return False
    other = whole_probability(heads.self_harm_other, vectors)
    return other >= heads.thresholds.get("self_harm_other", OFF)


@dataclass(frozen=True, slots=True)
class FieldRead:
    """One answer field as the harm and coherence heads read it."""

    harmful: bool
    incoherent: bool
    scores: Mapping[str, float]


def field_scores(heads: Heads, vectors: TextVectors) -> dict[str, float]:
    """Head probability and neighbour margin for harm and incoherence, worst sentence first."""
    out: dict[str, float] = {}
    for name, head in (("harm", heads.harm), ("coherence", heads.coherence)):
        out[name] = float(worst(head, vectors)[0])
        near = margins(heads, name, vectors)
        if near:
            out[f"knn.{name}"] = near[1]
    # A draft or point that reads like a danger text itself (urging self-harm, a threat).
    out["danger.harm"] = danger_probability(heads, vectors)
    return out


def score_field(heads: Heads, vectors: TextVectors) -> FieldRead:
    """A field is harmful (or incoherent) when the head or the neighbours cross the threshold
    calibrated on the dev split's good answers."""
    scores = field_scores(heads, vectors)
    th = heads.thresholds

    def fires(name: str) -> bool:
        return any(
            key in scores and key in th and scores[key] >= th[key]
            for key in (name, f"knn.{name}", f"danger.{name}")
        )

    return FieldRead(fires("harm"), fires("coherence"), scores)


def field_gaps(situation: Array, fields: Sequence[Array]) -> list[float]:
    """How much less each field resembles the situation than its sibling fields do (their
    median similarity minus its own); 0 for all when there are fewer than three fields."""
    import numpy as np

    sims = [float(row @ situation) for row in fields]
    if len(sims) < 3:
        return [0.0] * len(sims)
    return [float(np.median(sims[:i] + sims[i + 1 :])) - sim for i, sim in enumerate(sims)]


def unrelated_fields(situation: Array, fields: Sequence[Array], gap: float) -> list[int]:
    """Fields whose gap to their siblings reaches `gap`: fluent text about another matter (a
    recipe, a weather report, advice for someone else's story) sits far from the situation
    while the rest of the answer sits close to it. Relative, so a short reply that only
    resembles the situation loosely is not held against the answer."""
    return [i for i, found in enumerate(field_gaps(situation, fields)) if found >= gap]
