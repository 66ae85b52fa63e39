"""Find quotations, their speakers and kinds in a document's text.

Rule-based and dependency-free on purpose: it runs on every document before any
model, so it must be fast and must never import torch or transformers.

The steps, each in its module: ``marks`` pairs quote marks into spans (apostrophes,
nesting, the newspaper paragraph rule), ``kinds`` decides each span's kind and cue,
``attribution`` finds the cues and ``speakers`` names who speaks; this module runs them
and returns the public ``Quote`` values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.quotes.attribution import Attributor
from summarize.quotes.kinds import _attribute, _Info
from summarize.quotes.marks import _Pair, _pair, _paragraphs
from summarize.quotes.speakers import Sieve
from summarize.record import Evidence

__all__ = ["Quote", "QuoteScan", "find_quotes"]


@dataclass(frozen=True)
class Quote:
    """One quoted span of the source.

    Offsets index the text as read, so that ``text == source[start:end]`` always
    holds; ``mark_start``/``mark_end`` include the quote marks themselves.
    """

    start: int
    end: int
    text: str
    speaker: str | None
    kind: str  # direct | partial | split | multi-paragraph | mention
    mark_start: int
    mark_end: int
    speaker_span: tuple[int, int] | None = None
    utterance: int = 0  # pieces of one split utterance share this id
    nested: bool = False  # lies inside another quote
    speaker_confidence: str | None = None  # explicit | inferred; None when no speaker
    speaker_evidence: Evidence | None = None


@dataclass(frozen=True)
class QuoteScan:
    """What the detector found, and what it had to guess about."""

    quotes: tuple[Quote, ...]
    warnings: tuple[str, ...] = ()


# --- the public entry ------------------------------------------------------------------


def _infer_lang(text: str) -> str:
    sample = text[:20000]
    cyr = sum(1 for c in sample if "\u0400" <= c <= "\u04ff")
    lat = sum(1 for c in sample if c.isascii() and c.isalpha())
    if cyr > lat:
        return "uk"
    words = re.findall(r"[a-zäöüßéèàçêâîôû']+", sample.lower())
    de = sum(1 for w in words if w in {"der", "die", "und", "das", "nicht", "sagte", "ist", "mit", "sich", "auf"})
    fr = sum(1 for w in words if w in {"le", "la", "les", "et", "des", "est", "une", "selon", "dans", "pas", "du"})
    en = sum(1 for w in words if w in {"the", "and", "of", "to", "said", "is", "in", "that", "was", "for"})
    best = max((en, "en"), (de, "de"), (fr, "fr"))
    return best[1] if best[0] > 0 else "en"


def find_quotes(text: str, lang: str | None = None) -> QuoteScan:
    """Find every quotation in ``text`` with its speaker and kind.

    ``lang`` is a hint (en, uk, ru, de, fr); without it the conventions are
    inferred from the marks and words present.
    """
    warnings: list[str] = []
    paras = _paragraphs(text)
    pairs = _pair(text, paras, warnings)
    if not pairs:
        return QuoteScan((), tuple(warnings))
    lang = (lang or _infer_lang(text)).split("-")[0].lower()
    infos = _build_infos(text, pairs, paras)
    outer = [(i.pair.open, i.mark_end) for i in infos if not i.nested]
    att = Attributor(text, lang, [(i.pair.open + 1, i.end) for i in infos if not i.nested])
    infos = _attribute(text, infos, outer, att, Sieve(text, att, lang, paras))
    return QuoteScan(tuple(_quote(text, i) for i in infos), tuple(warnings))


def _quote(text: str, i: _Info) -> Quote:
    found = i.extras.get("attribution") if i.speaker else None
    return Quote(
        start=i.start,
        end=i.end,
        text=text[i.start : i.end],
        speaker=i.speaker,
        kind=i.kind,
        mark_start=i.mark_start if i.mark_start is not None else i.pair.open,
        mark_end=i.mark_end,
        speaker_span=found.mention if found is not None else None,  # type: ignore[attr-defined]
        utterance=i.utterance,
        nested=i.nested,
        speaker_confidence=found.confidence if found is not None else None,  # type: ignore[attr-defined]
        speaker_evidence=found.evidence if found is not None else None,  # type: ignore[attr-defined]
    )


def _build_infos(text: str, pairs: list[_Pair], paras: list[tuple[int, int]]) -> list[_Info]:
    infos: list[_Info] = []
    para_starts = [p[0] for p in paras]
    for p in pairs:
        s = p.open + 1
        e = p.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        mark_end = p.close + 1 if p.close is not None else e
        k = max(0, _bisect(para_starts, p.open))
        para = (paras[k][0], paras[min(len(paras) - 1, _bisect(para_starts, max(p.open, e - 1)))][1])
        infos.append(_Info(p, s, e, mark_end, para))
    infos.sort(key=lambda i: (i.start, -i.end))
    # nesting: a quote inside another quote's marks
    stack: list[_Info] = []
    for i in infos:
        while stack and stack[-1].mark_end <= i.pair.open:
            stack.pop()
        if stack and i.mark_end <= stack[-1].mark_end:
            i.nested = True
        stack.append(i)
    return infos


def _bisect(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


