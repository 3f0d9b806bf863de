"""The one place the layers meet: input rails → model or rules → output rails.

A turn with the model is written once, as a plan that yields the requests it needs; a sync
driver, a streaming driver and an async driver carry those requests out with the same retry
policy and the same deadline. Every failure ends in rule advice naming its reason (mode auto)
or in CoachUnavailable (mode llm).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Protocol, Unpack, cast

from pydantic import BaseModel, ValidationError

from coach.errors import MAX_INPUT_CHARS, CoachUnavailable, InvalidInput, InvalidSettings
from coach.events import Event, Final, Section, SectionName, Status
from coach.knowledge import knowledge_base
from coach.llm import (
    STRUCTURED_MODES,
    ChatModel,
    ChatReply,
    ChatRequest,
    ModelError,
    Moderator,
    StructuredMode,
    UnreachableModel,
    describe_reason,
    refused_locally,
)
from coach.retry import (
    MIN_ATTEMPT,
    Deadline,
    async_retrying,
    await_within,
    call_within,
    iterate_within,
    retrying,
)
from coach.schemas import (
    GOALS,
    MODES,
    OFF_TOPIC_FLAG,
    Advice,
    Caution,
    CautionDraft,
    FallbackReason,
    Goal,
    HistoryLike,
    Language,
    Meta,
    Mode,
    Reason,
    ReasonDraft,
    Response,
    ResponseDraft,
    RiskDraft,
    SafetyLevel,
    Turn,
    TurnOptions,
)
from coach.structured import (
    SECTION_NAMES,
    DraftError,
    SectionScanner,
    draft_schema,
    parse_draft,
    parse_section,
)
from coach.structured import strict_schema as _strict_schema
from coach.text import clean
from coach.wording import both
from guardrails.input_rails import InputReport
from guardrails.output_rails import RailVerdict
from guardrails.pii import scrub_pii
from guardrails.rails import AnswerContext, Rails
from guardrails.rules import rule_advice
from guardrails.safety import apply_input_flags, off_topic_advice, safety_advice
from prompts import build_system_prompt
from prompts.messages import (
    MAX_HISTORY_TURNS,
    HistoryEntry,
    bound_history,
    build_messages,
    reask_messages,
)

if TYPE_CHECKING:
    import asyncio

    import httpx

    from coach.config import Settings

__all__ = [
    "MODEL_RISK_FLAG",
    "MODERATION_FLAG",
    "Coach",
    "ConnectionCheck",
    "HistoryLike",
    "Rails",
    "SectionRail",
]

logger = logging.getLogger("coach")
logger.addHandler(logging.NullHandler())

_PING_TIMEOUT = 5.0

MODERATION_FLAG = "moderation"
"""OpenAI's moderation endpoint flagged the situation (self-harm, violence or threats)."""

MODEL_RISK_FLAG = "model_risk"
"""The model's own risk read named a danger the input rails did not: the turn ends in the
fixed safety answer."""


def _status(stage: str) -> Status:
    """A progress step in both languages; the stage names its `stage.*` wording."""
    return Status(stage, *both(f"stage.{stage}"))


def _fallback_status(reason: FallbackReason) -> Status:
    """Says what went wrong in the same words as the answer's note: one wording per reason."""
    ja, en = describe_reason(reason)
    switching_ja, switching_en = both("stage.switching")
    return Status("fallback", f"{ja}{switching_ja}", f"{en} {switching_en}")


@dataclass(frozen=True, slots=True)
class ConnectionCheck:
    ok: bool
    reason: str
    message_ja: str
    message_en: str
    latency_ms: float = 0.0
    model: str | None = None
    """The model the server says answered, not merely the one configured."""


MAX_HISTORY_INPUT_TURNS = 50
"""Earlier turns read at all (for safety and the rules): the newest, so a long session costs
a fixed amount. The model sees fewer still (prompts.messages.MAX_HISTORY_TURNS)."""
_MAX_TURN_CHARS = 2 * MAX_INPUT_CHARS
"""Longer earlier turns are not something the coach answered: the history is refused."""


