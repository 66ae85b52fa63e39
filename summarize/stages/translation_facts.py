"""The translation's fact check: every figure and name of a sentence comes out of the
model with its value, or is protected and translated again, or is flagged.

It works on the translation units of ``translation_units.py`` (sentences with their
protected quotes) after the model's first pass, with the same placeholders and the
same fallback as quotes: a sentence that loses, changes or adds a figure is sent
again with its quotes and figures behind placeholders, each put back written the
target's way (``fact_render``); if the model loses a placeholder, the text between
them is translated in pieces. What still fails is ``unconfirmed`` or ``invented``
in the record, with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarize.engines.catalog import ModelSpec
from summarize.engines.core import Engine
from summarize.facts import check as factcheck
from summarize.facts.inventory import Fact, find_facts
from summarize.facts.names import locate_name
from summarize.facts.render import render
from summarize.record import FactRecord
from summarize.stages import guard
from summarize.stages.translation_units import (
    PIECE_BEAMS,
    Placeholders,
    Renderer,
    Source,
    Unit,
    has_words,
    translate_jobs,
    unit_output,
)

__all__ = ["check_facts", "output_facts", "unit_records"]


def output_facts(
    output: str, tgt: str, quote_spans: dict[int, tuple[int, int]], names: Sequence[Fact] = ()
) -> list[Fact]:
    """The figures of a unit's output outside its verbatim quotes, and where it writes
    the names of ``names`` (in their order; each found once)."""
    found = [
        f for f in find_facts(output, tgt)
        if not any(a <= f.start < b for a, b in quote_spans.values())
    ]
    cursor = 0
    for name in names:
        span = locate_name(output[cursor:], name.value)
        if span is not None:
            a, b = cursor + span[0], cursor + span[1]
            found.append(Fact(output[a:b], "name", name.value, a, b))
            cursor = b
    return found


def _names(unit: Unit) -> list[Fact]:
    return [f for f in unit.facts if f.kind == "name"]


def check_facts(
    units: list[Unit], sources: Sequence[Source], renderers: list[Renderer],
    fallback_jobs: dict[str, str], engine: Engine, spec: ModelSpec, src: str, tgt: str,
    memo: dict[str, str] | None = None, placeholders: Placeholders | None = None,
) -> None:
    """Every figure of every sentence must come out with its value; a sentence that
    loses, changes or adds one is translated again with its figures protected like
    quotes (each put back written the target's way), in pieces if the model loses
    the placeholders. A sentence whose protected parts leave one run of words (a name
    or figure at its edge) sends that run alone, as the first pass does for quotes at
    the edges: no placeholder to lose, no second try; so does a sentence whose quote
    placeholders the model already lost in the first pass: it gets its pieces straight
    away, not more placeholders to lose, and so does every sentence once the model has
    lost most of the run's placeholders (``placeholders``). ``memo`` (the run's translations
    so far) spares the model every string an earlier pass already translated. Fills
    each unit's fact fields; the repaired text, when better, becomes the unit's output."""
    first: dict[int, tuple[str, factcheck.Comparison, list[Fact]]] = {}
    redo: list[int] = []
    for n, unit in enumerate(units):
        text = sources[unit.doc].text
        output, qspans = unit_output(unit, text, renderers[unit.doc], fallback_jobs)
        if output is None:
            output = text[unit.start : unit.end]
        out_facts = output_facts(output, tgt, qspans, _names(unit))
        cmp = factcheck.compare(unit.facts, out_facts)
        first[n] = (output, cmp, out_facts)
        if not cmp.ok and unit.facts:  # a sentence without figures would come back the same
            redo.append(n)

    # Second pass: the failing sentences with quotes and figures behind placeholders,
    # or straight away in pieces (see above).
    plans: dict[int, tuple[list[tuple[int, int, str]], str]] = {}
    jobs: dict[str, str] = {}
    direct: set[int] = set()  # straight to pieces: one run of words, or placeholders lost before
    hopeless = placeholders is not None and placeholders.mostly_lost()
    for n in redo:
        unit = units[n]
        text = sources[unit.doc].text
        shielded = [
            (p.start, p.end, renderers[unit.doc].render(p)[0]) for p in unit.pieces if p.quote is not None
        ] + [(f.start, f.end, render(f, tgt)) for f in unit.facts]
        shielded.sort()
        masked, cursor = "", unit.start
        for i, (a, b, _) in enumerate(shielded, 1):
            masked += text[cursor:a] + guard.placeholder(i)
            cursor = b
        masked += text[cursor : unit.end]
        plans[n] = (shielded, masked)
        worded = [p for p in _between(text, unit, shielded) if has_words(p)]
        if len(worded) > 1 and not unit.fell_back and not hopeless:
            jobs.setdefault(masked, "")
        else:
            direct.add(n)
    translate_jobs(engine, spec, src, tgt, jobs, memo=memo)
    piece_jobs: dict[str, str] = {}
    rebuilt: dict[int, str | None] = {}
    for n, (shielded, masked) in plans.items():
        done = jobs.get(masked, masked)
        rebuilt[n] = None if n in direct else guard.restore(done, [r for _, _, r in shielded])
        if rebuilt[n] is None:
            for piece in _between(sources[units[n].doc].text, units[n], shielded):
                if has_words(piece):
                    piece_jobs.setdefault(piece.strip(), "")
    translate_jobs(engine, spec, src, tgt, piece_jobs, memo=memo, beams=PIECE_BEAMS)

    for n, unit in enumerate(units):
        output, cmp, out_facts = first[n]
        status = ["kept" if i in cmp.pairs else "unconfirmed" for i in range(len(unit.facts))]
        if n in plans:
            shielded = plans[n][0]
            again = rebuilt[n]
            if again is None:
                again = _joined(sources[unit.doc].text, unit, shielded, piece_jobs)
            probe = Unit(unit.doc, unit.start, unit.end, unit.pieces, output=again, final=True)
            _, qspans = unit_output(probe, sources[unit.doc].text, renderers[unit.doc], fallback_jobs)
            facts2 = output_facts(again, tgt, qspans, _names(unit))
            cmp2 = factcheck.compare(unit.facts, facts2)
            if (len(cmp2.missing), len(cmp2.extra)) <= (len(cmp.missing), len(cmp.extra)):
                status = [
                    ("kept" if i in cmp.pairs else "repaired") if i in cmp2.pairs else "unconfirmed"
                    for i in range(len(unit.facts))
                ]
                output, cmp, out_facts = again, cmp2, facts2
                unit.output, unit.final = again, True
        unit.fact_status = status
        unit.fact_spans = [
            (out_facts[cmp.pairs[i]].start, out_facts[cmp.pairs[i]].end) if i in cmp.pairs else None
            for i in range(len(unit.facts))
        ]
        unit.invented = [out_facts[j] for j in cmp.extra]


def _between(text: str, unit: Unit, shielded: list[tuple[int, int, str]]) -> list[str]:
    """The stretches of a unit between its protected quotes and figures."""
    cuts = [unit.start] + [x for a, b, _ in shielded for x in (a, b)] + [unit.end]
    return [text[cuts[i] : cuts[i + 1]] for i in range(0, len(cuts), 2)]


def _joined(text: str, unit: Unit, shielded: list[tuple[int, int, str]], done: dict[str, str]) -> str:
    """A unit rebuilt from its stretches, each translated alone, and its protected parts."""
    out = ""
    for i, piece in enumerate(_between(text, unit, shielded)):
        if has_words(piece):
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()) :]
            piece = lead + done.get(piece.strip(), piece.strip()) + trail
        out += _spaced(out, piece)
        if i < len(shielded):
            out += _spaced(out, shielded[i][2])
    return out


def _spaced(before: str, after: str) -> str:
    """``after``, with a space in front where the model dropped the punctuation that
    kept it apart from a protected figure ("4,5 млн USD" + "мир" must not read as one word)."""
    if before[-1:].isalnum() and after[:1].isalnum():
        return " " + after
    return after


def unit_records(unit: Unit, text: str, base: int, warnings: list[str]) -> list[FactRecord]:
    """The unit's facts as records (offsets into the document and its output), and a
    warning for each that could not be confirmed or that the model added."""
    records = []
    sentence = " ".join(text[unit.start : unit.end].split())
    for fact, status, span in zip(unit.facts, unit.fact_status, unit.fact_spans):
        records.append(FactRecord.from_fact(
            fact, status=status,
            output_start=base + span[0] if span else None, output_end=base + span[1] if span else None,
        ))
        if status == "unconfirmed":
            warnings.append(
                f'{factcheck.describe(fact)} could not be confirmed in the translation: '
                f'"{fact.text}" ({fact.value}) in "{_short(sentence)}"'
            )
    for fact in unit.invented:
        records.append(FactRecord(
            text=fact.text, kind=fact.kind, value=fact.value, start=None, end=None,
            status="invented", output_start=base + fact.start, output_end=base + fact.end,
        ))
        warnings.append(
            f'the translation has {factcheck.describe(fact)} its source sentence does not: '
            f'"{fact.text}" ({fact.value}) for "{_short(sentence)}"'
        )
    return records


def _short(words: str, limit: int = 80) -> str:
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
