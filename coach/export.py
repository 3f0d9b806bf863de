"""The conversation as Markdown (to read or share) and JSON (to reload or study).

Pure functions on the public types; the API key is not part of any entry, so it cannot leak.
The frame's words are in the wording file, like the page's.
In the Markdown every text from the user or the model is escaped as the page escapes it, so a
pasted image, link or HTML tag shows as text in any viewer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from coach import disclaimer
from coach.conversation import ChatEntry
from coach.knowledge import Kind, label
from coach.messages import escape_markdown, fallback_note, heading, source_badge, tel_href
from coach.schemas import Advice, Language
from coach.wording import phrase

__all__ = ["FORMAT", "to_dict", "to_json", "to_markdown"]

FORMAT = "reconnect-coach/conversation@1"


def to_dict(entries: Sequence[ChatEntry]) -> dict[str, Any]:
    turns = [
        {
            "user": e.user,
            "advice": e.advice.model_dump(mode="json") if e.advice else None,
            "error": {"ja": e.error_ja, "en": e.error_en} if e.error_ja or e.error_en else None,
            "feedback": e.rating,
        }
        for e in entries
    ]
    return {"format": FORMAT, "turns": turns}


def to_json(entries: Sequence[ChatEntry]) -> str:
    return json.dumps(to_dict(entries), ensure_ascii=False, indent=2)


def to_markdown(entries: Sequence[ChatEntry], *, language: Language = "ja") -> str:
    """Each answer under its own language's headings; the frame in the page's language."""
    lines = [f"# {phrase('export.title', language)}", "", f"> {disclaimer(language)}"]
    for number, entry in enumerate(entries, start=1):
        lines += ["", f"## {number}. {phrase('export.you', language)}", "", *_quoted(entry.user)]
        if entry.advice is not None:
            lines += ["", *_advice_lines(entry.advice)]
        else:
            error = escape_markdown(entry.error(language) or "")
            lines += ["", f"_{phrase('export.no_answer', language)}: {error}_"]
        if entry.rating is not None:
            lines += ["", phrase(f"export.rating.{entry.rating}", language)]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> list[str]:
    lines = escape_markdown(text).splitlines() or [""]
    return [f"> {line}" if line else ">" for line in lines]


def _text(text: str) -> str:
    """One text of an answer on its own Markdown line(s), escaped."""
    return escape_markdown(text).replace("\n", "  \n")


def _labels(kind: Kind, ids: Sequence[str], language: Language) -> str:
    return " / ".join(label(kind, i, language) for i in ids)


def _advice_lines(advice: Advice) -> list[str]:
    lang = advice.language
    badge = source_badge(advice.source, lang)
    lines = [f"### {phrase('export.answer', lang)} [{badge}]"]
    if advice.meta.fallback_reason:
        lines += ["", f"_{fallback_note(advice.meta.fallback_reason, lang)}_"]
    if advice.source == "safety":
        lines += ["", f"#### {heading('safety', lang)}", "", _text(advice.reason.summary)]
        lines += ["", _text(advice.response.approach), "", f"**{heading('resources', lang)}**", ""]
        for r in advice.safety.resources:
            contact = f"[{r.contact}]({tel_href(r.tel)})" if r.tel else r.contact
            extra = "".join(f" — {x}" for x in (r.chat, r.note) if x)
            lines.append(f"- {r.name}: {contact}{extra}")
    else:
        if (decision := advice.response.decision) is not None:
            why = " ".join(x for x in (advice.response.why, advice.response.timing) if x)
            lines += ["", f"**{heading('decision', lang)}: {label('decisions', decision, lang)}**"]
            lines += ["", why] if why else []
        lines += ["", f"#### {heading('reason', lang)}", "", _text(advice.reason.summary)]
        if advice.reason.categories:
            lines += ["", f"({_labels('reasons', advice.reason.categories, lang)})"]
        lines += ["", f"#### {heading('response', lang)}", "", _text(advice.response.approach)]
        if advice.response.strategies:
            lines += ["", f"({_labels('strategies', advice.response.strategies, lang)})"]
        if advice.response.replies:
            lines += ["", f"**{heading('replies', lang)}**", ""]
            response = advice.response
            tags = [f"[{label('intents', i, lang)}] " for i in response.intents]
            if len(tags) != len(response.replies):
                tags = [""] * len(response.replies)
            pairs = zip(tags, response.replies, strict=True)
            lines += [f"{n}. {t}{_text(r)}" for n, (t, r) in enumerate(pairs, 1)]
    lines += ["", f"#### {heading('caution', lang)}", ""]
    lines += [f"- {_text(point)}" for point in advice.caution.points]
    if advice.caution.prevention:
        prevention = _labels("prevention", advice.caution.prevention, lang)
        lines += ["", f"{heading('prevention', lang)}: {prevention}"]
    return lines
