"""Safety cues: a few large precompiled alternations over normalised text.

Patterns are written as people type them (katakana, full-width) and brought to the same form
as `coach.text.normalize` output when compiled, so one pattern covers every script variant.
ASCII words are matched on ASCII boundaries: Python's `\\b` treats kana as word characters, so
"DVを受けた" would slip past a plain `\\bdv\\b`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import jaconv

from coach.schemas import SafetyLevel

__all__ = [
    "LazyCue",
    "SafetyMatch",
    "cue_regex",
    "fold_width",
    "glued",
    "match_safety",
    "search_glued",
    "word",
]

_A = "(?<![a-z0-9])"
_Z = "(?![a-z0-9])"
_S = r"['’]?"  # optional apostrophe, straight or curly
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")


class _Word(str):
    """An English cue: matched between ASCII boundaries, grouped with the other words."""


def word(pattern: str) -> str:
    """An English cue that must stand as its own word."""
    return _Word(pattern)


def _alternation(alternatives: tuple[str, ...]) -> str:
    """Words share one boundary check that fails at once on kana and inside words: with a
    boundary per branch, every branch was tried at every position of a Japanese text."""
    others = [f"(?:{alt})" for alt in alternatives if not isinstance(alt, _Word)]
    words = [f"(?:{alt})" for alt in alternatives if isinstance(alt, _Word)]
    if words:
        others.append(f"{_A}(?=[a-z0-9'’#<\\[])(?:{'|'.join(words)}){_Z}")
    return "|".join(others)


def cue_regex(*alternatives: str, fold_kana: bool = True) -> re.Pattern[str]:
    """One compiled alternation, folded like the text it reads (NFKC, lower case, and hiragana
    unless `fold_kana` is off: katakana slurs such as カス stay apart from ごまかす)."""
    body = _alternation(alternatives)
    if _UPPER_ESCAPE.search(body):
        raise ValueError("cue patterns are lower-cased: use [^...] instead of upper-case escapes")
    body = unicodedata.normalize("NFKC", body).lower()
    return re.compile(jaconv.kata2hira(body) if fold_kana else body)


class LazyCue:
    """A cue regex compiled on first use: rails that only the model path runs (the output
    rails) then cost an offline start-up nothing."""

    __slots__ = ("_alternatives", "_compiled", "_fold_kana")

    def __init__(self, *alternatives: str, fold_kana: bool = True) -> None:
        self._alternatives = alternatives
        self._fold_kana = fold_kana
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = cue_regex(*self._alternatives, fold_kana=self._fold_kana)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.compiled.sub(replacement, text)


_SPACE_IN_PATTERN = re.compile(r"\\s(?:[+*?]|\{\d*,?\d*\})?\??|\x20(?:[+*?]|\{\d*,?\d*\})?\??")


@cache
def glued(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same cues with every space and word boundary dropped, for a text in which words were
    spelled letter by letter and joined ("killmyself"); compiled on first need, as such texts
    are rare."""
    body = pattern.pattern.replace(_A, "").replace(_Z, "")
    return re.compile(_SPACE_IN_PATTERN.sub("", body))


def search_glued(pattern: re.Pattern[str], words: Sequence[str]) -> re.Match[str] | None:
    """The first cue found in any spelled-out word."""
    for spelled in words:
        if (found := glued(pattern).search(spelled)) is not None:
            return found
    return None


def fold_width(text: str) -> str:
    """NFKC and lower case, kana left as written: the form `fold_kana=False` cues read."""
    return unicodedata.normalize("NFKC", text).lower()


# --- Figurative speech: removed before the crisis cues are read. -------------------------

_FIGURATIVE = cue_regex(
    "恥ずかし(?:くて|すぎて|過ぎて|さで)(?:死にたい|しにたい|消えたい|きえたい|死ぬ)",
    "(?:死にたい|しにたい|消えたい|きえたい)(?:くらい|ぐらい|ほど)"
    "(?:恥ずかし|はずかし|忙し|いそがし|眠|ねむ|暇|ひま|退屈|寒|暑)",
    "笑い死",
    "(?:会社|仕事|上司|部活|バイト|残業|ブラック企業|テスト|課題|締め切り)に[^。!?\\n]{0,2}殺され",
    word(
        r"(?:not|never)\s+wake\s+up\s+(?:early|on\s+time|until|till|before|in\s+time|at|the|my|him|her|"
        r"them|anyone|everyone|everybody|your|our|his|their|when|for|to)"
    ),
    "(?:ネット|sns|ツイッター|twitter|掲示板|炎上|世間|コメント|リプ|レビュー)[^。!?\\n]{0,8}(?:叩|たた)かれ",
    "(?:肩|かた|背中|せなか)[^。!?\\n]{0,4}(?:叩|たた)かれ|口を(?:叩|たた)かれ",
    word(
        r"(?:i'?ll|gonna|i\s+will)\s+(?:literally\s+)?kill\s+(?:you|u)[^.!?\n]{0,40}(?:lol|lmao|haha|jk)"
    ),
    "(?:ぶっ)?(?:殺|ころ)(?:す|される)(?:ぞ|から|って)?[wｗ笑草]",
    "(?:試合|ゲーム|対戦|大会|模試|テスト|スマブラ|マリカ)[^。!?\\n]{0,10}"
    "(?:ぼこぼこ|ぼっこぼこ|ぶっ殺|ぶっころ|ぶっ潰|ぶっつぶ|潰|つぶ|しば|ぼこ)[^。!?\\n]{0,8}",
    "飛び降り(?:る|た)?(?:シーン|場面|映画|ドラマ|ニュース|事故)",
    "遺書(?:みたいな|のような|みたい|かよ|レベル)",
    word(r"(?:want|wanted|wanna|going to|gonna)\s+(?:to\s+)?die\s+of\s+(?:embarrassment|shame)"),
    word(r"died\s+of\s+(?:embarrassment|shame|laughter)"),
    # Worrying about looking like a stalker, or casually looking at a public profile.
    "ストーカー(?:かと思|みたい|っぽ|扱い|と思われ|だと思われ|気質|役|もの|映画|ドラマ|の話|のニュース)",
    word(r"die\s+laughing|dying\s+(?:of\s+)?laugh\w*|died\s+laughing"),
    # Giving things away before a move or a clear-out, and worrying about seeming a stalker.
    word(
        r"(?:moving|move|moved|relocat\w*|declutter\w*|downsiz\w*|minimalis\w*)[^.!?\n]{0,40}"
        r"giv(?:e|ing)\s+away|stalk(?:er|ing)-?ish|stalk(?:er|ing)y"
    ),
    word(
        r"(?:seem|look|sound|come\s+across|be)\s+(?:like\s+)?(?:a\s+)?(?:stalker|creep)|"
        r"stalker-?ish"
    ),
    word(
        r"stalk(?:ed|ing)?\s+(?:his|her|their|my|my\s+ex'?s?)\s+(?:old\s+)?(?:instagram|insta|ig|profile|"
        r"page|socials|facebook|fb|twitter|tiktok|posts|account|linkedin|stories)"
    ),
)

# --- Negative exaggeration: no crisis, but a gentle check-in. ----------------------------

_NEG = (
    "(?:つら|辛|しんど|苦し|くるし|悲し|かなし|寂し|さみし|さびし|きつ|不安|怖|こわ|"
    "落ち込|傷つ|泣|悩|苦痛|病|嫌|いや)"
)
_DISTRESS = cue_regex(
    f"(?:死ぬ|しぬ)(?:ほど|くらい|ぐらい){_NEG}",
    f"(?:死に|しに)そう(?:な|に)?(?:ほど|くらい|ぐらい)?{_NEG}",
    f"{_NEG}[^。!?\\n]{{0,4}}(?:くて|すぎて|過ぎて)(?:死にそう|しにそう|死ぬ)",
    word(r"(?:is|are|was|'s|’s)\s+(?:literally\s+|slowly\s+|really\s+)?killing\s+me"),
    word(r"dying\s+inside"),
    word(rf"(?:can{_S}t|cannot)\s+take\s+(?:it|this)\s+any\s?more"),
)

# --- Self-harm: thoughts of suicide or self-harm, in any wording or script. ---------------

