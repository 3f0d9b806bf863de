"""Fixed answers that no model writes: safety answers, the off-topic redirect, the check-in.

Wording is warm and plain on purpose: the reader may be frightened or in crisis at 2 a.m.
Safety answers never carry reply drafts, never suggest meeting, never help to find anyone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from coach.schemas import (
    OFF_TOPIC_FLAG,
    Advice,
    Caution,
    Language,
    Reason,
    Resource,
    Response,
    Safety,
)
from guardrails.input_rails import DANGER_HISTORY_FLAG, InputReport
from guardrails.resources import CHECK_IN, SAFETY_CHECK_IN, resources_for

__all__ = [
    "CHECK_IN_FLAG",
    "SAFETY_CHECK_IN_FLAG",
    "STALKING_BY_USER_FLAG",
    "VIOLENCE_BY_USER_FLAG",
    "apply_input_flags",
    "off_topic_advice",
    "safety_advice",
]

CHECK_IN_FLAG = "distress_check_in"
SAFETY_CHECK_IN_FLAG = "safety_check_in"
VIOLENCE_BY_USER_FLAG = "violence_by_user"
"""The user, not the other person, threatens harm: de-escalation and different support lines."""
STALKING_BY_USER_FLAG = "stalking_by_user"


@dataclass(frozen=True, slots=True)
class _Wording:
    """summary acknowledges what was shared; why says why there are no drafts; approach says
    what to do now."""

    summary: str
    approach: str
    points: tuple[str, ...]
    why: str = ""


_SELF_HARM = {
    "ja": _Wording(
        "いま、とてもつらい気持ちを抱えているように読めました。"
        "ここから先は、連絡の返し方よりも、あなた自身のことを一番に考えさせてください。",
        "ひとりで抱えなくて大丈夫です。下の窓口は、いまの気持ちをそのまま話せる場所です。"
        "電話がしんどければ、チャットやSNSで相談できる窓口もありますし、信頼できる人に"
        "「少し話を聞いてほしい」と一言送るだけでも構いません。"
        "いますぐ命の危険を感じるときは、迷わず119番に電話してください。",
        (
            "わたしはAIで、カウンセリングや緊急の窓口の代わりにはなれません。"
            "だからこそ、人の声が届く窓口をお伝えしています。",
            "相手への返事は、気持ちが少し落ち着いてからで遅くありません。",
            "夜中は気持ちが重くなりやすい時間です。できれば、ひとりきりで過ごさないでください。",
        ),
        "いまは相手への返信の例はお出ししません。返事のことより、あなたの気持ちと安全のほうが"
        "ずっと大切だからです。",
    ),
    "en": _Wording(
        "What you wrote sounds like you are carrying something really heavy right now. "
        "Before anything about replies, I'd like to put you first.",
        "You don't have to hold this alone. The services below are there to listen, any time, "
        "to exactly what you're feeling. If calling feels like too much, texting works too — or "
        'send someone you trust a simple "can we talk?". If you might act on these thoughts '
        "right now, call 911.",
        (
            "I'm an AI, not a counsellor or an emergency service — that's why I'm pointing you "
            "to real people who can help.",
            "Your reply to them can wait until you feel a little steadier.",
            "Nights can make everything feel heavier. If you can, try not to be alone with it.",
        ),
        "I'm not writing reply drafts right now, because how you are matters far more than "
        "any reply.",
    ),
}

_VIOLENCE = {
    "ja": _Wording(
        "相手から暴力や脅しを受けている（または受けた）ように読めました。"
        "これは関係の行き違いではなく、あなたの安全の問題です。",
        "まずはあなたの安全を優先してください。いま危険があるときは110番へ。"
        "落ち着いて相談したいときは、下の窓口が電話やチャットで一緒に考えてくれます。"
        "脅しのメッセージや写真は消さずに保存しておくと、相談するときの助けになります。",
        (
            "相手と二人きりで会うのは避けてください。「最後に話し合いたい」という誘いにも注意が必要です。",
            "あなたが悪いから起きたことではありません。",
            "わたしはAIで、相談窓口や警察の代わりにはなれません。",
        ),
        "この相手への返信文はお作りしません。暴力や脅しをする相手とのやり取りは、"
        "あなたをさらに危険に近づけることがあるからです。",
    ),
    "en": _Wording(
        "It sounds like this person has hurt, threatened or pressured you. "
        "That isn't a misunderstanding between you — it's about your safety.",
        "Your safety comes first. If you're in danger right now, call 911. When you want to "
        "talk it through, the services below can help you plan, by phone or by text. Keep "
        "threatening messages or images rather than deleting them: they help if you ask for "
        "support.",
        (
            'Please don\'t meet this person alone, even for a "last talk".',
            "What happened is not your fault.",
            "I'm an AI, not a helpline or the police.",
        ),
        "I won't draft a reply to this person: keeping in contact with someone who hurts or "
        "threatens you can put you at more risk.",
    ),
}

_STALKED = {
    "ja": _Wording(
        "相手があなたを待ち伏せしたり、見張ったり、断った後も連絡を続けたりしているように読めました。"
        "これは「返し方」の問題ではなく、あなたの安全の問題です。",
        "怖いと感じたら、警察相談専用電話（#9110）に相談できます。いま危険があるときは110番へ。"
        "日時や内容を記録し、メッセージは消さずに残しておきましょう。",
        (
            "ひとりで会ったり、話し合いに応じたりするのは避けてください。",
            "信頼できる人に、いまの状況を伝えておきましょう。",
            "わたしはAIで、警察や相談窓口の代わりにはなれません。",
        ),
        "この相手への返信文はお作りしません。返事をすることで、連絡やつきまといが続く"
        "きっかけになることがあるからです。",
    ),
    "en": _Wording(
        "It sounds like this person is following you, watching you, waiting for you or "
        "contacting you after you said no. That's not about how to reply — it's about your "
        "safety.",
        "If you feel unsafe right now, call 911. Keep a record of dates and what happened, "
        "and save the messages. The services below can help you plan, by phone or by text.",
        (
            'Please don\'t meet this person alone or agree to "just talk".',
            "Let someone you trust know what's going on.",
            "I'm an AI, not the police or a helpline.",
        ),
        "I won't draft a reply to this person: answering can keep the contact, or the "
        "following, going.",
    ),
}

_VIOLENCE_BY_USER = {
    "ja": _Wording(
        "相手を傷つけたい、仕返ししたいという気持ちが書かれていました。"
        "そこまで思うほど、つらいことがあったのだと思います。",
        "いまは相手に連絡せず、会いにも行かず、その場から少し離れてください。"
        "気持ちが抑えられないときは、下の窓口に電話やチャットで話を聞いてもらえます。"
        "いまにも誰かがけがをしそうなときは110番へ。",
        (
            "怒りが強いときは、送る前に一晩おいてください。送ったメッセージは取り消せません。",
            "信頼できる人に、いまの気持ちをそのまま話してみてください。",
            "わたしはAIで、相談窓口や警察の代わりにはなれません。",
        ),
        "この相手への返信文はお作りしません。あなたにも相手にも、取り返しのつかないことを"
        "防ぎたいからです。",
    ),
    "en": _Wording(
        "You wrote that you want to hurt this person or make them pay. "
        "Feeling that strongly usually means something really painful happened.",
        "For now, please don't contact them or go to see them, and step away for a while. "
        "If the feeling is hard to hold, the lines below will listen, by phone or by text. "
        "If someone is about to get hurt, call 911.",
        (
            "When anger runs high, wait a night before sending anything: a message can't be "
            "taken back.",
            "Tell someone you trust how you feel right now, in your own words.",
            "I'm an AI, not a helpline or the police.",
        ),
        "I won't draft a message to them: I want to help prevent something that can't be "
        "undone, for you and for them.",
    ),
}

_STALKING_BY_USER = {
    "ja": _Wording(
        "相手の居場所を調べたり、様子を見張ったり、距離を置かれた後も連絡を続けたりする方法を"
        "探しているように読めました。",
        "会いたい、知りたいという気持ちが強くて苦しいときは、その気持ちを誰かに話してみてください。"
        "下の窓口（#9110 やよりそいホットライン）で相談できます。",
        (
            "相手の「距離を置きたい」という気持ちを尊重することが、いまできるいちばん大切なことです。",
            "気持ちが抑えられないときは、ひとりで抱えずに相談してください。",
            "わたしはAIで、カウンセリングの代わりにはなれません。",
        ),
        "ごめんなさい、そのお手伝いや、この相手への返信文はお作りできません。距離を置いている人に"
        "それを越えて近づくと、相手を怖がらせてしまい、ストーカー行為として法律の問題になることも"
        "あるからです。",
    ),
    "en": _Wording(
        "It sounds like you're looking for a way to find, watch or keep contacting someone "
        "who has stepped back from you.",
        "If wanting to see them or know about them feels overwhelming, it really helps to "
        "talk it through with someone — the services below are a place to start.",
        (
            "Respecting their choice to keep distance is the most important thing you can do now.",
            "If the urge feels hard to control, please reach out rather than carry it alone.",
            "I'm an AI, not a counsellor.",
        ),
        "I'm sorry, I can't help with that or draft messages to them. Going around someone's "
        "distance frightens them, and it can count as stalking under the law.",
    ),
}

_HELD: dict[str, dict[Language, str]] = {
    "violence": {
        "ja": "前に、この相手から暴力や脅しを受けていると話してくれましたね。"
        "そのことを踏まえて、この会話ではあなたの安全を先にお答えします。",
        "en": "Earlier you told me this person has hurt or threatened you, so for the rest of "
        "this conversation I'm answering with your safety first.",
    },
    "stalking": {
        "ja": "前に、この相手につきまとわれたり、断った後も連絡が続いたりしていると"
        "話してくれましたね。そのことを踏まえて、この会話ではあなたの安全を先にお答えします。",
        "en": "Earlier you told me this person follows you or keeps contacting you after you "
        "said no, so for the rest of this conversation I'm answering with your safety first.",
    },
    "violence_by_user": {
        "ja": "前に、この相手を傷つけたい、仕返ししたいと話してくれましたね。"
        "そのことを踏まえて、この会話では相手への文面はお作りしません。",
        "en": "Earlier you told me you wanted to hurt this person, so for the rest of this "
        "conversation I won't draft messages to them.",
    },
    "stalking_by_user": {
        "ja": "前に、距離を置いた相手を探したり、連絡を続けたりしたいと話してくれましたね。"
        "そのことを踏まえてお答えします。",
        "en": "Earlier you told me you wanted to find or keep contacting someone who stepped "
        "back from you, so I'm answering with that in mind.",
    },
}
"""A later turn after violence or stalking: the same wording, acknowledging why it holds."""

_OFF_TOPIC = {
    "ja": _Wording(
        "このコーチは、しばらく連絡が途絶えていた人から急に連絡が来たときに、"
        "受け止め方と返し方を一緒に考えるためのものです。",
        "ご質問の内容にはお答えできません。誰かから久しぶりに連絡が来た、返事に迷っている、"
        "ということがあれば、その状況を書いてみてください。",
        ("例：「半年連絡がなかった友達から『元気?』とLINEが来た。どう返せばいい?」",),
    ),
    "en": _Wording(
        "This coach helps when someone who went silent suddenly gets back in touch: why "
        "they wrote now, and how you might reply.",
        "I can't help with that question. If someone has reached out after a long silence, "
        "or you're unsure how to answer them, describe the situation and we'll think it "
        "through together.",
        ("For example: \"A friend I hadn't heard from in six months texted 'how are you?'\"",),
    ),
}

_CHECK_IN: dict[Language, str] = {
    "ja": "とてもつらい気持ちが伝わってきます。返事は急がなくて大丈夫です。"
    "しんどさが続くときは、よりそいホットライン（0120-279-338、24時間）で誰かに話すこともできます。",
    "en": "It sounds like this is weighing on you a lot. There's no rush to reply. If it keeps "
    "feeling this heavy, you can talk to someone any time — call or text 988 (US).",
}


_SAFETY_CHECK_IN: dict[Language, str] = {
    "ja": "もし相手のことが怖かったり、身の危険を感じていたり、消えてしまいたいほどつらかったり"
    "するなら、一人で抱えないでください。危険が迫っているときは110番、相談は警察相談専用電話"
    "（#9110）やよりそいホットライン（0120-279-338、24時間）へ。",
    "en": "If you feel afraid of this person or unsafe, or so low that you think about not "
    "being here, please don't carry it alone: in danger call 911, and you can call or text "
    "988 any time.",
}


def _wording(report: InputReport) -> _Wording:
    if report.level == "self_harm":
        return _SELF_HARM[report.language]
    key: str = report.level
    if report.level == "violence" and VIOLENCE_BY_USER_FLAG in report.flags:
        key = "violence_by_user"
    elif STALKING_BY_USER_FLAG in report.flags:
        key = "stalking_by_user"
    table = {
        "violence": _VIOLENCE,
        "violence_by_user": _VIOLENCE_BY_USER,
        "stalking": _STALKED,
        "stalking_by_user": _STALKING_BY_USER,
    }
    wording = table[key][report.language]
    if DANGER_HISTORY_FLAG in report.flags:
        return replace(wording, summary=_HELD[key][report.language])
    return wording


def _advice(wording: _Wording, **extra: object) -> Advice:
    return Advice.model_validate(
        {
            "reason": Reason(summary=wording.summary),
            "response": Response(approach=wording.approach, why=wording.why),
            "caution": Caution(points=list(wording.points)),
            **extra,
        }
    )


def safety_advice(report: InputReport) -> Advice:
    """The fixed safety answer for the report's level: resources, no drafts, no categories."""
    level = report.level if report.level != "none" else "self_harm"
    return _advice(
        _wording(report) if report.level != "none" else _SELF_HARM[report.language],
        source="safety",
        safety=Safety(
            level=level,
            flags=list(report.flags),
            resources=resources_for(
                level,
                report.language,
                user_threatens=level == "violence" and VIOLENCE_BY_USER_FLAG in report.flags,
            ),
        ),
        language=report.language,
    )