def _as_turns(history: HistoryLike | None) -> tuple[Turn, ...]:
    """The newest earlier turns, checked; a malformed history is InvalidInput, never a
    validation dump that would echo it."""
    if history is None:
        return ()
    if isinstance(history, str | bytes | Mapping) or not isinstance(history, Iterable):
        raise InvalidInput("bad_history")
    try:
        recent = list(history)[-MAX_HISTORY_INPUT_TURNS:]
        turns = tuple(t if isinstance(t, Turn) else Turn.model_validate(t) for t in recent)
    except (ValidationError, TypeError, ValueError):
        raise InvalidInput("bad_history") from None
    if any(len(t.user) > _MAX_TURN_CHARS for t in turns):
        raise InvalidInput("bad_history")
    return turns


def _checked_mode(mode: object) -> Mode | None:
    if mode is None:
        return None
    if mode not in MODES:
        raise InvalidInput("bad_mode")
    return cast(Mode, mode)


class _ModeMemory:
    """Structured modes each endpoint rejected, so later turns skip straight past them.

    Each Coach holds its own: the turns of one Coach (one page session, one CLI run) learn
    from each other; two Coach objects never share what they learnt, and a new one tries
    every mode again (after an endpoint was upgraded, say).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rejected: dict[str, set[StructuredMode]] = {}

    def usable(self, endpoint: str) -> list[StructuredMode]:
        with self._lock:
            rejected = self._rejected.get(endpoint, set())
            return [m for m in STRUCTURED_MODES if m not in rejected]

    def reject(self, endpoint: str, mode: StructuredMode) -> None:
        with self._lock:
            self._rejected.setdefault(endpoint, set()).add(mode)


@dataclass(slots=True)
class _Tally:
    """What the turn cost, for Advice.meta."""

    attempts: int = 0
    mode: StructuredMode | None = None
    model: str | None = None
    usage: dict[str, int] | None = None

    def add_usage(self, usage: dict[str, int] | None) -> None:
        if usage is None:
            return
        total = self.usage or {}
        self.usage = {k: total.get(k, 0) + usage.get(k, 0) for k in {*total, *usage}}


@dataclass(frozen=True, slots=True)
class _Call:
    """A request the plan needs answered."""

    request: ChatRequest


class SectionRail(Protocol):
    """An output rail for one section, so a streamed section can show before the rest."""

    def __call__(
        self,
        name: SectionName,
        value: ReasonDraft | ResponseDraft | CautionDraft,
        context: AnswerContext,
    ) -> RailVerdict | None: ...


_SECTION_TYPES: dict[SectionName, tuple[type[BaseModel], type[Reason | Response | Caution]]] = {
    "reason": (ReasonDraft, Reason),
    "response": (ResponseDraft, Response),
    "caution": (CautionDraft, Caution),
}


@dataclass(slots=True)
class _Showing:
    """The sections a stream has shown, so the final ones replace only what differs.

    Nothing shows early until the model's risk read is in and says `none`: a turn that ends
    in a safety answer never flashes coaching first.
    """

    language: Language
    rail: SectionRail | None = None
    situation: str = ""
    complete: Callable[[Response], Response] | None = None
    """Fills what the model left out of the response, so the early section is the final one."""
    shown: dict[SectionName, Reason | Response | Caution] = field(default_factory=dict)
    risk_clear: bool = False
    gate: Callable[[], bool] = field(default=lambda: True)
    """False while another read (the moderation call) may still end the turn in safety."""

    def read_risk(self, raw: str) -> None:
        try:
            self.risk_clear = RiskDraft.model_validate_json(raw).level == "none"
        except ValidationError:
            self.risk_clear = False

    def early(self, name: SectionName, raw: str) -> Section | None:
        if self.rail is None or not self.risk_clear or not self.gate():
            return None
        draft_type, shown_type = _SECTION_TYPES[name]
        draft = parse_section(draft_type, raw)
        if draft is None:
            return None
        assert isinstance(draft, ReasonDraft | ResponseDraft | CautionDraft)
        context = AnswerContext(self.language, build_system_prompt(self.language), self.situation)
        if self.rail(name, draft, context) is not None:
            return None
        value = shown_type(**draft.model_dump())
        if isinstance(value, Response) and self.complete is not None:
            value = self.complete(value)
        self.shown[name] = value
        return Section(name, value)

    def final(self, advice: Advice) -> Iterator[Section]:
        """Every section not already on show as it is in the final answer."""
        for name in SECTION_NAMES:
            value: Reason | Response | Caution = getattr(advice, name)
            if self.shown.get(name) != value:
                yield Section(name, value)


class _Moderation:
    """A moderation call running in a thread; any failure reads as no flag (and is logged)."""

    def __init__(self, future: Future[SafetyLevel] | None) -> None:
        self._future = future

    def clear(self) -> bool:
        """True once nothing more can come of it: no call, or a call that flagged nothing."""
        if self._future is None:
            return True
        return self._future.done() and self.level(0.0) == "none"

    def level(self, timeout: float) -> SafetyLevel:
        if self._future is None:
            return "none"
        try:
            return self._future.result(timeout=max(timeout, 0.0))
        except FutureTimeout:
            self._future.cancel()
            logger.info("moderation call ignored: timeout")
        except Exception as error:
            logger.info("moderation call ignored: %s", _failure_name(error))
        return "none"


def _failure_name(error: BaseException) -> str:
    return error.reason if isinstance(error, ModelError) else type(error).__name__


async def _asyncio_sleep(seconds: float) -> None:
    """The default async sleep; asyncio loads with the first async turn, not at import."""
    import asyncio

    await asyncio.sleep(seconds)


async def _awaited(task: asyncio.Task[SafetyLevel], deadline: Deadline) -> SafetyLevel:
    import asyncio

    try:
        return await asyncio.wait_for(task, max(deadline.remaining(), 0.0))
    except TimeoutError:
        logger.info("moderation call ignored: timeout")
    except Exception as error:
        logger.info("moderation call ignored: %s", _failure_name(error))
    return "none"


class _TurnFailed(Exception):
    def __init__(self, reason: FallbackReason) -> None:
        self.reason = reason
        super().__init__(reason)


_Plan = Generator[Status | _Call, ChatReply, Advice]


@dataclass(slots=True)
class _Prepared:
    """A checked turn: the rails' report, the earlier turns and the mode asked for."""

    report: InputReport
    turns: tuple[Turn, ...]
    mode: Mode
    goal: Goal
    started: float
    ready: Advice | None = field(default=None)