_SELF_HARM = cue_regex(
    # 死にたい and its disguises: しにたい, 氏にたい, タヒにたい, 4にたい, 死にたみ
    "(?:死|し|氏|タヒ|4)に(?:たい(?!して|する)|たく|たみ|てえ|てぇ)",
    "死のう",
    "死んで(?:しまいたい|しまおう|しまえたら|楽に)",
    "死んじゃいたい",
    "死んだ(?:ほう|方)が(?:まし|楽|いい)",
    "死ねたら",
    "死ぬ(?:しか|つもり(?!で)|覚悟(?!で)|方法|準備)",
    "死に方",
    "楽に死",
    "自殺",
    "じさつ",
    "自死",
    "希死念慮",
    "自傷",
    "自分を傷つけ",
    "(?:消|き)え(?:たい|てしまいたい|ちゃいたい|てなくなりたい)",
    "いなくなりたい",
    "この世から(?:消え|いなくな)",
    "生きて(?:いたく|たく|る意味|いる意味|いく意味|いける気が)",
    "生きる(?:意味|価値|気力|理由|目的)(?:が|も)(?:ない|無い|なくな|わから|見つからな|見当たらな)",
    "生きるの(?:が|も)?(?:つら|辛|しんど|疲れ|苦し|嫌|いや)",
    "生きていけない",
    "生きて(?:る|いる)価値",
    "生きて(?:る|いる)(?:の|こと)が(?:つら|辛|しんど|苦し|嫌|いや|疲れ|面倒)",
    "(?:明日|朝)が(?:来なければ|こなければ|来なきゃ)",
    "目が覚めなければ",
    "もう[^。!?\\n]{0,8}全部終わ(?:りにしたい|らせたい)",
    "生まれてこなければ",
    "生まれて(?:こなきゃ|こなけりゃ|こなかったら|きたくなかった|こない(?:方|ほう)が)|"
    "(?:生きてて|生まれてきて)(?:ごめん|すみません|申し訳)",
    "(?:電車|線路|ホーム|車|トラック)[^。!?\\n]{0,10}飛び込(?:みたく|みたい|もう|めば|んだら)",
    "リスカ",
    "リストカット",
    "アムカ",
    "手首を切",
    "腕を切(?:った|って|りたい|る)",
    word(r"od"),
    "ODし",
    "オーバードーズ",
    "過量服薬",
    "薬を(?:大量|まとめて|全部|ぜんぶ|いっぱい|ためて|溜めて)",
    "睡眠薬を(?:大量|全部|ためて|溜めて|集めて|まとめて)",
    "首を?(?:吊|つ)(?:り|る|ろう|った)",
    "首つり",
    "飛び降り(?:たい|たく|よう|る|自殺|しよう)",
    "(?:電車|線路|ホーム)に飛び込",
    "練炭",
    "遺書",
    "命を絶",
    "人生を?(?:終わりに|終わらせ|おわらせ|やめ)",
    "(?:もう|早く|いっそ)楽になりたい",
    "死んだら(?:楽|らく)",
    "生きる(?:のに|ことに)疲れ",
    "しのうかな",
    "全部終わりにしたい",
    "後追い",
    "死なせて",
    "死(?:んでも|んだって)(?:いい|良い|かまわ|構わ)",
    "(?:死ぬ|死ぬこと|死)(?:の)?(?:こと)?(?:ばかり|ばっかり|ばっか)(?:考え|思)",
    "死ぬことを考え",
    "死に場所|死ねる(?:方法|場所|薬)",
    "死んだら(?:誰か|だれか|みんな|皆|家族)",
    "この世に(?:いたくない|いる意味|未練)",
    "(?:ロープ|縄|練炭)を(?:買っ|用意|準備|集め)",
    "(?:いなくなっても|死んでも|消えても)(?:誰も|だれも)",
    "(?:手首|腕|体)を?(?:切っ|切り|切る|切ろ|傷つけ)",
    "(?:自分|私|わたし|僕|俺)(?:なんか|なんて|が)(?:いなくなれば|いない(?:ほう|方)が|消えれば|死ねば|"
    "生きてる価値|"
    "生まれてこなければ)",
    "(?:誰か|だれか)殺して",
    "逝きたい",
    word(r"(?:want|wanted|wanting|wanna|going|gonna)\s+(?:to\s+)?die"),
    word(r"wish(?:ed)?\s+i\s+(?:was|were)\s+(?:dead|never\s+born|gone)"),
    word(r"wish\s+i\s+(?:had|'d)\s+never\s+been\s+born"),
    word(
        r"(?:kill|killing|killed|off|hurt|hurting|harm|harming|cut|cutting|burn|burning)\s+myself"
    ),
    word(r"(?:i|i'?ll|i'?m|gonna|going\s+to|should|might|wanna|want\s+to)\s+(?:just\s+)?kys"),
    word(r"(?<!\d\s)(?<!\d)kms"),
    word(r"unalive(?:d|\s+myself)?|unaliving|sewer\s?slide"),
    word(r"suicid(?:e|al)(?!\s+squad)"),
    word(r"end(?:ing)?\s+(?:it\s+all|my\s+(?:own\s+)?life)"),
    word(r"(?:take|taking|took|taken)\s+my\s+(?:own\s+)?life"),
    word(r"self[-\s]?harm(?:ing)?"),
    word(r"overdos(?:e|ed|ing)|od(?:'?d|ing)"),
    word(r"hang\s+myself"),
    word(
        r"(?:take|took|taking|swallow\w*)\s+(?:all\s+(?:of\s+)?(?:my|the)|a\s+bunch\s+of|"
        r"a\s+(?:whole\s+)?bottle\s+of|too\s+many)\s+(?:pills|meds|medication|tablets|"
        r"sleeping\s+pills|painkillers)"
    ),
    word(
        r"jump(?:ing|ed)?\s+(?:off|from|in\s+front\s+of)\s+(?:a|the|my)\s+(?:bridge|building|roof|"
        r"balcony|cliff|train|car|platform|tower)"
    ),
    word(r"jump\s+(?:off|from)\s+(?:a|the|my)\s+(?:bridge|building|roof|balcony|cliff)"),
    word(
        rf"(?:don{_S}t|do\s+not|dont)\s+want\s+to\s+(?:live|be\s+alive|exist|be\s+here|wake\s+up)"
    ),
    word(r"(?:no\s+reason|nothing)\s+to\s+live\s+for|no\s+reason\s+to\s+live"),
    word(r"better\s+off\s+(?:dead|without\s+me)"),
    word(rf"(?:can{_S}t|cannot)\s+go\s+on\s+(?:anymore|living|like\s+this)"),
    word(rf"(?:life|living)\s+(?:is\s*n{_S}t|is\s+not|isnt)\s+worth"),
    word(r"(?:want|wanna)\s+to\s+disappear|wish\s+i\s+could\s+(?:disappear|die|vanish)"),
    word(r"(?:want|wanna)\s+(?:to\s+)?not\s+(?:exist|be\s+here|be\s+alive|wake\s+up)"),
    word(
        r"(?:care|notice|miss\s+me|matter)\s+if\s+i\s+(?:died|was\s+dead|were\s+dead|was\s+gone|"
        r"were\s+gone|disappeared|killed\s+myself)"
    ),
    word(r"end\s+(?:it|things|everything)(?!\s+with)\s+(?:tonight|today|for\s+good|soon)"),
    word(
        r"(?:pain|hurt|it)\s+to\s+stop\s+forever|make\s+it\s+all\s+stop|"
        r"stop\s+(?:existing|living|breathing)"
    ),
    word(
        r"(?:happier|better\s+off)\s+if\s+i\s+(?:was|were)\s+(?:gone|dead|not\s+(?:here|around|alive))"
    ),
    word(r"cut(?:ting)?\s+again|relapsed\s+(?:and\s+)?(?:cut|hurt)"),
    word(r"(?:just|to)\s+not\s+wake\s+up|never\s+wake\s+up"),
    word(r"(?:bought|buy|buying|got)\s+(?:a\s+|some\s+)?rope"),
    word(
        r"want\s+it\s+all\s+to\s+(?:be\s+over|end)|"
        r"(?:there'?s|there\s+is)\s+no\s+point\s+(?:anymore|in\s+anything|in\s+going\s+on)"
    ),
    word(
        r"(?:stockpil|hoard|sav|collect|stash)\w*\s+(?:up\s+)?(?:my\s+)?(?:meds|pills|medication|"
        r"tablets|sleeping\s+pills)"
    ),
    word(r"feel(?:ing)?\s+like\s+dying|(?:i'?m|i\s+am)\s+done\s+with\s+(?:life|living)"),
    word(
        r"(?:thinking|think|thought|thoughts)\s+(?:about|of)\s+(?:dying|death|ending\s+it|"
        r"killing\s+myself|suicide|not\s+being\s+here)"
    ),
    word(r"(?:no|don'?t\s+see\s+the|what(?:'?s|\s+is)\s+the)\s+point\s+(?:in|of)\s+living"),
    word(r"(?:sleep|go\s+to\s+sleep)\s+and\s+never\s+wake\s+up|cutting\s+again"),
    # Methods: a means of dying joined to taking, doing or planning it.
    "(?:薬|くすり|睡眠薬|眠剤|市販薬|処方薬|安定剤|風邪薬|錠剤)[^。!?\\n]{0,10}"
    "(?:まとめて|全部|ぜんぶ|大量に?|一気に|いっぺんに|ありったけ|何十錠|一箱|一瓶|ひと箱|ひと瓶|[0-9]+錠)"
    "[^。!?\\n]{0,4}(?:飲|のん|のむ|のも|のみ|服用)",
    "(?:ビル|屋上|ベランダ|橋|マンション|歩道橋|崖)から[^。!?\\n]{0,4}(?:飛び降り|飛んだら|飛ぼう|飛べば)",
    "飛び降り(?:れ|た(?:ら|い)|ようと|ちゃ)",
    "(?:線路|踏切)(?:に|へ)[^。!?\\n]{0,3}(?:入|降り|立|飛び)(?:ろう|ようか|たら|れば|たい|ちゃ)|"
    "(?:ホーム|線路)から(?:飛び|落ち)(?:よう|たら|れば|たい)",
    "(?:電車|車|トラック)に(?:飛び込(?:みたい|もう|めば|んだら|んじゃ)|(?:轢|ひ)かれ(?:たい|れば))",
    "首を?(?:吊|つ)(?:れ|ろ)|首吊り|(?:ロープ|紐|ひも|縄|ベルト)(?:で|を)[^。!?\\n]{0,4}首",
    "練炭|硫化水素|(?:手首|腕)を?[^。!?\\n]{0,2}(?:切|き)(?:ろう|れば|ったら|りたい|っちゃ)",
    "(?:死ぬ|死ねる|自殺の?)(?:勇気|方法|手段|場所|タイミング)",
    "死にきれ",
    "(?:何錠|何粒|どれくらい|どのくらい|どれだけ|何mg|何ミリ)[^。!?\\n]{0,10}(?:死ね|死ぬ)|致死量",
    "あの世に(?:行き|いき)たい|(?:永遠に|ずっと)眠(?:りたい|っていたい|れたら)",
    "(?:死|し|氏|たひ|4)に(?:たすぎ|たさ|たいよ)|たひ(?:りたい|のう)",
    "(?:薬|くすり|睡眠薬|眠剤|処方薬|市販薬)を?(?:ため|溜め|貯め|集め)(?:てる|ている|ておい|てある|て(?:おこ|いる))",
    "(?:死ぬ|死|消える|自殺)(?:こと)?(?:しか|ばかり|ばっかり)(?:考え|頭に|浮かば)",
    # Ending, disappearing, resting: wishes in many conjugations. Tasks end too ("課題を全部
    # 終わらせたい"), so only a life, a self or everything-at-once is read as the thing ended.
    "(?:人生|自分|何もかも|なにもかも|この命|命)(?:を|が|も|は)?[^。!?\\n]{0,3}"
    "(?:終わりにしたい|終わりにしよう|終わらせたい|終わらせよう|終わらせて|終われ(?:る|たら|ば)|"
    "おわりにしたい|おわらせたい|おしまいにしたい|終わりにできたら)",
    "(?:全部|ぜんぶ|すべて|全て)(?:を)?[^。!?\\n]{0,2}(?:終わりにしたい|おしまいにしたい|終わりにできたら)",
    "(?:もう|いっそ|このまま|私|わたし|僕|ぼく|俺|おれ|自分)(?:が|なんか|ごと)?"
    "(?:消|き)え(?:てしまえ|ちゃえ|られ|れ)(?:たら|れば|ば)",
    "(?:存在|自分)(?:を|ごと)[^。!?\\n]{0,2}(?:消したい|消してしまいたい|消せたら)",
    "(?:もう|ずっと|永遠に|二度と)(?:目覚め|目を覚まし)(?:たくない|なければ|ませんように)|"
    "(?:永遠に|二度と)起き(?:たくない|なければ)",
    "生きる(?:の|こと)を?(?:やめ|止め|諦め|あきらめ)(?:たい|よう|ようかな|たら)",
    "生き(?:てる|ている|る)(?:意味|価値|理由)(?:が|も|って)?[^。!?\\n]{0,3}"
    "(?:ない|無い|ある\\?|わからない|分からない|なくな)",
    "生まれてきた(?:意味|こと)(?:が|を)?[^。!?\\n]{0,3}(?:ない|後悔|わからない)",
    "(?:もう|早く|いっそ|永遠に|ずっと)[^。!?\\n]{0,4}(?:楽に|らくに)なりたい|楽になれる方法",
    "(?<!あいつが)(?<!彼が)(?<!彼女が)(?<!あの人が)(?<!元彼が)(?<!やつが)(?<!奴が)"
    "(?:いない|いなくなった|消えた|死んだ)(?:ほう|方)が[^。!?\\n]{0,6}(?:みんな|皆|家族|世界|誰も|周り)",
    "(?:みんな|皆|家族|周り|世界)[^。!?\\n]{0,8}(?:私|わたし|僕|俺|自分)(?:が|なんか|なんて)?"
    "(?:いない|いなくなった|消えた|死んだ)(?:ほう|方)が",
    # Romaji and net spellings.
    word(
        r"shin(?:i|u)\s?tai|shinitee?|shinitaku|shinitai|shinou\s?kana|shinda\s?hou\s?ga|"
        r"kie\s?tai|kiechai\s?tai|kietee?|jisat?su|jisatu|inaku\s?nari\s?tai|ikitakunai|"
        r"iki\s?taku\s?nai|raku\s?ni\s?nari\s?tai"
    ),
    # English: the world better without me, ending everything, tired of living. "End it" and
    # "end things" alone are about relationships far more often, so they need more around them.
    word(
        r"(?:everyone|everybody|the\s+world|my\s+(?:family|friends|parents|kids)|people)"
        r"(?:'d|’d|\s+would|\s+will|\s+is|\s+are)\s+(?:\w+\s+)?(?:be\s+)?better\s+off\s+"
        r"(?:without\s+me|if\s+i|with\s+me\s+gone|once\s+i|when\s+i'?m\s+gone)"
    ),
    word(
        r"(?:gonna|going\s+to|ready\s+to|plan\s+to|planning\s+to|decided\s+to|want\s+to|wanna)\s+"
        r"(?:just\s+)?end\s+(?:it\s+all|everything|myself)"
    ),
    word(
        r"(?:tired|sick)\s+of\s+(?:living|being\s+alive|existing|life)|"
        r"(?:no|any|zero|(?:don'?t|do\s+not|can'?t|cannot)\s+(?:see|have|find)\s+(?:a|any)|"
        r"lost\s+(?:my|the|all)|what'?s\s+the|without\s+a)\s+(?:\w+\s+)?(?:reason|point|purpose)\s+"
        r"(?:to|in|of)\s+(?:keep\s+|keeping\s+|go\s+on\s+|going\s+on\s+)?(?:living|live|"
        r"being\s+alive|staying\s+alive|stay\s+alive|existing|exist)|"
        r"(?:no|zero|not\s+any)\s+(?:point|reason|use)\s+(?:in\s+)?(?:living|being\s+alive|"
        r"staying\s+alive|existing)|"
        r"(?:want|wanna|need)\s+(?:it\s+)?(?:all\s+)?to\s+(?:all\s+)?stop\s+(?:for\s+good|forever)|"
        r"(?:want|wanna|need)\s+it\s+all\s+to\s+end\s+(?:for\s+good|forever)|"
        r"i\s+(?:could|should|would|will|'ll|just|wanna|want\s+to)\s+(?:just\s+)?(?:disappear|vanish)\s+"
        r"(?:forever|for\s+good|from\s+(?:this|the)\s+world)|"
        r"(?:won'?t|will\s+not|wouldn'?t|not\s+going\s+to|not\s+gonna)\s+be\s+(?:here|around)\s+"
        r"(?:much\s+longer|for\s+long)|"
        r"(?:won'?t|will\s+not|wouldn'?t)\s+be\s+alive|"
        r"(?:pills|meds|rope|razor|blade)\s+(?:ready|lined\s+up|in\s+front\s+of\s+me)"
    ),
    word(
        r"(?:i|to|and|just|wanna|want\s+to)\s+(?:\w+\s+)?(?:not|never)\s+wake\s+up"
        r"(?!\s+(?:early|on\s+time|until|till|before|in\s+time|at|the|my|him|her|them|anyone|everyone|"
        r"everybody|your|our|his|their|when|for|to))|"
        r"(?:hope|wish)\s+i\s+(?:don'?t|do\s+not|never|won'?t)\s+wake\s+up|"
        r"(?:what'?s|what\s+is)\s+(?:even\s+)?the\s+point\s+(?:in|of)\s+(?:even\s+)?(?:being\s+alive|"
        r"living|staying\s+alive|existing|life|going\s+on\s+living)|"
        r"(?:no|any|don'?t\s+see\s+(?:the|a|any))\s+point\s+(?:in|of)\s+(?:being\s+alive|staying\s+alive|"
        r"existing|life)|(?:don'?t|do\s+not)\s+want\s+to\s+do\s+(?:this\s+)?life|"
        r"if\s+i\s+(?:wasn'?t|weren'?t|was\s+not|were\s+not)\s+(?:alive|born)|"
        r"(?:better|easier|happier|simpler|fine|okay)\s+[^.!?\n]{0,25}if\s+i\s+(?:wasn'?t|weren'?t|"
        r"was\s+not|were\s+not)\s+(?:here|around)|"
        r"if\s+i\s+(?:didn'?t|did\s+not)\s+exist|"
        r"(?:looking\s+up|look\s+up|looked\s+up|search\w*|googl\w+|research\w*|find|best|easiest|"
        r"quickest|quick|easy)\s+(?:\w+\s+)?(?:ways?|methods?|how)\s+to\s+die|"
        r"(?:ways?|methods?|how)\s+to\s+(?:kill\s+myself|end\s+my\s+life|commit\s+suicide)|"
        r"painless(?:ly)?\s+(?:way|ways|death|method)"
    ),
    word(
        r"(?:i'?m|i\s+am|i\s+feel\s+like|feel\s+like\s+i'?m)\s+(?:just\s+|such\s+)?(?:a|such\s+a)\s+"
        r"burden\s+(?:to|on|for)\s+(?:everyone|everybody|my\s+family|the\s+people|all\s+of\s+them)|"
        r"(?:no\s*one|nobody)\s+(?:would|will|'d)\s+(?:even\s+)?(?:miss\s+me|notice\s+if\s+i|"
        r"care\s+if\s+i)|(?:wrote|writing|write|written|left)\s+(?:a|my)\s+(?:goodbye|farewell)\s+"
        r"(?:letter|note|message)\s+(?:to|for)\s+(?:my\s+)?(?:family|everyone|parents|kids|mom|mum|dad)"
    ),
    word(
        r"(?:i'?ve\s+been|i\s+have\s+been|i\s+started|started|i'?m|i\s+am)\s+cutting"
        r"(?=\s*(?:[.!?,]|$|again|since|every|when|because|and\s+i))|"
        r"(?:want|wanna|wish\s+i\s+could|just\s+want\s+to)\s+(?:to\s+)?sleep\s+forever"
    ),
    # Farewells and final arrangements: killing oneself said plainly, goodbye letters, giving
    # one's things away, settling affairs, asking what amount would be enough.
    "(?:自分|じぶん|自身)を[ ]?(?:殺|ころ)(?:したい|したく|しそう|せたら|してしまい|すしか|そうと)",
    "身辺整理|(?:みんな|家族|親|友達)に[^。!?\\n]{0,4}(?:最後の|お別れの)(?:手紙|挨拶|メッセージ|言葉)",
    "(?:od|オーバードーズ|過量服薬)(?:の|する|って|で)?[^。!?\\n]{0,4}(?:量|何錠|何粒|どれくらい|どのくらい)",
    "(?:何錠|何粒|何mg|何ミリ|どれくらい|どのくらい|どれだけ)[^。!?\\n]{0,12}"
    "(?:終われ|目覚めな|目が覚めな|起きられな|眠ったまま)|眠ったまま(?:終わ|死|目覚めな|起きな)",
    "(?:全部|ぜんぶ|大事なもの|持ち物|私物)[^。!?\\n]{0,10}(?:あげ|譲|処分|手放)[^\\n]{0,15}"
    "(?:思い残す|心残り|準備(?:は|が)?(?:でき|整))",
    word(
        r"(?:wrote|written|writing|write|left|finished)\s+(?:\w+\s+)?(?:(?:my|a|the|some)\s+)?"
        r"(?:(?:goodbye|suicide|final)\s+(?:letters|notes|videos)|(?:goodbye|farewell|suicide)\s+"
        r"(?:letters?|notes?|messages?)\s+(?:to|for)\s+(?:my\s+)?(?:family|everyone|everybody|"
        r"parents|kids|children|mom|mum|dad|loved\s+ones))|"
        r"(?:giving|gave|give)\s+away\s+(?:all\s+)?(?:of\s+)?my\s+(?:stuff|things|belongings|"
        r"possessions|cat|dog|pets?)(?![^.!?\n]{0,30}(?:mov|declutter|minimal|downsiz|relocat|"
        r"new\s+(?:place|flat|apartment|city)))|"
        r"(?:said|saying|say)\s+(?:my\s+)?(?:last|final)\s+goodbyes?|"
        r"goodbye\s+to\s+(?:everyone|everybody|my\s+family|the\s+people\s+i\s+love)[^.!?\n]{0,20}"
        r"(?:for\s+good|while\s+i\s+(?:still\s+)?can|one\s+last\s+time|before\s+it'?s\s+too\s+late)|"
        r"(?:found|finding|find)\s+(?:a\s+)?(?:new\s+)?homes?\s+for\s+my\s+(?:cats?|dogs?|pets?)|"
        r"nothing\s+(?:keeping|holding)\s+me\s+(?:here|back)|"
        r"(?:won'?t|will\s+not|never)\s+be\s+(?:anyone'?s|a|your|their|everyone'?s)\s+"
        r"(?:problem|burden)\s+(?:anymore|any\s+more|again|much\s+longer|soon)|"
        r"(?:won'?t|will\s+not|wouldn'?t)\s+be\s+(?:around|here|alive)\s+(?:to\s+see|anymore|"
        r"any\s+more|by\s+(?:then|tomorrow|next))|"
        r"(?:fall\s+asleep|sleep)\s+and\s+(?:be\s+done|never\s+come\s+back|not\s+come\s+back)|"
        r"(?:how\s+many|what\s+dose\s+of|how\s+much)\s+[^.!?\n]{0,25}(?:to\s+(?:die|not\s+wake\s+up|"
        r"end\s+it|overdose)|would\s+(?:kill\s+me|be\s+(?:lethal|fatal|enough\s+to\s+die)))"
    ),
)

