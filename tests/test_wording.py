"""The wording file: every key has both languages, every key the code uses exists, every key
in the file is used, and support numbers come only from the resources table."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast, get_args

import pytest

import coach.wording as wording
from coach import disclaimer, fallback_note, heading, source_badge
from coach.conversation import ChatEntry
from coach.errors import (
    FALLBACK_REASONS,
    INPUT_CODES,
    MAX_INPUT_CHARS,
    CoachUnavailable,
    InvalidInput,
    InvalidSettings,
    describe_reason,
)
from coach.events import SectionName, Status
from coach.export import to_markdown
from coach.messages import HeadingName
from coach.schemas import Language, Mode, SafetyLevel, Source
from coach.wording import LANGUAGES, keys, phrase, phrases
from guardrails.cuebook import book
from guardrails.input_rails import DANGER_HISTORY_FLAG, DANGER_OTHER_FLAG, InputReport
from guardrails.resources import ALLOWED_NUMBERS, SUPPORT_NUMBERS
from guardrails.safety import (
    CHECK_IN_FLAG,
    SAFETY_CHECK_IN_FLAG,
    SELF_HARM_OTHER_FLAG,
    STALKING_BY_USER_FLAG,
    VIOLENCE_BY_USER_FLAG,
    apply_input_flags,
    off_topic_advice,
    safety_advice,
)
from tests.fake_openai import fake_coach

_ROOT = Path(__file__).resolve().parent.parent
_CODE = sorted([*(_ROOT / "coach").glob("*.py"), *(_ROOT / "guardrails").glob("*.py")])
_CODE.append(_ROOT / "app.py")
_LITERAL_KEY = re.compile(r"""\b(?:phrases?|both)\(\s*(["'])([^"'{}]+)\1""")
_FIELD = re.compile(r"\{(\w*)\}")
_FIELDS = {
    **SUPPORT_NUMBERS,
    "max_chars": 4000,
    "length": 4100,
    "names": "COACH_MODEL",
    "model": "m",
}
"""Every field a caller fills: the support numbers, the three error details and the model a
connection test reached."""
_RAILS = (
    "wrong_language",
    "empty_content",
    "malformed",
    "unknown_category",
    "prompt_leak",
    "link_or_markup",
    "unknown_phone",
    "self_harm",
)


def _source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _literal_keys() -> dict[str, str]:
    """Key -> the file that names it, for every `phrase("…")`, `phrases("…")` or `both("…")`."""
    found: dict[str, str] = {}
    for path in _CODE:
        for match in _LITERAL_KEY.finditer(_source(path)):
            found.setdefault(match.group(2), path.name)
    return found


def _value(key: str, language: Language) -> str | tuple[str, ...]:
    try:
        return phrase(key, language, **_FIELDS)
    except TypeError:
        return phrases(key, language, **_FIELDS)


def _all_texts() -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for key in sorted(keys()):
        for language in LANGUAGES:
            value = wording._value(key, language)
            texts += [(key, v) for v in ((value,) if isinstance(value, str) else value)]
    return texts


def test_every_key_has_japanese_and_english_text() -> None:
    assert len(keys()) > 100
    for key in keys():
        ja, en = _value(key, "ja"), _value(key, "en")
        assert type(ja) is type(en), key
        for text in (ja,) if isinstance(ja, str) else ja:
            assert text.strip(), key
        for text in (en,) if isinstance(en, str) else en:
            assert text.strip(), key


def test_a_file_without_both_languages_is_refused_at_load() -> None:
    with pytest.raises(ValueError, match="exactly ja and en"):
        wording._flatten({"page": {"title": {"ja": "音信不通コーチ"}}})
    with pytest.raises(ValueError, match="both be text or both lists"):
        wording._flatten({"page": {"title": {"ja": "x", "en": ["y"]}}})
    with pytest.raises(ValueError, match="not a table"):
        wording._flatten({"page": {"title": "Reconnect Coach"}})
    assert wording._flatten({"a": {"b": {"ja": "x", "en": "y"}}}) == {"a.b": {"ja": "x", "en": "y"}}


def test_a_missing_key_language_or_field_fails_loudly() -> None:
    with pytest.raises(KeyError, match=r"no wording for 'page\.nope'"):
        phrase("page.nope", "ja")
    with pytest.raises(KeyError, match="no 'fr' wording"):
        phrase("page.title", "fr")  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="names"):
        phrase("error.settings", "en")
    with pytest.raises(TypeError, match="phrases"):
        phrase("page.example_situations", "en")
    with pytest.raises(TypeError, match="phrase"):
        phrases("page.title", "en")


def test_every_key_named_in_the_code_exists() -> None:
    literal = _literal_keys()
    assert "page.title" in literal and "stage.switching" in literal  # the scan sees the code
    missing = {key: where for key, where in literal.items() if key not in keys()}
    assert missing == {}


def _stage_keys() -> set[str]:
    """Progress stages: the literal `_status("…")` calls and one per streamed section."""
    calls = re.findall(r"\b_status\(([^)]*)\)", _source(_ROOT / "coach" / "pipeline.py"))
    named = {name for call in calls for name in re.findall(r'"(\w+)"', call)}
    named |= {f"drafted_{name}" for name in get_args(SectionName)}
    assert {"checking", "calling_model", "drafted_reason"} <= named
    return {f"stage.{stage}" for stage in named}


def _exercise_everything() -> None:
    """Every path that picks a key at run time, each member of each family once."""
    for language in LANGUAGES:
        for name in get_args(HeadingName):
            heading(name, language)
        for source in get_args(Source):
            source_badge(source, language)
        fallback_note("timeout", language)
        disclaimer(language)
        for level in get_args(SafetyLevel):
            for flags in (
                (),
                (VIOLENCE_BY_USER_FLAG,),
                (STALKING_BY_USER_FLAG,),
                (DANGER_HISTORY_FLAG,),
                (VIOLENCE_BY_USER_FLAG, DANGER_HISTORY_FLAG),
                (STALKING_BY_USER_FLAG, DANGER_HISTORY_FLAG),
                (SELF_HARM_OTHER_FLAG,),
                (DANGER_OTHER_FLAG,),
                (DANGER_OTHER_FLAG, DANGER_HISTORY_FLAG),
            ):
                report = InputReport("x", "x", language, level, flags)
                safety_advice(report)
                off_topic_advice(report)
        for family in book("safety").families.values():
            if family.level in ("violence", "stalking"):
                level = cast(SafetyLevel, family.level)
                cue = InputReport(
                    "x", "x", language, level, family.flags, "cue", cue_family=family.id
                )
                safety_advice(cue)
        base = safety_advice(InputReport("x", "x", language, "self_harm", ()))
        both = InputReport("x", "x", language, "none", (CHECK_IN_FLAG, SAFETY_CHECK_IN_FLAG))
        apply_input_flags(base, both)
        entries = [
            ChatEntry(user="u", advice=base),
            ChatEntry(user="v", error_ja="e", error_en="e"),
        ]
        entries[0].rating, entries[1].rating = "up", "down"
        to_markdown(entries, language=language)
    for reason in (*FALLBACK_REASONS, "no_such_reason", *(f"output_rail:{r}" for r in _RAILS)):
        describe_reason(reason)
        CoachUnavailable(reason)
    for code in INPUT_CODES:
        InvalidInput(code)
    InvalidInput("too_long", length=MAX_INPUT_CHARS + 1)
    InvalidSettings(["COACH_MODEL"])


def test_every_key_in_the_file_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """No wording is dead: each key is named in the code or reached by a run-time family."""
    looked_up: set[str] = set()
    real = wording._value

    def recording(key: str, language: Language) -> Any:
        looked_up.add(key)
        return real(key, language)

    monkeypatch.setattr(wording, "_value", recording)
    _exercise_everything()
    modes = {f"page.modes.{mode}" for mode in get_args(Mode)}
    used = looked_up | set(_literal_keys()) | _stage_keys() | modes
    assert set(keys()) - used == set()
    assert used - set(keys()) == set()


def test_no_sentence_writes_a_support_number_itself() -> None:
    """Numbers come from the resources table through `{fields}`; a digit run in the file that
    is a support number would be a copy that can drift."""
    for key, text in _all_texts():
        assert set(_FIELD.findall(text)) <= set(_FIELDS), key
        bare = _FIELD.sub("", text)
        for run in re.findall(r"\d[\d-]*\d|\d", bare):
            digits = run.replace("-", "")
            assert digits not in ALLOWED_NUMBERS, (key, run)
            assert not any(digits in number for number in ALLOWED_NUMBERS if len(digits) > 2), (
                key,
                run,
            )


def test_safety_answers_name_the_numbers_of_the_resources_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(SUPPORT_NUMBERS, "emergency", "000")
    monkeypatch.setitem(SUPPORT_NUMBERS, "police", "999")
    en = safety_advice(InputReport("x", "x", "en", "violence", ()))
    ja = safety_advice(InputReport("x", "x", "ja", "violence", ()))
    assert "call 000." in en.response.approach
    assert "911" not in en.response.approach
    assert "999番へ" in ja.response.approach
    assert "call 999 (police) or 119 (ambulance) in Japan, 000 in the US." in disclaimer("en")


def test_the_stages_the_stream_reports_all_have_wording() -> None:
    coach, _ = fake_coach()
    events = coach.stream("半年ぶりに友達から連絡が来た", mode="offline")
    statuses = [event for event in events if isinstance(event, Status)]
    assert statuses
    for status in statuses:
        assert status.message_ja == phrase(f"stage.{status.stage}", "ja")
        assert status.message_en == phrase(f"stage.{status.stage}", "en")
