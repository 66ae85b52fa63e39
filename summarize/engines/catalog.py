"""The model catalog: read models/catalog.toml and resolve names to ModelSpecs.

Capabilities (task, languages, limits, licence) are fields of the catalog, never
guessed from a model's name.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from summarize.errors import ModelError, NoModelForLanguage, UsageError
from summarize.options import Task

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ANY = "*"


@dataclass(frozen=True)
class ModelSpec:
    """What the tool knows about a model before loading it."""

    alias: str
    hub_id: str
    revision: str = "main"
    task: Task | None = None
    family: str | None = None
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    licence: str | None = None
    commercial: bool | None = None
    default: bool = False
    params_m: int | None = None
    max_input_tokens: int | None = None
    num_beams: int | None = None
    lengths: dict[str, tuple[int, int]] = field(default_factory=dict, hash=False)
    generation: dict[str, Any] = field(default_factory=dict, hash=False)
    target_tokens: dict[str, str] = field(default_factory=dict, hash=False)
    lang_codes: dict[str, str] = field(default_factory=dict, hash=False)
    arch: dict[str, int] = field(default_factory=dict, hash=False)
    local: bool = False
    in_catalog: bool = True

    @property
    def ident(self) -> str:
        """``id@revision`` as the JSON record reports it."""
        return f"{self.hub_id}@{self.revision}"

    def covers(self, src: str | None, tgt: str | None) -> bool:
        """Whether the model handles this pair; unknown capabilities accept anything."""
        ok_src = not self.source or src is None or src in self.source
        targets = self.source if self.target == ("*source",) else self.target
        ok_tgt = not targets or tgt is None or tgt in targets
        return ok_src and ok_tgt

    @property
    def targets(self) -> tuple[str, ...]:
        return self.source if self.target == ("*source",) else self.target


def _spec_from_entry(entry: dict[str, Any]) -> ModelSpec:
    lengths = {k: (int(v[0]), int(v[1])) for k, v in entry.get("lengths", {}).items()}
    return ModelSpec(
        alias=entry["alias"],
        hub_id=entry["hub_id"],
        revision=entry.get("revision", "main"),
        task=Task(entry["task"]),
        family=entry.get("family"),
        source=tuple(entry.get("source", ())),
        target=tuple(entry.get("target", ())),
        licence=entry.get("licence"),
        commercial=entry.get("commercial"),
        default=bool(entry.get("default", False)),
        params_m=entry.get("params_m"),
        max_input_tokens=entry.get("max_input_tokens"),
        num_beams=entry.get("num_beams"),
        lengths=lengths,
        generation=dict(entry.get("generation", {})),
        target_tokens=dict(entry.get("target_tokens", {})),
        lang_codes=dict(entry.get("lang_codes", {})),
        arch=dict(entry.get("arch", {})),
    )


@lru_cache(maxsize=1)
def load_catalog() -> tuple[ModelSpec, ...]:
    text = resources.files("summarize.models").joinpath("catalog.toml").read_text("utf-8")
    return tuple(_spec_from_entry(e) for e in tomllib.loads(text)["model"])


def known_names() -> str:
    return ", ".join(spec.alias for spec in load_catalog())


def _local_spec(path: Path, task: Task) -> ModelSpec:
    config_path = path / "config.json"
    if not config_path.is_file():
        raise ModelError(
            f"The folder {path} is not a model: it has no config.json "
            "(save one with save_pretrained, or give a catalog alias or hub id)."
        )
    try:
        config = json.loads(config_path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"The model folder {path} has an unreadable config.json ({exc}).") from None
    return ModelSpec(
        alias=path.name,
        hub_id=str(path.resolve()),
        revision="local",
        task=task,
        family=config.get("model_type"),
        local=True,
        in_catalog=False,
    )


def resolve(name: str, task: Task) -> ModelSpec:
    """An alias, a hub id or a local folder, as a ModelSpec for ``task``."""
    for spec in load_catalog():
        if name in (spec.alias, spec.hub_id):
            if spec.task is not task:
                raise UsageError(
                    f"The model '{name}' does a {spec.task.value if spec.task else '?'}, "
                    f"not a {task.value}; pick one from `summarize models list`."
                )
            return spec
    path = Path(name).expanduser()
    if path.is_dir():
        return _local_spec(path, task)
    if name.startswith((".", "/", "~")):
        raise ModelError(f"No model folder at {name}.")
    if name.count("/") == 1 and all(name.split("/")):
        return ModelSpec(alias=name, hub_id=name, task=task, in_catalog=False)
    raise ModelError(f"Unknown model '{name}'; known models: {known_names()}.")


def route(task: Task, src: str | None, tgt: str | None) -> ModelSpec:
    """The catalog's default model for a task and language pair."""
    for spec in load_catalog():
        if spec.task is task and spec.default and spec.commercial and spec.covers(src, tgt):
            return spec
    pair = f"{src or '?'}→{tgt or '?'}" if task is Task.TRANSLATION else (src or "?")
    raise NoModelForLanguage(
        f"No default {task.value} model for {pair} in the catalog; "
        "pass one with --model (an alias, a hub id or a local folder)."
    )


def languages(task: Task | None = None) -> set[str]:
    """Every language code some catalog model reads or writes."""
    codes: set[str] = set()
    for spec in load_catalog():
        if task is None or spec.task is task:
            codes.update(spec.source)
            codes.update(spec.targets)
    codes.discard(ANY)
    return codes
