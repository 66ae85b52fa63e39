"""Hold the facts of an output to the facts of its source.

A translation must carry every number, amount and date of each source sentence
with the same value (in the target language's conventions); a summary must not
write a figure its source does not hold. Both questions are answered on the fact
inventories of the two texts (``facts.find_facts``): no model, no word overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from summarize.facts.inventory import Fact, find_facts
from summarize.record import FactRecord

__all__ = [
    "Comparison", "compare", "describe", "drop_invented", "follow", "judge_summary", "summary_records",
]


@dataclass(frozen=True)
class Comparison:
    """Which source fact each output fact confirms, and what is left over on each side."""

    pairs: dict[int, int]  # index into the source facts -> index into the output facts
    missing: list[int]  # source facts with no output fact of the same value
    extra: list[int]  # output facts with no source fact behind them

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra


def _lenient(a: Fact, b: Fact) -> bool:
    """Equal values a language may write differently: an ordinal "3rd" as a plain "3"."""
    if a.kind != b.kind:
        return False
    return a.value.rstrip(".") == b.value.rstrip(".") and not a.value.endswith("%")


def compare(source: Sequence[Fact], output: Sequence[Fact]) -> Comparison:
    """Pair each source fact with an unused output fact of the same kind and value.

    Exact values pair first, in order, so that a repeated figure confirms each of
    its occurrences once; only then the lenient forms.
    """
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for same in (lambda a, b: a.kind == b.kind and a.value == b.value, _lenient):
        for i, f in enumerate(source):
            if i in pairs:
                continue
            for j, g in enumerate(output):
                if j not in used and same(f, g):
                    pairs[i] = j
                    used.add(j)
                    break
    missing = [i for i in range(len(source)) if i not in pairs]
    extra = [j for j in range(len(output)) if j not in used]
    return Comparison(pairs, missing, extra)


def describe(fact: Fact) -> str:
    """"a number", "an amount", "a date": the fact's kind as a warning says it."""
    return {"number": "a number", "money": "an amount", "date": "a date", "name": "a name"}.get(
        fact.kind, "a fact"
    )


# --- summaries: every figure must be the source's ---------------------------------------


def _keys(f: Fact) -> set[tuple[str, str]]:
    """The (kind, value) pairs under which a source fact vouches for a summary's figure:
    itself, and the parts a summary may keep of it (the amount without its currency,
    a year or a day and month of a date, either end of a range, a plain ordinal)."""
    keys = {(f.kind, f.value)}
    value = f.value
    if f.kind == "money":
        amount = value.split(" ")[0]
        keys.add(("number", amount))
        keys.update(("number", part) for part in amount.split("-"))
    elif f.kind == "date" and not value.startswith("T"):
        parts = value.lstrip("-").split("-")
        if not value.startswith("--"):
            keys.add(("number", parts[0]))
            if len(parts) == 3:
                keys.add(("date", f"--{parts[1]}-{parts[2]}"))
                keys.add(("date", f"{parts[0]}-{parts[1]}"))
    elif f.kind == "number":
        bare = value.rstrip("%").rstrip(".")
        keys.add(("number", bare))
        keys.add(("number", bare + "."))
        keys.update(("number", part) for part in bare.split("-"))
    return keys


def _vouched(f: Fact, index: dict[tuple[str, str], Fact]) -> Fact | None:
    """The source fact behind a summary's figure, or None when the source has none."""
    if (f.kind, f.value) in index:
        return index[(f.kind, f.value)]
    if f.kind == "number" and f.value.endswith("."):
        return index.get(("number", f.value[:-1]))
    if f.kind == "date" and len(f.value) == 10 and not f.value.startswith("--"):
        # "3 March 2024" in a summary of a text that gives "3 March" and the year apart
        return index.get(("date", "--" + f.value[5:]))
    return None


def _index(source_facts: Sequence[Fact]) -> dict[tuple[str, str], Fact]:
    index: dict[tuple[str, str], Fact] = {}
    for f in source_facts:
        for key in sorted(_keys(f)):
            index.setdefault(key, f)
    return index


def judge_summary(summary: str, source: str, lang: str | None) -> list[tuple[Fact, Fact | None]]:
    """Each figure of the summary with the source fact behind it (None: invented).

    Figures inside the summary's quotations are left to the quote audit, which
    repairs a quote to the source's words or removes it: judging them here as well
    would drop a sentence the quote audit would have mended.
    """
    from summarize.quotes.detect import find_quotes

    quoted = [(q.mark_start, q.mark_end) for q in find_quotes(summary, lang).quotes]
    index = _index(find_facts(source, lang))
    return [
        (f, _vouched(f, index)) for f in find_facts(summary, lang)
        if f.kind != "name" and not any(a <= f.start < b for a, b in quoted)
    ]


def drop_invented(summary: str, source: str, lang: str | None) -> tuple[str, list[FactRecord], list[str]]:
    """The summary without the sentences that state a figure the source does not hold,
    the records of those figures (status ``invented``, no output span) and a warning each."""
    from summarize.stages import segment
    invented = [f for f, behind in judge_summary(summary, source, lang) if behind is None]
    if not invented:
        return summary, [], []
    cut: list[tuple[int, int]] = []
    for a, b in (s for para in segment.document_sentences(summary, lang) for s in para):
        if any(a <= f.start < b for f in invented):
            while b < len(summary) and summary[b] in " \t":
                b += 1
            cut.append((a, b))
    text, cursor = "", 0
    for a, b in cut:
        text += summary[cursor:a]
        cursor = b
    text += summary[cursor:]
    records = [
        FactRecord(text=f.text, kind=f.kind, value=f.value, start=None, end=None, status="invented")
        for f in invented
    ]
    warnings = [
        f'{describe(f)} not in the source was dropped with its sentence: "{f.text}" ({f.value})'
        for f in invented
    ]
    return text.strip() if text.strip() else text, records, warnings


def summary_records(summary: str, source: str, lang: str | None) -> tuple[list[FactRecord], list[str]]:
    """Records of the summary's figures: ``kept`` (the source's, with the source's span)
    or ``invented``, with offsets into the summary, and a warning for each invented one."""
    records, warnings = [], []
    for f, behind in judge_summary(summary, source, lang):
        if behind is None:
            records.append(FactRecord(
                text=f.text, kind=f.kind, value=f.value, start=None, end=None, status="invented",
                output_start=f.start, output_end=f.end,
            ))
            warnings.append(
                f'the summary has {describe(f)} the source does not: "{f.text}" ({f.value})'
            )
        else:
            records.append(FactRecord(
                text=behind.text, kind=behind.kind, value=behind.value, start=behind.start, end=behind.end,
                status="kept", output_start=f.start, output_end=f.end,
            ))
    return records, warnings


def follow(audited: Sequence[FactRecord], translated: Sequence[FactRecord]) -> list[FactRecord]:
    """A summary's fact records carried into its translation: offsets into the
    translation, and the translation's verdict where it is worse than ``kept``."""
    by_span = {(t.start, t.end): t for t in translated if t.start is not None}
    result = []
    for a in audited:
        t = by_span.get((a.output_start, a.output_end))
        if t is None:
            result.append(replace(a, output_start=None, output_end=None))
            continue
        status = a.status if a.status == "invented" or t.status == "kept" else t.status
        result.append(replace(a, status=status, output_start=t.output_start, output_end=t.output_end))
    return result + [t for t in translated if t.status == "invented"]
