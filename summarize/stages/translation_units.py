"""What the translation stage and its fact check share: the units (sentences with their
protected quotes), how a quote piece is written back, and the one engine call.

Both ``translation.py`` (which cuts the text into units and puts it back) and
``translation_facts.py`` (which checks and repairs the units' figures) work on these;
keeping them here lets the translation import its fact check and never the reverse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarize.engines.catalog import ModelSpec
from summarize.engines.core import Engine
from summarize.facts.inventory import Fact
from summarize.options import QuoteMarks, QuoteMode
from summarize.quotes.detect import Quote
from summarize.stages import guard, segment
from summarize.stages.summary import SPECIAL_TOKEN_ROOM

_LETTER = re.compile(r"\w", re.UNICODE)
# Beams for the pieces of a sentence translated one by one around protected quotes and
# figures, after the model lost their placeholders. A piece is a few words with no
# sentence around it: beam search, which ranks whole-sentence hypotheses, has little to
# choose between there, and a recovery piece costs as many decoding steps as a sentence.
# Greedy pieces made a run of the benchmark's random stand-in 1.7x faster; whole
# sentences keep the model's beams. Check with benchmarks/quality.py on real weights.
PIECE_BEAMS = 1


@dataclass(frozen=True)
class Source:
    """One text to translate, with the quotes found in it."""

    text: str
    quotes: Sequence[Quote] = ()
    lang: str | None = None


@dataclass
class Unit:
    doc: int
    start: int
    end: int
    pieces: list[guard.Piece]
    output: str | None = None
    fell_back: bool = False
    edge: bool = False  # quotes only at its edges: its words went to the model alone
    split: bool = False  # longer than the model accepts: translated in pieces
    final: bool = False  # ``output`` was rebuilt around protected facts: use it as it stands
    facts: list[Fact] = field(default_factory=list)  # the source facts it must carry
    fact_status: list[str] = field(default_factory=list)  # per fact: kept|repaired|unconfirmed
    fact_spans: list[tuple[int, int] | None] = field(default_factory=list)  # in ``output``
    invented: list[Fact] = field(default_factory=list)  # output facts with no source behind


@dataclass
class Placeholders:
    """How the model has treated placeholders so far in this run.

    A model that lost most of the placeholders it was given will most likely lose the
    next ones too: the fact check then sends a failing sentence's words in pieces at
    once, instead of first asking for a sentence full of placeholders it would lose
    (a whole model pass for nothing, on every sentence that has a figure)."""

    sent: int = 0  # units sent with placeholders
    lost: int = 0  # of those, units whose placeholders did not all come back

    # Fewer units than this say nothing about the model.
    EVIDENCE = 4

    def mostly_lost(self) -> bool:
        return self.sent >= self.EVIDENCE and 2 * self.lost > self.sent


def has_words(text: str) -> bool:
    return bool(_LETTER.search(text))


_MARKS = "\"“”„‟«»‹›'‘’‚‛"
_REOPENING = re.compile(r"\s*(?:[" + re.escape(_MARKS) + r"](?=\S))?")


class Renderer:
    """Builds the replacement text of a protected quote piece and remembers offsets.

    A quote that runs over paragraphs comes as one piece per paragraph (units never
    cross a paragraph). Each piece's words are translated on their own, so the
    paragraph breaks and the mark that reopens the quote stay where they were.
    """

    def __init__(
        self, text: str, quotes: list[Quote], tgt: str, marks: QuoteMarks, mode: QuoteMode,
        translations: dict[str, str],
    ) -> None:
        self.text, self.quotes, self.mode = text, quotes, mode
        self.translations = translations
        self.target = guard.marks_for(tgt) if marks is QuoteMarks.TARGET else None
        self.parts: dict[int, list[str]] = {}  # quote -> its words, paragraph by paragraph

    def words(self, piece: guard.Piece) -> tuple[str, str, str]:
        """A piece's quoted text as (lead, words, trail): the words are what a model
        translates; the lead is the space and reopening mark of a continued paragraph."""
        q = self.quotes[piece.quote or 0]
        inner_a, inner_b = max(piece.start, q.start), min(piece.end, q.end)
        inner = self.text[inner_a:inner_b]
        lead = _REOPENING.match(inner).group(0) if inner_a > q.start else ""  # type: ignore[union-attr]  # always matches
        rest = inner[len(lead):]
        core = rest.rstrip()
        return lead, core, rest[len(core):]

    def collect(self, piece: guard.Piece) -> str:
        """Note a piece's words as part of its quote; returns them (a translation job)."""
        core = self.words(piece)[1]
        self.parts.setdefault(piece.quote or 0, []).append(core)
        return core

    def render(self, piece: guard.Piece) -> tuple[str, int, int]:
        """The piece's output text and where the quote's own words sit in it."""
        q = self.quotes[piece.quote or 0]
        a, b = piece.start, piece.end
        inner_a, inner_b = max(a, q.start), min(b, q.end)
        opening = self.text[a:inner_a]
        closing = self.text[inner_b:b]
        lead, core, trail = self.words(piece)
        if self.target is not None:
            if a == q.mark_start and opening.strip():
                opening = self.target[0]
            if b == q.mark_end and closing.strip():
                closing = self.target[1]
        if self.mode is QuoteMode.TRANSLATE:
            core = self.translations.get(core, core)
        head = opening + lead + core + trail
        out = head + closing
        if self.mode is QuoteMode.BOTH and b == q.mark_end:
            # After the whole quote, so its verbatim words stay in one piece: each
            # paragraph's translation, the paragraphs apart as in the source.
            done = [self.translations[p] for p in self.parts.get(piece.quote or 0, []) if p in self.translations]
            if done:
                out += " [" + "\n\n".join(done) + "]"
        return out, len(opening), len(head)


