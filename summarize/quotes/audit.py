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

Near matches are scored with rapidfuzz (``fuzz.ratio`` over word-aligned windows
of each source quote), never by a hand-rolled edit distance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from summarize.quotes.detect import Quote, find_quotes
from summarize.record import QuoteRecord
from summarize.stages import segment

__all__ = ["NEAR_MATCH", "STATUSES", "Audit", "Verdict", "audit_summary", "key_quotes"]

NEAR_MATCH = 80.0  # fuzz.ratio (0-100) of the casefolded, normalised words, to repair a quote
NEAR_TIE = 2.0  # scores this close to the best are equally good; the closest length wins
MIN_NEAR_WORDS = 3  # below this, a quote that is not verbatim is too short to repair safely
MAX_ROUNDS = 6  # scans of the summary; the last two drop sentences rather than unquote
STATUSES = ("kept", "repaired", "dropped", "misattributed", "unconfirmed")
NOT_IN_SOURCE = None  # start/end of a record whose words have no source quote behind them

_DOUBLE = '"“”„‟«»‹›'
_SINGLE = "'‘’‚‛`´"
_CANON = {**{c: '"' for c in _DOUBLE}, **{c: "'" for c in _SINGLE}}
_EDGE = ".,;:…"  # a quote's edge punctuation belongs to the writer's sentence
_PRONOUNS = frozenset(
    {"he", "she", "they", "him", "her", "він", "вона", "вони", "er", "sie", "il", "elle"}
)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Verdict:
    """The audit's judgement of one quotation of the text as it was given, before any
    repair: a draft's author needs to hear about each of their quotes, while the
    records of an ``Audit`` describe the repaired text."""

    quote: Quote  # the quotation as the audited text has it (offsets into that text)
    start: int  # its words, without the edge punctuation that belongs to the sentence
    end: int
    status: str  # one of STATUSES
    verbatim: bool  # the words are the source's (quote marks and whitespace aside)
    source: QuoteRecord | None  # the source quote behind it; None when there is none


@dataclass(frozen=True)
class Audit:
    """A summary after the audit, and what the audit did to each quotation in it."""

    text: str
    quotes: list[QuoteRecord]
    warnings: list[str]
    counts: dict[str, int]
    verdicts: list[Verdict] = field(default_factory=list)  # the text as given, quote by quote


# --- the source side ----------------------------------------------------------------


@dataclass(frozen=True)
class _Norm:
    """Text with whitespace collapsed and quote marks unified, mapped back to raw offsets."""

    text: str
    index: tuple[int, ...]

    def raw(self, a: int, b: int) -> tuple[int, int]:
        return self.index[a], self.index[b - 1] + 1


def _normalise(text: str, start: int, end: int) -> _Norm:
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


def _layout(text: str) -> str:
    """The words of a quotation without its layout: whitespace runs as one space, and
    the mark that reopens a quote at the start of its next paragraph left out."""
    return _REOPENED.sub(" ", text).strip()


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words without edge punctuation: "…losing," and "…losing." quote the same words."""
    while start < end and (text[start].isspace() or text[start] in _EDGE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE):
        end -= 1
    return start, end


@dataclass(frozen=True)
class _Match:
    quote: Quote  # the source quote
    start: int  # the matched words in the source
    end: int
    score: float  # 100 for a verbatim match


class _SourceIndex:
    """The source's quotes, normalised once, for verbatim and near lookups."""

    def __init__(self, source: str, quotes: Sequence[Quote]) -> None:
        self.source = source
        # speech before mentions, outer before nested, in reading order: a fragment
        # found in several quotes is credited to the most informative one
        order = sorted(quotes, key=lambda q: (q.kind == "mention", q.nested, q.start))
        self.quotes = [(q, _normalise(source, q.start, q.end)) for q in order]

    def exact(self, words: str, speaker: str | None, mention: bool) -> _Match | None:
        found: list[_Match] = []
        for q, norm in self.quotes:
            pos = norm.text.find(words)
            while pos >= 0:
                end = pos + len(words)
                if _boundary(norm.text, pos, end):
                    found.append(_Match(q, *norm.raw(pos, end), 100.0))
                    break
                pos = norm.text.find(words, pos + 1)
        if not found:
            return None
        found.sort(key=lambda m: _preference(m, speaker, mention))
        return found[0]

    def near(self, words: str, speaker: str | None) -> _Match | None:
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
        found: list[tuple[float, int, int, int, _Match]] = []
        for rank, (q, norm) in enumerate(self.quotes):
            if q.kind == "mention":
                continue
            same = 0 if speaker and q.speaker and _same_person(speaker, q.speaker) else 1
            tokens = [m.span() for m in _WORD.finditer(norm.text)]
            for i in range(len(tokens)):
                for j in range(i + max(0, n - slack - 1), min(len(tokens), i + n + slack)):
                    a, b = _strip_edges(norm.text, tokens[i][0], tokens[j][1])
                    if a >= b:
                        continue
                    score = fuzz.ratio(query, norm.text[a:b].casefold(), score_cutoff=NEAR_MATCH)
                    if score:
                        match = _Match(q, *norm.raw(a, b), score)
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


