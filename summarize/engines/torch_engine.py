"""The only module that imports torch and transformers.

An engine loads each model once per run and turns lists of texts into lists of
texts: tokenize and batch by length, generate, decode (the shape of the old
transformers pipelines, which transformers 5 removed). The pipeline talks to the
``Engine`` protocol, so a stand-in model (in tests, or another backend) plugs in
through the same seam the real one uses.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from summarize.engines.catalog import ModelSpec
from summarize.errors import DeviceError, ModelError
from summarize.options import Device, Length, Precision

# When the catalog has no length presets for a model: [min, max] new tokens.
DEFAULT_LENGTHS = {"short": (15, 60), "medium": (40, 140), "long": (80, 256)}
# Files a model needs at run time; weights are chosen separately (safetensors first).
_LANG_TOKEN = re.compile(r"__[a-z]{2,3}__")
PULL_PATTERNS = ["*.json", "*.model", "*.spm", "*.txt", "*.tiktoken", "*.jinja"]


class Engine(Protocol):
    """What the pipeline needs from a model backend."""

    def describe(self, spec: ModelSpec) -> str:
        """``id@revision`` of the model as loaded."""
        ...

    def max_input_tokens(self, spec: ModelSpec) -> int: ...

    def count_tokens(self, spec: ModelSpec, texts: Sequence[str]) -> list[int]: ...

    def summarize(self, spec: ModelSpec, texts: Sequence[str], length: Length) -> list[str]: ...

    def translate(
        self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str
    ) -> list[str]: ...


@dataclass
class _Loaded:
    tokenizer: Any
    model: Any
    device: str
    max_input: int
    family: str | None
    stats: dict[str, float] = field(default_factory=dict)


def _offline(flag: bool) -> bool:
    return flag or os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def _pull_hint(spec: ModelSpec) -> str:
    return f"summarize models pull {spec.alias if spec.in_catalog else spec.hub_id}"


def _model_error(spec: ModelSpec, exc: BaseException, offline: bool) -> ModelError:
    """One sentence for the many ways a load can fail."""
    from huggingface_hub.errors import (
        GatedRepoError,
        LocalEntryNotFoundError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    text = str(exc)
    if "trust_remote_code" in text:
        return ModelError(
            f"The model {spec.hub_id} needs code shipped inside its repository "
            "(trust_remote_code); summarize never runs such code. Pick another model."
        )
    if isinstance(exc, GatedRepoError):
        return ModelError(f"The model {spec.hub_id} is gated: accept its licence on the hub and log in.")
    if isinstance(exc, RevisionNotFoundError):
        return ModelError(f"The model {spec.hub_id} has no revision {spec.revision}.")
    if isinstance(exc, RepositoryNotFoundError):
        return ModelError(f"No model {spec.hub_id} on the hub; check the name or use a local folder.")
    if "weights_only" in text or "Unpickling" in text or "WeightsUnpickler" in text:
        return ModelError(
            f"Refused the weights of {spec.hub_id}: the pickle file holds more than tensors, "
            "and summarize loads pickles only through torch's weights-only loader. "
            "Use a safetensors checkpoint."
        )
    if spec.local:
        first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
        return ModelError(f"The model folder {spec.hub_id} could not be loaded: {first}")
    lowered = text.lower()
    missing = isinstance(exc, LocalEntryNotFoundError) or "offline" in lowered or (
        "couldn't connect" in lowered or "cannot find the requested files" in lowered
        or "does not appear to have a file named" in lowered
    )
    if offline and missing:
        return ModelError(
            f"The model {spec.hub_id} is not in the cache and this run is offline; "
            f"fetch it first with `{_pull_hint(spec)}`."
        )
    if missing or isinstance(exc, OSError):
        return ModelError(
            f"Could not fetch the model {spec.hub_id} from the hub (no network?); "
            f"run `{_pull_hint(spec)}` where the hub is reachable, then use --offline."
        )
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return ModelError(f"The model {spec.hub_id} could not be loaded: {first}")


def _lang_code(spec: ModelSpec, family: str | None, tokenizer: Any, lang: str) -> str:
    if spec.lang_codes.get(lang):
        return spec.lang_codes[lang]
    if family == "nllb":
        raise ModelError(f"The catalog has no NLLB code for '{lang}'.")
    return lang


def input_limit(spec: ModelSpec, config: Any, tokenizer: Any) -> int:
    """The fewest input tokens that the catalog, the model or its tokenizer allows."""
    limits = [
        spec.max_input_tokens,
        getattr(config, "max_position_embeddings", None),
        tokenizer.model_max_length if tokenizer.model_max_length < 100_000 else None,
    ]
    return int(min(v for v in limits if v)) if any(limits) else 512


def token_counts(tokenizer: Any, texts: Sequence[str]) -> list[int]:
    """Tokens per text as the model will see them, special tokens included."""
    if not texts:
        return []
    encoded = tokenizer(list(texts), add_special_tokens=True, truncation=False)["input_ids"]
    return [len(ids) for ids in encoded]


def _task_prefix(loaded: _Loaded, task: str) -> str:
    """T5-style models learned their tasks behind a text prefix ("summarize: ")."""
    params = getattr(loaded.model.config, "task_specific_params", None) or {}
    return str((params.get(task) or {}).get("prefix") or "")


class LoadedModels:
    """What every backend answers from its loaded models alone; ``load`` is the backend's."""

    def load(self, spec: ModelSpec) -> Any:  # pragma: no cover - each backend has its own
        raise NotImplementedError

    def describe(self, spec: ModelSpec) -> str:
        return spec.ident

    def max_input_tokens(self, spec: ModelSpec) -> int:
        return int(self.load(spec).max_input)

    def count_tokens(self, spec: ModelSpec, texts: Sequence[str]) -> list[int]:
        return token_counts(self.load(spec).tokenizer, texts)


