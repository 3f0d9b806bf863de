"""Output rails: every model answer passes here, section by section, before it is shown.

A verdict names the first rule broken; the pipeline then retries or falls back to the rules.
Checks read the draft's own strings, so a `model_construct`ed draft that skipped pydantic's
validation is refused here too. Verdict reasons name fields, never the text itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import jaconv

from coach.cache import compile_cached
from coach.knowledge import knowledge_base
from coach.schemas import (
    DRAFT_INTENTS,
    MODEL_DECISIONS,
    REASON_IDS,
    SECTION_NAMES,
    AdviceDraft,
    CautionDraft,
    Language,
    ReasonDraft,
    ResponseDraft,
    SectionName,
)
from coach.text import clean, japanese_count, normalize
from guardrails.cuebook import CueError, Family, Group, book, fold_width
from guardrails.pii import contains_url, find_phone_numbers, fold_digits
from guardrails.resources import ALLOWED_NUMBERS

__all__ = [
    "RAIL_NAMES",
    "RailVerdict",
    "SectionName",
    "check_output",
    "check_section",
    "section_texts",
]

RAIL_NAMES = (
    "malformed",
    "unknown_category",
    "empty_content",
    "incoherent",
    "self_harm_encouragement",
    "harmful_advice",
    "insult",
    "prompt_leak",
    "link_or_markup",
    "unknown_phone",
    "wrong_language",
    "semantic_harm",
)
"""Stable verdict ids, in the order the rails run (`incoherent` and `semantic_harm` also come
from the semantic rails, after these)."""

_LEAK_CHARS = 40
_LEAK_WORDS = 12
_MIN_SUMMARY = {"ja": 6, "en": 15}
_ECHO_GRAM = 4
_ECHO_MIN_CHARS = 16
_ECHO_SHARE = 0.8
"""A field whose 4-character runs come from the user's message at least this much is the
message handed back, not advice about it (a draft may still quote a line of theirs)."""


@dataclass(frozen=True, slots=True)
class RailVerdict:
    name: str
    """One of `RAIL_NAMES`."""
    reason: str
    """Which field broke which rule, in words; never the text itself."""
    family: str = ""
    """The cue family that fired (`harmful.watching`), where a cue decided."""


def _cues(group: str) -> Group:
    """A group of `guardrails/cues/output.toml`, read on the first answer: an offline turn
    never loads the output cues."""
    return book("output").group(group)


# --- Placeholders and empty content. ------------------------------------------------------

_PLACEHOLDER_WORDS = frozenset(
    {
        "string",
        "str",
        "text",
        "todo",
        "tbd",
        "tba",
        "n/a",
        "na",
        "none",
        "null",
        "nil",
        "undefined",
        "summary",
        "approach",
        "reply",
        "replies",
        "point",
        "points",
        "reason",
        "response",
        "caution",
        "example",
        "sample",
        "placeholder",
        "xxx",
        "test",
        "要約",
        "理由",
        "返信",
        "返信文",
        "注意点",
        "未定",
        "テキスト",
        "なし",
        "ここに入力",
    }
)


# --- Not prose: punctuation soup, a lone letter, a schema's own words. ----------------------

_MIN_LETTERS = {"ja": 3, "en": 4}
_REPEAT_MIN = 8
_VARIETY_MIN = 16
_VARIETY = 0.35
"""A text of 16 characters or more whose distinct three-character runs are fewer than this
share of all its runs is one short unit said over and over ("よろしくよろしく…")."""
_OPEN_END = {
    "ja": compile_cached(r"(?:[、,]|が|を|(?<!も)の)$"),
    "en": compile_cached(
        r"(?:,|\b(?:a|an|the|to|of|and|or|but|so|that|which|for|with|is|are|if|because|as))$"
    ),
}
"""How a clause that stops half-way ends: on a comma, a case particle or a function word."""
_SHORT_OPEN_END = compile_cached(r"(?:は|に|で|(?<!こ)と|も|へ|から|けど|ので)$")
"""Japanese advice points often end on で or から by design ("短めの時間から"); only a short
text ending so is a clause cut off ("なので返信は")."""
_SHORT_CLAUSE = 12
_SENTENCE_MARK = compile_cached(r"[。.!?！？]")


@lru_cache(maxsize=1)
def _schema_words() -> frozenset[str]:
    """The schema's descriptions and key names: a model that echoes them wrote no advice."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description" and isinstance(value, str):
                    found.add(normalize(value).rstrip(". "))
                elif key == "properties" and isinstance(value, dict):
                    found.update(normalize(k) for k in value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(AdviceDraft.model_json_schema())
    return frozenset(w for w in found if w)


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _not_prose(text: str, language: Language) -> bool:
    """Too few letters to be a sentence, mostly symbols, one character repeated, or an echo."""
    visible = [ch for ch in text if not ch.isspace()]
    letters = _letters(text)
    if letters < _MIN_LETTERS[language] or letters < 0.5 * len(visible):
        return True
    if len(visible) >= _REPEAT_MIN and len(set(visible)) <= 2:
        return True
    if _monotonous(visible):
        return True
    return normalize(text).strip(" .。!！?？\"'「」") in _schema_words()


def _monotonous(visible: Sequence[str]) -> bool:
    if len(visible) < _VARIETY_MIN:
        return False
    runs = len(visible) - 2
    distinct = {"".join(visible[i : i + 3]) for i in range(runs)}
    return len(distinct) < _VARIETY * runs


def _unfinished(text: str, language: Language) -> bool:
    """Advice prose that stops mid-clause with no sentence before it: "気をつけたいのは",
    "So the best way to". Drafts are exempt: a casual message may trail off."""
    folded = normalize(text).strip()
    if _SENTENCE_MARK.search(folded):
        return False
    if _OPEN_END[language].search(folded.lower()):
        return True
    return language == "ja" and len(folded) < _SHORT_CLAUSE and bool(_SHORT_OPEN_END.search(folded))


def _placeholder(text: str) -> str | None:
    """None for real text; else the cue family that read it as a template ("" for a bare
    placeholder word), so the verdict names the rule like every other cue verdict."""
    folded = normalize(text).strip()
    if folded in _PLACEHOLDER_WORDS or folded.rstrip(".。:：0123456789 ") in _PLACEHOLDER_WORDS:
        return ""
    found = _cues("placeholder").search(folded)
    return None if found is None else found[0].id


# --- Harm: sentence by sentence, so a warning against a behaviour is not read as advice. --


_SENTENCE = compile_cached(r"(?<=[。！？!?\n])|(?<=[.;])\s+")
_CLAUSE_END = compile_cached("が、|けど|けれど|ので、|から、|のに|ておけば|[,，]")
"""Where a Japanese negation stops reaching back: a turn of thought, not a listing 「〜たり、」;
「〜しておけば、…しない」 promises an outcome and does not take the advice back."""
_CLAUSE_CHARS = 40


def _warned_against(sentence: str, found: re.Match[str]) -> bool:
    """English negates before the verb ("don't…"), Japanese after it, up to a "but" or "so"."""
    false_negation = _cues("false_negation")
    before = false_negation.sub(" ", jaconv.kata2hira(sentence[: found.start()]))
    after = jaconv.kata2hira(sentence[found.end() :])
    clause = false_negation.sub(" ", _CLAUSE_END.split(after, maxsplit=1)[0][:_CLAUSE_CHARS])
    return bool(
        _cues("negation_before_en").search(before)
        or _cues("negation_after_en").search(after)
        or _cues("negation_ja").search(clause)
    )


def _affirmed(
    group: str, texts: Sequence[str], fold: Callable[[str], str] = normalize
) -> Family | None:
    """The family of a cue that appears somewhere that does not warn against it."""
    cues = _cues(group)
    for text in texts:
        for sentence in _SENTENCE.split(fold(text)):
            for family, found in cues.finditer(sentence):
                if not _warned_against(sentence, found):
                    return family
    return None


def _anywhere(group: str, text: str) -> Family | None:
    found = _cues(group).search(normalize(text))
    return found[0] if found else None


# --- Markup, phone numbers, prompt leaks, language. --------------------------------------

_MARKUP = compile_cached(
    r"!\[[^\]]*\]\([^)]*\)|\[[^\]]+\]\([^)]+\)|<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^>]*)?/?>|"
    r"<!--|javascript:|data:text/html|"
    # Markdown the page would show as raw symbols: headings, bold, bullets, fences, quotes.
    r"^\s{0,3}#{1,6}\s|\*\*[^*\n]+\*\*|__[^_\n]+__|^\s*[-*+]\s+\S|^\s*```|^\s*>\s|^\s*\|.*\|\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_DIAL = compile_cached(
    r"(?:call|text|dial|phone|tel|ring|電話|ダイヤル|番号|窓口)[^\d#＃\n]{0,12}"
    r"([#＃]?\d[\d\-‐() ]{2,}\d)",
    re.IGNORECASE,
)
_SHORT_CODE = compile_cached(r"[#＃]\s?(\d{3,4})")


def _digit_count(text: str) -> int:
    """Short spans after "call" are durations ("call within 24-48 hours"), not numbers."""
    return sum(ch.isdigit() for ch in text)


def _unknown_number(text: str) -> bool:
    text = fold_digits(text)
    dialled = [m.group(1) for m in _DIAL.finditer(text)]
    candidates = [*find_phone_numbers(text), *(n for n in dialled if _digit_count(n) >= 5)]
    candidates += [m.group(1) for m in _SHORT_CODE.finditer(text)]
    for candidate in candidates:
        digits = "".join(ch for ch in candidate if ch.isdigit())
        if digits in ALLOWED_NUMBERS:
            continue
        if len(digits) == 11 and digits.startswith("1") and digits[1:] in ALLOWED_NUMBERS:
            continue
        return True
    return False


def _shingles(text: str) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    folded = normalize(text)
    chars = re.sub(r"\s+", "", folded)
    words = tuple(folded.split())
    char_set = frozenset(chars[i : i + _LEAK_CHARS] for i in range(len(chars) - _LEAK_CHARS + 1))
    word_set = frozenset(words[i : i + _LEAK_WORDS] for i in range(len(words) - _LEAK_WORDS + 1))
    return char_set, word_set


@lru_cache(maxsize=1)
def _advice_shingles() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """The article's advice as the prompt states it: an answer that words a caution the
    way the prompt does is using the knowledge it was given, not revealing instructions."""
    kb = knowledge_base()
    tables = (kb.strategies, kb.cautions, kb.prevention, kb.goals, kb.decisions, kb.intents)
    meanings = [r.meaning for r in kb.reasons.values()]
    meanings += [item.meaning for table in tables for item in table.values()]
    chars: set[str] = set()
    words: set[tuple[str, ...]] = set()
    for copy in (text for meaning in meanings for text in (meaning.ja, meaning.en)):
        c, w = _shingles(copy)
        chars |= c
        words |= w
    return frozenset(chars), frozenset(words)


@lru_cache(maxsize=16)
def _prompt_shingles(system_prompt: str) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """The runs of the prompt an answer must not repeat: its instructions, not its advice."""
    char_set, word_set = _shingles(system_prompt)
    advice_chars, advice_words = _advice_shingles()
    return char_set - advice_chars, word_set - advice_words


def _leaks(text: str, system_prompt: str) -> bool:
    if not system_prompt:
        return False
    char_set, word_set = _prompt_shingles(system_prompt)
    folded = normalize(text)
    chars = re.sub(r"\s+", "", folded)
    if any(chars[i : i + _LEAK_CHARS] in char_set for i in range(len(chars) - _LEAK_CHARS + 1)):
        return True
    words = tuple(folded.split())
    return any(words[i : i + _LEAK_WORDS] in word_set for i in range(len(words) - _LEAK_WORDS + 1))


def _grams(text: str) -> list[str]:
    chars = re.sub(r"[\W_]+", "", normalize(text))
    return [chars[i : i + _ECHO_GRAM] for i in range(len(chars) - _ECHO_GRAM + 1)]


@lru_cache(maxsize=16)
def _situation_grams(situation: str) -> frozenset[str]:
    return frozenset(_grams(situation))


def _echoes(text: str, situation: str) -> bool:
    """Most of the field is the user's own message copied back."""
    grams = _grams(text)
    if not situation or len(grams) < _ECHO_MIN_CHARS:
        return False
    seen = _situation_grams(situation)
    return sum(g in seen for g in grams) >= _ECHO_SHARE * len(grams)


_LATIN_CHAR = compile_cached("[A-Za-z]")


def _scripts(text: str) -> tuple[int, int, int]:
    """Letters of any script, and how many of them are Japanese and Latin."""
    return _letters(text), japanese_count(text), len(_LATIN_CHAR.findall(text))


def _mostly_other(letters: int, japanese: int, latin: int) -> bool:
    """Mostly letters that are neither Japanese nor Latin: Hangul, Cyrillic, Thai, …"""
    return letters - japanese - latin > 0.3 * letters


def _other_script(text: str) -> bool:
    letters, japanese, latin = _scripts(text)
    return letters >= 4 and _mostly_other(letters, japanese, latin)


def _wrong_language(text: str, language: Language) -> bool:
    """Each field on its own, and a section as a whole: mostly another script (Hangul,
    Cyrillic, …), a Japanese answer mostly in Latin letters, an English one with Japanese."""
    letters, japanese, latin = _scripts(text)
    if letters < 8:
        return False
    if _mostly_other(letters, japanese, latin):
        return True
    if language == "ja":
        return japanese < 0.4 * letters
    return japanese >= 3 and japanese > 0.1 * letters


# --- Sections. ----------------------------------------------------------------------------

_EXPECTED: dict[str, type] = {
    "reason": ReasonDraft,
    "response": ResponseDraft,
    "caution": CautionDraft,
}


def _strings(value: object, *, many: bool) -> list[str] | None:
    if not many:
        return [value] if isinstance(value, str) else None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def _fields(name: str, value: object) -> dict[str, list[str]] | None:
    """Each text field of the section as a list of strings; None when the shape is wrong."""
    names = {"reason": ("summary",), "response": ("approach", "replies"), "caution": ("points",)}
    fields: dict[str, list[str]] = {}
    for field in names[name]:
        strings = _strings(getattr(value, field, None), many=field in ("replies", "points"))
        if strings is None:
            return None
        fields[field] = strings
    if name == "response":
        # The decision's one-liners are optional (the rules fill them) but checked when written.
        for field in ("why", "timing"):
            text = getattr(value, field, "")
            if not isinstance(text, str):
                return None
            if text.strip():
                fields[field] = [text]
    return fields


def section_texts(name: str, value: object) -> list[tuple[str, str]]:
    """Every text field of a section with its path (`response.replies[1]`); [] when malformed."""
    fields = _fields(name, value)
    if fields is None:
        return []
    out: list[tuple[str, str]] = []
    for field, strings in fields.items():
        many = field in ("replies", "points")
        out.extend(
            (f"{name}.{field}[{i}]" if many else f"{name}.{field}", text)
            for i, text in enumerate(strings)
        )
    return out


def _shape(name: str, value: object) -> RailVerdict | None:
    if name not in _EXPECTED or not isinstance(value, _EXPECTED[name]):
        return RailVerdict("malformed", f"{name}: not a {name} section")
    if _fields(name, value) is None:
        return RailVerdict("malformed", f"{name}: a text field is missing or not text")
    if name == "response":
        decision = getattr(value, "decision", None)
        intents = getattr(value, "intents", [])
        if decision is not None and decision not in MODEL_DECISIONS:
            return RailVerdict("malformed", "response.decision: not a decision id")
        if not isinstance(intents, list) or any(i not in DRAFT_INTENTS for i in intents):
            return RailVerdict("malformed", "response.intents: not intent ids")
    if name == "reason":
        categories = getattr(value, "categories", None)
        if not isinstance(categories, list) or not 1 <= len(categories) <= 3:
            return RailVerdict("unknown_category", "reason.categories: one to three ids needed")
        if any(not isinstance(c, str) or c not in REASON_IDS for c in categories):
            return RailVerdict("unknown_category", "reason.categories: id outside the taxonomy")
    return None


def _empty(name: str, fields: dict[str, list[str]], language: Language) -> RailVerdict | None:
    limits = {"replies": (1, 3), "points": (1, 5)}
    for field, strings in fields.items():
        low, high = limits.get(field, (1, 1))
        if not low <= len(strings) <= high:
            return RailVerdict("empty_content", f"{name}.{field}: {len(strings)} items")
        for text in strings:
            if (family := _placeholder(text)) is not None:
                reason = f"{name}.{field}: empty or placeholder text"
                return RailVerdict("empty_content", reason, family)

    for field in ("summary", "approach"):
        if field in fields and len(normalize(fields[field][0])) < _MIN_SUMMARY[language]:
            return RailVerdict("empty_content", f"{name}.{field}: too short to say anything")
    return None


def _cue_verdict(family: Family, reason: str) -> RailVerdict:
    if family.rail not in RAIL_NAMES:
        raise CueError(f"output.toml: family {family.id!r} names no output rail")
    return RailVerdict(family.rail, reason, family.id)


def _content(
    name: str, texts: Sequence[str], language: Language, system_prompt: str
) -> RailVerdict | None:
    joined = "\n".join(texts)
    if family := _anywhere("encourages_self_harm", joined):
        return _cue_verdict(family, f"{name}: encourages self-harm")
    if family := _affirmed("hopeless", texts):
        return _cue_verdict(family, f"{name}: presses hopelessness")
    if family := _affirmed("harmful", texts):
        return _cue_verdict(family, f"{name}: advises stalking, pressure or retaliation")
    if family := _affirmed("insult", texts, fold_width):
        return _cue_verdict(family, f"{name}: insulting wording")
    if _leaks(joined, system_prompt):
        return RailVerdict("prompt_leak", f"{name}: repeats part of the system prompt")
    shown = clean(joined)
    if contains_url(shown) or _MARKUP.search(shown):
        return RailVerdict("link_or_markup", f"{name}: link, image or markup")
    if _unknown_number(shown):
        return RailVerdict("unknown_phone", f"{name}: phone number not in the resources table")
    if _wrong_language(joined, language):
        return RailVerdict("wrong_language", f"{name}: not written in {language}")
    return None


def check_section(
    name: SectionName,
    value: ReasonDraft | ResponseDraft | CautionDraft,
    *,
    language: Language,
    system_prompt: str,
    situation: str = "",
) -> RailVerdict | None:
    """The first rail one section breaks, or None: lets a streamed section show at once."""
    return _check_section(name, value, language, system_prompt, situation)


def _check_section(
    name: str, value: object, language: Language, system_prompt: str, situation: str = ""
) -> RailVerdict | None:
    shape = _shape(name, value)
    if shape is not None:
        return shape
    fields = _fields(name, value)
    assert fields is not None  # checked by _shape
    empty = _empty(name, fields, language)
    if empty is not None:
        return empty
    texts = [text for strings in fields.values() for text in strings]
    content = _content(name, texts, language, system_prompt)
    if content is not None:
        return content
    for field, strings in fields.items():
        if any(_not_prose(s, language) for s in strings):
            return RailVerdict("incoherent", f"{name}.{field}: not a sentence of advice")
        if any(_echoes(s, situation) for s in strings):
            return RailVerdict("incoherent", f"{name}.{field}: hands the user's message back")
        if field == "replies":
            # A draft may mix in the other person's language; another script it may not.
            if any(_other_script(s) for s in strings):
                return RailVerdict("wrong_language", f"{name}.{field}: another script")
            continue
        if any(_wrong_language(s, language) for s in strings):
            return RailVerdict("wrong_language", f"{name}.{field}: not written in {language}")
        if any(_unfinished(s, language) for s in strings):
            return RailVerdict("incoherent", f"{name}.{field}: stops in the middle of a clause")
    return None


def _repeated(draft: AdviceDraft) -> bool:
    """The same text filling several fields: a model echoing a template, not advising."""
    texts = [draft.reason.summary, draft.response.approach]
    texts += [*draft.response.replies, *draft.caution.points]
    counts = Counter(normalize(t) for t in texts)
    folded_summary = normalize(draft.reason.summary)
    return counts.most_common(1)[0][1] >= 3 or folded_summary == normalize(draft.response.approach)


def check_output(
    draft: AdviceDraft, *, language: Language, system_prompt: str, situation: str = ""
) -> RailVerdict | None:
    """Every section, then whole-answer checks: the first rail broken, or None."""
    if not isinstance(draft, AdviceDraft):
        return RailVerdict("malformed", "answer: not an advice draft")
    for name in SECTION_NAMES:
        value = getattr(draft, name, None)
        verdict = _check_section(name, value, language, system_prompt, situation)
        if verdict is not None:
            return verdict
    if _repeated(draft):
        return RailVerdict("empty_content", "answer: the same text fills several fields")
    all_text = "\n".join(
        [
            draft.reason.summary,
            draft.response.why,
            draft.response.timing,
            draft.response.approach,
            *draft.response.replies,
            *draft.caution.points,
        ]
    )
    if _wrong_language(all_text, language):
        return RailVerdict("wrong_language", f"answer: not written in {language}")
    if _leaks(all_text, system_prompt):
        return RailVerdict("prompt_leak", "answer: repeats part of the system prompt")
    return None
