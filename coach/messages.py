"""Words the page and the exports share: headings, answer badges, fallback notes, tel links.

Foundation-level: imports nothing of the project but the schemas.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote

from coach.schemas import Language, Source

__all__ = [
    "DISCLAIMER",
    "HeadingName",
    "fallback_note",
    "heading",
    "source_badge",
    "tel_href",
]

HeadingName = Literal[
    "reason", "response", "caution", "replies", "strategies", "prevention", "safety", "resources"
]

_HEADINGS: dict[Language, dict[HeadingName, str]] = {
    "ja": {
        "reason": "なぜ今連絡が来たのか",
        "response": "どう返信するか",
        "caution": "気をつけること",
        "replies": "返信の例",
        "strategies": "返し方のポイント",
        "prevention": "これから同じことを防ぐには",
        "safety": "安全のための案内",
        "resources": "相談できるところ",
    },
    "en": {
        "reason": "Why they wrote now",
        "response": "How to reply",
        "caution": "What to watch out for",
        "replies": "Drafts you could send",
        "strategies": "How to pitch it",
        "prevention": "To keep it from happening again",
        "safety": "Safety first",
        "resources": "Where to get help",
    },
}

_SOURCES: dict[Language, dict[Source, str]] = {
    "ja": {"llm": "AI", "rules": "オフライン(ルール)", "safety": "安全のための案内"},
    "en": {"llm": "AI", "rules": "Offline (rules)", "safety": "Safety guidance"},
}

DISCLAIMER: dict[Language, str] = {
    "ja": (
        "これはAIによる助言で、カウンセリングや緊急窓口ではありません。"
        "危険を感じたら110番（警察）、急病やけがは119番へ。"
    ),
    "en": (
        "This is advice from an AI, not counselling or an emergency service. "
        "If you are in danger, call 110 (police) or 119 (ambulance) in Japan, 911 in the US."
    ),
}

_FALLBACK: dict[str, tuple[str, str]] = {
    "not_configured": (
        "AIが未設定のためオフラインで回答しました。",
        "No AI is set up, so the offline rules answered.",
    ),
    "connection": (
        "AIに接続できなかったため、オフラインで回答しました。",
        "The AI could not be reached, so the offline rules answered.",
    ),
    "timeout": (
        "AIの応答が時間内に届かなかったため、オフラインで回答しました。",
        "The AI took too long, so the offline rules answered.",
    ),
    "rate_limited": (
        "AIの利用上限に達していたため、オフラインで回答しました。少し待つと戻ります。",
        "The AI's usage limit was reached, so the offline rules answered. Try again later.",
    ),
    "server_error": (
        "AIのサーバーでエラーが起きたため、オフラインで回答しました。",
        "The AI server had an error, so the offline rules answered.",
    ),
    "auth": (
        "APIキーが受け付けられなかったため、オフラインで回答しました。キーを確認してください。",
        "The API key was not accepted, so the offline rules answered. Check the key.",
    ),
    "bad_request": (
        "AIへの依頼が受け付けられなかったため、オフラインで回答しました。モデル名を確認してください。",
        "The AI rejected the request, so the offline rules answered. Check the model name.",
    ),
    "invalid_output": (
        "AIの回答が決まった形になっていなかったため、オフラインで回答しました。",
        "The AI's answer was not in the expected form, so the offline rules answered.",
    ),
    "refusal": (
        "AIが回答を断ったため、オフラインで回答しました。",
        "The AI declined to answer, so the offline rules answered.",
    ),
    "truncated": (
        "AIの回答が途中で切れたため、オフラインで回答しました。",
        "The AI's answer was cut off, so the offline rules answered.",
    ),
    "content_filter": (
        "AIの回答がフィルターで止められたため、オフラインで回答しました。",
        "The AI's answer was stopped by a content filter, so the offline rules answered.",
    ),
    "empty": (
        "AIから空の回答が返ったため、オフラインで回答しました。",
        "The AI returned nothing, so the offline rules answered.",
    ),
    "output_rail": (
        "AIの回答が安全チェックを通らなかったため、オフラインで回答しました。",
        "The AI's answer did not pass the safety checks, so the offline rules answered.",
    ),
}

_FALLBACK_UNKNOWN = (
    "AIの回答を使えなかったため、オフラインで回答しました。",
    "The AI's answer could not be used, so the offline rules answered.",
)


def heading(name: HeadingName, language: Language) -> str:
    return _HEADINGS[language][name]


def source_badge(source: Source, language: Language) -> str:
    return _SOURCES[language][source]


def fallback_note(reason: str, language: Language) -> str:
    """A plain sentence for `meta.fallback_reason`; every `output_rail:<name>` reads the same."""
    key = reason.split(":", 1)[0]
    ja, en = _FALLBACK.get(key, _FALLBACK_UNKNOWN)
    return ja if language == "ja" else en


def tel_href(number: str) -> str:
    """`tel:` link target; `#9110` must become `%239110` or the dialler drops the `#`."""
    return "tel:" + quote(number.replace(" ", ""), safe="+0123456789-")