class TransformersEngine(LoadedModels):
    """Runs Hugging Face seq2seq models with torch on CPU or CUDA."""

    def __init__(
        self,
        device: Device = Device.AUTO,
        precision: Precision = Precision.AUTO,
        batch_size: int = 16,
        num_beams: int | None = None,
        offline: bool = False,
    ) -> None:
        self.device_choice = device
        self.precision = precision
        self.batch_size = max(1, batch_size)
        self.num_beams = num_beams
        self.offline = _offline(offline)
        self._models: dict[str, _Loaded] = {}
        self.loads = 0  # how many models this engine loaded: once each per run
        self.generated_batches = 0

    # -- loading ---------------------------------------------------------------
    def _device(self) -> str:
        import torch

        if self.device_choice is Device.CPU:
            return "cpu"
        has_cuda = torch.cuda.is_available()
        if self.device_choice is Device.CUDA and not has_cuda:
            raise DeviceError("--device cuda was asked for, but torch sees no CUDA GPU; use --device cpu.")
        return "cuda" if has_cuda else "cpu"

    def _dtype(self, device: str) -> Any:
        import torch

        precision = self.precision
        if precision is Precision.AUTO:
            precision = Precision.FP16 if device == "cuda" else Precision.FP32
        if precision is Precision.FP16:
            if device != "cuda":
                raise DeviceError("--precision fp16 needs a CUDA GPU; on CPU use bf16 or int8.")
            return torch.float16
        if precision is Precision.BF16:
            return torch.bfloat16
        return torch.float32

    def load(self, spec: ModelSpec) -> _Loaded:
        key = spec.ident
        if key in self._models:
            return self._models[key]
        import torch
        import transformers
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        # Our reporter speaks for the run; transformers' own bars and notices would drown it.
        from summarize.engines import hub

        transformers.logging.disable_progress_bar()
        hub.quiet_clients()
        device = self._device()
        dtype = self._dtype(device)
        offline = hub.cache_only(spec, self.offline)
        kwargs: dict[str, Any] = {"trust_remote_code": False, "local_files_only": offline}
        if not spec.local:
            kwargs["revision"] = spec.revision
        dtype_key = "dtype" if int(transformers.__version__.split(".")[0]) >= 5 else "torch_dtype"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tokenizer = AutoTokenizer.from_pretrained(spec.hub_id, **kwargs)
                model = AutoModelForSeq2SeqLM.from_pretrained(
                    spec.hub_id, **kwargs, **{dtype_key: dtype}
                )
        except Exception as exc:  # transformers raises OSError, ValueError, hub errors...
            raise _model_error(spec, exc, offline) from exc
        model.eval()
        model.to(device)
        if self.precision is Precision.INT8:
            if device != "cpu":
                raise DeviceError("--precision int8 runs on CPU only; on CUDA use fp16.")
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        config = model.config
        max_input = input_limit(spec, config, tokenizer)
        family = spec.family or getattr(config, "model_type", None)
        if family == "m2m_100":
            family = "nllb" if "nllb" in type(tokenizer).__name__.lower() else "m2m100"
        loaded = _Loaded(tokenizer, model, device, int(max_input), family)
        self._models[key] = loaded
        self.loads += 1
        return loaded

    # -- the protocol (describe, max_input_tokens, count_tokens: LoadedModels) --
    def summarize(self, spec: ModelSpec, texts: Sequence[str], length: Length) -> list[str]:
        loaded = self.load(spec)
        low, high = spec.lengths.get(length.value) or DEFAULT_LENGTHS[length.value]
        gen: dict[str, Any] = dict(spec.generation)
        gen.update(min_new_tokens=low, max_new_tokens=high, min_length=0)
        beams = self.num_beams or spec.num_beams
        if beams:
            gen["num_beams"] = beams
        inputs = [_task_prefix(loaded, "summarization") + t for t in texts]
        return self._generate(loaded, inputs, lambda _n: gen)

    def translate(self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        loaded = self.load(spec)
        tokenizer = loaded.tokenizer
        inputs = list(texts)
        gen: dict[str, Any] = dict(spec.generation)
        beams = self.num_beams or spec.num_beams
        if beams:
            gen["num_beams"] = beams
        prefix = _task_prefix(loaded, f"translation_{src}_to_{tgt}")
        if prefix:
            inputs = [prefix + t for t in inputs]
        if spec.target_tokens:
            token = spec.target_tokens.get(tgt)
            if token is None:
                raise ModelError(f"The model {spec.alias} cannot write '{tgt}'.")
            inputs = [f"{token} {t}" for t in inputs]
        if loaded.family in ("m2m100", "nllb"):
            tokenizer.src_lang = _lang_code(spec, loaded.family, tokenizer, src)
            gen["forced_bos_token_id"] = tokenizer.convert_tokens_to_ids(
                _lang_code(spec, loaded.family, tokenizer, tgt)
                if loaded.family == "nllb"
                else f"__{_lang_code(spec, loaded.family, tokenizer, tgt)}__"
            )
        # The model's own generation limit bounds a translation too (opus-mt: 512).
        configured = getattr(loaded.model.generation_config, "max_length", None) or loaded.max_input
        cap = min(loaded.max_input, int(configured))

        def per_batch(longest: int) -> dict[str, Any]:
            # A translation runs about as long as its source; room for inflection.
            return {**gen, "max_new_tokens": min(cap, int(longest * 2 + 10))}

        return self._generate(
            loaded, inputs, per_batch, row_cap=lambda n: min(cap, int(n * 2 + 10))
        )

    # -- tokenize, batch by length, generate, decode ---------------------------
    def _generate(
        self, loaded: _Loaded, texts: list[str], settings: Any, row_cap: Any = None
    ) -> list[str]:
        import torch

        if not texts:
            return []
        tokenizer = loaded.tokenizer
        encoded = tokenizer(texts, add_special_tokens=True, truncation=False)["input_ids"]
        too_long = [i for i, ids in enumerate(encoded) if len(ids) > loaded.max_input]
        if too_long:
            # Segmentation guarantees inputs fit; truncating here would lose text silently.
            raise ModelError(
                f"An input of {len(encoded[too_long[0]])} tokens exceeds the model's "
                f"{loaded.max_input}; this is a bug in segmentation, please report it."
            )
        # Longest first; equal lengths by their tokens, not by the caller's order: which
        # inputs share a batch (and so its length limit) depends on the inputs alone.
        order = sorted(range(len(texts)), key=lambda i: (-len(encoded[i]), encoded[i]))
        outputs: list[str] = [""] * len(texts)
        pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        extra: dict[str, Any] = {}
        if pad_id != tokenizer.eos_token_id:
            # Padding is never text; a model that predicts it mid-sentence would decode to nothing.
            extra["suppress_tokens"] = [pad_id]
        def run(batch: list[int]) -> list[str]:
            try:
                return self._batch(loaded, encoded, batch, settings, row_cap, pad_id, extra)
            except torch.cuda.OutOfMemoryError:
                pass  # recover outside the handler: its traceback still holds the batch's tensors
            if len(batch) == 1:
                raise DeviceError(
                    "The GPU ran out of memory on a single input; use --device cpu or a smaller model."
                )
            # A smaller GPU than the batch size assumed: halve, and keep the smaller size.
            torch.cuda.empty_cache()
            half = len(batch) // 2
            self.batch_size = min(self.batch_size, max(1, half))
            return run(batch[:half]) + run(batch[half:])

        first = 0
        while first < len(order):
            batch = order[first : first + self.batch_size]
            for i, text in zip(batch, run(batch)):
                outputs[i] = text
            first += len(batch)
        return outputs

    def _batch(
        self, loaded: _Loaded, encoded: list[list[int]], batch: list[int], settings: Any,
        row_cap: Any, pad_id: int, extra: dict[str, Any],
    ) -> list[str]:
        """One padded batch through generate and decode."""
        import torch

        tokenizer, model = loaded.tokenizer, loaded.model
        longest = max(len(encoded[i]) for i in batch)
        ids = torch.full((len(batch), longest), pad_id, dtype=torch.long)
        mask = torch.zeros((len(batch), longest), dtype=torch.long)
        for row, i in enumerate(batch):
            seq = encoded[i]
            ids[row, : len(seq)] = torch.tensor(seq, dtype=torch.long)
            mask[row, : len(seq)] = 1
        # transformers warns through Python warnings about settings it then resolves
        # itself ("Unfeasible length constraints"); the run's reporter alone speaks.
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            generated = model.generate(
                input_ids=ids.to(loaded.device),
                attention_mask=mask.to(loaded.device),
                **{**extra, **settings(longest)},
            )
        self.generated_batches += 1
        if row_cap is not None:
            # The batch shares one length limit; cut each row at its own, so that
            # a looping model gives the same text whatever shares its batch.
            start = 0 if model.config.is_encoder_decoder else ids.shape[1]
            generated = [
                generated[row, : start + 1 + row_cap(len(encoded[i]))]
                for row, i in enumerate(batch)
            ]
        decoded = tokenizer.batch_decode(generated, skip_special_tokens=True)
        texts = []
        for text in decoded:
            if loaded.family == "m2m100":  # its tokenizer keeps the __xx__ language token
                text = _LANG_TOKEN.sub("", text)
            texts.append(text.strip())
        return texts


def pull(spec: ModelSpec) -> str:
    """Fill the Hugging Face cache with what the model needs; return the snapshot folder.

    Safetensors weights are fetched when the repository has them, so the cache
    never holds a pickle it does not need.
    """
    from huggingface_hub import HfApi, snapshot_download

    from summarize.engines import hub

    hub.quiet_clients()
    hub.require_reachable(spec)
    try:
        info = HfApi().model_info(spec.hub_id, revision=spec.revision)
        files = [s.rfilename for s in (info.siblings or [])]
        safetensors = [f for f in files if f.endswith(".safetensors")]
        weights = ["*.safetensors"] if safetensors else ["pytorch_model*.bin"]
        return snapshot_download(
            spec.hub_id, revision=spec.revision, allow_patterns=PULL_PATTERNS + weights
        )
    except Exception as exc:
        raise _model_error(spec, exc, offline=False) from exc
