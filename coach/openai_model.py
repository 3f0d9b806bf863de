"""Any OpenAI-compatible endpoint (OpenAI, Ollama, llama.cpp, vLLM) as a ChatModel.

Imported only when a turn needs the model: `import openai` costs about half a second.
The clients are built once per Coach on legacy `httpx` clients, so tests can intercept them
with respx; retries belong to the pipeline, so the SDK's own are off.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import json
import re
import time
from collections.abc import AsyncIterator, Generator, Iterable, Iterator, Mapping
from typing import Any, cast

import httpx
import openai

from coach.config import Settings
from coach.llm import ChatChunk, ChatReply, ChatRequest, ModelError
from coach.schemas import SafetyLevel

__all__ = ["MAX_BODY_BYTES", "OpenAIChatModel", "classify", "moderation_level"]

MAX_BODY_BYTES = 256 * 1024
"""Most bytes read from one answer: a good answer is a few kilobytes, so anything near this
is a broken or hostile endpoint, and reading on would only cost time and memory."""

_DEFAULT_ENDPOINT = "https://api.openai.com/v1"
_LOCAL_KEY = "not-needed"
"""Local servers ignore the key, but the SDK insists on one."""
_MODE_WORDS = re.compile(r"response_format|json_schema|json_object|structured output", re.I)
_SCHEMA_NAME = "advice_draft"
_MODERATION_MODEL = "omni-moderation-latest"
_SELF_HARM_FLAGS = ("self-harm", "self-harm/intent", "self-harm/instructions")
_VIOLENCE_FLAGS = ("violence", "harassment/threatening")


def moderation_level(result: Any) -> SafetyLevel:
    """Self-harm flags read as self_harm; violence and threatening harassment as violence."""
    flagged: set[str] = set()
    for item in getattr(result, "results", None) or ():
        categories = item.categories.model_dump(by_alias=True)
        flagged.update(name for name, on in categories.items() if on)
    if flagged.intersection(_SELF_HARM_FLAGS):
        return "self_harm"
    if flagged.intersection(_VIOLENCE_FLAGS):
        return "violence"
    return "none"


class OpenAIChatModel:
    """One configured endpoint; safe to share between threads (the SDK client is)."""

    def __init__(
        self,
        settings: Settings,
        *,
        http_client: httpx.Client | None = None,
        async_http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self._model = settings.model
        self._base_url = settings.base_url
        self._key = settings.api_key.get_secret_value() if settings.api_key else _LOCAL_KEY
        self._async_http_client = async_http_client
        self._async: tuple[asyncio.AbstractEventLoop, openai.AsyncOpenAI] | None = None
        self._stream_options: dict[str, Any] = {"stream_options": {"include_usage": True}}
        self._client = openai.OpenAI(
            api_key=self._key,
            base_url=self.endpoint,  # explicit: the SDK would read OPENAI_BASE_URL="" itself
            max_retries=0,
            http_client=cast(Any, http_client or httpx.Client()),
        )

    def __repr__(self) -> str:
        return f"OpenAIChatModel(model={self._model!r}, endpoint={self.endpoint!r})"

    @property
    def name(self) -> str:
        return self._model

    @property
    def endpoint(self) -> str:
        return (self._base_url or _DEFAULT_ENDPOINT).rstrip("/")

    def _async_client(self) -> openai.AsyncOpenAI:
        """One async client per event loop: pooled connections cannot move between loops."""
        loop = asyncio.get_running_loop()
        if self._async is None or (self._async[0] is not loop and not self._async_http_client):
            client = openai.AsyncOpenAI(
                api_key=self._key,
                base_url=self.endpoint,
                max_retries=0,
                http_client=cast(Any, self._async_http_client or httpx.AsyncClient()),
            )
            self._async = (loop, client)
        return self._async[1]

    def _arguments(self, request: ChatRequest) -> dict[str, Any]:
        arguments: dict[str, Any] = {
            "model": self._model,
            "messages": list(request.messages),
            "max_tokens": request.max_tokens,
        }
        if request.mode == "json_schema":
            arguments["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": _SCHEMA_NAME, "schema": request.schema, "strict": True},
            }
        elif request.mode == "json_object":
            arguments["response_format"] = {"type": "json_object", "schema": request.schema}
        return arguments

    def complete(self, request: ChatRequest, *, timeout: float) -> ChatReply:
        ends = time.monotonic() + timeout
        completions: Any = self._client.chat.completions.with_streaming_response
        try:
            with completions.create(**self._arguments(request), timeout=timeout) as response:
                body = _read_capped(response.iter_bytes(), ends)
        except openai.OpenAIError as error:
            raise classify(error, secret=self._key) from None
        except httpx.HTTPError as error:
            raise _transport_error(error) from None
        return _reply(_completion(body))

    def stream(self, request: ChatRequest, *, timeout: float) -> Generator[ChatChunk, None, None]:
        ends = time.monotonic() + timeout
        completions: Any = self._client.chat.completions.with_streaming_response
        arguments = self._arguments(request)
        try:
            with contextlib.ExitStack() as stack:
                try:
                    opened = stack.enter_context(
                        completions.create(
                            **arguments, stream=True, timeout=timeout, **self._stream_options
                        )
                    )
                except openai.BadRequestError as error:
                    # Some servers reject the usage option; stream without it from now on.
                    if not self._stream_options or "stream_options" not in str(error):
                        raise
                    self._stream_options = {}
                    opened = stack.enter_context(
                        completions.create(**arguments, stream=True, timeout=timeout)
                    )
                for event in _events(_lines(opened.iter_bytes(), ends)):
                    yield _chunk(event)
        except openai.OpenAIError as error:
            raise classify(error, secret=self._key) from None
        except httpx.HTTPError as error:
            raise _transport_error(error) from None

    async def acomplete(self, request: ChatRequest, *, timeout: float) -> ChatReply:
        ends = time.monotonic() + timeout
        completions: Any = self._async_client().chat.completions.with_streaming_response
        try:
            async with asyncio.timeout(timeout):
                async with completions.create(
                    **self._arguments(request), timeout=timeout
                ) as response:
                    body = await _aread_capped(response.iter_bytes(), ends)
        except TimeoutError:
            raise ModelError("timeout", retryable=True) from None
        except openai.OpenAIError as error:
            raise classify(error, secret=self._key) from None
        except httpx.HTTPError as error:
            raise _transport_error(error) from None
        return _reply(_completion(body))

    @property
    def moderates(self) -> bool:
        """Only OpenAI itself serves the moderation endpoint."""
        return self.endpoint == _DEFAULT_ENDPOINT

    def moderate(self, text: str, *, timeout: float) -> SafetyLevel:
        try:
            result = self._client.moderations.create(
                model=_MODERATION_MODEL, input=text, timeout=timeout
            )
        except openai.OpenAIError as error:
            raise classify(error, secret=self._key) from None
        return moderation_level(result)

    async def amoderate(self, text: str, *, timeout: float) -> SafetyLevel:
        try:
            result = await asyncio.wait_for(
                self._async_client().moderations.create(
                    model=_MODERATION_MODEL, input=text, timeout=timeout
                ),
                timeout,
            )
        except TimeoutError:
            raise ModelError("timeout") from None
        except openai.OpenAIError as error:
            raise classify(error, secret=self._key) from None
        return moderation_level(result)

    def ping(self, *, timeout: float) -> str:
        # A model list proves little (the configured model may be missing): ask for one token.
        request = ChatRequest(({"role": "user", "content": "ping"},), "text", max_tokens=1)
        reply = self.complete(request, timeout=timeout)
        if reply.model and reply.model != self._model:
            return reply.model
        return self.served_model(timeout=timeout) or reply.model or self._model

    def served_model(self, *, timeout: float) -> str | None:
        # Local servers echo whatever name they are sent; their model list names the real one.
        try:
            ids = [item.id for item in self._client.models.list(timeout=timeout).data]
        except openai.OpenAIError:
            return None
        if self._model in ids:
            return self._model
        return ids[0] if len(ids) == 1 else None

    def close(self) -> None:
        self._client.close()

    async def aclose(self) -> None:
        if self._async is not None:
            loop, client = self._async
            self._async = None
            if loop is asyncio.get_running_loop():
                await client.close()


def _read_capped(chunks: Iterable[bytes], ends: float) -> bytes:
    """The whole body, or a named failure once it passes the byte cap or the wall-clock end."""
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        _check_progress(size, ends)
        parts.append(chunk)
    return b"".join(parts)


async def _aread_capped(chunks: AsyncIterator[bytes], ends: float) -> bytes:
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        _check_progress(size, ends)
        parts.append(chunk)
    return b"".join(parts)


def _check_progress(size: int, ends: float) -> None:
    if size > MAX_BODY_BYTES:
        raise ModelError("too_large", detail=f"the answer passed {MAX_BODY_BYTES} bytes")
    if time.monotonic() > ends:
        raise ModelError("timeout", detail="the answer arrived too slowly")


def _lines(chunks: Iterable[bytes], ends: float) -> Iterator[bytes]:
    """Lines of a server-sent stream, under the same byte cap and end as a whole body."""
    pending = b""
    size = 0
    for chunk in chunks:
        size += len(chunk)
        _check_progress(size, ends)
        pending += chunk
        *complete, pending = pending.split(b"\n")
        yield from complete
    if pending:
        yield pending


_SSE_FIELDS = (b":", b"event:", b"id:", b"retry:")


def _events(lines: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """The JSON `data:` events of a stream until `[DONE]`; an error event is a server error."""
    for raw in lines:
        line = raw.strip()
        if not line.startswith(b"data:"):
            if line and not line.startswith(_SSE_FIELDS):
                # Plain text or an HTML page where events belong: not an API stream at all.
                raise ModelError("server_error", detail="the endpoint did not send a stream")
            continue  # comments, keep-alives, event names and blank separators
        data = line[5:].strip()
        if data == b"[DONE]":
            return
        event = _json_object(data)
        if "error" in event:
            raise ModelError("server_error", retryable=True, detail="the stream sent an error")
        yield event


def _json_object(body: bytes) -> dict[str, Any]:
    """A JSON object, whatever the content type claimed; anything else is the server's fault."""
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        # An HTML page, plain text or a cut-off body: usually a wrong base URL or a proxy.
        raise ModelError("server_error", detail="the endpoint did not answer with JSON") from None
    if not isinstance(value, dict):
        raise ModelError("server_error", detail="the endpoint did not answer with an object")
    return value


