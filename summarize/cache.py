"""Results remembered by what produced them, so a daily digest only pays for news.

The key is the article's bytes, the models (with revisions) and every option that
changes an output; a hit returns the stored Record without loading any model.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import fields
from pathlib import Path

from .record import Evidence, FactRecord, QuoteRecord, Record
from .write import atomic_write


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
