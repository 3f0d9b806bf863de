"""Errors a caller can meet; each message says what to do next, in Japanese and English."""

from __future__ import annotations

__all__ = ["MAX_INPUT_CHARS", "CoachError", "CoachUnavailable", "InvalidInput"]

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
}

_UNAVAILABLE = (
    "AIに接続できませんでした（{reason}）。設定を確認するか、オフライン（ルール）モードをお使いください。",
    "The AI could not be reached ({reason}). Check the settings or use the offline (rules) mode.",
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


class CoachUnavailable(CoachError, RuntimeError):
    """Mode `llm` was asked for and the model gave no usable answer."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        self.message_ja = _UNAVAILABLE[0].format(reason=reason)
        self.message_en = _UNAVAILABLE[1].format(reason=reason)
        super().__init__(f"{self.message_ja} / {self.message_en}")

    def message(self, language: str) -> str:
        return self.message_ja if language == "ja" else self.message_en
