"""Settings and arguments are checked at the boundary, with messages that echo nothing."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
import respx

import coach
from coach.cli import main
from coach.config import load_settings
from coach.errors import InvalidInput, InvalidSettings
from coach.pipeline import Coach
from tests.fake_openai import BASE_URL, CHAT_URL, completion, fake_coach

SITUATION = "半年連絡がなかった友達から「久しぶり!元気?」と来た"


def test_an_empty_base_url_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-0123456789secret")
    settings = load_settings()
    assert settings.base_url is None and settings.invalid == ()
    with respx.mock:
        route = respx.post("https://api.openai.com/v1/chat/completions").mock(
            return_value=httpx.Response(200, json=completion())
        )
        advice = Coach(settings, http_client=httpx.Client()).advise(SITUATION)
    assert route.called and advice.source == "llm"


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1",
        "not-a-url",
        "file:///etc/passwd",
        "ftp://example.com/v1",
        "http://user:pass@llm.test/v1",
        "https://sk-abc@llm.test/v1",
        "http://llm.test:99999/v1",
        "http://llm.test/v1?key=1",
        "http:///v1",
        "javascript:alert(1)",
    ],
)
def test_a_bad_base_url_is_named_and_never_echoed(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    coach = Coach()
    assert coach.settings.base_url is None
    assert url not in repr(coach)
    with pytest.raises(InvalidSettings) as caught:
        coach.advise(SITUATION)
    assert caught.value.names == ["OPENAI_BASE_URL"]
    assert url not in str(caught.value)
    assert coach.check_connection().reason == "invalid_settings"
    assert coach.advise(SITUATION, mode="offline").source == "rules"


@pytest.mark.parametrize("url", ["http://localhost:11434/v1", "https://api.example.com", BASE_URL])
def test_good_base_urls_are_kept(url: str) -> None:
    assert load_settings(base_url=url).base_url == url


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("COACH_DEADLINE", "soon"),
        ("COACH_DEADLINE", "-1"),
        ("COACH_DEADLINE", "nan"),
        ("COACH_MODEL", "   "),
        ("OPENAI_BASE_URL", "not-a-url"),
        ("COACH_MODE", "sometimes"),
    ],
)
def test_offline_never_fails_on_a_setting_it_does_not_read(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(coach, "_default", None)  # the CLI's Coach reads the environment anew
    monkeypatch.setenv(name, value)
    assert main(["--offline", SITUATION]) == 0
    assert main([SITUATION]) == 2
    err = capsys.readouterr().err
    assert name in err and (value.strip() == "" or value not in err)


def test_an_empty_model_variable_means_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_MODEL", "")
    settings = load_settings()
    assert settings.model == "gpt-4o-mini" and settings.invalid == ()
    assert load_settings(model="").invalid == ("COACH_MODEL",)


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"language": "fr"}, "bad_language"),
        ({"language": "JA"}, "bad_language"),
        ({"language": 3}, "bad_language"),
        ({"mode": "bogus"}, "bad_mode"),
        ({"mode": "OFFLINE"}, "bad_mode"),
        ({"mode": ""}, "bad_mode"),
        ({"history": "earlier"}, "bad_history"),
        ({"history": [{"user": None}]}, "bad_history"),
    ],
)
@pytest.mark.parametrize("driver", ["advise", "stream", "aadvise"])
async def test_bad_arguments_are_invalid_input(
    options: dict[str, Any], code: str, driver: str
) -> None:
    coach, _ = fake_coach()
    with pytest.raises(InvalidInput) as caught:
        if driver == "advise":
            coach.advise(SITUATION, **options)
        elif driver == "aadvise":
            await coach.aadvise(SITUATION, **options)
        else:
            list(coach.stream(SITUATION, **options))
    assert caught.value.code == code
    assert caught.value.message("ja") and caught.value.message("en")
    for value in options.values():
        if isinstance(value, str) and value:
            assert value not in str(caught.value)


def test_settings_never_show_credentials() -> None:
    settings = load_settings(base_url="http://admin:hunter2@llm.test/v1")
    assert "hunter2" not in repr(settings) and "hunter2" not in repr(Coach(settings))
    with pytest.raises(InvalidSettings) as caught:
        settings.check(mode_given=True)
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize(
    ("echoed", "secret"),
    [
        ("sk-proj-AbCdEf0123456789", "AbCdEf0123456789"),
        ("gsk_AbCdEf0123456789xyz", "AbCdEf0123456789xyz"),
        ("xai-AbCdEf0123456789xyz", "AbCdEf0123456789xyz"),
        ("key=QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo"),
        ("api-key: 0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"),
        ("Authorization: Bearer abc.def.ghi", "abc.def.ghi"),
        ("AIzaSyA0123456789abcdefghijklmnopqrs", "0123456789abcdefghijklmnopqrs"),
    ],
)
def test_key_shaped_tokens_never_reach_logs_or_errors(
    echoed: str, secret: str, caplog: pytest.LogCaptureFixture
) -> None:
    coach, _ = fake_coach()
    body = {"error": {"message": f"Incorrect API key provided: {echoed}"}}
    with caplog.at_level(logging.DEBUG), respx.mock:
        respx.post(CHAT_URL).mock(return_value=httpx.Response(401, json=body))
        advice = coach.advise(SITUATION)
    assert advice.meta.fallback_reason == "auth"
    assert secret not in caplog.text
    assert "auth" in caplog.text


def test_the_configured_key_is_cut_out_whatever_its_shape(
    caplog: pytest.LogCaptureFixture,
) -> None:
    key = "local-Secret-Key-4242"
    coach, _ = fake_coach(api_key=key)
    body = {"error": {"message": f"bad key {key} for this server"}}
    with caplog.at_level(logging.DEBUG), respx.mock:
        respx.post(CHAT_URL).mock(return_value=httpx.Response(403, json=body))
        coach.advise(SITUATION)
    assert key not in caplog.text
    assert "for this server" in caplog.text
