"""Shared fixtures: no test reaches the network unless it is marked live or e2e."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import pytest_socket

# The start-up cache stays off in tests (tests/test_cache.py gives it a folder of
# its own), so a run never writes to the developer's cache folder.
os.environ["COACH_CACHE_DIR"] = ""


@pytest.fixture(autouse=True)
def no_network(request: pytest.FixtureRequest) -> Iterator[None]:
    """Block real sockets; unix sockets stay open for asyncio's self-pipe."""
    if request.node.get_closest_marker("live") or request.node.get_closest_marker("e2e"):
        yield
        return
    pytest_socket.disable_socket(allow_unix_socket=True)
    try:
        yield
    finally:
        pytest_socket.enable_socket()


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's real key or endpoint."""
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "COACH_MODEL",
        "COACH_MODE",
        "COACH_DEADLINE",
        "COACH_SHOW_AI_SETTINGS",
    ):
        monkeypatch.delenv(name, raising=False)
