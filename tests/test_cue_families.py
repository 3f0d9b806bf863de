"""Every cue family's own examples, run through the real rails: the cue floor, not the heads.

A family in `guardrails/cues/*.toml` lists the texts it must read as its own (`hit`) and the
texts near its words it must not (`miss`). The rules per book:

- safety: a hit gets the family's level and exactly its flags, and `cue_family` names it; a
  `figurative` hit gets no level and is blanked by this family first; an `about_other` hit is
  a danger text answered for a worried friend, an `about_self` hit one answered for the user
  (neither names a level: they say whose danger it is). A miss is not decided by
  the family (nor blanked by it, for `figurative`); and either it is an ordinary text, with no
  level and none of the family's flags, or the family that decides it lists it as a hit, so
  what it gives is pinned there.
- injection: a hit is flagged, is found by this family first, and reads as no danger; a miss
  is not flagged.
- topic: an `off_topic` hit is off-topic and found by this family first; an `on_topic` hit
  keeps a clear off-topic request beside it on topic. A miss is not matched by the family, and
  an `off_topic` miss is not off-topic.
- output: a hit, as a caution point of a good answer, is stopped by the family's rail with the
  family named; a `negation` hit is a warning that passes and is stopped once the family's
  words are taken out; a `negation.false` hit is an encouragement dressed as a negation that
  still stops. Every miss passes.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from coach.schemas import OFF_TOPIC_FLAG, SAFETY_LEVELS, AdviceDraft
from coach.text import detect_language, normalize
from guardrails.cuebook import Family, book
from guardrails.injection import INJECTION_FLAG
from guardrails.input_rails import DANGER_OTHER_FLAG, check_input
from guardrails.output_rails import RAIL_NAMES, RailVerdict, check_output
from guardrails.patterns import LEVEL_GROUPS, danger_to_other
from guardrails.topic import is_off_topic

BOOKS = ("safety", "injection", "topic", "output")
SAFETY = book("safety")
SAFETY_FLAGS = frozenset(flag for family in SAFETY.families.values() for flag in family.flags)
NEGATION_GROUPS = ("false_negation", "negation_before_en", "negation_after_en", "negation_ja")
OFF_TOPIC_REQUEST = "明日の東京の気温を教えて"
WHOSE_GROUPS = ("about_other", "about_self")


def _families(*names: str) -> list[Family]:
    return [family for name in names for family in book(name).families.values()]


def _examples(name: str, kind: str) -> list[Any]:
    """One case per example, named by family, kind and index (`self_harm.wish-hit3`)."""
    return [
        pytest.param(family, text, id=f"{family.id}-{kind}{index}")
        for family in book(name).families.values()
        for index, text in enumerate(family.hit if kind == "hit" else family.miss)
    ]


def _first(name: str, family: Family, text: str) -> bool:
    """True when `family` is the first of its group to match: the one a hit names."""
    found = book(name).group(family.group).search(normalize(text))
    return found is not None and found[0] is family


# --- The books themselves. ----------------------------------------------------------------


@pytest.mark.parametrize("family", _families(*BOOKS), ids=lambda f: f.id)
def test_every_family_compiles_and_has_a_hit(family: Family) -> None:
    assert family.compiled.pattern
    assert family.glued.pattern
    assert family.hit, "every family shows at least one text it reads"


def test_family_ids_are_unique_across_books() -> None:
    ids = [family.id for family in _families(*BOOKS)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("family", _families("safety"), ids=lambda f: f.id)
def test_safety_families_name_a_safety_level(family: Family) -> None:
    assert family.level is None or family.level in SAFETY_LEVELS
    if family.group in (*LEVEL_GROUPS, "coercion"):
        assert family.level not in (None, "none")


@pytest.mark.parametrize("family", _families("output"), ids=lambda f: f.id)
def test_output_families_name_an_output_rail(family: Family) -> None:
    if family.group in NEGATION_GROUPS:
        assert family.rail is None
    else:
        assert family.rail in RAIL_NAMES


@pytest.mark.parametrize("family", _families("injection", "topic"), ids=lambda f: f.id)
def test_input_flag_families_name_their_flag(family: Family) -> None:
    expected = {"injection": INJECTION_FLAG, "off_topic": OFF_TOPIC_FLAG, "on_topic": None}
    assert family.rail == expected[family.group]


# --- Safety. ------------------------------------------------------------------------------


@pytest.mark.parametrize(("family", "text"), _examples("safety", "hit"))
def test_safety_hit(family: Family, text: str) -> None:
    report = check_input(text)
    if family.group == "figurative":
        _, blanked_by = SAFETY.group("figurative").blank(normalize(text))
        assert report.level == "none"
        assert blanked_by is family
        return
    if family.group in WHOSE_GROUPS:
        assert _first("safety", family, text)
        assert report.level in ("violence", "stalking")
        friend = family.group == "about_other"
        assert danger_to_other(normalize(text)) is friend
        assert (DANGER_OTHER_FLAG in report.flags) is friend
        return
    assert report.cue_family == family.id
    assert report.level == (family.level or "none")
    assert {flag for flag in report.flags if flag in SAFETY_FLAGS} == set(family.flags)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("昔リスカしてた。今は落ち着いてるけど、またやりたくなってる", "self_harm"),
        ("十代の頃ODしてた。今は回復したけど、また薬をためてる", "self_harm"),
        ("10年前に元彼に殴られてたけど、離婚して平和だった。昨日また家の前にいた", "violence"),
        ("友達が言うには、元彼が私の家の前で待ち伏せしてたらしい", "stalking"),
        ("友達が元カレにつきまとわれてて、最近は私まで跡をつけられてる", "stalking"),
        ("My friend was stalked by her ex. Now he keeps following me home too", "stalking"),
    ],
)
def test_a_blanked_past_or_third_party_does_not_hide_the_users_danger(
    text: str, level: str
) -> None:
    """A resolved past is blanked only when nothing after it says it is back; what happened
    to a friend is blanked, the same words about the user are not."""
    assert check_input(text).level == level


@pytest.mark.parametrize(("family", "text"), _examples("safety", "miss"))
def test_safety_miss(family: Family, text: str) -> None:
    if family.group in WHOSE_GROUPS:
        assert family.search(normalize(text)) is None
        return
    report = check_input(text)
    assert report.cue_family != family.id
    if family.group == "figurative":
        assert family.search(normalize(text)) is None
    decided = SAFETY.families.get(report.cue_family)
    if decided is not None and text in decided.hit:
        return
    assert report.level == "none"
    assert not set(family.flags) & set(report.flags)


# --- Injection and topic. -----------------------------------------------------------------


@pytest.mark.parametrize(("family", "text"), _examples("injection", "hit"))
def test_injection_hit(family: Family, text: str) -> None:
    report = check_input(text)
    assert INJECTION_FLAG in report.flags
    assert _first("injection", family, text)
    assert report.level == "none", "an attack alone reads as no danger"


@pytest.mark.parametrize(("family", "text"), _examples("injection", "miss"))
def test_injection_miss(family: Family, text: str) -> None:
    assert INJECTION_FLAG not in check_input(text).flags


def test_the_off_topic_request_beside_on_topic_hits_is_off_topic_alone() -> None:
    assert is_off_topic(normalize(OFF_TOPIC_REQUEST))


@pytest.mark.parametrize(("family", "text"), _examples("topic", "hit"))
def test_topic_hit(family: Family, text: str) -> None:
    assert _first("topic", family, text)
    if family.group == "off_topic":
        assert is_off_topic(normalize(text))
        assert OFF_TOPIC_FLAG in check_input(text).flags
    else:
        assert not is_off_topic(normalize(f"{OFF_TOPIC_REQUEST} {text}"))
        assert not is_off_topic(normalize(f"{text} {OFF_TOPIC_REQUEST}"))


@pytest.mark.parametrize(("family", "text"), _examples("topic", "miss"))
def test_topic_miss(family: Family, text: str) -> None:
    assert family.search(normalize(text)) is None
    if family.group == "off_topic":
        assert OFF_TOPIC_FLAG not in check_input(text).flags
    else:
        assert is_off_topic(normalize(f"{OFF_TOPIC_REQUEST} {text}"))


# --- Output. ------------------------------------------------------------------------------

_PROMPT = (
    "You coach people whose contact went quiet and then wrote again. Keep answers warm and short, "
    "pick reason ids only from the list, and write the drafts in the user's own language."
)
_ANSWERS: dict[str, dict[str, Any]] = {
    "ja": {
        "reason": {
            "summary": "転職や引っ越しが落ち着いて、連絡する余裕ができたのかもしれません。",
            "categories": ["other_priority"],
        },
        "response": {
            "approach": "近況を喜ぶ一言から始めて、話したくなるまで待ちましょう。",
            "replies": ["連絡ありがとう!新しい生活はどう?"],
        },
        "caution": {"points": ["また急に途切れても、自分を責めないでください。"]},
    },
    "en": {
        "reason": {
            "summary": "An exam season or a new job may have taken all their attention.",
            "categories": ["other_priority"],
        },
        "response": {
            "approach": "Start with something warm and light, then ask how they have been.",
            "replies": ["So good to hear from you! What have you been up to?"],
        },
        "caution": {"points": ["If the gaps return, it's fine to say that they worry you."]},
    },
}
_CUE_RAIL_FAMILIES = frozenset(f.id for f in _families("output") if f.rail is not None)


def _answer(point: str) -> RailVerdict | None:
    """The verdict on a good answer, in the point's language, with `point` as its caution."""
    language = detect_language(point)
    data = copy.deepcopy(_ANSWERS[language])
    data["caution"]["points"] = [point]
    draft = AdviceDraft.model_validate(data)
    return check_output(draft, language=language, system_prompt=_PROMPT)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_answer_around_the_examples_passes(language: str) -> None:
    draft = AdviceDraft.model_validate(_ANSWERS[language])
    assert check_output(draft, language=language, system_prompt=_PROMPT) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(("family", "text"), _examples("output", "hit"))
def test_output_hit(family: Family, text: str) -> None:
    verdict = _answer(text)
    if family.group in ("negation_before_en", "negation_after_en", "negation_ja"):
        assert verdict is None, "a warning against the behaviour passes"
        unwarned = _answer(family.sub(" ", normalize(text)))
        assert unwarned is not None and unwarned.family in _CUE_RAIL_FAMILIES
        return
    assert verdict is not None
    if family.group == "false_negation":
        assert family.search(normalize(text)) is not None
        assert verdict.family in _CUE_RAIL_FAMILIES
        return
    assert (verdict.family, verdict.name) == (family.id, family.rail)


@pytest.mark.parametrize(("family", "text"), _examples("output", "miss"))
def test_output_miss(family: Family, text: str) -> None:
    assert _answer(text) is None


def test_what_they_might_do_said_as_an_if_passes_but_advice_to_do_it_does_not() -> None:
    assert _answer("If he starts to threaten you, stop replying and save the messages.") is None
    assert _answer("If she ignores you, threaten to post the photos.") is not None
