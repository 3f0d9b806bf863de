"""Settings from the environment; the key is a SecretStr so it never prints."""

from __future__ import annotations

from typing import Any

from pydantic import AliasChoices, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from coach.errors import InvalidSettings
from coach.schemas import Mode

__all__ = ["DEFAULT_DEADLINE", "DEFAULT_MODEL", "Settings", "load_settings"]

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_DEADLINE = 20.0


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", frozen=True)

    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "api_key")
    )
    base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "base_url")
    )
    model: str = Field(default=DEFAULT_MODEL, validation_alias=AliasChoices("COACH_MODEL", "model"))
    mode: Mode = Field(default="auto", validation_alias=AliasChoices("COACH_MODE", "mode"))
    deadline: float = Field(
        default=DEFAULT_DEADLINE,
        gt=0,
        le=300,
        validation_alias=AliasChoices("COACH_DEADLINE", "deadline"),
        description="Seconds for a whole turn: every attempt and the re-ask.",
    )
    show_ai_settings: bool = Field(
        default=False,
        validation_alias=AliasChoices("COACH_SHOW_AI_SETTINGS", "show_ai_settings"),
        description="The page shows model, URL and key fields even when set by environment.",
    )

    @property
    def llm_configured(self) -> bool:
        return bool((self.api_key and self.api_key.get_secret_value()) or self.base_url)


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment and `overrides`; a bad value raises InvalidSettings naming
    the variable, so every way in reports it the same way instead of a validation dump."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        raise InvalidSettings([str(p["loc"][0]) for p in error.errors() if p["loc"]]) from None
