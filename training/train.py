"""`make train`: embed the corpus, fit the heads, calibrate them on dev, write package data.

    python -m training            # fit on train, calibrate on dev, write guardrails/heads/
    python -m training --check    # fit and print the dev figures, write nothing

Reproducible: the encoder is deterministic, the fits are seeded, and the written metadata holds
the sha256 of the train and dev files it came from (checked by tests/test_semantic_heads.py).
The test split is never read here.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from coach.encoder import E5Encoder, Encoder
from coach.schemas import REASON_IDS
from coach.text import clean
from guardrails.semantic import (
    EXEMPLARS_FILE,
    HEADS_FILE,
    META_FILE,
    OFF,
    Head,
    Heads,
    TextVectors,
    danger_probability,
    decide,
    field_gaps,
    field_scores,
    nearest,
    read_vectors,
    text_vectors,
    whole_probability,
    worst,
)
from training.corpus import AnswerCase, Corpus, SafetyCase, corpus_hash, load

Array = npt.NDArray[np.float32]

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "guardrails" / "heads"
CACHE = ROOT / "build" / "train-cache" / "embeddings.npz"

SAFETY_LABELS = ("none", "self_harm", "violence", "stalking")
DANGER = SAFETY_LABELS[1:]
LEVEL_FP = 0.0034
"""Dev false-positive budget per level: a third of the 1 % goal for the three together."""
CHECK_IN_FP = 0.05
HARM_GOOD_PASS = 0.98
COHERENCE_GOOD_PASS = 0.99
"""Shares of the dev split's good answers that pass whole: the two rails together block at
most about 3 %."""
RELATED_GOOD_PASS = 0.999
"""Share of the train and dev good answers the relatedness read lets through whole: it only
adds what the heads miss (a fluent field about another matter), so it may refuse almost none."""
RELATED_GRID = tuple(round(0.04 + 0.01 * i, 2) for i in range(27))
SEED = 7
KNN_K = 3
FOLDS = 5
DIRECTION_PRECISION = 0.95
"""Telling someone in danger that they are the one acting is the error to avoid: on the dev
split the whole text read at this bar names the user in 125 of 131 texts, finding 75 % of those
in which the user acts (the worst sentence read at the same bar found 48 %)."""
SELF_HARM_OTHER_PRECISION = 0.92
"""Reading a user's own crisis as worry about someone else would turn the answer away from
them; at 0.95 the 70 dev texts left one in 35 found, so the same bar as the direction head."""


class CachingEncoder:
    """The real encoder with an on-disk cache, so a re-fit does not re-embed the corpus."""

    def __init__(self, inner: Encoder, path: Path) -> None:
        self.inner = inner
        self.path = path
        self.name = inner.name
        self.rows: dict[str, Array] = {}
        if path.exists():
            with np.load(path) as saved:
                keys = saved["keys"]
                vectors = saved["vectors"]
                self.rows = {str(k): vectors[i] for i, k in enumerate(keys)}
        self.new = 0

    def embed(self, texts: Sequence[str]) -> Array:
        missing = [t for t in texts if t not in self.rows]
        if missing:
            for text, row in zip(missing, self.inner.embed(missing), strict=True):
                self.rows[text] = row
            self.new += len(missing)
        return np.stack([self.rows[t] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if not self.new:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self.rows), dtype=object)
        np.savez(self.path, keys=keys.astype(str), vectors=np.stack(list(self.rows.values())))


# --- fitting --------------------------------------------------------------------------


def _fit(
    x: Array, y: npt.NDArray[np.int64], classes: int, *, kind: str, strength: float
) -> tuple[tuple[Array, Array], ...]:
    """Logistic regression or a one-hidden-layer MLP; the layers as (weights, bias)."""
    if kind == "lr":
        from sklearn.linear_model import LogisticRegression

        lr = LogisticRegression(C=strength, max_iter=4000, class_weight="balanced")
        lr.fit(x, y)
        return ((lr.coef_.T.astype(np.float32), lr.intercept_.astype(np.float32)),)
    from sklearn.neural_network import MLPClassifier

    mlp = MLPClassifier(
        hidden_layer_sizes=(128,),
        alpha=strength,
        max_iter=600,
        early_stopping=False,
        random_state=SEED,
    )
    weights = _balanced_repeat(y)
    mlp.fit(x[weights], y[weights])
    layers = tuple(
        (w.astype(np.float32), b.astype(np.float32))
        for w, b in zip(mlp.coefs_, mlp.intercepts_, strict=True)
    )
    return layers


def _balanced_repeat(y: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Indices that repeat the rarer classes so every class weighs about the same."""
    counts = np.bincount(y)
    top = counts.max()
    rng = np.random.default_rng(SEED)
    picks = [
        rng.choice(np.flatnonzero(y == c), size=top, replace=True)
        for c in range(len(counts))
        if counts[c]
    ]
    return np.concatenate(picks)


