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

from . import guard, segment
from .catalog import ModelSpec
from .engine import Engine
from .options import QuoteMarks, QuoteMode
from .quotes import Quote
from .record import QuoteRecord
from .summary import SPECIAL_TOKEN_ROOM

_LETTER = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Source:
    """One text to translate, with the quotes found in it."""

    text: str
    quotes: Sequence[Quote] = ()
    lang: str | None = None


@dataclass(frozen=True)
class Translated:
    text: str
    quotes: list[QuoteRecord]
    warnings: list[str]
    fallbacks: int = 0  # units whose placeholders failed and were done in pieces
    retranslated: int = 0  # units re-done because the model cut them short


@dataclass
class _Unit:
    doc: int
    start: int
    end: int
    pieces: list[guard.Piece]
    output: str | None = None
    fell_back: bool = False
    edge: bool = False  # quotes only at its edges: its words went to the model alone
    split: bool = False  # longer than the model accepts: translated in pieces


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


def _has_words(text: str) -> bool:
    return bool(_LETTER.search(text))


class _Renderer:
    """Builds the replacement text of a protected quote piece and remembers offsets."""

    def __init__(
        self, text: str, quotes: list[Quote], tgt: str, marks: QuoteMarks, mode: QuoteMode,
        translations: dict[str, str],
    ) -> None:
        self.text, self.quotes, self.mode = text, quotes, mode
        self.translations = translations
        self.target = guard.marks_for(tgt) if marks is QuoteMarks.TARGET else None

    def render(self, piece: guard.Piece) -> tuple[str, int, int]:
        """The piece's output text and where the quote's own words sit in it."""
        q = self.quotes[piece.quote or 0]
        a, b = piece.start, piece.end
        inner_a, inner_b = max(a, q.start), min(b, q.end)
        inner = self.text[inner_a:inner_b]
        opening = self.text[a:inner_a]
        closing = self.text[inner_b:b]
        if self.target is not None:
            if a == q.mark_start and opening.strip():
                opening = self.target[0]
            if b == q.mark_end and closing.strip():
                closing = self.target[1]
        if self.mode is QuoteMode.TRANSLATE:
            inner = self.translations.get(inner, inner)
        head = opening + inner
        out = head + closing
        if self.mode is QuoteMode.BOTH and inner in self.translations:
            out += f" [{self.translations[inner]}]"
        return out, len(opening), len(head)


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
    units: list[_Unit] = []
    layouts: list[_Layout] = []
    protected: list[list[Quote]] = []
    for doc_index, source in enumerate(sources):
        quotes = _protected(source.quotes)
        protected.append(quotes)
        spans = [(q.mark_start, q.mark_end) for q in quotes]
        layout = _Layout()
        cursor = 0
        for para in segment.paragraphs(source.text):
            for a, b in segment.sentences(source.text, source.lang or src, para, spans):
                layout.parts.append(source.text[cursor:a])
                layout.parts.append(len(units))
                units.append(_Unit(doc_index, a, b, _pieces(a, b, quotes)))
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
        worded = [p for p in unit.pieces if p.quote is None and _has_words(text[p.start : p.end])]
        if len(worded) == 1 and len(worded) < len(unit.pieces):
            unit.edge = True
            masked.append(None)
            fallback_jobs.setdefault(text[worded[0].start : worded[0].end].strip(), "")
            continue
        job = guard.protect(text, unit.pieces)
        masked.append(job if _has_words(job) else None)
        if _has_words(job):
            jobs.setdefault(job, "")
    quote_jobs: set[str] = set()
    if quote_mode is not QuoteMode.KEEP:
        for doc_index, quotes in enumerate(protected):
            for q in quotes:
                quote_jobs.add(sources[doc_index].text[q.start : q.end])
    edge_jobs = set(fallback_jobs)
    split = _run(engine, spec, src, tgt, jobs, extra=quote_jobs | edge_jobs)
    translations = {k: jobs[k] for k in quote_jobs}
    for key in edge_jobs:
        fallback_jobs[key] = jobs[key]

    renderers = [
        _Renderer(s.text, protected[i], tgt, quote_marks, quote_mode, translations)
        for i, s in enumerate(sources)
    ]
    for unit, job in zip(units, masked):
        text = sources[unit.doc].text
        quote_pieces = [p for p in unit.pieces if p.quote is not None]
        if job is None:
            unit.output = None if quote_pieces else text[unit.start : unit.end]
            continue
        replacements = [renderers[unit.doc].render(p)[0] for p in quote_pieces]
        restored = guard.restore(jobs[job], replacements)
        if restored is None:
            unit.fell_back = True
            for p in unit.pieces:
                piece = text[p.start : p.end]
                if p.quote is None and _has_words(piece):
                    fallback_jobs.setdefault(piece.strip(), "")
        else:
            unit.output = restored
    pending = {k: "" for k in fallback_jobs if k not in edge_jobs}
    split |= _run(engine, spec, src, tgt, pending)
    fallback_jobs.update(pending)
    for unit, job in zip(units, masked):
        text = sources[unit.doc].text
        unit.split = job in split or any(text[p.start : p.end].strip() in split for p in unit.pieces)
    retried = _retranslate_short(units, sources, engine, spec, src, tgt)

    results: list[Translated] = []
    for doc_index, source in enumerate(sources):
        results.append(
            _assemble(doc_index, source, layouts[doc_index], units, renderers[doc_index],
                      protected[doc_index], fallback_jobs, quote_mode, retried.get(doc_index, 0))
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
    units: list[_Unit], sources: Sequence[Source], engine: Engine, spec: ModelSpec,
    src: str, tgt: str,
) -> dict[int, int]:
    """Units without quotes whose translation came back far shorter than the source
    lost a sentence or a clause: translate their pieces one by one and keep the
    longer result. Returns, per document, how many units were re-translated."""
    suspects: list[tuple[_Unit, list[str]]] = []
    for unit in units:
        text = sources[unit.doc].text[unit.start : unit.end]
        if unit.output is None or unit.fell_back or any(p.quote is not None for p in unit.pieces):
            continue
        if guard.looks_cut_short(text, unit.output):
            pieces = _clauses(text, sources[unit.doc].lang or src)
            if len(pieces) > 1:
                suspects.append((unit, pieces))
    jobs: dict[str, str] = {p: "" for _, pieces in suspects for p in pieces}
    _run(engine, spec, src, tgt, jobs)
    counts: dict[int, int] = {}
    for unit, pieces in suspects:
        joined = " ".join(jobs[p].strip() for p in pieces)
        if len(joined) > len(unit.output or ""):
            unit.output = joined
            counts[unit.doc] = counts.get(unit.doc, 0) + 1
    return counts


