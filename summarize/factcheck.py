"""Hold the facts of an output to the facts of its source.

A translation must carry every number, amount and date of each source sentence
with the same value (in the target language's conventions); a summary must not
write a figure its source does not hold. Both questions are answered on the fact
inventories of the two texts (``facts.find_facts``): no model, no word overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .facts import Fact

__all__ = ["Comparison", "compare", "describe"]


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
