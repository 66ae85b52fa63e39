"""Paragraphs, sentences and token-budget chunks that never cut a quote.

Everything here returns offsets into the document text rather than copies, so
later stages can reassemble the text exactly and map quotes between stages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]
CountTokens = Callable[[Sequence[str]], list[int]]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Chunk:
    """A span of the document sent to a model as one input."""

    start: int
    end: int
    tokens: int
    forced_cut: bool = False  # a sentence had to be cut to fit the model


def paragraphs(text: str) -> list[Span]:
    """Non-blank paragraphs; whatever lies between them is left for reassembly."""
    spans: list[Span] = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[1] > s[0]]


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _raw_sentences(text: str, start: int, end: int, lang: str) -> list[Span]:
    from sentencex import segment  # light: pure Python rules for ~250 languages

    spans: list[Span] = []
    cursor = start
    piece = text[start:end]
    for sentence in segment(lang or "en", piece):
        stripped = sentence.strip()
        if not stripped:
            continue
        found = text.find(stripped, cursor, end)
        if found < 0:  # sentencex normalised something; fall back to one span
            return [_strip(text, start, end)]
        spans.append((found, found + len(stripped)))
        cursor = found + len(stripped)
    return spans or [_strip(text, start, end)]


def merge_across(spans: list[Span], protected: Sequence[Span]) -> list[Span]:
    """Join neighbouring spans wherever a boundary between them falls inside a protected span."""
    if not spans:
        return spans
    merged = [spans[0]]
    for start, end in spans[1:]:
        prev_start, prev_end = merged[-1]
        cut = any(p_start < start and prev_end < p_end for p_start, p_end in protected)
        if cut:
            merged[-1] = (prev_start, end)
        else:
            merged.append((start, end))
    return merged


def sentences(
    text: str, lang: str | None = None, span: Span | None = None, protected: Sequence[Span] = ()
) -> list[Span]:
    """Sentences of one paragraph (or of ``span``), never cutting a protected span."""
    start, end = span if span is not None else (0, len(text))
    return merge_across(_raw_sentences(text, start, end, lang or "en"), protected)


def document_sentences(
    text: str, lang: str | None = None, protected: Sequence[Span] = ()
) -> list[list[Span]]:
    """Sentences grouped by paragraph, the unit of translation."""
    return [sentences(text, lang, para, protected) for para in paragraphs(text)]


def split_words(
    text: str, span: Span, max_tokens: int, count: CountTokens, protected: Sequence[Span] = ()
) -> list[Span]:
    """Cut an over-long span at word boundaries into pieces that fit ``max_tokens``.

    The last resort for a sentence longer than a model accepts; the caller warns.
    A cut goes at the last boundary outside every protected span when there is
    one, so a quote that fits is never cut.
    """
    words = [
        (m.start() + span[0], m.end() + span[0]) for m in _WORD.finditer(text[span[0] : span[1]])
    ]
    if not words:
        return [span]
    counts = count([text[a:b] for a, b in words])

    def inside(pos: int) -> bool:
        return any(a < pos < b for a, b in protected)

    pieces: list[Span] = []
    first = 0  # index of the current piece's first word
    total = 0
    for k, n in enumerate(counts):
        if total and total + n > max_tokens:
            cut = k
            for j in range(k, first, -1):  # latest boundary before word j that cuts no quote
                if not inside(words[j][0]):
                    cut = j
                    break
            if sum(counts[cut:k]) + n > max_tokens:
                # The quote alone is longer than a piece may be: cut inside it rather
                # than hand the model more than it accepts (the caller warns).
                cut = k
            pieces.append((words[first][0], words[cut - 1][1]))
            first = cut
            total = sum(counts[first:k])
        total += n
    pieces.append((words[first][0], words[-1][1]))
    return pieces


def chunks(
    text: str,
    lang: str | None,
    budget: int,
    count: CountTokens,
    protected: Sequence[Span] = (),
) -> list[Chunk]:
    """Contiguous sentence-aligned chunks of at most ``budget`` tokens each.

    Quotes are never cut unless a single quote is itself longer than the budget;
    such a forced cut is flagged on the chunk so the caller can warn.
    """
    # A quote that runs over paragraphs joins their sentences into one unit too.
    units = merge_across(
        [s for para in document_sentences(text, lang, protected) for s in para], protected
    )
    if not units:
        return []
    counts = count([text[a:b] for a, b in units])
    result: list[Chunk] = []
    cur_start: int | None = None
    cur_end = 0
    cur_tokens = 0
    for (a, b), n in zip(units, counts):
        if n > budget:
            if cur_start is not None:
                result.append(Chunk(cur_start, cur_end, cur_tokens))
                cur_start, cur_tokens = None, 0
            for pa, pb in split_words(text, (a, b), budget, count, protected):
                result.append(Chunk(pa, pb, min(budget, sum(count([text[pa:pb]]))), forced_cut=True))
            continue
        if cur_start is not None and cur_tokens + n > budget:
            result.append(Chunk(cur_start, cur_end, cur_tokens))
            cur_start, cur_tokens = None, 0
        if cur_start is None:
            cur_start = a
        cur_end = b
        cur_tokens += n
    if cur_start is not None:
        result.append(Chunk(cur_start, cur_end, cur_tokens))
    return result