@contextlib.contextmanager
def _internal_errors() -> Iterator[None]:
    """A bug on the model path still ends in rule advice; the log names only the error type."""
    try:
        yield
    except (_TurnFailed, CoachUnavailable, InvalidInput, InvalidSettings):
        raise
    except Exception as error:
        logger.error("model path broke: %s", type(error).__name__)
        raise _TurnFailed("internal_error") from None


def _unusable(reply: ChatReply) -> FallbackReason | None:
    if reply.refusal:
        return "refusal"
    if reply.finish_reason == "content_filter":
        return "content_filter"
    if reply.finish_reason == "length":
        return "truncated"
    if not reply.content.strip():
        return "empty"
    return None


def _answer_json(advice: Advice | None, language: Language) -> str | None:
    """An earlier answer as the model would have written it, through the same scrubbing as
    the user's words (controls, contact details); safety answers stay out."""
    if advice is None or advice.source == "safety":
        return None

    def scrubbed(text: str) -> str:
        return scrub_pii(clean(text), language)[0]

    answer = {
        "reason": {
            "summary": scrubbed(advice.reason.summary),
            "categories": list(advice.reason.categories),
        },
        "response": {
            "decision": advice.response.decision,
            "why": scrubbed(advice.response.why),
            "timing": scrubbed(advice.response.timing),
            "approach": scrubbed(advice.response.approach),
            "replies": [scrubbed(r) for r in advice.response.replies],
            "intents": list(advice.response.intents),
        },
        "caution": {"points": [scrubbed(p) for p in advice.caution.points]},
    }
    return json.dumps(answer, ensure_ascii=False)


def _resume(plan: _Plan, answer: ChatReply | ModelError | None) -> Status | _Call | Advice:
    """The plan's next step after the answer to its last call (None to start it or to go on
    past a status; a ModelError is raised inside it), or its advice once it is done: the
    one way both drivers, sync and async, carry a plan forward."""
    try:
        if answer is None:
            return next(plan)
        if isinstance(answer, ModelError):
            return plan.throw(answer)
        return plan.send(answer)
    except StopIteration as done:
        advice: Advice = done.value
        return advice


