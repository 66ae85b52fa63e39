"""Sentence-level translation around protected quotes.

opus-mt, NLLB and M2M100 drop sentences when fed several at once, so every
paragraph is cut into sentences (never inside a quote), sentences from all
documents are sent to the engine together (it batches them by length), and the
paragraphs are put back together with their original spacing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarize.engines.catalog import ModelSpec
from summarize.engines.core import Engine
from summarize.facts.inventory import find_facts
from summarize.facts.names import find_names
from summarize.options import QuoteMarks, QuoteMode
from summarize.quotes.detect import Quote
from summarize.record import FactRecord, QuoteRecord
from summarize.stages import guard, segment, translation_facts
from summarize.stages.translation_units import (
    PIECE_BEAMS,
    Placeholders,
    Renderer,
    Source,
    Unit,
    has_words,
    translate_jobs,
    unit_output,
)

__all__ = ["Source", "Translated", "translate_texts"]


@dataclass(frozen=True)
class Translated:
    text: str
    quotes: list[QuoteRecord]
    warnings: list[str]
    fallbacks: int = 0  # units whose placeholders failed and were done in pieces
    retranslated: int = 0  # units re-done because the model cut them short
    facts: list[FactRecord] = field(default_factory=list)


@dataclass
class _Layout:
    """How to put a document back: raw separators and unit indexes, in order."""

    parts: list[str | int] = field(default_factory=list)


def _protected(quotes: Sequence[Quote]) -> list[Quote]:
    """Quotes that never go through the model: speech, not mentions; outermost only."""
    return [q for q in quotes if q.kind != "mention" and not q.nested]


def _pieces(start: int, end: int, quotes: Sequence[Quote]) -> list[guard.Piece]:
    pieces: list[guard.Piece] = []
    cursor = start
    for index, q in enumerate(quotes):
        a, b = max(q.mark_start, start), min(q.mark_end, end)
        if a >= b:
            continue
        if a > cursor:
            pieces.append(guard.Piece(cursor, a))
        pieces.append(guard.Piece(a, b, quote=index))
        cursor = b
    if cursor < end:
        pieces.append(guard.Piece(cursor, end))
    return pieces


def translate_texts(
    sources: Sequence[Source],
    spec: ModelSpec,
    src: str,
    tgt: str,
    engine: Engine,
    quote_mode: QuoteMode = QuoteMode.KEEP,
    quote_marks: QuoteMarks = QuoteMarks.TARGET,
) -> list[Translated]:
    """Translate every source; quotes come back verbatim, each once, in order."""
    units: list[Unit] = []
    layouts: list[_Layout] = []
    protected: list[list[Quote]] = []
    for doc_index, source in enumerate(sources):
        quotes = _protected(source.quotes)
        protected.append(quotes)
        spans = [(q.mark_start, q.mark_end) for q in quotes]
        people = [q.speaker for q in source.quotes if q.speaker]
        facts = sorted(
            (
                f for f in find_facts(source.text, source.lang or src) + find_names(source.text, people)
                if not any(a <= f.start < b for a, b in spans)  # a quote keeps its own figures
            ),
            key=lambda f: (f.start, f.end),
        )
        layout = _Layout()
        cursor = 0
        for para in segment.paragraphs(source.text):
            for a, b in segment.sentences(
                source.text, source.lang or src, para, sorted(spans + [(f.start, f.end) for f in facts])
            ):
                layout.parts.append(source.text[cursor:a])
                layout.parts.append(len(units))
                inside = [f for f in facts if a <= f.start and f.end <= b]
                units.append(Unit(doc_index, a, b, _pieces(a, b, quotes), facts=inside))
                cursor = b
        layout.parts.append(source.text[cursor:])
        layouts.append(layout)

    # First pass: each unit whole, quotes swapped for placeholders. A unit whose quotes
    # sit only at its edges ('"…," said Ann Lee.') sends its one run of words alone: no
    # placeholder the model could lose, fewer tokens, and no second pass to recover.
    jobs: dict[str, str] = {}
    fallback_jobs: dict[str, str] = {}  # runs of words around quotes, translated alone
    masked: list[str | None] = []
    for unit in units:
        text = sources[unit.doc].text
        if all(p.quote is not None for p in unit.pieces):
            masked.append(None)
            continue
        worded = [p for p in unit.pieces if p.quote is None and has_words(text[p.start : p.end])]
        if len(worded) == 1 and len(worded) < len(unit.pieces):
            unit.edge = True
            masked.append(None)
            fallback_jobs.setdefault(text[worded[0].start : worded[0].end].strip(), "")
            continue
        job = guard.protect(text, unit.pieces)
        masked.append(job if has_words(job) else None)
        if has_words(job):
            jobs.setdefault(job, "")
    translations: dict[str, str] = {}
    renderers = [
        Renderer(s.text, protected[i], tgt, quote_marks, quote_mode, translations)
        for i, s in enumerate(sources)
    ]
    # Dicts, not sets: the engine's inputs come in the documents' order, never in the
    # order of a process's string hashes (batches, and so degenerate outputs, follow it).
    quote_jobs: dict[str, None] = {}
    for unit in units:
        for p in unit.pieces:
            if p.quote is not None:
                words = renderers[unit.doc].collect(p)
                if quote_mode is not QuoteMode.KEEP and has_words(words):
                    quote_jobs.setdefault(words)
    edge_jobs = dict.fromkeys(fallback_jobs)
    memo: dict[str, str] = {}  # every string this run translated: none is sent twice
    split = translate_jobs(engine, spec, src, tgt, jobs, extra=[*quote_jobs, *edge_jobs], memo=memo)
    translations.update({k: jobs[k] for k in quote_jobs})
    for key in edge_jobs:
        fallback_jobs[key] = jobs[key]
    placeholders = Placeholders()
    for unit, job in zip(units, masked):
        text = sources[unit.doc].text
        quote_pieces = [p for p in unit.pieces if p.quote is not None]
        if job is None:
            unit.output = None if quote_pieces else text[unit.start : unit.end]
            continue
        replacements = [renderers[unit.doc].render(p)[0] for p in quote_pieces]
        restored = guard.restore(jobs[job], replacements)
        if replacements:
            placeholders.sent += 1
            placeholders.lost += restored is None
        if restored is None:
            unit.fell_back = True
            for p in unit.pieces:
                piece = text[p.start : p.end]
                if p.quote is None and has_words(piece):
                    fallback_jobs.setdefault(piece.strip(), "")
        else:
            unit.output = restored
    pending = {k: "" for k in fallback_jobs if k not in edge_jobs}
    split |= translate_jobs(engine, spec, src, tgt, pending, memo=memo, beams=PIECE_BEAMS)
    fallback_jobs.update(pending)
    for unit, job in zip(units, masked):
        text = sources[unit.doc].text
        unit.split = job in split or any(text[p.start : p.end].strip() in split for p in unit.pieces)
    retried = _retranslate_short(units, sources, engine, spec, src, tgt, memo)
    # Looked up on the module at call time, so a benchmark can swap the check out.
    translation_facts.check_facts(
        units, sources, renderers, fallback_jobs, engine, spec, src, tgt, memo, placeholders
    )

    results: list[Translated] = []
    for doc_index, source in enumerate(sources):
        results.append(
            _assemble(doc_index, source, layouts[doc_index], units, renderers[doc_index],
                      protected[doc_index], fallback_jobs, quote_mode, retried.get(doc_index, 0), src, tgt)
        )
    return results


_CLAUSE = re.compile(r"(?<=[,;:])\s+|\s+(?=[—–-]\s)")


def _clauses(text: str, lang: str | None) -> list[str]:
    """Smaller pieces of a unit: its sentences, or else its clauses."""
    sentences = [text[a:b] for a, b in segment.sentences(text, lang)]
    if len(sentences) > 1:
        return sentences
    return [c for c in _CLAUSE.split(text) if c.strip()]


def _retranslate_short(
    units: list[Unit], sources: Sequence[Source], engine: Engine, spec: ModelSpec,
    src: str, tgt: str, memo: dict[str, str] | None = None,
) -> dict[int, int]:
    """Units without quotes whose translation came back far shorter than the source
    lost a sentence or a clause: translate their pieces one by one and keep the
    longer result. Returns, per document, how many units were re-translated."""
    suspects: list[tuple[Unit, list[str]]] = []
    for unit in units:
        text = sources[unit.doc].text[unit.start : unit.end]
        if unit.output is None or unit.fell_back or any(p.quote is not None for p in unit.pieces):
            continue
        if guard.looks_cut_short(text, unit.output, sources[unit.doc].lang or src, tgt):
            pieces = _clauses(text, sources[unit.doc].lang or src)
            if len(pieces) > 1:
                suspects.append((unit, pieces))
    jobs: dict[str, str] = {p: "" for _, pieces in suspects for p in pieces}
    translate_jobs(engine, spec, src, tgt, jobs, memo=memo)
    counts: dict[int, int] = {}
    for unit, pieces in suspects:
        joined = " ".join(jobs[p].strip() for p in pieces)
        if len(joined) > len(unit.output or ""):
            unit.output = joined
            counts[unit.doc] = counts.get(unit.doc, 0) + 1
    return counts


def _assemble(
    doc_index: int, source: Source, layout: _Layout, units: list[Unit], renderer: Renderer,
    quotes: list[Quote], fallback_jobs: dict[str, str], mode: QuoteMode, retried: int = 0,
    src: str | None = None, tgt: str | None = None,
) -> Translated:
    text = source.text
    out: list[str] = []
    length = 0
    q_start: dict[int, int] = {}
    q_end: dict[int, int] = {}
    warnings: list[str] = []
    fallbacks = 0

    def emit(piece_text: str) -> None:
        nonlocal length
        out.append(piece_text)
        length += len(piece_text)

    fact_records: list[FactRecord] = []
    for part in layout.parts:
        if isinstance(part, str):
            emit(part)
            continue
        unit = units[part]
        if unit.fell_back:
            fallbacks += 1
        output, spans = unit_output(unit, text, renderer, fallback_jobs)
        if output is None:
            output = text[unit.start : unit.end]
        base = length
        emit(output)
        for index, (a, b) in spans.items():
            q_start.setdefault(index, base + a)
            q_end[index] = base + b
        fact_records += translation_facts.unit_records(unit, text, base, warnings)

    body = "".join(out)
    status = "translated" if mode is QuoteMode.TRANSLATE else "kept"
    records = []
    fell_back_quotes = {
        p.quote for u in units if u.doc == doc_index and u.fell_back for p in u.pieces
        if p.quote is not None
    }
    for index, q in enumerate(quotes):
        records.append(
            QuoteRecord.from_quote(
                q,
                status="repaired" if index in fell_back_quotes and status == "kept" else status,
                output_start=q_start.get(index), output_end=q_end.get(index),
            )
        )
    warnings.extend(guard.output_problems(source.text, body))
    too_long = sum(1 for u in units if u.doc == doc_index and u.split)
    if too_long:
        warnings.append(
            f"{too_long} sentence(s) were longer than the model accepts; each was translated "
            "in pieces cut at word boundaries"
        )
    if retried:
        warnings.append(
            f"{retried} sentence(s) came back much shorter than the source; "
            "they were translated again clause by clause"
        )
    short = [
        sources_text for u in units if u.doc == doc_index and u.output is not None
        and not any(p.quote is not None for p in u.pieces)
        and guard.looks_cut_short(sources_text := text[u.start : u.end], u.output, source.lang or src, tgt)
    ]
    for sentence in short:
        warnings.append(f"this sentence may be incomplete in the translation: {sentence[:80]!r}")
    if fallbacks:
        warnings.append(
            f"the model lost a quote placeholder in {fallbacks} sentence(s); "
            "the text around those quotes was translated in pieces and the quotes put back"
        )
    repaired = sum(1 for f in fact_records if f.status == "repaired")
    if repaired:
        warnings.append(
            f"{repaired} figure(s) were lost or changed by the model; their sentences were "
            "translated again with the figures protected"
        )
    return Translated(
        body, records, warnings, fallbacks=fallbacks, retranslated=retried, facts=fact_records
    )