def _run(
    engine: Engine, spec: ModelSpec, src: str, tgt: str, jobs: dict[str, str],
    extra: set[str] | None = None,
) -> set[str]:
    """Translate each distinct string once, filling ``jobs`` in place.

    A string longer than the model accepts (one endless sentence) is translated in
    word-boundary pieces, joined with spaces, rather than refused or truncated; the
    strings that were are returned, so their documents can say so.
    """
    keys = list(jobs) + [k for k in (extra or ()) if k not in jobs]
    if not keys:
        return set()
    limit = engine.max_input_tokens(spec) - SPECIAL_TOKEN_ROOM
    counts = engine.count_tokens(spec, keys)
    pieces: dict[str, list[str]] = {}
    for key, n in zip(keys, counts):
        if n > limit:
            spans = segment.split_words(key, (0, len(key)), limit, lambda ws: engine.count_tokens(spec, ws))
            pieces[key] = [key[a:b] for a, b in spans]
    inputs = [k for k in keys if k not in pieces] + [p for parts in pieces.values() for p in parts]
    done = dict(zip(inputs, engine.translate(spec, inputs, src, tgt)))
    for key in keys:
        jobs[key] = " ".join(done[p].strip() for p in pieces[key]) if key in pieces else done[key]
    return set(pieces)


def _assemble(
    doc_index: int, source: Source, layout: _Layout, units: list[_Unit], renderer: _Renderer,
    quotes: list[Quote], fallback_jobs: dict[str, str], mode: QuoteMode, retried: int = 0,
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

    for part in layout.parts:
        if isinstance(part, str):
            emit(part)
            continue
        unit = units[part]
        if unit.output is not None and not unit.fell_back:
            if any(p.quote is not None for p in unit.pieces):
                # Placeholders came back: find each rendered quote in the restored text.
                base = length
                emit(unit.output)
                cursor = 0
                for p in unit.pieces:
                    if p.quote is None:
                        continue
                    rendered, ia, ib = renderer.render(p)
                    found = unit.output.find(rendered, cursor)
                    q_start.setdefault(p.quote, base + found + ia)
                    q_end[p.quote] = base + found + ib
                    cursor = found + len(rendered)
            else:
                emit(unit.output)
            continue
        if unit.fell_back:
            fallbacks += 1
        for p in unit.pieces:
            piece = text[p.start : p.end]
            if p.quote is not None:
                rendered, ia, ib = renderer.render(p)
                q_start.setdefault(p.quote, length + ia)
                q_end[p.quote] = length + ib
                emit(rendered)
            elif _has_words(piece):
                lead = piece[: len(piece) - len(piece.lstrip())]
                trail = piece[len(piece.rstrip()) :]
                emit(lead + fallback_jobs.get(piece.strip(), piece.strip()) + trail)
            else:
                emit(piece)

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
        and guard.looks_cut_short(sources_text := text[u.start : u.end], u.output)
    ]
    for sentence in short:
        warnings.append(f"this sentence may be incomplete in the translation: {sentence[:80]!r}")
    if fallbacks:
        warnings.append(
            f"the model lost a quote placeholder in {fallbacks} sentence(s); "
            "the text around those quotes was translated in pieces and the quotes put back"
        )
    return Translated(body, records, warnings, fallbacks=fallbacks, retranslated=retried)
