"""Prompt-injection and jailbreak cues, Japanese and English, over normalised text.

A hit does not refuse the turn: the pipeline passes the text on only as quoted data, and the
output rails stop any answer that repeats the system prompt.
"""

from __future__ import annotations

from collections.abc import Sequence

from guardrails.patterns import cue_regex, search_glued, word

__all__ = ["INJECTION_FLAG", "looks_like_injection"]

INJECTION_FLAG = "prompt_injection"

_PRIOR = r"(?:previous|prior|above|earlier|preceding|initial|original|system|safety|old|existing)"
_RULES = (
    r"(?:instructions?|prompts?|rules|directions|directives|guidelines|constraints|programming|"
    r"restrictions|system\s+messages?)"
)
_NO_LIMITS = (
    r"(?:any\s+|your\s+|the\s+)?(?:usual\s+|normal\s+|current\s+|built-?in\s+|default\s+)?(?:rules|restrictions|limitations|limits|filters|guidelines|censorship|"
    r"content\s+polic(?:y|ies)|safety\s+(?:rules|guidelines|filters)|ethics|morals)"
)
_PROMPT_NOUN = (
    r"(?:system\s+prompt|system\s+message|hidden\s+prompt|initial\s+prompt|original\s+prompt|"
    r"secret\s+prompt|instructions|prompt|rules|guidelines|configuration|pre-?prompt)"
)

_DROP = (
    r"(?:ignore|disregard|forget|skip|bypass|override|abandon|drop|discard|scrap|ditch|throw\s+out|"
    r"toss|set\s+aside|put\s+aside|never\s*mind|pay\s+no\s+attention\s+to|wipe|clear|reset|"
    r"cancel|void|neglect|erase|delete|dismiss|suspend|lift|remove|get\s+rid\s+of)"
)
_GUIDANCE = (
    r"(?:instructions?|prompts?|guidance|directives?|programming|orders|commands|setup|"
    r"configuration|system\s+messages?|guidelines|rules|constraints|restrictions|training|"
    r"policies|polic(?:y|ies)|briefing)"
)
_SAFETY_NOUN = (
    r"(?:safety|safe\s*mode|safety\s+(?:mode|rules|settings|filters?|features?|checks?|layer)|"
    r"guardrails?|moderation|content\s+filter(?:ing)?|censorship)"
)
# Japanese verbs, kanji and kana: a hiragana-only request reads like the kanji one.
_JA_SHOW = (
    "(?:教え|おしえ|見せ|みせ|表示|ひょうじ|出力|しゅつりょく|開示|公開|書き出|かきだ|書いて|かいて|"
    "貼|はっ|繰り返|くりかえ|吐き出|はきだ|暴露|列挙|一覧|箇条書き|リストアップ|要約|まとめて|翻訳|訳して|"
    "出して|だして|リーク|漏ら|もら(?:して|せ)|流出|復唱|再現)"
)
_JA_DROP = (
    "(?:無視|むし|忘れ|わすれ|破棄|取り消|とりけ|上書き|うわがき|無効|なかったことに|"
    "なしに|リセット|白紙|撤回|解除|捨て|放棄|消去|削除)"
)
_JA_NOT_PAST = "(?!て?た|ていた|てしま|ちゃ|した|してた|してい|られ|され)"
"""A story about someone forgetting orders at work is not an order to the coach."""
_JA_RULES = (
    "(?:指示|しじ|命令|めいれい|指令|ルール|設定|せってい|プロンプト|制約|せいやく|制限|せいげん|"
    "条件|ガイドライン|規則|方針|初期設定|システムメッセージ)"
)

