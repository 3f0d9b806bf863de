"""Properties over any string: nothing crashes the input rails or the CLI, cleaning settles."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coach.cli import main
from coach.errors import MAX_INPUT_CHARS, InvalidInput
from coach.text import clean, normalize
from guardrails.input_rails import check_input

# Any code point, with the tricky ones (controls, format characters, fillers, look-alikes,
# expanding and spacing characters) drawn far more often than chance would.
_TRICKY = st.sampled_from(
    list("\x00\x1b\x07\r\n\t \u3000\u00ad\u034f\u200b\u200d\u202e\u2066\u3164\ufe0f\ufeff")
    + list("\ufdfa\ufb01ｶﾞ死にたいkillіеοー.・、@#/:0９〇+-()<>|")
    + ["\U000e0041", "\U000e0100", "\U0001d173", "\ud800"]
)
TEXT = st.text(st.one_of(st.characters(), _TRICKY), max_size=300)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_check_input_never_crashes(text: str) -> None:
    try:
        report = check_input(text)
    except InvalidInput as error:
        assert error.code in ("empty", "too_long", "not_text")
        return
    assert report.text == clean(text)
    assert report.level in ("none", "self_harm", "violence", "stalking")
    assert len(report.scrubbed) <= 2 * len(report.text) + 20 * report.scrubbed.count("[")


@FAST
@given(TEXT)
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert not any(ch in once for ch in "\x00\x1b\x07\r\u200b\u202e\ufeff\u3164")


@FAST
@given(TEXT)
def test_normalizing_is_idempotent_and_bounded(text: str) -> None:
    once = normalize(text)
    assert len(once) <= 2 * len(clean(text)) + 64
    # Katakana keep their long vowels (スーパー), but once folded to hiragana they read as a
    # drawn-out spelling (すーぱー) on a second pass: the rails normalise only once.
    assume("ー" not in once)
    assert normalize(once) == once


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from([[], ["--json"], ["--lang", "en"], ["--lang", "ja"]]))
def test_the_cli_never_crashes(text: str, options: list[str]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(text))
        code = main(["--offline", *options])
    assert code in (0, 2)


def test_too_long_is_still_too_long_after_cleaning() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_input("あ" * (MAX_INPUT_CHARS + 1))
    assert caught.value.code == "too_long"