def _preference(m: _Match, speaker: str | None, mention: bool) -> tuple[int, int, int]:
    same = 0 if speaker and m.quote.speaker and _same_person(speaker, m.quote.speaker) else 1
    kind = 0 if (m.quote.kind == "mention") == mention else 1
    return (kind, same, m.quote.start)


def _same_person(a: str, b: str) -> bool:
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


# --- one round over the summary -------------------------------------------------------


@dataclass
class _Edit:
    """Replacements that stand or fall together, and what they mean for the records."""

    pieces: list[tuple[int, int, str]]
    settle: list[tuple[tuple[int, int], str, _Match]] = field(default_factory=list)
    records: list[tuple[Quote, QuoteRecord]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    drop: bool = False


_RANK = {"kept": 0, "repaired": 1, "unconfirmed": 2, "misattributed": 3}


class _Round:
    """One scan of the summary: a verdict for each quote, then the edits that carry them out.

    Verdicts are collected before any edit is made, because every offset the
    detector gave refers to the text as scanned.
    """

    def __init__(self, text: str, lang: str | None, index: _SourceIndex, mode: str) -> None:
        self.text = text
        self.lang = lang
        self.index = index
        self.mode = mode
        self.quotes = [q for q in find_quotes(text, lang).quotes if not q.nested]
        self.edits: list[_Edit] = []
        # quotes that stand as they are: their words, source, status and the name given
        self.verified: list[tuple[tuple[int, int], _Match, str, str | None]] = []
        self.verdicts: list[Verdict] = []
        self._sentences: list[tuple[int, int]] | None = None
        self._matches: dict[int, _Match | None] = {}

    def match(self, q: Quote) -> _Match | None:
        """The source words behind a quote of the summary, verbatim or near."""
        if id(q) not in self._matches:
            words = _normalise(self.text, *_core(self.text, q.start, q.end)).text
            mention = q.kind == "mention"
            found = self.index.exact(words, q.speaker, mention) if words else None
            if found is None and words and not mention:
                found = self.index.near(words, q.speaker)
            self._matches[id(q)] = found
        return self._matches[id(q)]

    def judge(self, q: Quote) -> None:
        core = _core(self.text, q.start, q.end)
        if core[0] >= core[1]:
            return
        match = self.match(q)
        if q.kind == "mention":
            if match is not None:
                self._verdict(q, core, "kept", match)
                self._keep(core, match, "kept")
            return  # a scare quote or a title of the writer's own is not speech
        if match is None:
            self._verdict(q, core, "dropped", None)
            self._fabricated(q)
            return
        status = "kept" if match.score == 100.0 else "repaired"
        said_by = match.quote.speaker
        if q.speaker and not (said_by and _same_person(q.speaker, said_by)):
            if said_by and match.quote.speaker_confidence == "explicit":
                self._verdict(q, core, "misattributed", match)
                if self.mode == "drop-all" or not self._rename(q, said_by, core, match):
                    self._drop(
                        q,
                        "misattributed",
                        match,
                        f"a quote attributed to {q.speaker} "
                        f"was said by {said_by} in the source; its sentence was dropped",
                    )
                return
            # The source names nobody, or only infers a name (a pronoun, a role, an
            # earlier quote): that is not enough to call the summary's name wrong, and
            # far too little to write another one in its place.
            status = "unconfirmed"
        self._verdict(q, core, status, match)
        self._keep(core, match, status, q.speaker)

    def _verdict(self, q: Quote, core: tuple[int, int], status: str, match: _Match | None) -> None:
        source = _from_source(match, status, self.index.source, core) if match else None
        verbatim = match is not None and match.score == 100.0
        self.verdicts.append(Verdict(q, core[0], core[1], status, verbatim, source))

    def _keep(
        self, core: tuple[int, int], match: _Match, status: str, named: str | None = None
    ) -> None:
        exact = self.index.source[match.start : match.end]
        written = self.text[core[0] : core[1]]
        if written == exact or (match.score == 100.0 and _layout(written) == _layout(exact)):
            # A quote the source runs over paragraphs, copied into one paragraph (or the
            # other way round), is the same quotation: the summary's layout stays.
            self.verified.append((core, match, status, named))
            return
        edit = _Edit([(core[0], core[1], exact)], settle=[(core, status, match)])
        if match.score < 100.0:
            edit.warnings.append(
                f'an altered quote was repaired to the source words: "{_short(exact)}"'
            )
        self.edits.append(edit)

    def _rename(self, q: Quote, said_by: str, core: tuple[int, int], match: _Match) -> bool:
        span = q.speaker_span
        if span is None or not q.speaker:
            return False
        if q.speaker_confidence != "explicit":
            # The name was found beyond the quote's own attribution (through "she", a
            # role, an earlier sentence): rewriting it would change another sentence's
            # fact on the strength of a guess. The quote's sentence goes instead.
            return False
        named = self.text[span[0] : span[1]]
        words = named.split()
        if not words or words[-1].casefold() in _PRONOUNS or not words[-1][:1].isupper():
            return False
        if not _same_person(named, q.speaker):
            return False  # the span holds a role or a pronoun the detector resolved
        for other in self.quotes:
            # one name cue read for several quotes: renaming it must suit them all. A
            # quote the source gives nobody, or someone else, vetoes the new name; one
            # the source infers is the said_by's is backed by this quote's explicit cue.
            if other.speaker_span == span and other is not q:
                theirs = self.match(other)
                if theirs is None or not _same_person(theirs.quote.speaker or "", said_by):
                    return False
        exact = self.index.source[match.start : match.end]
        edit = _Edit([(span[0], span[1], said_by)], settle=[(core, "misattributed", match)])
        edit.warnings.append(
            f"a quote attributed to {q.speaker} was said by {said_by} in the source; "
            f'the attribution was corrected: "{_short(exact)}"'
        )
        self.edits.append(edit)
        if self.text[core[0] : core[1]] != exact:
            self.edits.append(
                _Edit([(core[0], core[1], exact)], settle=[(core, "misattributed", match)])
            )
        return True

    def _fabricated(self, q: Quote) -> None:
        words = self.text[q.start : q.end]
        if self.mode in ("drop", "drop-all"):
            self._drop(
                q,
                "dropped",
                None,
                f'a quote not found in the source was dropped with its sentence: "{_short(words)}"',
            )
            return
        pieces: list[tuple[int, int, str]] = []
        if q.mark_start < q.start:
            pieces.append((q.mark_start, q.start, ""))
        if q.mark_end > q.end:
            pieces.append((q.end, q.mark_end, ""))
        if not pieces:  # no mark of its own to remove (a piece of a split quote)
            self._drop(
                q,
                "dropped",
                None,
                f'a quote not found in the source was dropped with its sentence: "{_short(words)}"',
            )
            return
        edit = _Edit(pieces)
        edit.records.append((q, _gone(q, words, None, "dropped")))
        edit.warnings.append(f'a quote not found in the source was unquoted: "{_short(words)}"')
        self.edits.append(edit)

    def _drop(self, q: Quote, status: str, match: _Match | None, warning: str) -> None:
        pieces = [q] + [p for p in self.quotes if p.utterance == q.utterance and p is not q]
        lo = min(p.mark_start for p in pieces)
        hi = max(p.mark_end for p in pieces)
        s, e = self._sentence(lo, hi)
        words = self.text[q.start : q.end]
        edit = _Edit([_deletion(self.text, s, e)], drop=True, warnings=[warning])
        edit.records.append((q, _gone(q, words, match, status, self.index.source)))
        self.edits.append(edit)

    def _sentence(self, lo: int, hi: int) -> tuple[int, int]:
        if self._sentences is None:
            protected = [(q.mark_start, q.mark_end) for q in self.quotes]
            by_utterance: dict[int, list[Quote]] = {}
            for q in self.quotes:
                by_utterance.setdefault(q.utterance, []).append(q)
            protected += [(p[0].mark_start, p[-1].mark_end) for p in by_utterance.values()]
            paras = segment.document_sentences(self.text, self.lang, protected)
            self._sentences = [s for para in paras for s in para]
        spans = [s for s in self._sentences if s[0] < hi and lo < s[1]]
        if not spans:
            return lo, hi
        return min(lo, spans[0][0]), max(hi, spans[-1][1])

    def apply(
        self, settled: dict[tuple[int, int], tuple[str, _Match]]
    ) -> tuple[str, dict[tuple[int, int], tuple[str, _Match]], list[QuoteRecord], list[str]]:
        """Apply the edits that do not collide (a dropped sentence wins over edits inside it)."""
        accepted: list[_Edit] = []
        taken: list[tuple[int, int]] = []
        pieces_taken: list[tuple[int, int, str]] = []
        for edit in sorted(self.edits, key=lambda e: not e.drop):
            ranges = [(s, e) for s, e, _ in edit.pieces]
            if any(_overlaps(r, t) for r in ranges for t in taken):
                if not edit.drop and len(ranges) == 1 and edit.pieces[0] in pieces_taken:
                    accepted.append(_Edit([], settle=edit.settle))  # one name for two split pieces
                continue
            accepted.append(edit)
            taken.extend(ranges)
            pieces_taken.extend(edit.pieces)
        pieces = sorted(p for e in accepted for p in e.pieces)
        records: list[QuoteRecord] = []
        warnings: list[str] = []
        handled: set[int] = set()
        for e in accepted:
            warnings.extend(e.warnings)
            for q, rec in e.records:
                handled.add(id(q))
                records.append(rec)
        for q in self.quotes:  # quotes that went down with a dropped sentence
            if id(q) in handled:
                continue
            if any(
                e.drop and s <= q.mark_start and q.mark_end <= t
                for e in accepted
                for s, t, _ in e.pieces
            ):
                core = _core(self.text, q.start, q.end)
                prior = settled.get(core)
                match = prior[1] if prior else self.match(q)
                if match is None and q.kind == "mention":
                    continue  # never audited, so never counted
                records.append(
                    _gone(q, self.text[q.start : q.end], match, "dropped", self.index.source)
                )
        new_settled: dict[tuple[int, int], tuple[str, _Match]] = {}
        for span, value in settled.items():
            moved = _move(span, pieces)
            if moved is not None:
                new_settled[moved] = value
        for e in accepted:
            for span, status, match in e.settle:
                moved = _move(span, pieces)
                if moved is None:
                    continue
                old = new_settled.get(moved)
                if old is None or _RANK[status] >= _RANK[old[0]]:
                    new_settled[moved] = (status, match)
        return _splice(self.text, pieces), new_settled, records, warnings


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return (a[0] < b[1] and b[0] < a[1]) or a == b


def _splice(text: str, pieces: list[tuple[int, int, str]]) -> str:
    out: list[str] = []
    pos = 0
    for s, e, rep in pieces:
        out.append(text[pos:s])
        out.append(rep)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _move(span: tuple[int, int], pieces: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """Where ``span`` lies after the edits; None when an edit cut into it."""
    shift = 0
    for s, e, rep in pieces:
        if (s, e) == span:
            return s + shift, s + shift + len(rep)
        if e <= span[0]:
            shift += len(rep) - (e - s)
        elif s < span[1]:
            return None
    return span[0] + shift, span[1] + shift


def _deletion(text: str, s: int, e: int) -> tuple[int, int, str]:
    """A sentence's range widened over the spaces it leaves behind, and over its
    paragraph break when it was the whole paragraph."""
    after = e
    while after < len(text) and text[after] in " \t":
        after += 1
    if after < len(text) and text[after] != "\n":
        return s, after, ""
    before = s
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    if before > 0 and text[before - 1] != "\n":
        return before, e, ""
    while after < len(text) and text[after].isspace():
        after += 1
    if after == len(text):
        while before > 0 and text[before - 1].isspace():
            before -= 1
    return before, after, ""


def _from_source(
    match: _Match, status: str, source: str, span: tuple[int, int] | None = None
) -> QuoteRecord:
    """A record that speaks for the source quote behind a summary quote: its words,
    offsets and speaker, and where it now sits in the summary (``span``), if anywhere."""
    sq = match.quote
    return QuoteRecord.from_quote(
        sq, text=source[match.start : match.end], start=match.start, end=match.end, status=status,
        output_start=span[0] if span else None, output_end=span[1] if span else None,
    )


def _gone(q: Quote, words: str, match: _Match | None, status: str, source: str = "") -> QuoteRecord:
    if match is None:
        return QuoteRecord(words, q.speaker, NOT_IN_SOURCE, NOT_IN_SOURCE, q.kind, status)
    return _from_source(match, status, source)


def _short(words: str, limit: int = 90) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


# --- the public entries ----------------------------------------------------------------


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
    index = _SourceIndex(source, source_quotes)
    text = summary
    settled: dict[tuple[int, int], tuple[str, _Match]] = {}
    gone: list[QuoteRecord] = []
    warnings: list[str] = []
    first: list[Verdict] = []
    for round_no in range(MAX_ROUNDS + 1):
        # the last rounds only remove sentences, which cannot go on forever
        mode = "drop-all" if round_no >= MAX_ROUNDS - 2 else fabricated
        rnd = _Round(text, lang, index, mode)
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
        if prior is not None and _RANK[prior[0]] >= _RANK[status]:
            status, match = prior
        kept.append(_from_source(match, status, source, span))
        if status == "unconfirmed":
            warnings.append(_unconfirmed(named, match, source))
    quotes = sorted(kept, key=lambda r: r.output_start or 0) + gone
    counts = {s: sum(1 for r in quotes if r.status == s) for s in STATUSES}
    return Audit(text, quotes, warnings, counts, first)


def _unconfirmed(named: str | None, match: _Match, source: str) -> str:
    """Which quote's speaker could not be confirmed, and what the source has instead."""
    words = _short(source[match.start : match.end])
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
    """Exact names, not _same_person: two Coles in one story must not vouch for each other."""
    return " ".join((name or "").casefold().split())


def _named(source: str, name: str) -> int:
    """Times the speaker's surname appears, inflected forms included."""
    surname = name.split()[-1]
    if surname.isascii():
        return len(re.findall(rf"(?<!\w){re.escape(surname)}(?!\w)", source))
    stem = surname[: max(4, len(surname) - 2)]
    return len(re.findall(rf"(?<!\w){re.escape(stem)}\w{{0,3}}(?!\w)", source))
