"""The stages in order: document -> quotes -> segment -> engine -> guard -> record.

``run_batch`` takes several documents at once so that sentences and chunks from
all of them share the engine's length-sorted batches.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from summarize.document import Document
from summarize.engines import catalog
from summarize.engines.catalog import ModelSpec
from summarize.engines.core import Engine
from summarize.errors import NoModelForLanguage, UsageError
from summarize.facts import check as factcheck
from summarize.options import RunOptions, Task
from summarize.quotes.detect import Quote, find_quotes
from summarize.quotes.key_quotes import KEY_QUOTE_JOIN, utterance_lines
from summarize.record import FactRecord, Failure, QuoteRecord, Record
from summarize.stages import language, summary, translation


@dataclass(frozen=True)
class Prepared:
    doc: Document
    quotes: tuple[Quote, ...]
    warnings: tuple[str, ...]


def make_engine(options: RunOptions) -> Engine:
    """The engine ``--backend`` asks for (CTranslate2 or torch), built from the options."""
    from summarize.engines.choose import make_engine as build

    return build(
        options.backend.value, device=options.device, precision=options.precision,
        batch_size=options.batch_size, num_beams=options.num_beams, offline=options.offline,
    )


def supported_languages() -> set[str]:
    return catalog.languages() | set(language.NAMES)


def prepare(doc: Document, options: RunOptions) -> Prepared:
    """Fix the document's language and find its quotes: the work done before any model."""
    if options.from_lang == "auto" and options.task is Task.QUOTES:
        # The detector reads every convention at once; identifying the language would
        # cost more than finding the quotes (py3langid loads its model in ~0.7 s).
        lang = doc.lang
    elif options.from_lang == "auto":
        lang = doc.lang or language.identify(doc.text)
    else:
        lang = language.check_code(options.from_lang, supported_languages())
    doc = replace(doc, lang=lang)
    scan = find_quotes(doc.text, lang)
    return Prepared(doc, scan.quotes, scan.warnings)


def _quote_records(quotes: Sequence[Quote]) -> list[QuoteRecord]:
    return [
        QuoteRecord.from_quote(q)
        for q in quotes
    ]


def quotes_listing(quotes: Sequence[Quote]) -> str:
    """The readable list `summarize quotes` prints: speaker — “quote”."""
    lines = []
    for q in quotes:
        if q.nested:
            continue
        who = q.speaker or ("(mention)" if q.kind == "mention" else "(unattributed)")
        lines.append(f"{who} — “{' '.join(q.text.split())}” [{q.kind}]")
    return "\n".join(lines)


def _translator(options: RunOptions, src: str, tgt: str) -> ModelSpec:
    name = options.model if options.task is Task.TRANSLATION else options.translator
    spec = catalog.resolve(name, Task.TRANSLATION) if name else catalog.route(Task.TRANSLATION, src, tgt)
    if spec.in_catalog and not spec.covers(src, tgt):
        raise NoModelForLanguage(f"The model {spec.alias} does not translate {src}→{tgt}.")
    return spec


def _summarizer(options: RunOptions, lang: str) -> ModelSpec:
    if options.model:
        return catalog.resolve(options.model, Task.SUMMARY)
    return catalog.route(Task.SUMMARY, lang, None)


@contextlib.contextmanager
def _per_article(options: RunOptions, failed: dict[int, str], i: int) -> Iterator[None]:
    """A routing error for an article whose language was identified, not given, is that
    article's failure; with --from given it is the run's (every article would fail alike)."""
    try:
        yield
    except NoModelForLanguage as exc:
        if options.from_lang != "auto":
            raise
        failed[i] = str(exc).rstrip(".")


def run(document: Document, options: RunOptions, engine: Engine | None = None) -> Record:
    """One document through every stage; raises on failure."""
    result = run_batch([document], options, engine)[0]
    if isinstance(result, Failure):
        raise UsageError(f"{result.source}: {result.reason}")
    return result


