"""Results remembered by what produced them, so a daily digest only pays for news.

The key is the article's bytes, every option that changes an output, and what runs:
each model's backend, precision and the commit of its snapshot (``provenance.plan``),
not ``--backend auto``. A hit returns the stored Record without loading any model; a
result made by another plan is a miss, and ``made_with`` remembers that plan so the
run can say what changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import fields
from pathlib import Path

from summarize.io.write import atomic_write
from summarize.record import Evidence, FactRecord, QuoteRecord, Record


def default_root() -> Path:
    """``SUMMARIZE_CACHE_DIR``, else the platform's user cache folder."""
    override = os.environ.get("SUMMARIZE_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("summarize")) / "results"


def _record_from_dict(data: dict) -> Record:
    quote_fields = {f.name for f in fields(QuoteRecord)}

    def quote(q: dict) -> QuoteRecord:
        q = {k: v for k, v in q.items() if k in quote_fields}
        if q.get("speaker_span") is not None:
            q["speaker_span"] = tuple(q["speaker_span"])
        q["speaker_evidence"] = Evidence.from_dict(q.get("speaker_evidence"))
        return QuoteRecord(**q)

    record_fields = {f.name for f in fields(Record)}
    data = {k: v for k, v in data.items() if k in record_fields}
    data["quotes"] = [quote(q) for q in data.get("quotes", [])]
    if "key_quotes" in data:
        data["key_quotes"] = [quote(q) for q in data["key_quotes"]]
    fact_fields = {f.name for f in fields(FactRecord)}
    data["facts"] = [
        FactRecord(**{k: v for k, v in f.items() if k in fact_fields}) for f in data.get("facts", [])
    ]
    return Record(**data)


class ResultCache:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_root()
        self.hits = 0
        self.misses = 0
        self.stores = 0

    def key(self, digest: str, options_key: str, models: str) -> str:
        return hashlib.sha256(f"{digest}\0{options_key}\0{models}".encode()).hexdigest()

    def _made_path(self, digest: str, options_key: str) -> Path:
        name = hashlib.sha256(f"{digest}\0{options_key}".encode()).hexdigest()
        return self.root / "made" / name[:2] / f"{name}.json"

    def made_with(self, digest: str, options_key: str) -> dict[str, str] | None:
        """The plan (models, backends, precisions, revisions) of the last result stored
        for this input and these options, whatever made it: a miss can then say why."""
        try:
            made = json.loads(self._made_path(digest, options_key).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return made if isinstance(made, dict) else None

    def remember(self, digest: str, options_key: str, made: dict[str, str]) -> None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            atomic_write(self._made_path(digest, options_key), json.dumps(made, sort_keys=True))

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Record | None:
        try:
            data = json.loads(self._path(key).read_text("utf-8"))
            record = _record_from_dict(data)
        except (OSError, ValueError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return record

    def put(self, key: str, record: Record) -> None:
        try:
            atomic_write(self._path(key), json.dumps(record.to_dict(), ensure_ascii=False))
            self.stores += 1
        except OSError:
            pass  # a cache that cannot be written only costs time, never a result
