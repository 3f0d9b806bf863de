"""`coach "状況…"`: the three sections in the terminal, or the Advice as JSON."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from coach import Advice, CoachUnavailable, InvalidInput, InvalidSettings, advise
from coach.errors import describe_reason
from coach.schemas import Mode
from coach.text import clean, contains_japanese

__all__ = ["main", "render"]

_HEADINGS = {
    "ja": (
        "なぜ今連絡が来たのか",
        "どう返信するか",
        "気をつけること",
        "返信の例",
        "安全のための案内",
    ),
    "en": ("Why they wrote now", "How to reply", "What to watch out for", "Drafts", "Safety first"),
}
_SOURCE = {
    "ja": {"llm": "AI", "rules": "オフライン(ルール)", "safety": "安全のための案内"},
    "en": {"llm": "AI", "rules": "offline (rules)", "safety": "safety guidance"},
}


def render(advice: Advice) -> str:
    """Plain text for a terminal: headings, then bullets, nothing that needs a renderer, and
    no control character (an escape sequence could clear the screen or retitle the window)."""
    return clean("\n".join(_lines(advice)))


def _lines(advice: Advice) -> list[str]:
    why, how, watch, drafts, safety = _HEADINGS[advice.language]
    lines = [f"[{_SOURCE[advice.language][advice.source]}]"]
    if advice.meta.fallback_reason:
        ja, en = describe_reason(advice.meta.fallback_reason)
        lines.append(ja if advice.language == "ja" else en)
    if advice.source == "safety":
        lines += ["", f"■ {safety}", advice.reason.summary, advice.response.approach]
        lines += [f"  ☎ {r.name}: {r.contact}" for r in advice.safety.resources]
        lines += ["", f"■ {watch}", *(f"  ・{p}" for p in advice.caution.points)]
        return lines
    lines += ["", f"■ {why}", advice.reason.summary]
    if advice.reason.categories:
        lines.append("  (" + ", ".join(advice.reason.categories) + ")")
    lines += ["", f"■ {how}", advice.response.approach]
    if advice.response.replies:
        lines += [f"  {drafts}:", *(f"  「{r}」" for r in advice.response.replies)]
    lines += ["", f"■ {watch}", *(f"  ・{p}" for p in advice.caution.points)]
    return lines


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
    return parser


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
    try:
        advice = advise(text, mode=mode, language=args.lang)
    except InvalidInput as error:
        print(f"coach: {_message(error, args.lang, text)}", file=sys.stderr)
        return 2
    except CoachUnavailable as error:
        print(f"coach: {_message(error, args.lang, text)}", file=sys.stderr)
        return 1
    except InvalidSettings as error:
        print(f"coach: {_message(error, args.lang, text)}", file=sys.stderr)
        return 2
    if args.json:
        print(advice.model_dump_json(indent=2))
    else:
        print(render(advice))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
