"""PII scrubbing: contact details out, ordinary numbers and words kept."""

from __future__ import annotations

import pytest

from guardrails.pii import find_phone_numbers, scrub, scrub_pii


@pytest.mark.parametrize(
    ("text", "kind", "secret"),
    [
        ("番号は070-2222-3333だよ", "phone", "070-2222-3333"),
        ("固定は045(123)4567", "phone", "045(123)4567"),
        ("+81-80-1234-5678 に連絡して", "phone", "1234-5678"),
        ("text me at 415.555.0199", "phone", "415.555.0199"),
        ("メールはhanako+test@mail.example.com", "email", "hanako+test@mail.example.com"),
        ("ラインID：koji.88 です", "id", "koji.88"),
        ("insta is @mika.photo_", "id", "@mika.photo_"),
        ("神奈川県横浜市中区山下町2丁目5番地に住んでる", "address", "山下町2丁目"),
        ("he moved to 42 Elm Street last year", "address", "42 Elm Street"),
        ("このページ http://blog.example.net/post/1 に書いてた", "url", "blog.example.net"),
    ],
)
def test_each_kind_is_replaced(text: str, kind: str, secret: str) -> None:
    scrubbed, kinds = scrub_pii(text, "ja")
    assert secret not in scrubbed
    assert kind in kinds


@pytest.mark.parametrize(
    "text",
    [
        "2023-12-24に最後に会った",
        "3年と2ヶ月ぶりに連絡が来た",
        "価格は12,800円だった",
        "we last talked on 12/24/2023",
        "room 1204 at the hotel",
        "渋谷区に引っ越したらしい",
        "I'm 27 and he's 30",
        "I paid 12000 yen for the tickets",
        "he did it 3 times",
    ],
)
def test_ordinary_numbers_and_places_are_kept(text: str) -> None:
    assert scrub_pii(text, "en") == (text, ())


def test_placeholders_follow_the_language() -> None:
    assert scrub("call 212-555-0147") == "call [phone]"
    assert scrub("電話は03-5555-0147") == "電話は[電話番号]"


def test_find_phone_numbers_ignores_dates() -> None:
    assert find_phone_numbers("2024-01-15 と 0120-279-338") == ["0120-279-338"]
