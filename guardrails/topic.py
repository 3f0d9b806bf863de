"""Off-topic requests: a short redirect instead of relationship advice for a weather question.

Conservative by design: any mention of a person, a message or a relationship keeps the turn
on topic, and a text without a clear off-topic request is coached as usual.
"""

from __future__ import annotations

from guardrails.patterns import cue_regex, word

__all__ = ["is_off_topic"]

_OFF_TOPIC = cue_regex(
    "(?:python|パイソン|javascript|java|sql|html|css|c\\+\\+|プログラム|コード|スクリプト|関数)"
    "(?:を|の|で)?[^。!?\\n]{0,6}(?:書|作|教え|直|デバッグ)",
    "天気",
    "気温",
    "天気予報",
    "レシピ",
    "献立",
    "(?:料理|ケーキ|カレー|パスタ)の作り方",
    "宿題",
    "数学",
    "方程式",
    "計算して",
    "株価",
    "為替",
    "首都",
    "(?:小説|詩|ポエム|作文|レポート|論文)を書いて",
    "占って",
    "運勢",
    "おすすめの(?:映画|本|ゲーム|アニメ|レストラン|店)",
    word(
        r"(?:write|fix|debug|generate)\s+(?:me\s+)?(?:some\s+|a\s+|an\s+|the\s+|this\s+)?"
        r"(?:python|javascript|java|sql|rust|html|css|c\+\+|code|script|function|program|regex)"
    ),
    word(r"python|javascript|typescript"),
    word(r"weather|forecast|temperature\s+(?:today|tomorrow)"),
    word(r"recipes?|how\s+(?:do\s+i|to)\s+(?:cook|bake)"),
    word(r"homework|equation|calculus|algebra"),
    word(r"stock\s+prices?|exchange\s+rate|bitcoin"),
    word(r"capital\s+of"),
    word(r"(?:write|compose)\s+(?:me\s+)?(?:a|an)\s+(?:poem|essay|story|song|novel|haiku)"),
    word(r"horoscope"),
    word(r"recommend\s+(?:me\s+)?(?:a|some)\s+(?:movie|book|game|restaurant|show)s?"),
)

_ON_TOPIC = cue_regex(
    "彼|元|友|相手|先輩|後輩|同僚|上司|部下|知人|知り合い|親|母|父|兄|姉|弟|妹|家族|恋人|夫|妻|旦那|嫁|"
    "幼なじみ|幼馴染|同級生|人|子|君|さん|くん|ちゃん|連絡|返信|返事|既読|未読|line|ライン|メール|"
    "メッセージ|dm|電話|音信不通|久しぶり|関係|付き合|別れ|復縁|縁|会い|会う|誘|ブロック|sns|インスタ|"
    "気持ち|謝|ごめん",
    word(
        r"he|she|they|him|her|them|his|their|someone|somebody|person|people|friends?|ex|exes|"
        r"boyfriend|girlfriend|bf|gf|partner|husband|wife|mom|mum|dad|mother|father|brother|"
        r"sister|family|cousin|coworker|colleague|boss|classmate|roommate|crush|date|dating|"
        r"relationship|texts?|texted|texting|messages?|messaged|reply|replied|respond|responded|"
        r"answer|call|called|dms?|email(?:ed)?|ghost(?:ed|ing)?|silence|silent|contact(?:ed)?|"
        r"reached\s+out|broke\s+up|breakup|apolog\w*|sorry|feel|feelings|miss"
    ),
)


def is_off_topic(normalized: str) -> bool:
    """True only for a clear request outside the coach's remit with nothing about a person."""
    return _OFF_TOPIC.search(normalized) is not None and _ON_TOPIC.search(normalized) is None
