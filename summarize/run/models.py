"""`summarize models`: the catalog looked up, and models fetched ahead of time.

The command line only parses the names; finding a model and filling the cache happen here,
so a script can do the same without the CLI. The table and the fields it prints are
io/catalog_view's. The catalog and the engine load lazily: `summarize --help` stays instant.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarize.engines.catalog import ModelSpec


def catalog_lines() -> list[str]:
    """The whole catalog as `models list` prints it."""
    from summarize.engines.catalog import load_catalog
    from summarize.io.catalog_view import catalog_table

    return catalog_table(load_catalog())


def find_model(name: str) -> ModelSpec:
    """The catalog's entry for an alias or hub id; an unknown name lists the known ones."""
    from summarize.engines.catalog import load_catalog
    from summarize.errors import ModelError

    spec = next((s for s in load_catalog() if name in (s.alias, s.hub_id)), None)
    if spec is None:
        raise ModelError(
            f"Unknown model '{name}'; known models: {', '.join(s.alias for s in load_catalog())}."
        )
    return spec


def pull_models(names: Iterable[str]) -> Iterator[str]:
    """Fill the model cache, one line per model as it lands: ``alias: ident -> folder``.

    A name outside the catalog is resolved like ``--model`` (a hub id or a folder).
    """
    from summarize.engines import catalog
    from summarize.engines import torch_engine as engine
    from summarize.options import Task

    for name in names:
        spec = next((s for s in catalog.load_catalog() if name in (s.alias, s.hub_id)), None)
        spec = spec or catalog.resolve(name, Task.TRANSLATION)
        folder = engine.pull(spec)
        yield f"{spec.alias}: {spec.ident} -> {folder}"
