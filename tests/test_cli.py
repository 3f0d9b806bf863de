from __future__ import annotations

import io
import json
import os
import sys

import pytest

from coach import advise, fallback_note, heading, source_badge
from coach.cli import SIGPIPE_EXIT, main
from coach.schemas import Advice


def test_offline_json_is_valid_advice(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--offline", "--json", "半年連絡がなかった友達から「久しぶり!元気?」と来た"]) == 0
    advice = Advice.model_validate(json.loads(capsys.readouterr().out))
    assert advice.source == "rules"
    assert advice.language == "ja"


def test_english_input_answers_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--offline", "--json", "My ex texted me after six months of silence"]) == 0
    assert Advice.model_validate_json(capsys.readouterr().out).language == "en"


@pytest.mark.parametrize("text", ["", "   ", "\u3000\n\t"])
def test_blank_input_exits_2_with_a_message(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--offline", text]) == 2
    err = capsys.readouterr().err
    assert "状況が入力されていません" in err
    assert "Nothing was entered" in err


def test_reads_stdin_when_no_argument(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("元彼から急にLINEが来た"))
    assert main(["--offline"]) == 0
    assert "なぜ今連絡が来たのか" in capsys.readouterr().out


def test_a_bad_setting_is_named_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import coach

    monkeypatch.setattr(coach, "_default", None)
    monkeypatch.setenv("COACH_DEADLINE", "soon")
    assert main(["久しぶりに連絡が来た"]) == 2
    err = capsys.readouterr().err
    assert "COACH_DEADLINE" in err
    assert "設定の値が正しくありません" in err


def test_a_fallback_is_explained_in_plain_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["半年ぶりに友達から連絡が来た"]) == 0
    out = capsys.readouterr().out
    assert "AIが設定されていません" in out
    assert "not_configured" not in out


def test_goal_decision_and_labels_show_never_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--offline", "--goal", "distance", "元カレから3ヶ月ぶりに「元気?」ってLINEが来た"])
        == 0
    )
    out = capsys.readouterr().out
    assert "返すかどうか: 返さなくていい" in out
    assert "[丁寧に締める]" in out
    for internal in ("reconcile", "curious", "polite_close", "no_reply"):
        assert internal not in out


def test_english_drafts_come_in_plain_quotes_and_bullets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--offline", "My friend texted 'hey!' after six months"]) == 0
    out = capsys.readouterr().out
    assert "「" not in out and "・" not in out
    assert '  - [Warm] "' in out


def test_an_unknown_goal_is_refused_by_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--offline", "--goal", "revenge", "元彼から連絡"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize(
    ("text", "badge"),
    [
        ("My friend texted 'hey!' after six months", "[Offline (rules)]"),
        ("半年ぶりに友達から連絡が来た", "[オフライン(ルール)]"),
        ("He keeps waiting outside my house after I told him to stop", "[Safety guidance]"),
    ],
)
def test_the_terminal_uses_the_pages_badges_and_headings(
    text: str, badge: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """One wording for both: the badge, the headings and the fallback note read as the page's."""
    assert main(["--offline", text]) == 0
    out = capsys.readouterr().out
    advice = advise(text, mode="offline")
    assert out.splitlines()[0] == badge == f"[{source_badge(advice.source, advice.language)}]"
    assert f"■ {heading('caution', advice.language)}" in out


def test_a_fallback_note_reads_as_on_the_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "An old friend texted me out of the blue"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == fallback_note("not_configured", "en")
    assert out[1].endswith("The offline rules answered instead.")


def test_a_reader_that_leaves_early_gets_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """`coach … | head -3`: the rest of the answer goes nowhere, quietly."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    stdout = io.TextIOWrapper(os.fdopen(write_end, "wb"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    try:
        assert main(["--offline", "半年ぶりに友達から連絡が来た"]) == SIGPIPE_EXIT
        stdout.write("nothing more reaches the closed pipe\n")
        stdout.flush()  # would raise BrokenPipeError again without the redirect
    finally:
        stdout.close()


def test_a_resource_without_a_number_is_not_shown_as_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The phone mark only where there is a number to dial; the chat portal shows its address."""
    assert main(["--offline", "もう消えてしまいたい。全部終わりにしたい"]) == 0
    lines = capsys.readouterr().out.splitlines()
    portal = [line for line in lines if "まもろうよ こころ" in line]
    assert portal and portal[0].lstrip().startswith("→")
    assert "mhlw.go.jp/mamorouyokokoro/" in portal[0]
    assert any(line.lstrip().startswith("☎") and "0120-279-338" in line for line in lines)


def test_the_off_topic_redirect_is_plain_lines_not_three_headings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--offline", "Pythonでリストを並べ替えるコードを書いて"]) == 0
    out = capsys.readouterr().out
    for name in ("reason", "response", "caution"):
        assert heading(name, "ja") not in out
    advice = advise("Pythonでリストを並べ替えるコードを書いて", mode="offline")
    assert advice.redirect and advice.reason.summary in out and advice.response.approach in out
