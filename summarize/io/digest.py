"""The newsroom digest: one section per article, models and failures accounted for.

It renders records the pipeline already produced; it does no text work of its own.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from summarize.io.digest_parts import link_of, models_of, summary_only
from summarize.quotes.key_quotes import KEY_QUOTE_JOIN, utterance_lines
from summarize.record import Failure, Record
from summarize.stages.guard import marks_for

_READER_FLAGS = ("quote", "salad", "empty", "incomplete")
# A figure the checks could not confirm, or one the model wrote that its source lacks.
_DOUBTFUL_FACTS = {"unconfirmed": "not confirmed in the translation:", "invented": "not in the source:"}


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
