"""Settings from the environment; the key is a SecretStr so it never prints.

Checked at the boundary: an empty variable counts as unset, the base URL must be
`http(s)://host[:port][/path]` without a user name or password, and the model name must not
be empty. A bad value is remembered rather than raised at once, so a mode that does not use it
(offline never reads the endpoint, the model or the deadline) still works; a turn that does
use it raises InvalidSettings naming the variable.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, PrivateAttr, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from coach.errors import InvalidSettings
from coach.schemas import Mode

__all__ = ["DEFAULT_DEADLINE", "DEFAULT_MODEL", "ENV_NAMES", "Settings", "load_settings"]

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_DEADLINE = 20.0

ENV_NAMES = {
    "api_key": "OPENAI_API_KEY",
    "base_url": "OPENAI_BASE_URL",
    "model": "COACH_MODEL",
    "mode": "COACH_MODE",
    "deadline": "COACH_DEADLINE",
}
"""The environment variable behind each setting, for error messages."""


def _blank_is_unset(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def check_base_url(value: str) -> str:
    """`http(s)://host[:port][/path]`, nothing else: no credentials, query or fragment."""
    value = value.strip()
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise ValueError("not a URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("the base URL must start with http:// or https:// and name a host")
    if "@" in parts.netloc:
        raise ValueError("the base URL must not carry a user name or password")
    if parts.query or parts.fragment or any(c.isspace() for c in value):
        raise ValueError("the base URL must not carry a query, fragment or spaces")
    if port == 0:
        raise ValueError("port 0 cannot be reached")
    host = parts.hostname
    if ":" in host:
        ipaddress.IPv6Address(host.split("%", 1)[0])
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=None, extra="ignore", frozen=True, env_ignore_empty=True
    )

    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "api_key")
    )
    base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "base_url")
    )
    model: str = Field(
        default=DEFAULT_MODEL,
        min_length=1,
        max_length=200,
        validation_alias=AliasChoices("COACH_MODEL", "model"),
    )
    mode: Mode = Field(default="auto", validation_alias=AliasChoices("COACH_MODE", "mode"))
    deadline: float = Field(
        default=DEFAULT_DEADLINE,
        gt=0,
        le=300,
        validation_alias=AliasChoices("COACH_DEADLINE", "deadline"),
        description="Seconds for a whole turn: every attempt, the parsing, the rails, the re-ask.",
    )
    show_ai_settings: bool = Field(
        default=False,
        validation_alias=AliasChoices("COACH_SHOW_AI_SETTINGS", "show_ai_settings"),
        description="The page shows model, URL and key fields even when set by environment.",
    )
    _invalid: tuple[str, ...] = PrivateAttr(default=())

    @field_validator("api_key", "base_url", mode="before")
    @classmethod
    def _unset_when_blank(cls, value: Any) -> Any:
        return _blank_is_unset(value)

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str | None) -> str | None:
        return None if value is None else check_base_url(value)

    @field_validator("model", mode="before")
    @classmethod
    def _model(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    @property
    def invalid(self) -> tuple[str, ...]:
        """Variables whose value could not be used (their defaults stand in)."""
        return self._invalid

    @property
    def llm_configured(self) -> bool:
        return bool((self.api_key and self.api_key.get_secret_value()) or self.base_url)

    def check(self, *, mode_given: bool = False) -> None:
        """Raise InvalidSettings for the bad values a turn on the model path would read; the
        mode variable is not read when the caller named a mode."""
        names = [n for n in self._invalid if not (mode_given and n == ENV_NAMES["mode"])]
        if names:
            raise InvalidSettings(names)


def _field(location: object) -> str | None:
    for field, env in ENV_NAMES.items():
        if location in (field, env):
            return field
    return None


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment and `overrides`. A bad value does not raise here: it is
    replaced by its default and named in `Settings.invalid`, and `Settings.check` (run by every
    turn that needs the model) raises InvalidSettings naming it. The messages never echo a
    value, which could be a key."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        bad = {f for p in error.errors() if p["loc"] and (f := _field(p["loc"][0]))}
        if not bad or len(bad) < len({p["loc"][0] for p in error.errors() if p["loc"]}):
            raise InvalidSettings([str(p["loc"][0]) for p in error.errors() if p["loc"]]) from None
    defaults = {name: Settings.model_fields[name].default for name in bad}
    settings = Settings(**{**overrides, **defaults})
    settings._invalid = tuple(ENV_NAMES[name] for name in ENV_NAMES if name in bad)
    return settings