def unit_output(
    unit: Unit, text: str, renderer: Renderer, fallback_jobs: dict[str, str]
) -> tuple[str | None, dict[int, tuple[int, int]]]:
    """A unit's output text and where each protected quote's words sit in it.

    ``None`` for a unit the model never saw that holds no quote either.
    """
    spans: dict[int, tuple[int, int]] = {}
    if unit.output is not None and (unit.final or not unit.fell_back):
        cursor = 0
        for p in unit.pieces:
            if p.quote is None:
                continue
            rendered, ia, ib = renderer.render(p)
            found = unit.output.find(rendered, cursor)
            if found < 0:
                continue
            spans[p.quote] = (spans.get(p.quote, (found + ia, 0))[0], found + ib)
            cursor = found + len(rendered)
        return unit.output, spans
    if unit.output is None and not unit.fell_back and not any(p.quote is not None for p in unit.pieces):
        return None, spans
    out = ""
    for p in unit.pieces:
        piece = text[p.start : p.end]
        if p.quote is not None:
            rendered, ia, ib = renderer.render(p)
            spans[p.quote] = (spans.get(p.quote, (len(out) + ia, 0))[0], len(out) + ib)
            out += rendered
        elif has_words(piece):
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()) :]
            out += lead + fallback_jobs.get(piece.strip(), piece.strip()) + trail
        else:
            out += piece
    return out, spans


def translate_jobs(
    engine: Engine, spec: ModelSpec, src: str, tgt: str, jobs: dict[str, str],
    extra: Sequence[str] = (), memo: dict[str, str] | None = None, beams: int | None = None,
) -> set[str]:
    """Translate each distinct string once, filling ``jobs`` in place.

    ``memo`` holds what earlier passes of the run translated: a string found there is
    not sent again (a recovery piece is often a run of words an earlier pass already
    translated), and every string translated here is added to it. ``beams``: this call's
    beam size (PIECE_BEAMS for recovery pieces); None keeps the engine's.

    A string longer than the model accepts (one endless sentence) is translated in
    word-boundary pieces, joined with spaces, rather than refused or truncated; the
    strings that were are returned, so their documents can say so.
    """
    keys = list(dict.fromkeys([*jobs, *extra]))
    if memo is not None:
        for key in keys:
            if key in memo:
                jobs[key] = memo[key]
        keys = [k for k in keys if k not in memo]
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
    done = dict(zip(inputs, engine.translate(spec, inputs, src, tgt, beams)))
    for key in keys:
        jobs[key] = " ".join(done[p].strip() for p in pieces[key]) if key in pieces else done[key]
        if memo is not None:
            memo[key] = jobs[key]
    return set(pieces)
