"""What will actually run: backend, precision and model revision, known before any load.

A cached result is only as good as what made it. ``--backend auto`` is a wish, not a
fact: installing CTranslate2 turns it from torch fp32 into CTranslate2 int8, and a
catalog entry on ``main`` follows the hub. So the result cache keys on the plan this
module resolves (the backend and precision each model gets, and the commit of each
model's snapshot in the cache), and can say what changed when a key no longer matches.
Nothing here loads a model or touches the network.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from summarize.engines import catalog
from summarize.engines.catalog import ModelSpec
from summarize.options import Backend, Device, Precision, RunOptions, Task

_COMMIT = re.compile(r"[0-9a-f]{40}")


def _candidates(options: RunOptions) -> list[ModelSpec]:
    """Every model this run may use: the ones named, else the catalog's defaults the
    routing can pick (the article's language is not known before it is read)."""
    specs: list[ModelSpec] = []
    summarizing = options.task is Task.SUMMARY
    named = options.model if summarizing else None
    translator = options.model if options.task is Task.TRANSLATION else options.translator
    if summarizing:
        if named:
            specs.append(catalog.resolve(named, Task.SUMMARY))
        else:
            specs.extend(s for s in catalog.load_catalog()
                         if s.task is Task.SUMMARY and s.default and s.commercial)
    if options.to_lang and options.task in (Task.SUMMARY, Task.TRANSLATION):
        if translator:
            specs.append(catalog.resolve(translator, Task.TRANSLATION))
        else:
            specs.extend(s for s in catalog.load_catalog()
                         if s.task is Task.TRANSLATION and s.default and s.commercial
                         and options.to_lang in s.targets)
    return specs


def _revision(spec: ModelSpec, offline: bool) -> str:
    """The commit a load will use: for a branch (``main``) the hub's answer when it is
    reachable, else the commit the cache holds; the files' sizes and times of a local
    folder; ``<revision>:not-cached`` when neither knows."""
    if spec.local:
        parts = []
        for f in sorted(Path(spec.hub_id).iterdir()):
            if f.is_file():
                st = f.stat()
                parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
        return "local:" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]
    from summarize.engines import hub

    if not offline and not _COMMIT.fullmatch(spec.revision) and hub.reachable(spec):
        try:
            from huggingface_hub import HfApi

            sha = HfApi().model_info(spec.hub_id, revision=spec.revision, timeout=hub.PROBE_TIMEOUT_S).sha
            if sha:
                return str(sha)
        except Exception:  # the cache's answer below; the load will say what is wrong
            pass
    folder = hub.cached_snapshot(spec)
    return Path(folder).name if folder else f"{spec.revision}:not-cached"


def _torch_precision(options: RunOptions) -> str:
    if options.precision is not Precision.AUTO:
        return options.precision.value
    if options.device is Device.CPU:
        return "fp32"
    import torch

    return "fp16" if torch.cuda.is_available() else "fp32"


def _backend(options: RunOptions, engine: Any, spec: ModelSpec) -> tuple[str, str]:
    """(backend, precision) this spec runs with."""
    from summarize.engines.choose import AutoEngine, make_engine
    from summarize.engines.ct2_engine import CT2Engine, available

    if engine is None:
        if options.backend is Backend.TORCH:
            return "torch", _torch_precision(options)
        if options.backend is Backend.AUTO and not available():
            return "torch", _torch_precision(options)
        engine = make_engine(options.backend.value, device=options.device,
                             precision=options.precision)
    if isinstance(engine, AutoEngine):
        if engine.backend_for(spec) == "torch":
            return "torch", _torch_precision(options)
        engine = engine.engine_for(spec)
    if isinstance(engine, CT2Engine):
        return "ct2", engine.compute_type(spec.family, engine._device())
    from summarize.engines.torch_engine import TransformersEngine

    if isinstance(engine, TransformersEngine):
        return "torch", _torch_precision(options)
    return type(engine).__name__, options.precision.value


def plan(options: RunOptions, engine: Any = None) -> dict[str, str]:
    """``{model ident: "backend precision revision"}`` for every model the run may use."""
    if options.task is Task.QUOTES:
        return {}
    from summarize.engines.core import _offline

    offline = _offline(options.offline)
    result: dict[str, str] = {}
    for spec in _candidates(options):
        backend, precision = _backend(options, engine, spec)
        result[spec.hub_id if not spec.local else f"{spec.alias} ({spec.hub_id})"] = (
            f"{backend} {precision} {_revision(spec, offline)}"
        )
    return result


def fingerprint(made: dict[str, str]) -> str:
    return json.dumps(made, sort_keys=True)


def changes(before: dict[str, str], now: dict[str, str]) -> str:
    """What differs between the plan a result was made with and this run's, in words."""
    said = []
    for model in sorted(set(before) | set(now)):
        old, new = before.get(model), now.get(model)
        if old == new:
            continue
        name = model.rsplit("/", 1)[-1]
        if old is None or new is None:
            said.append(f"{name} {'added' if old is None else 'no longer used'}")
            continue
        labels = ("backend", "precision", "revision")
        for label, a, b in zip(labels, old.split(" ", 2), new.split(" ", 2)):
            if a != b:
                said.append(f"{name} {label} {a[:12]} → {b[:12]}")
    return ", ".join(said) or "the models changed"
