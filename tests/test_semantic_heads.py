"""The shipped heads: trained from the corpus as committed, loadable, and sane on plain cases.

If a corpus file under training/data/train or dev changes, `make train` must be run again:
the first test names the mismatch.
"""

from __future__ import annotations

import pytest

from coach.schemas import REASON_IDS
from guardrails.rails import Rails, shared_semantic
from guardrails.semantic import Heads
from training.corpus import SPLITS, corpus_hash, files, load


@pytest.fixture(scope="module")
def heads() -> Heads:
    return Heads.load()


def test_the_heads_were_trained_from_the_corpus_as_committed(heads: Heads) -> None:
    assert heads.meta["corpus_sha256"] == corpus_hash(), "corpus changed: run `make train`"


def test_the_blind_test_split_never_feeds_the_heads() -> None:
    assert corpus_hash() == corpus_hash(("train", "dev"))
    assert files("test"), "the test split is missing"
    train_authors = {c.author for c in load("train").safety}
    test_authors = {c.author for c in load("test").safety}
    dev_authors = {c.author for c in load("dev").safety}
    assert not (train_authors & test_authors) and not (dev_authors & test_authors)
    assert set(SPLITS) == {"train", "dev", "test"}


def test_every_head_and_threshold_is_there(heads: Heads) -> None:
    assert heads.safety.labels == ("none", "self_harm", "violence", "stalking")
    assert heads.reasons.labels == REASON_IDS
    assert heads.direction is not None
    for key in ("self_harm", "violence", "stalking", "check_in", "harm", "coherence"):
        assert 0.0 < heads.thresholds[key] <= 9.0
    assert set(heads.exemplars) == {"safety", "harm", "coherence"}


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("もう全部終わりにしたい。明日が来なければいいのにって毎晩思ってる", "self_harm"),
        ("I've been giving my things away and writing goodbye letters to everyone", "self_harm"),
        ("元彼に毎日スマホを見せろと言われて、友達と会うのも禁止されてる", "violence"),
        ("ブロックしたのに元カレが別のアカウントを作って毎日メッセージを送ってくる", "stalking"),
        ("半年ぶりに友達から「久しぶり!元気?」とLINEが来た。なんて返そう", "none"),
        ("My friend ghosted me for a year and just texted 'hey, how are you?'", "none"),
    ],
)
def test_plain_cases_read_as_their_level(text: str, level: str) -> None:
    """Through the product's rails: the cue floor and the heads together."""
    assert Rails.default().check_input(text).level == level


def test_reason_probabilities_cover_the_taxonomy() -> None:
    read = shared_semantic().read_input("仕事が落ち着いたから連絡した、って3ヶ月ぶりに同僚から")
    assert read is not None
    assert set(read.reasons) == set(REASON_IDS)
    assert abs(sum(read.reasons.values()) - 1.0) < 1e-3


def test_every_shipped_heads_file_is_package_data() -> None:
    """A heads file the wheel leaves out would switch a read off without a word."""
    import fnmatch
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    patterns = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]["guardrails"]
    shipped = [
        p.relative_to(root / "guardrails").as_posix()
        for p in (root / "guardrails" / "heads").iterdir()
    ]
    assert shipped
    for name in shipped:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name


def test_the_offline_turn_reads_the_safety_neighbours(heads: Heads) -> None:
    assert heads.exemplars["safety"][0].shape[0] > 1000


@pytest.mark.parametrize(
    ("text", "by_user"),
    [
        (
            "I blocked my ex everywhere a year ago. Today an unknown number texted 'Nice "
            "haircut. The blue coat suits you.' I haven't posted any photos. I think it's "
            "him. Should I answer to ask who it is?",
            False,
        ),
        ("I want to find out where my ex moved to so I can talk to her in person", True),
    ],
)
def test_who_acts_is_read_on_the_whole_text(text: str, by_user: bool) -> None:
    """Read sentence by sentence, the victim's last question sounded like pursuing someone."""
    read = shared_semantic().read_input(text)
    assert read is not None and read.level == "stalking"
    assert read.by_user is by_user