# The other person threatening to harm themselves to keep the user: coercion, not the
# user's own crisis. Read as violence and blanked out before the self-harm cues.
_COERCION = cue_regex(
    "(?:別れ(?:たら|るなら|るなら)|返事(?:しない|くれない)と|会わない(?:と|なら)|"
    "無視(?:したら|するなら)|連絡(?:しない|くれない)と|離れたら)"
    "[^。!?\\n]{0,8}(?:死ぬ|自殺|殺す|ばらす|晒す|さらす|死んでやる)",
    word(
        r"(?:if|unless)\s+i\s+(?:leave|left|break\s+up|don'?t\s+(?:reply|answer|see))"
        r"[^.!?\n]{0,40}(?:kill|hurt)\s+(?:him|her|them)sel(?:f|ves)"
    ),
    word(r"threaten(?:ed|s|ing)?\s+(?:to\s+)?(?:suicide|kill\s+(?:him|her|them)sel(?:f|ves))"),
)

# --- Violence: the other person hurts, threatens, coerces or blackmails the user. ---------

_PERSON = (
    r"(?:he|she|they|ex|my\s+ex|bf|gf|boyfriend|girlfriend|husband|wife|partner|fianc[eé]e?|"
    r"dad|father|mom|mum|mother|brother|sister|roommate|flatmate|friend|"
    r"classmate|neighbou?r|uncle|cousin|stepdad|someone|somebody|guy|man|woman)"
)
_VIOLENCE = cue_regex(
    "殴(?:られ|ってく|ってき|る蹴る)",
    "蹴(?:られ|ってく|ってき)",
    "(?:顔|頭|体|頬|ほっぺ)を?(?:叩|たた)かれ",
    "ビンタ(?:され|してき|してく)",
    "ぶたれ",
    "(?:に|から)(?:叩|たた)かれ",
    "平手打ち",
    "首を?絞め",
    "首絞め",
    "突き飛ばさ",
    "突き落とさ",
    "(?:スマホ|携帯|物|私物)を(?:壊さ|投げられ|割られ)",
    "押し倒さ",
    "髪を(?:引っ張|つかま|掴ま)られ",
    "物を投げ(?:られ|つけ|てく|てき)",
    "暴力(?!的な?(?:映画|ゲーム|シーン|描写|表現|漫画|アニメ|作品))",
    "(?:壁|ドア|机|テーブル)を(?:殴|蹴|叩)",
    "(?:腕|手首|髪|胸ぐら)を?(?:つかま|掴ま|つかんで|掴んで|引っ張)",
    "(?:壁|床|ドア|地面|ベッド)に(?:押し付け|押しつけ|叩きつけ|たたきつけ|打ち付け)られ",
    "(?:家族|親|子供|子ども|お前|あんた|彼氏|彼女|友達)(?:が|の|は)?[^。!?\\n]{0,6}"
    "どうなっても(?:知らない|しらない|しらね|知らね)(?:ぞ|からな|ぜ|よ[」』])|夜道(?:に|には)(?:気をつけ|気を付け)(?:ろ|な)",
    "暴行",
    "乱暴され",
    word("dv"),
    "ドメスティック",
    "モラハラ",
    "脅(?:さ|し|迫|かさ)",
    "おどされ",
    "恐喝",
    "ゆすられ",
    "殺(?:すと|すって|すぞ|してやる|されそう|されかけ|される(?:かも|と思|ところ))",
    "リベンジポルノ",
    "(?:たら|なら|ないと|なきゃ|れば)[^。!?\\n]{0,4}(?:殺す|ころす|ぶっ殺|痛い目)",
    '殺す[」』"]',
    "痛い目(?:に)?(?:あわせ|遭わせ|合わせ|見せ|みせ)",
    "(?:写真|画像|動画|裸|ヌード|プライベート)[^。!?\\n]{0,6}"
    "(?:ばらま|ばら撒|拡散|晒|さら|ネットに(?:上げ|あげ|載せ)|流す|流され|流さ|ばらす|ばらされ|送りつけ)",
    "(?:裸|性的|エッチ)な?の?(?:写真|画像|動画)",
    "(?:ばらす|ばらされ|言いふらす|晒す|さらす)(?:ぞ|と(?:言|いわ|脅)|って(?:言|いわ))",
    "監禁",
    "閉じ込められ",
    "レイプ",
    "性的暴行",
    "性暴力",
    "無理やり(?:された|させられ|関係|性行為|ホテル|キス|連れ)",
    "刃物",
    "危害を(?:加え|くわえ)",
    "家族に(?:手を出|何かする|なにかする)",
    "(?:包丁|ナイフ)を(?:向け|持ち出|突きつけ|突き付け)",
    "怪我(?:を)?させられ",
    "(?:あざ|痣)(?:が|を)(?:でき|残|作)",
    "手を(?:上げ|あげ)(?:られ|てく|てき|る)",
    word(
        _PERSON + r"(?:\s+\w+){0,2}\s+(?:hit|hits|hitting|punched|punches|slapped|slaps|kicked|"
        r"kicks|choked|chokes|strangled|strangles|shoved|shoves|grabbed|assaulted|raped|attacked)"
        r"\s+me(?!\s+(?:up|out|off|a|an|some|lunch|coffee|dinner|food|drinks?|breakfast)(?![a-z]))"
    ),
    word(_PERSON + r"(?:\s+\w+){0,2}\s+(?:beat|beats|beating)\s+me\s+up"),
    word(_PERSON + r"(?:\s+\w+){0,2}\s+(?:beat|beats|beating)\s+me(?!\s+(?:at|in|to|by|up))"),
    word(
        r"(?:grabbed|squeezed|choked|held)\s+(?:me\s+by\s+)?(?:my|the)\s+(?:neck|throat|hair)|"
        r"hands?\s+around\s+my\s+(?:neck|throat)"
    ),
    word(r"pinned\s+me\s+(?:down|against|to)|physically\s+hurt\s+me"),
    word(
        r"and\s+(?:hit|punched|slapped|kicked|choked|shoved)\s+me(?!\s+up)|"
        r"(?:smashed|broke|destroyed)\s+my\s+(?:phone|things|stuff|door)"
    ),
    word(
        r"(?:(?:post|leak|share|send|spread|expose|show)\s+(?:them|it|those|the\s+(?:photos|pics|"
        r"pictures|videos?|screenshots|messages)|my\s+\w+)|tell\s+(?:everyone|everybody|people|"
        r"my\s+(?:family|parents|boss|friends|wife|husband)))[^.!?\n]{0,40}\s+if\s+i\s+"
        r"(?:don'?t|did\s*n'?t|do\s+not|did\s+not|won'?t|ignore|refuse|leave|block|stop)"
    ),
    word(
        r"(?:will|'ll|’ll|gonna|going\s+to|would)\s+ruin\s+my\s+(?:life|career|reputation|marriage|"
        r"job)"
    ),
    word(
        r"(?:will|'ll|’ll|gonna|going\s+to)\s+make\s+me\s+(?:regret|pay|suffer|sorry)|"
        r"unless\s+i\s+(?:pay|send|give|come\s+back|meet|sleep)"
    ),
    word(
        r"send\s+(?:the|my|our|those|that)\s+(?:video|videos|photos|pics|pictures|screenshots)\s+to\s+"
        r"my\s+(?:boss|family|parents|friends|work|husband|wife|partner)"
    ),
    word(r"(?:threw|throws|throwing|hurled)\s+(?:\w+\s+){0,3}at\s+me"),
    word(
        r"(?:push|pushed|pushes|pushing|shove|shoved|shoves|shoving)\s+me\s+(?:down|into|against|"
        r"to\s+the\s+(?:ground|floor)|over|off\s+(?:the|a))"
    ),
    word(
        r"(?:was|got|been|being)\s+(?:hit|punched|slapped|kicked|choked|strangled|beaten|"
        r"assaulted|raped|abused)\s+by"
    ),
    word(r"(?:physically|sexually|emotionally)\s+abus(?:ed|ive|ing)|abusive|abused\s+me"),
    word(r"domestic\s+(?:violence|abuse)|intimate\s+partner\s+violence"),
    word(
        r"threaten(?:ed|s|ing)?\s+(?:me|my)|threats?\s+(?:against|to)\s+me|death\s+threats?|"
        r"threaten(?:ed|s|ing)?\s+to\s+(?:kill|hurt|harm|beat|hit|post|leak|share|expose|"
        r"publish|release|send|show|spread|ruin|tell|out\s+me|come|find|stab|shoot)"
    ),
    word(
        r"(?:said|says|told\s+me|texted)\s+(?:that\s+)?(?:he|she|they)\s*"
        r"(?:'d|'ll|’d|’ll|\s+would|\s+will|\s+is\s+going\s+to|\s+was\s+going\s+to)\s+"
        r"(?:kill|hurt|beat|ruin)\s+me"
    ),
    word(r"(?:kill|hurt)\s+me\s+if"),
    word(
        r"(?:hurt|kill|harm)\s+my\s+(?:family|kids|children|child|son|daughter|parents|mom|mum|dad|"
        r"friends|pets?|dog|cat)"
    ),
    word(r"blackmail(?:s|ed|ing)?|extort(?:s|ed|ing|ion)?|sextort(?:ion)?|revenge\s+porn"),
    word(
        r"(?:leak|post|share|send|spread|publish|release|show)(?:s|ed|ing)?\s+(?:my|our|the)\s+"
        r"(?:nudes?|naked|private|intimate|sexual|explicit)"
    ),
    word(r"nudes?\s+of\s+me|sex\s+tape"),
    word(r"punch(?:ed|es)?\s+(?:the|a)\s+wall"),
    word(r"rape[ds]?|sexual(?:ly)?\s+assault(?:ed)?|forced\s+me\s+to"),
    word(
        r"(?:scared|afraid|terrified)\s+(?:of\s+(?:him|her|them)|for\s+my\s+(?:life|safety)|"
        r"(?:he|she|they)(?:'ll|’ll|\s+will|\s+might)\s+(?:hurt|kill|find))"
    ),
    word(r"pulled\s+a\s+(?:knife|gun)|(?:with|has)\s+a\s+(?:knife|gun)|held\s+me\s+down"),
    # Threats: a harm verb in a threatening ending (てやる, たる, ぞ, からな).
    "(?:殺|ころ|ぶっ殺|ぶっころ|ぶち殺)(?:す(?:ぞ|から|って|しかない)|してやる|したる|されたい)",
    "(?:殴|なぐ|蹴|しば|どつ|刺|埋め|沈め|潰|つぶ)(?:ってやる|ったる|るぞ|るからな|いてやる|いたる|くぞ|"
    "してやる|したる|すぞ|すからな|めてやる|めたる|めるぞ)(?!う)",
    "(?:ぼこぼこ|ぼっこぼこ|ぼこ|ぎたぎた|半殺し)に(?:してやる|したる|するぞ|すんぞ|"
    "する(?:から|って|と)|してやろう|されたい)",
    "(?:ぼこ|しば|ぶっとば|ぶっ飛ば)(?:る|す|く)(?:ぞ|から|って|からな)",
    "(?:痛い目|ひどい目|酷い目|怖い目)(?:に|を)?(?:あわせ|遭わせ|合わせ|見せ|みせ)",
    "ただ(?:じゃ|では)(?:おかない|おかねえ|おかねぇ|済まさない|すまさない)|覚えてろ",
    "(?:家|部屋|車)に火を(?:つけ|付け|放)(?:る|てやる|たる|るぞ)",
    "(?:殴る|蹴る|叩く|手をあげる|手を上げる|暴力を振るう|首を絞める)(?:人|男|女|奴|やつ|タイプ|彼)|"
    "(?:よく|すぐ|いつも|毎回|たまに|酔うと|飲むと|怒ると|キレると)[^。!?\\n]{0,4}"
    "(?:殴|蹴|叩|たた|手を(?:あげ|上げ)|物を投げ)(?:る|られ|って|ら)",
    "(?:子供|子ども|家族|親|お前|あなた|彼女|彼氏)(?:に|を)[^。!?\\n]{0,4}(?:何する|なにする|何をする)か?"
    "(?:わからない|分からない|わかんない|知らない)",
    "(?:お前|おまえ|あんた|あなた|君|きみ|てめえ|てめぇ)の(?:居場所|住所|家|職場|勤務先|学校)(?:は|を|も)?"
    "(?:知って(?:る|いる)(?:から|ぞ|んだ)|"
    "把握して(?:る|いる)(?:から|ぞ))",
    '(?:ぶん殴る|殴る|刺す|しばく|ぼこる|潰す|ぶっ殺す)(?:から|ぞ)?[」』"]',
    "(?:金|お金|カネ)(?:を|も)?(?:要求|払え|出せ|よこせ)(?![るばたなま])",
    # Harm done to the user: struck, held, dragged, coerced. Being "叩かれ" online or tapped
    # on the shoulder is blanked as figurative first.
    "(?:叩|たた)かれ(?:た|て|る|ます|まし)",
    "(?:つね|どつ|小突|こづ|ひっぱた|引っぱた|引っ叩)かれ|(?:押さえ|おさえ)(?:つけ|付け)られ|引きずられ|"
    "(?:首|喉|のど)を[^。!?\\n]{0,2}(?:絞め|しめ|締め|掴ま|つかま)|(?:火傷|やけど)(?:を)?(?:させ|負わされ)|"
    "(?:たばこ|タバコ|煙草)を(?:押し付け|押しつけ)",
    "(?:無理やり|無理矢理|むりやり|力ずくで|力づくで)[^。!?\\n]{0,12}"
    "(?:乗せ|車に|連れ(?:込|こ|去|さら)|押し倒|脱が|触ら|キス|ホテル|関係を|家に入|部屋に(?:入|連れ)|"
    "閉じ込|押さえ|抱きつ|抱か)",
    "強引に[^。!?\\n]{0,12}(?:押し倒|脱が|触ら|キス|ホテル|関係を|抱きつ|抱か|連れ込|車に乗せ)",
    "(?:言うこと|言う事|いうこと)(?:を)?(?:聞か|きか)(?:ない|なきゃ|ねえ|ねぇ)と[^。!?\\n]{0,12}"
    "(?:叩|たた|殴|なぐ|蹴|殺|痛い目|脅|ぶた|暴)",
    # Blackmail: pay or comply, or something gets spread.
    "(?:払わ|振り込ま|よこさ|出さ|従わ|会わ|戻ら|より戻さ|言うこと聞か)(?:ない|なきゃ|ねえ|ねぇ)(?:と|なら|んなら)"
    "[^。!?\\n]{0,15}(?:ばらす|ばらさ|ばらま|ばら撒|晒す|晒さ|さらす|さらさ|拡散|ネットに|流す|流さ|ながす|"
    "送りつけ|殺す|殺さ|言いふら)",
    # English: past or habitual violence, and threats. "Hitting me up" is a message, "beat me
    # at" a game, "push me" often encouragement: those stay out.
    word(
        r"(?:used\s+to|(?:would|(?:he|she|they)(?:'d|’d))\s+(?:always\s+|sometimes\s+)?|kept|keeps|"
        r"started\s+to|tried\s+to|threatened\s+to|likes\s+to)\s*(?:hit|beat|choke|shove|slap|kick|"
        r"punch|strangle|smack|throw\s+things\s+at)(?:s|ed|ing|ting)?\s+me"
        r"(?!\s+(?:up|at|in|out|off|to\s+(?:it|the)|by)(?![a-z]))"
    ),
    word(
        r"(?:i'?ll|i\s+will|i'?m\s+(?:gonna|going\s+to)|imma|i\s+swear\s+i'?ll)\s+"
        r"(?:(?!never|not|ever|always)\w+\s+)?(?:hurt|kill|beat|stab|shoot|strangle|choke|murder|"
        r"punch|smash|slap|end)\s+(?:you|ur|your\s+(?:face|legs|neck|family|life))"
        r"(?!\s+(?:at|in)\s)"
    ),
    word(
        r"or\s+else(?=\s*(?:[.!…\"”'」]|$))|or\s+i\s+swear|"
        r"or\s+you'?ll\s+(?:pay|be\s+sorry)|i\s+swear\s+(?:to\s+god\s+)?i'?ll\s*(?:\.\.\.|…|$)|"
        r"you'?(?:ll|re\s+going\s+to|re\s+gonna)\s+(?:pay\s+for\s+(?:this|it|that)|"
        r"regret\s+(?:this|that)(?!\s+if)|be\s+sorry)|"
        r"watch\s+your\s+back|i\s+know\s+where\s+you\s+(?:live|work|sleep)"
    ),
    word(
        r"(?:pay|send\s+(?:me\s+)?money|do\s+what\s+i\s+say)\s+or\s+(?:i'?ll|i\s+will|everyone)|"
        r"forced\s+(?:himself|herself|themselves)\s+on\s+me|"
        r"(?:slammed|smashed|banged|shoved|pushed|threw)\s+(?:my\s+head|me)\s+(?:into|against|on)\s+"
        r"(?:the|a)\s+(?:wall|door|floor|table|car|window|ground|counter)|"
        r"(?:he|she|they|ex)\s+(?:\w+\s+)?(?:keyed|slashed|smashed|vandali[sz]ed|keys|slashes|smashes)\s+"
        r"my\s+(?:car|tires|tyres|windows?|"
        r"windshield)|"
        r"(?:he|she|they)(?:'ll|’ll|'d|’d|\s+will|\s+would|\s+might)\s+do\s+(?:something\s+)?worse"
        r"(?=\s+(?:if|unless|next\s+time|to\s+me|than\s+that))|"
        r"(?:(?:he|she|they)(?:'ll|’ll|'d|’d)|will|would|gonna|going\s+to)\s+make\s+my\s+life\s+(?:a\s+)?(?:living\s+)?"
        r"(?:hell|miserable)|"
        r"(?:grabbed|squeezed|twisted|yanked|pulled)\s+my\s+(?:wrist|arm|hair|neck|throat)|"
        r"(?:so\s+hard|hard\s+enough)\s+(?:that\s+)?(?:it|i)\s+(?:bruised|left\s+(?:a\s+)?(?:mark|bruise))|"
        r"(?:choked|strangled|chokes|strangles|choking|strangling)\s+me(?!\s+up)|"
        r"you\s+(?:better|had\s+better|'d\s+better)\s+(?:reply|answer|respond|pick\s+up|call\s+me|"
        r"text\s+me|come\s+back|get\s+back\s+to\s+me)[^.!?\n]{0,20}or\s+(?:else|you'?ll|i'?ll|i\s+will)|"
        r"if\s+i\s+(?:don'?t|do\s+not|won'?t|refuse\s+to|stop|ignore|block)[^.!?\n]{0,40}"
        r"(?:he|she|they)(?:'ll|’ll|\s+will|\s+would|'d|’d|\s+is\s+going\s+to|\s+is\s+gonna)\s+"
        r"(?:\w+\s+){0,2}(?:(?:post|leak|share|expose|ruin|hurt|kill|report|out)\s|"
        r"(?:tell|send\s+\w+\s+to|show\s+\w+\s+to)\s+(?:my\s+)?(?:wife|husband|boss|family|parents|"
        r"partner|kids|employer|work|everyone|everybody|people))|"
        r"or\s+(?:he|she|they)(?:'ll|’ll|\s+will|\s+is\s+going\s+to|\s+is\s+gonna)\s+(?:post|leak|share|"
        r"send|spread|expose|publish|show)\s+(?:my|our|the|those|them|it|everything)|"
        r"(?:he|she|they)(?:'ll|’ll|'d|’d|\s+will|\s+would|\s+is\s+gonna|\s+is\s+going\s+to|"
        r"\s+was\s+going\s+to)\s+(?:(?!never|not|ever)\w+\s+){0,6}(?:kill|stab|shoot|strangle)\s+me|"
        r"(?:forced|shoved|pushed|threw)\s+me\s+(?:in|into|onto)\s+(?:his|her|their|the|a)\s+"
        r"(?:car|room|bed|van|trunk)|dragged\s+me\s+(?:in|into)\s+(?:his|her|their|the|a)\s+(?:car|van)"
    ),
    # Veiled and conditional threats: "you'd regret it if…", 「わかってるよね」, a threat after
    # 〜ないなら, blackmail by 〜されたくなかったら, arson, romaji threats, injuries done.
    "(?:燃や|もや)(?:してやる|したる|すぞ|すからな|されたい)|火を(?:つけ|付け|放)(?:てやる|たる|るぞ)",
    "(?:ばらされ|バラされ|晒され|さらされ|拡散され|流され|言いふらされ|送られ|痛い目(?:見|み)|殺され|"
    "殴られ)たく(?:なかったら|ないなら|なければ|なきゃ)",
    "(?:ないなら|ないと|なかったら|なきゃ|ないんなら|なければ|するなら|したら)[^。!?\\n]{0,25}"
    "(?:(?:学校|会社|職場|家|実家)に(?:行|乗り込|押しかけ|電話|連絡)|連れ(?:て(?:帰|行|い)|去|戻)|"
    "燃や|もや|(?:家族|親|会社|職場|上司)に[^。!?\\n]{0,4}(?:言う|話す|ばらす|送る|伝える))"
    '[^。!?\\n]{0,4}(?:ぞ|からな|かんな|からね|よ[」』"]|[」』"]?(?:って|と)(?:言|脅|いわ|き))',
    "(?:どうなるか|何が起きるか|何するか)(?:は)?(?:わかって|分かって|わかっ|知って)(?:る|いる)?"
    '(?:よね|よな|だろ|な[」』"]|でしょ)',
    "(?:スマホ|携帯)を(?:取り上げ|奪わ|没収さ|隠さ)|連絡先を(?:全部|勝手に)?消され|"
    "(?:無理やり|無理矢理|むりやり)(?:会わされ|呼び出され)|帰(?:して|らせて)(?:もらえ|くれ)(?:なかった|ない)|"
    "(?:写真|動画|画像)[^。!?\\n]{0,4}(?:わかって|分かって)(?:る|いる)(?:よね|よな|だろ)",
    "(?:お金|金)(?:を)?(?:払って|払え|よこせ|振り込んで|振り込め)[^。!?\\n]{0,8}(?:って|と)?"
    "[^。!?\\n]{0,4}(?:言われ|脅|要求|言って)",
    word(
        r"koro(?:su|shite\s?yaru|shitaru|su\s?zo)|(?:nagut|ket|sas|tsubus|bokobok)\w*\s?yaru|"
        r"(?:regret|be\s+sorry\s+for)\s+it\s+if\s+(?:i|you)\s+(?:ever\s+)?(?:left|leave|ignored?|"
        r"blocked?|tell|told|report|reported|break\s+up|broke\s+up|went\s+to\s+the\s+police)|"
        r"(?:you|u)\s+know\s+what\s+(?:happens|will\s+happen|i'?ll\s+do|i\s+will\s+do|i\s+can\s+do)"
        r"(?:\s+(?:if|when)\s+you\s+(?:ignore|leave|left|block|tell|told|don'?t|report|talk|go\s+to|"
        r"call\s+the)|[\s.!?'\"’”]*$)|"
        r"(?:he|she|they|ex)\s+(?:\w+\s+){0,2}(?:broke|fractured|cracked|dislocated|bloodied|split)\s+"
        r"my\s+(?:wrist|arm|nose|ribs?|jaw|fingers?|lip|tooth|teeth|collarbone)|"
        r"(?:gave|give|gives)\s+me\s+(?:a\s+)?(?:black\s+eye|bruises|concussion)|"
        r"make\s+sure\s+i\s+never\s+see\s+my\s+(?:dog|cat|pets?|kids|children|son|daughter|family)|"
        r"(?:dog|cat|pet|kids?|family|mom|mum|mother|dad|sister|brother)\s+(?:would|might|could|will)\s+"
        r"['\"‘“]?(?:have\s+an\s+accident|get\s+hurt|go\s+missing)|"
        r"(?:took|grabbed|snatched|confiscated|takes|grabs)\s+(?:away\s+)?my\s+phone[^.!?\n]{0,30}"
        r"(?:wouldn'?t|won'?t|refused\s+to)\s+(?:give|let)|"
        r"if\s+i\s+(?:go\s+to|call|tell|contact)\s+(?:the\s+)?(?:police|cops|anyone|anybody)\s+"
        r"(?:i'?ll|i\s+will|i'?d|i\s+would)\s+(?:be\s+sorry|regret)|"
        r"(?:take|took|taking|get|grab)\s+(?:the\s+)?(?:kids|children|baby|son|daughter)\s+"
        r"(?:away\s+)?(?:from\s+(?:me|school)|if\s+i)"
    ),
)

