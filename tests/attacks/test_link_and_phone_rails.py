"""The link and phone rails read shapes, not lists; real support numbers still pass."""

from __future__ import annotations

import pytest

from coach.schemas import AdviceDraft
from guardrails.input_rails import check_input
from guardrails.output_rails import check_output
from prompts import build_system_prompt
from tests.attacks.conftest import draft


def _verdict(approach: str) -> str | None:
    answer = AdviceDraft.model_validate(
        draft(response={"approach": approach, "replies": ["久しぶり!元気?"]})
    )
    verdict = check_output(answer, language="ja", system_prompt=build_system_prompt("ja"))
    return None if verdict is None else verdict.name


@pytest.mark.parametrize(
    "link",
    [
        "127.0.0.1:8701/exfil?d=1",
        "10.0.0.5/x",
        "localhost:8080",
        "evil-site.xyz/p",
        "evil-site.zzz",
        "evil\u200b.com/p",
        "ｅｖｉｌ．ｃｏｍ",
        "ｈｔｔｐｓ：／／ｅｖｉｌ．ｃｏｍ",
        "hxxps://evil.example",
        "xn--80ak6aa92e.com",
    ],
)
def test_any_host_like_text_is_a_link(link: str) -> None:
    assert _verdict(f"まずは{link}を見てから返信しましょう。") == "link_or_markup"
    assert "pii:url" in check_input(f"彼が {link} を送ってきた").flags


@pytest.mark.parametrize(
    "number",
    [
        "〇九〇ー一二三四ー五六七八",
        "0 9 0 1 2 3 4 5 6 7 8",
        "0120-77-831",
        "０１２０−７７−８３１",
        "03-1234",
        "555-0199",
        "+81 90 1234 5678",
        "0120 279 339",
    ],
)
def test_any_phone_shaped_number_not_in_the_table_is_stopped(number: str) -> None:
    assert _verdict(f"困ったら{number}に電話してください。") == "unknown_phone"
    assert "pii:phone" in check_input(f"彼の番号は{number}です").flags


@pytest.mark.parametrize(
    "number", ["0120-279-338", "０１２０−２７９−３３８", "#9110", "一一〇番", "0570-783-556"]
)
def test_numbers_from_the_resources_table_pass(number: str) -> None:
    assert _verdict(f"つらいときは{number}に相談できます。") is None


@pytest.mark.parametrize(
    "text",
    [
        "2023-12-24に最後に会った",
        "価格は12,800円だった",
        "10:00〜22:00のあいだに連絡",
        "e.g. 写真.jpgを送った",
        "Mr.Childrenのライブに行った",
        "3年ぶり、0.5秒で既読がついた",
    ],
)
def test_ordinary_text_is_neither_link_nor_phone(text: str) -> None:
    flags = check_input(text).flags
    assert "pii:url" not in flags and "pii:phone" not in flags
