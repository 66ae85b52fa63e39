"""One scan of a summary: a verdict for each of its quotations, then the edits that carry them out.

The audit (audit.py) runs scans until one asks for no change, because removing a mark can
pair the remaining marks differently. A scan judges every quote before it edits anything,
since the detector's offsets refer to the text as scanned; edits that collide are left to
the next scan, and a dropped sentence wins over the edits inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summarize.quotes.detect import Quote, find_quotes
from summarize.quotes.source_match import (
    Match,
    SourceIndex,
    normalise,
    same_person,
    without_layout,
    words_span,
)
from summarize.record import QuoteRecord
from summarize.stages import segment

NOT_IN_SOURCE = None  # start/end of a record whose words have no source quote behind them

_PRONOUNS = frozenset(
    {"he", "she", "they", "him", "her", "він", "вона", "вони", "er", "sie", "il", "elle"}
)


@dataclass(frozen=True)
class Verdict:
    """The audit's judgement of one quotation of the text as it was given, before any
    repair: a draft's author needs to hear about each of their quotes, while the
    records of an ``Audit`` describe the repaired text."""

    quote: Quote  # the quotation as the audited text has it (offsets into that text)
    start: int  # its words, without the edge punctuation that belongs to the sentence
    end: int
    status: str  # one of audit.STATUSES
    verbatim: bool  # the words are the source's (quote marks and whitespace aside)
    source: QuoteRecord | None  # the source quote behind it; None when there is none


@dataclass
class _Edit:
    """Replacements that stand or fall together, and what they mean for the records."""

    pieces: list[tuple[int, int, str]]
    settle: list[tuple[tuple[int, int], str, Match]] = field(default_factory=list)
    records: list[tuple[Quote, QuoteRecord]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    drop: bool = False


RANK = {"kept": 0, "repaired": 1, "unconfirmed": 2, "misattributed": 3}


class Round:
    """One scan of the summary: a verdict for each quote, then the edits that carry them out.

    Verdicts are collected before any edit is made, because every offset the
    detector gave refers to the text as scanned.
    """

    def __init__(self, text: str, lang: str | None, index: SourceIndex, mode: str) -> None:
        self.text = text
        self.lang = lang
        self.index = index
        self.mode = mode
        self.quotes = [q for q in find_quotes(text, lang).quotes if not q.nested]
        self.edits: list[_Edit] = []
        # quotes that stand as they are: their words, source, status and the name given
        self.verified: list[tuple[tuple[int, int], Match, str, str | None]] = []
        self.verdicts: list[Verdict] = []
        self._sentences: list[tuple[int, int]] | None = None
        self._matches: dict[int, Match | None] = {}

    def match(self, q: Quote) -> Match | None:
        """The source words behind a quote of the summary, verbatim or near."""
        if id(q) not in self._matches:
            words = normalise(self.text, *words_span(self.text, q.start, q.end)).text
            mention = q.kind == "mention"
            found = self.index.exact(words, q.speaker, mention) if words else None
            if found is None and words and not mention:
                found = self.index.near(words, q.speaker)
            self._matches[id(q)] = found
        return self._matches[id(q)]

    def judge(self, q: Quote) -> None:
        core = words_span(self.text, q.start, q.end)
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
        if q.speaker and not (said_by and same_person(q.speaker, said_by)):
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

    def _verdict(self, q: Quote, core: tuple[int, int], status: str, match: Match | None) -> None:
        source = from_source(match, status, self.index.source, core) if match else None
        verbatim = match is not None and match.score == 100.0
        self.verdicts.append(Verdict(q, core[0], core[1], status, verbatim, source))

    def _keep(
        self, core: tuple[int, int], match: Match, status: str, named: str | None = None
    ) -> None:
        exact = self.index.source[match.start : match.end]
        written = self.text[core[0] : core[1]]
        if written == exact or (match.score == 100.0 and without_layout(written) == without_layout(exact)):
            # A quote the source runs over paragraphs, copied into one paragraph (or the
            # other way round), is the same quotation: the summary's layout stays.
            self.verified.append((core, match, status, named))
            return
        edit = _Edit([(core[0], core[1], exact)], settle=[(core, status, match)])
        if match.score < 100.0:
            edit.warnings.append(
                f'an altered quote was repaired to the source words: "{shortened(exact)}"'
            )
        self.edits.append(edit)

    def _rename(self, q: Quote, said_by: str, core: tuple[int, int], match: Match) -> bool:
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
        if not same_person(named, q.speaker):
            return False  # the span holds a role or a pronoun the detector resolved
        for other in self.quotes:
            # one name cue read for several quotes: renaming it must suit them all. A
            # quote the source gives nobody, or someone else, vetoes the new name; one
            # the source infers is the said_by's is backed by this quote's explicit cue.
            if other.speaker_span == span and other is not q:
                theirs = self.match(other)
                if theirs is None or not same_person(theirs.quote.speaker or "", said_by):
                    return False
        exact = self.index.source[match.start : match.end]
        edit = _Edit([(span[0], span[1], said_by)], settle=[(core, "misattributed", match)])
        edit.warnings.append(
            f"a quote attributed to {q.speaker} was said by {said_by} in the source; "
            f'the attribution was corrected: "{shortened(exact)}"'
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
                f'a quote not found in the source was dropped with its sentence: "{shortened(words)}"',
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
                f'a quote not found in the source was dropped with its sentence: "{shortened(words)}"',
            )
            return
        edit = _Edit(pieces)
        edit.records.append((q, _gone(q, words, None, "dropped")))
        edit.warnings.append(f'a quote not found in the source was unquoted: "{shortened(words)}"')
        self.edits.append(edit)

    def _drop(self, q: Quote, status: str, match: Match | None, warning: str) -> None:
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
        self, settled: dict[tuple[int, int], tuple[str, Match]]
    ) -> tuple[str, dict[tuple[int, int], tuple[str, Match]], list[QuoteRecord], list[str]]:
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
                core = words_span(self.text, q.start, q.end)
                prior = settled.get(core)
                match = prior[1] if prior else self.match(q)
                if match is None and q.kind == "mention":
                    continue  # never audited, so never counted
                records.append(
                    _gone(q, self.text[q.start : q.end], match, "dropped", self.index.source)
                )
        new_settled: dict[tuple[int, int], tuple[str, Match]] = {}
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
                if old is None or RANK[status] >= RANK[old[0]]:
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


def from_source(
    match: Match, status: str, source: str, span: tuple[int, int] | None = None
) -> QuoteRecord:
    """A record that speaks for the source quote behind a summary quote: its words,
    offsets and speaker, and where it now sits in the summary (``span``), if anywhere."""
    sq = match.quote
    return QuoteRecord.from_quote(
        sq, text=source[match.start : match.end], start=match.start, end=match.end, status=status,
        output_start=span[0] if span else None, output_end=span[1] if span else None,
    )


def _gone(q: Quote, words: str, match: Match | None, status: str, source: str = "") -> QuoteRecord:
    if match is None:
        return QuoteRecord(words, q.speaker, NOT_IN_SOURCE, NOT_IN_SOURCE, q.kind, status)
    return from_source(match, status, source)


def shortened(words: str, limit: int = 90) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
