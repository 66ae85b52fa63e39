"""What every model backend shares: the seam, the load rules and the batching core.

A backend turns lists of texts into lists of texts in three steps: tokenize and batch by
length, generate, decode (the shape of the old transformers pipelines, which
transformers 5 removed). Only "generate and decode one batch" differs between libraries,
so everything around it lives here once: inputs tokenized within the model's limit (never
truncated), longest first with ties broken by the tokens themselves, the out-of-memory
fallback, the load rules (no remote code, the cache alone when offline, one sentence per
failure) and the inputs a task needs (T5's task prefix, the target-language token). A
next backend (ONNX, an HTTP server) writes its ``_load`` and its one-batch call.

Importing this module imports neither torch, transformers nor ctranslate2: the commands
that need no model stay fast.
"""

from __future__ import annotations

import os
import warnings
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from summarize.engines.catalog import ModelSpec
from summarize.errors import DeviceError, ModelError
from summarize.options import Device, Length

# When the catalog has no length presets for a model: [min, max] new tokens.
DEFAULT_LENGTHS = {"short": (15, 60), "medium": (40, 140), "long": (80, 256)}
# Files a model needs at run time; weights are chosen separately (safetensors first).
PULL_PATTERNS = ["*.json", "*.model", "*.spm", "*.txt", "*.tiktoken", "*.jinja"]

# One padded batch through a backend's model: (every input's token ids, the batch's
# indices into them) -> the batch's texts, in the batch's order; or, from a backend that
# runs several batches at once (``_in_flight``), a function that waits for those texts.
Texts = list[str]
OneBatch = Callable[[list[list[int]], list[int]], "Texts | Callable[[], Texts]"]


class Engine(Protocol):
    """What the pipeline needs from a model backend."""

    def describe(self, spec: ModelSpec) -> str:
        """``id@revision`` of the model as loaded."""
        ...

    def max_input_tokens(self, spec: ModelSpec) -> int: ...

    def count_tokens(self, spec: ModelSpec, texts: Sequence[str]) -> list[int]: ...

    def summarize(self, spec: ModelSpec, texts: Sequence[str], length: Length) -> list[str]: ...

    def translate(
        self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None
    ) -> list[str]:
        """``beams``: this call's beam size, over the engine's own (None: the engine's)."""
        ...


@dataclass
class Loaded:
    """What every backend keeps of a loaded model besides the model itself."""

    tokenizer: Any
    max_input: int
    family: str | None
    tasks: dict[str, Any]  # config.task_specific_params


# -- loading ------------------------------------------------------------------


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


def pretrained_kwargs(spec: ModelSpec, offline: bool) -> tuple[dict[str, Any], bool]:
    """``from_pretrained`` arguments (never remote code; the cache alone when offline or
    when the hub does not answer) and whether the load is cache-only.

    Our reporter speaks for the run; the hub client's and transformers' own bars and
    notices would drown it, so they are silenced first.
    """
    import transformers

    from summarize.engines import hub

    transformers.logging.disable_progress_bar()
    hub.quiet_clients()
    cache_only = hub.cache_only(spec, offline)
    kwargs: dict[str, Any] = {"trust_remote_code": False, "local_files_only": cache_only}
    if not spec.local:
        kwargs["revision"] = spec.revision
    return kwargs, cache_only


@contextmanager
def loading(spec: ModelSpec, offline: bool) -> Iterator[None]:
    """Load without the libraries' warnings; any failure becomes one ``ModelError``
    (transformers raises OSError, ValueError, hub errors...)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    except Exception as exc:
        raise _model_error(spec, exc, offline) from exc


def model_family(model_type: str | None, tokenizer_name: str = "") -> str | None:
    """M2M100 and NLLB share a model type; only the tokenizer tells them apart."""
    if model_type == "m2m_100":
        return "nllb" if "nllb" in tokenizer_name.lower() else "m2m100"
    return model_type


def family_of(spec: ModelSpec, config: Any, tokenizer: Any) -> str | None:
    return model_family(spec.family or getattr(config, "model_type", None), type(tokenizer).__name__)


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
    return [len(ids) for ids in _encode(tokenizer, texts)]


def _encode(tokenizer: Any, texts: Sequence[str]) -> list[list[int]]:
    return list(tokenizer(list(texts), add_special_tokens=True, truncation=False)["input_ids"])


# -- the inputs a task needs --------------------------------------------------


def summary_lengths(spec: ModelSpec, length: Length) -> tuple[int, int]:
    """[min, max] new tokens of a summary: the catalog's preset, else the default."""
    low, high = spec.lengths.get(length.value) or DEFAULT_LENGTHS[length.value]
    return low, high


def task_prefix(loaded: Loaded, task: str) -> str:
    """T5-style models learned their tasks behind a text prefix ("summarize: "), read from
    the model's config: the same input under every backend."""
    return str((loaded.tasks.get(task) or {}).get("prefix") or "")


def _lang_code(spec: ModelSpec, family: str | None, lang: str) -> str:
    if spec.lang_codes.get(lang):
        return spec.lang_codes[lang]
    if family == "nllb":
        raise ModelError(f"The catalog has no NLLB code for '{lang}'.")
    return lang


