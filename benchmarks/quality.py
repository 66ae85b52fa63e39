"""Does a faster setting cost quality? Score candidate settings against your references.

    python benchmarks/quality.py --task translate --model opus-mt-en-uk --to uk \\
        --sources news.en.txt --references news.uk.txt \\
        --backend torch,ct2 --precision fp32,int8

    python benchmarks/quality.py --task summarize --model distilbart-cnn-12-6 \\
        --sources articles.jsonl --references summaries.jsonl --backend torch,ct2

    python benchmarks/quality.py --smoke     # end to end on tiny random models (no meaning)

Sources and references hold one item per line (a ``.jsonl`` file holds one JSON string, or
an object with a "text" field, per line, for articles with paragraphs). Every combination
of ``--backend`` and ``--precision`` runs through summarize's own pipeline (quotes kept,
segmentation, audit) and is scored with sacrebleu (BLEU, chrF) for translations and
ROUGE-1/2/Lsum (rouge-score) for summaries. The first candidate is the baseline: the
table also shows how closely each other candidate agrees with it, and its speed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def read_items(path: Path) -> list[str]:
    lines = path.read_text("utf-8").splitlines()
    if path.suffix == ".jsonl":
        items = []
        for line in lines:
            if line.strip():
                value = json.loads(line)
                items.append(value["text"] if isinstance(value, dict) else str(value))
        return items
    return [line for line in lines if line.strip()]


def run_candidate(args: argparse.Namespace, backend: str, precision: str, sources: list[str]) -> tuple[list[str], float]:
    from summarize.document import Document
    from summarize.engines.choose import make_engine
    from summarize.options import Length, RunOptions, Task
    from summarize.run import pipeline

    if backend == "torch":
        precision = {"float32": "fp32", "float16": "fp16", "bfloat16": "bf16"}.get(precision, precision)
    engine = make_engine(backend, precision=precision, batch_size=args.batch_size,
                         num_beams=args.beams, offline=args.offline)
    task = Task.TRANSLATION if args.task == "translate" else Task.SUMMARY
    options = RunOptions(task=task, model=args.model, to_lang=args.to, from_lang=args.from_lang,
                         length=Length(args.length), quiet=True, offline=args.offline)
    docs = [Document(text=t, source=f"item{i}", relpath=f"item{i}") for i, t in enumerate(sources)]
    start = time.perf_counter()
    outputs = []
    for record in pipeline.run_batch(docs, options, engine):
        outputs.append(getattr(record, "text", "") or "")
    return [" ".join(o.split()) for o in outputs], time.perf_counter() - start


def scores(task: str, hyps: list[str], refs: list[str]) -> dict[str, float]:
    if task == "translate":
        try:
            import sacrebleu
        except ImportError:
            sys.exit("Scoring translations needs sacrebleu: pip install 'summarize[bench]' (or sacrebleu).")
        return {"BLEU": sacrebleu.corpus_bleu(hyps, [refs]).score,
                "chrF": sacrebleu.corpus_chrf(hyps, [refs]).score}
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        sys.exit("Scoring summaries needs rouge-score: pip install 'summarize[bench]' (or rouge-score).")
    kinds = ["rouge1", "rouge2", "rougeLsum"]
    scorer = rouge_scorer.RougeScorer(kinds, use_stemmer=True)
    totals = dict.fromkeys(kinds, 0.0)
    for hyp, ref in zip(hyps, refs):
        result = scorer.score(ref, hyp)
        for k in kinds:
            totals[k] += result[k].fmeasure
    n = max(1, len(hyps))
    return {k.replace("rouge", "ROUGE-").replace("Lsum", "Lsum"): 100 * v / n for k, v in totals.items()}


def smoke(args: argparse.Namespace) -> None:
    """Tiny random models and a tiny reference set: proves the script runs, nothing more."""
    sys.path.insert(0, str(ROOT / "tests"))
    import tiny_models

    work = Path(tempfile.mkdtemp(prefix="summarize-quality-smoke-"))
    en = tiny_models.corpus("en", 6)[-6:]
    uk = tiny_models.corpus("uk", 6)[-6:]
    if args.task == "translate":
        args.model = str(tiny_models.build_marian(work / "marian"))
        args.to, args.from_lang = "uk", "en"
        (work / "src.txt").write_text("\n".join(en) + "\n", "utf-8")
        (work / "ref.txt").write_text("\n".join(uk) + "\n", "utf-8")
    else:
        args.model = str(tiny_models.build_bart(work / "bart"))
        articles = [" ".join(en[:3]), " ".join(en[3:])]
        (work / "src.txt").write_text("\n".join(articles) + "\n", "utf-8")
        (work / "ref.txt").write_text("\n".join([en[0], en[3]]) + "\n", "utf-8")
    args.sources, args.references = work / "src.txt", work / "ref.txt"
    args.offline = True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--task", choices=["translate", "summarize"], default="translate")
    parser.add_argument("--sources", type=Path)
    parser.add_argument("--references", type=Path)
    parser.add_argument("--model", help="alias, hub id or folder (default: the catalog's)")
    parser.add_argument("--to", default=None, help="target language (translate)")
    parser.add_argument("--from", dest="from_lang", default="auto")
    parser.add_argument("--backend", default="torch,ct2", help="comma list of torch, ct2, auto")
    parser.add_argument("--precision", default="fp32,int8",
                        help="comma list: fp32, int8, bf16 (torch); float32, int8, int8_float32 ... (ct2)")
    parser.add_argument("--beams", type=int, default=None, help="beam size (default: the catalog's)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--length", default="medium", choices=["short", "medium", "long"])
    parser.add_argument("--offline", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--smoke", action="store_true", help="tiny random models, tiny references")
    args = parser.parse_args(argv)
    if args.smoke:
        smoke(args)
    if not args.sources or not args.references:
        parser.error("--sources and --references are required (or --smoke)")
    if args.task == "translate" and not args.to:
        parser.error("--to is required for --task translate")
    sources, refs = read_items(args.sources), read_items(args.references)
    if len(sources) != len(refs):
        parser.error(f"{len(sources)} sources but {len(refs)} references: one per line each")

    from summarize.engines.ct2_engine import available

    backends = [b.strip() for b in args.backend.split(",") if b.strip()]
    if "ct2" in backends and not available():
        print("ctranslate2 is not installed: the ct2 candidates are skipped", file=sys.stderr)
        backends = [b for b in backends if b != "ct2"]
    precisions = [p.strip() for p in args.precision.split(",") if p.strip()]
    rows: list[dict[str, Any]] = []
    baseline: list[str] | None = None
    for backend, precision in itertools.product(backends, precisions):
        print(f"running {backend} {precision} on {len(sources)} items ...", file=sys.stderr, flush=True)
        hyps, seconds = run_candidate(args, backend, precision, sources)
        row: dict[str, Any] = {"backend": backend, "precision": precision, "seconds": round(seconds, 2)}
        row.update({k: round(v, 2) for k, v in scores(args.task, hyps, refs).items()})
        if baseline is None:
            baseline = hyps
        else:
            agree = scores(args.task, hyps, baseline)
            first = next(iter(agree))
            row[f"{first} vs baseline"] = round(agree[first], 2)
        rows.append(row)

    keys = list(dict.fromkeys(k for r in rows for k in r))
    print(f"| {' | '.join(keys)} |")
    print(f"|{'|'.join('---' for _ in keys)}|")
    for r in rows:
        print(f"| {' | '.join(str(r.get(k, '–')) for k in keys)} |")
    if args.smoke:
        print("\n(smoke run on tiny random models: the scores mean nothing, the plumbing works)")
    if args.json:
        args.json.write_text(json.dumps({"task": args.task, "model": args.model, "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
