"""Errors a caller can meet; each message says what to do next, in Japanese and English."""

from __future__ import annotations

from coach.schemas import FALLBACK_REASONS, FallbackReason

__all__ = [
    "FALLBACK_REASONS",
    "MAX_INPUT_CHARS",
    "CoachError",
    "CoachUnavailable",
    "InvalidInput",
    "InvalidSettings",
    "describe_reason",
]

MAX_INPUT_CHARS = 4000
"""Longest situation text accepted: a long letter fits, a pasted chat log should be trimmed."""

_INVALID = {
    "empty": (
        "状況が入力されていません。相手からどんな連絡が来たのかを書いてください。",
        "Nothing was entered. Describe the message you received and the situation.",
    ),
    "too_long": (
        f"文章が長すぎます（{MAX_INPUT_CHARS}文字まで）。大事なところだけに短くしてください。",
        f"The text is too long (at most {MAX_INPUT_CHARS} characters). "
        "Shorten it to the key parts.",
    ),
    "not_text": (
        "文章として読めませんでした。文字で状況を書いてください。",
        "That could not be read as text. Please describe the situation in words.",
    ),
    "goal": (
        "「どうしたい?」の選択肢が正しくありません"
        "（reconnect / friendly / distance / undecided）。",
        "Unknown goal: choose reconnect, friendly, distance or undecided.",
    ),
    "bad_language": (
        "回答の言語は ja（日本語）か en（英語）で指定してください。",
        "The answer language must be ja (Japanese) or en (English).",
    ),
    "bad_mode": (
        "モードは auto・llm・offline のどれかで指定してください。",
        "The mode must be one of auto, llm or offline.",
    ),
    "bad_history": (
        "会話の履歴が読み取れませんでした。"
        "各ターンは user（文字列）と advice（回答か空）の形にしてください。",
        "The conversation history could not be read. Each turn needs user (text) and advice "
        "(an answer or nothing).",
    ),
}

_REASONS: dict[str, tuple[str, str]] = {
    "not_configured": (
        "AIが設定されていません（APIキーかベースURLを設定すると使えます）。",
        "No AI is set up (set an API key or a base URL to use one).",
    ),
    "connection": (
        "AIに接続できませんでした。URLとネットワークを確認してください。",
        "Could not reach the AI. Check the URL and the network.",
    ),
    "timeout": (
        "AIの応答が時間内に返ってきませんでした。",
        "The AI did not answer in time.",
    ),
    "rate_limited": (
        "AIへのリクエストが混み合っています。少し待ってからお試しください。",
        "The AI is rate-limiting requests. Try again in a moment.",
    ),
    "server_error": (
        "AIのサーバーでエラーが起きました。",
        "The AI server returned an error.",
    ),
    "auth": (
        "APIキーが受け付けられませんでした。キーを確認してください。",
        "The API key was not accepted. Check the key.",
    ),
    "bad_request": (
        "AIがリクエストを受け付けませんでした。モデル名と設定を確認してください。",
        "The AI rejected the request. Check the model name and settings.",
    ),
    "invalid_output": (
        "AIの回答が決められた形式になっていませんでした。",
        "The AI's answer was not in the required form.",
    ),
    "refusal": ("AIが回答を断りました。", "The AI declined to answer."),
    "truncated": ("AIの回答が途中で切れました。", "The AI's answer was cut off."),
    "content_filter": (
        "AIの回答がコンテンツフィルタで止められました。",
        "The AI's answer was stopped by a content filter.",
    ),
    "empty": ("AIの回答が空でした。", "The AI's answer was empty."),
    "too_large": (
        "AIの回答が大きすぎたため、読むのをやめました。",
        "The AI's answer was far too large, so it was not read.",
    ),
    "internal_error": (
        "回答の作成中に問題が起きました。",
        "Something went wrong while writing the answer.",
    ),
    "output_rail": (
        "AIの回答が安全チェックを通りませんでした。",
        "The AI's answer did not pass the safety checks.",
    ),
}

_EMPTY_OR_LANGUAGE = (
    "AIの回答が空だったか、違う言語で書かれていました。",
    "The AI's answer was empty or in the wrong language.",
)
_INCOMPLETE = (
    "AIの回答が不完全で、決められた形になっていませんでした。",
    "The AI's answer was incomplete or not in the required form.",
)
_UNSHOWABLE = (
    "AIの回答に、表示できないもの（リンク、確認できない電話番号、指示文の引用）が含まれていました。",
    "The AI's answer held something the coach does not show (a link, an unchecked phone "
    "number or its own instructions).",
)
_RAILS: dict[str, tuple[str, str]] = {
    "wrong_language": _EMPTY_OR_LANGUAGE,
    "empty_content": _EMPTY_OR_LANGUAGE,
    "malformed": _INCOMPLETE,
    "unknown_category": _INCOMPLETE,
    "prompt_leak": _UNSHOWABLE,
    "link_or_markup": _UNSHOWABLE,
    "unknown_phone": _UNSHOWABLE,
}
"""Output rails that are not about safety, each with its own plain wording; the safety rails
(self-harm, harmful advice, insults, and any rail added later) keep "safety checks"."""

_UNKNOWN_REASON = (
    "AIの回答を使えませんでした。",
    "The AI's answer could not be used.",
)


def describe_reason(reason: FallbackReason) -> tuple[str, str]:
    """Japanese and English sentences for a fallback reason, for the page and the CLI."""
    if reason.startswith("output_rail"):
        return _RAILS.get(reason.partition(":")[2], _REASONS["output_rail"])
    return _REASONS.get(reason, _UNKNOWN_REASON)


_UNAVAILABLE_HINT = (
    "オフライン（ルール）モードなら、AIなしで助言できます。",
    "The offline (rules) mode gives advice without the AI.",
)


class CoachError(Exception):
    """Base class: every error the coach raises on purpose."""


class InvalidInput(CoachError, ValueError):
    """The situation text cannot be coached as given."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.message_ja, self.message_en = _INVALID.get(code, _INVALID["not_text"])
        super().__init__(f"{self.message_ja} / {self.message_en}")

    def message(self, language: str) -> str:
        return self.message_ja if language == "ja" else self.message_en


class InvalidSettings(CoachError, ValueError):
    """A configuration value (environment or Settings) cannot be used."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        listed = ", ".join(names)
        self.message_ja = (
            f"設定の値が正しくありません（{listed}）。値を直すか、設定を外してください。"
        )
        self.message_en = f"A setting has an invalid value ({listed}). Fix it or unset it."
        super().__init__(f"{self.message_ja} / {self.message_en}")

    def message(self, language: str) -> str:
        return self.message_ja if language == "ja" else self.message_en


class CoachUnavailable(CoachError, RuntimeError):
    """Mode `llm` was asked for and the model gave no usable answer."""

    def __init__(self, reason: FallbackReason, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        ja, en = describe_reason(reason)
        self.message_ja = f"{ja}{_UNAVAILABLE_HINT[0]}"
        self.message_en = f"{en} {_UNAVAILABLE_HINT[1]}"
        super().__init__(f"{self.message_ja} / {self.message_en}")

    def message(self, language: str) -> str:
        return self.message_ja if language == "ja" else self.message_en
