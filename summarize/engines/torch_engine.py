"""The torch backend: Hugging Face seq2seq models through transformers, on CPU or CUDA.

The one module that runs a model with torch. ``engine_core`` does the rest of what an
engine does (load rules, tokenizing within the limit, longest-first batches, the
out-of-memory fallback); this module loads the model and turns one padded batch into
texts with ``generate`` and ``batch_decode``. ``pull`` fills the model cache for every
backend.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from summarize.engines.batch_plan import MAX_CPU_WORKERS, cpu_workers, rows_by_tokens
from summarize.engines.catalog import ModelSpec
from summarize.engines.core import (
    PULL_PATTERNS,
    BatchingEngine,
    Loaded,
    _model_error,
    family_of,
    input_limit,
    loading,
    pretrained_kwargs,
    summary_lengths,
    task_prefix,
    translation_cap,
    translation_inputs,
)
from summarize.errors import DeviceError
from summarize.options import Device, Length, Precision

# M2M100's tokenizer keeps the __xx__ language token in decoded text.
_LANG_TOKEN = re.compile(r"__[a-z]{2,3}__")


@dataclass
class _Loaded(Loaded):
    model: Any
    device: str


class TransformersEngine(BatchingEngine):
    """Runs Hugging Face seq2seq models with torch on CPU or CUDA.

    ``threads``: the CPU threads it may use (0: the cores this process may run on). On
    CPU they are shared out as workers (``cpu_workers``), each running ``generate`` on
    its own batch in a thread of its own: torch lets go of the GIL inside its operations.
    """

    def __init__(
        self,
        device: Device = Device.AUTO,
        precision: Precision = Precision.AUTO,
        batch_size: int = 16,
        num_beams: int | None = None,
        offline: bool = False,
        threads: int = 0,
    ) -> None:
        super().__init__(device, precision, batch_size, num_beams, offline)
        self.threads = max(0, int(threads))
        self.workers = 1  # batches run at once (set when a model loads on CPU)
        self.on_cpu = True
        self._pool: ThreadPoolExecutor | None = None

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

    def _load(self, spec: ModelSpec) -> _Loaded:
        import torch
        import transformers
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        device = self._device()
        dtype = self._dtype(device)
        kwargs, offline = pretrained_kwargs(spec, self.offline)
        dtype_key = "dtype" if int(transformers.__version__.split(".")[0]) >= 5 else "torch_dtype"
        with loading(spec, offline):
            tokenizer = AutoTokenizer.from_pretrained(spec.hub_id, **kwargs)
            model = AutoModelForSeq2SeqLM.from_pretrained(spec.hub_id, **kwargs, **{dtype_key: dtype})
        model.eval()
        model.to(device)
        if self.precision is Precision.INT8:
            if device != "cpu":
                raise DeviceError("--precision int8 runs on CPU only; on CUDA use fp16.")
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        config = model.config
        self.on_cpu = device == "cpu"
        if self.on_cpu and self._pool is None:
            workers, each = cpu_workers(self.threads)
            if workers > 1:
                # Torch's thread count is the process's: this engine runs its models.
                torch.set_num_threads(each)
                self.workers = workers
                self._pool = ThreadPoolExecutor(workers, thread_name_prefix="summarize-torch")
        return _Loaded(
            tokenizer=tokenizer, max_input=input_limit(spec, config, tokenizer),
            family=family_of(spec, config, tokenizer),
            tasks=dict(getattr(config, "task_specific_params", None) or {}),
            model=model, device=device,
        )

    # -- the protocol (describe, max_input_tokens, count_tokens: BatchingEngine) --
    def _settings(self, spec: ModelSpec) -> dict[str, Any]:
        """The catalog's generation settings, and the beam count asked for."""
        gen: dict[str, Any] = dict(spec.generation)
        beams = self.num_beams or spec.num_beams
        if beams:
            gen["num_beams"] = beams
        return gen

    def summarize(self, spec: ModelSpec, texts: Sequence[str], length: Length) -> list[str]:
        loaded = self.load(spec)
        low, high = summary_lengths(spec, length)
        gen = self._settings(spec)
        gen.update(min_new_tokens=low, max_new_tokens=high, min_length=0)
        inputs = [task_prefix(loaded, "summarization") + t for t in texts]
        return self._generate(loaded, inputs, self._batches(loaded, lambda _n: gen))

    def translate(
        self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None
    ) -> list[str]:
        loaded = self.load(spec)
        gen = self._settings(spec)
        if beams:
            gen["num_beams"] = beams
        inputs, target = translation_inputs(spec, loaded, texts, src, tgt)
        if target is not None:
            gen["forced_bos_token_id"] = loaded.tokenizer.convert_tokens_to_ids(target)
        # The model's own generation limit bounds a translation too (opus-mt: 512).
        configured = getattr(loaded.model.generation_config, "max_length", None) or loaded.max_input
        cap = min(loaded.max_input, int(configured))

        def per_batch(longest: int) -> dict[str, Any]:
            return {**gen, "max_new_tokens": translation_cap(cap, longest)}

        row_cap = lambda n: translation_cap(cap, n)  # noqa: E731
        return self._generate(loaded, inputs, self._batches(loaded, per_batch, row_cap))

    def _rows(self, longest: int, done: int, total: int) -> int:
        """Batching by tokens: short sentences and recovery pieces share bigger batches
        (on the benchmark's sentences, 1.11x the sentences per second of batches of 16).
        On CPU, never fewer than MAX_CPU_WORKERS batches, so no worker idles; the cut
        depends on the inputs alone, not on this machine's cores."""
        rows = rows_by_tokens(self.batch_size, longest)
        return min(rows, -(-total // MAX_CPU_WORKERS)) if self.on_cpu else rows

    def _in_flight(self) -> int:
        return 2 * self.workers if self._pool is not None else 0

    def _generate(self, loaded: Any, texts: list[str], one_batch: Any) -> list[str]:
        # Before Python 3.14 the warning filters are the process's: one worker leaving its
        # catch_warnings block would restore them while another still generates, and its
        # warnings would reach stderr. Ignoring them for the whole call, in this thread,
        # covers every worker until the last batch is done.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return super()._generate(loaded, texts, one_batch)

    # -- what out of memory looks like in torch --------------------------------
    def _out_of_memory(self, exc: Exception) -> bool:
        import torch

        return isinstance(exc, torch.cuda.OutOfMemoryError)

    def _free_memory(self) -> None:
        import torch

        torch.cuda.empty_cache()

    # -- one padded batch through generate and decode --------------------------
    def _batches(
        self, loaded: _Loaded, settings: Callable[[int], dict[str, Any]],
        row_cap: Callable[[int], int] | None = None,
    ) -> Any:
        """The one-batch call for ``_generate``: ``settings`` gives generate's arguments
        for the batch's longest input, ``row_cap`` each row's own limit on new tokens."""
        tokenizer, model = loaded.tokenizer, loaded.model
        pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        extra: dict[str, Any] = {}
        banned = getattr(model.generation_config, "bad_words_ids", None) or []
        if pad_id != tokenizer.eos_token_id and [pad_id] not in banned:
            # Padding is never text; a model that predicts it mid-sentence would decode to
            # nothing. (Marian's own settings ban it already: a second pass over the whole
            # vocabulary at every step would cost time for nothing.)
            extra["suppress_tokens"] = [pad_id]

        def one_batch(encoded: list[list[int]], batch: list[int]) -> Any:
            if self._pool is not None:
                return self._pool.submit(run, encoded, batch).result
            return run(encoded, batch)

        def run(encoded: list[list[int]], batch: list[int]) -> list[str]:
            import torch

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
            if row_cap is not None:
                # The batch shares one length limit; cut each row at its own, so that
                # a looping model gives the same text whatever shares its batch: the
                # text it would give alone, where a forced EOS takes the last place.
                start = 0 if model.config.is_encoder_decoder else ids.shape[1]
                eos = int(getattr(model.generation_config, "forced_eos_token_id", None) is not None)
                generated = [
                    generated[row, : start + 1 + row_cap(len(encoded[i])) - eos]
                    for row, i in enumerate(batch)
                ]
            decoded = tokenizer.batch_decode(generated, skip_special_tokens=True)
            if loaded.family == "m2m100":  # its tokenizer keeps the __xx__ language token
                decoded = [_LANG_TOKEN.sub("", text) for text in decoded]
            return [text.strip() for text in decoded]

        return one_batch


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
