"""Renderers keyed by format name; ``--format`` choices come from this dict."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from summarize.record import Record


def render_text(records: Sequence[Record]) -> str:
    if len(records) == 1:
        return records[0].text.rstrip("\n") + "\n"
    return "\n\n".join(f"== {r.source} ==\n{r.text.rstrip()}" for r in records) + "\n"


def render_json(records: Sequence[Record]) -> str:
    data = records[0].to_dict() if len(records) == 1 else [r.to_dict() for r in records]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(records: Sequence[Record]) -> str:
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records)


def render_markdown(records: Sequence[Record]) -> str:
    parts = []
    for r in records:
        title = r.title or r.source
        body = r.text.strip()
        parts.append(f"## {title}\n\n{body}\n\n*Source: {r.source}*\n")
    return "\n".join(parts)


RENDERERS: dict[str, Callable[[Sequence[Record]], str]] = {
    "text": render_text,
    "json": render_json,
    "jsonl": render_jsonl,
    "md": render_markdown,
}
# The file name ending an output gets in an --out folder.
EXTENSIONS = {"text": ".txt", "json": ".json", "jsonl": ".jsonl", "md": ".md"}