def translation_inputs(
    spec: ModelSpec, loaded: Loaded, texts: Sequence[str], src: str, tgt: str
) -> tuple[list[str], str | None]:
    """The texts as the model expects them, and the token its output must start with
    (M2M100's and NLLB's target language; None for other families).

    Sets the tokenizer's source language, which M2M100 and NLLB tokenizers encode.
    """
    inputs = list(texts)
    prefix = task_prefix(loaded, f"translation_{src}_to_{tgt}")
    if prefix:
        inputs = [prefix + t for t in inputs]
    if spec.target_tokens:
        token = spec.target_tokens.get(tgt)
        if token is None:
            raise ModelError(f"The model {spec.alias} cannot write '{tgt}'.")
        inputs = [f"{token} {t}" for t in inputs]
    if loaded.family not in ("m2m100", "nllb"):
        return inputs, None
    loaded.tokenizer.src_lang = _lang_code(spec, loaded.family, src)
    code = _lang_code(spec, loaded.family, tgt)
    return inputs, code if loaded.family == "nllb" else f"__{code}__"


def translation_cap(cap: int, longest: int) -> int:
    """New tokens a translation may take: about as long as its source, with room for
    inflection, never past the model's own limit (opus-mt: 512)."""
    return min(cap, int(longest * 2 + 10))


# -- the engine ---------------------------------------------------------------


class BatchingEngine:
    """The shared half of every backend: a subclass loads (``_load``) and runs one batch;
    this class caches the loads, answers from the tokenizer and batches."""

    def __init__(
        self, device: Device, precision: Any, batch_size: int, num_beams: int | None, offline: bool
    ) -> None:
        self.device_choice = device
        self.precision = precision
        self.batch_size = max(1, batch_size)
        self.num_beams = num_beams
        self.offline = _offline(offline)
        self._models: dict[str, Any] = {}
        self.loads = 0  # how many models this engine loaded: once each per run
        self.generated_batches = 0

    def _load(self, spec: ModelSpec) -> Any:  # pragma: no cover - each backend has its own
        raise NotImplementedError

    def load(self, spec: ModelSpec) -> Any:
        key = spec.ident
        if key not in self._models:
            self._models[key] = self._load(spec)
            self.loads += 1
        return self._models[key]

    def describe(self, spec: ModelSpec) -> str:
        return spec.ident

    def max_input_tokens(self, spec: ModelSpec) -> int:
        return int(self.load(spec).max_input)

    def count_tokens(self, spec: ModelSpec, texts: Sequence[str]) -> list[int]:
        return token_counts(self.load(spec).tokenizer, texts)

    # -- what a backend may change ---------------------------------------------
    def _rows(self, longest: int, done: int, total: int) -> int:
        """How many inputs of at most ``longest`` tokens share the next batch, when ``done``
        of ``total`` have their batch. Never how many cores this machine has: which inputs
        share a batch may change a looping model's text, and a Ray actor must write what a
        local run does."""
        return self.batch_size

    def _out_of_memory(self, exc: Exception) -> bool:
        """Whether ``exc`` is the library's way of saying the GPU is full."""
        return False

    def _free_memory(self) -> None:
        """Give the device's cached memory back before the smaller batches."""

    def _in_flight(self) -> int:
        """Batches handed to the backend before the oldest is waited for: 0 runs one at a
        time; more lets a backend with its own workers compute while this thread
        tokenizes and decodes."""
        return 0

    # -- tokenize, batch by length, generate and decode one batch at a time --------
    def _generate(self, loaded: Loaded, texts: list[str], one_batch: OneBatch) -> list[str]:
        if not texts:
            return []
        encoded = _encode(loaded.tokenizer, texts)
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

        def submit(batch: list[int]) -> Callable[[], Texts]:
            try:
                pending = one_batch(encoded, batch)
            except Exception as exc:
                error = exc

                def failed() -> Texts:
                    raise error

                return failed
            if callable(pending):
                return pending
            return lambda: pending

        def finish(batch: list[int], pending: Callable[[], Texts]) -> Texts:
            try:
                done = pending()
            except Exception as exc:
                if not self._out_of_memory(exc):
                    raise
            else:
                self.generated_batches += 1
                return done
            # Recovered outside the handler: its traceback still holds the batch's tensors.
            if len(batch) == 1:
                raise DeviceError(
                    "The GPU ran out of memory on a single input; use --device cpu or a smaller model."
                )
            # A smaller GPU than the batch size assumed: halve, and keep the smaller size.
            self._free_memory()
            half = len(batch) // 2
            self.batch_size = min(self.batch_size, max(1, half))
            return finish(batch[:half], submit(batch[:half])) + finish(batch[half:], submit(batch[half:]))

        window: deque[tuple[list[int], Callable[[], Texts]]] = deque()

        def oldest() -> None:
            batch, pending = window.popleft()
            for i, text in zip(batch, finish(batch, pending)):
                outputs[i] = text

        first = 0
        while first < len(order):
            batch = order[first : first + self._rows(len(encoded[order[first]]), first, len(order))]
            window.append((batch, submit(batch)))
            if len(window) > self._in_flight():
                oldest()
            first += len(batch)
        while window:
            oldest()
        return outputs
