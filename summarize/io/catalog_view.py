"""The model catalog as `summarize models list` and `models info` print it.

Rendering only: which models exist and what they can do is the catalog's (engines/catalog);
this module decides the columns, the abbreviations and which fields are worth a line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarize.engines.catalog import ModelSpec


def catalog_table(specs: Iterable[ModelSpec]) -> list[str]:
    """One line per model under a header, in aligned columns; long language lists counted."""
    rows = [("ALIAS", "HUB ID", "TASK", "LANGUAGES", "LICENCE", "PARAMS", "MAX IN", "DEFAULT")]
    for s in specs:
        langs = f"{','.join(s.source) if len(s.source) < 6 else f'{len(s.source)} langs'}→" + (
            ",".join(s.targets) if len(s.targets) < 6 else f"{len(s.targets)} langs"
        )
        licence = s.licence or "?"
        if s.commercial is False:
            licence += " (non-commercial)"
        rows.append((s.alias, s.hub_id, s.task.value if s.task else "?", langs, licence,
                     f"{s.params_m}M", str(s.max_input_tokens), "yes" if s.default and s.commercial else ""))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]


def model_fields(spec: ModelSpec) -> list[str]:
    """Everything the catalog says about one model, a field a line; empty fields left out."""
    fields = {
        "alias": spec.alias, "hub id": spec.hub_id, "revision": spec.revision,
        "task": spec.task.value if spec.task else None, "family": spec.family,
        "source languages": ", ".join(spec.source), "target languages": ", ".join(spec.targets),
        "licence": spec.licence, "commercial use": "yes" if spec.commercial else "no",
        "default": "yes" if spec.default and spec.commercial else "no",
        "parameters": f"{spec.params_m}M", "max input tokens": spec.max_input_tokens,
        "beams": spec.num_beams, "lengths": spec.lengths or None,
        "generation": spec.generation or None, "target tokens": spec.target_tokens or None,
    }
    return [f"{key:>17}: {value}" for key, value in fields.items() if value not in (None, "")]
