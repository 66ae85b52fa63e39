"""The JSON contract: one Record per input document (see DESIGN.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


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
    status: str = "kept"  # kept | translated | repaired | dropped | misattributed
    speaker_span: tuple[int, int] | None = None
    utterance: int = 0
    output_start: int | None = None
    output_end: int | None = None
    translation: str | None = None


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

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for quote in data["quotes"] + data["key_quotes"]:
            if quote["speaker_span"] is not None:
                quote["speaker_span"] = list(quote["speaker_span"])
        return data


@dataclass(frozen=True)
class Failure:
    """An input that could not be processed, and the one sentence that says why."""

    source: str
    reason: str
