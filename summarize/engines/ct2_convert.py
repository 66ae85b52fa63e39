"""Converting a checkpoint into CTranslate2's format, once per model and quantization.

The source is the checkpoint transformers loads (a local folder, or a snapshot in the
Hugging Face cache, fetched with ``engine.pull`` when missing); the result lives in
``<user cache>/summarize/ct2/<key>``. The key names the model, its revision (the commit
the cache holds), the quantization and CTranslate2's major version, and for a local
folder its files' sizes and times, so a rebuilt folder or a new upstream commit is
converted again. A conversion is written beside the cache and moved in whole: a run
that dies halfway leaves no folder a later run would trust.

Nothing here is imported until the ct2 backend loads a model.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any

from summarize.engines.catalog import ModelSpec
from summarize.engines.core import PULL_PATTERNS, _model_error
from summarize.errors import ModelError

# Written last into a finished conversion: a folder without it is not one.
_CONVERTED_MARK = "summarize-ct2.json"
_CHECKPOINT_FAULTS = (
    "weights_only", "Unpickling", "WeightsUnpickler", "trust_remote_code",
    "deserializing header", "does not appear to have a file named",
)


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("summarize")) / "ct2"


def snapshot(spec: ModelSpec, offline: bool) -> Path:
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
        if offline:
            raise _model_error(spec, exc, True) from exc
    return Path(pull(spec))


def folder_name(spec: ModelSpec, quantization: str, offline: bool) -> str:
    """The converted folder's name in the cache: what the conversion was made from."""
    import ctranslate2

    parts = [spec.hub_id, spec.revision, quantization, ctranslate2.__version__.split(".")[0]]
    if not spec.local:
        # The commit the cache holds, not the branch name: a new upstream commit gets a
        # new conversion, and a cache that lost the model cannot hide behind an old one.
        parts.append(snapshot(spec, offline).name)
    if spec.local:
        # A rebuilt folder must not reuse a stale conversion.
        for f in sorted(Path(spec.hub_id).iterdir()):
            if f.is_file():
                st = f.stat()
                parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
    name = "".join(c if c.isalnum() or c in "-_." else "-" for c in spec.alias)[:40]
    return f"{name}-{quantization}-{digest}"


def converted(spec: ModelSpec, quantization: str, cache_dir: Path, offline: bool) -> tuple[Path, bool]:
    """The converted model folder, converting once (atomically) when missing; and
    whether this call converted it."""
    final = cache_dir / folder_name(spec, quantization, offline)
    if (final / _CONVERTED_MARK).is_file():
        return final, False
    source = snapshot(spec, offline)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".converting-", dir=cache_dir))
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
            raise _model_error(spec, exc, offline) from exc
        first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
        raise ModelError(
            f"CTranslate2 could not convert {spec.hub_id}: {first} (use --backend torch)."
        ) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final, True


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