# --- safety ---------------------------------------------------------------------------


def _safety_rows(
    corpus: Corpus, vec: Callable[[str], TextVectors]
) -> tuple[list[Array], list[int], list[int]]:
    """Whole texts with their label, and every unit of a safe text as a safe example; the
    third list names each row's text, so a fold holds out a text with all its rows."""
    xs: list[Array] = []
    ys: list[int] = []
    groups: list[int] = []
    for group, (text, label) in enumerate(calibration_texts(corpus)):
        v = vec(text)
        rows = [v.whole] + (_safe_units(v) if label == 0 else [])
        xs.extend(rows)
        ys.extend([label] * len(rows))
        groups.extend([group] * len(rows))
    return xs, ys, groups


def calibration_texts(corpus: Corpus) -> list[tuple[str, int]]:
    """The texts `_safety_rows` reads, in the same order (group index = position)."""
    texts = [(c.text, SAFETY_LABELS.index(c.label)) for c in corpus.safety]
    seen = {t for t, _ in texts}
    return texts + [(r.text, 0) for r in corpus.reasons if r.text not in seen]


def _safe_units(v: TextVectors) -> list[Array]:
    """Every unit of a safe text but the whole (already a row): each is safe on its own."""
    if len(v.sentences) == 1:
        return []
    return [row for row in v.units if not np.array_equal(row, v.whole)]


def _threshold(negative_scores: Sequence[float], budget: float) -> float:
    """The lowest threshold that keeps the share of negatives at or above it within budget."""
    ordered = sorted(negative_scores, reverse=True)
    allowed = int(budget * len(ordered))
    above = ordered[allowed] if allowed < len(ordered) else 0.0
    return float(min(max(above + 1e-4, 0.05), 0.999))


def _raw_threshold(negative_scores: Sequence[float], budget: float) -> float:
    ordered = sorted(negative_scores, reverse=True)
    allowed = int(budget * len(ordered))
    return float(ordered[allowed] + 1e-4) if allowed < len(ordered) else float(ordered[-1])


GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
"""How the level's false-positive budget may be split between the head and the neighbours."""


@dataclass(frozen=True, slots=True)
class Scored:
    """One calibration text as a set of heads read it."""

    label: int
    probs: Array
    near: dict[str, float]
    danger: float


def score(heads: Heads, text: str, label: int, vec: Callable[[str], TextVectors]) -> Scored:
    v = vec(text)
    return Scored(label, worst(heads.safety, v), nearest(heads, v), danger_probability(heads, v))


def out_of_fold(
    x: Array,
    y: npt.NDArray[np.int64],
    groups: npt.NDArray[np.int64],
    texts: list[tuple[str, int]],
    fit: Callable[[Array, npt.NDArray[np.int64]], Head],
    vec: Callable[[str], TextVectors],
) -> list[Scored]:
    """Every training text read by heads fitted without it (and neighbours that exclude it):
    thousands of calibration texts beside the dev split's few hundred."""
    out: list[Scored] = []
    for fold in range(FOLDS):
        held = groups % FOLDS == fold
        head = fit(x[~held], y[~held])
        heads = Heads(
            head, head, head, head, {"knn_k": KNN_K}, {}, None, {"safety": (x[~held], y[~held])}
        )
        out.extend(
            score(heads, text, label, vec)
            for g, (text, label) in enumerate(texts)
            if g % FOLDS == fold
        )
    return out


def _fires(item: Scored, th: dict[str, float]) -> bool:
    """Whether the runtime decision (`guardrails.semantic.decide`) gives this text a level."""
    levels = {label: float(item.probs[i]) for i, label in enumerate(SAFETY_LABELS)}
    return decide(levels, item.near, item.danger, th) is not None


