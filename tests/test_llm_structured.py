"""Schemas the endpoints accept, and JSON read back from what models actually write."""

from __future__ import annotations

import json
from typing import Any

import pytest

from coach.llm import FALLBACK_REASONS, describe_reason, redact
from coach.schemas import AdviceDraft
from coach.structured import (
    DraftError,
    SectionScanner,
    draft_schema,
    extract_json,
    parse_draft,
    strict_schema,
)
from tests.fake_openai import GOOD_DRAFT

GOOD = json.dumps(GOOD_DRAFT, ensure_ascii=False)


def _objects(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append(node)
        for value in node.values():
            found += _objects(value)
    elif isinstance(node, list):
        for value in node:
            found += _objects(value)
    return found


def test_strict_schema_requires_every_field_and_forbids_extras() -> None:
    schema = strict_schema()
    objects = _objects(schema)
    assert len(objects) == 5
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert sorted(obj["required"]) == sorted(obj["properties"])
    text = json.dumps(schema)
    assert "$ref" not in text and "minLength" not in text and "maxItems" not in text


def test_schema_keeps_the_section_order_so_streams_open_with_the_risk_read() -> None:
    for schema in (strict_schema(), draft_schema()):
        assert list(schema["properties"]) == ["risk", "reason", "response", "caution"]
    assert strict_schema()["required"] == ["risk", "reason", "response", "caution"]
    assert draft_schema()["required"] == ["risk", "reason", "response", "caution"]


def test_full_schema_keeps_lengths_for_grammar_servers() -> None:
    text = json.dumps(draft_schema())
    assert "$ref" not in text
    assert '"maxItems": 3' in text


@pytest.mark.parametrize(
    "content",
    [
        GOOD,
        f"```json\n{GOOD}\n```",
        f"Sure! Here is the advice:\n{GOOD}\nHope it helps {{really}}.",
        f"```\n{GOOD}\n```",
    ],
)
def test_parse_draft_finds_the_answer(content: str) -> None:
    assert parse_draft(content) == AdviceDraft.model_validate(GOOD_DRAFT)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("no json at all", "no JSON object"),
        ('{"reason": {"summary": "x", "categories": ["nope"]}}', "reason.categories"),
        ("{unbalanced", "no JSON object"),
    ],
)
def test_parse_draft_explains_what_is_wrong(content: str, fragment: str) -> None:
    with pytest.raises(DraftError, match=fragment):
        parse_draft(content)


def test_extract_json_skips_braces_inside_strings() -> None:
    text = 'x {"a": "}{", "b": {"c": "\\"}"}} tail }'
    assert json.loads(extract_json(text) or "") == {"a": "}{", "b": {"c": '"}'}}


@pytest.mark.parametrize("size", [1, 2, 5, 13, 1000])
def test_section_scanner_reports_each_section_once_as_it_closes(size: int) -> None:
    text = "prefix " + GOOD
    scanner = SectionScanner()
    seen: list[tuple[str, str]] = []
    for i in range(0, len(text), size):
        seen += scanner.feed(text[i : i + size])
    assert [name for name, _ in seen] == ["risk", "reason", "response", "caution"]
    for name, raw in seen:
        assert json.loads(raw) == GOOD_DRAFT[name]


def test_section_scanner_ignores_nested_keys_named_like_sections() -> None:
    text = '{"note": {"reason": {"x": 1}}, "reason": {"summary": "s", "categories": ["busy"]}}'
    assert [name for name, _ in SectionScanner().feed(text)] == ["reason"]


def test_every_reason_has_both_languages() -> None:
    for reason in [*FALLBACK_REASONS, "output_rail:blame"]:
        ja, en = describe_reason(reason)
        assert ja and en


def test_redact_hides_keys_and_bearer_tokens() -> None:
    assert "sk-abc" not in redact("Incorrect API key provided: sk-abc123456789")
    assert "tok" not in redact("Authorization: Bearer tok-1234")
