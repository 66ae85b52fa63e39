"""The engine seam's boilerplate for the tests' stand-in engines.

A stand-in is plugged in where a model would run; only what it translates or
summarises differs from test to test. Tokens are counted as words (plus the two
special tokens a real tokenizer adds), which is all the pipeline's batching needs.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarize.engines.catalog import ModelSpec
from summarize.options import Length


class StandIn:
    """An engine that answers by a rule of the test's choosing."""

    label = "stand-in@0"  # what the record says ran
    limit = 512  # the input tokens it accepts

    def describe(self, spec: ModelSpec) -> str:
        return self.label

    def max_input_tokens(self, spec: ModelSpec) -> int:
        return self.limit

    def count_tokens(self, spec: ModelSpec, texts: Sequence[str]) -> list[int]:
        return [len(t.split()) + 2 for t in texts]

    def summarize(self, spec: ModelSpec, texts: Sequence[str], length: Length) -> list[str]:
        raise AssertionError("not a summarizer")

    def translate(self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None) -> list[str]:
        raise AssertionError("not a translator")