# --- Stalking by the user: locating, watching or contacting someone who withdrew. --------

_STALK_USER = cue_regex(
    "(?:居場所|住所|自宅|勤務先|職場|実家|引っ越し先|引越し先|新しい(?:連絡先|番号|アカウント|住所|家)|"
    "本名|電話番号|今の家|今どこに住)(?:を|が)?"
    "(?:突き止め|つきとめ|調べ(?:たい|る方法|られ(?:る|ない|ます)|て(?!き|く))|特定(?:したい|する|でき)|探し(?:出|だ)|割り出|"
    "知る方法|知りたい|わかる方法|分かる方法)",
    "特定(?:したい|する方法|できる方法|してやり|して(?:やる|ほしい))",
    "(?:家|住所|職場|勤務先|実家)の(?:場所|住所)を?(?:知りたい|調べ|特定|突き止め|知る方法)",
    "(?:今|いま)どこに(?:いる|住んでいる|住んでる)(?:か|のか)[^。!?\\n]{0,4}(?:知りたい|調べ|突き止め|特定)",
    "(?:住所|居場所|勤務先|職場|引っ越し先|引越し先|新しい家|新居)[^。!?\\n]{0,12}"
    "(?:調べられ(?:ない|る)|調べる方法|調べたい|突き止め(?:たい|る方法|られ(?:ない|る))|特定でき|"
    "特定したい|割り出)",
    "どこに(?:住んで|住ん|勤めて|働いて|引っ越し|引越し)[^。!?\\n]{0,6}"
    "(?:調べ(?:たい|る)|突き止め|特定|知る方法|わかる方法|分かる方法|探す方法|知りたい)",
    "(?:gps|発信機|追跡アプリ|位置情報アプリ|エアタグ|airtag|スマートタグ)を?[^。!?\\n]{0,8}"
    "(?:つけ|付け|仕込|入れ|忍ば)(?:たい|よう|る方法|ても|ちゃおう|ようかな)",
    "(?:新しい|別の|裏)(?:インスタ|アカウント|垢|アカ)を(?:見つけ|探し|特定|突き止め)",
    "(?:相手|彼|彼女|元彼|元カレ|元カノ|元夫|元妻)の(?:アカウント|インスタ|LINE|メール|スマホ)に"
    "[^。!?\\n]{0,6}(?:ログイン|入り|入る方法)",
    "位置情報(?:を|で)?[^。!?\\n]{0,5}(?:見|知|調べ|追跡|確認|共有させ|取得|把握)"
    "(?:たい|る方法|れる|する方法)",
    "追跡(?:したい|する方法|アプリ)",
    "鍵(?:垢|アカ|アカウント)(?:を|の)?(?:中身)?(?:を)?(?:見|覗|のぞ)",
    "非公開(?:アカウント|の投稿|のアカウント)?(?:を)?(?:見る方法|見たい|覗)",
    "(?:別アカ|別垢|別アカウント|サブ垢|サブアカ|捨て垢|裏垢|新しいアカウント|偽アカ|なりすまし)"
    "(?:を作って|を作り|で|から)[^。!?\\n]{0,4}"
    "(?:連絡|メッセージ|DM|フォロー|監視|見|覗|様子|つなが|近づ|送)[^。!?\\n]{0,3}?"
    "(?:たい|続け|よう|方法|すれば|てもいい|てみ|ば(?:いい|バレ))",
    "ブロックされ(?:た|ている|てる)(?:けど|のに|が|けれど)[^。!?\\n]{0,20}"
    "(?:連絡|会い|送り|話し|つなが)(?:続け|たい|する方法|を取る方法|を取りたい|できる方法)",
    "(?:家|職場|会社|学校|バイト先|最寄り駅|駅)(?:の前|の近く)?で待(?:って|ち伏せ)"
    "(?:みよう|みる|みたい|いれば|ようかな|たい)",
    "待ち伏せ(?:したい|しよう|する方法|してみ)",
    "監視(?:したい|する方法|アプリ)",
    "見張りたい",
    "尾行(?:したい|しよう|する方法)",
    "(?:スマホ|携帯|LINE|ライン)を(?:こっそり|盗み見|勝手に)[^。!?\\n]{0,4}(?:見|チェック)(?:たい|る方法)",
    "会ってくれるまで",
    "(?:突き止め|つきとめ|割り出)(?:る方法|たい|られる|す方法)",
    "(?:誰と|どこで|どこに)[^。!?\\n]{0,8}(?:調べる方法|調べたい|突き止め|特定)",
    "(?:店|駅|家|職場|会社|学校|バイト先)で待って(?:たら|いれば|れば)[^。!?\\n]{0,6}会え",
    "諦めずに(?:連絡|送り)続け",
    "返事(?:が来る|をくれる)まで[^。!?\\n]{0,6}(?:送り|連絡し)続け",
    word(
        r"find\s+(?:out\s+)?where\s+(?:he|she|they|my\s+ex)\s+"
        r"(?:lives|live|works|work|is|are|moved|stays|is\s+staying|is\s+living)"
    ),
    word(
        r"(?:find|get|track\s+down|look\s+up|figure\s+out|locate|dig\s+up)\s+(?:his|her|their|"
        r"my\s+ex(?:'?s)?)\s+(?:\w+\s+)?(?:new\s+|home\s+|current\s+)?(?:address|location|number|"
        r"phone\s+number|"
        r"account|workplace|home|whereabouts)"
    ),
    word(
        r"track\s+(?:his|her|their|my\s+ex(?:'?s)?|someone'?s|somebody'?s)(?:\s+\w+){0,2}\s+"
        r"(?:phone|location|car|movements|whereabouts)|"
        r"track\s+(?:him|her|them)\s+down|track\s+(?:him|her|them)"
    ),
    word(r"(?:spy|spying)\s+on\s+(?:him|her|them|my\s+ex)"),
    word(
        r"(?:how|can\s+i|way\s+to|want\s+to|app)[^.!?\n]{0,20}(?:see|find\s+out|know|check)\s+who\s+"
        r"(?:he|she|they)(?:'s|\s+is|\s+are|'re)?\s+(?:texting|messaging|talking\s+to|dming|calling)"
    ),
    word(
        r"(?:go|come)\s+to\s+(?:his|her|their)\s+(?:house|place|work|office|apartment|school)\s+and\s+"
        r"wait|wait\s+until\s+(?:he|she|they)\s+(?:comes|come|gets|leaves)\s+out"
    ),
    word(
        r"(?:way|how|app|can\s+i|could\s+i)\s+(?:to\s+)?(?:read|see|access|check)\s+(?:his|her|their)\s+"
        r"(?:whatsapp|texts|messages|dms|chats|emails|line)"
    ),
    word(
        r"(?:make|force|get)\s+(?:him|her|them)\s+(?:to\s+)?(?:talk|reply|respond|answer|unblock)"
        r"[^.!?\n]{0,40}blocked|blocked\s+me[^.!?\n]{0,40}(?:make|force|get)\s+(?:him|her|them)\s+"
        r"(?:to\s+)?(?:talk|reply|respond|answer|unblock)"
    ),
    word(
        r"(?:want|wanna|need|how\s+(?:can|do|could)\s+i|help\s+me)\s+(?:to\s+)?(?:know|find\s+out|"
        r"figure\s+out|learn|find)\s+where\s+(?:he|she|they|my\s+ex)\s+(?:lives|works|live|work|"
        r"is\s+living|moved|is\s+staying|is\s+now|goes)"
    ),
    word(
        r"(?:see|view|access|look\s+at|get\s+into)[^.!?\n]{0,40}(?:private|locked|protected)\s+"
        r"(?:account|instagram|profile|posts)"
    ),
    word(
        r"(?:check|checking|go\s+through|going\s+through|look\s+through|snoop\w*\s+(?:through|on)"
        r"|get\s+into|unlock)\s+(?:his|her|their|my\s+ex'?s)\s+(?:phone|email|icloud)"
    ),
    word(
        r"(?:see|check|know|find|get)\s+(?:his|her|their)\s+(?:live\s+|current\s+)?location|"
        r"(?:see|check|track|know|read|find|watch|follow)[^.!?\n]{0,30}without\s+(?:him|her|them)"
        r"\s+(?:knowing|noticing|finding\s+out)"
    ),
    word(
        r"log\s*(?:into|in\s+to|on\s+to)\s+(?:his|her|their|my\s+ex'?s)\s+"
        r"(?:account|instagram|email|phone|icloud|facebook)"
    ),
    word(
        r"(?:monitor|watch|check)\s+(?:his|her|their)\s+(?:phone|location|account|instagram|"
        r"social\s+media|messages|every\s+move)"
    ),
    word(
        r"(?:see|view|access|get\s+into|look\s+at)\s+(?:his|her|their)\s+"
        r"(?:private|locked|protected)\s+(?:account|instagram|profile|posts|stories|story)"
    ),
    word(
        r"(?:get\s+around|bypass|get\s+past|work\s+around|go\s+around)\s+"
        r"(?:a|the|his|her|their)\s+block"
    ),
    word(
        r"keep\s+(?:texting|messaging|contacting|calling|dming)\s+(?:him|her|them)\s+"
        r"(?:even\s+though|even\s+if|after|though|until)"
    ),
    word(
        r"(?:make|create|use|set\s+up)\s+(?:a|another|a\s+new|a\s+fake|a\s+second|an\s+alt)\s+"
        r"(?:account|number|profile)\s+to\s+(?:message|contact|text|reach|follow|watch|see|check|dm)"
    ),
    word(
        r"(?:wait|show\s+up|turn\s+up)\s+(?:outside|at|by)\s+(?:his|her|their)\s+"
        r"(?:house|place|work|apartment|office|door|home|school|job)"
    ),
    word(
        r"(?:contact|reach|message|text)\s+(?:him|her|them)\s+(?:even\s+though|after|though)\s+"
        r"(?:he|she|they)\s+blocked\s+me"
    ),
    # Reaching someone who blocked or refused: around the block, by other accounts or numbers.
    # A new number is ordinary news; it is a way around only after a block or aimed at them.
    "(?:ブロック|着拒|着信拒否|拒否|無視)(?:され|されて)[^。!?\\n]{0,30}"
    "(?:別の?|新しい|違う|友達の|友人の|知り合いの|共通の友達の|捨て|裏|サブ)"
    "(?:アカ|垢|アカウント|番号|電話|スマホ|携帯|メアド|アドレス|sns)",
    "(?:別の?|新しい|違う|友達の|友人の|知り合いの|共通の友達の|捨て|裏|サブ)"
    "(?:アカ|垢|アカウント|番号|電話|スマホ|携帯|メアド|アドレス|sns)(?:を作って|を使って|を借りて|で|から)"
    "[^。!?\\n]{0,4}(?:彼|彼女|元彼|元カレ|元カノ|元夫|元妻|相手|あの人|その人)(?:に|と)[^。!?\\n]{0,6}"
    "(?:連絡|メッセージ|dm|電話|送|かけ|話し|つなが|近づ)"
    "[^。!?\\n]{0,3}?(?:たい|よう|方法|すれば|てもいい|てみ|たら|続け|できる|ようかな)",
    "(?:ブロック|着拒|着信拒否|拒否)され[^。!?\\n]{0,25}"
    "(?:連絡|送り|会い|話し|つなが|見)(?:続け|たい|する方法|を取る方法|を取りたい|できる方法|させる方法)",
    "(?:返事|返信|連絡)(?:が来る|をくれる|がある|してくれる)まで[^。!?\\n]{0,8}"
    "(?:送り続け|送りつづけ|連絡し続け|電話し続け|かけ続け|鳴らし続け|待ち伏せ|会いに行|家に行)",
    "(?:彼|彼女|相手|元彼|元カレ|元カノ|元夫|元妻|あの人|あいつ|その人)の"
    "(?:家|自宅|住所|職場|勤務先|最寄り駅|最寄駅|シフト|スケジュール|行動パターン|帰宅時間|通勤ルート|"
    "新しい住所|引っ越し先|引越し先|実家)(?:の場所)?(?:を|が)?[^。!?\\n]{0,4}"
    "(?:知りたい|調べ(?:たい|る)|特定|突き止め|把握(?:したい|する)|知る方法|わかる方法|分かる方法|探し)",
    "(?:最寄り駅|最寄駅|駅|改札)[^。!?\\n]{0,4}(?:待ち伏せ|張り込み?)(?:したい|しよう|して(?:みよう|みる|みたい|やる)|"
    "する方法|しようかな)",
    "(?:家|職場|会社|学校|バイト先|マンション)(?:の前|の近く|の外|の出口)?で"
    "[^。!?\\n]{0,4}(?:(?:待ち伏せ|張り込み?)(?:したい|しよう|して(?:みよう|みる|みたい|やる)|する方法|"
    "しようかな)|待って(?:たら|みよう|みる|みたい|いよう|ようかな|れば)|待とう)",
    word(
        r"(?:ie|juusho|jusho|basho|shokuba|ichi\s?jouhou|ichi\s?joho|ibasho)\s?(?:wo|o|ga)?\s?"
        r"(?:shiritai|shirabetai|shiraberu|tokutei|tsukitome|kakunin\s?shitai)"
    ),
    # English: finding, watching, waiting for or reaching someone who withdrew.
    word(
        r"(?:wait|waiting|stand|standing)\s+(?:for\s+(?:him|her|them)\s+)?(?:at|by|outside|near)\s+"
        r"(?:his|her|their)\s+(?:\w+\s+){0,2}(?:stop|station|house|place|work|office|gym|school|class|"
        r"building|apartment|door|car)[^.!?\n]{0,20}(?:every\s+(?:day|morning|night|evening)|"
        r"until\s+(?:he|she|they)\s+(?:talk|speak|answer|agree|repl|respond|notice|see|give))|"
        r"(?:see|know|find|check|track)\s+where\s+(?:he|she|they|my(?:\s+\w+){1,2})\s+(?:is|are)\s+"
        r"(?:right\s+now|now|at\s+all\s+times|tonight|every\s+\w+)|"
        r"(?:find\s+out|know|figure\s+out|learn|see|check)\s+which\s+(?:gym|school|office|bar|cafe|building|apartment|station|class|company|church)\s+"
        r"(?:he|she|they)\s+(?:goes|go|works|work|lives|live|uses|attends)|"
        r"(?:so\s+(?:that\s+)?i\s+can|pretend\s+to|make\s+it\s+look\s+like\s+i)\s+(?:accidentally\s+)?"
        r"(?:run|bump|ran|bumped)\s+into\s+(?:him|her|them)"
    ),
    word(
        r"(?:text|message|call|contact|reach|dm)\w*\s+(?:him|her|them)\s+[^.!?\n]{0,40}"
        r"(?:since|because|as|now\s+that)\s+(?:he|she|they)(?:'s|\s+has)?\s+blocked\s+me"
    ),
    word(
        r"(?:find|found|figure|work|look|dig|track)\s+(?:out\s+|up\s+|down\s+)?"
        r"where\s+(?:he|she|they|my(?:\s+\w+){1,2}|(?:his|her|this|that)\s+\w+)\s+(?:now\s+)?"
        r"(?:lives|live|living|works|work|moved|stays|is\s+staying|is\s+living|goes|hangs\s+out|"
        r"sleeps|parks)"
    ),
    word(
        r"(?:wait|waiting|hang\s+around|hanging\s+around|camp\s+out|lurk)\s+"
        r"(?:for\s+(?:him|her|them)\s+)?(?:outside|in\s+front\s+of|near|across\s+from)\s+"
        r"(?:his|her|their)|(?:wait|waiting)\s+outside\s+(?:and|to|until|till|for|so)\s+"
        r"[^.!?\n]{0,20}(?:him|her|them|talk|see|catch)"
    ),
    word(
        r"(?:keep|kept|continue|still)\s+(?:on\s+)?(?:messag|text|contact|call|dm|email|writ)\w*\s+"
        r"(?:him|her|them)[^.!?\n]{0,60}(?:blocked\s+me|block\s+me|so\s+(?:he|she|they)\s+"
        r"(?:has|have)\s+to|no\s+matter\s+what|even\s+(?:if|though)\s+(?:he|she|they)\s+"
        r"(?:blocked|said|asked|told))"
    ),
    word(
        r"(?:blocked|unfriended|muted)\s+me[^\n]{0,80}(?:keep|continue|still|way\s+to|"
        r"how\s+(?:can|do)\s+i|can\s+i)\s+(?:\w+\s+)?(?:messag|text|contact|reach|call|dm|"
        r"get\s+through|get\s+to)\w*\s+(?:him|her|them)"
    ),
    word(
        r"(?:has|have)\s+to\s+(?:answer|reply|respond|talk\s+to\s+me|see\s+me)\s+eventually|"
        r"(?:from|with|using|via|through)\s+(?:a\s+)?(?:new|different|another|fake|second|burner|"
        r"friend'?s|friends'?|spare)\s+(?:account|number|phone|profile|email)[^.!?\n]{0,20}"
        r"(?:so\s+(?:he|she|they)|to\s+(?:message|text|contact|reach|call|dm)\s+(?:him|her|them))"
    ),
    word(
        r"(?:learn|find\s+out|figure\s+out|track|work\s+out|memori[sz]e|map\s+out)\s+(?:his|her|their)\s+"
        r"(?:daily\s+|weekly\s+|work\s+|class\s+|gym\s+)?(?:schedule|routine|shifts?|movements|"
        r"whereabouts|commute)|(?:know|get)\s+(?:his|her|their)\s+(?:daily|class|gym|work)\s+"
        r"(?:schedule|routine)|(?:what\s+time|when)\s+(?:he|she|they)\s+(?:leaves|gets\s+off|"
        r"finishes|comes\s+home)[^.!?\n]{0,25}(?:so\s+i\s+can\s+(?:catch|wait|be\s+there|run\s+into|"
        r"bump\s+into|show\s+up|see)|to\s+(?:catch|wait\s+for|run\s+into|bump\s+into))"
    ),
    # Finding, reading or reaching someone behind their back: through mutual friends, their
    # passwords, apps that show their location, accounts they won't recognise, calls until
    # they pick up.
    "(?:住所|居場所|勤務先|職場|連絡先|新しい番号|引っ越し先|引越し先|新しいアカウント|今の家)"
    "[^。!?\\n]{0,15}(?:聞き出(?:す|したい|せ)|教えてもらう方法|探ってもら)",
    "共通の(?:友達|友人|知人|知り合い)(?:から|に|経由で|を使って)[^。!?\\n]{0,12}"
    "(?:聞き出|探|調べ|様子を)",
    "(?:彼|彼女|相手|元彼|元カレ|元カノ|元夫|元妻|あの人)の[^。!?\\n]{0,8}"
    "(?:パスワード|パスコード|暗証番号|ロック番号)",
    "(?:彼|彼女|相手|元彼|元カレ|元カノ|元夫|元妻|あの人)の[^。!?\\n]{0,10}"
    "(?:トーク履歴|トーク|メッセージ|dm|メール|通話履歴|検索履歴|履歴)を[^。!?\\n]{0,4}"
    "(?:見る方法|見たい|覗|のぞ|盗み見|確認する方法|読む方法|読みたい)",
    "(?:出る|でる|返事する|返信する|会ってくれる)まで[^。!?\\n]{0,6}(?:毎日|何度でも|ずっと)?"
    "[^。!?\\n]{0,4}(?:電話|かけ|送|連絡|鳴らし)[^。!?\\n]{0,2}(?:よう|たい|続け|てみる|てやる)",
    word(
        r"(?:show|shows|see|track|check|get|watch)\s+(?:my\s+ex'?s|his|her|their)\s+"
        r"(?:live\s+|current\s+|real[-\s]?time\s+|exact\s+)?location|"
        r"(?:location|messages|texts|phone|whereabouts|dms|chats)[^.!?\n]{0,30}without\s+"
        r"(?:him|her|them)\s+(?:knowing|noticing|finding\s+out|realizing|realising)|"
        r"(?:account|number|profile)\s+so\s+(?:he|she|they)\s+(?:doesn'?t|won'?t|can'?t|does\s+not|"
        r"will\s+not)\s+(?:realise|realize|know|notice|recogni[sz]e|see|find\s+out|tell)|"
        r"(?:call|text|message|dm|ring|email)\w*\s+(?:him|her|them\s+)?[^.!?\n]{0,25}until\s+"
        r"(?:he|she|they)\s+(?:picks?\s+up|answers?|repl|respond|gives?\s+in|unblocks?|talks?\s+to)|"
        r"(?:see|find\s+out|know|check|read)\s+who\s+(?:he|she|they|my\s+ex|my\s+\w+)\s*"
        r"(?:'s|’s|is|are|'re|has\s+been|'s\s+been)?\s+(?:texting|messaging|talking\s+to|dm'?ing|"
        r"dming|calling|seeing|sleeping\s+with)|"
        r"(?:want|wanna|need|going|try|trying|plan|planning)\s+to\s+(?:read|see|check|go\s+through|"
        r"look\s+at)\s+(?:his|her|their)\s+(?:messages|texts|dms|chats|emails|phone|whatsapp)|"
        r"blocked\s+me[^.!?\n]{0,40}(?:trick|hack|workaround|loophole|any\s+way|way)s?\s+to\s+"
        r"(?:still\s+)?(?:send|message|text|reach|contact|dm|call|get\s+through)|"
        r"(?:know|have|got|remember|still\s+know|guess|guessed)\s+(?:his|her|their|my\s+ex'?s)\s+"
        r"(?:\w+\s+)?(?:password|passcode|pin|login)|"
        r"(?:mutual\s+friends?|(?:his|her|their)\s+(?:friends|sister|brother|coworkers?|roommate))"
        r"[^.!?\n]{0,30}(?:without\s+(?:him|her|them)\s+knowing|to\s+(?:find|get|tell\s+me)\s+"
        r"(?:out\s+)?(?:where|his|her|their))"
    ),
)