def _completion(body: bytes) -> dict[str, Any]:
    value = _json_object(body)
    if "error" in value or not isinstance(value.get("choices", []), list):
        raise ModelError("server_error", detail="the endpoint answered without a completion")
    return value


def _usage(raw: Any) -> dict[str, int] | None:
    if not isinstance(raw, dict):
        return None
    fields = ("prompt_tokens", "completion_tokens", "total_tokens")
    return {name: _int(raw.get(name)) for name in fields}


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _first_choice(value: dict[str, Any]) -> dict[str, Any] | None:
    choices = value.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return None
    return choices[0]


def _part(choice: dict[str, Any], key: str) -> dict[str, Any]:
    part = choice.get(key)
    return part if isinstance(part, dict) else {}


def _choice_part(value: dict[str, Any], key: str) -> tuple[dict[str, Any], str | None]:
    """The first choice's `message` (or `delta`) and its finish reason; `{}` and None when
    the answer has no choice, so it reads as empty rather than failing."""
    choice = _first_choice(value)
    if choice is None:
        return {}, None
    return _part(choice, key), _text(choice.get("finish_reason"))


def _reply(value: dict[str, Any]) -> ChatReply:
    message, finish_reason = _choice_part(value, "message")
    return ChatReply(
        content=_text(message.get("content")) or "",
        finish_reason=finish_reason,
        refusal=_text(message.get("refusal")),
        usage=_usage(value.get("usage")),
        model=_text(value.get("model")),
    )


