"""The newsroom digest: one section per article, models and failures accounted for.

It renders records the pipeline already produced; it does no text work of its own.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlsplit

from summarize.quotes.key_quotes import KEY_QUOTE_JOIN, utterance_lines
from summarize.record import Failure, Record
from summarize.stages.guard import marks_for

_READER_FLAGS = ("quote", "salad", "empty", "incomplete")
# A figure the checks could not confirm, or one the model wrote that its source lacks.
_DOUBTFUL_FACTS = {"unconfirmed": "not confirmed in the translation:", "invented": "not in the source:"}


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


def render_markdown(
    records: Sequence[Record],
    failures: Sequence[Failure],
    out: Path | str | None,
    today: date | None = None,
    hashes: Mapping[str, str] | None = None,
) -> str:
    today = today or date.today()
    lines = [f"# News digest — {today.isoformat()}", ""]
    lines.append(f"Articles: {len(records)} summarized, {len(failures)} failed.")
    models = models_of(records)
    if models:
        lines.append("")
        lines.append("Models: " + "; ".join(f"`{m}`" for m in models))
    for r in records:
        lines += ["", f"## {r.title or Path(r.source).name}"]
        if r.date:
            lines += ["", f"*{r.date}*"]
        lines += ["", summary_only(r).strip()]
        if r.key_quotes:
            lines += ["", "**Key quotes**", ""]
            opening, closing = marks_for(r.lang.get("target")) or ("“", "”")
            for line in utterance_lines(r.key_quotes):
                pieces = (f"{opening}{' '.join(q.text.split())}{closing}" for q in line)
                lines.append(f"- {line[0].speaker}: {KEY_QUOTE_JOIN.join(pieces)}")
        # What a reader must know before trusting the section; chunking notes stay in the log.
        flags = [w for w in r.warnings if any(k in w for k in _READER_FLAGS)]
        if flags:
            lines += ["", "> " + "; ".join(flags)]
        doubtful = [f for f in r.facts if f.status in _DOUBTFUL_FACTS]
        if doubtful:
            lines += ["", "> Figures to check: " + "; ".join(
                f"{_DOUBTFUL_FACTS[f.status]} “{' '.join(f.text.split())}” ({f.value})" for f in doubtful
            )]
        lines += ["", f"[Source]({link_of(r.source, out)})"]
    if failures:
        lines += ["", "## Failed", ""]
        lines += [f"- `{f.source}`: {f.reason}" for f in failures]
    return "\n".join(lines) + "\n"


def render_json(
    records: Sequence[Record],
    failures: Sequence[Failure],
    out: Path | str | None,
    today: date | None = None,
    hashes: Mapping[str, str] | None = None,
) -> str:
    data = {
        "date": (today or date.today()).isoformat(),
        "counts": {"articles": len(records), "failed": len(failures)},
        "models": models_of(records),
        "articles": [r.to_dict() | {"link": link_of(r.source, out)} for r in records],
        "failed": [{"source": f.source, "reason": f.reason} for f in failures],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_html(
    records: Sequence[Record],
    failures: Sequence[Failure],
    out: Path | str | None,
    today: date | None = None,
    hashes: Mapping[str, str] | None = None,
) -> str:
    from summarize.io.digest_page import render_page  # Jinja2 loads only for a web page

    return render_page(records, failures, out, today)


def render_atom(
    records: Sequence[Record],
    failures: Sequence[Failure],
    out: Path | str | None,
    today: date | None = None,
    hashes: Mapping[str, str] | None = None,
) -> str:
    from summarize.io.digest_feed import render_feed

    return render_feed(records, failures, out, today, hashes)


# ``hashes`` maps a record's source to the sha256 of its bytes: the feed's stable entry ids.
DIGEST_RENDERERS = {
    "md": render_markdown, "text": render_markdown, "json": render_json,
    "html": render_html, "atom": render_atom,
}