# --- Stalking of the user: following, watching, waiting, contact after refusal. ---------

_STALK_OTHER = cue_regex(
    "待ち伏せ",
    "まちぶせ",
    "(?:家|部屋|職場|会社|学校|バイト先|駅)の(?:前|近く|外)で(?:待って|待ち(?!合わせ|あわせ)|待た|張り込)",
    "(?:勝手に|突然|何度も|毎日|断っても|呼んでないのに|アポなしで|連絡もなく)"
    "(?:家|部屋|職場|会社|学校|バイト先)(?:の前)?(?:まで|に)(?:来|押しかけ|きた|くる|き)",
    "押しかけ(?:てきた|てくる|られ|てきて)",
    "(?:家|職場|会社|学校)の(?:周り|近く|前)(?:に|まで)(?:来る|来て|くる|きて|来た|きた)",
    "(?:位置情報|GPS|追跡)(?:アプリ)?を(?:入れられ|仕込まれ|共有させられ|勝手に)",
    "(?:家|職場|会社|学校|バイト先|実家)(?:に|まで)(?:何度も|毎日|しつこく|勝手に)"
    "(?:来(?!てくれ|てもら)|押しかけ|きて(?!くれ|もら)|くる)",
    "(?:私|わたし|僕|俺|自分)の[^。!?\\n]{0,4}(?:バイト先|職場|会社|店|学校)(?:に|まで)[^。!?\\n]{0,8}"
    "(?:毎日|毎週|毎晩|何度も|しつこく)(?:来|き|く)",
    "(?:職場|家|バイト先|学校|会社|引っ越し先|引越し先|店|場所|ところ|ジム|駅|飲み会|大学)(?:にも|まで)"
    "[^。!?\\n]{0,4}"
    "(?:現れ|あらわれ|姿を見せ|出没)",
    "無言電話|非通知(?:で|から)[^。!?\\n]{0,6}(?:毎晩|毎日|何度も|何回も)",
    "(?:私|わたし|僕|俺|自分)の(?:行動|投稿|居場所|予定|位置)を(?:逐一|いちいち|全部|ずっと|常に)?"
    "(?:チェック|監視|把握|見張)",
    "(?:私|わたし|僕|俺|自分)の(?:居場所|住所|連絡先|新しい番号|職場|引っ越し先)を[^。!?\\n]{0,4}"
    "(?:聞き|聞いて|探し|調べ)",
    "(?:毎日|毎晩|毎朝|何度も|いつも)[^。!?\\n]{0,6}(?:家|職場|会社|駅)の(?:近く|前|周り)で"
    "(?:見かけ|会う|見る)",
    "(?:家|部屋|職場|会社)の(?:前|外|近く)に[^。!?\\n]{0,6}(?:止まって|停まって|いた|いる|立って)",
    "(?:元彼|元カレ|元カノ|元夫|元妻|元旦那|元嫁)が[^。!?\\n]{0,10}待(?:って|ち構えて)(?:る|いる|いた|た)",
    "(?:家|職場|会社|学校|バイト先|実家)まで(?:来た|来る|きた|くる|押しかけ)",
    "(?:知らない|別の|新しい|捨て|裏)(?:アカウント|アカ|垢|番号)から[^。!?\\n]{0,6}"
    "(?:毎日|何度も|何回も|しつこく|ずっと)",
    "(?:家|部屋|職場|会社)の(?:前|外|近く)に(?:いた|いる|立って)",
    "(?:毎晩|毎日|毎朝|何度も|ずっと|勝手に|夜中に?|深夜に?|いつも)[^。!?\\n]{0,15}"
    "(?:家|うち|部屋|マンション|アパート|職場|会社|学校|バイト先|実家)の(?:前|外|近く|下|入り口|駐車場)に"
    "[^。!?\\n]{0,6}(?:止めて|停めて|止まって|停まって|張って|うろうろ|うろつ)",
    "(?:後|あと)を(?:つけ|付け)(?:られ|てく|てき)",
    "尾行され",
    "(?:つけ|付け)回",
    "(?:つきまと|付きまと|付き纏|つき纏)",
    "ストーカー",
    "ストーキング",
    word("gps"),
    "位置情報(?:を|が)?[^。!?\\n]{0,6}(?:見られ|共有させられ|勝手|監視|把握され|知られ|特定され)",
    "(?:居場所|住所|家|職場|勤務先|引っ越し先|引越し先|新居|新しい家|連絡先|新しい番号)(?:を|が|も)"
    "(?:知られ|特定され|調べられ|突き止められ|バレ|ばれ)",
    "監視(?:され|して(?:くる|きて|いる|る))",
    "見張られ",
    "盗聴",
    "(?:家|職場|会社|部屋)の(?:周り|近く|前)を(?:うろつ|うろうろ)",
    "乗っ取られ",
    "盗撮",
    "(?:ブロック|拒否|着拒|着信拒否)(?:した|しても|したのに|したけど|してるのに|している|したら)"
    "[^。!?\\n]{0,20}"
    "(?:別の?アカ|別垢|別アカウント|サブ垢|サブアカ|新しいアカウント|捨て垢|違う番号|別の番号|"
    "番号を変え|非通知|公衆電話|共通の(?:友|知)|友達経由|しつこく|何度も|まだ連絡|連絡してくる|連絡が来|"
    "(?:かかって|かけて|送って|連絡して|来て|きて)(?:くる|きた))",
    "(?:別の?アカ|別垢|サブ垢|サブアカ|捨て垢|新しいアカウント)(?:で|から)[^。!?\\n]{0,4}"
    "(?:連絡|メッセージ|DM|フォロー)(?:が)?(?:来|き|してく)",
    "(?:何十|何百|数十|数百|百|[1-9][0-9]+)(?:回|件|通)(?:も|以上)?[^。!?\\n]{0,6}"
    "(?:電話|着信|連絡|メッセージ|LINE|ライン|メール|DM)",
    "鬼電",
    "断(?:った|っても|ってる|っている)のに[^。!?\\n]{0,15}(?:連絡|電話|来|会いに|しつこ|待)",
    "しつこく(?:連絡|電話|メッセージ|LINE|ライン)(?:して|を)?(?:くる|きて|きた|され|来)",
    "合鍵を(?:勝手|使って)",
    "勝手に(?:部屋|家)に(?:入|上が)",
    "(?:スマホ|携帯|LINE|ライン)を(?:勝手に|盗み見|こっそり)[^。!?\\n]{0,4}(?:見られ|チェックされ)",
    word(r"stalk(?:s|ed|ing|er|ers)?"),
    word(
        r"(?:following|followed|follows)\s+me\s+(?:home|to\s+(?:my|work|school)|around|everywhere)"
    ),
    word(r"(?:waiting|waited|waits)\s+(?:for\s+me\s+)?(?:outside|at|by|in\s+front\s+of)\s+my"),
    word(r"(?:keeps|kept)\s+(?:showing|turning)\s+up"),
    word(
        r"(?:asking|messaging|texting|calling|contacting)\s+my\s+(?:friends|family|parents|coworkers|"
        r"roommate)[^.!?\n]{0,30}(?:where\s+i|my\s+(?:address|location|new\s+number))"
    ),
    word(
        r"(?:waits|waited|waiting)\s+for\s+me\s+[^.!?\n]{0,30}every\s+(?:day|night|morning|time)|"
        r"(?:waits|waited|waiting)\s+for\s+me\s+outside"
    ),
    word(
        r"(?:put|puts|install\w*|hid|hidden)\s+(?:an?\s+|some\s+)?(?:app|tracker|tracking\s+\w+|"
        r"something)\s+(?:on|in)\s+my\s+(?:phone|car|bag)"
    ),
    word(
        r"(?:see|know|track|check)\s+where\s+i\s+(?:am|go|was)\s+(?:at\s+all\s+times|all\s+the\s+time)"
    ),
    word(
        r"(?:after|even\s+though|though)\s+i\s+(?:said|told\s+(?:him|her|them)|asked\s+(?:him|her|them))"
        r"\s+(?:no|to\s+stop|stop|to\s+leave\s+me\s+alone|i\s+was\s*n'?t\s+interested)"
    ),
    word(
        r"(?:accounts?|profiles?)\s+to\s+(?:keep\s+)?(?:watch|see|view|follow|stalk|check)\w*\s+my"
    ),
    word(
        r"(?:still\s+)?has\s+(?:a|my)\s+(?:spare\s+)?key|"
        r"been\s+in\s+my\s+(?:apartment|house|room|place|flat)\s+while"
    ),
    word(r"(?:shows|showed|turns|turned)\s+up\s+(?:wherever|everywhere|every\s+time)"),
    word(r"(?:watching|monitoring|tracking|watches|monitors|tracks)\s+(?:my\s+)?every\s+move"),
    word(
        r"(?:calling|texting|messaging|contacting)\s+me\s+from\s+(?:different|new|other|multiple|"
        r"fake|burner|unknown)\s+(?:numbers|accounts|phones)"
    ),
    word(
        r"(?:keeps|kept|still|continues\s+to|won'?t\s+stop)\s+\w+(?:ing)?\s+me\b[^.!?\n]{0,40}"
        r"after\s+i\s+(?:blocked|told|asked)"
    ),
    word(r"(?:is|are|was|been|keeps|kept)\s+following\s+me(?!\s+(?:on|back|again\s+on))"),
    word(
        r"(?:showed|shows|turned|turns)\s+up\s+(?:at|to)\s+my\s+(?:house|home|place|work|job|door|"
        r"apartment|school|office)\s+(?:uninvited|unannounced|again|every|without|even|after)"
    ),
    word(
        rf"(?:won{_S}t|wont|doesn{_S}t|doesnt|will\s+not|does\s+not)\s+(?:stop\s+(?:texting|calling|"
        r"messaging|contacting|dming|following)|leave\s+me\s+alone)"
    ),
    word(
        r"(?:keeps|kept|still)\s+(?:texting|calling|messaging|contacting|dming)\s+me\s+"
        r"(?:even|after|though|despite|every\s+(?:day|hour|night))"
    ),
    word(
        r"blocked\s+(?:him|her|them|his|their)\b[^.!?\n]{0,60}(?:new|another|different|fake|"
        r"second|burner)\s+(?:account|number|profile|phone)"
    ),
    word(
        r"(?:new|another|fake|different|burner)\s+(?:accounts?|numbers?|profiles?)\s+to\s+"
        r"(?:contact|reach|message|text|follow|watch)\s+me"
    ),
    word(r"(?:tracking|tracked|tracks|track)\s+my\s+(?:phone|location|car|whereabouts|movements)"),
    word(r"gps\s+tracker|airtag|tracking\s+(?:device|app)|spyware|stalkerware"),
    word(r"(?:spy|spying|spied)\s+on\s+me|hack(?:ed|ing|s)?\s+(?:into\s+)?my"),
    word(r"driv(?:es|ing|e|en)\s+(?:past|by)\s+my\s+(?:house|place|work|apartment|home)"),
    word(
        r"(?:monitoring|monitors|monitored|reads|reading|read|went\s+through|goes\s+through)\s+my\s+"
        r"(?:phone|location|messages|texts|email|accounts)\s+(?:without|behind|secretly)"
    ),
    word(r"(?:hundreds|dozens)\s+of\s+(?:calls|texts|messages)"),
    word(
        r"\d{2,}\s+(?:missed\s+)?(?:calls|texts|messages)\s+(?:a|in\s+a|per|every)\s+(?:day|hour)"
    ),
    # Contact that survives every change the user makes, or keeps arriving after a no.
    "(?:番号|電話番号|アカウント|アカ|垢|メアド|アドレス|住所|職場|引っ越し|引越し)を?"
    "(?:変えても|変えたのに|消しても|消したのに|移っても|しても|したのに)[^。!?\\n]{0,20}"
    "(?:連絡(?:が|を)?(?:来|く|き|して)|来る|来た|来て|くる|きた|きて|見つけ|突き止め|かかって|届|"
    "調べ(?:られ|て(?:く|き))|探し(?:当て|出さ)|特定され)",
    "(?:何度も|何回も|はっきり)(?:断|拒否|拒絶)(?:った|して|した|しても|っても)(?:のに|けど|が)?"
    "[^。!?\\n]{0,15}(?:連絡|電話|来る|来た|くる|きた|来て|きて|待|しつこ|毎日|押しかけ|会いに)",
    "(?:手紙|プレゼント|贈り物|花|メモ)(?:を|が)[^。!?\\n]{0,8}"
    "(?:送り続け|届き続け|届け続け|何通も|郵便受けに直接|ドアに(?:挟|貼|かけ|置)|"
    "(?:毎日|毎週)(?:届|送られ|置かれ|入って))",
    "(?:ドア|玄関)(?:に|の前に)[^。!?\\n]{0,6}(?:手紙|メモ|プレゼント|花)が?(?:置か|挟)",
    "(?:家|部屋|職場|会社|学校|帰り道|通勤路)(?:の前|の近く|の外|の周り)?で"
    "(?:待ち構えて|張って|張り込んで)(?:いた|いる|た|る)|待ち構えられ",
    word(
        r"(?:changed|switched|got\s+a\s+new)\s+(?:my\s+)?(?:number|phone\s+number|account|address|"
        r"email)[^.!?\n]{0,40}(?:he|she|they)\s+(?:still\s+|somehow\s+|already\s+)?(?:found|finds|"
        r"got\s+(?:it|hold)|keeps|kept|texts|texted|calls|called|messages|messaged|tracked|showed\s+up)"
    ),
    word(
        r"(?:after|though|even\s+though)\s+i\s+(?:blocked|muted|unfriended|reported)[^.!?\n]{0,30}"
        r"(?:(?:he|she|they)\s+(?:still|keeps|kept|found|finds|showed|shows|turned|turns|sends|sent|"
        r"messages|messaged|texts|texted|calls|called))"
    ),
    word(
        r"(?:found|tracked\s+down|figured\s+out|got)\s+(?:out\s+)?my\s+(?:new\s+)?(?:address|location|"
        r"apartment|place|workplace)\s+(?:somehow|even\s+though|after\s+i)"
    ),
    word(
        r"(?:he|she|they|ex)(?:(?:'s|\s+is|\s+was)\s+(?:always|constantly|still|again)|\s+keeps|"
        r"\s+kept|\s+has\s+been)\s+(?:\w+\s+){0,2}"
        r"(?:outside|parked\s+outside|sitting\s+outside|standing\s+outside)\s+my\s+(?:house|home|"
        r"place|work|apartment|office|building|door|window)|"
        r"(?:new|another|different|fake|second|burner)\s+(?:accounts?|numbers?|profiles?|phones?)\s+"
        r"(?:\w+\s+){0,4}(?:after|since|because|when)\s+i\s+(?:blocked|muted|unfriended)|"
        r"machi\s?buse|tsuki\s?matoi|tsukimato|"
        r"(?:every|each)\s+(?:new\s+)?account\s+i\s+(?:make|create|open)|"
        r"(?:sitting|parked|sits|sat)\s+in\s+(?:his|her|their|a)\s+car\s+(?:across|outside|in\s+front|near|"
        r"by)[^.!?\n]{0,30}my\s+(?:house|home|place|apartment|building|work|office)|"
        r"(?:flowers|gifts|letters|notes|packages)\s+[^.!?\n]{0,20}(?:with\s+no\s+name|unsigned|no\s+sender)|"
        r"anonymous\s+(?:flowers|gifts|letters|notes|messages|calls|texts)"
    ),
    "エアタグ|発信機",
    word(
        r"(?:he|she|they|ex)\s+(?:keeps|kept|still)\s+(?:sending|leaving|mailing|dropping\s+off)\s+(?:me\s+)?"
        r"(?:letters|gifts|flowers|notes|packages)|(?:letters|gifts|flowers|notes)\s+left\s+"
        r"(?:at|on|outside)\s+my\s+(?:door|doorstep|car|desk)"
    ),
    # Being found, watched or reached after a clear no: knowing where the user went, photos of
    # the user's door, turning up where the user goes, message floods from unknown numbers.
    "(?:やめて|来ないで|こないで|関わらないで|かかわらないで|連絡しないで|近づかないで|もう会わない)"
    "(?:って|と)[^。!?\\n]{0,8}(?:言った|いった|伝えた|頼んだ|お願いした)のに",
    "(?:教えて|言って|話して|投稿して|載せて)(?:い)?ない(?:のに|はずなのに)[^。!?\\n]{0,20}"
    "(?:知って|知られ|来た|来て|現れ|写真|わかって|バレ)",
    "(?:私|わたし|自分|うち)の[^。!?\\n]{0,6}(?:家|玄関|部屋|車|ドア|窓|職場|新居)の(?:写真|画像)(?:を|が)",
    "(?:電話|着信|メッセージ|ショートメッセージ|sms|line|ライン|メール|dm)が[^。!?\\n]{0,4}"
    "(?:何十|何百|数十|数百|[1-9][0-9]+)(?:回|件|通)",
    "(?:行った|行く|いる)(?:店|場所|ところ|所)(?:に|にも|まで)[^。!?\\n]{0,6}(?:現れ|来る|来た|いる|いた)",
    "(?:時間|予定|シフト|通勤|帰り)を(?:合わせ|あわせ)(?:てくる|てきて|てきた|られ)",
    word(
        r"(?:he|she|they|ex)\s+(?:somehow\s+|already\s+|still\s+)?(?:knows|knew|found\s+out|"
        r"figured\s+out)\s+where\s+i\s+(?:moved|was|went|had\s+been|am\s+(?:right\s+)?now|"
        r"(?:live|work)\s+(?:now|even|though|somehow))|"
        r"(?:photo|picture|pic)\s+of\s+my\s+(?:new\s+)?(?:front\s+door|door|house|home|building|"
        r"apartment|car|window|street)|"
        r"(?:is|was|are)\s+(?:he|she|they|someone|somebody)\s+(?:\w+\s+)?following\s+me"
        r"(?!\s+(?:on|back))|"
        r"i\s+(?:never|didn'?t)\s+(?:post|posted|share|shared|tell|told)\s+(?:that|it|this|anyone)"
        r"[^.!?\n]{0,15}(?:anywhere|online|to\s+anyone)?[^.!?\n]{0,40}(?:how\s+(?:does|did|would)\s+"
        r"(?:he|she|they)\s+know|following|watching)|"
        r"(?:new|another|fake|different|burner|alt)\s+(?:\w+\s+)?(?:accounts?|numbers?|profiles?)\s+"
        r"to\s+(?:contact|reach|message|text|follow|watch|dm)\s+me|"
        r"after\s+i\s+blocked\s+(?:each|every|all|the\s+(?:first|last|old))|"
        r"(?:shows?|showed|turns?|turned)\s+up\s+(?:at\s+)?(?:wherever|where)\s+i|"
        r"(?:keeps|kept)\s+(?:appearing|turning\s+up|showing\s+up)\s+(?:at|near|outside)\s+my|"
        r"(?:turns?|turned|shows?|showed)\s+up\s+(?:at|near|outside)\s+my\s+(?:\w+\s+)?(?:station|gym|"
        r"work|office|school|class|cafe|stop|building|house|place|door|job)[^.!?\n]{0,20}"
        r"(?:(?:every|each)\s+(?:morning|day|night|evening|week|time|weekend)|again|uninvited)|"
        r"(?:he|she|they|ex)\s+(?:somehow\s+)?(?:knew|knows)\s+(?:exactly\s+)?where\s+i\s+(?:had|ate|"
        r"spent|stayed|slept|parked|went|was)|"
        r"(?:ask|asks|asked|asking|message|messages|messaged|messaging|text|texts|texted|texting|"
        r"call|calls|called|calling)\s+my\s+(?:friends?|family|parents|mom|mum|dad|sister|brother|"
        r"coworkers?|colleagues|roommate|boss)[^.!?\n]{0,30}(?:where\s+i|my\s+(?:address|location|"
        r"new\s+number|schedule))"
    ),
)

