"""`coach "状況…"`: the three sections in the terminal, or the Advice as JSON."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from coach import (
    GOALS,
    Advice,
    CoachUnavailable,
    Goal,
    InvalidInput,
    InvalidSettings,
    Language,
    Mode,
    advise,
    clean,
    contains_japanese,
    fallback_note,
    heading,
    label,
    source_badge,
)

__all__ = ["SIGPIPE_EXIT", "main", "render"]

_BULLET = {"ja": "・", "en": "- "}


def _quote(text: str, language: Language) -> str:
    return f"「{text}」" if language == "ja" else f'"{text}"'


def render(advice: Advice) -> str:
    """Plain text for a terminal: headings, then bullets, nothing that needs a renderer, and
    no control character (an escape sequence could clear the screen or retitle the window).
    People see labels, never internal ids; English drafts come in plain quotes. The badge,
    the fallback note and the headings are the page's own words."""
    lang = advice.language
    bullet = _BULLET[lang]
    response = advice.response
    lines = [f"[{source_badge(advice.source, lang)}]"]
    if advice.meta.fallback_reason:
        lines.append(fallback_note(advice.meta.fallback_reason, lang))
    if advice.source == "safety":
        lines += ["", f"■ {heading('safety', lang)}", advice.reason.summary]
        if response.why:
            lines += ["", f"■ {heading('why_no_drafts', lang)}", response.why]
        lines += ["", f"■ {heading('now', lang)}", response.approach]
        lines += ["", f"■ {heading('resources', lang)}"]
        for r in advice.safety.resources:
            mark = "☎" if r.tel else "→"  # a number to dial, or where to find one
            lines.append(f"  {mark} {r.name}: {r.contact}" + (f" / {r.chat}" if r.chat else ""))
        lines += [
            "",
            f"■ {heading('caution', lang)}",
            *(f"  {bullet}{p}" for p in advice.caution.points),
        ]
        return clean("\n".join(lines))
    if advice.redirect:
        lines += ["", advice.reason.summary, response.approach, *advice.caution.points]
        return clean("\n".join(lines))
    if response.decision is not None:
        lines += [
            "",
            f"■ {heading('decision', lang)}: {label('decisions', response.decision, lang)}",
        ]
        lines += [line for line in (response.why, response.timing) if line]
    lines += ["", f"■ {heading('reason', lang)}", advice.reason.summary]
    if advice.reason.categories:
        names = [label("reasons", rid, lang) for rid in advice.reason.categories]
        lines.append(f"  ({' / '.join(names)})")
    lines += ["", f"■ {heading('response', lang)}", response.approach]
    if response.replies:
        lines.append(f"  {heading('replies', lang)}:")
        intents = response.intents if len(response.intents) == len(response.replies) else []
        for number, reply in enumerate(response.replies):
            tag = f"[{label('intents', intents[number], lang)}] " if intents else ""
            lines.append(f"  {bullet}{tag}{_quote(reply, lang)}")
    lines += [
        "",
        f"■ {heading('caution', lang)}",
        *(f"  {bullet}{p}" for p in advice.caution.points),
    ]
    return clean("\n".join(lines))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coach",
        description="音信不通コーチ: advice when someone who went silent gets back in touch.",
    )
    parser.add_argument("situation", nargs="?", help="the situation; read from stdin when omitted")
    parser.add_argument("--json", action="store_true", help="print the Advice as JSON")
    parser.add_argument(
        "--offline", action="store_true", help="rule-based advice only; never touches the network"
    )
    parser.add_argument("--mode", choices=["auto", "llm", "offline"], help="default: COACH_MODE")
    parser.add_argument(
        "--lang", choices=["ja", "en"], help="answer language (default: the input's)"
    )
    parser.add_argument(
        "--goal",
        choices=GOALS,
        default="undecided",
        help="what you want: reconnect, friendly (stay friends), distance, undecided (default)",
    )
    return parser


SIGPIPE_EXIT = 141
"""What a shell reports for a writer whose reader closed the pipe (128 + SIGPIPE)."""


def _message(
    error: InvalidInput | InvalidSettings | CoachUnavailable, lang: str | None, text: str
) -> str:
    """In the user's language when it can be told; both languages when it cannot."""
    if lang:
        return error.message(lang)
    if contains_japanese(text):
        return error.message("ja")
    if any(c.isalpha() for c in text):
        return error.message("en")
    return str(error)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    text = args.situation if args.situation is not None else sys.stdin.read()
    mode: Mode | None = "offline" if args.offline else args.mode
    goal: Goal = args.goal
    try:
        advice = advise(text, mode=mode, language=args.lang, goal=goal)
    except InvalidInput as error:
        print(f"coach: {_message(error, args.lang, text)}", file=sys.stderr)
        return 2
    except CoachUnavailable as error:
        print(f"coach: {_message(error, args.lang, text)}", file=sys.stderr)
        return 1
    except InvalidSettings as error:
        print(f"coach: {_message(error, args.lang, text)}", file=sys.stderr)
        return 2
    try:
        print(advice.model_dump_json(indent=2) if args.json else render(advice), flush=True)
    except BrokenPipeError:
        # The reader left early (`coach … | head`): say nothing more, as a pipe's writer does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return SIGPIPE_EXIT
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
