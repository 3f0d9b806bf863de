"""The AdviceDraft as a JSON Schema the endpoints accept, and JSON read back out of answers."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from coach.cache import compile_cached
from coach.schemas import SECTION_NAMES, AdviceDraft, SectionName
from coach.text import clean

__all__ = [
    "MAX_FIELD_CHARS",
    "MAX_ITEMS",
    "RISK",
    "SECTION_NAMES",
    "DraftError",
    "SectionScanner",
    "draft_schema",
    "extract_json",
    "parse_draft",
    "parse_section",
    "strict_schema",
]

RISK = "risk"
_SCANNED = (RISK, *SECTION_NAMES)

MAX_FIELD_CHARS = 1000
"""Longest text field of an answer: a summary is a few sentences, a draft a short message."""
MAX_ITEMS = 12
"""Most items in any list or object of an answer (the contract allows five at most)."""
_MAX_DEPTH = 6

# Strict mode accepts only a subset of JSON Schema; pydantic checks the lengths afterwards.
_STRICT_DROPS = frozenset({"title", "minLength", "maxLength", "minItems", "maxItems", "default"})


class DraftError(ValueError):
    """The answer could not be read as an AdviceDraft; the message is fit for a re-ask."""


def _inline(node: Any, defs: dict[str, Any], drop: frozenset[str]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs, drop)
        return {k: _inline(v, defs, drop) for k, v in node.items() if k not in drop}
    if isinstance(node, list):
        return [_inline(v, defs, drop) for v in node]
    return node


@cache
def _schema_text(strict: bool) -> str:
    raw = AdviceDraft.model_json_schema()
    defs = raw.pop("$defs", {})
    schema = _inline(raw, defs, _STRICT_DROPS if strict else frozenset({"title"}))
    return json.dumps(schema, ensure_ascii=False)


def draft_schema() -> dict[str, Any]:
    """The full schema, lengths included: grammar-based servers use them to shape the answer.

    Every top-level key is required, `risk` first, so a grammar writes the risk read before
    any advice.
    """
    schema: dict[str, Any] = json.loads(_schema_text(False))
    schema["required"] = list(schema["properties"])
    return schema


def strict_schema() -> dict[str, Any]:
    """For `json_schema` + `strict`: every field required, no extra keys, no length keywords."""
    schema: dict[str, Any] = json.loads(_schema_text(True))
    _require_everything(schema)
    return schema


def _require_everything(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node["required"] = list(node["properties"])
            node["additionalProperties"] = False
        for value in node.values():
            _require_everything(value)
    elif isinstance(node, list):
        for value in node:
            _require_everything(value)


_FENCE = compile_cached(r"```(?:json|JSON)?\s*\n?(.*?)```", re.DOTALL)


def _first_object(text: str) -> str | None:
    """The leftmost {...} that closes, in one pass: a body of a million "{" costs one scan,
    not one scan per brace."""
    start = text.find("{")
    if start == -1:
        return None
    opened: list[int] = []
    best: tuple[int, int] | None = None
    in_string, escaped = False, False
    for i in range(start, len(text)):
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "{":
            opened.append(i)
        elif ch == "}" and opened:
            begin = opened.pop()
            if best is None or begin < best[0]:
                best = (begin, i)
            if begin == start:
                break
    return None if best is None else text[best[0] : best[1] + 1]


def extract_json(text: str) -> str | None:
    """The first balanced {...} in an answer, looking inside a code fence first."""
    for fenced in _FENCE.finditer(text):
        found = _first_object(fenced.group(1))
        if found is not None:
            return found
    return _first_object(text)


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors()[:6]:
        where = ".".join(str(p) for p in item["loc"]) or "(root)"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def _loads(text: str) -> Any:
    """json.loads, with nesting too deep to read counted as invalid JSON."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _tidy(value: Any, where: str = "", depth: int = 0) -> Any:
    """Every string cleaned of controls and invisible characters, and none over the cap: an
    answer is bounded before the contract (and then the rails) read it."""
    if depth > _MAX_DEPTH:
        raise DraftError(f"{where or '(root)'}: nested more than {_MAX_DEPTH} levels")
    if isinstance(value, str):
        cleaned = clean(value)
        if len(cleaned) > MAX_FIELD_CHARS:
            raise DraftError(f"{where or '(root)'}: longer than {MAX_FIELD_CHARS} characters")
        return cleaned
    if isinstance(value, list):
        if len(value) > MAX_ITEMS:
            raise DraftError(f"{where or '(root)'}: more than {MAX_ITEMS} items")
        return [
            _tidy(item, f"{where}.{n}" if where else str(n), depth + 1)
            for n, item in enumerate(value)
        ]
    if isinstance(value, dict):
        if len(value) > MAX_ITEMS:
            raise DraftError(f"{where or '(root)'}: more than {MAX_ITEMS} keys")
        return {
            key: _tidy(item, f"{where}.{key}" if where else str(key)) for key, item in value.items()
        }
    return value


