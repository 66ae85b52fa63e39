"""Figures survive translation: every number, amount and date comes out with its value,
or the record says which one could not be confirmed; never a changed value unflagged."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest
from stand_in import StandIn

from summarize import Document, RunOptions, Task, translate_text
from summarize.engines.catalog import ModelSpec
from summarize.engines.torch_engine import TransformersEngine
from summarize.facts.inventory import find_facts
from summarize.facts.names import find_names, locate_name
from summarize.quotes.detect import find_quotes
from summarize.record import Record
from summarize.run.pipeline import run_batch

PASSAGES = [
    p.strip()
    for p in (Path(__file__).parent / "data" / "facts" / "en.txt").read_text("utf-8").split("\n\n")
    if p.strip()
]


def _audit(source: str, record: Record, tgt: str) -> Counter[str]:
    """The promise, checked on the record as a reader would: returns the status counts."""
    quotes = find_quotes(source, "en").quotes
    people = [q.speaker for q in quotes if q.speaker]
    expected = sorted(
        (f for f in find_facts(source, "en") + find_names(source, people)
         if not any(q.mark_start <= f.start < q.mark_end for q in quotes)),
        key=lambda f: (f.start, f.end),
    )
    listed = [f for f in record.facts if f.status != "invented"]
    assert [(f.start, f.end, f.value) for f in listed] == [(f.start, f.end, f.value) for f in expected]
    confirmed: set[tuple[int, int]] = set()
    for f in record.facts:
        assert f.status in ("kept", "repaired", "unconfirmed", "invented")
        if f.status == "unconfirmed":
            assert any(f.text in w for w in record.warnings)
            continue
        assert f.output_start is not None and f.output_end is not None
        if f.kind == "name":
            assert locate_name(record.text[f.output_start : f.output_end], f.value), (f, record.text)
            continue
        shown = find_facts(record.text[f.output_start : f.output_end], tgt)
        # German writes an ordinal "3." that reads as a plain 3: the value is the same
        assert [(s.kind, s.value.rstrip(".")) for s in shown] == [(f.kind, f.value.rstrip("."))], (
            f, record.text)
        confirmed.add((f.output_start, f.output_end))
    # Every figure the reader sees is a confirmed source figure or is flagged as invented.
    quoted = [(q.output_start, q.output_end) for q in record.quotes if q.output_start is not None]
    for shown in find_facts(record.text, tgt):
        if any(a <= shown.start < b for a, b in quoted):
            continue  # a verbatim quote keeps the source's own figures
        assert (shown.start, shown.end) in confirmed, (shown, record.text)
    return Counter(f.status for f in record.facts)


class Mangler(StandIn):
    """A translator stand-in that gets figures wrong the ways real models do: digits
    altered, currencies swapped, figures dropped, names dropped. Plugged in through
    the engine seam; otherwise it hands the text back as it came."""

    label = "mangler@0"

    def translate(self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None) -> list[str]:
        return [self._break(t) for t in texts]

    @staticmethod
    def _break(text: str) -> str:
        mode = zlib.crc32(text.encode()) % 5
        if mode == 0:  # alter a digit: 1,250 -> 1,350
            return re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), text, count=2)
        if mode == 1:  # swap currencies
            return text.translate(str.maketrans({"$": "€", "€": "£", "£": "$"})).replace(
                "dollars", "euros"
            )
        if mode == 2:  # drop the figures
            return re.sub(r"\d[\d,.]*", "", text)
        if mode == 3:  # drop capitalised names
            return re.sub(r"(?<=\s)[A-Z][a-z]+\s", "", text)
        return text


@pytest.mark.parametrize("tgt", ["uk", "de"])
def test_a_mangling_engine_changes_no_figure_unflagged(tgt):
    counts: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for n, passage in enumerate(PASSAGES):
        record = translate_text(passage, to=tgt, from_lang="en", engine=Mangler(), source=f"p{n}")
        counts += _audit(passage, record, tgt)
        names.update(f.status for f in record.facts if f.kind == "name")
    print(f"\nmangler en→{tgt}: " + ", ".join(f"{k} {counts[k]}" for k in
                                             ("kept", "repaired", "unconfirmed", "invented")))
    assert counts["repaired"] > 0  # the stand-in did break figures, and they were put back
    assert names["repaired"] > 0  # and dropped names, which were put back


@pytest.fixture(scope="module")
def marian_engine():
    return TransformersEngine(batch_size=32)


def test_tiny_marian_keeps_or_flags_every_figure(marian, marian_engine):
    """A random model writes nonsense: the worst case. Counted across en→uk and en→de."""
    totals: Counter[str] = Counter()
    unconfirmed: list[str] = []
    for tgt in ("uk", "de"):
        counts: Counter[str] = Counter()
        docs = [Document(text=p, source=f"p{n}", relpath=f"p{n}") for n, p in enumerate(PASSAGES)]
        options = RunOptions(task=Task.TRANSLATION, to_lang=tgt, from_lang="en", model=str(marian))
        for passage, record in zip(PASSAGES, run_batch(docs, options, marian_engine)):
            assert isinstance(record, Record)
            counts += _audit(passage, record, tgt)
            unconfirmed += [w for w in record.warnings if "could not be confirmed" in w]
        print(f"\ntiny marian en→{tgt}: " + ", ".join(
            f"{k} {counts[k]}" for k in ("kept", "repaired", "unconfirmed", "invented")))
        totals += counts
    print("\n".join(unconfirmed[:5]))
    source_facts = totals["kept"] + totals["repaired"] + totals["unconfirmed"]
    assert source_facts >= 200


class AddsFigures(Mangler):
    """Writes a figure into every sentence that the source never had."""

    @staticmethod
    def _break(text: str) -> str:
        return text.rstrip(".") + " in 1999."


def test_a_figure_the_model_adds_is_flagged_as_invented():
    passage = PASSAGES[0]
    record = translate_text(passage, to="uk", from_lang="en", engine=AddsFigures())
    counts = _audit(passage, record, "uk")
    invented = [f for f in record.facts if f.status == "invented"]
    assert counts["invented"] == len(invented) >= 1
    assert all(f.value == "1999" and f.start is None for f in invented)
    assert any("does not" in w and "1999" in w for w in record.warnings)
