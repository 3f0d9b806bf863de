from __future__ import annotations

import pytest

from coach.knowledge import Cue, _received, knowledge, knowledge_base, label
from coach.schemas import CAUTION_IDS, PREVENTION_IDS, REASON_IDS, STRATEGY_IDS
from coach.text import contains_japanese, normalize


@pytest.mark.parametrize(
    ("kind", "ids"),
    [
        ("reasons", REASON_IDS),
        ("strategies", STRATEGY_IDS),
        ("cautions", CAUTION_IDS),
        ("prevention", PREVENTION_IDS),
    ],
)
def test_every_taxonomy_id_has_labels_in_both_languages(kind: str, ids: tuple[str, ...]) -> None:
    assert set(knowledge()[kind]) == set(ids)
    for item_id in ids:
        assert label(kind, item_id, "ja")  # type: ignore[arg-type]
        assert label(kind, item_id, "en")  # type: ignore[arg-type]


def _all_cues() -> tuple[Cue, ...]:
    return knowledge_base().matcher.cues


def test_reasons_carry_explanations_and_valid_links() -> None:
    kb = knowledge_base()
    assert tuple(kb.reasons) == REASON_IDS
    for reason in kb.reasons.values():
        for text in (reason.meaning, reason.explanation, reason.reading, reason.label):
            assert contains_japanese(text.ja) and not contains_japanese(text.en), reason.id
        assert reason.strategies and set(reason.strategies) <= set(STRATEGY_IDS)
        assert reason.cautions and set(reason.cautions) <= set(CAUTION_IDS)
        assert reason.prevention and set(reason.prevention) <= set(PREVENTION_IDS)
        assert reason.drafts and set(reason.drafts) <= set(kb.drafts)


def test_items_have_advice_in_both_languages() -> None:
    kb = knowledge_base()
    for items in (kb.strategies, kb.cautions, kb.prevention):
        for item in items.values():
            assert all(contains_japanese(line) for line in item.lines("ja")), item.id
            assert item.lines("en") and not any(contains_japanese(x) for x in item.lines("en"))


def test_drafts_are_short_and_in_their_language() -> None:
    for key, draft in knowledge_base().drafts.items():
        text = draft.text
        assert contains_japanese(text.ja) and len(text.ja) <= 70, key
        assert not contains_japanese(text.en) and len(text.en) <= 160, key
        assert "http" not in text.en and "http" not in text.ja


def test_every_reason_and_signal_has_cues_in_both_languages() -> None:
    by_owner: dict[str, set[bool]] = {}
    for cue in _all_cues():
        by_owner.setdefault(cue.owner, set()).add(contains_japanese(cue.source))
    assert set(by_owner) == set(REASON_IDS) | set(knowledge_base().signals)
    assert all(kinds == {True, False} for kinds in by_owner.values()), by_owner


def test_every_cue_finds_itself() -> None:
    """A cue that cannot match (normalisation, boundaries, negation) would be dead weight."""
    matcher = knowledge_base().matcher
    dead = []
    for cue in _all_cues():
        text = normalize(f"。{cue.source.rstrip('*')}。")
        if not any(hit.cue.owner == cue.owner for hit in matcher.find(text)):
            dead.append(cue.source)
    assert not dead


def test_cues_are_unique_per_owner() -> None:
    seen: dict[tuple[str, str], str] = {}
    duplicates = []
    for cue in _all_cues():
        key = (cue.owner, cue.needle)
        if key in seen:
            duplicates.append((cue.owner, cue.source, seen[key]))
        seen[key] = cue.source
    assert not duplicates


def test_matching_ignores_script_and_width() -> None:
    matcher = knowledge_base().matcher
    spellings = ["インスタ見た", "いんすた見た", "ｲﾝｽﾀ見た"]
    found = [{h.cue.source for h in matcher.find(normalize(s))} for s in spellings]
    assert found[0] == found[1] == found[2] and found[0]


def test_english_cues_respect_word_boundaries() -> None:
    matcher = knowledge_base().matcher
    assert not any(h.cue.needle == "ill" for h in matcher.find("he will call"))
    assert any(h.cue.needle == "ill" for h in matcher.find("i've been ill"))
    stems = {h.cue.source for h in matcher.find("she apologized twice")}
    assert "apologi*" in stems


def test_english_negation_stays_inside_its_clause() -> None:
    matcher = knowledge_base().matcher
    assert not [h for h in matcher.find("he wasn't busy") if h.cue.owner == "busy"]
    assert [h for h in matcher.find("i'm not sure, but he was busy") if h.cue.owner == "busy"]
    assert [h for h in matcher.find("not sure. then again. he was busy") if h.cue.owner == "busy"]


def test_a_kind_that_names_an_unknown_decision_or_why_fails_to_load() -> None:
    data = knowledge()
    raw = dict(data["received"]["money"])
    whys = data["decision_why"]
    assert _received("money", raw, whys).decision == ("reply_later", "later_money")
    for decision in (["reply_someday", "later_money"], ["reply_later", "later_nowhere"]):
        with pytest.raises(ValueError, match="unknown ids"):
            _received("money", {**raw, "decision": decision}, whys)
