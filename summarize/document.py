"""The document every stage after reading works on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """Decoded text with where it came from.

    ``text`` is the text as read (after decoding and, for HTML, extraction); every
    offset in a record indexes it. ``relpath`` is the path relative to the input
    root, which is what an output folder mirrors.
    """

    text: str
    source: str
    relpath: str
    lang: str | None = None
    title: str | None = None
    digest: str = ""  # sha256 of the raw bytes: reruns skip unchanged inputs
    date: str | None = None  # publication date (ISO) where the page or front matter gives one
    encoding: str | None = None  # the legacy encoding the bytes were decoded from; None for UTF
