"""`summarize check`: hold any draft to its source article, quote by quote.

A summary or rewrite, whoever wrote it, makes the promise the tool's own
summaries make: what it puts between quote marks is the source's words, credited
to the person the source names. The summary audit (``audit.py``) already tests
and repairs exactly that, so this module runs it on the draft and words its
verdicts for the draft's author; a second matcher would sooner or later judge a
quote differently from the audit that repairs it.

No model takes part, so nothing here imports torch or transformers, and the
audit itself is imported only when a draft is checked: ``summarize check --help``
stays instant.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarize.errors import EXIT_OK, UsageError
from summarize.record import FactRecord, QuoteRecord, Record

if TYPE_CHECKING:
    from summarize.facts.inventory import Fact
    from summarize.quotes.audit import Verdict

__all__ = [
    "EXIT_FOUND", "FACT_STATUSES", "STATUSES", "CheckReport", "CheckedFact", "CheckedQuote",
    "check_and_write", "check_draft", "check_files",
]

STATUSES = ("verbatim", "altered", "invented", "misattributed", "unconfirmed")
FACT_STATUSES = ("confirmed", "invented")
# The same exit code as a run with failed inputs: a CI step fails, and 2 still
# means the check itself could not run.
EXIT_FOUND = 1

# The audit repairs and says what it did; a draft's author wants to hear what is wrong.
_FROM_AUDIT = {
    "kept": "verbatim",
    "repaired": "altered",
    "dropped": "invented",
    "misattributed": "misattributed",
    "unconfirmed": "unconfirmed",
}


@dataclass(frozen=True)
class CheckedQuote:
    """One quotation of the draft and what the source says about it.

    ``start``/``end`` index the draft (the quoted words, without the edge
    punctuation that belongs to the sentence); ``source`` is the source quote
    behind it, with the source's exact words, speaker, confidence and evidence,
    or None for a quote the source does not hold.
    """

    status: str  # one of STATUSES
    text: str  # the draft's words
    start: int
    end: int
    speaker: str | None  # the name the draft gives
    kind: str
    words_altered: bool  # the words differ from the source's, whatever the status says
    source: QuoteRecord | None

    @property
    def ok(self) -> bool:
        return self.status == "verbatim"


@dataclass(frozen=True)
class CheckedFact:
    """One figure of the draft (a number, amount or date) and the source fact behind it.

    ``start``/``end`` index the draft; ``source`` is the source's fact (its words
    and offsets into the article), or None for a figure the source does not hold.
    """

    status: str  # one of FACT_STATUSES
    text: str
    kind: str
    value: str
    start: int
    end: int
    source: FactRecord | None

    @property
    def ok(self) -> bool:
        return self.status == "confirmed"


@dataclass(frozen=True)
class CheckReport:
    """A draft judged against its source, and the draft as ``--fix`` would write it."""

    draft: str
    article: str  # the source article's text, as read
    lang: str | None
    quotes: list[CheckedQuote]
    fixed: str  # the draft after the summary audit's repairs
    fix_warnings: list[str] = field(default_factory=list)  # what the repairs did
    facts: list[CheckedFact] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(1 for q in self.quotes if q.status == s) for s in STATUSES}

    @property
    def fact_counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.facts if f.status == s) for s in FACT_STATUSES}

    @property
    def ok(self) -> bool:
        """Every quote verbatim and correctly attributed, every figure the source's
        (a draft without quotes or figures is ok)."""
        return all(q.ok for q in self.quotes) and all(f.ok for f in self.facts)

    @property
    def exit_code(self) -> int:
        return EXIT_OK if self.ok else EXIT_FOUND

    def problems(self) -> list[str]:
        """One sentence per quote that is not verbatim and correctly attributed."""
        return [f'{q.status}: "{_short(q.text)}" — {_detail(q, self.article)}'
                for q in self.quotes if not q.ok] + [
            f'{f.status}: {f.kind} "{f.text}" ({f.value}) — not in the source'
            for f in self.facts if not f.ok
        ]

    def record(self, draft_name: str = "-") -> Record:
        """The report in the JSON contract's shape (task "check"): ``text`` is the draft
        as checked, so each quote's ``output_start``/``output_end`` point into it, and
        ``start``/``end`` into the source article, as for a summary's quotes."""
        return Record(
            source=draft_name, task="check", lang={"source": self.lang, "target": self.lang},
            models={}, text=self.draft, quotes=[_quote_record(q) for q in self.quotes],
            warnings=self.problems(), facts=[_fact_record(f) for f in self.facts],
        )

    def to_dict(self, draft_name: str = "-", source_name: str | None = None) -> dict[str, Any]:
        data = self.record(draft_name).to_dict()
        for entry, q in zip(data["quotes"], self.quotes):
            entry["draft_speaker"] = q.speaker
        data["article"] = source_name
        data["counts"] = self.counts
        data["fact_counts"] = self.fact_counts
        return data

    def render_json(self, draft_name: str = "-", source_name: str | None = None) -> str:
        return json.dumps(self.to_dict(draft_name, source_name), ensure_ascii=False, indent=2) + "\n"

    def render_text(self) -> str:
        """One line a quote, status first so that `grep -v ^verbatim` leaves the problems."""
        width = max(len(s) for s in STATUSES + FACT_STATUSES) + 2
        lines = [
            f'{q.status:<{width}}"{_short(q.text)}" — {_detail(q, self.article)}'
            for q in self.quotes
        ]
        if self.quotes:
            counts = ", ".join(f"{n} {s}" for s, n in self.counts.items() if n)
            noun = "quotation" if len(self.quotes) == 1 else "quotations"
            lines.append(f"{len(self.quotes)} {noun}: {counts}")
        else:
            lines.append("no quotations in the draft")
        for f in self.facts:
            where = f'source: "{_short(f.source.text, 40)}"' if f.source else "not in the source"
            lines.append(f'{f.status:<{width}}{f.kind} "{f.text}" ({f.value}) — {where}')
        if self.facts:
            counts = ", ".join(f"{n} {s}" for s, n in self.fact_counts.items() if n)
            noun = "figure" if len(self.facts) == 1 else "figures"
            lines.append(f"{len(self.facts)} {noun}: {counts}")
        return "\n".join(lines) + "\n"