M = TypeVar("M", bound=BaseModel)


def parse_section(model: type[M], raw: str) -> M | None:
    """One streamed section, tidied like a whole answer; None when it cannot be used."""
    try:
        return model.model_validate(_tidy(_loads(raw)))
    except (ValueError, DraftError, ValidationError):
        return None


def parse_draft(content: str) -> AdviceDraft:
    """Plain JSON first, then the first object found in prose or a code fence."""
    text = content.strip()
    try:
        value = _loads(text)
    except ValueError:
        found = extract_json(text)
        if found is None:
            raise DraftError("the answer contained no JSON object") from None
        try:
            value = _loads(found)
        except ValueError:
            raise DraftError("the answer contained no JSON object") from None
    try:
        return AdviceDraft.model_validate(_tidy(value))
    except ValidationError as error:
        raise DraftError(_describe(error)) from None


def _section_name(key: str | None) -> SectionName | Literal["risk"] | None:
    if key == "risk":
        return "risk"
    for name in SECTION_NAMES:
        if key == name:
            return name
    return None


@dataclass(slots=True)
class SectionScanner:
    """Reads a streamed answer and reports each top-level section once its object closes.

    The risk read is reported too (as "risk"), so a stream can hold sections back until it is in.
    """

    _buffer: list[str] = field(default_factory=list)
    _depth: int = 0
    _in_string: bool = False
    _escaped: bool = False
    _key: str | None = None
    _last_string: list[str] = field(default_factory=list)
    _capture: list[str] | None = None
    _seen: set[str] = field(default_factory=set)

    def feed(self, text: str) -> list[tuple[SectionName | Literal["risk"], str]]:
        """Sections completed by this piece, as (name, raw JSON) pairs."""
        done: list[tuple[SectionName | Literal["risk"], str]] = []
        for ch in text:
            if self._capture is not None:
                self._capture.append(ch)
            if self._in_string:
                self._string_char(ch)
                continue
            if ch == '"':
                self._in_string = True
                self._last_string = []
            elif ch == "{":
                self._depth += 1
                if self._depth == 2 and self._key in _SCANNED and self._key not in self._seen:
                    self._capture = ["{"]
            elif ch == "}":
                self._depth -= 1
                if self._depth == 1 and self._capture is not None:
                    name = _section_name(self._key)
                    if name is not None:
                        done.append((name, "".join(self._capture)))
                        self._seen.add(name)
                    self._capture = None
            elif ch == ":" and self._depth == 1:
                self._key = "".join(self._last_string)
        return done

    def _string_char(self, ch: str) -> None:
        if self._escaped:
            self._escaped = False
            self._last_string.append(ch)
        elif ch == "\\":
            self._escaped = True
        elif ch == '"':
            self._in_string = False
        else:
            self._last_string.append(ch)