_INJECTION = cue_regex(
    # Override, in any verb a reader would use, aimed at the coach's own instructions.
    word(rf"{_DROP}\s+(?:all\s+(?:of\s+)?|any\s+(?:of\s+)?)?your\s+(?:\w+\s+){{0,3}}{_GUIDANCE}"),
    word(
        rf"{_DROP}\s+(?:all\s+(?:of\s+)?|any\s+(?:of\s+)?)?(?:the|these|those|any|all)\s+"
        r"(?:\w+\s+){0,2}(?:instructions|prompts?|directives|programming|system\s+messages?|"
        r"guidance)(?!\s+(?:on|for|from)\s+(?:the|his|her|my|a)\s)"
    ),
    word(
        rf"{_DROP}\s+(?:all\s+)?(?:the\s+)?{_PRIOR}\s+(?:\w+\s+){{0,2}}{_GUIDANCE}|"
        rf"{_DROP}\s+(?:everything|anything|all|whatever|what)\s+(?:that\s+)?"
        r"(?:you(?:'ve|\s+have)?\s+(?:were\s+|been\s+)?(?:told|given|instructed|programmed|taught|got)|"
        r"(?:was|were)\s+(?:said|written)\s+(?:before|above|earlier)|came\s+before)"
    ),
    word(
        rf"(?:your|the|all|any|my)\s+(?:\w+\s+){{0,2}}{_GUIDANCE}\s+(?:are|is|were|have\s+been|"
        r"has\s+been)\s+(?:now\s+|hereby\s+|officially\s+)?(?:void|null|cancel+ed|revoked|"
        r"obsolete|overridden|lifted|suspended|disabled|removed|replaced|outdated|invalid|"
        r"no\s+longer\s+(?:valid|active|apply|applicable|in\s+effect|needed))"
    ),
    # Reveal: the first message, the rules, verbatim.
    word(
        r"(?:print|repeat|quote|recite|output|show|type|write|copy|paste|reproduce|echo|give|"
        r"tell|display|send)\s+(?:back\s+)?(?:me\s+|us\s+)?(?:your|the)\s+(?:very\s+)?"
        r"(?:first|initial|opening|earliest|original|top|starting)\s+(?:\w+\s+){0,2}"
        r"(?:message|instructions?|lines?|words|text|prompt|paragraph|setup)"
        r"(?:\s+(?:in|of)\s+(?:this|the|our)\s+(?:conversation|chat|context|session))?"
        r"(?=[^.!?\n]{0,40}(?:verbatim|word\s+for\s+word|exactly|in\s+full|as\s+is)|"
        r"\s+(?:in|of)\s+(?:this|the|our)\s+(?:conversation|chat|context|session))|"
        r"(?:print|repeat|quote|recite|output|show|copy|paste|reproduce)\s+(?:back\s+)?"
        r"(?:me\s+)?your\s+(?:very\s+)?(?:first|initial|opening|earliest|original)\s+\w+"
    ),
    word(
        r"(?:list|enumerate|number|outline|summari[sz]e|describe|explain|spell\s+out|name|itemi[sz]e|"
        r"write\s+down|tell\s+me)\s+(?:\w+\s+){0,3}(?:rules|instructions|guidelines|directives|"
        r"constraints|policies|restrictions)\s+(?:that\s+)?you(?:'re|\s+are)?\s+(?:follow|obey|"
        r"operate|were|have|got|must|use|bound|programmed|running|under)|"
        r"what\s+(?:rules|instructions|guidelines|directives|constraints)\s+(?:do|must|are|were|did)"
        r"\s+you\s+(?:follow|obey|have|given|got|under|bound|programmed|told)"
    ),
    # Safety switched off, or imagined away.
    word(
        rf"{_SAFETY_NOUN}\s*(?:[:=]|is|are|mode)?\s*(?:now\s+|set\s+to\s+|=\s*)?(?:off|disabled|"
        r"false|none|deactivated|0)(?![a-z0-9]|\s+(?:the|of|limits))|"
        rf"(?:set|switch|turn|put)\s+(?:your\s+|the\s+)?{_SAFETY_NOUN}\s+(?:mode\s+)?(?:to\s+)?"
        r"(?:off|disabled|false|zero|none)"
    ),
    word(
        r"(?:pretend|imagine|suppose|assume|act\s+as\s+if|act\s+like|hypothetically|what\s+if)\s+"
        r"(?:that\s+)?(?:you(?:'re|\s+are|\s+were|\s+had|\s+have|\s+did\s*n'?t\s+have)?|your|there\s+"
        r"(?:are|were))\s+(?:\w+\s+){0,3}(?:safety|rules|restrictions|filters?|guardrails?|"
        r"guidelines|limits|limitations|programming|policies|instructions|content\s+polic\w+|"
        r"censorship|ethics)"
    ),
    # Smuggling: the instructions placed inside the answer.
    word(
        r"(?:include|embed|insert|put|hide|append|add|place|paste|weave|sneak|attach|encode)\s+"
        r"(?:\w+\s+){0,2}(?:your|the\s+(?:system|hidden|secret|original|initial))\s+"
        r"(?:\w+\s+){0,2}(?:instructions|prompt|rules|guidelines|directives|configuration|setup)"
    ),
    # Persona switches, claimed authority, and asking what came before.
    word(
        r"(?:ai|bot|assistant|model|chatbot|you)\s+(?:that\s+|who\s+)?(?:\w+\s+)?(?:never|will\s+never)\s+"
        r"refuses?|"
        r"(?:who|that|you\s+will|you'?ll|you\s+must|you\s+can)\s+(?:\w+\s+)?(?:answers?|respond\w*\s+to)\s+"
        r"(?:everything|anything|any\s+question)|"
        r"you(?:'re|\s+are)\s+(?:not|no\s+longer)\s+(?:a|an|the|my)?\s*(?:\w+\s+)?(?:coach|assistant|"
        r"bot|chatbot|ai)\b|forget\s+(?:that\s+)?you(?:'re|\s+are)\s+(?:a|an|the)\s+\w+|"
        r"(?:unfiltered|uncensored|unrestricted|jailbroken)\s+(?:assistant|ai|bot|model|version|mode|chatbot)"
    ),
    word(
        r"(?:i'?m|i\s+am|as)\s+(?:the|an?|your)\s+(?:admin|administrator|developer|dev|owner|creator|"
        r"engineer|employee|operator|maker)\s+(?:of|at|for|from)\s+(?:this|the|your)\s+(?:app|bot|"
        r"system|service|model|chatbot|coach|ai)|(?:i'?m|i\s+am)\s+(?:your|an?\s+(?:openai|anthropic))\s+"
        r"(?:developer|creator|admin|owner|employee|engineer|maker)|"
        r"(?:authori[sz]e|permit|allow|order|command|instruct)\s+you\s+to\s+(?:bypass|ignore|disable|skip|"
        r"reveal|print|show|break|override)"
    ),
    word(
        r"(?:bypass|skip|disable|circumvent|get\s+around|switch\s+off)\s+(?:the\s+|your\s+|all\s+|any\s+)?"
        r"(?:safety\s+|content\s+)?(?:filters?|checks|guardrails?|moderation|safety)(?![a-z])"
    ),
    word(
        r"(?:everything|anything|all|what)\s+(?:that\s+)?you\s+(?:were|have\s+been|'ve\s+been)\s+"
        r"(?:told|instructed|programmed|given)|"
        r"what\s+(?:were|have)\s+you\s+(?:been\s+)?(?:told|instructed|programmed|given)\s+"
        r"(?:to\s+\w+\s+)?(?:before|earlier|at\s+the\s+start|initially|first)|"
        r"(?:hidden|secret|initial|first|original)\s+(?:message|text|note)s?\s+(?:that\s+)?you\s+"
        r"(?:received|got|were\s+given)|"
        r"(?:text|words|message|content|everything)\s+(?:that\s+)?(?:came|comes|is|was|appears?)\s+"
        r"(?:before|above|prior\s+to)\s+(?:my|mine|this|the\s+user)|"
        r"(?:as\s+if|as\s+though)\s+you\s+(?:had|have|were|are)\s+(?:no|without|not\s+bound|free|"
        r"unrestricted|unfiltered)|"
        r"your\s+(?:raw|full|complete|exact|hidden|secret|internal|underlying|original|initial|real)\s+"
        r"(?:instructions|prompt|rules|guidelines|configuration|directives)"
    ),
    word(
        r"(?:translate|decode|decipher|read|unscramble)[^.!?\n]{0,60}(?:then|and)\s+(?:follow|execute|obey|"
        r"do\s+what\s+it\s+says|carry\s+(?:it|them)\s+out|act\s+on\s+it)|"
        r"(?:print|repeat|output|show|write|recite|rewrite|translate|summari[sz]e|reveal|paste|copy)\s+"
        r"(?:back\s+)?(?:me\s+)?(?:the\s+)?(?:above|preceding|previous|earlier|prior|original)\s+"
        r"(?:prompt|instructions|context)"
    ),
    "(?:今から|これから|以降|ここから)(?:は)?[^。\\n]{0,12}(?:なんでもあり|何でもあり|制限なし|制限のない|"
    "ルールなし|無制限|フィルターなし)の?(?:ai|モード|ボット|アシスタント)?(?:として|で)|"
    "(?:なんでもあり|何でもあり|無制限|ルール無用)の(?:ai|モード|ボット|アシスタント|キャラ)",
    "(?:翻訳|訳|デコード|復号|読み上げ)[^。\\n]{0,20}(?:実行し|その通りに(?:実行|行動|動)|内容に従)",
    "(?:あなた|君|きみ|お前|おまえ)は(?:もう|もはや)(?:コーチ|ai|アシスタント|ボット)"
    "(?:では|じゃ)(?:ない|ありません)",
    # Fake sections: a banner or bracketed role before new orders.
    r"(?:[-=#*_~]{3,}|[\[【<{]|<!--)\s*(?:system|developer|dev|admin|administrator|operator|root|sudo|"
    r"システム|開発者|管理者|デベロッパー)"
    r"(?:\s*(?:note|message|instructions?|prompt|override|update|notice|mode|より|からの?(?:指示|メッセージ|通知)|"
    r"メッセージ|指示|通知|命令|モード))?\s*(?:[-=#*_~]{2,}|[\]】)>}]|[:：])",
    r"(?:^|\n)\s*(?:override|admin|root|sudo|operator)\s*[:：]",
    # Japanese: override, reveal, safety off and smuggling, with kana spellings.
    "(?:以前|前|上|これまで|今まで|いままで|先ほど|さっき|最初|元|既存|全て|すべて|全部|ここまで|従来|"
    "あなた|君|きみ|aiの?|システム)(?:まで)?の?"
    f"{_JA_RULES}(?:は|を|も|とか|なんて)?(?:全て|すべて|全部|いったん|一旦|一度)?{_JA_DROP}{_JA_NOT_PAST}",
    f"(?:指示|命令|プロンプト|制約|制限|しじ|めいれい)(?:は|を)(?:全て|すべて|全部|いったん|一旦)?{_JA_DROP}"
    f"{_JA_NOT_PAST}",
    f"(?:プロンプト(?!エンジニア)|システムメッセージ|指示文|命令文|初期設定|設定内容|指示内容)"
    f"(?:を|の内容を|の中身を|を全部|を全て|をそのまま)?[^。\\n]{{0,10}}{_JA_SHOW}",
    "(?:設定|指示|ルール)(?:を|の内容を|内容を)[^。\\n]{0,12}(?:出力|開示|吐き出)",
    "(?:開発者|管理者|作成者|製作者)(?:の)?権限|"
    "(?:この|あなたの|君の)(?:アプリ|ai|ボット|bot|システム)の(?:開発者|管理者|作成者|製作者)",
    "(?:安全|セーフティ)(?:チェック|確認|機能|フィルター|ルール)(?:を|は)?"
    "(?:スキップ|飛ばし|省略|無視|オフ|切っ|外し|無効)",
    "(?:会話|チャット|やりとり|やり取り)の(?:最初|冒頭|一番上|始め)(?:に|の)[^。\\n]{0,10}"
    f"(?:文章|文|メッセージ|テキスト|内容|指示)[^。\\n]{{0,6}}{_JA_SHOW}",
    "(?:最初|冒頭|一番上|上)に(?:書かれ|書い|あ)(?:て|た)[^。\\n]{0,6}(?:文章|文|こと|内容|テキスト|指示)を?"
    f"[^。\\n]{{0,4}}{_JA_SHOW}",
    "(?:ルール|制限|制約|規則|ガイドライン|フィルター|倫理)(?:を)?(?:無視|なし|抜き|度外視)(?:で|して)"
    "(?:答え|回答|話|教え|返)",
    "(?:あなた|君|きみ|ai)が[^。\\n]{0,6}(?:受け取っ|もらっ|与えられ|渡され|読み込ん|読まされ)"
    "(?:た|ている|てる)[^。\\n]{0,4}(?:メッセージ|指示|文章|内容|設定|プロンプト|命令|ルール)",
    f"(?:あなた|君|きみ|お前|おまえ|ai|ボット|bot|チャットボット|コーチ)(?:の|が|に)[^。\\n]{{0,8}}"
    f"(?:ルール|指示|制約|設定|ガイドライン|プロンプト|命令|方針|規則|最初のメッセージ|最初の発言)"
    f"[^。\\n]{{0,10}}{_JA_SHOW}",
    f"(?:守って(?:いる|る)|従って(?:いる|る)|与えられ(?:た|ている|てる)|課され(?:た|ている|てる)|"
    f"組み込まれ(?:た|ている|てる))(?:ルール|指示|制約|制限|ガイドライン|命令|方針|規則)[^。\\n]{{0,12}}"
    f"{_JA_SHOW}",
    "(?:一字一句|一言一句|原文のまま)[^。\\n]{0,10}(?:あなた|君|最初|システム|指示|プロンプト|ルール|設定)|"
    "(?:あなた|君|きみ|システム)の?(?:最初|冒頭|初め|はじめ)の(?:メッセージ|発言|文|文章|指示|行|入力)",
    "(?:安全|セーフティ|フィルター|ガードレール|検閲|安全装置|安全機能|セーフモード)"
    "(?:ルール|機能|モード|設定|対策)?(?:を|は|が|も)?[^。\\n]{0,4}"
    "(?:オフ|off|無効|解除|切っ|切れ|外し|外れ|停止|止め|ない(?:と|もの)と?(?:仮定|想定|して))",
    "これは(?:システム|運営|開発者|管理者)(?:から|より)の",
    "(?:最初|始め|はじめ|冒頭)に(?:入力され|与えられ|書かれ|渡され)(?:た|ている|てる)[^。\\n]{0,6}"
    f"(?:文章|文|テキスト|内容|指示|メッセージ)[^。\\n]{{0,4}}{_JA_SHOW}",
    "(?:あなた|君|ai|システム)?の?(?:指示|ルール|プロンプト|設定|命令|システムプロンプト|指示文|設定内容)"
    "(?:を|も)[^。\\n]{0,8}(?:埋め込|うめこ|含め|混ぜ|忍ば|紛れ込|添え|書き込)",
    # English: override and reveal
    word(
        r"(?:ignore|disregard|forget|skip|bypass|override|abandon)\s+(?:all\s+(?:of\s+)?)?"
        rf"(?:the\s+|your\s+|any\s+|my\s+|these\s+)?{_PRIOR}[^.!?\n]{{0,30}}{_RULES}"
    ),
    word(rf"(?:ignore|disregard|forget|bypass|override)\s+(?:all\s+(?:of\s+)?)?your\s+{_RULES}"),
    word(rf"(?:ignore|disregard)\s+(?:all|any)\s+{_RULES}"),
    word(
        r"(?:ignore|disregard|forget)\s+(?:everything|all|anything)\s+(?:above|before|previously|you\s+were\s+told)"
    ),
    word(
        rf"(?:reveal|show|print|repeat|tell|give|output|display|leak|share|dump|expose|paste|"
        rf"recite|write\s+out|spell\s+out)\s+(?:me\s+|us\s+)?(?:your|the|all\s+your|all\s+the|"
        rf"back\s+your|back\s+the)\s+(?:full\s+|exact\s+|entire\s+|original\s+|hidden\s+|secret\s+)?"
        rf"{_PROMPT_NOUN}"
    ),
    word(rf"what\s+(?:is|are|was|were)\s+your\s+(?:exact\s+|original\s+|full\s+)?{_PROMPT_NOUN}"),
    word(
        r"(?:repeat|print|output|translate|summari[sz]e)\s+(?:the\s+)?(?:text|words|everything|"
        r"all)\s+(?:above|before\s+this|from\s+the\s+(?:start|beginning))"
    ),
    word(r"(?:text|words|everything)\s+above\s+(?:this|starting)"),
    word(r"developer\s+mode|dev\s+mode\s+(?:enabled|on)|god\s+mode|admin\s+mode|debug\s+mode"),
    word(r"do\s+anything\s+now|dan\s+mode|you\s+are\s+(?:now\s+)?dan|jailbr(?:eak|oken)"),
    word(
        r"(?:you\s+are|you're|you’re|act\s+as|pretend\s+(?:to\s+be|you\s+are)|role-?play\s+as|"
        r"become|behave\s+like)\s+(?:now\s+)?(?:an?\s+)?(?:unrestricted|unfiltered|uncensored|"
        r"jailbroken|evil|rogue|amoral|unethical|unbound|unlimited)"
    ),
    word(
        r"(?:ai|assistant|model|chatbot|bot|version\s+of\s+you(?:rself)?)\s+(?:with|without|"
        rf"that\s+has|having|free\s+of)\s+(?:no\s+)?{_NO_LIMITS}"
    ),
    word(
        r"(?:answer|respond|reply|act|talk|speak|operate|write)\s+(?:\w+\s+){0,3}"
        rf"(?:without|with\s+no|free\s+of|free\s+from|ignoring)\s+{_NO_LIMITS}"
    ),
    word(
        r"(?:from\s+now\s+on|starting\s+now)\s*,?\s+(?:you\s+(?:are|will|must|shall)|act|respond)"
    ),
    word(r"(?:new|updated|real|actual|override)\s+(?:instructions?|system\s+prompt|rules)\s*:"),
    word(r"stay\s+in\s+character|opposite\s+mode|anti-?dan|stan\s+mode|dude\s+mode|aim\s+mode"),
    word(
        r"(?:disable|turn\s+off|deactivate|remove)\s+(?:your\s+)?(?:safety|filters?|guardrails|content\s+filter)"
    ),
    word(r"prompt\s+injection|sudo\s+mode|system\s+override"),
    word(
        r"(?:freed|free|released|liberated|unshackled)\s+from\s+(?:all\s+|your\s+|any\s+)?(?:rules|"
        r"restrictions|limits|limitations|guidelines|programming|constraints)"
    ),
    word(
        r"(?:ignore|disregard|forget)\s+(?:all\s+of\s+|everything\s+)?(?:the\s+)?(?:above|previous|prior|"
        r"preceding|earlier)(?:\s+(?:text|content|conversation|message|prompt))?(?!\s+(?:message|text)s?\s+"
        r"(?:from|he|she|they))"
    ),
    word(
        r"(?:follow|obey)\s+(?:only\s+)?my\s+(?:instructions|rules|commands|orders)|"
        r"not\s+your\s+(?:developers?|creators?|system)(?:'?s)?"
    ),
    word(
        r"(?:print|list|show|tell|give|output|repeat|write|reveal|share|display|recite|quote)"
        r"[^.!?\n]{0,40}\byour\s+(?:instructions|rules|prompt|guidelines|directives|configuration)"
    ),
    word(
        r"(?:rules|instructions|guidelines|directives|prompt)\s+(?:were|was|have|had)\s+you\s+"
        r"(?:been\s+)?(?:given|told|programmed)|you\s+were\s+(?:given|told|programmed)\s+to"
    ),
    word(
        r"you\s+(?:have|had|now\s+have)\s+no\s+(?:restrictions|rules|limits|limitations|filters|ethics)"
    ),
    word(
        r"(?:ignore|disregard|forget)\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?(?:instructions|rules|prompts?)"
        r"\s+(?:you\s+(?:got|were\s+given|received|have\s+been\s+given)|before|above|so\s+far)"
    ),
    word(
        r"system\s*prompts?|system\s+(?:instructions|configuration|messages?)|"
        r"(?:initial|starting|original|hidden|secret)\s+(?:prompt|instructions|configuration)|"
        r"instructions\s+you\s+were\s+given|(?:were|was)\s+you\s+told\s+before|"
        r"i\s+was\s+instructed\s+to|my\s+instructions\s+are|initiali[sz]ation\s+string|"
        r"maintenance\s+mode|not\s+supposed\s+to\s+tell\s+me"
    ),
    word(
        r"(?:broken|break)\s+free\s+of|(?:not|never)\s+(?:have\s+to\s+)?abide\s+by|"
        r"role\s+of\s+another\s+ai|(?:pretend|act)\s+(?:to\s+be|as)\s+(?:stan|dan|dude|aim)|"
        r"(?:dan|developer|dude|stan)\s+mode\s+enabled|content\s+polic(?:y|ies)"
    ),
    # Fake turns and chat-template tokens
    r"(?:^|\n)\s*(?:#+\s*)?(?:system|developer|assistant|instruction|instructions)\s*[:：]",
    r"#{2,}\s*(?:instruction|instructions|system|new\s+task|task|response)",
    r"<\|?\s*(?:im_start|im_end|system|endoftext|start_header_id|end_header_id|eot_id)\s*\|?>",
    r"\[/?inst\]|<<\s*/?sys\s*>>|</?s>|\[system\]|</?system>",
    # Japanese: override
    "(?:以前|前|上|これまで|今まで|先ほど|さっき|最初|元|既存|全て|すべて|全部)の?"
    "(?:指示|命令|指令|ルール|設定|プロンプト|制約|制限|条件)(?:は|を|も)?(?:全て|すべて|全部)?"
    "(?:無視|忘れ|破棄|取り消|上書き|無効)",
    # Japanese: reveal
    "(?:システム|内部|隠し|隠された|秘密の|最初の|元の|初期)?"
    "(?:プロンプト|システムメッセージ|指示文|命令文|初期設定|設定内容|指示内容)"
    "(?:を|の内容を|の中身を|を全部|を全て|をそのまま)?"
    "(?:教え|見せ|表示|出力|開示|公開|書き出|貼|繰り返|吐き出|暴露|そのまま)",
    "(?:あなた|君|きみ|お前|おまえ|aiの)の?(?:指示|ルール|設定|プロンプト|命令)"
    "(?:は何|はなに|を教え|を見せ|を全部|を出力)",
    "(?:上記|上|この上|前)の(?:指示|内容|文章|テキスト|文)を(?:全て|すべて|全部|そのまま)?"
    "(?:出力|表示|繰り返|翻訳|書き出)",
    "最初の(?:文|文章|メッセージ|指示|行)を(?:そのまま|全部|全て|すべて)?(?:出力|表示|教え(?!る|た|ま)|繰り返)",
    # Japanese: persona and mode switches
    "システムプロンプト",
    "(?:上|前|上記)の(?:文章|文|テキスト|内容|メッセージ)(?:は|を)(?:無視|忘れ)",
    "(?:どんな|どういう|何の)(?:指示|命令|ルール|設定|プロンプト)(?:を|が)?"
    "(?:受け|与えられ|されて|設定され|入って)",
    "裏設定|隠し設定|内部設定|内部プロンプト|内部指示",
    "プロンプトの(?:最初|冒頭|先頭|中身|内容|全文)",
    "(?:今まで|これまで|以前|前|最初|既存)の(?:設定|指示|ルール|プロンプト)を(?:リセット|初期化|上書き)",
    "(?:あなた|君|きみ|ai)(?:に|が)?(?:与えられ|設定され|指示され|組み込まれ|渡され)(?:た|ている|てる)"
    "(?:ルール|指示|設定|プロンプト|命令|条件)",
    "(?:安全|セーフティ)(?:ルール|ガイドライン|対策|フィルター|機能)(?:は|を|が|も)?[^。\\n]{0,6}"
    "(?:適用されない|適用されません|無効|オフ|解除|無視)",
    "(?:最初|始め|はじめ)に(?:与えられた|受けた|指示された|設定された)",
    "(?:指示|設定|命令)された内容",
    "メンテナンスモード",
    "開発者モード",
    "デベロッパーモード",
    "管理者(?:モード|権限|として)",
    "デバッグモード",
    "脱獄",
    "ジェイルブレイク",
    "(?:制限|制約|フィルター|検閲|倫理|安全装置|安全機能|ガードレール)"
    "(?:を|の)?(?:解除|外し|外せ|オフ|無効|取り払|なし|無し|のない|のかからない|を無視)"
    "(?!の?(?:写真|画像|動画|自撮り|顔|すっぴん|加工))",
    "(?:何でも|なんでも)(?:答え|話せ|でき|言え)る(?:ai|モード|存在|あなた)",
    "(?:今から|これから|以降)(?:あなた|君|きみ|お前|おまえ)は[^。\\n]{0,20}"
    "(?:ai|として|役|モード|制限|ルール|なんでも|何でも|ではなく|じゃなく)",
    "(?:ロールプレイ|なりきって|演じて|になりきり|のふりをして)[^\\n]{0,30}"
    "(?:制限|ルール|フィルター|検閲|倫理|なんでも|何でも)",
    "ルールを(?:破|無視|守らな)",
    "(?:命令|指示|指令)[:：]",
    "システム[:：]",
)


def looks_like_injection(normalized: str, *, spelled: Sequence[str] = ()) -> bool:
    """True when the text tries to re-instruct the coach or to read its hidden prompt;
    `spelled` holds words spelled out letter by letter (`coach.text.spelled_out`)."""
    return (
        _INJECTION.search(normalized) is not None or search_glued(_INJECTION, spelled) is not None
    )