def check_draft(
    draft: str, source: str, lang: str | None = None, *, fabricated: str = "unquote"
) -> CheckReport:
    """Judge every quotation of ``draft`` against the quotes of ``source``.

    ``lang`` (the language of both) settles cue words and sentence ends; without
    it the source's language is identified. ``fabricated`` is the repair ``fixed``
    applies to an invented quote: "unquote" (its marks go) or "drop" (its sentence).
    """
    from summarize.facts import check as factcheck
    from summarize.quotes import audit
    from summarize.quotes.detect import find_quotes
    from summarize.stages import language

    if not draft.strip():
        raise UsageError("The draft is empty; there is nothing to check.")
    if not source.strip():
        raise UsageError("The source article is empty; there is nothing to check against.")
    lang = lang or language.identify(source)
    facts = [_checked_fact(f, behind, source) for f, behind in factcheck.judge_summary(draft, source, lang)]
    fix_from, fix_notes = draft, []
    if fabricated == "drop":
        fix_from, _, fix_notes = factcheck.drop_invented(draft, source, lang)
    result = audit.audit_summary(draft, source, find_quotes(source, lang).quotes, lang, fabricated)
    fixed = result
    if fix_from != draft:
        fixed = audit.audit_summary(fix_from, source, find_quotes(source, lang).quotes, lang, fabricated)
    quotes = [_checked(v, draft) for v in result.verdicts]
    return CheckReport(
        draft, source, lang, quotes, fixed.text, fix_notes + list(fixed.warnings), facts
    )


