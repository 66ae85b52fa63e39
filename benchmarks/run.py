"""Side-by-side speed of the default models: naive transformers, CTranslate2, summarize.

    python benchmarks/run.py            # full run (about 12-15 minutes on 2 CPU cores)
    python benchmarks/run.py --quick    # smoke check (about a minute)

No download: the two default models are rebuilt at full size from the catalog's
``arch`` values with seeded random weights (opus-mt-en-uk and distilbart-cnn-12-6),
saved with ``save_pretrained`` into benchmarks/.work/, and every contender loads
the same folder. Random weights never stop early, so every contender is forced to
write the same number of tokens (min = max new tokens). Results go to
benchmarks/results/latest.md and latest.json; the table is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import sys
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "tests"))  # tiny_models: the vocabulary-training helpers

warnings.filterwarnings("ignore")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

_SEED = 1234


# -- workloads ----------------------------------------------------------------------------------


def _en_passages() -> list[str]:
    texts = [(ROOT / "samples" / "bakhmut-en.txt").read_text("utf-8")]
    for path in sorted((ROOT / "tests" / "data" / "quotes" / "en").glob("*.txt")):
        if path.stem != "000-bakhmut-seed":  # a copy of the sample
            texts.append(path.read_text("utf-8"))
    return texts


def _uk_passages() -> list[str]:
    return [p.read_text("utf-8") for p in sorted((ROOT / "tests" / "data" / "quotes" / "uk").glob("*.txt"))]


def sentence_workload(n: int) -> list[list[str]]:
    """``n`` distinct English news sentences, grouped by the article they come from.

    The sample and the quote corpus give about 330; the rest are the tests' generated
    news-like sentences (distinct, so the pipeline's dedup of repeated strings gains nothing).
    """
    import tiny_models

    from summarize.stages import segment

    groups: list[list[str]] = []
    seen: set[str] = set()
    total = 0
    for text in _en_passages():
        group = []
        for para in segment.paragraphs(text):
            for a, b in segment.sentences(text, "en", para):
                s = text[a:b].strip()
                if s and s not in seen and total < n:
                    seen.add(s)
                    group.append(s)
                    total += 1
        if group:
            groups.append(group)
    extra = [s for s in tiny_models.corpus("en", 4 * n) if s not in seen and not s.startswith("Quotes:")]
    extra = list(dict.fromkeys(extra))[: max(0, n - total)]
    for first in range(0, len(extra), 8):  # articles of 8 generated sentences
        groups.append(extra[first : first + 8])
    return groups


def article_workload(n: int) -> list[str]:
    """``n`` news-length articles (about 250-550 words): the Bakhmut sample, then corpus
    passages joined in pairs, (1,2) (3,4) ... and then (2,3) (4,5) ... for more."""
    passages = _en_passages()
    articles = [passages[0]]
    rest = passages[1:]
    for offset in (0, 1):
        for first in range(offset, len(rest) - 1, 2):
            articles.append(rest[first].strip() + "\n\n" + rest[first + 1].strip())
    return articles[:n]


# -- full-size stand-ins ------------------------------------------------------------------------


def _spec(alias: str) -> Any:
    from summarize.engines.catalog import load_catalog

    return next(s for s in load_catalog() if s.alias == alias)


def _pad_vocab(vocab: dict[str, int], size: int, reserve: int = 0) -> None:
    i = 0
    while len(vocab) < size - reserve:
        vocab[f"<filler{i}>"] = len(vocab)
        i += 1


def _gen_config_file(folder: Path, values: dict[str, Any]) -> None:
    """Write generation_config.json only when it changes (the CT2 cache keys on file times)."""
    path = folder / "generation_config.json"
    text = json.dumps(values, indent=2, sort_keys=True) + "\n"
    if not path.is_file() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")


def build_opus_mt(dest: Path, forced: int) -> Path:
    """opus-mt-en-uk at full size: the catalog's arch, sentencepiece vocabularies trained on the
    corpora and padded with filler pieces to the real 61,587 entries."""
    import tiny_models
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    arch = _spec("opus-mt-en-uk").arch
    done = dest / "model.safetensors"
    if not done.is_file():
        dest.mkdir(parents=True, exist_ok=True)
        src = tiny_models._train_spm(_en_passages() + tiny_models.corpus("en", 3000), 8000, model_type="unigram")
        tgt = tiny_models._train_spm(_uk_passages() + tiny_models.corpus("uk", 3000), 8000, model_type="unigram")
        (dest / "source.spm").write_bytes(src)
        (dest / "target.spm").write_bytes(tgt)
        vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
        for piece in tiny_models._spm_pieces(src) + tiny_models._spm_pieces(tgt):
            if piece not in vocab and piece not in ("<s>", "<unk>", "</s>", "<pad>"):
                vocab[piece] = len(vocab)
        _pad_vocab(vocab, arch["vocab"], reserve=1)
        pad_id = vocab["<pad>"] = len(vocab)
        (dest / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
        tokenizer = MarianTokenizer(
            source_spm=str(dest / "source.spm"), target_spm=str(dest / "target.spm"),
            vocab=str(dest / "vocab.json"), source_lang="en", target_lang="uk",
            model_max_length=arch["positions"],
        )
        config = MarianConfig(
            vocab_size=len(vocab), max_position_embeddings=arch["positions"],
            d_model=arch["d_model"], encoder_layers=arch["encoder_layers"],
            decoder_layers=arch["decoder_layers"], encoder_attention_heads=arch["heads"],
            decoder_attention_heads=arch["heads"], encoder_ffn_dim=arch["ffn"],
            decoder_ffn_dim=arch["ffn"], activation_function="swish", scale_embedding=True,
            static_position_embeddings=True, share_encoder_decoder_embeddings=True,
            tie_word_embeddings=True, pad_token_id=pad_id, eos_token_id=0, bos_token_id=0,
            decoder_start_token_id=pad_id, forced_eos_token_id=0,
        )
        import torch

        torch.manual_seed(_SEED)
        model = MarianMTModel(config).eval()
        tiny_models._save(model, tokenizer, dest)
    pad_id = json.loads((dest / "config.json").read_text("utf-8"))["pad_token_id"]
    # The real opus-mt generation_config, except max_length: summarize caps a translation at
    # min(max_length, 2 x source + 10) new tokens, so max_length = the forced length makes its
    # own rule yield the forced length (the real value is 512).
    _gen_config_file(dest, {
        "bad_words_ids": [[pad_id]], "bos_token_id": 0, "decoder_start_token_id": pad_id,
        "eos_token_id": 0, "forced_eos_token_id": 0, "max_length": forced, "num_beams": 4,
        "pad_token_id": pad_id, "renormalize_logits": True,
    })
    return dest


def build_distilbart(dest: Path) -> Path:
    """distilbart-cnn-12-6 at full size: byte-level BPE trained on the corpora, its vocab.json
    padded with filler tokens (never produced by the merges) to the real 50,264 entries."""
    import tiny_models
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

    arch = _spec("distilbart-cnn-12-6").arch
    if not (dest / "model.safetensors").is_file():
        dest.mkdir(parents=True, exist_ok=True)
        bpe = ByteLevelBPETokenizer()
        bpe.train_from_iterator(
            _en_passages() + tiny_models.corpus("en", 3000), vocab_size=20000, min_frequency=2,
            special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"], show_progress=False,
        )
        bpe.save_model(str(dest))
        vocab = json.loads((dest / "vocab.json").read_text("utf-8"))
        _pad_vocab(vocab, arch["vocab"])
        (dest / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
        tokenizer = BartTokenizer.from_pretrained(dest, model_max_length=arch["positions"])
        config = BartConfig(
            vocab_size=arch["vocab"], max_position_embeddings=arch["positions"],
            d_model=arch["d_model"], encoder_layers=arch["encoder_layers"],
            decoder_layers=arch["decoder_layers"], encoder_attention_heads=arch["heads"],
            decoder_attention_heads=arch["heads"], encoder_ffn_dim=arch["ffn"],
            decoder_ffn_dim=arch["ffn"], activation_function="gelu",
            pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
            forced_bos_token_id=0, forced_eos_token_id=2,
        )
        import torch

        torch.manual_seed(_SEED)
        model = BartForConditionalGeneration(config).eval()
        tiny_models._save(model, tokenizer, dest, tokenizer_class="BartTokenizer")
    # distilbart-cnn-12-6's own generation settings.
    _gen_config_file(dest, {
        "bos_token_id": 0, "decoder_start_token_id": 2, "early_stopping": True, "eos_token_id": 2,
        "forced_bos_token_id": 0, "forced_eos_token_id": 2, "length_penalty": 2.0,
        "max_length": 142, "min_length": 56, "no_repeat_ngram_size": 3, "num_beams": 4,
        "pad_token_id": 1,
    })
    return dest


# -- measuring ----------------------------------------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class PeakRSS:
    """Samples the process RSS every 20 ms while a contender runs."""

    def __enter__(self) -> PeakRSS:
        gc.collect()
        self.base = _rss_mb()
        self.peak = self.base
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        self.loads: list[float] = []
        ticks = 0
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss_mb())
            ticks += 1
            if ticks % 50 == 0:  # once a second: is anything else using the cores?
                self.loads.append(float(Path("/proc/loadavg").read_text().split()[0]))

    @property
    def load_avg(self) -> float | None:
        loads = getattr(self, "loads", [])
        return round(sum(loads) / len(loads), 2) if loads else None

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mb())


@dataclass
class Result:
    task: str
    contender: str
    group: str  # a, b or c
    settings: str
    items: int  # sentences or articles timed
    tokens: int  # output tokens generated (decoding steps, EOS included)
    seconds: float
    load_s: float
    convert_s: float | None
    peak_rss_mb: float
    added_rss_mb: float
    engine_inputs: int | None = None  # segments the pipeline sent to the model
    load_avg: float | None = None  # 1-minute load average while it ran (cores busy)
    notes: list[str] = field(default_factory=list)

    @property
    def tok_s(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0

    @property
    def items_s(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0


def _count_generate(model: Any, counter: list[int]) -> None:
    """Count the tokens transformers generates (each row's length after the start token)."""
    original = model.generate

    def generate(*args: Any, **kwargs: Any) -> Any:
        out = original(*args, **kwargs)
        counter[0] += int(out.shape[0]) * (int(out.shape[1]) - 1)
        return out

    model.generate = generate


def _with_load(mem: PeakRSS, result: Result) -> Result:
    result.load_avg = mem.load_avg
    return result


# -- contenders ---------------------------------------------------------------------------------


def naive(task: str, folder: Path, items: list[str], forced: int) -> Result:
    """(a) What a user writes: one document at a time, the model's generation defaults."""
    import torch
    import transformers
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    transformers.logging.set_verbosity_error()
    with PeakRSS() as mem:
        t0 = time.perf_counter()
        tokenizer = AutoTokenizer.from_pretrained(folder)
        model = AutoModelForSeq2SeqLM.from_pretrained(folder).eval()
        load = time.perf_counter() - t0
        tokens = 0

        def one(text: str) -> str:
            nonlocal tokens
            enc = tokenizer(text, return_tensors="pt", truncation=True)
            with torch.inference_mode():
                out = model.generate(**enc, min_new_tokens=forced, max_new_tokens=forced)
            tokens += out.shape[1] - 1
            return tokenizer.decode(out[0], skip_special_tokens=True)

        one(items[0][:200])  # warm-up, not timed
        tokens = 0
        t0 = time.perf_counter()
        for text in items:
            one(text)
        seconds = time.perf_counter() - t0

    return _with_load(mem, Result(task, "naive transformers, one at a time", "a",
                  "fp32, model defaults (beam 4), batch 1", len(items), tokens, seconds, load,
                  None, mem.peak, mem.peak - mem.base))


def ct2_direct(task: str, folder: Path, spec: Any, items: list[str], forced: int,
               compute: str, threads: int, cache: Path, batch: int, workers: int = 1) -> Result:
    """(b) CTranslate2 used directly: convert, then translate_batch over the whole list.

    ``workers`` > 1: the tuned variant, ``threads`` shared out as that many workers of
    ``threads // workers`` threads each (CTranslate2 runs the chunks of max_batch_size
    in parallel), as summarize's engine does on CPU."""
    import ctranslate2
    from transformers import AutoTokenizer

    from summarize.engines.ct2_engine import CT2Engine

    gen = json.loads((folder / "generation_config.json").read_text("utf-8"))
    with PeakRSS() as mem:
        conv = CT2Engine(precision=compute, cache_dir=cache)
        t0 = time.perf_counter()
        converted = conv._convert(spec, compute)
        convert_s = time.perf_counter() - t0 if conv.conversions else None
        t0 = time.perf_counter()
        tokenizer = AutoTokenizer.from_pretrained(folder)
        translator = ctranslate2.Translator(str(converted), device="cpu", compute_type=compute,
                                            inter_threads=workers,
                                            intra_threads=max(1, threads // workers))
        load = time.perf_counter() - t0
        prefix = None
        if gen.get("forced_bos_token_id") is not None:
            prefix = [tokenizer.convert_ids_to_tokens(gen["forced_bos_token_id"])]
        options = dict(
            beam_size=gen.get("num_beams", 1), length_penalty=gen.get("length_penalty", 1.0),
            no_repeat_ngram_size=gen.get("no_repeat_ngram_size", 0), max_batch_size=batch,
            min_decoding_length=forced, max_decoding_length=forced, max_input_length=0,
        )

        def run(texts: list[str]) -> int:
            source = [tokenizer.convert_ids_to_tokens(tokenizer(t)["input_ids"]) for t in texts]
            results = translator.translate_batch(
                source, target_prefix=[prefix] * len(texts) if prefix else None, **options
            )
            tokenizer.batch_decode(
                [tokenizer.convert_tokens_to_ids(r.hypotheses[0]) for r in results],
                skip_special_tokens=True,
            )
            return sum(len(r.hypotheses[0]) for r in results)

        run([items[0][:200]])
        t0 = time.perf_counter()
        tokens = run(items)
        seconds = time.perf_counter() - t0

    name = f"CTranslate2 {compute}" + (", tuned" if workers > 1 else "")
    how = (f"{workers} workers x {max(1, threads // workers)} thread" if workers > 1 else f"{threads} threads")
    return _with_load(mem, Result(task, name, "b",
                  f"{compute}, beam {options['beam_size']}, batch {batch}, {how}",
                  len(items), tokens, seconds, load, convert_s, mem.peak, mem.peak - mem.base))


def pipeline_run(task: str, name: str, folder: Path, docs: list[str], items: int,
                 engine_factory: Callable[[], Any], settings: str, options: dict[str, Any]) -> Result:
    """(c) summarize's own pipeline (quotes, segmentation, guard, audit) with one shared engine."""
    from summarize.document import Document
    from summarize.engines.catalog import resolve
    from summarize.engines.choose import AutoEngine
    from summarize.engines.ct2_engine import CT2Engine
    from summarize.options import RunOptions, Task
    from summarize.run import pipeline

    kind = Task.TRANSLATION if task == "translate" else Task.SUMMARY
    run_options = RunOptions(task=kind, model=str(folder), quiet=True, **options)
    spec = resolve(str(folder), kind)
    documents = [Document(text=t, source=f"doc{i}", relpath=f"doc{i}") for i, t in enumerate(docs)]
    with PeakRSS() as mem:
        engine = engine_factory()
        # AutoEngine routes the model to one backend engine: count and load through that one.
        inner = engine.engine_for(spec) if isinstance(engine, AutoEngine) else engine
        t0 = time.perf_counter()
        if isinstance(inner, CT2Engine):
            conversions_before = inner.conversions
            inner.load(spec)
            convert_note = inner.conversions > conversions_before
        else:
            inner.load(spec)
            convert_note = False
        load = time.perf_counter() - t0
        counter = [0]
        if not isinstance(inner, CT2Engine):
            _count_generate(inner.load(spec).model, counter)
        warm = Document(text=docs[0][:300], source="warm-up", relpath="warm-up")
        pipeline.run_batch([warm], run_options, engine)  # warm-up, not timed
        counter[0] = 0
        if isinstance(inner, CT2Engine):
            inner.generated_tokens = 0
        calls = [0]
        for method in ("translate", "summarize"):
            original = getattr(engine, method)

            def counted(spec_: Any, texts: Any, *rest: Any, _orig: Any = original) -> Any:
                calls[0] += len(texts)
                return _orig(spec_, texts, *rest)

            setattr(engine, method, counted)
        t0 = time.perf_counter()
        records = pipeline.run_batch(documents, run_options, engine)
        seconds = time.perf_counter() - t0
        tokens = inner.generated_tokens if isinstance(inner, CT2Engine) else counter[0]
    failures = [r for r in records if not hasattr(r, "text")]
    notes = [f"{len(failures)} documents failed"] if failures else []
    if convert_note:
        notes.append("load includes a one-off conversion")
    del engine, inner
    return _with_load(mem, Result(task, name, "c", settings, items, tokens, seconds, load, None,
                      mem.peak, mem.peak - mem.base, engine_inputs=calls[0], notes=notes))


# -- report -------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    import torch
    import transformers

    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import ctranslate2

        ct2 = ctranslate2.__version__
    except ImportError:
        ct2 = None
    return {
        "cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
        "torch": torch.__version__, "transformers": transformers.__version__,
        "ctranslate2": ct2, "platform": platform.platform(),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def table(results: list[Result], info: dict[str, Any], setup: dict[str, Any]) -> str:
    lines = [
        f"Machine: {info['cpu']}, {info['cores']} cores, {setup['threads']} threads; "
        f"torch {info['torch']}, transformers {info['transformers']}, "
        f"ctranslate2 {info['ctranslate2']}; {info['date']}.",
        "",
        "Random-weight full-size stand-ins; every contender is forced to the same output "
        f"length (min = max new tokens: {setup['translate_tokens']} per sentence, "
        f"{setup['summary_tokens']} per summary).",
        "",
    ]
    for task, unit in (("translate", "sent/s"), ("summarize", "art/s")):
        rows = [r for r in results if r.task == task]
        if not rows:
            continue
        title = (f"Translate: opus-mt-en-uk stand-in, {setup['sentences']} sentences"
                 if task == "translate" else
                 f"Summarize: distilbart-cnn-12-6 stand-in, {setup['articles']} articles")
        base = next((r for r in rows if r.group == "a"), None)
        direct = next((r for r in rows if r.contender == "CTranslate2 int8"), None)
        lines += [f"### {title}", "",
                  f"| | contender | settings | items | out tokens | tok/s | {unit} | × naive (tok/s) | × naive ({unit}) | × CT2 int8 direct ({unit}) | load s | convert s | peak RSS MB (+added) | model inputs | load avg |",
                  "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in rows:
            vs_naive = f"{r.tok_s / base.tok_s:.2f}" if base and base.tok_s else "–"
            vs_naive_items = f"{r.items_s / base.items_s:.2f}" if base and base.items_s else "–"
            vs_default = f"{r.items_s / direct.items_s:.2f}" if direct and direct.items_s else "–"
            conv = f"{r.convert_s:.1f}" if r.convert_s is not None else "–"
            items_s = f"{r.items_s:.2f}" if task == "translate" else f"{r.items_s:.3f}"
            note = f" ({'; '.join(r.notes)})" if r.notes else ""
            lines.append(
                f"| {r.group} | {r.contender}{note} | {r.settings} | {r.items} | {r.tokens} | "
                f"{r.tok_s:.1f} | {items_s} | {vs_naive} | {vs_naive_items} | {vs_default} | {r.load_s:.1f} | {conv} | "
                f"{r.peak_rss_mb:.0f} (+{r.added_rss_mb:.0f}) | {r.engine_inputs or r.items} | {r.load_avg if r.load_avg is not None else '–'} |"
            )
        lines.append("")
    lines += [
        "× naive (tok/s) is a ratio of tokens per second; the other two are ratios of input items "
        "per second, i.e. of wall time on the same sentences or articles. (a) runs on an evenly spaced subset "
        f"({setup['naive_sentences']} sentences, {setup['naive_articles']} articles) to keep the "
        "run short; per-item cost is flat at a forced length, so its rate stands for the whole "
        "workload. (c) counts the tokens its engine really generated: it translates segments "
        "(quotes cut out; a random model loses placeholders, so those sentences are translated "
        "again in pieces) and its own length rule gives short segments fewer tokens; \"model inputs\" "
        "counts the texts each contender sent to the model. \"load avg\" is the 1-minute load "
        f"average while the contender ran: above {setup['threads']} (the threads used), other "
        "processes were competing for the cores and that row's speed is understated.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small workload: a smoke check")
    parser.add_argument("--sentences", type=int, default=500)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--tokens", type=int, default=32, help="forced tokens per translation")
    parser.add_argument("--summary-tokens", type=int, default=64, help="forced tokens per summary")
    parser.add_argument("--naive-sentences", type=int, default=60)
    parser.add_argument("--naive-articles", type=int, default=4)
    parser.add_argument("--only", choices=["translate", "summarize"], default=None)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--float32", action="store_true", help="also CTranslate2 float32 direct")
    parser.add_argument("--torch-int8", action="store_true", help="also summarize with torch int8")
    parser.add_argument("--skip", default="",
                        help="comma list of contenders to leave out: naive, torch, tuned")
    args = parser.parse_args(argv)
    if args.quick:
        args.sentences, args.articles = min(args.sentences, 24), min(args.articles, 2)
        args.tokens, args.summary_tokens = min(args.tokens, 8), min(args.summary_tokens, 12)
        args.naive_sentences, args.naive_articles = 8, 1

    import torch

    torch.set_num_threads(args.threads)
    from summarize.engines import core as engine_core
    from summarize.engines.catalog import resolve
    from summarize.engines.choose import make_engine
    from summarize.engines.ct2_engine import available
    from summarize.engines.torch_engine import TransformersEngine
    from summarize.options import Precision, Task

    default_settings = ("plain install, no flags: --backend auto = CTranslate2 int8, beam 4, "
                        "one-thread workers per core, batches of up to 8"
                        if available() else "plain install without ctranslate2: torch fp32, beam 4, batch 16")

    # summarize's length presets, pinned to the forced summary length for this process.
    for key in engine_core.DEFAULT_LENGTHS:
        engine_core.DEFAULT_LENGTHS[key] = (args.summary_tokens, args.summary_tokens)
    cache = WORK / "ct2-cache"
    skip = {name.strip() for name in args.skip.split(",") if name.strip()}
    results: list[Result] = []
    t_start = time.perf_counter()

    def say(msg: str) -> None:
        print(f"[{time.perf_counter() - t_start:6.0f}s] {msg}", file=sys.stderr, flush=True)

    if not available():
        say("ctranslate2 is not installed: (b) and the ct2 contenders are skipped")

    def sub(items: list[Any], n: int) -> list[Any]:
        step = max(1, len(items) // max(1, n))
        return items[::step][:n]

    if args.only in (None, "translate"):
        folder = build_opus_mt(WORK / "opus-mt-en-uk", args.tokens)
        spec = resolve(str(folder), Task.TRANSLATION)
        groups = sentence_workload(args.sentences)
        sentences = [s for g in groups for s in g]
        docs = [" ".join(g) for g in groups]
        say(f"translate: {len(sentences)} sentences in {len(docs)} articles")
        if "naive" not in skip:
            torch.set_num_threads(args.threads)  # an engine with workers sets it lower
            results.append(naive("translate", folder, sub(sentences, args.naive_sentences), args.tokens))
            say("naive done")
        if available():
            for compute in ("int8",) + (("float32",) if args.float32 else ()):
                results.append(ct2_direct("translate", folder, spec, sentences, args.tokens,
                                          compute, args.threads, cache, 32))
                say(f"ct2 {compute} done")
            if "tuned" not in skip and args.threads > 1:
                results.append(ct2_direct("translate", folder, spec, sentences, args.tokens,
                                          "int8", args.threads, cache, 8, workers=min(args.threads, 4)))
                say("ct2 int8 tuned done")
        opts = {"to_lang": "uk"}
        results.append(pipeline_run(
            "translate", "summarize, default settings", folder, docs, len(sentences),
            lambda: make_engine("auto", threads=args.threads, cache_dir=cache),
            default_settings, opts))
        say("summarize default done")
        if "torch" not in skip:
            results.append(pipeline_run(
                "translate", "summarize --backend torch", folder, docs, len(sentences),
                lambda: TransformersEngine(), "torch fp32, beam 4, batches by tokens, one-thread workers per core", opts))
            say("summarize torch done")
        if args.torch_int8:
            results.append(pipeline_run(
                "translate", "summarize, torch int8", folder, docs, len(sentences),
                lambda: TransformersEngine(precision=Precision.INT8, batch_size=16),
                "--backend torch --precision int8 (torch dynamic), beam 4, batch 16", opts))
            say("summarize torch int8 done")

    if args.only in (None, "summarize"):
        folder = build_distilbart(WORK / "distilbart-cnn-12-6")
        spec = resolve(str(folder), Task.SUMMARY)
        articles = article_workload(args.articles)
        say(f"summarize: {len(articles)} articles")
        if "naive" not in skip:
            torch.set_num_threads(args.threads)  # an engine with workers sets it lower
            results.append(naive("summarize", folder, sub(articles, args.naive_articles), args.summary_tokens))
            say("naive done")
        if available():
            for compute in ("int8",) + (("float32",) if args.float32 else ()):
                results.append(ct2_direct("summarize", folder, spec, articles, args.summary_tokens,
                                          compute, args.threads, cache, 8))
                say(f"ct2 {compute} done")
            if "tuned" not in skip and args.threads > 1:
                results.append(ct2_direct("summarize", folder, spec, articles, args.summary_tokens,
                                          "int8", args.threads, cache, 3, workers=min(args.threads, 4)))
                say("ct2 int8 tuned done")
        results.append(pipeline_run(
            "summarize", "summarize, default settings", folder, articles, len(articles),
            lambda: make_engine("auto", threads=args.threads, cache_dir=cache),
            default_settings, {}))
        say("summarize default done")
        if "torch" not in skip:
            results.append(pipeline_run(
                "summarize", "summarize --backend torch", folder, articles, len(articles),
                lambda: TransformersEngine(), "torch fp32, beam 4, batches by tokens, one-thread workers per core", {}))
            say("summarize torch done")

    info = machine()
    setup = {
        "threads": args.threads, "sentences": args.sentences, "articles": args.articles,
        "translate_tokens": args.tokens, "summary_tokens": args.summary_tokens,
        "naive_sentences": args.naive_sentences, "naive_articles": args.naive_articles,
        "quick": args.quick, "wall_s": round(time.perf_counter() - t_start, 1),
    }
    md = table(results, info, setup)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = "quick" if args.quick else "latest"
    (args.out / f"{stem}.md").write_text(md + "\n", "utf-8")
    payload = {
        "machine": info, "setup": setup,
        "results": [{**asdict(r), "tok_s": round(r.tok_s, 2), "items_s": round(r.items_s, 4)}
                    for r in results],
    }
    (args.out / f"{stem}.json").write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