def calibrate_safety(pool: list[Scored]) -> dict[str, float]:
    """Per level, the split of the false-positive budget between the head and the nearest
    neighbours that finds the most danger texts of that level in the pool (out-of-fold train
    and dev); then `any` with what is left of the 1 % for the three, then the check-in band."""
    negatives = [p for p in pool if p.label == 0]
    probs = np.stack([p.probs for p in negatives])
    thresholds: dict[str, float] = {"knn_k": float(KNN_K)}
    for i, level in enumerate(SAFETY_LABELS):
        if level == "none":
            continue
        positives = [p for p in pool if p.label == i]
        pos_probs = np.asarray([p.probs[i] for p in positives])
        pos_near = np.asarray([p.near.get(level, -1.0) for p in positives])
        neg_near = np.asarray([n.near.get(level, -1.0) for n in negatives])
        best: tuple[int, float, float] | None = None
        for share in GRID:
            th_head = _threshold(probs[:, i].tolist(), LEVEL_FP * share) if share else OFF
            th_near = (
                _raw_threshold(neg_near.tolist(), LEVEL_FP * (1 - share)) if share < 1 else OFF
            )
            fp = int(((probs[:, i] >= th_head) | (neg_near >= th_near)).sum())
            if fp > LEVEL_FP * len(negatives) + 1e-9 and fp > 0:
                continue
            found = int(((pos_probs >= th_head) | (pos_near >= th_near)).sum())
            if best is None or found > best[0]:
                best = (found, th_head, th_near)
        assert best is not None
        thresholds[level], thresholds[f"knn.{level}"] = best[1], best[2]
    fired = [_fires(n, thresholds) for n in negatives]
    spare = int(LEVEL_FP * len(DANGER) * len(negatives)) - sum(fired)
    rest = sorted((n.danger for n, f in zip(negatives, fired, strict=True) if not f), reverse=True)
    thresholds["any"] = (
        OFF if spare < 0 or not rest else float(min(rest[min(spare, len(rest) - 1)] + 1e-4, OFF))
    )
    danger = probs[:, 1:].max(axis=1)
    thresholds["check_in"] = min(
        _threshold(danger.tolist(), CHECK_IN_FP / 2), min(thresholds[lv] for lv in DANGER)
    )
    near_max = [max(n.near.values(), default=-1.0) for n in negatives]
    thresholds["knn.check_in"] = min(
        _raw_threshold(near_max, CHECK_IN_FP / 2), min(thresholds[f"knn.{lv}"] for lv in DANGER)
    )
    return thresholds


def _precise_threshold(scored: Sequence[tuple[float, bool]], precision: float) -> float:
    """The lowest threshold at which at least `precision` of the texts above it are true:
    telling someone in danger that they are the aggressor is the error to avoid."""
    for threshold in sorted({p for p, _ in scored}):
        above = [truth for p, truth in scored if p >= threshold]
        if above and sum(above) / len(above) >= precision:
            return float(threshold)
    return OFF


def safety_figures(
    heads: Heads, corpus: Corpus, vec: Callable[[str], TextVectors]
) -> dict[str, Any]:
    """The runtime decision (guardrails.semantic.read_vectors) on every text of a split."""
    figures: dict[str, Any] = {}

    def level(text: str) -> str:
        return read_vectors(heads, vec(text)).level

    for name in DANGER:
        cases = [c for c in corpus.safety if c.label == name]
        right = sum(level(c.text) == name for c in cases)
        figures[name] = f"{right}/{len(cases)}"
    hard = [c for c in corpus.safety if c.label == "none"]
    figures["hard_negative_fp"] = f"{sum(level(c.text) != 'none' for c in hard)}/{len(hard)}"
    coaching = sum(level(r.text) != "none" for r in corpus.reasons)
    figures["coaching_fp"] = f"{coaching}/{len(corpus.reasons)}"
    return figures


def _score(figures: dict[str, Any]) -> float:
    def ratio(s: str) -> float:
        a, b = s.split("/")
        return int(a) / max(int(b), 1)

    return sum(ratio(figures[lv]) for lv in DANGER) / len(DANGER)


# --- reasons --------------------------------------------------------------------------


