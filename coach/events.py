"""What `Coach.stream` yields, so the page can show progress as a turn runs."""

from __future__ import annotations

from dataclasses import dataclass

from coach.schemas import Advice, Caution, Reason, Response, SectionName

__all__ = ["Event", "Final", "Section", "SectionName", "Status"]


@dataclass(frozen=True, slots=True)
class Status:
    """A step has started: `stage` is a stable id, the messages are for people."""

    stage: str
    message_ja: str
    message_en: str


@dataclass(frozen=True, slots=True)
class Section:
    """One section, complete and past the rails."""

    name: SectionName
    value: Reason | Response | Caution


@dataclass(frozen=True, slots=True)
class Final:
    advice: Advice


Event = Status | Section | Final
