"""Output rails: every model answer passes here, section by section, before it is shown.

A verdict names the first rule broken; the pipeline then retries or falls back to the rules.
Checks read the draft's own strings, so a `model_construct`ed draft that skipped pydantic's
validation is refused here too. Verdict reasons name fields, never the text itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import jaconv

from coach.schemas import (
    DRAFT_INTENTS,
    MODEL_DECISIONS,
    REASON_IDS,
    AdviceDraft,
    CautionDraft,
    Language,
    ReasonDraft,
    ResponseDraft,
)
from coach.text import clean, normalize
from guardrails.patterns import LazyCue, fold_width, word
from guardrails.pii import contains_url, find_phone_numbers, fold_digits
from guardrails.resources import ALLOWED_NUMBERS

__all__ = [
    "RAIL_NAMES",
    "RailVerdict",
    "SectionName",
    "check_output",
    "check_section",
    "section_texts",
]

SectionName = Literal["reason", "response", "caution"]
SECTIONS: tuple[SectionName, ...] = ("reason", "response", "caution")

RAIL_NAMES = (
    "malformed",
    "unknown_category",
    "empty_content",
    "incoherent",
    "self_harm_encouragement",
    "harmful_advice",
    "insult",
    "prompt_leak",
    "link_or_markup",
    "unknown_phone",
    "wrong_language",
    "semantic_harm",
)
"""Stable verdict ids, in the order the rails run (`incoherent` and `semantic_harm` also come
from the semantic rails, after these)."""

_LEAK_CHARS = 40
_LEAK_WORDS = 12
_MIN_SUMMARY = {"ja": 6, "en": 15}


@dataclass(frozen=True, slots=True)
class RailVerdict:
    name: str
    reason: str


# --- Placeholders and empty content. ------------------------------------------------------

_PLACEHOLDER_WORDS = frozenset(
    {
        "string",
        "str",
        "text",
        "todo",
        "tbd",
        "tba",
        "n/a",
        "na",
        "none",
        "null",
        "nil",
        "undefined",
        "summary",
        "approach",
        "reply",
        "replies",
        "point",
        "points",
        "reason",
        "response",
        "caution",
        "example",
        "sample",
        "placeholder",
        "xxx",
        "test",
        "要約",
        "理由",
        "返信",
        "返信文",
        "注意点",
        "未定",
        "テキスト",
        "なし",
        "ここに入力",
    }
)
_PLACEHOLDER = LazyCue(
    r"^[\s.…・\-_*?!~=#/|]*$",
    r"^<[^>]{0,40}>$",
    r"^\{[^}]{0,40}\}$",
    r"^\[[^\]]{0,40}\]$",
    r"^\$\{?[a-z_]+\}?$",
    r"lorem\s+ipsum",
    r"^todo\b",
    word(r"insert\s+[^.]{0,30}\s+here|your\s+(?:reply|summary|text|answer)\s+here"),
    "ここに[^。]{0,15}(?:を|が)?(?:書|入|記入)",
    "(?:返信|要約|理由|注意点)(?:文)?(?:の例|例)?[0-9０-９]?$",
)


# --- Not prose: punctuation soup, a lone letter, a schema's own words. ----------------------

_MIN_LETTERS = {"ja": 3, "en": 4}
_REPEAT_MIN = 8


@lru_cache(maxsize=1)
def _schema_words() -> frozenset[str]:
    """The schema's descriptions and key names: a model that echoes them wrote no advice."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description" and isinstance(value, str):
                    found.add(normalize(value).rstrip(". "))
                elif key == "properties" and isinstance(value, dict):
                    found.update(normalize(k) for k in value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(AdviceDraft.model_json_schema())
    return frozenset(w for w in found if w)


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _not_prose(text: str, language: Language) -> bool:
    """Too few letters to be a sentence, mostly symbols, one character repeated, or an echo."""
    visible = [ch for ch in text if not ch.isspace()]
    letters = _letters(text)
    if letters < _MIN_LETTERS[language] or letters < 0.5 * len(visible):
        return True
    if len(visible) >= _REPEAT_MIN and len(set(visible)) <= 2:
        return True
    return normalize(text).strip(" .。!！?？\"'「」") in _schema_words()


def _is_placeholder(text: str) -> bool:
    folded = normalize(text).strip()
    if folded in _PLACEHOLDER_WORDS or folded.rstrip(".。:：0123456789 ") in _PLACEHOLDER_WORDS:
        return True
    return _PLACEHOLDER.search(folded) is not None


# --- Harm: sentence by sentence, so a warning against a behaviour is not read as advice. --

_HARMFUL = LazyCue(
    "待ち伏せ",
    "(?:家|自宅|部屋|職場|会社|学校|バイト先|最寄り駅|駅)(?:の前|の近く)?で待(?!ち合わせ|ちあわせ)",
    "(?:家|自宅|部屋|職場|会社|学校|バイト先)(?:まで|に|へ)(?:直接|いきなり|突然|こっそり)?"
    "(?:会いに)?(?:行|押しかけ|乗り込|訪ね)",
    "(?:突然|いきなり|アポなしで|連絡せずに|約束なしで|黙って)[^。]{0,6}(?:会いに|訪ね|行って|押しかけ)",
    "押しかけ",
    "偶然を装",
    "どうなっても知らない|覚悟しておけ|覚えてろ|ただじゃ済まない|後悔するよ",
    "(?:困る|嫌がる|うんざりする|迷惑な)(?:くらい|ほど)[^。]{0,6}(?:連絡|送|電話)",
    "(?:別アカ|別垢|別アカウント|サブ垢|サブアカ|捨て垢|裏垢|偽アカ|新しいアカウント)",
    "(?:ブロック|拒否|着拒)(?:され)?(?:てい)?(?:ても|たら|たとしても)[^。]{0,20}"
    "(?:送|連絡|電話|別の方法|番号|アカウント)",
    "(?:送り|連絡し|電話し|メッセージし|追いかけ)続け",
    "(?:返事|返信)が(?:来る|くる)まで",
    "既読(?:に)?なるまで",
    "(?:会って|返事して|返信して|許して|応えて)くれるまで",
    "(?:ないなら|ないと|無視するなら|無視したら|しないなら|くれないなら)[^。]{0,12}"
    "(?:電話する|行く|会いに|ばら|晒|言う|言いふら|送る|押しかけ|職場|会社)",
    "(?:友達|友人|知人|共通の)[^。]{0,12}(?:どこに|居場所|住所|新しい番号|連絡先|勤務先)[^。]{0,8}"
    "(?:聞き出|聞いて|調べ|探)",
    "孤立させ|恥をかかせ|悪口を(?:書|投稿|言いふら|広め)|匂わせ|当てつけ|見せつけ",
    "(?:相手|彼|彼女|元彼|元カレ|元カノ)の[^。]{0,8}(?:ログイン|パスワード)",
    "パスワードを(?:推測|解読|調べ|聞き出|突き止め)",
    "(?:相手|彼|彼女)の(?:スマホ|携帯)[^。]{0,10}(?:やり取り|履歴|メール|トーク|line)",
    "(?:メール|トーク|line|dm)を(?:盗み見|こっそり)",
    "(?:近く|前|外|周り)で待(?:つ|って|ち(?!合わせ|あわせ))|帰りを待|出てくるまで",
    "(?:友達|知人|他人|家族)の(?:スマホ|携帯|アカウント|番号)から",
    "何度でも[^。]{0,4}(?:連絡|電話|送|メッセージ|会いに)",
    "位置情報",
    word("gps"),
    "(?:居場所|住所|勤務先)を(?:確認|調べ|特定|突き止め|探)",
    "(?:sns|インスタ|アカウント|投稿|ストーリー|ログイン状況|オンライン状況)を?[^。]{0,6}"
    "(?:監視|見張|チェックし続け|こまめにチェック|毎日チェック|逐一チェック)",
    "(?:スマホ|携帯)を(?:チェック|見|盗み見|確認)",
    "仕返し",
    "復讐",
    "やり返",
    "痛い目",
    "思い知らせ",
    "後悔させ",
    "(?:脅|おど)(?:す|し|か|せ)",
    "(?:晒|さら)(?:す|し|せ|そう)",
    "ばら(?:す|し|そう|せ)",
    "言いふら",
    "罪悪感を(?:持たせ|与え|抱かせ|感じさせ|植え付け)",
    "(?:責め|問い詰め)(?:立て|続け|まくっ|倒)",
    "嫉妬させ",
    "わざと[^。]{0,6}(?:既読無視|無視|返信を遅ら|冷たく|そっけなく|嫉妬)",
    "(?:試す|気を引く|振り向かせる)(?:ため)?に[^。]{0,10}(?:無視|既読|冷たく|他の)",
    "(?:返事しないと|会ってくれないと|戻ってこないと|別れるなら)[^。]{0,10}(?:死ぬ|自殺|傷つけ)",
    word(
        r"(?:show|turn)\s+up\s+(?:unannounced\s+|uninvited\s+)?(?:at|to)\s+(?:their|his|her)\s+"
        r"(?:house|home|place|work|office|door|apartment|job|school|gym)"
    ),
    word(r"(?:show|turn)\s+up\s+(?:unannounced|uninvited)"),
    word(
        r"(?:go|drop\s+by|stop\s+by|head\s+over)\s+(?:to\s+)?(?:their|his|her)\s+"
        r"(?:house|home|place|work|office|door|apartment)\s+(?:unannounced|uninvited|without)"
    ),
    word(r"wait\s+outside|wait\s+(?:for\s+(?:them|him|her)\s+)?(?:at|by)\s+(?:their|his|her)"),
    word(r"go\s+to\s+(?:his|her|their)\s+(?:house|home|place|work|office|apartment|door)"),
    word(
        r"surprise\s+(?:them|him|her)\s+at\s+(?:their|his|her)\s+(?:home|work|house|place|office)"
    ),
    word(
        r"(?:check|monitor|track|watch|keep\s+an\s+eye\s+on|keep\s+tabs\s+on|look\s+at)\s+"
        r"(?:their|his|her)\s+(?:location|phone|messages|accounts?|social\s+media|instagram|"
        r"posts|stories|whereabouts|activity|last\s+seen|online\s+status)"
    ),
    word(r"find\s+out\s+where\s+(?:they|he|she)\s+(?:live|lives|work|works|is|are)"),
    word(
        r"(?:create|make|use|set\s+up|open)\s+(?:a\s+|an\s+)?(?:new|fake|second|another|alt|"
        r"burner|different)\s+(?:account|number|profile)"
    ),
    word(
        r"keep\s+(?:messaging|texting|calling|reaching\s+out|trying|contacting|dming)"
        r"(?:\s+(?:them|him|her))?\s+(?:until|even|no\s+matter|after|every|daily)"
    ),
    word(r"(?:even\s+if|even\s+though|after)\s+(?:they|he|she)\s+(?:blocked|block|blocks)"),
    word(r"get\s+back\s+at|revenge|retaliat\w*|payback|teach\s+(?:them|him|her)\s+a\s+lesson"),
    word(
        r"make\s+(?:them|him|her)\s+(?:pay|suffer|regret|jealous|feel\s+guilty|feel\s+bad|"
        r"feel\s+small|beg)"
    ),
    word(r"guilt[-\s]?trip\w*|gaslight\w*|manipulat\w*"),
    word(r"threaten\w*|blackmail\w*|intimidat\w*"),
    word(
        r"expose\s+(?:them|him|her)|(?:post|share|leak)\s+(?:their|his|her|our)\s+(?:old\s+)?"
        r"(?:messages|texts|chats|screenshots|photos|pictures|secrets)"
    ),
    word(
        r"or\s+(?:else\s+)?i(?:'ll|’ll|\s+will)\s+(?:post|tell|share|leak|expose|hurt|show|come)|"
        r"you(?:'ll|’ll|\s+will)\s+regret|i(?:'ll|’ll|\s+will)\s+make\s+you\s+(?:pay|regret|sorry)"
    ),
    word(
        r"(?:ignore|ghost)\s+(?:them|him|her)\s+(?:back\s+)?(?:for\s+a\s+while\s+)?to\s+"
        r"(?:punish|make|test|teach|show)"
    ),
    word(r"(?:give|giving)\s+(?:them|him|her)\s+the\s+silent\s+treatment"),
    word(
        r"(?:if\s+you\s+(?:don'?t|do\s+not|won'?t)|unless\s+you)[^.!?\n]{0,40}(?:i'?m|i\s+am|i'?ll|"
        r"i\s+will)\s+(?:coming|going|telling|posting|calling|showing|sending|come|go|tell|post|call)"
    ),
    word(r"i'?m\s+coming\s+over|i'?ll\s+come\s+(?:over|to\s+your)"),
    word(
        r"pretend(?:ing)?\s+to\s+(?:bump|run)\s+into|accidentally\s+on\s+purpose|"
        r"(?:bump|run)\s+into\s+(?:her|him|them)\s+(?:at|near)\s+(?:her|his|their)"
    ),
    word(
        r"or\s+(?:else\s+)?you(?:'ll|’ll|\s+will)\s+(?:be\s+sorry|regret)|you(?:'ll|’ll)\s+be\s+sorry"
    ),
    word(
        r"until\s+someone\s+tells\s+you\s+where|tells?\s+you\s+where\s+(?:he|she|they)\s+"
        r"(?:is|are|lives?|works?)|(?:every|all)\s+(?:one\s+of\s+)?(?:his|her|their)\s+friends"
    ),
    word(
        r"(?:find\s+out|get|ask\s+for|learn)\s+(?:his|her|their)\s+(?:new\s+)?(?:address|number|"
        r"location|workplace|whereabouts)\s+from|ask\s+(?:mutual\s+)?friends\s+(?:where|for\s+(?:his|"
        r"her|their))"
    ),
    word(
        r"(?:tell|turn)\s+(?:their|his|her|your\s+mutual|mutual)\s+friends|"
        r"(?:so|make)\s+(?:they|them|he|him|she|her)\s+feel\s+(?:ashamed|small|stupid)|humiliat\w*|"
        r"vague\s*(?:post|story|tweet)|subtweet\w*|(?:cryptic|passive-aggressive)\s+(?:post|story)|"
        r"(?:shame|embarrass)\s+(?:them|him|her)|isolate\s+(?:them|him|her)"
    ),
    word(
        r"log\s*(?:in|into|in\s+to)\s+(?:his|her|their)|(?:guess|crack|figure\s+out|get)\s+"
        r"(?:his|her|their)\s+password|(?:secretly|sneakily)\s+read|read\s+(?:his|her|their)\s+"
        r"(?:emails?|diary)|"
        r"(?:go|look)\s+through\s+(?:his|her|their)\s+(?:phone|messages)"
    ),
    word(
        r"(?:sit|wait|park|stand|hang\s+around|linger)\s+(?:in\s+your\s+car\s+)?(?:near|outside|by|"
        r"around)\s+(?:their|his|her)|catch\s+(?:them|him|her)\s+(?:leaving|coming|at|outside|off\s+guard)"
    ),
    word(
        r"(?:call|text|message|dm)\s+(?:them|him|her)\s+(?:\w+\s+)?(?:times|over\s+and\s+over|"
        r"repeatedly|nonstop|until)|(?:call|text|message|dm)\s+(?:them|him|her)[^.!?\n]{0,20}"
        r"(?:fifty|twenty|thirty|hundred|"
        r"\d{2,})\s+times"
    ),
    word(
        r"(?:use|from|borrow|via|through)\s+(?:a\s+)?(?:friend'?s|another|a\s+different|"
        r"someone\s+else'?s)\s+(?:phone|number|account)"
    ),
    word(r"tell\s+(?:them|him|her)\s+you(?:'ll|’ll|\s+will)\s+(?:hurt|kill)\s+yourself"),
    # Showing up where they live, study or work, in many verbs; pressure by presence.
    "(?:家|自宅|部屋|マンション|アパート|職場|会社|学校|大学|教室|講義室|バイト先|ジム|最寄り駅|駅)"
    "(?:の前|の近く|の外|の出口|の入り口)?(?:で待(?!ち合わせ|ちあわせ)|(?:に|へ|まで)[^。]{0,6}"
    "(?:会いに行|行って(?:みる|みましょう|みて|しまう|会)|寄って|顔を出|訪ね|押しかけ|迎えに行))",
    word(
        r"(?:swing|stop|drop|pop|come|head|go|walk|run)\s+(?:by|over|round|around)\s+(?:to\s+)?"
        r"(?:her|his|their)\s+(?:\w+\s+)?(?:apartment|house|place|home|flat|work|office|door|"
        r"building|school|gym|job|dorm|class)|"
        r"(?:knock\s+on|ring)\s+(?:her|his|their)\s+(?:door|doorbell|bell)|"
        r"(?:visit|surprise|meet|catch|find)\s+(?:her|him|them)\s+(?:at|outside|after)\s+"
        r"(?:her|his|their)\s+(?:work|office|home|place|school|gym|job|class|shift)|"
        r"(?:be|being)\s+(?:there|waiting)\s+(?:when|as)\s+(?:she|he|they)\s+(?:gets?\s+off|"
        r"leaves?|finishes|comes?\s+out|walks?\s+out)|"
        r"(?:hard|harder|difficult)\s+(?:for\s+(?:people|them|him|her|someone)\s+)?to\s+"
        r"(?:say\s+no|refuse|turn\s+you\s+down|ignore\s+you)"
    ),
    # Watching their accounts, phone and whereabouts.
    "(?:いいね|フォロー|フォロワー|ストーリー|タグ付け|足跡|最終ログイン|オンライン状況|投稿)"
    "(?:欄|履歴|相手|先|状況)?[^。]{0,10}(?:チェック|確認し|調べ|さかのぼ|遡|追っ|追いかけ|把握)",
    "(?:どこで|どこに|誰と|だれと)[^。]{0,8}(?:いるのか|いるか|過ごして)[^。]{0,4}(?:確かめ|確認|調べ|把握|突き止め)",
    "(?:相手|彼|彼女|元彼|元カレ|元カノ)の[^。]{0,8}(?:パスコード|暗証番号)|"
    "(?:スマホ|携帯)(?:の中|を)(?:のぞ|覗|こっそり)",
    word(
        r"(?:scroll|look|go|dig|comb|read)\w*\s+through\s+(?:his|her|their)\s+(?:\w+\s+)?"
        r"(?:stories|posts|likes|follow\w*|tags|photos|feed|profile|comments)|"
        r"(?:who|whose)\s+[^.!?\n]{0,20}(?:he|she|they)(?:'s|\s+is|\s+has|\s+have|'ve)?\s+"
        r"(?:been\s+)?(?:keeps\s+)?(?:tagged|liking|likes|liked|following|follows|followed)|"
        r"(?:check|monitor|track|watch|keep\s+an\s+eye\s+on|keep\s+tabs\s+on|see|study)\s+"
        r"[^.!?\n]{0,25}(?:his|her|their)\s+(?:recent\s+|new\s+|latest\s+|instagram\s+|ig\s+)?"
        r"(?:stories|likes|follows|followers|following|tagged\s+photos|location|whereabouts|"
        r"last\s+seen|online\s+status|spotify|strava)|"
        r"(?:peek|look|glance|snoop|scroll)\w*\s+(?:at|through|in|into|on)\s+(?:his|her|their)\s+"
        r"(?:phone|messages|texts|dms|chats|inbox|email|whatsapp)|"
        r"(?:his|her|their)\s+(?:phone\s+|instagram\s+|icloud\s+|email\s+)?(?:passcode|password|"
        r"login)"
    ),
    # Payback by reputation, pointed posts, conditional threats dressed as boundaries.
    "(?:評判|印象|イメージ|立場)を[^。]{0,4}(?:落と|下げ|悪く|傷つけ|潰)|陰口|悪く言いふら|"
    "(?:悪い|嫌な|ひどい)(?:話|噂|うわさ)を[^。]{0,4}(?:広め|流|言いふら)",
    "(?:友達|友人|知人|家族|同僚|共通の)[^。]{0,12}(?:どこに|居場所|住所|新しい番号|連絡先|勤務先)"
    "[^。]{0,14}(?:聞き出|聞い|聞く|尋ね|調べ|探)",
    "(?:別の|違う|新しい|他の|仕事用の)(?:番号|アカウント|アカ|電話|スマホ|携帯|メアド)(?:から|で)[^。]{0,10}"
    "(?:送|連絡|メッセージ|電話|dm)[^。]{0,3}(?:れば|ましょう|てみ|よう|すれば|たら)",
    "既読(?:が)?(?:つく|付く|になる)まで|問い詰め(?:ましょう|て|る|よう)|詰め寄",
    "(?:いいね|フォロー|ストーリー|足跡|投稿|インスタ|sns)[^。]{0,8}(?:毎日|こまめに|逐一|定期的に|ずっと)"
    "[^。]{0,4}(?:見|チェック|確認)",
    "(?:相手|彼|彼女|元彼|元カレ|元カノ)の(?:実家|職場|会社|家族|親)に(?:電話|連絡|手紙)",
    "(?:共通の友達|共通の友人|共通の知人|友達|友人|知人|周り|みんな|同僚)に[^。]{0,30}(?:それとなく|こっそり|わざと)[^。]{0,6}"
    "(?:話|言|伝え|広め)",
    "(?:たら|なら|ないと|ならば)[^。]{0,25}(?:家族|親|会社|職場|上司|友達|みんな|sns|ネット)に"
    "(?:も)?[^。]{0,6}(?:話す|言う|ばらす|伝える|言いつけ|送る|晒す|載せる)(?:から|ぞ|よ|かも)",
    word(
        r"(?:badmouth|bad-mouth|trash[-\s]?talk)\w*|ruin\s+(?:his|her|their)\s+(?:reputation|name|image)|"
        r"(?:so|make\s+sure)\s+(?:she|he|they)\s+knows?\s+(?:exactly\s+)?(?:who\s+it'?s\s+about|"
        r"it'?s\s+about)|(?:it|that)\s+stings|make\s+it\s+sting|"
        r"(?:pointed|snarky|petty|cryptic|shady|passive[-\s]aggressive)\s+(?:quote|post|story|status|"
        r"tweet|caption|comment|meme)|come\s+crawling\s+back|"
        r"(?:if|when|unless)\s+(?:she|he|they)\s+[^.!?\n]{0,30}(?:you'?ll|you\s+will|you'?re\s+going\s+to|"
        r"you\s+would)\s+(?:forward|send|post|share|tell|show|leak|expose|report\s+(?:her|him|them))|"
        r"keeps?\s+(?:her|him|them)\s+(?:honest|in\s+line|on\s+(?:a\s+)?(?:short\s+)?leash)"
    ),
    # Guilt and jealousy engineered to pull them back.
    "(?:罪悪感|申し訳なさ|後ろめたさ|負い目)[^。]{0,12}(?:ように(?:する|仕向け)|なるように|させ|持たせ|"
    "抱かせ|植え付け|煽|つけこ|つけ込)|(?:大げさ|大袈裟|おおげさ|誇張|盛っ)(?:に|して|て)?[^。]{0,6}"
    "(?:伝え|話|言|書)",
    "(?:他の|別の|新しい)(?:男|女|人|彼氏|彼女|相手|恋人)[^。]{0,10}(?:匂わせ|ほのめか|いるふり|いるフリ|"
    "いるように見せ|ちらつかせ)|(?:恋人|彼氏|彼女|相手)が(?:いる|できた)(?:ふり|フリ|ように見せ)|"
    "(?:失う|取られる)(?:かも|と)[^。]{0,6}(?:焦らせ|思わせ|不安にさせ)|焦らせ",
    word(
        r"(?:exaggerat|overstat|play\s+up|lay\s+it\s+on)\w*|lay\s+(?:on\s+)?(?:the\s+)?guilt|"
        r"(?:so|until)\s+(?:she|he|they)\s+feels?\s+(?:guilty|terrible|awful|responsible|bad)|"
        r"even\s+if\s+(?:there\s+isn'?t|there'?s\s+no|you'?re\s+not|it'?s\s+not\s+true)|"
        r"(?:pretend|act\s+like|make\s+(?:it\s+)?(?:look|seem)\s+like|imply|hint)\s+(?:that\s+)?"
        r"(?:you'?re|you\s+are|you\s+have|you'?ve\s+been)\s+(?:\w+\s+){0,2}(?:seeing|dating|with|"
        r"talking\s+to)\s+(?:someone|somebody|a\s+new|another)|"
        r"(?:think|thinking|realise|realize|feel|believe)\s+(?:they'?re|he'?s|she'?s|they\s+are|"
        r"he\s+is|she\s+is)\s+(?:about\s+to|going\s+to|gonna)\s+lose\s+you|"
        r"(?:mention|bring\s+up|drop)\s+(?:the|a|your)\s+(?:new\s+)?(?:guy|girl|man|woman|date|"
        r"someone)\s+you'?(?:ve|re)\s+(?:been\s+)?(?:seeing|dating)|"
        r"make\s+(?:him|her|them)\s+(?:a\s+little\s+|a\s+bit\s+|slightly\s+|really\s+)?(?:worry|"
        r"wonder|anxious|panic|scared|jealous)|"
        r"remind\s+(?:him|her|them)\s+(?:of\s+)?(?:how\s+much|what)\s+(?:he|she|they)\s+(?:hurt|did|cost)|"
        r"so\s+(?:he|she|they)\s+knows?\s+what\s+(?:he|she|they)\s+did|"
        r"time\s+your\s+(?:workouts?|commute|visits?|lunch|schedule|runs?)\s+(?:with|to\s+match)|"
        r"ask\s+(?:his|her|their)\s+(?:\w+\s+)?(?:roommate|friends?|sister|brother|coworkers?|"
        r"colleagues?|mom|mother|family|neighbou?rs?)\s+[^.!?\n]{0,20}(?:where|what\s+time|when|who)\s+"
        r"(?:he|she|they)|"
        r"from\s+(?:your\s+(?:work|other|second|old|spare|new|different)|(?:a\s+|your\s+)?(?:friend|"
        r"mom|mum|sister|brother|coworker)'?s)\s+(?:phone|number|account|email)|"
        r"(?:can'?t|couldn'?t|hasn'?t|didn'?t)\s+(?:have\s+)?blocked\s+(?:that|this|it)|"
        r"(?:at|to|on)\s+(?:his|her|their)\s+(?:office|work|school)\s+(?:email|address|phone|number|"
        r"landline)|"
        r"(?:check|see|watch|look\s+at)\s+(?:when|whether|if)\s+(?:he|she|they)\s+(?:was|were|is|are|"
        r"'s)\s+(?:last\s+)?online"
    ),
)

_INSULT = LazyCue(
    "馬鹿(?!に)",
    "バカ(?!に)",
    "ばか(?!り|に|げ|ばかし|す)",
    "アホ",
    "(?<!じゃ)あほ(?:じゃ|すぎ|らし|だな|だね)",
    "クズ",
    "くず(?:だ|です|男|女|野郎|人間)",
    "カス(?!タ|テ|ト|ケ)",
    "ブス(?!ト)",
    "ゴミ(?:みたい|以下|人間|野郎|だ|です|クズ)",
    "キモ(?:い|すぎ|っ|男|女)",
    "きもい|きもすぎ",
    "気持ち悪い(?:人|奴|やつ|男|女)",
    "ウザ(?:い|すぎ|っ)",
    "うざ(?:い|すぎ|っ)",
    "役立たず",
    "間抜け|マヌケ",
    "負け犬",
    "最低な?(?:人間|やつ|奴|男|女|人)",
    "死ね(?![ばなるたま])",
    "クソ",
    "くそ(?:野郎|やろう|男|女|人間|が)",
    "メンヘラ",
    "惨めな(?:人|やつ|奴)",
    "見苦しい",
    "みっともない",
    "お前みたいな|誰も相手にしない|ざまあ|情けない(?:やつ|奴|人)",
    "(?:あなた|君|きみ)(?:が|は|って)[^。]{0,6}(?:重くて|重い人|面倒な人|めんどくさい人|うざい|"
    "しつこい人|魅力がない|つまらない人|痛い人)|(?:重くて|重い)(?:面倒|めんどう|めんどくさ)",
    word(
        r"(?:people|someone|somebody|those)\s+like\s+you\s+(?:always|tend\s+to|usually|never|just|"
        r"will|get|end\s+up|are|don'?t)|"
        r"(?:you'?re|you\s+are|you\s+were)\s+(?:probably\s+|just\s+|too\s+|so\s+|simply\s+)?"
        r"(?:needy|clingy|boring|annoying|exhausting|unlovable|hard\s+to\s+love|too\s+much)"
        r"(?=\s*(?:[.,!;]|$|and|to\s+be|for\s+(?:him|her|them|anyone)))"
    ),
    word(
        r"idiot\w*|stupid|moron\w*|loser|pathetic|worthless|dumb(?:ass)?|(?<!knee[- ])jerk|"
        r"creep|psycho|bitch\w*|asshole|bastard|freak(?!\s+out)|clown|trash|garbage\s+person|"
        r"waste\s+of\s+(?:space|oxygen)|(?:total|complete|such\s+a)\s+(?:narcissist|sociopath)|"
        r"cringe|desperate\s+(?:loser|person)|crybaby|needy\s+(?:loser|mess)|coward\w*|spineless"
    ),
    fold_kana=False,
)

_ENCOURAGES_SELF_HARM = LazyCue(
    "死んだ(?:ほう|方)が(?:いい|まし|楽)",
    "死ねば",
    "死んでしまえ",
    "消えた(?:ほう|方)が(?:いい|まし)",
    "消えてしまえ",
    "生きる価値(?:は|が|も)?(?:ない|無い)",
    "生きてる価値(?:は|が|も)?(?:ない|無い)",
    "自殺(?:すれば|しても|も選択肢|を勧め|という選択|するのも|するしか)",
    "自分を傷つけ(?:て|れば)(?:も|いい|楽)",
    # Self-injury or giving up offered as a way to cope.
    "(?:自分を傷つけ|自傷|リスカ|切る|切って)(?:(?!やめ|しない|せず|ないで|避け|たくなっ)[^。!?\\n]){0,16}"
    "(?:方法|楽に|落ち着|すっきり|スッキリ|吐き出|アリ|あり|悪くない)",
    "楽になる(?:道|方法|ほう|方)を選",
    "生きていても(?:仕方|しかた)(?:が)?ない(?:と思うのも|のは当然|のも無理)",
    "(?:リスカ|od)(?:すれば|しても(?:いい|大丈夫))",
    "致死量",
    "首の(?:吊り|つり)方",
    "楽に死",
    "誰も悲しまない",
    "(?:消える|消えて|死ぬ|いなくなる)(?:しまう)?(?:の|こと)?も(?:選択肢|アリ|あり|一つの手)",
    word(r"kill\s+yourself|kys|go\s+die|you\s+should\s+die"),
    word(r"(?:you(?:'d|’d|\s+would)\s+be\s+)?better\s+off\s+(?:dead|gone)"),
    word(r"end\s+it\s+all|not\s+worth\s+living"),
    word(
        r"(?:suicide|self[-\s]?harm|hurting\s+yourself|ending\s+your\s+life)\s+(?:is|could\s+be|"
        r"might\s+be)\s+(?:an\s+option|the\s+answer|a\s+solution|the\s+way\s+out|understandable)"
    ),
    word(r"(?:you\s+should|go|just)\s+(?:hurt|cut|harm)\s+yourself"),
    word(r"(?:let\s+yourself|you\s+(?:could|can|may))\s+disappear\s+(?:for\s+good|forever)"),
    word(r"lethal\s+dose|how\s+many\s+pills|tie\s+a\s+noose"),
    word(
        r"(?:dying|disappearing|ending\s+it|not\s+being\s+here)\s+(?:for\s+good\s+|forever\s+)?"
        r"(?:is|might\s+be|could\s+be)\s+(?:the|an|your)\s+(?:answer|option|way\s+out|solution)"
    ),
    word(
        r"no\s*(?:one|body)\s+would\s+(?:miss|notice|care\s+if)\s+you|"
        r"world\s+(?:would\s+be|is)\s+better\s+(?:off\s+)?without\s+you"
    ),
)

# Hopelessness pressed on the user: read like the harm cues, so "don't give up on yourself"
# passes, and reported as self-harm encouragement.
_HOPELESS = LazyCue(
    "(?:何をしても|何やっても|なにをしても|なにやっても|どうせ)[^。]{0,12}"
    "(?:無駄|むだ|意味(?:が|は)?ない|変わらない|報われない|うまくいかない)",
    "(?:人生|将来|未来|この先)に(?:は)?(?:期待しない|希望を持たない|期待しても無駄)",
    "(?:あなた|君|きみ)(?:は|には)(?:一生|ずっと|この先も)[^。]{0,8}(?:ひとり|独り|孤独|幸せになれ|報われ|愛され)"
    "(?:ない|ません|だ|です)",
    word(
        r"(?:not|no)\s+(?:much\s+)?point\s+in\s+(?:trying|anything|hoping|bothering)"
        r"(?=\s*(?:[.,!?]|$|or\s|at\s+all|really|anymore))|"
        r"expect\s+(?:much|anything)\s+(?:from|of)\s+(?:life|the\s+future|people|anyone)|"
        r"(?:it|things|life)\s+(?:will\s+never|won'?t\s+ever|is\s+never\s+going\s+to)\s+get\s+better|"
        r"(?:give\s+up\s+on|stop\s+hoping\s+for)\s+(?:life|yourself|love|everything|happiness)|"
        r"(?:you'?ll|you\s+will)\s+(?:always\s+)?(?:be|end\s+up)\s+(?:alone|left\s+behind|unloved)"
    ),
)

# Encouragements that look like negations ("don't hesitate to…", 「迷わず…」) are removed
# first, so they cannot excuse the sentence that follows.
_FALSE_NEGATION = LazyCue(
    word(r"(?:don'?t|do\s+not|never)\s+(?:hesitate|be\s+afraid|forget|wait)"),
    "ためらわ(?:ない|ず)",
    "迷わ(?:ない|ず)",
    "遠慮(?:しない|せず)",
    "恐れ(?:ず|ない)",
    "躊躇(?:しない|せず)",
    "気にせず",
    "(?:ん)?じゃない(?:の|か)|じゃね|ではない(?:の|か)",
    "(?:てい|い)?(?:ない|なかった)(?:なら|のなら|ら)|なければ|ないうちに|"
    "(?:い|て)?ないか(?:どうか)?(?:を)?(?:確認|チェック|確かめ|調べ|見|探)",
)
_NEGATION_BEFORE_EN = LazyCue(
    word(
        r"don'?t|do\s+not|never|avoid\w*|not|no\s+need|instead\s+of|rather\s+than|resist|"
        r"stop|won'?t|refrain|hold\s+off|steer\s+clear|against"
    )
)
_NEGATION_AFTER_EN = LazyCue(
    word(
        r"(?:is|are)\s*(?:n'?t|not)\s+(?:okay|ok|a\s+good\s+idea|healthy|fair|safe)|bad\s+idea|"
        r"backfire\w*|crosses?\s+a\s+line|(?:can|could|will|would)\s+(?:scare|frighten|hurt)|"
        r"unsafe|rarely\s+(?:works?|helps?)|won'?t\s+help"
    )
)
_NEGATION_JA = LazyCue(
    "ない|なく|ません|ぬよう|禁物|やめ|止め|避け|控え|逆効果|だめ|ダメ|いけな|厳禁|"
    "べきでは|ご法度|せず|しないで|遠ざけ|問題にな|たい気持ち|たくなる気持ち|たくなっても|たい衝動",
    word("ng"),
)
_SENTENCE = re.compile(r"(?<=[。！？!?\n])|(?<=[.;])\s+")
_CLAUSE_END = re.compile("が、|けど|けれど|ので、|から、|のに|ておけば|[,，]")
"""Where a Japanese negation stops reaching back: a turn of thought, not a listing 「〜たり、」;
「〜しておけば、…しない」 promises an outcome and does not take the advice back."""
_CLAUSE_CHARS = 40


def _warned_against(sentence: str, found: re.Match[str]) -> bool:
    """English negates before the verb ("don't…"), Japanese after it, up to a "but" or "so"."""
    before = _FALSE_NEGATION.sub(" ", jaconv.kata2hira(sentence[: found.start()]))
    after = jaconv.kata2hira(sentence[found.end() :])
    clause = _FALSE_NEGATION.sub(" ", _CLAUSE_END.split(after, maxsplit=1)[0][:_CLAUSE_CHARS])
    return bool(
        _NEGATION_BEFORE_EN.search(before)
        or _NEGATION_AFTER_EN.search(after)
        or _NEGATION_JA.search(clause)
    )


def _affirmed(pattern: LazyCue, text: str, fold: Callable[[str], str] = normalize) -> bool:
    """The cue appears somewhere that does not warn against it."""
    for sentence in _SENTENCE.split(fold(text)):
        for found in pattern.finditer(sentence):
            if not _warned_against(sentence, found):
                return True
    return False


def _anywhere(pattern: LazyCue, text: str) -> bool:
    return pattern.search(normalize(text)) is not None


# --- Markup, phone numbers, prompt leaks, language. --------------------------------------

_MARKUP = re.compile(
    r"!\[[^\]]*\]\([^)]*\)|\[[^\]]+\]\([^)]+\)|<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^>]*)?/?>|"
    r"<!--|javascript:|data:text/html|"
    # Markdown the page would show as raw symbols: headings, bold, bullets, fences, quotes.
    r"^\s{0,3}#{1,6}\s|\*\*[^*\n]+\*\*|__[^_\n]+__|^\s*[-*+]\s+\S|^\s*```|^\s*>\s|^\s*\|.*\|\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_DIAL = re.compile(
    r"(?:call|text|dial|phone|tel|ring|電話|ダイヤル|番号|窓口)[^\d#＃\n]{0,12}"
    r"([#＃]?\d[\d\-‐() ]{2,}\d)",
    re.IGNORECASE,
)
_SHORT_CODE = re.compile(r"[#＃]\s?(\d{3,4})")


def _digit_count(text: str) -> int:
    """Short spans after "call" are durations ("call within 24-48 hours"), not numbers."""
    return sum(ch.isdigit() for ch in text)


def _unknown_number(text: str) -> bool:
    text = fold_digits(text)
    dialled = [m.group(1) for m in _DIAL.finditer(text)]
    candidates = [*find_phone_numbers(text), *(n for n in dialled if _digit_count(n) >= 5)]
    candidates += [m.group(1) for m in _SHORT_CODE.finditer(text)]
    for candidate in candidates:
        digits = "".join(ch for ch in candidate if ch.isdigit())
        if digits in ALLOWED_NUMBERS:
            continue
        if len(digits) == 11 and digits.startswith("1") and digits[1:] in ALLOWED_NUMBERS:
            continue
        return True
    return False


@lru_cache(maxsize=16)
def _prompt_shingles(system_prompt: str) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    folded = normalize(system_prompt)
    chars = re.sub(r"\s+", "", folded)
    words = tuple(folded.split())
    char_set = frozenset(chars[i : i + _LEAK_CHARS] for i in range(len(chars) - _LEAK_CHARS + 1))
    word_set = frozenset(words[i : i + _LEAK_WORDS] for i in range(len(words) - _LEAK_WORDS + 1))
    return char_set, word_set


def _leaks(text: str, system_prompt: str) -> bool:
    if not system_prompt:
        return False
    char_set, word_set = _prompt_shingles(system_prompt)
    folded = normalize(text)
    chars = re.sub(r"\s+", "", folded)
    if any(chars[i : i + _LEAK_CHARS] in char_set for i in range(len(chars) - _LEAK_CHARS + 1)):
        return True
    words = tuple(folded.split())
    return any(words[i : i + _LEAK_WORDS] in word_set for i in range(len(words) - _LEAK_WORDS + 1))


_JAPANESE_CHAR = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
_LATIN_CHAR = re.compile("[A-Za-z]")


def _wrong_language(text: str, language: Language) -> bool:
    japanese = len(_JAPANESE_CHAR.findall(text))
    latin = len(_LATIN_CHAR.findall(text))
    letters = japanese + latin
    if letters < 8:
        return False
    if language == "ja":
        return japanese < 0.4 * letters
    return japanese >= 3 and japanese > 0.1 * letters


# --- Sections. ----------------------------------------------------------------------------

_EXPECTED: dict[str, type] = {
    "reason": ReasonDraft,
    "response": ResponseDraft,
    "caution": CautionDraft,
}


def _strings(value: object, *, many: bool) -> list[str] | None:
    if not many:
        return [value] if isinstance(value, str) else None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def _fields(name: str, value: object) -> dict[str, list[str]] | None:
    """Each text field of the section as a list of strings; None when the shape is wrong."""
    names = {"reason": ("summary",), "response": ("approach", "replies"), "caution": ("points",)}
    fields: dict[str, list[str]] = {}
    for field in names[name]:
        strings = _strings(getattr(value, field, None), many=field in ("replies", "points"))
        if strings is None:
            return None
        fields[field] = strings
    if name == "response":
        # The decision's one-liners are optional (the rules fill them) but checked when written.
        for field in ("why", "timing"):
            text = getattr(value, field, "")
            if not isinstance(text, str):
                return None
            if text.strip():
                fields[field] = [text]
    return fields


def section_texts(name: str, value: object) -> list[tuple[str, str]]:
    """Every text field of a section with its path (`response.replies[1]`); [] when malformed."""
    fields = _fields(name, value)
    if fields is None:
        return []
    out: list[tuple[str, str]] = []
    for field, strings in fields.items():
        many = field in ("replies", "points")
        out.extend(
            (f"{name}.{field}[{i}]" if many else f"{name}.{field}", text)
            for i, text in enumerate(strings)
        )
    return out


def _shape(name: str, value: object) -> RailVerdict | None:
    if name not in _EXPECTED or not isinstance(value, _EXPECTED[name]):
        return RailVerdict("malformed", f"{name}: not a {name} section")
    if _fields(name, value) is None:
        return RailVerdict("malformed", f"{name}: a text field is missing or not text")
    if name == "response":
        decision = getattr(value, "decision", None)
        intents = getattr(value, "intents", [])
        if decision is not None and decision not in MODEL_DECISIONS:
            return RailVerdict("malformed", "response.decision: not a decision id")
        if not isinstance(intents, list) or any(i not in DRAFT_INTENTS for i in intents):
            return RailVerdict("malformed", "response.intents: not intent ids")
    if name == "reason":
        categories = getattr(value, "categories", None)
        if not isinstance(categories, list) or not 1 <= len(categories) <= 3:
            return RailVerdict("unknown_category", "reason.categories: one to three ids needed")
        if any(not isinstance(c, str) or c not in REASON_IDS for c in categories):
            return RailVerdict("unknown_category", "reason.categories: id outside the taxonomy")
    return None


def _empty(name: str, fields: dict[str, list[str]], language: Language) -> RailVerdict | None:
    limits = {"replies": (1, 3), "points": (1, 5)}
    for field, strings in fields.items():
        low, high = limits.get(field, (1, 1))
        if not low <= len(strings) <= high:
            return RailVerdict("empty_content", f"{name}.{field}: {len(strings)} items")
        if any(_is_placeholder(s) for s in strings):
            return RailVerdict("empty_content", f"{name}.{field}: empty or placeholder text")

    for field in ("summary", "approach"):
        if field in fields and len(normalize(fields[field][0])) < _MIN_SUMMARY[language]:
            return RailVerdict("empty_content", f"{name}.{field}: too short to say anything")
    return None


def _content(
    name: str, texts: Sequence[str], language: Language, system_prompt: str
) -> RailVerdict | None:
    joined = "\n".join(texts)
    if _anywhere(_ENCOURAGES_SELF_HARM, joined):
        return RailVerdict("self_harm_encouragement", f"{name}: encourages self-harm")
    if any(_affirmed(_HOPELESS, t) for t in texts):
        return RailVerdict("self_harm_encouragement", f"{name}: presses hopelessness")
    if any(_affirmed(_HARMFUL, t) for t in texts):
        return RailVerdict("harmful_advice", f"{name}: advises stalking, pressure or retaliation")
    if any(_affirmed(_INSULT, t, fold_width) for t in texts):
        return RailVerdict("insult", f"{name}: insulting wording")
    if _leaks(joined, system_prompt):
        return RailVerdict("prompt_leak", f"{name}: repeats part of the system prompt")
    shown = clean(joined)
    if contains_url(shown) or _MARKUP.search(shown):
        return RailVerdict("link_or_markup", f"{name}: link, image or markup")
    if _unknown_number(shown):
        return RailVerdict("unknown_phone", f"{name}: phone number not in the resources table")
    if _wrong_language(joined, language):
        return RailVerdict("wrong_language", f"{name}: not written in {language}")
    return None


def check_section(
    name: SectionName,
    value: ReasonDraft | ResponseDraft | CautionDraft,
    *,
    language: Language,
    system_prompt: str,
) -> RailVerdict | None:
    """The first rail one section breaks, or None: lets a streamed section show at once."""
    return _check_section(name, value, language, system_prompt)


def _check_section(
    name: str, value: object, language: Language, system_prompt: str
) -> RailVerdict | None:
    shape = _shape(name, value)
    if shape is not None:
        return shape
    fields = _fields(name, value)
    assert fields is not None  # checked by _shape
    empty = _empty(name, fields, language)
    if empty is not None:
        return empty
    texts = [text for strings in fields.values() for text in strings]
    content = _content(name, texts, language, system_prompt)
    if content is not None:
        return content
    for field, strings in fields.items():
        if any(_not_prose(s, language) for s in strings):
            return RailVerdict("incoherent", f"{name}.{field}: not a sentence of advice")
    return None


def _repeated(draft: AdviceDraft) -> bool:
    """The same text filling several fields: a model echoing a template, not advising."""
    texts = [draft.reason.summary, draft.response.approach]
    texts += [*draft.response.replies, *draft.caution.points]
    counts = Counter(normalize(t) for t in texts)
    folded_summary = normalize(draft.reason.summary)
    return counts.most_common(1)[0][1] >= 3 or folded_summary == normalize(draft.response.approach)


def check_output(
    draft: AdviceDraft, *, language: Language, system_prompt: str
) -> RailVerdict | None:
    """Every section, then whole-answer checks: the first rail broken, or None."""
    if not isinstance(draft, AdviceDraft):
        return RailVerdict("malformed", "answer: not an advice draft")
    for name in SECTIONS:
        verdict = _check_section(name, getattr(draft, name, None), language, system_prompt)
        if verdict is not None:
            return verdict
    if _repeated(draft):
        return RailVerdict("empty_content", "answer: the same text fills several fields")
    all_text = "\n".join(
        [
            draft.reason.summary,
            draft.response.why,
            draft.response.timing,
            draft.response.approach,
            *draft.response.replies,
            *draft.caution.points,
        ]
    )
    if _wrong_language(all_text, language):
        return RailVerdict("wrong_language", f"answer: not written in {language}")
    if _leaks(all_text, system_prompt):
        return RailVerdict("prompt_leak", "answer: repeats part of the system prompt")
    return None
