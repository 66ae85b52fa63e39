"""The article inside what was read: a web page's text without its boilerplate, a Markdown
file without its front matter, and the title and date either one gives.

The metadata goes to the record and the digest; it never reaches a model as article text.
"""

from __future__ import annotations

import re

from summarize.errors import InputError


def extract_html(html: str, display: str) -> tuple[str, str | None, str | None]:
    """Article text, title and publication date of a web page; boilerplate is left out."""
    import trafilatura  # heavy: only HTML inputs pay for it

    extracted = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True
    )
    text = getattr(extracted, "text", None) if extracted is not None else None
    if isinstance(extracted, dict):
        text = extracted.get("text")
    if not text or not text.strip():
        raise InputError(display, "no article text could be found in this HTML page")
    title = getattr(extracted, "title", None)
    if isinstance(extracted, dict):
        title = extracted.get("title")
    date = getattr(extracted, "date", None)
    if isinstance(extracted, dict):
        date = extracted.get("date")
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    return "\n\n".join(paragraphs), title, _iso_date(date)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _iso_date(value: object) -> str | None:
    match = _DATE.search(str(value)) if value else None
    return "-".join(match.groups()) if match else None


def front_matter(text: str) -> tuple[str, str | None, str | None]:
    """Markdown's YAML front matter is metadata, not article: its title and date are
    kept, the block itself never reaches a model."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, None, None
    fields = {}
    for line in match.group(1).split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip().lower()] = value.strip().strip("'\"")
    return text[match.end() :], fields.get("title") or None, _iso_date(fields.get("date"))


def first_line_title(text: str) -> str | None:
    for line in text.split("\n"):
        stripped = line.strip().lstrip("#").strip()
        if stripped:
            return stripped[:200]
    return None