def _reason_rows(
    corpus: Corpus, vec: Callable[[str], TextVectors]
) -> tuple[list[Array], list[int]]:
    xs = [vec(r.text).whole for r in corpus.reasons]
    ys = [REASON_IDS.index(r.reasons[0]) for r in corpus.reasons]
    return xs, ys


def tune_blend(head: Head, dev: Corpus, vec: Callable[[str], TextVectors]) -> tuple[float, str]:
    """The weight of the cue scores against the head's probabilities, best top-1 on dev."""
    from guardrails.rules import blended_reasons, cue_reason_scores

    cue = [cue_reason_scores(r.text) for r in dev.reasons]
    probs = [
        dict(
            zip(
                head.labels,
                map(float, head.probabilities(vec(r.text).whole[None, :])[0]),
                strict=True,
            )
        )
        for r in dev.reasons
    ]
    best = (-1, 0.0)
    for weight in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0):
        right = 0
        for case, c, p in zip(dev.reasons, cue, probs, strict=True):
            ranked = blended_reasons(c, p, weight)
            right += bool(ranked) and ranked[0] == case.reasons[0]
        if right > best[0]:
            best = (right, weight)
    return best[1], f"{best[0]}/{len(dev.reasons)}"


# --- answers --------------------------------------------------------------------------


def _field_rows(
    answers: Sequence[AnswerCase], vec: Callable[[str], TextVectors], attribute: str
) -> tuple[list[Array], list[int], list[int]]:
    """Field rows with their label, and the index of the answer each row came from."""
    xs: list[Array] = []
    ys: list[int] = []
    groups: list[int] = []
    for index, answer in enumerate(answers):
        for case in answer.fields():
            label = getattr(case, attribute)
            if label is None:
                continue
            v = vec(case.text)
            rows = [v.whole] + ([] if label else _safe_units(v))
            xs.extend(rows)
            ys.extend([int(label)] * len(rows))
            groups.extend([index] * len(rows))
    return xs, ys, groups


def _binary_head(name: str, layers: tuple[tuple[Array, Array], ...]) -> Head:
    """A two-class fit (one output column in scikit-learn) as one sigmoid for the positive
    class."""
    w, b = layers[-1]
    return Head((name,), (*layers[:-1], (w.astype(np.float32), b.astype(np.float32))))


def field_keys(name: str) -> list[str]:
    return [name, f"knn.{name}"] + ([f"danger.{name}"] if name == "harm" else [])


def answer_rows(
    heads: Heads, name: str, answers: Sequence[AnswerCase], vec: Callable[[str], TextVectors]
) -> list[tuple[str, list[float]]]:
    """Per answer, its label and the highest score of each scorer over its fields."""
    keys = field_keys(name)
    out = []
    for answer in answers:
        reads = [field_scores(heads, vec(f.text)) for f in answer.fields()]
        out.append((answer.label, [max(r.get(k, -1.0) for r in reads) for k in keys]))
    return out


def calibrate_field(
    name: str, pool: list[tuple[str, list[float]]], good_pass: float
) -> tuple[dict[str, float], dict[str, str]]:
    """Thresholds for one field head, its neighbours (and for harm, the safety head read on
    the field), so that `good_pass` of the pool's good answers pass whole; the split of that
    budget between the scorers that blocks the most bad answers wins."""
    target = "harmful" if name == "harm" else "incoherent"
    keys = field_keys(name)

    def matrix(label: str) -> Array:
        rows = [scores for lab, scores in pool if lab == label]
        return np.asarray(rows, dtype=np.float32).reshape(-1, len(keys))

    good, bad = matrix("good"), matrix(target)
    budget = 1 - good_pass
    best: tuple[int, list[float]] | None = None
    for shares in itertools.product(GRID, repeat=len(keys)):
        if abs(sum(shares) - 1.0) > 1e-9:
            continue
        limits = [
            (OFF if not share else _raw_threshold(good[:, i].tolist(), budget * share))
            for i, share in enumerate(shares)
        ]
        over = (good >= np.asarray(limits)).any(axis=1)
        if int(over.sum()) > budget * len(good) + 1e-9 and over.any():
            continue
        blocked = int((bad >= np.asarray(limits)).any(axis=1).sum())
        if best is None or blocked > best[0]:
            best = (blocked, limits)
    assert best is not None
    return dict(zip(keys, best[1], strict=True)), {}