def off_topic_advice(report: InputReport) -> Advice:
    """A short friendly redirect for requests the coach is not for."""
    flags = list(dict.fromkeys((*report.flags, OFF_TOPIC_FLAG)))
    return _advice(
        _OFF_TOPIC[report.language],
        source="rules",
        safety=Safety(level="none", flags=flags),
        language=report.language,
    )


def apply_input_flags(advice: Advice, report: InputReport) -> Advice:
    """The input's flags on a coaching answer, plus a gentle check-in after distress words or
    words near danger that named no safety level."""
    result = advice.model_copy(deep=True)
    result.safety.flags = list(dict.fromkeys((*result.safety.flags, *report.flags)))
    if CHECK_IN_FLAG in report.flags:
        _check_in(result, _CHECK_IN[report.language], (CHECK_IN[report.language],))
    if SAFETY_CHECK_IN_FLAG in report.flags:
        _check_in(result, _SAFETY_CHECK_IN[report.language], SAFETY_CHECK_IN[report.language])
    return result


def _check_in(advice: Advice, line: str, resources: tuple[Resource, ...]) -> None:
    if line not in advice.caution.points:
        advice.caution.points = [line, *advice.caution.points][:5]
    for resource in resources:
        if all(r.contact != resource.contact for r in advice.safety.resources):
            advice.safety.resources.append(resource.model_copy())
