"""The same folder run twice, side by side: the local engine, then Ray with N actors.

    python benchmarks/ray_vs_local.py                  # 24 articles, full-size opus-mt stand-in
    python benchmarks/ray_vs_local.py --backend torch  # the torch engine instead of CTranslate2
    python benchmarks/ray_vs_local.py --window 4       # a fixed window size instead of the run's

Both runs go through ``batch.process`` (reading, quotes, segmentation, engine, guard,
atomic writes), into fresh output folders, with the same windows of documents, and
the script checks that they wrote the same files. By default the windows are the
production ones (``batch.window_docs``: 24 articles are 8 windows of 3); the local
engine also runs once as before small runs were cut (one window of up to 32), to show
what cutting costs it. The model is the full-size random
opus-mt-en-uk stand-in of ``run.py`` (forced to 32 tokens per sentence), so the model
work is real-sized; the articles are the short news items of ``tests/test_ray.py``'s
shape (whole corpus paragraphs). The time of starting the Ray runtime is reported on
its own; a cluster that is already up does not pay it. Results go to
benchmarks/results/ray-BACKEND.md and .json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as bench  # noqa: E402  (the stand-in builders and the machine description)

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def articles(folder: Path, n: int) -> Path:
    """``n`` short articles (two or three corpus paragraphs), nested in three desks."""
    paragraphs: list[str] = []
    for text in bench._en_passages():
        paragraphs += [" ".join(p.split()) for p in text.split("\n\n") if p.count(" ") >= 12]
    if folder.exists():
        shutil.rmtree(folder)
    for i in range(n):
        start = (i * 3) % len(paragraphs)
        body = "\n\n".join(paragraphs[start:start + 2] or paragraphs[:2])
        path = folder / f"desk{i % 3}" / f"{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body + "\n", "utf-8")
    return folder


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".summarize" not in p.parts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--actors", type=int, default=2)
    parser.add_argument("--window", type=int, default=None,
                        help="a fixed number of documents per window (default: batch.window_docs)")
    parser.add_argument("--backend", choices=["ct2", "torch"], default="ct2")
    parser.add_argument("--tokens", type=int, default=32, help="forced tokens per sentence")
    parser.add_argument("--out", type=Path, default=bench.RESULTS)
    args = parser.parse_args(argv)

    import ray

    from summarize.options import Backend, RunOptions, Task
    from summarize.run import batch
    from summarize.run.ray_runner import make_ray_runner

    model = bench.build_opus_mt(bench.WORK / "opus-mt-en-uk", args.tokens)
    inbox = articles(bench.WORK / "ray-inbox", args.articles)
    if args.window is not None:
        batch.WINDOW_DOCS = batch.MIN_WINDOW_DOCS = args.window
    window = batch.window_docs(args.articles)
    backend = Backend.CT2 if args.backend == "ct2" else Backend.TORCH

    def options(out: Path) -> RunOptions:
        if out.is_dir():
            shutil.rmtree(out)
        out.unlink(missing_ok=True)
        return RunOptions(task=Task.TRANSLATION, to_lang="uk", model=str(model), out=out,
                          backend=backend, offline=True, quiet=True)

    if backend is Backend.CT2:  # convert once, outside both timings
        batch.process([str(next(inbox.rglob("*.txt")))], options(bench.WORK / "ray-warm"))

    t0 = time.perf_counter()
    local = batch.process([str(inbox)], options(bench.WORK / "ray-local"))
    local_s = time.perf_counter() - t0

    cut, batch.SMALL_RUN_WINDOWS = batch.SMALL_RUN_WINDOWS, 1  # one window of up to 32, as before
    t0 = time.perf_counter()
    batch.process([str(inbox)], options(bench.WORK / "ray-local-uncut"))
    uncut_s = time.perf_counter() - t0
    uncut_window = batch.window_docs(args.articles)
    batch.SMALL_RUN_WINDOWS = cut

    t0 = time.perf_counter()
    ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False)
    init_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    remote = batch.process([str(inbox)], options(bench.WORK / "ray-ray"),
                           runner=make_ray_runner(actors=args.actors))
    ray_s = time.perf_counter() - t0
    ray.shutdown()

    same = outputs(bench.WORK / "ray-local") == outputs(bench.WORK / "ray-ray")
    assert local.written == remote.written == args.articles and not local.failures and not remote.failures
    result = {
        "machine": bench.machine(),
        "articles": args.articles, "window_docs": window, "actors": args.actors,
        "backend": args.backend, "forced_tokens": args.tokens,
        "local_s": round(local_s, 2), "local_uncut_s": round(uncut_s, 2),
        "uncut_window_docs": uncut_window, "ray_start_s": round(init_s, 2), "ray_s": round(ray_s, 2),
        "ray_vs_local": round(local_s / ray_s, 2), "identical_outputs": same,
    }
    text = (
        f"# Ray vs local: {args.articles} articles, {window} per window, backend {args.backend}, "
        f"{args.tokens} forced tokens per sentence\n\n"
        f"{result['machine'].get('cpu', '')}, {os.cpu_count()} cores\n\n"
        "| engine | wall s (models loaded inside) | × local |\n|---|---|---|\n"
        f"| local (one process, {os.cpu_count()} threads) | {local_s:.1f} | 1.00 |\n"
        f"| local, {uncut_window} per window (small runs not cut) | {uncut_s:.1f} | {local_s / uncut_s:.2f} |\n"
        f"| Ray, {args.actors} actors (1 CPU each) | {ray_s:.1f} (+ {init_s:.1f} to start Ray) "
        f"| {local_s / ray_s:.2f} |\n\n"
        f"Outputs identical file for file: {same}.\n"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"ray-{args.backend}.md").write_text(text, "utf-8")
    (args.out / f"ray-{args.backend}.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    print(text)
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
