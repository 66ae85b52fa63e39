"""Where the time of a default translation run goes: cProfile over summarize's pipeline.

    python benchmarks/where_time_goes.py                 # 200 sentences, the default engine
    python benchmarks/where_time_goes.py --backend torch --sentences 100

Uses the same full-size opus-mt-en-uk stand-in and workload as run.py (built once into
benchmarks/.work/); prints the functions with the most cumulative and own time, and a
split of the run into model calls vs everything else.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--tokens", type=int, default=32)
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)

    from summarize.document import Document
    from summarize.engines.catalog import resolve
    from summarize.engines.choose import make_engine
    from summarize.options import RunOptions, Task
    from summarize.run import pipeline

    folder = bench.build_opus_mt(bench.WORK / "opus-mt-en-uk", args.tokens)
    groups = bench.sentence_workload(args.sentences)
    docs = [Document(text=" ".join(g), source=f"doc{i}", relpath=f"doc{i}") for i, g in enumerate(groups)]
    options = RunOptions(task=Task.TRANSLATION, to_lang="uk", model=str(folder), quiet=True)
    engine = make_engine(args.backend, threads=args.threads, batch_size=args.batch_size,
                         cache_dir=bench.WORK / "ct2-cache")
    pipeline.run_batch(docs[:1], options, engine)  # load, convert, warm up: not profiled

    model_seconds = [0.0]
    inputs = [0]
    original = engine.translate
    inner = engine.engine_for(resolve(str(folder), Task.TRANSLATION)) if hasattr(engine, "engine_for") else engine
    tokens_before = getattr(inner, "generated_tokens", 0)
    batches_before = getattr(inner, "generated_batches", 0)

    def timed(*a, **k):  # type: ignore[no-untyped-def]
        inputs[0] += len(a[1])
        t0 = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            model_seconds[0] += time.perf_counter() - t0

    engine.translate = timed  # type: ignore[method-assign]
    profile = cProfile.Profile()
    t0 = time.perf_counter()
    profile.enable()
    pipeline.run_batch(docs, options, engine)
    profile.disable()
    wall = time.perf_counter() - t0
    print(f"{sum(len(g) for g in groups)} sentences, {len(docs)} articles, backend {args.backend}: "
          f"{wall:.1f} s wall, {model_seconds[0]:.1f} s in engine.translate "
          f"({100 * model_seconds[0] / wall:.0f}%), {wall - model_seconds[0]:.1f} s elsewhere; "
          f"{inputs[0]} model inputs in {getattr(inner, 'generated_batches', 0) - batches_before} "
          f"batches, {getattr(inner, 'generated_tokens', 0) - tokens_before} tokens generated (ct2 counts)")
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(key).print_stats(args.top)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