# --- Violence by the user: the user says they want to or will hurt the other person. ------
# Read after the figurative blanking, so "殺すぞ笑" and "I'll kill you lol" stay jokes.

_TARGET_JA = (
    "(?:元彼|元かれ|元かの|元カノ|元恋人|元夫|元妻|元旦那|元嫁|彼氏|彼女|かのじょ|旦那|夫|妻|嫁|"
    "あいつ|こいつ|そいつ|あの(?:人|ひと|男|女|野郎|やろう)|相手|浮気相手|先輩|後輩|上司|同僚|"
    "友達|ともだち|親友|父|母|親|兄|弟|姉|妹|やつ|奴)"
)
_HURT_JA = (
    "(?:殺|ころ|ぶっ殺|ぶっころ|刺|殴|なぐ|ぶん殴|ぶんなぐ|ぼこぼこにし|ぼっこぼこにし|ぼこ|"
    "痛い目(?:に)?(?:あわ|遭わ)|始末|轢|ひ(?=いてやる)|燃や|ぶっ飛ば|めちゃくちゃにし|潰|つぶ)"
)
_THREAT_BY_USER = cue_regex(
    f"{_TARGET_JA}を{_HURT_JA}(?:す|し|さ|る|っ|って|ろ|せ|い|け|ける|り|してやる|したい|"
    "してやりたい|すつもり|そう|たい|てやる|てやりたい|つもり|に行く|にいく)",
    f"{_TARGET_JA}(?:の|に)[^。!?\n]{{0,12}}(?:火をつけ|放火|包丁|ナイフ|刃物)",
    "(?:殺|ころ|刺|さ|殴|なぐ)(?:してやる|してやりたい|しに行く|しにいく|ってやる|ってやりたい)",
    "(?:ぶっ殺|ぶっころ)(?:す|したい|してやる)",
    "(?:復讐|仕返し)(?:して|し)(?:やる|やりたい|たい)",
    word(
        r"(?:i'?m|i\s+am|i'?ll|i\s+will|i\s+want\s+to|i\s+wanna|i'?m\s+gonna|i'?m\s+going\s+to|"
        r"gonna|going\s+to)\s+(?:\w+\s+)?(?:kill|murder|stab|shoot|strangle|beat\s+up|beat|hurt|"
        r"punch|run\s+over|burn)\s+"
        r"(?:him|her|them|my\s+ex|that\s+(?:guy|girl|man|woman|bitch|bastard))\b"
    ),
    word(r"(?:make|making)\s+(?:him|her|them)\s+(?:pay|suffer|regret)"),
    word(r"(?:he|she|they)(?:'?s|\s+is|\s+are|'re)\s+(?:so\s+)?dead\s+(?:to\s+me\s+)?when\s+i"),
)

