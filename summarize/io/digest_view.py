"""What the web page and the feed show of each article, worked out once for both.

Every piece of text here is plain text with its language; the page's template and the
feed's XML writer do all escaping. Nothing in this module writes markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from summarize.io.digest_parts import link_of, safe_href, summary_only
from summarize.quotes.key_quotes import utterance_lines
from summarize.record import QuoteRecord, Record
from summarize.stages.guard import marks_for

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


@dataclass(frozen=True)
class Run:
    """A stretch of one paragraph in one language: a quote kept in the source's words
    inside a translated summary is its own run, so that a screen reader and a
    hyphenator treat it as the language it is in."""

    text: str
    lang: str | None
    quote: bool = False


@dataclass(frozen=True)
class QuoteLine:
    """One key quote as the reader sees it: the speaker and each verbatim piece."""

    speaker: str | None
    pieces: tuple[str, ...]
    opening: str
    closing: str


@dataclass(frozen=True)
class Flag:
    kind: str
    label: str
    text: str


@dataclass(frozen=True)
class ArticleView:
    anchor: str
    title: str
    date: str | None
    source: str  # the link as text: a URL, or the path relative to the digest
    href: str | None  # the same, when it is safe to follow (http(s) or a relative path)
    source_lang: str | None
    target_lang: str | None
    paragraphs: tuple[tuple[Run, ...], ...]
    key_quotes: tuple[QuoteLine, ...]
    flags: tuple[Flag, ...]


@cache
def _flag_kinds() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    text = resources.files("summarize.io").joinpath("templates/flags.toml").read_text("utf-8")
    return tuple(
        (k["name"], k["label"], tuple(m.lower() for m in k["match"]))
        for k in tomllib.loads(text)["kind"]
    )


def flags_of(warnings: Sequence[str]) -> tuple[Flag, ...]:
    """Every warning under the kind a reader understands, the serious kinds first."""
    kinds = _flag_kinds()
    order = {name: n for n, (name, _, _) in enumerate(kinds)}
    flags = []
    for warning in warnings:
        low = warning.lower()
        kind = next(((name, label) for name, label, match in kinds if any(m in low for m in match)),
                    ("other", "Other notes"))
        flags.append(Flag(kind[0], kind[1], warning))
    return tuple(sorted(flags, key=lambda f: order.get(f.kind, len(order))))


def _runs(text: str, quotes: Sequence[QuoteRecord], source: str | None, target: str | None) -> list[Run]:
    """The summary cut into runs: a quote whose words are the source's (not translated)
    is marked with the source's language."""
    runs: list[Run] = []
    at = 0
    spans = sorted(
        (q.output_start, q.output_end, q) for q in quotes
        if q.output_start is not None and q.output_end is not None and q.output_end <= len(text)
    )
    for start, end, q in spans:
        if start < at:
            continue  # overlapping records: the first one stands
        if start > at:
            runs.append(Run(text[at:start], target))
        verbatim = text[start:end] == q.text
        runs.append(Run(text[start:end], source if verbatim else target, quote=True))
        at = end
    if at < len(text):
        runs.append(Run(text[at:], target))
    return runs


def _paragraphs(runs: list[Run], target: str | None) -> tuple[tuple[Run, ...], ...]:
    """Runs regrouped at blank lines; a quote that spans paragraphs stays one run."""
    paragraphs: list[list[Run]] = [[]]
    for run in runs:
        if run.quote:
            paragraphs[-1].append(run)
            continue
        pieces = run.text.split("\n\n")
        for n, piece in enumerate(pieces):
            if n:
                paragraphs.append([])
            if piece.strip():
                paragraphs[-1].append(Run(piece, target))
    kept = [p for p in paragraphs if any(r.text.strip() for r in p)]
    for p in kept:  # no stray spaces at a paragraph's edges
        if not p[0].quote:
            p[0] = Run(p[0].text.lstrip(), p[0].lang)
        if not p[-1].quote:
            p[-1] = Run(p[-1].text.rstrip(), p[-1].lang)
    return tuple(tuple(r for r in p if r.text) for p in kept)


def article_view(n: int, record: Record, out: Path | str | None) -> ArticleView:
    source_lang, target_lang = record.lang.get("source"), record.lang.get("target")
    body = summary_only(record)
    summary_quotes = [q for q in record.quotes if q.status != "dropped"]
    opening, closing = marks_for(target_lang) or ("“", "”")
    link = link_of(record.source, out)
    return ArticleView(
        anchor=f"article-{n}",
        title=record.title or Path(record.source).name,
        date=record.date,
        source=link,
        href=safe_href(link),
        source_lang=source_lang,
        target_lang=target_lang,
        paragraphs=_paragraphs(_runs(body, summary_quotes, source_lang, target_lang), target_lang),
        key_quotes=tuple(
            QuoteLine(line[0].speaker, tuple(q.text for q in line), opening, closing)
            for line in utterance_lines(record.key_quotes)
        ),
        flags=flags_of(record.warnings),
    )