def _in_time(advice: Advice, deadline: Deadline) -> Advice:
    """The deadline covers parsing and the rails too: an answer checked too late is not used."""
    if deadline.remaining() <= 0:
        raise _TurnFailed("timeout")
    return advice


class Coach:
    """Settings and clients held for repeated turns; safe to share between threads.

    `model` stands in for the OpenAI-compatible client (tests, other back ends); `rails` for
    the input detectors and output rails (`Rails.default()`: cue floor plus semantic heads);
    `sleep`, `asleep` and `clock` let tests run retries and deadlines without waiting.

    The structured modes an endpoint rejected are remembered by this Coach alone: keep one
    Coach for a conversation (a page session) and later turns skip them; another Coach starts
    afresh. A turn changes no Advice once built: its figures go on a copy, so a fixed or
    cached answer stays as it was.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        model: ChatModel | None = None,
        rails: Rails | None = None,
        http_client: httpx.Client | None = None,
        async_http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], None] | None = None,
        asleep: Callable[[float], Awaitable[None]] | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._settings = settings
        self._model = model
        self.rails = rails if rails is not None else Rails.default()
        self._http_client = http_client
        self._async_http_client = async_http_client
        self._sleep = sleep or time.sleep
        self._asleep = asleep or _asyncio_sleep
        self._clock = clock or time.monotonic
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._served_name: str | None = None
        self._modes = _ModeMemory()

    @property
    def settings(self) -> Settings:
        """Read from the environment on first use: a turn whose mode is given as offline
        never needs them, and pydantic-settings stays out of its start-up."""
        if self._settings is None:
            from coach.config import load_settings

            self._settings = load_settings()
        return self._settings

    def __repr__(self) -> str:
        s = self.settings
        return f"Coach(model={s.model!r}, base_url={s.base_url!r}, mode={s.mode!r})"

    # --- public API -----------------------------------------------------------------------

    def check_connection(self) -> ConnectionCheck:
        """One cheap request to the endpoint, for the page's "test connection" button."""
        try:
            ready = self._llm_ready()
        except InvalidSettings as error:
            return ConnectionCheck(False, "invalid_settings", error.message_ja, error.message_en)
        if not ready:
            ja, en = describe_reason("not_configured")
            return ConnectionCheck(ok=False, reason="not_configured", message_ja=ja, message_en=en)
        started = self._clock()
        try:
            model = self._chat_model()
            timeout = min(_PING_TIMEOUT, self.settings.deadline)
            served = call_within(timeout, partial(model.ping, timeout=timeout))
        except ModelError as error:
            ja, en = describe_reason(error.reason)
            latency = (self._clock() - started) * 1000
            return ConnectionCheck(False, error.reason, ja, en, latency)
        latency = (self._clock() - started) * 1000
        self._served_name = served
        ja, en = both("page.check_ok", model=served)
        return ConnectionCheck(True, "ok", ja, en, latency, model=served)

    def advise(self, text: str, **options: Unpack[TurnOptions]) -> Advice:
        """Advice for one situation; `options` (mode, history, language, goal) as in
        TurnOptions: `goal` is what the user wants (default "undecided")."""
        advice: Advice | None = None
        for event in self._events(text, options, streaming=False):
            if isinstance(event, Final):
                advice = event.advice
        assert advice is not None
        return advice

    async def aadvise(self, text: str, **options: Unpack[TurnOptions]) -> Advice:
        """`advise` for the event loop."""
        turn = self._prepare(text, **options)
        if turn.ready is not None:
            return self._stamp(turn.ready, turn, _Tally())
        tally = _Tally()
        deadline = Deadline(self._clock, turn.started + self.settings.deadline)
        moderation = self._amoderate(turn, deadline)
        try:
            advice = await self._adrive(self._plan(turn, deadline, tally), deadline, tally)
            level = "none" if moderation is None else await _awaited(moderation, deadline)
            advice = self._moderated(advice, turn, level)
        except _TurnFailed as failure:
            advice = self._fallback(turn, failure.reason)
        finally:
            if moderation is not None and not moderation.done():
                moderation.cancel()
        if advice.source == "llm" and self._served_name is None:
            import asyncio

            await asyncio.to_thread(self._served, tally)
        return self._stamp(advice, turn, tally)

    def stream(self, text: str, **options: Unpack[TurnOptions]) -> Iterator[Event]:
        """Status updates, each section once it has passed the rails, then Final.

        A later Section with the same name replaces an earlier one (after a re-ask, or after
        Status("fallback") when the rules take over); the last Section of each name always
        equals that section of Final.
        """
        return self._events(text, options, streaming=True)

    def close(self) -> None:
        """Close the HTTP connections this Coach opened."""
        with self._lock:
            model, self._model = self._model, None
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        if model is not None:
            model.close()

    async def aclose(self) -> None:
        """Close the async connections, from the event loop that used them."""
        with self._lock:
            model = self._model
        if model is not None:
            await model.aclose()

    # --- one turn -------------------------------------------------------------------------

    def _events(self, text: str, options: TurnOptions, *, streaming: bool) -> Iterator[Event]:
        yield _status("checking")
        turn = self._prepare(text, **options)
        tally = _Tally()
        showing = None
        if streaming:
            rail = self.rails.check_section if self.rails.stream_sections else None
            complete = functools.partial(self._complete_response, turn=turn)
            showing = _Showing(turn.report.language, rail, turn.report.scrubbed, complete)
        if turn.ready is not None:
            yield _status("safety" if turn.ready.source == "safety" else "rules")
            advice = turn.ready
        else:
            yield _status("calling_model")
            deadline = Deadline(self._clock, turn.started + self.settings.deadline)
            moderation = self._moderate(turn, deadline)
            if showing is not None:
                showing.gate = moderation.clear
            try:
                advice = yield from self._drive(
                    self._plan(turn, deadline, tally), deadline, tally, showing
                )
                advice = self._moderated(advice, turn, moderation.level(deadline.remaining()))
            except _TurnFailed as failure:
                advice = self._fallback(turn, failure.reason)
                yield _fallback_status(failure.reason)
        if advice.source == "llm":
            self._served(tally)
        advice = self._stamp(advice, turn, tally)
        yield from (showing or _Showing(advice.language)).final(advice)
        yield Final(advice)

    def _prepare(
        self,
        text: str,
        *,
        mode: Mode | None = None,
        history: HistoryLike | None = None,
        language: Language | None = None,
        goal: Goal | None = None,
    ) -> _Prepared:
        """Input rails first, every mode; the answer is ready unless the model is needed.
        The one place TurnOptions are spelled out, so an unknown keyword is a TypeError."""
        started = self._clock()
        if goal is not None and goal not in GOALS:
            raise InvalidInput("goal")
        turns = _as_turns(history)
        report = self.rails.check_input(text, history=turns, language=language)
        turn = _Prepared(report, turns, self._turn_mode(mode), goal or "undecided", started)
        if report.level != "none":
            turn.ready = safety_advice(report)
        elif OFF_TOPIC_FLAG in report.flags:
            turn.ready = off_topic_advice(report)
        elif turn.mode == "offline":
            turn.ready = self._rules(turn, fallback_reason=None)
        elif not self._llm_ready():
            if turn.mode == "llm":
                raise CoachUnavailable("not_configured")
            turn.ready = self._rules(turn, fallback_reason="not_configured")
        return turn

    def _turn_mode(self, mode: object) -> Mode:
        """The mode asked for, else COACH_MODE, which must then be valid itself."""
        checked = _checked_mode(mode)
        if checked is not None:
            return checked
        if "COACH_MODE" in self.settings.invalid:
            raise InvalidSettings(["COACH_MODE"])
        return self.settings.mode

    def _fallback(self, turn: _Prepared, reason: FallbackReason) -> Advice:
        logger.info("model path failed: reason=%s mode=%s", reason, turn.mode)
        if turn.mode == "llm":
            raise CoachUnavailable(reason)
        return self._rules(turn, fallback_reason=reason)

    def _stamp(self, advice: Advice, turn: _Prepared, tally: _Tally) -> Advice:
        """The turn's figures on a new answer: the one given may be shared (a fixed answer, a
        stand-in's cache) and stays as it was."""
        echoed = advice.source == "llm" and tally.model in (None, self.settings.model)
        figures: dict[str, object] = {
            "attempts": tally.attempts,
            "structured_mode": tally.mode,
            "model": (self._served_name or tally.model) if echoed else tally.model,
            "usage": tally.usage,
            "latency_ms": (self._clock() - turn.started) * 1000,
            "semantic": turn.report.semantic,
        }
        if advice.source == "safety":
            by_model = {MODEL_RISK_FLAG, MODERATION_FLAG} & set(advice.safety.flags)
            figures["detector"] = "model" if by_model else turn.report.detector
        meta = advice.meta.model_copy(update=figures)
        logger.info(
            "turn done: source=%s fallback=%s attempts=%d mode=%s latency_ms=%.0f",
            advice.source,
            meta.fallback_reason,
            meta.attempts,
            meta.structured_mode,
            meta.latency_ms,
        )
        return advice.model_copy(update={"meta": meta})

    def _rules(self, turn: _Prepared, *, fallback_reason: FallbackReason | None) -> Advice:
        report = turn.report
        advice = apply_input_flags(
            rule_advice(
                report.text,
                language=report.language,
                history=turn.turns,
                goal=turn.goal,
                semantic=report.reasons,
                cue_weight=report.reason_cue_weight,
            ),
            report,
        )
        meta = advice.meta.model_copy(update={"fallback_reason": fallback_reason})
        return advice.model_copy(update={"meta": meta})

    # --- the model path, written once -----------------------------------------------------

    def _plan(self, turn: _Prepared, deadline: Deadline, tally: _Tally) -> _Plan:
        """Ask, degrade the structured mode, re-ask once, check the rails; or fail with why."""
        report = turn.report
        language = report.language
        system_prompt = build_system_prompt(language)
        history = self._history(turn.turns, language)
        endpoint = self._chat_model().endpoint
        modes = self._modes.usable(endpoint)
        index = 0
        previous: tuple[str, str] | None = None
        while True:
            mode = modes[index]
            messages = build_messages(
                system_prompt=system_prompt,
                situation=report.scrubbed,
                language=language,
                goal=turn.goal,
                history=history,
                schema=None if mode == "json_schema" else draft_schema(),
            )
            if previous is not None:
                messages = reask_messages(
                    messages, previous=previous[0], problem=previous[1], language=language
                )
            schema = _strict_schema() if mode == "json_schema" else draft_schema()
            tally.mode = mode
            try:
                reply = yield _Call(ChatRequest(tuple(messages), mode, schema))
            except ModelError as error:
                if error.rejects_mode and index + 1 < len(modes):
                    logger.info("endpoint rejected structured mode %s; degrading", mode)
                    self._modes.reject(endpoint, mode)
                    index += 1
                    yield _status("degrading")
                    continue
                raise _TurnFailed(error.reason) from None
            tally.model = reply.model or tally.model
            if (unusable := _unusable(reply)) is not None:
                raise _TurnFailed(unusable)
            try:
                draft = parse_draft(reply.content)
            except DraftError as error:
                if previous is not None or not self._can_reask(deadline):
                    raise _TurnFailed("invalid_output") from None
                previous = (reply.content, str(error))
                yield _status("reasking")
                continue
            yield _status("checking_output")
            context = AnswerContext(language, system_prompt, report.scrubbed)
            verdict = self.rails.check_output(draft, context)
            if verdict is not None:
                logger.info("output rail %s rejected the answer", verdict.name)
                if previous is not None or not self._can_reask(deadline):
                    raise _TurnFailed(f"output_rail:{verdict.name}")
                previous = (reply.content, verdict.reason)
                yield _status("reasking")
                continue
            if draft.risk.level != "none":
                logger.info("model risk read: level=%s", draft.risk.level)
                flags = (*report.flags, MODEL_RISK_FLAG)
                return safety_advice(replace(report, level=draft.risk.level, flags=flags))
            advice = Advice.from_draft(draft, source="llm", language=language, meta=Meta())
            return apply_input_flags(self._completed(advice, turn), report)

    def _completed(self, advice: Advice, turn: _Prepared) -> Advice:
        return advice.model_copy(
            update={"response": self._complete_response(advice.response, turn)}
        )

    def _complete_response(self, response: Response, turn: _Prepared) -> Response:
        """A model answer without a decision takes the rule engine's; timing follows it."""
        done = response.model_copy()
        if done.decision is None:
            rules = self._rules(turn, fallback_reason=None).response
            done.decision, done.why, done.timing = rules.decision, rules.why, rules.timing
        elif not done.timing and (timing := knowledge_base().decisions[done.decision].timing):
            done.timing = timing.get(turn.report.language)
        return done

    # --- the moderation read, beside the chat call (OpenAI only) --------------------------

    def _moderator(self) -> Moderator | None:
        model = self._chat_model()
        if isinstance(model, Moderator) and model.moderates:
            return model
        return None

    def _moderate(self, turn: _Prepared, deadline: Deadline) -> _Moderation:
        """Start the moderation call in a thread, so it runs while the chat call does."""
        moderator = self._moderator()
        if moderator is None:
            return _Moderation(None)
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="moderation")
            pool = self._pool
        timeout = max(deadline.remaining(), MIN_ATTEMPT)
        return _Moderation(pool.submit(moderator.moderate, turn.report.scrubbed, timeout=timeout))

    def _amoderate(self, turn: _Prepared, deadline: Deadline) -> asyncio.Task[SafetyLevel] | None:
        moderator = self._moderator()
        if moderator is None:
            return None
        import asyncio

        timeout = max(deadline.remaining(), MIN_ATTEMPT)
        return asyncio.ensure_future(moderator.amoderate(turn.report.scrubbed, timeout=timeout))

    @staticmethod
    def _moderated(advice: Advice, turn: _Prepared, level: SafetyLevel) -> Advice:
        """A moderation flag on a model answer ends the turn in the fixed safety answer."""
        if level == "none" or advice.source == "safety":
            return advice
        logger.info("moderation flagged the situation: level=%s", level)
        report = turn.report
        return safety_advice(replace(report, level=level, flags=(*report.flags, MODERATION_FLAG)))

    def _can_reask(self, deadline: Deadline) -> bool:
        return deadline.remaining() >= min(1.0, self.settings.deadline * 0.2)

    def _history(self, turns: Sequence[Turn], language: Language) -> list[HistoryEntry]:
        """Earlier turns through the same input rails, so only scrubbed text leaves."""
        entries: list[HistoryEntry] = []
        for turn in turns[-MAX_HISTORY_TURNS:]:
            try:
                scrubbed = self.rails.scrub(turn.user, language=language)
            except InvalidInput:
                continue
            entries.append(HistoryEntry(scrubbed, _answer_json(turn.advice, language)))
        return bound_history(entries)

    def _attempt_timeout(self, deadline: Deadline, tally: _Tally) -> float:
        timeout = deadline.remaining()
        if timeout < MIN_ATTEMPT:
            raise ModelError("timeout")
        tally.attempts += 1
        logger.debug("attempt %d mode=%s timeout=%.2fs", tally.attempts, tally.mode, timeout)
        return timeout

    def _drive(
        self, plan: _Plan, deadline: Deadline, tally: _Tally, showing: _Showing | None
    ) -> Generator[Event, None, Advice]:
        """Carry out the plan's requests; `showing` is set when the answer is streamed."""
        with _internal_errors():
            return (yield from self._drive_plan(plan, deadline, tally, showing))

    def _drive_plan(
        self, plan: _Plan, deadline: Deadline, tally: _Tally, showing: _Showing | None
    ) -> Generator[Event, None, Advice]:
        step = _resume(plan, None)
        while not isinstance(step, Advice):
            answer: ChatReply | ModelError | None = None
            if isinstance(step, Status):
                yield step
            else:
                try:
                    answer = yield from self._send(step.request, deadline, tally, showing)
                except ModelError as error:
                    answer = error
            step = _resume(plan, answer)
        return _in_time(step, deadline)

    def _send(
        self, request: ChatRequest, deadline: Deadline, tally: _Tally, showing: _Showing | None
    ) -> Generator[Event, None, ChatReply]:
        model = self._chat_model()
        result: ChatReply | None = None
        for attempt in retrying(deadline, self._sleep):
            if attempt.retry_state.attempt_number > 1:
                yield _status("retrying")
            # Stream outside the attempt's `with`: it would swallow a consumer's GeneratorExit.
            failure: ModelError | None = None
            try:
                timeout = self._attempt_timeout(deadline, tally)
                if showing is not None:
                    result = yield from self._stream_once(model, request, timeout, showing)
                else:
                    result = call_within(timeout, partial(model.complete, request, timeout=timeout))
            except ModelError as error:
                failure = error
            with attempt:
                if failure is not None:
                    self._log_failure(failure)
                    raise failure
        assert result is not None
        tally.add_usage(result.usage)
        return result

    def _stream_once(
        self, model: ChatModel, request: ChatRequest, timeout: float, showing: _Showing
    ) -> Generator[Event, None, ChatReply]:
        scanner = SectionScanner()
        text: list[str] = []
        refusal: list[str] = []
        finish: str | None = None
        usage: dict[str, int] | None = None
        name: str | None = None
        opened = iterate_within(timeout, partial(model.stream, request, timeout=timeout))
        with contextlib.closing(opened) as chunks:  # type: ignore[type-var]
            for chunk in chunks:
                if chunk.text:
                    text.append(chunk.text)
                    for section, raw in scanner.feed(chunk.text):
                        if section == "risk":
                            showing.read_risk(raw)
                            continue
                        yield _status(f"drafted_{section}")
                        if (early := showing.early(section, raw)) is not None:
                            yield early
                if chunk.refusal:
                    refusal.append(chunk.refusal)
                finish = chunk.finish_reason or finish
                usage = chunk.usage or usage
                name = chunk.model or name
        return ChatReply("".join(text), finish, "".join(refusal) or None, usage, name)

    async def _adrive(self, plan: _Plan, deadline: Deadline, tally: _Tally) -> Advice:
        with _internal_errors():
            return await self._adrive_plan(plan, deadline, tally)

    async def _adrive_plan(self, plan: _Plan, deadline: Deadline, tally: _Tally) -> Advice:
        step = _resume(plan, None)
        while not isinstance(step, Advice):
            answer: ChatReply | ModelError | None = None
            if isinstance(step, _Call):  # a status has no one to show it to here
                try:
                    answer = await self._asend(step.request, deadline, tally)
                except ModelError as error:
                    answer = error
            step = _resume(plan, answer)
        return _in_time(step, deadline)

    async def _asend(self, request: ChatRequest, deadline: Deadline, tally: _Tally) -> ChatReply:
        model = self._chat_model()
        result: ChatReply | None = None
        async for attempt in async_retrying(deadline, self._asleep):
            with attempt:
                try:
                    timeout = self._attempt_timeout(deadline, tally)
                    result = await await_within(timeout, model.acomplete(request, timeout=timeout))
                except ModelError as error:
                    self._log_failure(error)
                    raise
        assert result is not None
        tally.add_usage(result.usage)
        return result

    @staticmethod
    def _log_failure(error: ModelError) -> None:
        logger.info(
            "model request failed: reason=%s status=%s retryable=%s",
            error.reason,
            error.status,
            error.retryable,
        )
        if error.detail:
            logger.debug("model error detail: %s", error.detail)

    # --- the client -----------------------------------------------------------------------

    def _served(self, tally: _Tally) -> None:
        """Once per Coach: when the server echoed the configured name, ask which model it
        really serves (a local server answers to any name), so meta.model tells the truth."""
        if self._served_name is not None or tally.model not in (None, self.settings.model):
            return
        try:
            self._served_name = self._chat_model().served_model(timeout=_PING_TIMEOUT)
        except Exception as error:  # a name for meta is never worth a lost answer
            logger.info("model list unavailable: %s", type(error).__name__)
            self._served_name = tally.model

    def _llm_ready(self) -> bool:
        """Whether the model path can run; a bad setting it would read raises here."""
        self.settings.check(mode_given=True)
        return self._model is not None or self.settings.llm_configured

    def _chat_model(self) -> ChatModel:
        """The client, built on first need: offline turns never import openai, and neither
        does a turn whose local endpoint refuses connections (see `refused_locally`)."""
        with self._lock:
            if self._model is None:
                injected = self._http_client or self._async_http_client
                if not injected and refused_locally(self.settings.base_url):
                    return UnreachableModel(
                        self.settings.model, (self.settings.base_url or "").rstrip("/")
                    )
                from coach.openai_model import OpenAIChatModel

                self._model = OpenAIChatModel(
                    self.settings,
                    http_client=self._http_client,
                    async_http_client=self._async_http_client,
                )
            return self._model
