"""Offline speed: `advise(mode="offline")` latency and the CLI's whole-process time.

Run: `python -m bench.offline` (or `make bench` for every figure).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["main"]

SITUATIONS = (
    "半年音信不通だった友達から「久しぶり!元気?」と急にLINEが来た",
    "元カレから3ヶ月ぶりに連絡。やり直したいって言われた",
    "喧嘩してから既読スルーされてた彼から、ごめんねって連絡がきた",
    "転職活動で忙しかったらしい同僚から、落ち着いたからご飯行こうと誘われた",
    "My friend ghosted me for a year and just texted 'hey, how are you?' like nothing happened",
    "He slowly stopped replying, and now at 2am he says he misses me",
)


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def advise_latency(rounds: int = 2000) -> tuple[float, float]:
    """p50 and p99 in ms over varied situations, after one warm-up pass."""
    from coach import Coach, Settings

    coach = Coach(Settings(mode="offline"))
    texts = [f"{s} ({i})" for i in range(rounds // len(SITUATIONS) + 1) for s in SITUATIONS]
    for text in SITUATIONS:
        coach.advise(text)
    samples = []
    for text in texts[:rounds]:
        started = time.perf_counter()
        coach.advise(text)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), _percentile(samples, 0.99)


def cli_startup(runs: int = 10) -> float:
    """Median seconds for a whole `coach --offline` process, as a user starts it."""
    script = shutil.which("coach", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "coach"]
    command += ["--offline", SITUATIONS[0]]
    subprocess.run(command, check=True, capture_output=True)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> int:
    p50, p99 = advise_latency()
    startup = cli_startup()
    print(f"offline advise      p50 {p50:.3f} ms   p99 {p99:.3f} ms   (bound: p50 ≤ 0.5 ms)")
    print(f"coach --offline     {startup:.3f} s whole process, median of 10   (bound: ≤ 0.4 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
