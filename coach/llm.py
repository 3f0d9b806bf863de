"""The model behind one small interface, so a test model or another client can stand in.

Nothing here imports openai: offline turns must stay cheap. `coach.openai_model` holds the
OpenAI-compatible client and is loaded only when a turn first needs the model.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Literal, Protocol, get_args, runtime_checkable
from urllib.parse import urlsplit

from coach.cache import compile_cached
from coach.errors import FALLBACK_REASONS, describe_reason
from coach.schemas import ModelFailure, SafetyLevel

__all__ = [
    "FALLBACK_REASONS",
    "STRUCTURED_MODES",
    "ChatChunk",
    "ChatModel",
    "ChatReply",
    "ChatRequest",
    "ModelError",
    "Moderator",
    "StructuredMode",
    "UnreachableModel",
    "describe_reason",
    "redact",
    "refused_locally",
]

StructuredMode = Literal["json_schema", "json_object", "text"]
STRUCTURED_MODES: tuple[StructuredMode, ...] = get_args(StructuredMode)
"""Strongest first: an endpoint that rejects one mode is asked with the next."""

Message = dict[str, str]


@dataclass(frozen=True, slots=True)
class ChatRequest:
    """One chat request, already built and scrubbed: a client only sends it."""

    messages: tuple[Message, ...]
    """OpenAI-style `{"role": ..., "content": ...}` messages, system prompt first."""
    mode: StructuredMode
    """How to ask for JSON: `json_schema` has the endpoint enforce `schema`, `json_object`
    asks for a JSON object, `text` sends no response format (the prompt then spells the schema
    out)."""
    schema: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    """The AdviceDraft JSON Schema (its strict form for `json_schema`), for the response
    format; `text` mode does not send it."""
    max_tokens: int = 1500
    """The answer's token cap: a longer answer ends as `truncated`."""


@dataclass(frozen=True, slots=True)
class ChatReply:
    """A whole answer, as the endpoint gave it: nothing parsed or checked yet."""

    content: str
    """The answer text; empty when the endpoint sent none."""
    finish_reason: str | None = None
    """The endpoint's word for why it stopped (`stop`, `length`, `content_filter`, ...)."""
    refusal: str | None = None
    """The model's refusal message, when it declined."""
    usage: dict[str, int] | None = None
    """Token counts, when the endpoint reported them."""
    model: str | None = None
    """The model the endpoint says answered, when it said."""


@dataclass(frozen=True, slots=True)
class ChatChunk:
    """One piece of a streamed answer; the last one carries finish_reason and usage."""

    text: str = ""
    """The next piece of the answer text."""
    refusal: str | None = None
    """The next piece of a refusal message."""
    finish_reason: str | None = None
    """Set on the last chunk: as in ChatReply."""
    usage: dict[str, int] | None = None
    """Set on the last chunk, when the endpoint reports usage in streams."""
    model: str | None = None
    """The model the endpoint says answered, when it said."""


class ModelError(Exception):
    """A failed request, already sorted into a fallback reason and a retry decision.

    `retryable` lets the same request be sent again within the deadline (after `retry_after`
    seconds, when the endpoint said); `rejects_mode` says the endpoint refused the structured
    mode itself, so the next mode is tried; `detail` is redacted and cut to 300 characters,
    for debug logs only.
    """

    def __init__(
        self,
        reason: ModelFailure,
        *,
        retryable: bool = False,
        retry_after: float | None = None,
        rejects_mode: bool = False,
        status: int | None = None,
        detail: str = "",
    ) -> None:
        self.reason = reason
        self.retryable = retryable
        self.retry_after = retry_after
        self.rejects_mode = rejects_mode
        self.status = status
        self.detail = redact(detail)[:300]
        super().__init__(reason if status is None else f"{reason} (HTTP {status})")