def _chunk(value: dict[str, Any]) -> ChatChunk:
    delta, finish_reason = _choice_part(value, "delta")
    return ChatChunk(
        text=_text(delta.get("content")) or "",
        refusal=_text(delta.get("refusal")),
        finish_reason=finish_reason,
        usage=_usage(value.get("usage")),
        model=_text(value.get("model")),
    )


def _transport_error(error: httpx.HTTPError) -> ModelError:
    """A failure while the body was being read (the SDK wraps only the request itself)."""
    if isinstance(error, httpx.TimeoutException):
        return ModelError("timeout", retryable=True)
    return ModelError("connection", retryable=True, detail=type(error).__name__)


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds the server asked us to wait, from `retry-after-ms` or `retry-after`."""
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value.strip() else None
        if parsed is None:
            return None
        return max(0.0, parsed.timestamp() - time.time())


def _refused(error: BaseException) -> bool:
    """Nothing listening (or no such host): retrying within a turn cannot help."""
    seen: BaseException | None = error
    while seen is not None:
        if type(seen).__name__ == "ConnectError" or isinstance(seen, ConnectionRefusedError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def classify(error: openai.OpenAIError, *, secret: str = "") -> ModelError:
    """Sort an SDK error into a fallback reason and a retry decision; `secret` (the key in
    use) is cut out of the detail whatever its shape."""
    if isinstance(error, openai.APITimeoutError):
        return ModelError("timeout", retryable=True)
    if isinstance(error, openai.APIConnectionError):
        return ModelError("connection", retryable=not _refused(error))
    if isinstance(error, openai.APIStatusError):
        body = json.dumps(error.body, ensure_ascii=False, default=str) if error.body else ""
        detail = f"{error.message} {body}"
        if len(secret) >= 8:
            detail = detail.replace(secret, "[redacted]")
        return _status_error(error, detail)
    if isinstance(error, openai.APIResponseValidationError):
        return ModelError("server_error", detail="the endpoint's answer was malformed")
    # An error event inside a stream, or anything else the SDK raises mid-answer.
    return ModelError("server_error", retryable=True, detail=type(error).__name__)


def _status_error(error: openai.APIStatusError, detail: str) -> ModelError:
    status = error.status_code
    if status == 429:
        return ModelError(
            "rate_limited",
            retryable=True,
            retry_after=_retry_after(error.response.headers),
            status=status,
            detail=detail,
        )
    if status in (401, 403):
        return ModelError("auth", status=status, detail=detail)
    if _MODE_WORDS.search(detail):
        return ModelError(
            "bad_request" if status < 500 else "server_error",
            rejects_mode=True,
            status=status,
            detail=detail,
        )
    if status >= 500:
        return ModelError("server_error", retryable=True, status=status, detail=detail)
    return ModelError("bad_request", status=status, detail=detail)
