"""The digest as an Atom feed (RFC 4287): one entry per article, for feed readers and
chat integrations.

The standard library's ElementTree builds the document, so every title, summary and
quote is character data it escapes; the entry content is XHTML built the same way.
An entry's id comes from the article's content hash (RFC 6920 ``ni:`` URI), so an
unchanged article keeps its id from one day's feed to the next.
"""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timezone
from pathlib import Path

from summarize.io.digest_parts import models_of, summary_only
from summarize.io.digest_view import ArticleView, article_view
from summarize.record import Failure, Record

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot carry at all; scraped text sometimes has them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = _text(text)
    return element


def _stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _published(day: str | None) -> str | None:
    """The article's date (YYYY-MM-DD, as read from its page or front matter) as an Atom
    date: midnight UTC, since the source gives no time."""
    try:
        return _stamp(datetime.combine(date.fromisoformat(day), time(), timezone.utc)) if day else None
    except ValueError:
        return None


def content_id(sha256_hex: str) -> str:
    """The RFC 6920 name of content with this sha256."""
    raw = base64.urlsafe_b64encode(bytes.fromhex(sha256_hex)).decode("ascii").rstrip("=")
    return f"ni:///sha-256;{raw}"


def _entry_hash(record: Record, hashes: Mapping[str, str] | None) -> str:
    """The article's content hash; for records made without one (a library caller),
    a hash of what the entry says, still stable while the article is unchanged."""
    if hashes and record.source in hashes:
        return hashes[record.source]
    return hashlib.sha256(f"{record.source}\0{record.text}".encode()).hexdigest()


def _content(view: ArticleView) -> ET.Element:
    """The entry's XHTML: flags first, then the summary, then the key quotes."""
    div = ET.Element(f"{{{XHTML}}}div")
    if view.flags:
        flags = _sub(div, f"{{{XHTML}}}ul", **{XML_LANG: "en"})
        for flag in view.flags:
            item = _sub(flags, f"{{{XHTML}}}li")
            _sub(item, f"{{{XHTML}}}strong", f"{flag.label}:").tail = _text(f" {flag.text}")
    for paragraph in view.paragraphs:
        p = _sub(div, f"{{{XHTML}}}p", **{XML_LANG: view.target_lang or "und"})
        last: ET.Element | None = None
        for run in paragraph:
            if run.quote or run.lang != view.target_lang:
                last = _sub(p, f"{{{XHTML}}}span", run.text, **{XML_LANG: run.lang or "und"})
            elif last is None:
                p.text = (p.text or "") + _text(run.text)
            else:
                last.tail = (last.tail or "") + _text(run.text)
    for line in view.key_quotes:
        quote = _sub(div, f"{{{XHTML}}}blockquote", **{XML_LANG: view.source_lang or "und"})
        words = " … ".join(f"{line.opening}{' '.join(p.split())}{line.closing}" for p in line.pieces)
        _sub(quote, f"{{{XHTML}}}p", words)
        _sub(quote, f"{{{XHTML}}}p", f"— {line.speaker or 'unnamed speaker'}")
    return div


def render_feed(
    records: Sequence[Record],
    failures: Sequence[Failure],
    out: Path | str | None,
    today: date | None = None,
    hashes: Mapping[str, str] | None = None,
) -> str:
    ET.register_namespace("", ATOM)
    ET.register_namespace("xhtml", XHTML)
    run = datetime.now(timezone.utc) if today is None else datetime.combine(today, time(), timezone.utc)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "en"})
    # The feed keeps its id from run to run: it is named after where it is written.
    name = str(out) if out is not None else "-"
    _sub(feed, f"{{{ATOM}}}id", uuid.uuid5(uuid.NAMESPACE_URL, f"summarize-digest:{name}").urn)
    _sub(feed, f"{{{ATOM}}}title", f"News digest — {run.date().isoformat()}")
    _sub(feed, f"{{{ATOM}}}subtitle",
         f"Articles: {len(records)} summarized, {len(failures)} failed. Models: "
         + ("; ".join(models_of(records)) or "none"))
    _sub(feed, f"{{{ATOM}}}updated", _stamp(run))
    author = _sub(feed, f"{{{ATOM}}}author")
    _sub(author, f"{{{ATOM}}}name", "summarize")
    _sub(feed, f"{{{ATOM}}}generator", "summarize")
    seen: dict[str, int] = {}
    for n, record in enumerate(records, start=1):
        view = article_view(n, record, out)
        entry = _sub(feed, f"{{{ATOM}}}entry")
        ident = content_id(_entry_hash(record, hashes))
        seen[ident] = seen.get(ident, 0) + 1
        if seen[ident] > 1:  # the same article twice in one run: ids must still differ
            ident += f"?copy={seen[ident]}"
        _sub(entry, f"{{{ATOM}}}id", ident)
        _sub(entry, f"{{{ATOM}}}title", view.title, **{XML_LANG: view.source_lang or "und"})
        published = _published(record.date)
        _sub(entry, f"{{{ATOM}}}updated", published or _stamp(run))
        if published:
            _sub(entry, f"{{{ATOM}}}published", published)
        if view.href:
            _sub(entry, f"{{{ATOM}}}link", rel="alternate", href=view.href)
        _sub(entry, f"{{{ATOM}}}summary", summary_only(record).strip(),
             type="text", **{XML_LANG: view.target_lang or "und"})
        content = _sub(entry, f"{{{ATOM}}}content", type="xhtml")
        content.append(_content(view))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
