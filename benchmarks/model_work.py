"""How much model work each pass of a translation run asks for, without a model.

    python benchmarks/model_work.py                # the 240 sentences of run.py's workload

The engine here writes words but never a digit or a placeholder, as the random-weight
stand-in does, so every figure check and every placeholder fails: the worst case the
benchmark measures. Each engine call is one pass of ``translation.translate_texts``
(first pass; pieces around lost quote placeholders; clause retries; the figure check's
retry; its pieces). Tokens are counted with run.py's stand-in tokenizer and capped the
way summarize caps a translation (min(32, 2 × source tokens + 10)), so the totals come
close to the "model inputs" and "out tokens" columns of run.py; seconds, which need a
model, come from run.py or where_time_goes.py.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench

_WORDS = ["ти", "що", "він", "вона", "ми", "так", "ні", "будь", "ласка", "дім", "місто", "рік"]


class LosesEverything:
    """An engine that answers every input with placeholder-free, digit-free words."""

    def __init__(self, tokenizer: Any, forced: int) -> None:
        self.tokenizer, self.forced = tokenizer, forced
        self.calls: list[tuple[int, int, int | None]] = []  # (inputs, capped tokens, beams) per call

    def describe(self, spec: Any) -> str:
        return "loses-everything@0"

    def max_input_tokens(self, spec: Any) -> int:
        return 512

    def count_tokens(self, spec: Any, texts: Sequence[str]) -> list[int]:
        return [len(ids) for ids in self.tokenizer(list(texts))["input_ids"]]

    def translate(self, spec: Any, texts: Sequence[str], src: str, tgt: str, beams: int | None = None) -> list[str]:
        caps = [min(self.forced, 2 * n + 10) for n in self.count_tokens(spec, texts)]
        self.calls.append((len(texts), sum(caps), beams))
        return [
            " ".join(_WORDS[(zlib.crc32(t.encode()) >> i) % len(_WORDS)] for i in range(cap))
            for t, cap in zip(texts, caps)
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=240)
    parser.add_argument("--tokens", type=int, default=32)
    args = parser.parse_args(argv)

    from transformers import AutoTokenizer

    from summarize.document import Document
    from summarize.options import RunOptions, Task
    from summarize.run.pipeline import run_batch

    folder = bench.build_opus_mt(bench.WORK / "opus-mt-en-uk", args.tokens)
    engine = LosesEverything(AutoTokenizer.from_pretrained(str(folder)), args.tokens)
    groups = bench.sentence_workload(args.sentences)
    docs = [Document(text=" ".join(g), source=f"doc{i}", relpath=f"doc{i}") for i, g in enumerate(groups)]
    options = RunOptions(task=Task.TRANSLATION, to_lang="uk", from_lang="en", model=str(folder), quiet=True)
    run_batch(docs, options, engine)
    print(f"{sum(len(g) for g in groups)} sentences; model inputs and capped output tokens per engine call:")
    for n, (inputs, tokens, beams) in enumerate(engine.calls, 1):
        how = "greedy (recovery pieces)" if beams == 1 else "the model's beams"
        print(f"  call {n}: {inputs:4d} inputs {tokens:6d} tokens, {how}")
    print(f"  total:  {sum(c[0] for c in engine.calls):4d} inputs {sum(c[1] for c in engine.calls):6d} tokens")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
