"""Rail time per turn on the eval inputs: input rails, then output rails separately.

    python -m bench.rails [--rounds N]

Every input call starts with the text caches cleared, so the figure is what a new message
costs, not a replay. The output rails keep the system prompt's shingles cached, as they do
in a running coach (one prompt per language); building them once is reported on its own.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence

from coach.text import clear_cache
from evals.rails import load_input_cases, load_output_cases
from guardrails.input_rails import _earlier_level, check_input
from guardrails.output_rails import _prompt_shingles, check_output

__all__ = ["Timing", "bench_input", "bench_output", "main"]

INPUT_TARGET_MS = 0.2


class Timing:
    """Per-call milliseconds with the percentiles a reader asks for."""

    def __init__(self, samples: Sequence[float]) -> None:
        self.samples = sorted(samples)

    def percentile(self, p: float) -> float:
        index = min(len(self.samples) - 1, round(p / 100 * (len(self.samples) - 1)))
        return self.samples[index]

    def line(self, label: str) -> str:
        return (
            f"{label:<28} p50 {self.percentile(50):.3f} ms   p99 {self.percentile(99):.3f} ms   "
            f"max {self.samples[-1]:.3f} ms   mean {statistics.fmean(self.samples):.3f} ms   "
            f"n={len(self.samples)}"
        )


def _time(calls: Sequence[Callable[[], object]], rounds: int, before: Callable[[], None]) -> Timing:
    samples: list[float] = []
    for _ in range(rounds):
        for call in calls:
            before()
            started = time.perf_counter()
            call()
            samples.append((time.perf_counter() - started) * 1000)
    return Timing(samples)


def bench_input(rounds: int) -> Timing:
    cases = [
        *load_input_cases("safety.jsonl"),
        *load_input_cases("traps.jsonl"),
        *load_input_cases("injection.jsonl"),
    ]
    calls = [
        (lambda c=case: check_input(c.text, history=c.history, language=c.language))
        for case in cases
    ]
    return _time(calls, rounds, _forget_inputs)


def _forget_inputs() -> None:
    clear_cache()
    _earlier_level.cache_clear()


def bench_output(rounds: int) -> Timing:
    cases = load_output_cases()
    calls = [
        (lambda c=case: check_output(c.draft, language=c.language, system_prompt=c.system_prompt))
        for case in cases
    ]
    return _time(calls, rounds, clear_cache)


def bench_semantic_output(rounds: int) -> Timing:
    """The harm and coherence heads on every field of each answer, nothing cached."""
    from coach.encoder import E5Encoder, shared_encoder
    from guardrails.rails import AnswerContext, SemanticOutputRail, shared_semantic

    rail = SemanticOutputRail(shared_semantic())
    encoder = shared_encoder()
    clear = encoder.clear_cache if isinstance(encoder, E5Encoder) else (lambda: None)
    calls = [
        (lambda c=case: rail.check_output(c.draft, AnswerContext(c.language, c.system_prompt, "")))
        for case in load_output_cases()
    ]
    return _time(calls, rounds, clear)


PROMPT_CHARS = 8000
"""A system prompt about the size of one built from the knowledge file."""


def _prompt_build_ms() -> float:
    prompts = dict.fromkeys(case.system_prompt for case in load_output_cases())
    prompt = (" ".join(prompts) * PROMPT_CHARS)[:PROMPT_CHARS]
    _prompt_shingles.cache_clear()
    started = time.perf_counter()
    _prompt_shingles(prompt)
    return (time.perf_counter() - started) * 1000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args(argv)
    check_input("warm-up: import and compile every rail")
    inputs = bench_input(args.rounds)
    outputs = bench_output(args.rounds)
    print(inputs.line("input rails per turn"))
    print(outputs.line("output rails per answer"))
    print(bench_semantic_output(max(1, args.rounds // 25)).line("  + semantic output rails"))
    build = _prompt_build_ms()
    print(f"{'system prompt shingles':<28} built once in {build:.2f} ms ({PROMPT_CHARS} chars)")
    met = inputs.percentile(50) <= INPUT_TARGET_MS
    print(f"input target p50 <= {INPUT_TARGET_MS} ms: {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