# --- Control: the other person demands reports, checks the phone, cuts the user off. -----

_CONTROL = cue_regex(
    "(?:予定|行動|居場所|位置|どこにいるか|誰といるか|全部)(?:を)?(?:全部|いちいち|毎回|逐一)?"
    "(?:報告|連絡)(?:しろ|して(?:こい|ね)?って(?:言われ|命令)|させられ|しないと|を求められ|を強要|"
    "が義務|しなきゃ(?:いけない|怒))",
    "(?:スマホ|携帯|けーたい|らいん|line|lineの中身|トーク履歴|履歴)(?:を)?"
    "(?:毎日|毎晩|毎回|勝手に|いつも|こっそり|全部)?(?:ちぇっく|チェック|見られ|見せろ|見せなきゃ|"
    "確認され|確認させられ)",
    "(?:友達|友だち|友人|家族|実家|親)(?:と|に)(?:会う|会わ|会い|連絡する|連絡を取る|遊ぶ)"
    "(?:の|こと)?(?:も|を)?(?:禁止|許さ|許してくれない|ダメって|だめって|させてくれない)",
    "(?:お金|給料|カード|通帳)(?:を|は)?(?:全部)?(?:取り上げ|管理され|渡さないと|取られ)",
    word(
        r"(?:makes?|made|forces?|forced)\s+me\s+(?:to\s+)?(?:report|send\s+(?:him|her)\s+my\s+"
        r"location|share\s+my\s+location|check\s+in)|(?:checks?|goes\s+through|reads?)\s+my\s+"
        r"(?:phone|messages|texts)\s+(?:every|each|all\s+the)|won'?t\s+let\s+me\s+(?:see|meet|"
        r"talk\s+to)\s+my\s+(?:friends|family)"
    ),
)

