"""The figure check's recovery does no model work twice and none that cannot help:
a model that drops every figure (a random one does) still gets each string once."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from stand_in import StandIn

from summarize import translate_text
from summarize.engines.catalog import ModelSpec
from summarize.facts.inventory import find_facts

PASSAGES = [
    p.strip()
    for p in (Path(__file__).parent / "data" / "facts" / "en.txt").read_text("utf-8").split("\n\n")
    if p.strip()
]


class DropsDigits(StandIn):
    """Swaps letter case and drops every digit, so every figure and every placeholder
    ("QT1") is lost, as with a random model; keeps every input it is sent."""

    def __init__(self) -> None:
        self.inputs: list[str] = []
        self.beams: dict[str, int | None] = {}  # each input, and the beam size it was sent with

    def translate(self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None) -> list[str]:
        self.inputs.extend(texts)
        self.beams.update(dict.fromkeys(texts, beams))
        return [re.sub(r"\d", "", t).swapcase() for t in texts]


def test_no_string_reaches_the_model_twice_in_a_run():
    """A sentence with a quote and a figure in its middle loses both placeholders: its
    words around the quote are translated in pieces, then the figure check needs the
    same pieces again (cut at the figure too). Each goes to the model once, and the
    sentence is not sent again with more placeholders for the model to lose."""
    engine = DropsDigits()
    text = ('The mayor said "the money is there" and left the hall at 14:30. '
            + " ".join(PASSAGES[:4]))
    record = translate_text(text, to="uk", from_lang="en", engine=engine, model="opus-mt-en-uk")
    repeated = {t: n for t, n in Counter(engine.inputs).items() if n > 1}
    assert not repeated
    assert "The mayor said" in engine.inputs
    assert [t for t in engine.inputs if "mayor" in t] == [
        "The mayor said QT1 and left the hall at 14:30.", "The mayor said"]
    assert record.text.startswith("tHE MAYOR SAID «the money is there» AND LEFT THE HALL AT 14:30")
    # Whole sentences go with the model's own beams, the pieces around lost placeholders greedily.
    assert engine.beams["The mayor said QT1 and left the hall at 14:30."] is None
    assert engine.beams["The mayor said"] == 1
    assert sum(f.status == "repaired" for f in record.facts) > 10


def test_a_figure_at_the_edge_of_its_sentence_is_recovered_without_a_placeholder():
    """'… a budget of $4 million.': the words before the figure are the sentence's only run
    of words, so the retry sends them alone (as the first pass does for a quote at the
    edge) and puts the figure back after them. A figure in mid-sentence still travels as
    a placeholder."""
    engine = DropsDigits()
    edge = "The council approved a budget of $4 million."
    middle = "Officials said 1,250 people were evacuated."
    record = translate_text(f"{edge} {middle}", to="uk", from_lang="en", engine=engine,
                            model="opus-mt-en-uk")
    assert [f.status for f in record.facts] == ["repaired", "repaired"]
    for fact in record.facts:
        shown = find_facts(record.text[fact.output_start : fact.output_end], "uk")
        assert [(s.kind, s.value) for s in shown] == [(fact.kind, fact.value)]
    assert "The council approved a budget of" in engine.inputs
    assert not any("QT" in t and "council" in t for t in engine.inputs)
    assert any("QT1" in t and "evacuated" in t for t in engine.inputs)
    assert record.text.startswith("tHE COUNCIL APPROVED A BUDGET OF ")


QUOTED = " ".join(
    f'The {who} said "we will {what}" and left the {where}.'
    for who, what, where in [("mayor", "rebuild", "hall"), ("nurse", "stay", "ward"),
                             ("farmer", "plant again", "field"), ("coach", "win", "pitch")]
)


class KeepsPlaceholders(DropsDigits):
    """Drops every digit except those of a placeholder ("QT1"): figures are lost, the
    placeholders come back, as with a model that copies what it does not know."""

    def translate(self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None) -> list[str]:
        self.inputs.extend(texts)
        return [re.sub(r"(?<!QT)\d", "", t) for t in texts]


def test_a_model_that_lost_most_placeholders_is_not_asked_for_more():
    """Four sentences lose their quote placeholders in the first pass: the figure in
    mid-sentence is then recovered in pieces at once, not first sent back full of
    placeholders for a model that has shown it loses them (a pass for nothing). A model
    that kept its placeholders still gets the sentence whole, figure protected."""
    middle = "Officials said 1,250 people were evacuated."
    losing = DropsDigits()
    record = translate_text(f"{QUOTED} {middle}", to="uk", from_lang="en", engine=losing,
                            model="opus-mt-en-uk")
    assert [f.status for f in record.facts] == ["repaired"]
    assert not any("QT" in t and "evacuated" in t for t in losing.inputs)
    assert "Officials said" in losing.inputs and "people were evacuated." in losing.inputs

    keeping = KeepsPlaceholders()
    record = translate_text(f"{QUOTED} {middle}", to="uk", from_lang="en", engine=keeping,
                            model="opus-mt-en-uk")
    assert [f.status for f in record.facts] == ["repaired"]
    assert "Officials said QT1 people were evacuated." in keeping.inputs
    assert "Officials said" not in keeping.inputs
