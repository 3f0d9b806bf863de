"""A local endpoint that nobody serves: the rules answer at once, without loading the client."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import pytest
import pytest_socket

from coach import Coach, Settings
from coach.llm import ModelError, UnreachableModel, refused_locally

SITUATION = "半年連絡がなかった友達から「久しぶり!元気?」と来た"


@pytest.fixture
def loopback() -> Iterator[None]:
    """Loopback sockets only, for the probe to meet a real refusal."""
    pytest_socket.enable_socket()
    pytest_socket.socket_allow_hosts(["127.0.0.1", "::1"], allow_unix_socket=True)
    try:
        yield
    finally:
        pytest_socket._remove_restrictions()


@pytest.fixture
def closed_port(loopback: None) -> Iterator[int]:
    """A port bound but not listening: connecting to it is refused."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


def test_a_closed_local_port_is_refused(closed_port: int) -> None:
    assert refused_locally(f"http://127.0.0.1:{closed_port}/v1")
    assert refused_locally(f"http://localhost:{closed_port}/v1")


def test_a_listening_local_port_is_not(loopback: None) -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        assert not refused_locally(f"http://127.0.0.1:{server.getsockname()[1]}/v1")


def test_remote_endpoints_are_never_probed(monkeypatch: pytest.MonkeyPatch) -> None:
    def connect(*args: object, **kwargs: object) -> None:
        raise AssertionError("a remote endpoint was probed")

    monkeypatch.setattr(socket, "create_connection", connect)
    assert not refused_locally("https://api.openai.com/v1")
    assert not refused_locally("http://192.168.1.20:11434/v1")
    assert not refused_locally(None)
    assert not refused_locally("http://[::1")


def test_a_refused_turn_falls_back_and_keeps_no_stand_in(closed_port: int) -> None:
    coach = Coach(Settings(base_url=f"http://127.0.0.1:{closed_port}/v1", model="m"))
    advice = coach.advise(SITUATION)
    assert advice.source == "rules"
    assert advice.meta.fallback_reason == "connection"
    assert advice.meta.attempts <= 1
    assert coach._model is None, "the next turn looks again: a server started later is found"
    check = coach.check_connection()
    assert not check.ok and check.reason == "connection"


def test_the_stand_in_fails_every_call_like_a_refused_client() -> None:
    model = UnreachableModel("m", "http://127.0.0.1:1/v1")
    for call in (
        lambda: model.ping(timeout=1),
        lambda: next(model.stream(None, timeout=1)),  # type: ignore[arg-type]
        lambda: model.complete(None, timeout=1),  # type: ignore[arg-type]
        lambda: asyncio.run(model.acomplete(None, timeout=1)),  # type: ignore[arg-type]
    ):
        with pytest.raises(ModelError) as raised:
            call()
        assert raised.value.reason == "connection" and not raised.value.retryable
    assert model.served_model(timeout=1) is None
