"""Any OpenAI-compatible endpoint (OpenAI, Ollama, llama.cpp, vLLM) as a ChatModel.

Imported only when a turn needs the model: `import openai` costs about half a second.
The clients are built once per Coach on legacy `httpx` clients, so tests can intercept them
with respx; retries belong to the pipeline, so the SDK's own are off.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import re
import time
from collections.abc import Generator, Mapping
from typing import Any, cast

import httpx
import openai
from openai.types.chat import ChatCompletion, ChatCompletionChunk

from coach.config import Settings
from coach.llm import ChatChunk, ChatReply, ChatRequest, ModelError
from coach.schemas import SafetyLevel

__all__ = ["OpenAIChatModel", "classify", "moderation_level"]

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
            base_url=self._base_url,
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
                base_url=self._base_url,
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
        completions: Any = self._client.chat.completions
        try:
            result = completions.create(**self._arguments(request), timeout=timeout)
        except openai.OpenAIError as error:
            raise classify(error) from None
        return _reply(result)

    def stream(self, request: ChatRequest, *, timeout: float) -> Generator[ChatChunk, None, None]:
        started = time.monotonic()
        completions: Any = self._client.chat.completions
        arguments = self._arguments(request)
        try:
            try:
                opened = completions.create(
                    **arguments, stream=True, timeout=timeout, **self._stream_options
                )
            except openai.BadRequestError as error:
                # Some servers reject the usage option; stream without it from now on.
                if not self._stream_options or "stream_options" not in str(error):
                    raise
                self._stream_options = {}
                opened = completions.create(**arguments, stream=True, timeout=timeout)
            with opened as chunks:
                for chunk in chunks:
                    if time.monotonic() - started > timeout:
                        raise ModelError("timeout", retryable=True, detail="stream ran past")
                    yield _chunk(chunk)
        except openai.OpenAIError as error:
            raise classify(error) from None

    async def acomplete(self, request: ChatRequest, *, timeout: float) -> ChatReply:
        completions: Any = self._async_client().chat.completions
        try:
            result = await asyncio.wait_for(
                completions.create(**self._arguments(request), timeout=timeout), timeout
            )
        except TimeoutError:
            raise ModelError("timeout", retryable=True) from None
        except openai.OpenAIError as error:
            raise classify(error) from None
        return _reply(result)

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
            raise classify(error) from None
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
            raise classify(error) from None
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


def _usage(raw: Any) -> dict[str, int] | None:
    if raw is None:
        return None
    fields = ("prompt_tokens", "completion_tokens", "total_tokens")
    return {name: int(getattr(raw, name, 0) or 0) for name in fields}


def _reply(result: object) -> ChatReply:
    if not isinstance(result, ChatCompletion):
        # An HTML page or plain text where an API answer belongs: usually a wrong base URL.
        raise ModelError("server_error", detail="the endpoint did not answer with JSON")
    usage = _usage(result.usage)
    if not result.choices:
        return ChatReply("", usage=usage, model=result.model)
    choice = result.choices[0]
    return ChatReply(
        content=choice.message.content or "",
        finish_reason=choice.finish_reason,
        refusal=getattr(choice.message, "refusal", None),
        usage=usage,
        model=result.model,
    )


def _chunk(chunk: ChatCompletionChunk) -> ChatChunk:
    usage = _usage(chunk.usage)
    if not chunk.choices:
        return ChatChunk(usage=usage, model=chunk.model)
    choice = chunk.choices[0]
    return ChatChunk(
        text=choice.delta.content or "",
        refusal=getattr(choice.delta, "refusal", None),
        finish_reason=choice.finish_reason,
        usage=usage,
        model=chunk.model,
    )


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


def classify(error: openai.OpenAIError) -> ModelError:
    """Sort an SDK error into a fallback reason and a retry decision."""
    if isinstance(error, openai.APITimeoutError):
        return ModelError("timeout", retryable=True)
    if isinstance(error, openai.APIConnectionError):
        return ModelError("connection", retryable=not _refused(error))
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        body = json.dumps(error.body, ensure_ascii=False, default=str) if error.body else ""
        detail = f"{error.message} {body}"
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
    if isinstance(error, openai.APIResponseValidationError):
        return ModelError("server_error", detail="the endpoint's answer was malformed")
    # An error event inside a stream, or anything else the SDK raises mid-answer.
    return ModelError("server_error", retryable=True, detail=str(error))
