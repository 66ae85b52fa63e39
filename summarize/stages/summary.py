"""Summaries within the model's input limit, however long the article.

An article that fits is summarized in one go. A longer one is cut into
sentence-aligned chunks (never inside a quote), each chunk is summarized, and the
partial summaries are summarized again until one text remains. Nothing is
truncated silently: every chunking is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarize.engines.catalog import ModelSpec
from summarize.engines.core import Engine
from summarize.options import Length
from summarize.stages import guard, segment

MAX_ROUNDS = 4
SPECIAL_TOKEN_ROOM = 2  # BOS/EOS the tokenizer adds around a whole chunk


@dataclass(frozen=True)
class Source:
    text: str
    lang: str | None = None
    protected: Sequence[tuple[int, int]] = ()


@dataclass(frozen=True)
class Summary:
    text: str
    warnings: list[str]
    chunks: int = 1
    rounds: int = 1


def summarize_texts(
    sources: Sequence[Source], spec: ModelSpec, engine: Engine, length: Length
) -> list[Summary]:
    """Summaries of every source, their chunks batched together across documents."""
    budget = engine.max_input_tokens(spec) - SPECIAL_TOKEN_ROOM

    def count(texts: Sequence[str]) -> list[int]:
        return engine.count_tokens(spec, texts)

    current = [s.text for s in sources]
    protected: list[Sequence[tuple[int, int]]] = [s.protected for s in sources]
    warnings: list[list[str]] = [[] for _ in sources]
    first_chunks = [1] * len(sources)
    rounds = [0] * len(sources)
    pending = list(range(len(sources)))
    for round_no in range(MAX_ROUNDS):
        jobs: list[str] = []
        owners: list[int] = []
        for i in pending:
            pieces = segment.chunks(current[i], sources[i].lang, budget, count, protected[i])
            if round_no == 0:
                first_chunks[i] = len(pieces)
                if len(pieces) > 1:
                    total = sum(c.tokens for c in pieces)
                    warnings[i].append(
                        f"the article (about {total} tokens) is longer than the model's "
                        f"{budget + SPECIAL_TOKEN_ROOM}-token input: it was summarized in "
                        f"{len(pieces)} chunks, then the partial summaries were summarized again"
                    )
            if any(c.forced_cut for c in pieces):
                warnings[i].append(
                    "a sentence longer than the model's input was cut at word boundaries"
                )
            for c in pieces:
                jobs.append(current[i][c.start : c.end])
                owners.append(i)
        outputs = engine.summarize(spec, jobs, length) if jobs else []
        partials: dict[int, list[str]] = {}
        for owner, text in zip(owners, outputs):
            partials.setdefault(owner, []).append(text)
        next_pending = []
        for i in pending:
            rounds[i] = round_no + 1
            parts = partials.get(i, [""])
            current[i] = "\n\n".join(p for p in parts if p.strip()) if len(parts) > 1 else parts[0]
            protected[i] = ()
            if len(parts) > 1:
                next_pending.append(i)
        pending = next_pending
        if not pending:
            break
    for i in pending:
        warnings[i].append(
            f"the partial summaries still did not fit after {MAX_ROUNDS} rounds; "
            "the summary joins them"
        )
    results = []
    for i, source in enumerate(sources):
        problems = guard.output_problems(source.text, current[i])
        results.append(
            Summary(current[i], warnings[i] + problems, chunks=first_chunks[i], rounds=rounds[i])
        )
    return results
