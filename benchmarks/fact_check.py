"""What the fact check costs next to translation, measured side by side in one process.

    python benchmarks/fact_check.py                 # CTranslate2, full-size opus-mt stand-in
    python benchmarks/fact_check.py --backend torch --repeat 1

The workload is the tests' figure-heavy passages (tests/data/facts/en.txt, every
sentence with numbers, amounts, dates or names), translated en→uk through summarize's
own pipeline twice on one warm engine: once as shipped, once with the fact check
switched off. Three numbers come out:

- ``inline``: the check's own work, no model (fact inventories of each output sentence,
  pairing, name search), timed directly, as a share of the translation without the check.
  This is what a run pays when the model keeps its figures.
- ``with repairs``: the whole extra time of the run with the check, re-translations of the
  failing sentences included, as a share of the run without it. The stand-in has random
  weights, so every sentence with a figure fails and is translated again: the worst case.
- the number of sentences re-translated.

The model is benchmarks/run.py's full-size opus-mt-en-uk stand-in (built once into
benchmarks/.work/), every translation forced to ``--tokens`` new tokens.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import run as bench  # noqa: E402  (the stand-in builder and environment of the main benchmark)

PASSAGES = ROOT / "tests" / "data" / "facts" / "en.txt"


def _documents(repeat: int) -> list[Any]:
    from summarize.document import Document

    texts = [p.strip() for p in PASSAGES.read_text("utf-8").split("\n\n") if p.strip()] * repeat
    return [Document(text=t, source=f"doc{i}", relpath=f"doc{i}") for i, t in enumerate(texts)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", default="ct2", choices=["ct2", "torch"])
    parser.add_argument("--repeat", type=int, default=2, help="copies of the passages (default 2)")
    parser.add_argument("--tokens", type=int, default=32, help="forced new tokens per sentence")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args(argv)

    from summarize.engines.choose import make_engine
    from summarize.facts import check as factcheck
    from summarize.options import RunOptions, Task
    from summarize.run.pipeline import run_batch
    from summarize.stages import translation, translation_facts

    folder = bench.build_opus_mt(bench.WORK / "opus-mt-en-uk", args.tokens)
    engine = make_engine(args.backend, device="cpu", batch_size=32)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    options = RunOptions(task=Task.TRANSLATION, to_lang="uk", from_lang="en", model=str(folder), quiet=True)
    docs = _documents(args.repeat)
    run_batch(docs[:2], options, engine)  # warm-up: load (and convert) the model

    # The check's own work, timed where it runs: every call of the inventory and pairing
    # made from inside the translation check.
    spent = [0.0]
    redone = [0]

    def timed(fn: Any) -> Any:
        def inner(*a: Any, **k: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[0] += time.perf_counter() - t0
        return inner

    original_check = translation_facts.check_facts
    patched = [(translation, "find_facts"), (translation, "find_names"),
               (translation_facts, "find_facts"), (translation_facts, "locate_name"),
               (factcheck, "compare")]
    originals = [getattr(module, name) for module, name in patched]

    def counting_check(units: Any, *rest: Any) -> None:
        before = [u.output for u in units]
        original_check(units, *rest)
        redone[0] += sum(1 for u, b in zip(units, before) if u.output is not b and u.final)

    rows = []
    for label in ("without check", "with check"):
        if label == "with check":
            translation_facts.check_facts = counting_check
            for (module, name), fn in zip(patched, originals):
                setattr(module, name, timed(fn))
        else:
            translation_facts.check_facts = lambda *a, **k: None
        t0 = time.perf_counter()
        records = run_batch(docs, options, engine)
        rows.append((label, time.perf_counter() - t0, records))
    translation_facts.check_facts = original_check
    for (module, name), fn in zip(patched, originals):
        setattr(module, name, fn)

    base, full = rows[0][1], rows[1][1]
    counted = sum(len(r.facts) for r in rows[1][2] if hasattr(r, "facts"))
    print(f"backend {args.backend}, {len(docs)} passages, {counted} facts listed, "
          f"{args.tokens} tokens per sentence")
    print(f"translation without the check: {base:.2f} s")
    print(f"translation with the check:    {full:.2f} s ({redone[0]} sentences re-translated)")
    print(f"inline check (no model):       {spent[0]:.3f} s = {100 * spent[0] / base:.2f} % of translation")
    print(f"with repairs (worst case):     {100 * (full - base) / base:.1f} % of translation")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
