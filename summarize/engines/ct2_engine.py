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
this module costs nothing, and ``make_engine("auto")`` falls back to torch where the
package is missing (a wheel-less platform) or the model's family does not run there.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarize.engines.catalog import ModelSpec
from summarize.engines.torch_engine import (
    DEFAULT_LENGTHS,
    PULL_PATTERNS,
    LoadedModels,
    _lang_code,
    _model_error,
    _offline,
    input_limit,
)
from summarize.errors import DeviceError, ModelError, UsageError
from summarize.options import Device, Length, Precision

# Families the converter and runtime handle (ctranslate2 >= 4.5, transformers 4 and 5).
SUPPORTED_FAMILIES = frozenset({"marian", "bart", "m2m100", "nllb", "t5"})
BACKENDS = ("auto", "torch", "ct2")
# int8 on CPU for every family: int8 inference is established practice for these models
# (OPUS-MT ships as CTranslate2 int8 in Argos Translate and LibreTranslate), and it is what
# makes a plain install fast; float16 on CUDA. --precision fp32 asks for full precision.
_CONVERTED_MARK = "summarize-ct2.json"
# Padded source tokens per batch row of --batch-size (see CT2Engine._rows).
TOKENS_PER_ROW = 128


def _family_of(model_type: str | None, tokenizer_name: str = "") -> str | None:
    if model_type == "m2m_100":
        return "nllb" if "nllb" in tokenizer_name.lower() else "m2m100"
    return model_type


def available() -> bool:
    """Whether the ctranslate2 package can be imported here."""
    try:
        import ctranslate2  # noqa: F401
    except Exception:
        return False
    return True


def supports(family: str | None) -> bool:
    """Whether CT2Engine can run models of this family (``spec.family`` or model_type)."""
    return _family_of(family) in SUPPORTED_FAMILIES or family == "m2m_100"


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("summarize")) / "ct2"


@dataclass
class _Loaded:
    tokenizer: Any
    translator: Any
    folder: Path
    max_input: int
    family: str | None
    gen: dict[str, Any] = field(default_factory=dict)  # the model's generation_config.json
    tasks: dict[str, Any] = field(default_factory=dict)  # config.task_specific_params


def _task_prefix(loaded: _Loaded, task: str) -> str:
    """The text prefix T5-style models learned their tasks behind ("summarize: "), read
    from the same config field TransformersEngine reads: same input under both engines."""
    return str((loaded.tasks.get(task) or {}).get("prefix") or "")


def _out_of_memory(exc: BaseException) -> bool:
    """CTranslate2 reports a full GPU as a RuntimeError ("CUDA failed with error out of memory")."""
    return isinstance(exc, (RuntimeError, MemoryError)) and "out of memory" in str(exc).lower()


def _precision_value(precision: Precision | str) -> str:
    return precision.value if isinstance(precision, Precision) else str(precision)


