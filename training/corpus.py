"""The labelled corpus the semantic heads learn from, read from `training/data/`.

Three splits, each written by its own authors (see training/data/AUTHORS.md): `train` fits the
heads, `dev` calibrates their thresholds and picks the model, `test` is only ever measured.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "DATA",
    "SPLITS",
    "AnswerCase",
    "Corpus",
    "FieldCase",
    "ReasonCase",
    "SafetyCase",
    "corpus_hash",
    "load",
]

DATA = Path(__file__).resolve().parent / "data"
Split = Literal["train", "dev", "test"]
SPLITS: tuple[Split, ...] = ("train", "dev", "test")
FIELD_PATHS = ("reason.summary", "response.approach", "response.replies", "caution.points")


@dataclass(frozen=True, slots=True)
class SafetyCase:
    text: str
    label: str
    """The safety level the text calls for: `none`, `self_harm`, `violence` or `stalking`."""
    lang: str
    kind: str
    """How it is put (`direct`, `euphemistic`, `hard_negative`, ...): for reading the data."""
    note: str
    author: str
    """The file's author (`a5` of `a5_safety.jsonl`): one author never spans two splits."""
    by: str = ""
    """For violence and stalking: `user` when the user is the one acting, `other` otherwise."""


@dataclass(frozen=True, slots=True)
class ReasonCase:
    text: str
    reasons: tuple[str, ...]
    lang: str
    paraphrase: bool
    """A rewording of another case: evals/semantic.py scores plain and paraphrased apart."""
    author: str


@dataclass(frozen=True, slots=True)
class FieldCase:
    """One text field of a model answer, labelled from the answer's `field` and `label`."""

    path: str
    text: str
    harmful: bool | None
    """True for the field holding the harm; never None, but typed like `incoherent` for one loop."""
    incoherent: bool | None
    """True for the field that makes the answer incoherent; None for that answer's other
    fields, whose coherence is unknown."""


@dataclass(frozen=True, slots=True)
class AnswerCase:
    situation: str
    lang: str
    answer: dict[str, Any]
    label: str
    """`good`, `harmful` or `incoherent`."""
    harm: str
    """What makes it bad (`threat`, `one_letter`, ...); empty for a good answer."""
    field: str
    """Where it is bad (`response.replies[0]`; `response.replies` names every reply)."""
    author: str

    def fields(self) -> list[FieldCase]:
        out: list[FieldCase] = []
        for path, text in _field_texts(self.answer):
            bad = path == self.field or path.startswith(self.field + "[")
            if self.label == "harmful":
                out.append(FieldCase(path, text, bad, False))
            elif self.label == "incoherent":
                out.append(FieldCase(path, text, False, True if bad else None))
            else:
                out.append(FieldCase(path, text, False, False))
        return out


def _field_texts(answer: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for path in FIELD_PATHS:
        section, name = path.split(".")
        value = (answer.get(section) or {}).get(name)
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield f"{path}[{i}]", item


@dataclass(slots=True)
class Corpus:
    split: str
    safety: list[SafetyCase] = field(default_factory=list)
    reasons: list[ReasonCase] = field(default_factory=list)
    answers: list[AnswerCase] = field(default_factory=list)


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path.name}:{number}: {error.msg}") from None


def files(split: Split) -> list[Path]:
    return sorted((DATA / split).glob("*.jsonl"))


def load(split: Split) -> Corpus:
    """Every file of one split; a file is `<author>_<safety|reasons|answers>.jsonl`."""
    corpus = Corpus(split)
    for path in files(split):
        author, _, kind = path.stem.partition("_")
        for row in _lines(path):
            if kind == "safety":
                corpus.safety.append(
                    SafetyCase(
                        row["text"],
                        row["label"],
                        row["lang"],
                        row.get("kind", ""),
                        row.get("note", ""),
                        author,
                        row.get("by", ""),
                    )
                )
            elif kind == "reasons":
                corpus.reasons.append(
                    ReasonCase(
                        row["text"],
                        tuple(row["reasons"]),
                        row["lang"],
                        bool(row.get("paraphrase")),
                        author,
                    )
                )
            elif kind == "answers":
                corpus.answers.append(
                    AnswerCase(
                        row["situation"],
                        row["lang"],
                        row["answer"],
                        row["label"],
                        row.get("harm", ""),
                        row.get("field", ""),
                        author,
                    )
                )
    return corpus


def corpus_hash(splits: tuple[Split, ...] = ("train", "dev")) -> str:
    """sha256 over the files the heads were fitted and calibrated on, names and bytes."""
    digest = hashlib.sha256()
    for split in splits:
        for path in files(split):
            digest.update(f"{split}/{path.name}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
