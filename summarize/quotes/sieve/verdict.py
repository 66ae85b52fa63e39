"""What a sieve rule reads of a quote (``Slot``) and of the document (``SieveState``), and
what it answers (``Attribution``).

Every family of rules returns the same small value, so the rules live in their own
modules and the sieve that orders them imports this one, never the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from summarize.quotes.attribution import Attributor, Cue
from summarize.record import Evidence


@dataclass(frozen=True)
class Attribution:
    """A speaker and why; ``speaker`` None means: the evidence names nobody, stop."""

    speaker: str | None
    confidence: str = "explicit"
    rule: str = ""
    cue: tuple[int, int] | None = None
    mention: tuple[int, int] | None = None

    @property
    def evidence(self) -> Evidence | None:
        return Evidence(self.rule, self.cue, self.mention) if self.speaker else None


NOBODY = Attribution(None)


class Slot(Protocol):
    """What the sieve reads of a quote (``kinds._Info``)."""

    start: int
    end: int
    mark_end: int
    para: tuple[int, int]
    kind: str
    cue: Cue | None
    speaker: str | None
    extras: dict[str, Any]

    @property
    def open(self) -> int: ...


class SieveState:
    """The document state every family of rules reads; ``speakers.Sieve`` fills it in.

    Declared once here so that each rule module's ``self`` says what it holds.
    """

    text: str
    att: Attributor
    lang: str
    paras: list[tuple[int, int]]
    headline: tuple[int, int] | None
    events: list[tuple[int, str, tuple[int, int] | None]]  # speakers named so far
    headline_speakers: list[tuple[str, tuple[int, int] | None]]
    rivals: bool  # the last role lookup found two holders
    slots: list[Slot]
    groups: set[str]  # speakers credited as a group or a body, not a person