def check_files(
    draft: str, source: str, lang: str | None = None, *, fabricated: str = "unquote"
) -> tuple[CheckReport, str, str]:
    """Read a draft ('-' for stdin) and its source article, then check the draft.

    The draft is read as it stands (front matter kept, HTML left alone) because
    ``--fix`` hands it back; the article is read like any input, so a web page
    gives its article text. Returns the report and the two names as displayed.
    """
    from summarize.io import read

    if draft == read.STDIN and source == read.STDIN:
        raise UsageError("Only one of DRAFT and --source can be '-' (standard input).")
    draft_src, source_src = read.source_of(draft), read.source_of(source)
    draft_text = read.read_text(draft_src)
    article = read.read_document(source_src).text
    return check_draft(draft_text, article, lang, fabricated=fabricated), draft_src.display, source_src.display


def check_and_write(
    draft: str, source: str, lang: str | None, *, fix: bool, fabricated: str, format: str,
    out: Path | str | None, quiet: bool,
) -> int:
    """`summarize check`: the report (or with ``fix`` the repaired draft) to ``out`` or
    stdout, and the exit code. With ``fix`` the report still reaches the author, on stderr."""
    from summarize.io.write import write_file, write_stdout

    report, draft_name, source_name = check_files(draft, source, lang, fabricated=fabricated)
    rendered = (
        report.render_json(draft_name, source_name) if format == "json" else report.render_text()
    )
    output = report.fixed if fix else rendered
    if out is not None:
        write_file(out, output)
    else:
        write_stdout(output)
    if fix and not quiet:
        sys.stderr.write(rendered)
    return report.exit_code


def _checked(v: Verdict, draft: str) -> CheckedQuote:
    """A verdict of the audit, in the words of a check."""
    return CheckedQuote(
        status=_FROM_AUDIT[v.status], text=draft[v.start : v.end], start=v.start, end=v.end,
        speaker=v.quote.speaker, kind=v.quote.kind, words_altered=not v.verbatim,
        source=v.source,
    )


def _checked_fact(f: Fact, behind: Fact | None, source: str) -> CheckedFact:
    return CheckedFact(
        status="confirmed" if behind is not None else "invented", text=f.text, kind=f.kind,
        value=f.value, start=f.start, end=f.end,
        source=FactRecord.from_fact(behind, status="kept") if behind is not None else None,
    )


def _fact_record(f: CheckedFact) -> FactRecord:
    """Like a summary's: offsets into the source article, ``output_*`` into the draft."""
    if f.source is None:
        return FactRecord(
            text=f.text, kind=f.kind, value=f.value, start=None, end=None, status="invented",
            output_start=f.start, output_end=f.end,
        )
    return replace(f.source, status="kept", output_start=f.start, output_end=f.end)


def _quote_record(q: CheckedQuote) -> QuoteRecord:
    if q.source is None:
        return QuoteRecord(
            text=q.text, speaker=None, start=None, end=None, kind=q.kind, status=q.status,
            output_start=q.start, output_end=q.end,
        )
    return replace(q.source, status=q.status, output_start=q.start, output_end=q.end)


def _detail(q: CheckedQuote, source: str) -> str:
    """What a reader of the report needs next to the quote to act on it."""
    if q.source is None:
        return "not in the source"
    words = f'source words: "{_short(q.source.text)}"'
    if q.status == "verbatim":
        return q.speaker or "no speaker named in the draft"
    if q.status == "altered":
        return words
    said = f"draft says {q.speaker}; source: {_speaker(q.source, source)}"
    return f"{said}; {words}" if q.words_altered else said


def _speaker(r: QuoteRecord, source: str) -> str:
    """The source's speaker with the evidence a newsroom checks a name by."""
    if r.speaker is None:
        return "no speaker named"
    how = [r.speaker_confidence or "unsure"]
    ev = r.speaker_evidence
    if ev is not None:
        cue = f' "{_short(source[ev.cue[0] : ev.cue[1]], 40)}"' if ev.cue else ""
        how.insert(0, f"{ev.rule}{cue}")
    return f"{r.speaker} ({', '.join(how)})"


def _short(words: str, limit: int = 90) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
