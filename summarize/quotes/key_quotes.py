"""One key-quote line per utterance, so the summary and every digest format show a split quote alike.

A quotation the source interrupts ("We will stay," she said, "until it is done.") is two
pieces of one utterance. Each piece keeps its own marks, and the pieces share one line
joined by ``KEY_QUOTE_JOIN``: one pair of marks around both would quote words the source
never ran together. The pipeline and the digest renderers all group quotes here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from summarize.quotes.detect import Quote
from summarize.record import QuoteRecord

Q = TypeVar("Q", Quote, QuoteRecord)

KEY_QUOTE_JOIN = " … "  # between the pieces of one split utterance on its line


def utterance_lines(quotes: Sequence[Q]) -> list[list[Q]]:
    """Consecutive pieces of one utterance, together: what one key-quote line shows."""
    lines: list[list[Q]] = []
    for q in quotes:
        if lines and lines[-1][-1].utterance == q.utterance:
            lines[-1].append(q)
        else:
            lines.append([q])
    return lines
