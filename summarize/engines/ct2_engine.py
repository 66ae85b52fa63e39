"""The CTranslate2 backend (the default) behind the same ``Engine`` protocol.

CTranslate2 runs the encoder-decoder models of the catalog (Marian opus-mt, BART,
M2M100, NLLB, T5) several times faster than torch on CPU at the same beam size,
mostly from int8 matrix products and a leaner beam search. A model is converted
once, from the same checkpoint transformers loads (a local folder or a snapshot in
the Hugging Face cache), into ``<user cache>/summarize/ct2/<key>``, then every run
loads the converted folder. The tokenizer still comes from transformers, with the
same arguments ``TransformersEngine`` uses, so token counts, segmentation and the
quote guarantees are the ones the torch path has: the pipeline only ever sees
``translate``/``summarize`` turning lists of texts into lists of texts.

``ctranslate2`` is a dependency of the default install, imported lazily: importing
this module costs nothing, and ``choose.make_engine("auto")`` falls back to torch where the
package is missing (a wheel-less platform) or the model's family does not run there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarize.engines import ct2_convert as convert
from summarize.engines.batch_plan import MAX_CPU_WORKERS, cpu_workers, rows_by_tokens
from summarize.engines.catalog import ModelSpec
from summarize.engines.core import (
    BatchingEngine,
    Loaded,
    family_of,
    input_limit,
    loading,
    model_family,
    pretrained_kwargs,
    summary_lengths,
    task_prefix,
    translation_cap,
    translation_inputs,
)
from summarize.errors import DeviceError, ModelError, UsageError
from summarize.options import Device, Length, Precision

# Families the converter and runtime handle (ctranslate2 >= 4.5, transformers 4 and 5).
SUPPORTED_FAMILIES = frozenset({"marian", "bart", "m2m100", "nllb", "t5"})
# int8 on CPU for every family: int8 inference is established practice for these models
# (OPUS-MT ships as CTranslate2 int8 in Argos Translate and LibreTranslate), and it is what
# makes a plain install fast; float16 on CUDA. --precision fp32 asks for full precision.
# Inputs per batch on CPU (see CT2Engine._rows); --batch-size lowers it, never raises it.
CPU_ROWS = 8


def available() -> bool:
    """Whether the ctranslate2 package can be imported here."""
    try:
        import ctranslate2  # noqa: F401
    except Exception:
        return False
    return True


def supports(family: str | None) -> bool:
    """Whether CT2Engine can run models of this family (``spec.family`` or model_type)."""
    return model_family(family) in SUPPORTED_FAMILIES or family == "m2m_100"


@dataclass
class _Loaded(Loaded):
    translator: Any
    folder: Path
    gen: dict[str, Any]  # the model's generation_config.json


def _precision_value(precision: Precision | str) -> str:
    return precision.value if isinstance(precision, Precision) else str(precision)


class CT2Engine(BatchingEngine):
    """Runs catalog models with CTranslate2; same protocol as ``TransformersEngine``.

    ``precision``: a ``Precision`` (auto, fp32, fp16, bf16, int8) or a CTranslate2
    compute type ("int8", "int8_float32", "float32", "int8_float16", ...). ``auto`` is
    int8 on CPU (float32 where the CPU has no int8 kernels) and float16 on CUDA. ``threads``:
    the CPU threads this engine may use (0: the cores this process may run on, or
    ``OMP_NUM_THREADS`` where set, as in a Ray actor), shared out among workers that each
    run a batch (``cpu_workers``). ``cache_dir``: where converted models live.
    """

    def __init__(
        self,
        device: Device = Device.AUTO,
        precision: Precision | str = Precision.AUTO,
        batch_size: int = 16,
        num_beams: int | None = None,
        offline: bool = False,
        threads: int = 0,
        cache_dir: Path | str | None = None,
    ) -> None:
        super().__init__(device, precision, batch_size, num_beams, offline)
        self.threads = max(0, int(threads))
        self.cache_dir = Path(cache_dir) if cache_dir else convert.default_cache_dir()
        self.conversions = 0  # models this engine converted (0 when the cache had them)
        self.generated_tokens = 0  # output tokens, for benchmarks
        self.workers = 1  # batches CTranslate2 runs at once (set when a model loads)
        self.on_cpu = True

    # -- choices ---------------------------------------------------------------
    def _ct2(self) -> Any:
        try:
            import ctranslate2
        except ImportError as exc:
            raise UsageError(
                "The ct2 backend needs CTranslate2, which this install lacks: "
                "pip install ctranslate2 (or use --backend torch)."
            ) from exc
        return ctranslate2

    def _device(self) -> str:
        ct2 = self._ct2()
        has_cuda = ct2.get_cuda_device_count() > 0
        if self.device_choice is Device.CPU:
            return "cpu"
        if self.device_choice is Device.CUDA and not has_cuda:
            raise DeviceError("--device cuda was asked for, but CTranslate2 sees no CUDA GPU; use --device cpu.")
        return "cuda" if has_cuda else "cpu"

    def compute_type(self, family: str | None, device: str) -> str:
        """The CTranslate2 compute type this engine uses for a family on a device."""
        value = _precision_value(self.precision)
        if value == "auto":
            wanted = "float16" if device == "cuda" else "int8"
            try:
                supported = self._ct2().get_supported_compute_types(device)
            except RuntimeError:  # no such device here: the load will say so
                return wanted
            return wanted if wanted in supported else "float32"
        named = {"fp32": "float32", "fp16": "float16", "bf16": "bfloat16", "int8": "int8"}
        compute = named.get(value, value)
        supported = self._ct2().get_supported_compute_types(device)
        if compute not in supported:
            raise DeviceError(
                f"CTranslate2 cannot compute in {compute} on this {device}; "
                f"choose one of: {', '.join(sorted(supported))}."
            )
        return compute

    def cpu_workers(self) -> tuple[int, int]:
        """(workers, threads each) on CPU: CTranslate2's inter_threads and intra_threads."""
        return cpu_workers(self.threads)

    # -- the converted model (engine_ct2_convert) -------------------------------
    def converted_folder(self, spec: ModelSpec, quantization: str) -> Path:
        return self.cache_dir / convert.folder_name(spec, quantization, self.offline)

    def _convert(self, spec: ModelSpec, quantization: str) -> Path:
        folder, converted = convert.converted(spec, quantization, self.cache_dir, self.offline)
        self.conversions += int(converted)
        return folder

    # -- loading ---------------------------------------------------------------
    def _load(self, spec: ModelSpec) -> _Loaded:
        ct2 = self._ct2()
        from transformers import AutoConfig, AutoTokenizer, GenerationConfig

        kwargs, offline = pretrained_kwargs(spec, self.offline)
        with loading(spec, offline):
            tokenizer = AutoTokenizer.from_pretrained(spec.hub_id, **kwargs)
            config = AutoConfig.from_pretrained(spec.hub_id, **kwargs)
            try:
                gen = GenerationConfig.from_pretrained(spec.hub_id, **kwargs).to_dict()
            except Exception:  # no generation_config.json: the config's own values
                gen = GenerationConfig.from_model_config(config).to_dict()
        family = family_of(spec, config, tokenizer)
        if not supports(family):
            raise ModelError(
                f"The ct2 backend does not run {family or 'this'} models ({spec.hub_id}); "
                "use --backend torch."
            )
        device = self._device()
        compute = self.compute_type(family, device)
        folder = self._convert(spec, compute)
        # One GPU runs one batch at a time best; a CPU runs one per worker.
        workers, each = self.cpu_workers() if device == "cpu" else (1, 0)
        self.workers, self.on_cpu = workers, device == "cpu"
        try:
            translator = ct2.Translator(
                str(folder), device=device, compute_type=compute,
                inter_threads=workers, intra_threads=each,
            )
        except Exception as exc:
            raise ModelError(f"CTranslate2 could not load {folder}: {exc}") from exc
        return _Loaded(
            tokenizer=tokenizer, max_input=input_limit(spec, config, tokenizer), family=family,
            tasks=dict(getattr(config, "task_specific_params", None) or {}),
            translator=translator, folder=folder, gen=gen,
        )

    # -- the protocol (describe, max_input_tokens, count_tokens: BatchingEngine) --
    def _beams(self, spec: ModelSpec, loaded: _Loaded) -> int:
        return int(self.num_beams or spec.num_beams or loaded.gen.get("num_beams") or 1)

    def _options(self, spec: ModelSpec, loaded: _Loaded, extra: dict[str, Any]) -> dict[str, Any]:
        """transformers generation settings (model defaults < catalog < call) as ct2 options."""
        gen = {**{k: v for k, v in loaded.gen.items() if v is not None}, **spec.generation, **extra}
        opts: dict[str, Any] = {
            "beam_size": self._beams(spec, loaded),
            "length_penalty": float(gen.get("length_penalty", 1.0)),
            "repetition_penalty": float(gen.get("repetition_penalty", 1.0)),
            "no_repeat_ngram_size": int(gen.get("no_repeat_ngram_size") or 0),
            "min_decoding_length": int(gen.get("min_new_tokens") or 0),
            "max_input_length": 0,  # inputs were checked against the limit: never truncate
            "return_scores": False,
        }
        if gen.get("max_new_tokens"):
            opts["max_decoding_length"] = int(gen["max_new_tokens"])
        return opts

    def summarize(self, spec: ModelSpec, texts: Sequence[str], length: Length) -> list[str]:
        loaded = self.load(spec)
        low, high = summary_lengths(spec, length)
        opts = self._options(spec, loaded, {"min_new_tokens": low, "max_new_tokens": high})
        inputs = [task_prefix(loaded, "summarization") + t for t in texts]
        return self._generate(loaded, inputs, self._batches(loaded, opts, None, lambda _n: high))

    def translate(
        self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None
    ) -> list[str]:
        loaded = self.load(spec)
        inputs, target = translation_inputs(spec, loaded, texts, src, tgt)
        opts = self._options(spec, loaded, {})
        if beams:
            opts["beam_size"] = beams
        configured = int(loaded.gen.get("max_length") or loaded.max_input)
        cap = min(loaded.max_input, configured)
        fixed = opts.pop("max_decoding_length", None)

        def limit(longest: int) -> int:
            return int(fixed) if fixed else translation_cap(cap, longest)

        prefix = [target] if target is not None else None
        return self._generate(loaded, inputs, self._batches(loaded, opts, prefix, limit, row_limit=limit))

    def _rows(self, longest: int, done: int, total: int) -> int:
        """How many inputs of at most ``longest`` tokens share the next batch.

        On CPU, the inputs are cut into equal batches of at most CPU_ROWS, and into at least
        MAX_CPU_WORKERS batches, so that no worker idles (ten summaries: 3, 3, 2 and 2,
        1.29x CTranslate2 direct where one batch of ten left a core idle: 0.66x). Each
        worker decodes its batch on one core, where small batches ran fastest (the
        benchmark's sentences: 8 rows, 816 tok/s; rows filled to 2,048 padded tokens, up
        to 64: 585 tok/s). The cut depends on the inputs alone, never on how many workers
        this machine has. On a GPU, batching by tokens (``rows_by_tokens``).
        """
        if self.on_cpu:
            most = max(1, min(self.batch_size, CPU_ROWS))
            batches = min(total, max(-(-total // most), MAX_CPU_WORKERS))
            size, bigger = divmod(total, batches)
            return size + 1 if done < bigger * (size + 1) else size
        return rows_by_tokens(self.batch_size, longest)

    def _in_flight(self) -> int:
        """Two batches queued per worker: none waits while this thread decodes the last."""
        return 2 * self.workers

    def _out_of_memory(self, exc: Exception) -> bool:
        """CTranslate2 reports a full GPU as a RuntimeError ("CUDA failed with error out of memory")."""
        return isinstance(exc, (RuntimeError, MemoryError)) and "out of memory" in str(exc).lower()

    # -- one batch through translate_batch and decode --------------------------
    def _batches(
        self, loaded: _Loaded, opts: dict[str, Any], prefix: list[str] | None,
        limit: Callable[[int], int], row_limit: Callable[[int], int] | None = None,
    ) -> Any:
        """The one-batch call for ``_generate``: ``limit`` gives the new tokens the batch's
        longest input allows, ``row_limit`` each row's own."""
        tokenizer = loaded.tokenizer
        # transformers forces a BOS token first (BART) and an EOS at the length limit
        # (Marian, BART): a forced first token is a target prefix here, and a forced
        # last EOS means one token less before it.
        forced_bos = loaded.gen.get("forced_bos_token_id")
        if prefix is None and forced_bos is not None:
            prefix = [tokenizer.convert_ids_to_tokens(int(forced_bos))]
        forced_eos = loaded.gen.get("forced_eos_token_id") is not None

        def one_batch(encoded: list[list[int]], batch: list[int]) -> Callable[[], list[str]]:
            longest = max(len(encoded[i]) for i in batch)
            max_new = limit(longest)
            # transformers counts a forced prefix among the new tokens; ct2 does too.
            max_len = max(1, max_new - (1 if forced_eos else 0))
            min_len = min(int(opts.get("min_decoding_length") or 0), max_len)
            source = [tokenizer.convert_ids_to_tokens(encoded[i]) for i in batch]
            pending = loaded.translator.translate_batch(
                source,
                target_prefix=[list(prefix) for _ in batch] if prefix else None,
                asynchronous=True,  # the workers start now; ``decoded`` waits for them
                **{**opts, "max_decoding_length": max_len, "min_decoding_length": min_len},
            )
            return lambda: decoded(encoded, batch, [r.result() for r in pending], max_new, max_len)

        def decoded(
            encoded: list[list[int]], batch: list[int], results: list[Any], max_new: int, max_len: int
        ) -> list[str]:
            skip = len(prefix) if prefix else 0
            ids = []
            for i, result in zip(batch, results):
                tokens = result.hypotheses[0][skip:]
                own = max_len if row_limit is None else max(1, row_limit(len(encoded[i])) - (max_new - max_len))
                if own < max_len:
                    # Each row at its own limit, as TransformersEngine does (the forced
                    # EOS included): a looping model's text must not depend on what
                    # shares its batch.
                    tokens = tokens[: max(0, own - skip)]
                steps = len(tokens) + skip
                # Decoding steps as transformers counts them: the EOS step included.
                self.generated_tokens += steps + (1 if forced_eos or steps < max_len else 0)
                ids.append(tokenizer.convert_tokens_to_ids(tokens))
            return [text.strip() for text in tokenizer.batch_decode(ids, skip_special_tokens=True)]

        return one_batch
