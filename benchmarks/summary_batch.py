"""Does the torch summary batch size matter on CPU? The same articles at several sizes.

    python benchmarks/summary_batch.py --articles 6 --sizes 16 4

Each size runs ``run.py``'s ``pipeline_run`` (summarize's own pipeline, one engine, one
warm-up) on the full-size distilbart-cnn-12-6 stand-in with 64 tokens forced per summary,
one after another in this process, and prints tokens per second.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=6)
    parser.add_argument("--sizes", type=int, nargs="+", default=[16, 4])
    args = parser.parse_args(argv)

    from summarize.engines.torch_engine import TransformersEngine

    folder = bench.build_distilbart(bench.WORK / "distilbart-cnn-12-6")
    articles = bench.article_workload(args.articles)
    print("| batch size | tok/s | seconds |\n|---|---|---|")
    for size in args.sizes:
        result = bench.pipeline_run(
            "summarize", f"batch {size}", folder, articles, len(articles),
            lambda size=size: TransformersEngine(batch_size=size), f"torch fp32, batch {size}", {},
        )
        print(f"| {size} | {result.tok_s:.2f} | {result.seconds:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