def run_batch(
    documents: Sequence[Document], options: RunOptions, engine: Engine | None = None
) -> list[Record | Failure]:
    """Every document through every stage, model work batched across documents.

    Model and language errors concern the whole run and propagate; nothing here
    prints. One exception: with the language identified per article (--from auto), an
    article in a language no model here serves fails alone, as a Failure, so one
    German story does not stop a folder of English ones.
    """
    prepared = [prepare(d, options) for d in documents]
    if options.task is Task.QUOTES:
        return [
            Record(
                source=p.doc.source, task="quotes", lang={"source": p.doc.lang, "target": None},
                models={}, text=quotes_listing(p.quotes), quotes=_quote_records(p.quotes),
                warnings=list(p.warnings), title=p.doc.title, date=p.doc.date,
            )
            for p in prepared
        ]
    if engine is None:
        engine = make_engine(options)
    texts = [p.doc.text for p in prepared]
    models: list[dict[str, str]] = [{} for _ in prepared]
    warnings: list[list[str]] = [list(p.warnings) for p in prepared]
    quotes: list[list[QuoteRecord]] = [[] for _ in prepared]
    facts: list[list[FactRecord]] = [[] for _ in prepared]
    langs = [p.doc.lang or "en" for p in prepared]
    target = options.to_lang
    failed: dict[int, str] = {}  # article index -> why no model serves it

    if options.task is Task.SUMMARY:
        from summarize.quotes import audit  # rapidfuzz and the audit rules: summaries only

        groups: dict[ModelSpec, list[int]] = {}
        for i, lang in enumerate(langs):
            with _per_article(options, failed, i):
                groups.setdefault(_summarizer(options, lang), []).append(i)
        for spec, members in groups.items():
            sources = [
                summary.Source(texts[i], langs[i], [(q.mark_start, q.mark_end) for q in prepared[i].quotes])
                for i in members
            ]
            for i, result in zip(members, summary.summarize_texts(sources, spec, engine, options.length)):
                article = prepared[i].doc.text
                draft, dropped, drop_notes = result.text, [], []
                if options.fabricated == "drop":
                    draft, dropped, drop_notes = factcheck.drop_invented(draft, article, langs[i])
                checked = audit.audit_summary(
                    draft, article, prepared[i].quotes, langs[i], options.fabricated,
                )
                texts[i] = checked.text
                quotes[i] = list(checked.quotes)
                fact_records, fact_notes = factcheck.summary_records(checked.text, article, langs[i])
                facts[i] = fact_records + dropped
                warnings[i].extend(result.warnings)
                warnings[i].extend(checked.warnings)
                warnings[i].extend(drop_notes + fact_notes)
                models[i]["summarizer"] = engine.describe(spec)
        summary_quotes = [[] if i in failed else find_quotes(t, langs[i]).quotes for i, t in enumerate(texts)]
    else:
        summary_quotes = [p.quotes for p in prepared]

    if target and (options.task is Task.TRANSLATION or options.task is Task.SUMMARY):
        pairs: dict[tuple[ModelSpec, str], list[int]] = {}
        for i, lang in enumerate(langs):
            if i in failed:
                continue
            if lang == target:
                warnings[i].append(f"the text is already in '{target}'; it was not translated")
                continue
            with _per_article(options, failed, i):
                pairs.setdefault((_translator(options, lang, target), lang), []).append(i)
        for (spec, src), members in pairs.items():
            sources = [translation.Source(texts[i], summary_quotes[i], src) for i in members]
            results = translation.translate_texts(
                sources, spec, src, target, engine, options.quotes, options.quote_marks
            )
            for i, result in zip(members, results):
                texts[i] = result.text
                if options.task is Task.SUMMARY:
                    quotes[i] = _follow(quotes[i], result.quotes)
                    facts[i] = factcheck.follow(facts[i], result.facts)
                else:
                    quotes[i] = result.quotes
                    facts[i] = result.facts
                warnings[i].extend(result.warnings)
                models[i]["translator"] = engine.describe(spec)
    elif options.task is Task.TRANSLATION:
        raise UsageError("Translation needs a target language: add --to LANG (e.g. --to uk).")

    key: list[list[QuoteRecord]] = [[] for _ in prepared]
    if options.task is Task.SUMMARY and options.key_quotes:
        from summarize.quotes import audit

        for i, p in enumerate(prepared):
            if i in failed:
                continue
            picked = audit.key_quotes(p.doc.text, p.quotes, options.key_quotes)
            texts[i], key[i] = _append_key_quotes(texts[i], picked, target or p.doc.lang)

    task = "summary" if options.task is Task.SUMMARY else "translation"
    return [
        Failure(p.doc.source, failed[i]) if i in failed else Record(
            source=p.doc.source, task=task, lang={"source": p.doc.lang, "target": target or p.doc.lang},
            models=models[i], text=texts[i], quotes=quotes[i],
            warnings=list(dict.fromkeys(warnings[i])), title=p.doc.title,
            key_quotes=key[i], date=p.doc.date, facts=facts[i],
        )
        for i, p in enumerate(prepared)
    ]


def _follow(audited: list[QuoteRecord], translated: list[QuoteRecord]) -> list[QuoteRecord]:
    """Audit records of a summary, pointed at where each quote sits in its translation.

    ``translated`` holds the quotes found in the summary (offsets into the summary)
    and where each landed in the translation; an audited span lies inside one of
    them, at the same relative place when the words stayed verbatim.
    """
    result = []
    for a in audited:
        home = next(
            (
                t for t in translated
                if a.output_start is not None and a.output_end is not None
                and t.start is not None and t.end is not None and t.output_start is not None
                and t.start <= a.output_start and a.output_end <= t.end
            ),
            None,
        )
        if home is None or home.output_start is None or home.start is None:
            result.append(replace(a, output_start=None, output_end=None))
            continue
        if home.status == "translated":
            # --quotes translate: the quote's words were translated as one unit, so no
            # finer place exists than the whole translation of the quote holding them.
            status = "translated" if a.status == "kept" else a.status
            result.append(replace(a, status=status, output_start=home.output_start, output_end=home.output_end))
            continue
        shift = home.output_start - home.start
        result.append(
            replace(a, output_start=a.output_start + shift, output_end=(a.output_end or 0) + shift)
        )
    return result


def _append_key_quotes(
    text: str, picked: Sequence[Quote], lang: str | None
) -> tuple[str, list[QuoteRecord]]:
    """Key quotes go after the summary, never through a model: verbatim by construction.

    One utterance is one line: the pieces of a split quote stand in their own marks,
    joined by " … ", so that each is still a verbatim quotation of the source
    (one pair of marks around both would quote words the source never ran together).
    """
    from summarize.stages.guard import marks_for

    opening, closing = marks_for(lang) or ("“", "”")
    out = text.rstrip()
    records = []
    for group in utterance_lines(picked):
        out += f"\n\n{group[0].speaker}: "
        for n, q in enumerate(group):
            out += (KEY_QUOTE_JOIN if n else "") + opening
            records.append(
                QuoteRecord.from_quote(q, output_start=len(out), output_end=len(out) + len(q.text))
            )
            out += q.text + closing
    return out, records