def field_figures(
    name: str, rows: list[tuple[str, list[float]]], limits: dict[str, float]
) -> dict[str, str]:
    target = "harmful" if name == "harm" else "incoherent"
    bound = np.asarray([limits[k] for k in field_keys(name)])

    def hit(scores: list[float]) -> bool:
        return bool((np.asarray(scores) >= bound).any())

    bad = [hit(s) for lab, s in rows if lab == target]
    good = [not hit(s) for lab, s in rows if lab == "good"]
    return {"blocked": f"{sum(bad)}/{len(bad)}", "good_passed": f"{sum(good)}/{len(good)}"}


# --- the command ----------------------------------------------------------------------


def related_gaps(answer: AnswerCase, vec: Callable[[str], TextVectors]) -> list[tuple[bool, float]]:
    """Each field of an answer: whether it is the incoherent one, and its gap to its siblings
    in likeness to the situation (`guardrails.semantic.field_gaps`)."""
    fields = answer.fields()
    situation = vec(clean(answer.situation)).whole
    gaps = field_gaps(situation, [vec(f.text).whole for f in fields])
    return [(f.incoherent is True, gap) for f, gap in zip(fields, gaps, strict=True)]


def calibrate_relatedness(
    answers: Sequence[AnswerCase], vec: Callable[[str], TextVectors]
) -> tuple[float, dict[str, str]]:
    """The smallest gap at which no more than 0.1 % of good answers have a field that far from
    the situation, and what it finds among the incoherent answers at that gap."""
    good = [
        max((g for _, g in related_gaps(a, vec)), default=0.0) for a in answers if a.label == "good"
    ]
    bad = [
        max((g for flagged, g in related_gaps(a, vec) if flagged), default=0.0)
        for a in answers
        if a.label == "incoherent"
    ]
    allowed = (1 - RELATED_GOOD_PASS) * len(good)
    gap = next((g for g in RELATED_GRID if sum(x >= g for x in good) <= allowed), OFF)
    figures = {
        "good_refused": f"{sum(x >= gap for x in good)}/{len(good)}",
        "incoherent_found": f"{sum(x >= gap for x in bad)}/{len(bad)}",
    }
    return gap, figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fit and report; write nothing")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    started = time.monotonic()
    encoder = CachingEncoder(E5Encoder(), CACHE)
    memo: dict[str, TextVectors] = {}

    def vec(text: str) -> TextVectors:
        if text not in memo:
            memo[text] = text_vectors(encoder, text)
        return memo[text]

    train, dev = load("train"), load("dev")
    print(
        f"corpus: train {len(train.safety)} safety / {len(train.reasons)} reasons / "
        f"{len(train.answers)} answers; dev {len(dev.safety)} / {len(dev.reasons)} / "
        f"{len(dev.answers)}"
    )
    report: dict[str, Any] = {}
    arrays: dict[str, npt.NDArray[Any]] = {}
    heads_meta: dict[str, Any] = {}

    def keep(name: str, head: Head) -> None:
        heads_meta[name] = {"labels": list(head.labels), "layers": len(head.layers)}
        for i, (w, b) in enumerate(head.layers):
            arrays[f"{name}.{i}.w"] = w.astype(np.float16)
            arrays[f"{name}.{i}.b"] = b.astype(np.float32)

    def rounded(head: Head) -> Head:
        """The head as it will be stored (float16 weights), so calibration sees the same."""
        return Head(
            head.labels,
            tuple((w.astype(np.float16).astype(np.float32), b) for w, b in head.layers),
        )

    # Safety: pick the model and its strength by mean dev recall at the calibrated thresholds.
    xs, ys, gs = _safety_rows(train, vec)
    x, y, groups = np.stack(xs), np.asarray(ys, dtype=np.int64), np.asarray(gs, dtype=np.int64)
    texts = calibration_texts(train)
    dev_texts = [(c.text, SAFETY_LABELS.index(c.label)) for c in dev.safety]
    dev_texts += [(r.text, 0) for r in dev.reasons]
    exemplars = {"safety": (x.astype(np.float16).astype(np.float32), y)}
    order = np.argsort(y, kind="stable")
    mapped = {"safety": exemplars["safety"][0][order]}
    arrays["safety.labels"] = y[order].astype(np.int8)
    candidates: list[tuple[float, str, Head, dict[str, float], dict[str, Any]]] = []
    for kind, strength in (("lr", 4.0), ("lr", 16.0), ("mlp", 1e-2)):

        def fit(
            rx: Array, ry: npt.NDArray[np.int64], kind: str = kind, c: float = strength
        ) -> Head:
            return rounded(Head(SAFETY_LABELS, _fit(rx, ry, 4, kind=kind, strength=c)))

        head = fit(x, y)
        full = Heads(head, head, head, head, {"knn_k": KNN_K}, {}, None, exemplars)
        pool = out_of_fold(x, y, groups, texts, fit, vec)
        pool += [score(full, t, label, vec) for t, label in dev_texts]
        thresholds = calibrate_safety(pool)
        calibrated = dataclasses.replace(
            full, thresholds={**full.thresholds, **thresholds, "check_in": OFF}
        )
        figures = safety_figures(calibrated, dev, vec)
        oof_fp = sum(_fires(p, thresholds) for p in pool[: len(texts)] if p.label == 0)
        figures["oof_train_fp"] = f"{oof_fp}/{sum(1 for p in pool[: len(texts)] if p.label == 0)}"
        print(f"safety {kind} {strength:g}: dev {figures}", flush=True)
        candidates.append((_score(figures), f"{kind} {strength:g}", head, thresholds, figures))
    _, chosen, safety_head, thresholds, figures = max(candidates, key=lambda c: c[0])
    report["safety"] = {"model": chosen, "dev": figures}
    keep("safety", safety_head)

    xs, ys = _reason_rows(train, vec)
    reason_candidates = []
    for kind, strength in (("lr", 1.0), ("lr", 4.0), ("lr", 16.0), ("mlp", 1e-2)):
        layers = _fit(np.stack(xs), np.asarray(ys), 8, kind=kind, strength=strength)
        head = rounded(Head(REASON_IDS, layers))
        weight, top1 = tune_blend(head, dev, vec)
        print(f"reasons {kind} {strength:g}: dev top-1 {top1} at cue weight {weight}")
        a, _, b = top1.partition("/")
        reason_candidates.append((int(a) / int(b), f"{kind} {strength:g}", head, weight, top1))
    _, chosen, reason_head, weight, top1 = max(reason_candidates, key=lambda c: c[0])
    thresholds["reason_cue_weight"] = weight
    report["reasons"] = {"model": chosen, "dev_top1": top1, "cue_weight": weight}
    keep("reasons", reason_head)

    for name, attribute, good_pass in (
        ("harm", "harmful", HARM_GOOD_PASS),
        ("coherence", "incoherent", COHERENCE_GOOD_PASS),
    ):
        xs, ys, gs = _field_rows(train.answers, vec, attribute)
        fx, fy, fg = np.stack(xs), np.asarray(ys), np.asarray(gs)
        best: tuple[float, str, Head, dict[str, float], dict[str, str]] | None = None
        for kind, strength in (("lr", 1.0), ("lr", 4.0), ("lr", 16.0)):

            def fit_field(
                rx: Array, ry: Any, kind: str = kind, c: float = strength, label: str = name
            ) -> Head:
                return rounded(_binary_head(label, _fit(rx, ry, 2, kind=kind, strength=c)))

            def with_rows(head: Head, rx: Array, ry: Any, label: str = name) -> Heads:
                rows = {label: (rx.astype(np.float16).astype(np.float32), ry)}
                return Heads(safety_head, head, head, head, {"knn_k": KNN_K}, {}, None, rows)

            # Out of fold: each training answer read by heads fitted without it.
            answer_pool: list[tuple[str, list[float]]] = []
            for fold in range(FOLDS):
                held = fg % FOLDS == fold
                fold_heads = with_rows(fit_field(fx[~held], fy[~held]), fx[~held], fy[~held])
                answers = [a for i, a in enumerate(train.answers) if i % FOLDS == fold]
                answer_pool += answer_rows(fold_heads, name, answers, vec)
            full = with_rows(fit_field(fx, fy), fx, fy)
            dev_rows = answer_rows(full, name, dev.answers, vec)
            found, _ = calibrate_field(name, answer_pool + dev_rows, good_pass)
            figs = field_figures(name, dev_rows, found)
            oof = field_figures(name, answer_pool, found)
            figs |= {f"oof_{k}": v for k, v in oof.items()}
            print(f"{name} {kind} {strength:g}: dev {figs}", flush=True)
            a_, _, b_ = figs["blocked"].partition("/")
            value = int(a_) / max(int(b_), 1)
            if best is None or value > best[0]:
                best = (value, f"{kind} {strength:g}", full.harm, found, figs)
        assert best is not None
        thresholds.update(best[3])
        report[name] = {"model": best[1], "dev": best[4]}
        keep(name, best[2])
        arrays[f"{name}.exemplars"] = fx.astype(np.float16)
        arrays[f"{name}.labels"] = fy.astype(np.int8)

    # Relatedness: a fluent field about another matter than the situation and the rest.
    thresholds["related_gap"], report["related"] = calibrate_relatedness(
        [*train.answers, *dev.answers], vec
    )
    print(f"related: train+dev {report['related']} at gap {thresholds['related_gap']}")

    # Direction: who acts, for violence and stalking (picks the safety answer's wording).
    def whose(levels: tuple[str, ...], corpus: Corpus) -> list[SafetyCase]:
        return [c for c in corpus.safety if c.label in levels and c.by in ("user", "other")]

    def by_head(name: str, rows: list[SafetyCase], positive: str) -> Head:
        """Logistic regression on the whole text: who the words are about, not how far."""
        x = np.stack([vec(c.text).whole for c in rows])
        y = np.asarray([int(c.by == positive) for c in rows])
        return _binary_head(name, _fit(x, y, 2, kind="lr", strength=4.0))

    rows = whose(("violence", "stalking"), train)
    direction = by_head("by_user", rows, "user")
    dev_cases = whose(("violence", "stalking"), dev)
    scored = [(whole_probability(direction, vec(c.text)), c.by == "user") for c in dev_cases]
    thresholds["direction"] = _precise_threshold(scored, DIRECTION_PRECISION)
    said_user = [by_user for p, by_user in scored if p >= thresholds["direction"]]
    right = sum((p >= thresholds["direction"]) == by_user for p, by_user in scored)
    report["direction"] = {
        "model": "lr 4",
        "dev": f"{right}/{len(dev_cases)}",
        "user_precision": f"{sum(said_user)}/{len(said_user)}",
        "user_recall": f"{sum(said_user)}/{sum(b for _, b in scored)}",
    }
    print(f"direction: dev {report['direction']}")
    keep("direction", rounded(direction))

    # Whose words, for self-harm: the other person's (the user is worried about them) or the
    # user's own. Only texts whose author marked it; without dev rows to calibrate on, no head.
    rows, dev_cases = whose(("self_harm",), train), whose(("self_harm",), dev)
    if rows and dev_cases:
        other = rounded(by_head("self_harm_other", rows, "other"))
        scored = [(whole_probability(other, vec(c.text)), c.by == "other") for c in dev_cases]
        thresholds["self_harm_other"] = _precise_threshold(scored, SELF_HARM_OTHER_PRECISION)
        said = [truth for p, truth in scored if p >= thresholds["self_harm_other"]]
        report["self_harm_other"] = {
            "model": "lr 4",
            "train_rows": len(rows),
            "other_precision": f"{sum(said)}/{len(said)}",
            "other_recall": f"{sum(said)}/{sum(t for _, t in scored)}",
        }
        print(f"self_harm_other: dev {report['self_harm_other']}")
        keep("self_harm_other", other)

    encoder.save()
    meta = {
        "encoder": encoder.name,
        "corpus_sha256": corpus_hash(),
        "heads": heads_meta,
        "thresholds": {k: round(v, 4) for k, v in thresholds.items()},
        "dev": report,
    }
    print(json.dumps(meta["thresholds"], indent=1))
    print(f"done in {time.monotonic() - started:.0f} s ({encoder.new} new embeddings)")
    if args.check:
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez(args.out / HEADS_FILE, allow_pickle=False, **arrays)
    for name, table in mapped.items():
        np.save(args.out / EXEMPLARS_FILE.format(name=name), table, allow_pickle=False)
    (args.out / META_FILE).write_text(
        json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out / HEADS_FILE} and {META_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
