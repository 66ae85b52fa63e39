"""Bytes to text, refusing binary and mis-encoded input instead of guessing.

Kept apart from reading: the bytes come from a file, a pipe or a bucket alike, and the
sentence for a PDF or a cp1252 file is the same wherever it came from. Which legacy
encoding a file is in, when it is not UTF-8, is encoding.py's question.
"""

from __future__ import annotations

from summarize.errors import InputError
from summarize.io.encoding import canonical, detect

# Leading bytes of common non-text files: a clearer sentence than "not UTF-8".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document; extract its text first (e.g. pdftotext)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF87a", "a GIF image, not text"),
    (b"GIF89a", "a GIF image, not text"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt); extract its text first"),
    (b"\x1f\x8b", "a gzip archive; decompress it first"),
    (b"\x7fELF", "a program, not text"),
)


def decode(data: bytes, display: str, encoding: str = "utf-8") -> str:
    """Bytes to text, refusing binary and mis-encoded input instead of guessing.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are accepted; line endings
    become ``\\n`` so that offsets mean the same on every platform. ``encoding`` is
    as for :func:`decode_as`.
    """
    return decode_as(data, display, encoding)[0]


def decode_as(data: bytes, display: str, encoding: str = "auto") -> tuple[str, str | None]:
    """The text, and the legacy encoding it was decoded from (None for UTF-8/16).

    ``encoding``: ``utf-8`` accepts UTF-8 (and UTF-16 with a BOM) only; ``auto``
    does the same first, then takes a legacy encoding only when the detection is
    sure (see encoding.py); any other name is the codec to decode with.
    """
    name = encoding if encoding == "auto" else canonical(encoding)
    name = "utf-8" if name == "utf_8" else name
    used: str | None = None
    wide = name.startswith(("utf_16", "utf_32"))
    if name in ("auto", "utf-8") and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(display, "is not valid UTF-16 despite its byte-order mark") from None
    else:
        for magic, what in _MAGIC:
            if data.startswith(magic):
                raise InputError(display, f"looks like a binary file, {what}")
        if not wide and b"\x00" in data[:8192]:
            raise InputError(display, "looks like a binary file, not text")
        if name not in ("auto", "utf-8"):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    display, f"is not valid {name} (bad byte at offset {exc.start}); "
                    "check --encoding, or give --encoding auto"
                ) from None
            if text.startswith("\ufeff"):
                text = text[1:]
            used = name
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                found = detect(data) if name == "auto" else None
                if found is None:
                    raise InputError(
                        display,
                        f"is not UTF-8 (bad byte at offset {exc.start}); "
                        "convert it first, e.g. iconv -f cp1252 -t utf-8, or name its encoding "
                        "with --encoding",
                    ) from None
                text, used = found
    return text.replace("\r\n", "\n").replace("\r", "\n"), used
