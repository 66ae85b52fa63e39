"""Find a quotation's words among the source's quotes: verbatim, or near enough to repair.

Both sides are compared with whitespace collapsed and quote marks unified, and every match
maps back to offsets in the raw source, so whatever the audit puts back is the source's own
characters. Kept apart from the audit's rounds: how to find the words is one question, what
to do with a summary that changed them is another.

Near matches are scored with rapidfuzz (``fuzz.ratio`` over word-aligned windows of each
source quote), never by a hand-rolled edit distance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from summarize.quotes.detect import Quote

NEAR_MATCH = 80.0  # fuzz.ratio (0-100) of the casefolded, normalised words, to repair a quote
NEAR_TIE = 2.0  # scores this close to the best are equally good; the closest length wins
MIN_NEAR_WORDS = 3  # below this, a quote that is not verbatim is too short to repair safely

_DOUBLE = '"“”„‟«»‹›'
_SINGLE = "'‘’‚‛`´"
_CANON = {**{c: '"' for c in _DOUBLE}, **{c: "'" for c in _SINGLE}}
_EDGE = ".,;:…"  # a quote's edge punctuation belongs to the writer's sentence
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class _Norm:
    """Text with whitespace collapsed and quote marks unified, mapped back to raw offsets."""

    text: str
    index: tuple[int, ...]

    def raw(self, a: int, b: int) -> tuple[int, int]:
        return self.index[a], self.index[b - 1] + 1


def normalise(text: str, start: int, end: int) -> _Norm:
    chars: list[str] = []
    index: list[int] = []
    line_start = False
    for i in range(start, end):
        c = text[i]
        if c.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                index.append(i)
            line_start = line_start or c == "\n"
            continue
        if line_start and c in _CANON and i + 1 < end and text[i + 1].isalnum():
            line_start = False
            continue  # the mark that reopens a quote running over paragraphs
        line_start = False
        chars.append(_CANON.get(c, c))
        index.append(i)
    if chars and chars[-1] == " ":
        chars.pop()
        index.pop()
    return _Norm("".join(chars), tuple(index))


_REOPENED = re.compile(r"\s*\n\s*[" + re.escape(_DOUBLE + _SINGLE) + r"]?(?=\w)|\s+")


def without_layout(text: str) -> str:
    """The words of a quotation without its layout: whitespace runs as one space, and
    the mark that reopens a quote at the start of its next paragraph left out."""
    return _REOPENED.sub(" ", text).strip()


def words_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words without edge punctuation: "…losing," and "…losing." quote the same words."""
    while start < end and (text[start].isspace() or text[start] in _EDGE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE):
        end -= 1
    return start, end


@dataclass(frozen=True)
class Match:
    quote: Quote  # the source quote
    start: int  # the matched words in the source
    end: int
    score: float  # 100 for a verbatim match


class SourceIndex:
    """The source's quotes, normalised once, for verbatim and near lookups."""

    def __init__(self, source: str, quotes: Sequence[Quote]) -> None:
        self.source = source
        # speech before mentions, outer before nested, in reading order: a fragment
        # found in several quotes is credited to the most informative one
        order = sorted(quotes, key=lambda q: (q.kind == "mention", q.nested, q.start))
        self.quotes = [(q, normalise(source, q.start, q.end)) for q in order]

    def exact(self, words: str, speaker: str | None, mention: bool) -> Match | None:
        found: list[Match] = []
        for q, norm in self.quotes:
            pos = norm.text.find(words)
            while pos >= 0:
                end = pos + len(words)
                if _boundary(norm.text, pos, end):
                    found.append(Match(q, *norm.raw(pos, end), 100.0))
                    break
                pos = norm.text.find(words, pos + 1)
        if not found:
            return None
        found.sort(key=lambda m: _preference(m, speaker, mention))
        return found[0]

    def near(self, words: str, speaker: str | None) -> Match | None:
        """The best word-aligned window of a speech quote, if it scores NEAR_MATCH or more.

        Windows within NEAR_TIE of the best score count as equally good; of those,
        the one as long as the summary's quote wins, so that a changed last word is
        put back rather than cut off.
        """
        n = len(words.split())
        if n < MIN_NEAR_WORDS:
            return None
        query = words.casefold()
        slack = max(2, n // 4)
        found: list[tuple[float, int, int, int, Match]] = []
        for rank, (q, norm) in enumerate(self.quotes):
            if q.kind == "mention":
                continue
            same = 0 if speaker and q.speaker and same_person(speaker, q.speaker) else 1
            tokens = [m.span() for m in _WORD.finditer(norm.text)]
            for i in range(len(tokens)):
                for j in range(i + max(0, n - slack - 1), min(len(tokens), i + n + slack)):
                    a, b = _strip_edges(norm.text, tokens[i][0], tokens[j][1])
                    if a >= b:
                        continue
                    score = fuzz.ratio(query, norm.text[a:b].casefold(), score_cutoff=NEAR_MATCH)
                    if score:
                        match = Match(q, *norm.raw(a, b), score)
                        found.append((score, abs(j + 1 - i - n), same, rank, match))
        if not found:
            return None
        top = max(f[0] for f in found)
        pool = [f for f in found if f[0] >= top - NEAR_TIE]
        return min(pool, key=lambda f: (f[1], f[2], -f[0], f[3], f[4].start))[4]


def _strip_edges(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _EDGE + "\"'":
        a += 1
    while b > a and text[b - 1] in _EDGE + "\"'":
        b -= 1
    return a, b


def _boundary(text: str, a: int, b: int) -> bool:
    """A fragment must start and end on word edges: "men" is not quoted from "women"."""
    return (a == 0 or not (text[a - 1].isalnum() and text[a].isalnum())) and (
        b == len(text) or not (text[b - 1].isalnum() and text[b].isalnum())
    )


def _preference(m: Match, speaker: str | None, mention: bool) -> tuple[int, int, int]:
    same = 0 if speaker and m.quote.speaker and same_person(speaker, m.quote.speaker) else 1
    kind = 0 if (m.quote.kind == "mention") == mention else 1
    return (kind, same, m.quote.start)


def same_person(a: str, b: str) -> bool:
    """Lenient: "Kirby" is "John Kirby"; an inflected surname (Зеленського) is its nominative."""
    wa, wb = a.casefold().split(), b.casefold().split()
    if not wa or not wb:
        return False
    x, y = wa[-1].strip(".,"), wb[-1].strip(".,")
    if x == y:
        return True
    if x.isascii() and y.isascii():
        return False  # Hart is not Hartley
    common = len(_common_prefix(x, y))
    return common >= 4 and max(len(x), len(y)) - common <= 3


def _common_prefix(x: str, y: str) -> str:
    i = 0
    while i < min(len(x), len(y)) and x[i] == y[i]:
        i += 1
    return x[:i]
