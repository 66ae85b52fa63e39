"""The JSON contract: one Record per input document (see DESIGN.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """Why a quote has its speaker: the rule that named them, the cue ("said",
    "told reporters", "заявив") and the mention of the speaker, as offsets into the
    source text. A newsroom checks a name by reading these two spans."""

    rule: str
    cue: tuple[int, int] | None = None
    mention: tuple[int, int] | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Evidence | None:
        if not data:
            return None
        cue, mention = data.get("cue"), data.get("mention")
        return cls(
            data["rule"],
            tuple(cue) if cue is not None else None,  # type: ignore[arg-type]
            tuple(mention) if mention is not None else None,  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class QuoteRecord:
    """A source quote and what became of it in the output.

    ``start``/``end`` index the input text; ``output_start``/``output_end`` index
    the output text where the quote appears there (None when it does not).
    """

    text: str
    speaker: str | None
    start: int | None  # None for a quote the summary invented: no source behind it
    end: int | None
    kind: str
    status: str = "kept"  # kept | translated | repaired | dropped | misattributed | unconfirmed
    speaker_span: tuple[int, int] | None = None
    utterance: int = 0
    output_start: int | None = None
    output_end: int | None = None
    translation: str | None = None
    speaker_confidence: str | None = None  # explicit | inferred; None when no speaker
    speaker_evidence: Evidence | None = None

    @classmethod
    def from_quote(cls, q: Any, **changes: Any) -> QuoteRecord:
        """The record of a source quote (a ``quotes.Quote``), before anything happens to it."""
        fields_ = dict(
            text=q.text, speaker=q.speaker, start=q.start, end=q.end, kind=q.kind,
            speaker_span=q.speaker_span, utterance=q.utterance,
            speaker_confidence=q.speaker_confidence, speaker_evidence=q.speaker_evidence,
        )
        fields_.update(changes)
        return cls(**fields_)


@dataclass(frozen=True)
class FactRecord:
    """A number, amount or date of the source and what became of it in the output.

    ``value`` is canonical whatever the language wrote ("1250", "4500000 USD",
    "2024-03-03"; see ``facts.py``). ``start``/``end`` index the input text (None
    for a fact the output invented); ``output_start``/``output_end`` index the output
    where the fact appears with its value (None when it could not be found there).
    """

    text: str
    kind: str  # number | money | date | name
    value: str
    start: int | None
    end: int | None
    status: str = "kept"  # kept | repaired | unconfirmed | invented
    output_start: int | None = None
    output_end: int | None = None

    @classmethod
    def from_fact(cls, f: Any, **changes: Any) -> FactRecord:
        fields_ = dict(text=f.text, kind=f.kind, value=f.value, start=f.start, end=f.end)
        fields_.update(changes)
        return cls(**fields_)


@dataclass(frozen=True)
class Record:
    source: str
    task: str
    lang: dict[str, str | None]
    models: dict[str, str]
    text: str
    quotes: list[QuoteRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title: str | None = None
    key_quotes: list[QuoteRecord] = field(default_factory=list)
    date: str | None = None
    facts: list[FactRecord] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for quote in data["quotes"] + data["key_quotes"]:
            if quote["speaker_span"] is not None:
                quote["speaker_span"] = list(quote["speaker_span"])
            evidence = quote.get("speaker_evidence")
            if evidence:
                for key in ("cue", "mention"):
                    if evidence[key] is not None:
                        evidence[key] = list(evidence[key])
        return data


@dataclass(frozen=True)
class Failure:
    """An input that could not be processed, and the one sentence that says why."""

    source: str
    reason: str