class ChatModel(Protocol):
    """What the pipeline needs from a model: one answer, streamed or whole, and a ping.

    A failure the turn should fall back on is raised as ModelError; anything else is a bug,
    logged by type only, and ends the turn as `internal_error`. `timeout` is the seconds a
    call may take at the most. Pass an implementation as `Coach(model=...)` to stand in for
    the OpenAI-compatible client (the tests' scripted one: tests/attacks/conftest.py).
    """

    @property
    def name(self) -> str:
        """The configured model name, as sent in requests."""
        ...

    @property
    def endpoint(self) -> str:
        """Where requests go: the key under which an endpoint's rejected modes are kept."""
        ...

    def complete(self, request: ChatRequest, *, timeout: float) -> ChatReply:
        """The whole answer to one request."""
        ...

    def stream(self, request: ChatRequest, *, timeout: float) -> Generator[ChatChunk, None, None]:
        """The answer piece by piece; closing the generator must end the request."""
        ...

    async def acomplete(self, request: ChatRequest, *, timeout: float) -> ChatReply:
        """`complete` for the event loop."""
        ...

    def ping(self, *, timeout: float) -> str:
        """A one-token answer from the configured model; the name of the model that gave it.
        Raise ModelError when the endpoint cannot serve a request."""
        ...

    def served_model(self, *, timeout: float) -> str | None:
        """The model the server says it serves under the configured name, when it can tell."""
        ...

    def close(self) -> None:
        """Release the sync connections; called by Coach.close."""
        ...

    async def aclose(self) -> None:
        """Release the async connections, from the loop that used them."""
        ...


@runtime_checkable
class Moderator(Protocol):
    """A model back end that can also read a text for danger (OpenAI's moderation endpoint).

    `moderates` is False where the endpoint has no such service (local servers): the pipeline
    then makes no extra call.
    """

    @property
    def moderates(self) -> bool: ...

    def moderate(self, text: str, *, timeout: float) -> SafetyLevel:
        """The safety level the moderation flags imply; raises ModelError on failure."""
        ...

    async def amoderate(self, text: str, *, timeout: float) -> SafetyLevel: ...


_KEYLIKE = compile_cached(
    # Vendor prefixes: OpenAI, Groq, xAI, Anthropic, Google, GitHub, Hugging Face, Slack.
    r"(?<![A-Za-z0-9])(?:sk|gsk|xai|pk|rk|hf|ghp|gho|glpat|xox[abp])[-_][A-Za-z0-9_\-*]{4,}"
    r"|AIza[0-9A-Za-z_\-]{20,}"
    r"|(?:Bearer|Basic)\s+\S+"
    # A value after key=, api-key:, "apiKey": and the like, quoted or not.
    r"|(?:api[-_ ]?key|access[-_ ]?key|secret|token|password|auth(?:orization)?|key)"
    r"[\"']?\s*[:=]\s*[\"']?(?:(?:Bearer|Basic)\s+)?[^\s\"',;&}]{6,}"
    # Long runs of base64 or hex anywhere: nothing an error message needs to show.
    r"|[A-Za-z0-9+/_\-]{32,}={0,2}",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """Anything shaped like a key or a token, replaced: error bodies can echo one, of any
    vendor (the configured key itself is cut out by the client too)."""
    return _KEYLIKE.sub("[redacted]", text)


_LOOPBACK_PROBE = 0.2


def refused_locally(base_url: str | None, *, timeout: float = _LOOPBACK_PROBE) -> bool:
    """True when the endpoint is on this machine and nothing listens on its port.

    A local server that was not started is the commonest failure, and its answer is known in
    microseconds without loading the client (`import openai` takes about half a second). Only
    loopback addresses are probed: for a remote endpoint the probe would cost a round trip and
    tell nothing the real request does not. Anything but a refusal counts as "not refused"."""
    if not base_url:
        return False
    try:
        parts = urlsplit(base_url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return False
    if host is None or not (host == "localhost" or host.startswith("127.") or host == "::1"):
        return False
    try:
        with socket.create_connection(
            (host, port or (443 if parts.scheme == "https" else 80)), timeout=timeout
        ):
            return False
    except ConnectionRefusedError:
        return True
    except Exception:  # blocked, slow or odd: let the real client find out
        return False


@dataclass(frozen=True, slots=True)
class UnreachableModel:
    """Stands in for the client while nothing listens on a local endpoint: every request fails
    as the client's would (`connection`, not worth a retry), without loading it. The pipeline
    keeps it for one turn only, so a server started later is found on the next."""

    name: str
    endpoint: str

    def _fail(self) -> ModelError:
        return ModelError("connection", retryable=False, detail="ConnectionRefusedError")

    def complete(self, request: ChatRequest, *, timeout: float) -> ChatReply:
        raise self._fail()

    def stream(self, request: ChatRequest, *, timeout: float) -> Generator[ChatChunk, None, None]:
        raise self._fail()
        yield  # pragma: no cover - makes this a generator, as the protocol asks

    async def acomplete(self, request: ChatRequest, *, timeout: float) -> ChatReply:
        raise self._fail()

    def ping(self, *, timeout: float) -> str:
        raise self._fail()

    def served_model(self, *, timeout: float) -> str | None:
        return None

    def close(self) -> None:
        return None

    async def aclose(self) -> None:
        return None
