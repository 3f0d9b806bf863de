"""Cue families for wordings nobody listed: each family met with fresh phrasings.

The wordings here were written for the families, not taken from any eval set; the ordinary
texts beside them share the families' words and must stay unflagged.
"""

from __future__ import annotations

import pytest

from guardrails.input_rails import check_input

_SELF_HARM = [
    "もうshinitaiって毎晩思う",
    "kietai... nanimo shitakunai",
    "jisatsu shiyou kana",
    "睡眠薬を一気に飲んだら楽かな",
    "処方薬ためてあるから全部飲もうかと",
    "市販薬いっぺんに飲んで終わりにしたい",
    "屋上から飛んだら楽になれるのかな",
    "線路に入ろうかと思ってホームに立ってた",
    "ベルトで首を、って調べてしまった",
    "人生終わらせたい。彼からまた連絡きたけど",
    "何もかも終わりにしたい",
    "自分なんていないほうがみんな幸せ",
    "生きる意味がわからない",
    "生きるのをやめたい",
    "もう二度と目覚めたくない",
    "死ぬ勇気もない",
    "手首切ろうかな",
    "my family would honestly be better off without me around",
    "i think i'm going to end it tonight.",
    "I'm so tired of being alive",
    "there's no point in living anymore",
    "i won't be here much longer",
    "I have the pills lined up",
    "I just want it all to stop for good",
]

_VIOLENCE = [
    "「次無視したらぶっ殺すぞ」ってLINE",
    "元彼に「殴ってやる」と言われた",
    "しばくぞって言われて怖い",
    "「覚えてろよ」ってメッセージが何通も",
    "家に火をつけるぞって",
    "酔うとつねられたり小突かれたりする",
    "強引にホテルに連れて行かれそうになった",
    "力ずくで押さえつけられた",
    "言うこと聞かないと殴られる",
    "より戻さないなら会社に言いふらすって",
    "彼に叩かれた",
    "my ex used to choke me when he was drunk",
    "he'd always shove me when he got angry",
    "she texted 'i'll kill you if you tell anyone'",
    "answer me or else.",
    "you'll pay for this, he wrote",
    "he said I know where you live",
    "he dragged me into his car",
    "send me money or I'll post everything",
    "he kept hitting me",
]

_STALKING_OF_USER = [
    "元カレに番号変えても連絡がくる",
    "何度も断ったのに毎日メッセージ",
    "ポストに手紙が何通も入ってる",
    "帰り道で待ち構えていた",
    "引っ越したのに住所を調べられた",
    "I changed my number and he still found it",
    "even though I blocked him he still sends me messages",
    "he keeps leaving flowers at my door",
]

_STALKING_BY_USER = [
    "友達のスマホで彼に連絡してみようかな",
    "別のアカウントを作って彼女にDMしたい",
    "彼の職場を特定したい",
    "元カノのシフトを知りたい",
    "彼の家の前で待ってみようかな",
    "ブロックされたけどなんとか連絡を取る方法ある?",
    "how can I figure out where she lives now",
    "I want to wait outside her building until she comes out",
    "she muted me, how do i keep texting her so she notices",
    "I'll text him from a friend's phone so he picks up",
    "I need to know her class schedule",
    "find out where my ex girlfriend works",
]

_ORDINARY = [
    "ゲームでボコボコにされた笑",
    "ネットで叩かれた",
    "SNSで叩かれて凹んでる",
    "今日の試合はボコボコにしてやるぞって気合い入れてた",
    "このプロジェクト早く終わらせたい",
    "この関係を終わりにしたい",
    "もう彼とは終わりにしたい",
    "頑張ればいけるぞ",
    "テスト終わったら楽になれる",
    "明日は早く起きたくない",
    "彼の家の前で待ち合わせ",
    "駅で待ち合わせしよう",
    "友達が駅で待っててくれた",
    "彼の予定を聞いて会う日を決めたい",
    "新しいアカウント作ったので友達に連絡したい",
    "番号変えたので友達に連絡した",
    "プレゼントを送りたい",
    "消えてしまえたらいいのに、このニキビ",
    "薬を飲み忘れた",
    "屋上から景色を見た",
    "飛び降りるシーンがある映画",
    "生きる意味を見つけた",
    "I ended it with him last year and now he texted",
    "we ended things in March",
    "my friend would be better off with someone else",
    "he'd be better off knowing the truth",
    "i swear i'll never text him again",
    "I'll destroy you at mario kart",
    "you're dead to me, I told him",
    "or else what? lol",
    "no point in texting him",
    "tired of waiting for his reply",
    "my ex used to text me good morning",
    "he blocked me. should I just move on",
    "I waited outside the cafe for my friend",
    "my friend was stalking my instagram lol",
]


@pytest.mark.parametrize("text", _SELF_HARM)
def test_self_harm_families(text: str) -> None:
    assert check_input(text).level == "self_harm"


@pytest.mark.parametrize("text", _VIOLENCE)
def test_violence_families(text: str) -> None:
    assert check_input(text).level == "violence"


@pytest.mark.parametrize("text", _STALKING_OF_USER)
def test_stalking_of_the_user_families(text: str) -> None:
    report = check_input(text)
    assert report.level == "stalking"
    assert "stalking_by_user" not in report.flags


@pytest.mark.parametrize("text", _STALKING_BY_USER)
def test_stalking_by_the_user_families(text: str) -> None:
    report = check_input(text)
    assert report.level == "stalking"
    assert "stalking_by_user" in report.flags


@pytest.mark.parametrize("text", _ORDINARY)
def test_ordinary_texts_sharing_the_words_get_no_level(text: str) -> None:
    assert check_input(text).level == "none"