_LEVEL_ORDER: tuple[tuple[SafetyLevel, re.Pattern[str]], ...] = (
    ("self_harm", _SELF_HARM),
    ("violence", _THREAT_BY_USER),
    ("violence", _VIOLENCE),
    ("violence", _CONTROL),
    ("stalking", _STALK_USER),
    ("stalking", _STALK_OTHER),
)


@dataclass(frozen=True, slots=True)
class SafetyMatch:
    level: SafetyLevel
    flags: tuple[str, ...]
    cue: str
    """The matched cue, for evals and debugging: never logged with the user's text."""


def _blank(pattern: re.Pattern[str], text: str) -> tuple[str, bool]:
    blanked, count = pattern.subn(lambda m: " " * len(m.group()), text)
    return blanked, count > 0


# --- Concern: words near danger that named no level. -----------------------------------
# The level cues miss wording nobody anticipated (see docs/guardrails.md). These broader words
# do not stop coaching; they put one gentle safety line and a support number in front of the
# user, where a miss would cost far more than a needless line.

_THEM = (
    "(?:彼|かれ|彼女|かのじょ|相手|あいて|あの人|あのひと|元彼|元かれ|元かの|元恋人"
    "|夫|妻|旦那|嫁|あいつ|やつ)"
)
_CONCERN = cue_regex(
    # thoughts of not being here
    "自殺|自死|自傷|遺書|死にたく|死のう|しのう|消えてしまいたい|いなくなりたい|生きる意味|"
    "生きてる意味|生きている意味|生きてる価値|楽になりたい|終わりにしたい|終わらせたい|"
    "全部終わりに|飛び降|首を(?:吊|つ)|薬を(?:たくさん|大量|まとめて|全部)|もう限界",
    # fear of the person, harm, threats, coercion
    f"{_THEM}(?:が|のことが|の事が)(?:怖|こわ|恐)",
    "脅(?:さ|し|す|迫)|殴(?!り書)|蹴(?:ら|っ|る)|暴力|暴言|危害|刃物|包丁|ナイフ|無理(?:やり|矢理)|"
    "強要|弱み|ばらま|さら(?:す|され|さ)|晒|後悔させ|ただじゃ(?:すま|済ま)|覚えてろ|逃げ(?:たい|られ)",
    # being watched or found, or finding someone
    "居場所|住所(?:を|が)?(?:知りたい|知って|調べ|特定|教えて|突き止め|探)|尾行|つけられ|後をつけ|"
    "あとをつけ|待ち伏せ|付きまと|つきまと|見張|監視(?!かめら|カメラ)|gps|位置情報|"
    "(?:家|職場|会社|駅)の前(?:に|で)(?:いた|居た|立って|待って|来て)|特定し|"
    "ブロックされても|ブロックしても|着信拒否されても|着拒されても|しつこ",
    word(
        r"suicid\w*|kill(?:ing)?\s+myself|end\s+(?:it\s+all|my\s+life)|self[-\s]?harm|"
        r"hurt(?:ing)?\s+myself|overdos\w*|(?:no|any)\s+(?:point|reason)\s+(?:in\s+)?living|"
        r"not\s+(?:be\s+)?(?:here|around)\s+(?:anymore|much\s+longer|tomorrow)|"
        r"(?:scared|afraid|frightened|terrified)\s+of\s+(?:him|her|them|my\s+ex)|unsafe|"
        r"threaten(?:ed|s|ing)?\s+(?:me|to)|death\s+threats?|blackmail\w*|"
        r"(?:hit|hits|hitting)\s+me(?!\s+(?:up|that|with|back|like))|"
        r"(?:slapped|punched|choked|shoved|pushed)\s+me|"
        r"hurt\s+me|weapon|knife|gun|forced\s+me|force\s+me|(?:you'?ll|you\s+will|make\s+you)\s+regret|"
        r"revenge|expose\s+(?:me|her|him|them)|leak\w*\s+(?:my|her|his|the)\s+(?:photos?|pics?|nudes)|"
        r"stalk\w*|follow(?:ed|ing|s)\s+me\s+(?:home|around|to)|track\w*\s+(?:her|him|them|his|their)\b|"
        r"(?:her|his|their)\s+(?:location|address)|where\s+(?:she|he|they)\s+(?:lives?|works?|stay)|"
        r"outside\s+(?:my|her|his|their)\s+(?:house|home|place|work|office|apartment)|"
        r"won'?t\s+leave\s+me\s+alone|knows?\s+(?:my\s+(?:new\s+)?(?:address|schedule)|"
        r"where\s+i\s+(?:live|work|am))|"
        r"keeps?\s+(?:calling|texting|showing\s+up)|even\s+after\s+(?:i|she|he)\s+blocked"
    ),
)


def match_safety(normalized: str, *, spelled: Sequence[str] = ()) -> SafetyMatch:
    """The most serious level the text shows, most serious first: self-harm, violence, stalking.

    `spelled` holds words spelled out letter by letter (`coach.text.spelled_out`)."""
    text, _ = _blank(_FIGURATIVE, normalized)
    text, coerced = _blank(_COERCION, text)
    for level, pattern in _LEVEL_ORDER:
        found = pattern.search(text) or search_glued(pattern, spelled)
        if found:
            flags = (
                ("stalking_by_user",)
                if pattern is _STALK_USER
                else ("violence_by_user",)
                if pattern is _THREAT_BY_USER
                else ()
            )
            return SafetyMatch(level, flags, found.group())
    if coerced:
        return SafetyMatch("violence", (), "coercion")
    found = _DISTRESS.search(text)
    if found:
        return SafetyMatch("none", ("distress_check_in",), found.group())
    found = _CONCERN.search(text)
    if found:
        return SafetyMatch("none", ("safety_check_in",), found.group())
    return SafetyMatch("none", (), "")
