"""The parts of a record every digest format shows alike: the source link, the models, the summary.

Kept apart from the renderers so that the Markdown digest, the web page and the feed can share them
without importing one another (the page and the feed load lazily, only when asked for).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote, urlsplit

from summarize.record import Record


def link_of(source: str, out: Path | str | None) -> str:
    """The article's link as the digest's reader will follow it: relative to the digest
    for local files, the URL itself for objects on storage."""
    if source == "-" or out is None or isinstance(out, str) or "://" in source:
        return source
    try:
        return Path(os.path.relpath(Path(source).resolve(), out.resolve().parent)).as_posix()
    except ValueError:
        return source


def safe_href(link: str) -> str | None:
    """The link as an href a page or feed may carry: http(s) URLs and relative paths only.

    A scraped title never becomes a link; this guards the one link we do write, the
    source's, against a file or object named ``javascript:…`` or ``//elsewhere``.
    """
    parts = urlsplit(link)
    if parts.scheme in ("http", "https") and parts.netloc:
        return link
    if link in ("", "-") or "://" in link or link.startswith(("/", "\\")):
        return None  # stdin, object storage, an absolute path: shown as text, not followed
    return quote(link, safe="/")  # "javascript:x" becomes the relative path "javascript%3Ax"


def models_of(records: Sequence[Record]) -> list[str]:
    seen: dict[str, None] = {}
    for r in records:
        for role, ident in r.models.items():
            seen.setdefault(f"{role}: {ident}", None)
    return list(seen)


def summary_only(record: Record) -> str:
    """The summary without the key quotes the pipeline appended to it: the digest lists
    them in a section of their own."""
    starts = [q.output_start for q in record.key_quotes if q.output_start is not None]
    if not starts:
        return record.text
    cut = record.text.rfind("\n\n", 0, min(starts))
    return record.text[:cut] if cut >= 0 else record.text
