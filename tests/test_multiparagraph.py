"""Quotes that run over paragraphs (a statement read out in several paragraphs, each
reopened with a quote mark): kept as the summary wrote them, translated paragraph by
paragraph with the paragraph marks kept, and recorded with offsets into the output."""

from __future__ import annotations

from collections.abc import Sequence

from stand_in import StandIn

from summarize import summarize_text, translate_text
from summarize.engines.catalog import ModelSpec
from summarize.options import Length, QuoteMode
from summarize.quotes.audit import audit_summary
from summarize.quotes.detect import find_quotes

FIRST = "We will rebuild every bridge in the region before the winter comes."
SECOND = "Nobody will be left without heat this year,"
SOURCE = (
    "The minister spoke to reporters on Monday morning.\n\n"
    f'"{FIRST}\n\n'
    f'"{SECOND}" said Minister Olena Koval.\n\n'
    "The plan will cost the regional budget about two billion hryvnias."
)


class Uppercase(StandIn):
    """A translator stand-in through the engine seam: it 'translates' into capitals, so
    whatever reaches the output in lower case was never translated."""

    def __init__(self, summary: str = "") -> None:
        self.summary = summary
        self.seen: list[str] = []

    def summarize(self, spec: ModelSpec, texts: Sequence[str], length: Length) -> list[str]:
        return [self.summary for _ in texts]

    def translate(self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None) -> list[str]:
        self.seen.extend(texts)
        return [t.upper() for t in texts]  # placeholders (QT1) come back as they went


# ------------------------------------------------------------------ 1: the audit


def test_a_faithful_quote_joined_into_one_paragraph_stays_as_the_summary_wrote_it():
    summary = f'"{FIRST} {SECOND}" said Minister Olena Koval.'
    result = audit_summary(summary, SOURCE, find_quotes(SOURCE, "en").quotes, "en")
    assert result.text == summary, "the audit put the source's paragraph break into the summary"
    (rec,) = result.quotes
    assert rec.status == "kept" and rec.speaker == "Olena Koval"
    assert SOURCE[rec.start : rec.end] == rec.text
    shown = result.text[rec.output_start : rec.output_end]
    assert shown.split() == rec.text.replace('\n\n"', " ").split()


def test_a_faithful_quote_with_its_paragraph_break_stays_too():
    summary = f'Koval spoke.\n\n"{FIRST}\n\n"{SECOND}" she said.'
    result = audit_summary(summary, SOURCE, find_quotes(SOURCE, "en").quotes, "en")
    assert result.text == summary
    assert [r.status for r in result.quotes] == ["kept"]


# ------------------------------------------------------------------ 2: translation


def test_translate_mode_translates_each_paragraph_of_the_quote_and_keeps_the_break():
    engine = Uppercase()
    record = translate_text(SOURCE, to="uk", from_lang="en", engine=engine, quotes=QuoteMode.TRANSLATE)
    assert FIRST.upper() in record.text and SECOND.upper().rstrip(",") in record.text
    assert FIRST not in record.text and SECOND not in record.text
    (rec,) = [q for q in record.quotes if q.kind == "multi-paragraph"]
    assert rec.status == "translated"
    shown = record.text[rec.output_start : rec.output_end]
    assert "\n\n" in shown, "the quote's paragraph break was lost"
    assert FIRST.upper() in shown
    assert not any("\n\n" in t for t in engine.seen), "a paragraph break went into the model"


def test_both_mode_gives_each_paragraph_its_translation():
    record = translate_text(SOURCE, to="uk", from_lang="en", engine=Uppercase(), quotes=QuoteMode.BOTH)
    assert FIRST in record.text and SECOND in record.text  # verbatim first
    # after the whole quote, the translation of each paragraph, paragraphs apart as in the source
    assert f"[{FIRST.upper()}\n\n{SECOND.upper()}]" in record.text
    (rec,) = [q for q in record.quotes if q.kind == "multi-paragraph"]
    assert record.text[rec.output_start : rec.output_end] == rec.text


# ------------------------------------------------------------------ 3: summary quote records


def test_summary_quote_records_say_translated_and_point_into_the_translation():
    quote = "We will rebuild every bridge in the region before the winter comes."
    engine = Uppercase(summary=f'Koval promised repairs. "{quote}" she said.')
    record = summarize_text(SOURCE, to="uk", from_lang="en", engine=engine, quotes=QuoteMode.TRANSLATE)
    (rec,) = record.quotes
    assert rec.status == "translated"
    assert record.text[rec.output_start : rec.output_end] == quote.upper()
    assert quote not in record.text
