"""Check every quotation a summary presents against the quotes of its source.

An abstractive model rewrites, shortens and invents quotations, and moves them
from one speaker to another. Nothing it writes between quote marks is trusted:
each quoted span of the summary is looked up among the source's quotes and is
kept (verbatim), repaired (close but altered: the source words are put back),
dropped (no source quote behind it: the marks go, or the sentence goes),
misattributed (the summary names another speaker than the one the source names
explicitly: the name is corrected, or the sentence goes) or unconfirmed (the
summary names a speaker the source does not name explicitly for that quote: a
wrong name is worse than none, so a guess never replaces it; the name stays and
a warning says so). The summary is then scanned again, because removing a mark can
pair the remaining marks differently; the audit ends when a scan asks for no
change, so whatever the final text still presents as a quote has been checked.

How a quote's words are found in the source is source_match.py's; what one scan
of the summary judges and edits is audit_round.py's. This module runs the scans,
and picks the key quotes a reader sees first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarize.quotes.audit_round import RANK, Round, Verdict, from_source, shortened
from summarize.quotes.detect import Quote
from summarize.quotes.source_match import NEAR_MATCH, Match, SourceIndex
from summarize.record import QuoteRecord

__all__ = ["NEAR_MATCH", "STATUSES", "Audit", "Verdict", "audit_summary", "key_quotes"]

MAX_ROUNDS = 6  # scans of the summary; the last two drop sentences rather than unquote
STATUSES = ("kept", "repaired", "dropped", "misattributed", "unconfirmed")


@dataclass(frozen=True)
class Audit:
    """A summary after the audit, and what the audit did to each quotation in it."""

    text: str
    quotes: list[QuoteRecord]
    warnings: list[str]
    counts: dict[str, int]
    verdicts: list[Verdict] = field(default_factory=list)  # the text as given, quote by quote


def audit_summary(
    summary: str,
    source: str,
    source_quotes: Sequence[Quote],
    lang: str | None = None,
    fabricated: str = "unquote",
) -> Audit:
    """Make every quotation of ``summary`` a verbatim, correctly attributed quote of ``source``.

    ``source_quotes`` are ``find_quotes(source).quotes``; the summary is scanned
    with the same detector, so both sides see quotes the same way. A quote with no
    source behind it loses its marks (``fabricated="unquote"``) or its sentence
    (``"drop"``). Records of dropped quotes with no source behind them carry
    ``start == end == NOT_IN_SOURCE`` and the summary's words as ``text``.

    A speaker is corrected only on the source's explicit word (its quote's
    ``speaker_confidence == "explicit"``): a name the source merely infers, or a
    quote it gives nobody, leaves the summary's name in place, ``unconfirmed``.
    ``verdicts`` judge the summary as given, one per quotation, before any repair.
    """
    if fabricated not in ("unquote", "drop"):
        raise ValueError(f"fabricated must be 'unquote' or 'drop', not {fabricated!r}")
    index = SourceIndex(source, source_quotes)
    text = summary
    settled: dict[tuple[int, int], tuple[str, Match]] = {}
    gone: list[QuoteRecord] = []
    warnings: list[str] = []
    first: list[Verdict] = []
    for round_no in range(MAX_ROUNDS + 1):
        # the last rounds only remove sentences, which cannot go on forever
        mode = "drop-all" if round_no >= MAX_ROUNDS - 2 else fabricated
        rnd = Round(text, lang, index, mode)
        for q in rnd.quotes:
            rnd.judge(q)
        if round_no == 0:
            first = rnd.verdicts
        if not rnd.edits or round_no == MAX_ROUNDS:
            if rnd.edits:
                warnings.append(
                    "the quote audit did not settle; check the summary's quotes by hand"
                )
            break
        text, settled, records, notes = rnd.apply(settled)
        gone.extend(records)
        warnings.extend(notes)
    kept: list[QuoteRecord] = []
    for span, match, status, named in rnd.verified:
        prior = settled.get(span)
        if prior is not None and RANK[prior[0]] >= RANK[status]:
            status, match = prior
        kept.append(from_source(match, status, source, span))
        if status == "unconfirmed":
            warnings.append(_unconfirmed(named, match, source))
    quotes = sorted(kept, key=lambda r: r.output_start or 0) + gone
    counts = {s: sum(1 for r in quotes if r.status == s) for s in STATUSES}
    return Audit(text, quotes, warnings, counts, first)


def _unconfirmed(named: str | None, match: Match, source: str) -> str:
    """Which quote's speaker could not be confirmed, and what the source has instead."""
    words = shortened(source[match.start : match.end])
    said_by = match.quote.speaker
    if said_by is None:
        instead = "the source names no speaker for it"
    else:
        instead = f"the source only infers that {said_by} said it"
    return (
        f'the speaker of a quote could not be confirmed: the summary credits it to {named}, '
        f'but {instead}; the name was left as written: "{words}"'
    )


def key_quotes(source: str, quotes: Sequence[Quote], n: int) -> list[Quote]:
    """The ``n`` attributed utterances a reader should see first, best first.

    Key quotes are printed under a name with nothing around them to qualify it,
    so only speakers the source names explicitly are shown: a quote attributed
    explicitly, or one inferred for a speaker who is explicitly credited with
    another piece of the same utterance or another quote of the article.

    Prominence (how often the speaker is quoted or named) weighs most, then an
    early position, then a length that reads as a statement (8 to 40 words).
    ``n`` counts utterances: the pieces of a split utterance are returned
    together, in reading order, so a caller never shows half a sentence.
    """
    if n <= 0:
        return []
    spoken = [q for q in quotes if q.kind != "mention" and not q.nested and q.speaker]
    vouched = {_key(q.speaker) for q in spoken if q.speaker_confidence == "explicit"}
    utterances: dict[int, list[Quote]] = {}
    for q in spoken:
        utterances.setdefault(q.utterance, []).append(q)
    groups = [
        sorted(g, key=lambda q: q.start)
        for g in utterances.values()
        if all(_key(q.speaker) in vouched for q in g)  # a whole utterance, or none of it
    ]
    if not groups:
        return []
    said: dict[str, int] = {}
    for g in groups:
        said[g[0].speaker or ""] = said.get(g[0].speaker or "", 0) + 1
    weight = {name: count + _named(source, name) for name, count in said.items()}
    top = max(weight.values())
    size = max(1, len(source))

    def score(g: list[Quote]) -> tuple[float, int]:
        words = sum(len(q.text.split()) for q in g)
        fit = 1.0 if 8 <= words <= 40 else (words / 8 if words < 8 else 40 / words)
        value = 0.5 * weight[g[0].speaker or ""] / top + 0.3 * (1 - g[0].start / size) + 0.2 * fit
        return (-round(value, 9), g[0].start)

    ranked = sorted(groups, key=score)[:n]
    return [q for g in ranked for q in g]


def _key(name: str | None) -> str:
    """Exact names, not same_person: two Coles in one story must not vouch for each other."""
    return " ".join((name or "").casefold().split())


def _named(source: str, name: str) -> int:
    """Times the speaker's surname appears, inflected forms included."""
    surname = name.split()[-1]
    if surname.isascii():
        return len(re.findall(rf"(?<!\w){re.escape(surname)}(?!\w)", source))
    stem = surname[: max(4, len(surname) - 2)]
    return len(re.findall(rf"(?<!\w){re.escape(stem)}\w{{0,3}}(?!\w)", source))