class CT2Engine(LoadedModels):
    """Runs catalog models with CTranslate2; same protocol as ``TransformersEngine``.

    ``precision``: a ``Precision`` (auto, fp32, fp16, bf16, int8) or a CTranslate2
    compute type ("int8", "int8_float32", "float32", "int8_float16", ...). ``auto`` is
    int8 on CPU (float32 where the CPU has no int8 kernels) and float16 on CUDA. ``threads``: CPU threads per translation (0: the
    library's default, every core). ``cache_dir``: where converted models live.
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
        self.device_choice = device
        self.precision = precision
        self.batch_size = max(1, batch_size)
        self.num_beams = num_beams
        self.offline = _offline(offline)
        self.threads = max(0, int(threads))
        self.cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        self._models: dict[str, _Loaded] = {}
        self.loads = 0  # models loaded by this engine: once each per run
        self.conversions = 0  # models this engine converted (0 when the cache had them)
        self.generated_batches = 0
        self.generated_tokens = 0  # output tokens, for benchmarks

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

    # -- finding and converting the checkpoint ---------------------------------
    def _snapshot(self, spec: ModelSpec) -> Path:
        """The folder holding the checkpoint transformers would load."""
        if spec.local:
            return Path(spec.hub_id)
        from huggingface_hub import snapshot_download

        from summarize.engines.torch_engine import pull

        try:
            return Path(
                snapshot_download(
                    spec.hub_id, revision=spec.revision, local_files_only=True,
                    allow_patterns=[*PULL_PATTERNS, "*.safetensors", "pytorch_model*.bin"],
                )
            )
        except Exception as exc:
            if self.offline:
                raise _model_error(spec, exc, True) from exc
        return Path(pull(spec))

    def _key(self, spec: ModelSpec, quantization: str) -> str:
        import ctranslate2

        parts = [spec.hub_id, spec.revision, quantization, ctranslate2.__version__.split(".")[0]]
        if not spec.local:
            # The commit the cache holds, not the branch name: a new upstream commit gets a
            # new conversion, and a cache that lost the model cannot hide behind an old one.
            parts.append(self._snapshot(spec).name)
        if spec.local:
            # A rebuilt folder must not reuse a stale conversion.
            for f in sorted(Path(spec.hub_id).iterdir()):
                if f.is_file():
                    st = f.stat()
                    parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
        digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
        name = "".join(c if c.isalnum() or c in "-_." else "-" for c in spec.alias)[:40]
        return f"{name}-{quantization}-{digest}"

    def converted_folder(self, spec: ModelSpec, quantization: str) -> Path:
        return self.cache_dir / self._key(spec, quantization)

    def _convert(self, spec: ModelSpec, quantization: str) -> Path:
        """The converted model folder, converting once (atomically) when missing."""
        final = self.converted_folder(spec, quantization)
        if (final / _CONVERTED_MARK).is_file():
            return final
        source = self._snapshot(spec)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".converting-", dir=self.cache_dir))
        try:
            _converter(str(source)).convert(str(tmp / "model"), quantization=quantization, force=True)
            (tmp / "model" / _CONVERTED_MARK).write_text(
                json.dumps({"model": spec.ident, "quantization": quantization}) + "\n", "utf-8"
            )
            try:
                os.replace(tmp / "model", final)
            except OSError:
                if not (final / _CONVERTED_MARK).is_file():  # not another run's finished copy
                    raise
        except Exception as exc:
            if isinstance(exc, ModelError):
                raise
            text = str(exc)
            if any(k in text for k in _CHECKPOINT_FAULTS):
                # A fault of the checkpoint itself: torch would fail the same way, so say
                # what torch would say rather than blame the converter.
                raise _model_error(spec, exc, self.offline) from exc
            first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
            raise ModelError(
                f"CTranslate2 could not convert {spec.hub_id}: {first} (use --backend torch)."
            ) from exc
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self.conversions += 1
        return final

    # -- loading ---------------------------------------------------------------
    def load(self, spec: ModelSpec) -> _Loaded:
        key = spec.ident
        if key in self._models:
            return self._models[key]
        ct2 = self._ct2()
        import transformers
        from transformers import AutoConfig, AutoTokenizer, GenerationConfig

        from summarize.engines import hub

        transformers.logging.disable_progress_bar()
        hub.quiet_clients()
        offline = hub.cache_only(spec, self.offline)
        kwargs: dict[str, Any] = {"trust_remote_code": False, "local_files_only": offline}
        if not spec.local:
            kwargs["revision"] = spec.revision
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tokenizer = AutoTokenizer.from_pretrained(spec.hub_id, **kwargs)
                config = AutoConfig.from_pretrained(spec.hub_id, **kwargs)
                try:
                    gen = GenerationConfig.from_pretrained(spec.hub_id, **kwargs).to_dict()
                except Exception:  # no generation_config.json: the config's own values
                    gen = GenerationConfig.from_model_config(config).to_dict()
        except Exception as exc:
            raise _model_error(spec, exc, offline) from exc
        family = spec.family or _family_of(config.model_type, type(tokenizer).__name__)
        if family == "m2m_100":
            family = _family_of(family, type(tokenizer).__name__)
        if not supports(family):
            raise ModelError(
                f"The ct2 backend does not run {family or 'this'} models ({spec.hub_id}); "
                "use --backend torch."
            )
        device = self._device()
        compute = self.compute_type(family, device)
        folder = self._convert(spec, compute)
        try:
            translator = ct2.Translator(
                str(folder), device=device, compute_type=compute,
                inter_threads=1, intra_threads=self.threads,
            )
        except Exception as exc:
            raise ModelError(f"CTranslate2 could not load {folder}: {exc}") from exc
        max_input = input_limit(spec, config, tokenizer)
        tasks = dict(getattr(config, "task_specific_params", None) or {})
        loaded = _Loaded(tokenizer, translator, folder, int(max_input), family, gen, tasks)
        self._models[key] = loaded
        self.loads += 1
        return loaded

    # -- the protocol (describe, max_input_tokens, count_tokens: LoadedModels) --
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
        low, high = spec.lengths.get(length.value) or DEFAULT_LENGTHS[length.value]
        opts = self._options(spec, loaded, {"min_new_tokens": low, "max_new_tokens": high})
        inputs = [_task_prefix(loaded, "summarization") + t for t in texts]
        return self._generate(loaded, inputs, opts, None, lambda _n: high)

    def translate(self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        loaded = self.load(spec)
        tokenizer = loaded.tokenizer
        inputs = list(texts)
        task_prefix = _task_prefix(loaded, f"translation_{src}_to_{tgt}")
        if task_prefix:
            inputs = [task_prefix + t for t in inputs]
        if spec.target_tokens:
            token = spec.target_tokens.get(tgt)
            if token is None:
                raise ModelError(f"The model {spec.alias} cannot write '{tgt}'.")
            inputs = [f"{token} {t}" for t in inputs]
        prefix: list[str] | None = None
        if loaded.family in ("m2m100", "nllb"):
            tokenizer.src_lang = _lang_code(spec, loaded.family, tokenizer, src)
            code = _lang_code(spec, loaded.family, tokenizer, tgt)
            prefix = [code if loaded.family == "nllb" else f"__{code}__"]
        opts = self._options(spec, loaded, {})
        configured = int(loaded.gen.get("max_length") or loaded.max_input)
        cap = min(loaded.max_input, configured)
        fixed = opts.pop("max_decoding_length", None)

        def limit(longest: int) -> int:
            # Same rule as TransformersEngine: about as long as the source, with room.
            return int(fixed) if fixed else min(cap, int(longest * 2 + 10))

        return self._generate(loaded, inputs, opts, prefix, limit, row_limit=limit)

    def _rows(self, longest: int) -> int:
        """How many inputs of at most ``longest`` tokens share a batch: batching by tokens.

        Short sentences fill a batch up to ``batch_size`` × TOKENS_PER_ROW padded tokens (up
        to four times as many rows, where int8 matrix products pay off); long inputs such as
        summary chunks keep ``batch_size`` rows (fewer made summaries 8% slower here).
        """
        by_tokens = (self.batch_size * TOKENS_PER_ROW) // max(1, longest)
        return max(self.batch_size, min(self.batch_size * 4, by_tokens))

    # -- tokenize, batch by length, translate, decode --------------------------
    def _generate(
        self, loaded: _Loaded, texts: list[str], opts: dict[str, Any],
        prefix: list[str] | None, limit: Any, row_limit: Any = None,
    ) -> list[str]:
        if not texts:
            return []
        tokenizer = loaded.tokenizer
        encoded = tokenizer(texts, add_special_tokens=True, truncation=False)["input_ids"]
        too_long = [i for i, ids in enumerate(encoded) if len(ids) > loaded.max_input]
        if too_long:
            raise ModelError(
                f"An input of {len(encoded[too_long[0]])} tokens exceeds the model's "
                f"{loaded.max_input}; this is a bug in segmentation, please report it."
            )
        # transformers forces a BOS token first (BART) and an EOS at the length limit
        # (Marian, BART): a forced first token is a target prefix here, and a forced
        # last EOS means one token less before it.
        forced_bos = loaded.gen.get("forced_bos_token_id")
        if prefix is None and forced_bos is not None:
            prefix = [tokenizer.convert_ids_to_tokens(int(forced_bos))]
        forced_eos = loaded.gen.get("forced_eos_token_id") is not None
        # Longest first; equal lengths by their tokens, not by the caller's order: which
        # inputs share a batch (and so its length limit) depends on the inputs alone.
        order = sorted(range(len(texts)), key=lambda i: (-len(encoded[i]), encoded[i]))
        outputs: list[str] = [""] * len(texts)
        def one_batch(batch: list[int]) -> list[str]:
            longest = max(len(encoded[i]) for i in batch)
            max_new = limit(longest)
            # transformers counts a forced prefix among the new tokens; ct2 does too.
            max_len = max(1, max_new - (1 if forced_eos else 0))
            min_len = min(int(opts.get("min_decoding_length") or 0), max_len)
            source = [tokenizer.convert_ids_to_tokens(encoded[i]) for i in batch]
            results = loaded.translator.translate_batch(
                source,
                target_prefix=[list(prefix) for _ in batch] if prefix else None,
                **{**opts, "max_decoding_length": max_len, "min_decoding_length": min_len},
            )
            self.generated_batches += 1
            skip = len(prefix) if prefix else 0
            ids = []
            for i, result in zip(batch, results):
                tokens = result.hypotheses[0][skip:]
                if row_limit is not None and row_limit(len(encoded[i])) < max_new:
                    # Each row at its own limit, as TransformersEngine does: a looping
                    # model's text must not depend on what shares its batch.
                    tokens = tokens[: max(0, row_limit(len(encoded[i])) - skip)]
                steps = len(tokens) + skip
                # Decoding steps as transformers counts them: the EOS step included.
                self.generated_tokens += steps + (1 if forced_eos or steps < max_len else 0)
                ids.append(tokenizer.convert_tokens_to_ids(tokens))
            return [text.strip() for text in tokenizer.batch_decode(ids, skip_special_tokens=True)]

        def run(batch: list[int]) -> list[str]:
            try:
                return one_batch(batch)
            except Exception as exc:
                if not _out_of_memory(exc):
                    raise
            if len(batch) == 1:
                raise DeviceError(
                    "The GPU ran out of memory on a single input; use --device cpu or a smaller model."
                )
            # A smaller GPU than the batch size assumed: halve, and keep the smaller size
            # (the torch engine's rule, so both backends survive the same GPU).
            half = len(batch) // 2
            self.batch_size = min(self.batch_size, max(1, half))
            return run(batch[:half]) + run(batch[half:])

        first = 0
        while first < len(order):
            batch = order[first : first + self._rows(len(encoded[order[first]]))]
            for i, text in zip(batch, run(batch)):
                outputs[i] = text
            first += len(batch)
        return outputs


_CHECKPOINT_FAULTS = (
    "weights_only", "Unpickling", "WeightsUnpickler", "trust_remote_code",
    "deserializing header", "does not appear to have a file named",
)


def _converter(path: str) -> Any:
    """ctranslate2's TransformersConverter, patched for what transformers 5 changed.

    - BART-style configs no longer carry ``normalize_before`` (BART is post-norm);
      the BART loader reads it.
    - M2M100Tokenizer.get_vocab() no longer lists the language tokens, so the
      converted vocabulary came out 100 tokens short of the embedding table.
    """
    from ctranslate2.converters import TransformersConverter

    class _Converter(TransformersConverter):  # type: ignore[misc]
        def load_model(self, model_class: Any, name: str, **kwargs: Any) -> Any:
            import transformers

            transformers.logging.set_verbosity_error()
            transformers.logging.disable_progress_bar()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model = super().load_model(model_class, name, **kwargs)
            if model.config.model_type == "bart" and not hasattr(model.config, "normalize_before"):
                model.config.normalize_before = False
            return model

        def load_tokenizer(self, tokenizer_class: Any, name: str, **kwargs: Any) -> Any:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tokenizer = super().load_tokenizer(tokenizer_class, name, **kwargs)
            lang_tokens = getattr(tokenizer, "lang_token_to_id", None)
            if lang_tokens:
                vocab = tokenizer.get_vocab()
                if any(t not in vocab for t in lang_tokens):
                    full = {**vocab, **lang_tokens}
                    tokenizer.get_vocab = lambda: dict(full)
            return tokenizer

    return _Converter(path)


# -- choosing a backend ---------------------------------------------------------


class AutoEngine:
    """Routes each model to CTranslate2 where it runs there, else to torch.

    One instance serves a whole run (a summarizer and a translator may land on
    different backends); each sub-engine is made on first use.
    """

    def __init__(self, prefer_ct2: bool = True, **kwargs: Any) -> None:
        self.prefer_ct2 = prefer_ct2 and available()
        self._kwargs = kwargs
        self._torch: Any = None
        self._ct2: CT2Engine | None = None

    def backend_for(self, spec: ModelSpec) -> str:
        family = spec.family
        if family is None and self.prefer_ct2:
            family = _model_type(spec, bool(self._kwargs.get("offline")))
        return "ct2" if self.prefer_ct2 and supports(family) else "torch"

    def engine_for(self, spec: ModelSpec) -> Any:
        if self.backend_for(spec) == "ct2":
            if self._ct2 is None:
                self._ct2 = CT2Engine(**self._kwargs)
            return self._ct2
        if self._torch is None:
            self._torch = _torch_engine(**self._kwargs)
        return self._torch

    @property
    def loads(self) -> int:
        return sum(e.loads for e in (self._torch, self._ct2) if e is not None)

    def describe(self, spec: ModelSpec) -> str:
        return self.engine_for(spec).describe(spec)

    def max_input_tokens(self, spec: ModelSpec) -> int:
        return self.engine_for(spec).max_input_tokens(spec)

    def count_tokens(self, spec: ModelSpec, texts: Sequence[str]) -> list[int]:
        return self.engine_for(spec).count_tokens(spec, texts)

    def summarize(self, spec: ModelSpec, texts: Sequence[str], length: Length) -> list[str]:
        return self.engine_for(spec).summarize(spec, texts, length)

    def translate(self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        return self.engine_for(spec).translate(spec, texts, src, tgt)


def _model_type(spec: ModelSpec, offline: bool) -> str | None:
    """The architecture of a model the catalog does not describe, from its config.json
    (a local folder, the cache, or one small download), so that ``auto`` sends every
    architecture CTranslate2 runs there, named in the catalog or not."""
    if spec.local:
        config = Path(spec.hub_id) / "config.json"
    else:
        from summarize.engines import hub

        try:
            cached = hub.cached_snapshot(spec)
            if cached is not None:
                config = Path(cached) / "config.json"
            elif hub.cache_only(spec, _offline(offline)):
                return None
            else:
                from huggingface_hub import hf_hub_download

                config = Path(hf_hub_download(spec.hub_id, "config.json", revision=spec.revision))
        except Exception:  # the load that follows says what is wrong, in its words
            return None
    try:
        return json.loads(config.read_text("utf-8")).get("model_type")
    except (OSError, ValueError):
        return None


def _torch_engine(**kwargs: Any) -> Any:
    from summarize.engines.torch_engine import TransformersEngine

    common = ("device", "precision", "batch_size", "num_beams", "offline")
    chosen = {k: v for k, v in kwargs.items() if k in common}
    if isinstance(chosen.get("precision"), str):
        try:
            chosen["precision"] = Precision(chosen["precision"])
        except ValueError:
            raise UsageError(
                f"--precision {chosen['precision']} is a CTranslate2 compute type; "
                "the torch backend takes auto, fp32, fp16, bf16 or int8."
            ) from None
    return TransformersEngine(**chosen)


def make_engine(backend: str = "auto", **kwargs: Any) -> Any:
    """An engine for ``--backend auto|torch|ct2``.

    ``kwargs``: device, precision, batch_size, num_beams, offline (both backends);
    threads, cache_dir (CTranslate2 only, ignored by torch). ``auto`` runs a model
    with CTranslate2 when the package is installed and supports its family, else
    with torch; ``ct2`` insists (a clear error when it cannot).
    """
    backend = (backend or "auto").lower()
    if backend == "torch":
        return _torch_engine(**kwargs)
    if backend == "ct2":
        if not available():
            raise UsageError(
                "--backend ct2 needs CTranslate2, which this install lacks: "
                "pip install ctranslate2 (or use --backend torch)."
            )
        return CT2Engine(**kwargs)
    if backend == "auto":
        return AutoEngine(**kwargs)
    raise UsageError(f"Unknown backend '{backend}'; choose one of: {', '.join(BACKENDS)}.")
