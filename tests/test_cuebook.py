"""The cue file format: what the loader accepts, what it refuses, and how a family reads."""

from __future__ import annotations

import pytest

from guardrails.cuebook import CueError, parse_book

_BOOK = """
[fragments]
them = '(?:彼|かれ|相手)'
them_scared = '{them}が(?:怖|こわ)'

[[family]]
id = "fear.ja"
group = "fear"
why = "fear of the person"
ja = ['{them_scared}']
en = ['dv', ['scared\\s+of\\s+', '(?:him|her)']]

[[family]]
id = "fear.slur"
group = "fear"
fold_kana = false
why = "katakana kept as written"
ja = ['カス']
"""


def test_fragments_nest_and_words_stand_alone() -> None:
    fear = parse_book("t", _BOOK).group("fear")
    hit = fear.search("かれがこわい")
    assert hit is not None and hit[0].id == "fear.ja"
    assert fear.search("i am scared of him") is not None
    assert fear.search("dvを受けた") is not None, "kana is a word boundary for English cues"
    assert fear.search("advice") is None


def test_kana_folding_follows_the_family() -> None:
    book = parse_book("t", _BOOK)
    slur = book.families["fear.slur"]
    assert slur.search("カス") is not None
    assert slur.search("かす") is None, "fold_kana = false keeps katakana apart"
    folded = parse_book("t", _BOOK.replace("fold_kana = false\n", "")).families["fear.slur"]
    assert folded.search("ごまかす") is not None, "folded, カス reads inside ごまかす"
    assert slur.search("ごまかす") is None


def test_blank_reports_the_first_family_that_hit() -> None:
    fear = parse_book("t", _BOOK).group("fear")
    text, family = fear.blank("相手が怖い")
    assert family is not None and family.id == "fear.ja"
    assert text == "    い"
    assert fear.blank("nothing here") == ("nothing here", None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[family]]\nid='a'\ngroup='g'\nwhy='w'\nja=['{nope}']", "unknown fragment"),
        ("[[family]]\nid='a'\ngroup='g'\nwhy='w'\nja=['x']\ncolour='red'", "unknown keys"),
        ("[[family]]\nid='a'\ngroup='g'\nwhy='w'", "no patterns"),
        ("[[family]]\nid='a'\ngroup='g'\nja=['x']", "why is a non-empty string"),
        ("[[family]]\nid='a'\ngroup='g'\nwhy='w'\nja=['\\\\S+']", "lower-cased"),
        (
            "[[family]]\nid='a'\ngroup='g'\nwhy='w'\nja=['x']\n"
            "[[family]]\nid='a'\ngroup='g'\nwhy='w'\nja=['y']",
            "twice",
        ),
        ("[[family]]\nid='a'\ngroup='g'\nwhy='w'\nja='x'", "patterns are a list"),
        ("[[family]\n", "t.toml"),
    ],
)
def test_a_file_that_cannot_be_read_as_written_names_the_problem(text: str, message: str) -> None:
    with pytest.raises(CueError, match=message):
        parse_book("t", text)


def test_an_unknown_group_is_an_error_not_an_empty_match() -> None:
    with pytest.raises(CueError, match="no cue group"):
        parse_book("t", _BOOK).group("missing")
