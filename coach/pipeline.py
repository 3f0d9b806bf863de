"""The one place the layers meet: input rails → model or rules → output rails."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from coach.config import Settings
from coach.errors import CoachUnavailable
from coach.events import Event, Final, Section, Status
from coach.schemas import Advice, Language, Mode, Turn
from guardrails.input_rails import InputReport, check_input
from guardrails.rules import rule_advice
from guardrails.safety import safety_advice

__all__ = ["Coach", "ConnectionCheck"]


@dataclass(frozen=True, slots=True)
class ConnectionCheck:
    ok: bool
    reason: str
    message_ja: str
    message_en: str
    latency_ms: float = 0.0


HistoryLike = Iterable[Turn | dict[str, Any]]


def _as_turns(history: HistoryLike | None) -> tuple[Turn, ...]:
    if not history:
        return ()
    return tuple(t if isinstance(t, Turn) else Turn.model_validate(t) for t in history)


class Coach:
    """Settings and clients held for repeated turns; safe to share between threads."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def check_connection(self) -> ConnectionCheck:
        """One cheap request to the endpoint, for the page's "test connection" button."""
        if not self.settings.llm_configured:
            return ConnectionCheck(
                ok=False,
                reason="not_configured",
                message_ja="AIの接続先が設定されていません（APIキーかベースURLを入力してください）。",
                message_en="No AI endpoint is configured (enter an API key or a base URL).",
            )
        raise NotImplementedError

    def advise(
        self,
        text: str,
        *,
        mode: Mode | None = None,
        history: HistoryLike | None = None,
        language: Language | None = None,
    ) -> Advice:
        advice: Advice | None = None
        for event in self.stream(text, mode=mode, history=history, language=language):
            if isinstance(event, Final):
                advice = event.advice
        assert advice is not None
        return advice

    async def aadvise(
        self,
        text: str,
        *,
        mode: Mode | None = None,
        history: HistoryLike | None = None,
        language: Language | None = None,
    ) -> Advice:
        return self.advise(text, mode=mode, history=history, language=language)

    def stream(
        self,
        text: str,
        *,
        mode: Mode | None = None,
        history: HistoryLike | None = None,
        language: Language | None = None,
    ) -> Iterator[Event]:
        started = time.perf_counter()
        turns = _as_turns(history)
        report = check_input(text, history=turns, language=language)
        mode = mode or self.settings.mode
        if report.level != "none":
            advice = safety_advice(report)
        elif mode == "llm":
            raise CoachUnavailable("not_configured")
        else:
            yield Status("rules", "ルールで助言を作っています", "Writing advice from the rules")
            advice = self._rules(
                report, turns, fallback_reason=None if mode == "offline" else "not_configured"
            )
        advice.meta.latency_ms = (time.perf_counter() - started) * 1000
        for name in ("reason", "response", "caution"):
            yield Section(name, getattr(advice, name))
        yield Final(advice)

    def _rules(
        self, report: InputReport, turns: Sequence[Turn], *, fallback_reason: str | None
    ) -> Advice:
        advice = rule_advice(report.text, language=report.language, history=turns)
        advice.safety.flags = sorted({*advice.safety.flags, *report.flags})
        advice.meta.fallback_reason = fallback_reason
        return advice
