"""The AdviceDraft as a JSON Schema the endpoints accept, and JSON read back out of answers."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from pydantic import ValidationError

from coach.events import SectionName
from coach.schemas import AdviceDraft

__all__ = [
    "RISK",
    "SECTION_NAMES",
    "DraftError",
    "SectionScanner",
    "draft_schema",
    "extract_json",
    "parse_draft",
    "strict_schema",
]

SECTION_NAMES: tuple[SectionName, ...] = ("reason", "response", "caution")
RISK = "risk"
_SCANNED = (RISK, *SECTION_NAMES)

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


_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.DOTALL)


def _balanced_object(text: str, start: int) -> str | None:
    depth, in_string, escaped = 0, False, False
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
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[start : i + 1]
    return None


def extract_json(text: str) -> str | None:
    """The first balanced {...} in an answer, looking inside a code fence first."""
    candidates = [m.group(1) for m in _FENCE.finditer(text)] + [text]
    for candidate in candidates:
        start = candidate.find("{")
        while start != -1:
            found = _balanced_object(candidate, start)
            if found is not None:
                return found
            start = candidate.find("{", start + 1)
    return None


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors()[:6]:
        where = ".".join(str(p) for p in item["loc"]) or "(root)"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def parse_draft(content: str) -> AdviceDraft:
    """Plain JSON first, then the first object found in prose or a code fence."""
    text = content.strip()
    try:
        return AdviceDraft.model_validate_json(text)
    except ValidationError as error:
        if not any(item["type"] == "json_invalid" for item in error.errors()):
            raise DraftError(_describe(error)) from None
    found = extract_json(text)
    if found is None:
        raise DraftError("the answer contained no JSON object")
    try:
        return AdviceDraft.model_validate_json(found)
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
