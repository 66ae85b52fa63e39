"""Which backend runs a model: ``--backend auto|torch|ct2`` made into one engine.

``auto`` sends each model to CTranslate2 where the package is installed and runs the
model's family (read from the catalog, or from the model's config.json), and to torch
otherwise; ``ct2`` insists, ``torch`` never tries. Kept apart from both backends because
it knows both of them, while each backend knows only itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from summarize.engines.catalog import ModelSpec
from summarize.engines.core import _offline
from summarize.engines.ct2_engine import CT2Engine, available, supports
from summarize.errors import UsageError
from summarize.options import Length, Precision

__all__ = ["BACKENDS", "AutoEngine", "make_engine"]

BACKENDS = ("auto", "torch", "ct2")


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

    def translate(
        self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None
    ) -> list[str]:
        return self.engine_for(spec).translate(spec, texts, src, tgt, beams)


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

    common = ("device", "precision", "batch_size", "num_beams", "offline", "threads")
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
    threads (CPU threads, both); cache_dir (CTranslate2 only). ``auto`` runs a model
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
