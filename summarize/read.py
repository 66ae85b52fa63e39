"""Turn INPUT arguments into decoded documents.

Expansion (file, folder, glob, ``-``, stdin) and decoding (txt, md, html) live
here together because both answer one question: what text did the user give us?
"""

from __future__ import annotations

import glob
import hashlib
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .document import Document
from .errors import InputError, NoInputError
from .record import Failure

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FOLDER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One input to read: a file, or stdin when ``path`` is None."""

    display: str
    relpath: str
    path: Path | None = None

    @property
    def is_html(self) -> bool:
        return self.path is not None and self.path.suffix.lower() in HTML_SUFFIXES


def _has_magic(arg: str) -> bool:
    return glob.has_magic(arg)


def _glob_root(pattern: str) -> Path:
    """The longest leading folder of a glob without wildcards: outputs mirror below it."""
    parts = Path(pattern).parts
    root: list[str] = []
    for part in parts:
        if _has_magic(part):
            break
        root.append(part)
    return Path(*root) if root else Path(".")


def _walk_folder(folder: Path) -> Iterable[Path]:
    """Files of known text kinds below ``folder``, hidden ones and symlinked folders skipped."""
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if path.suffix.lower() in FOLDER_SUFFIXES:
                yield path


def expand_inputs(
    inputs: Sequence[str], *, stdin_is_tty: bool | None = None
) -> tuple[list[Source], list[Failure]]:
    """Sources in a stable order, and the arguments that named nothing.

    With no argument, stdin is read only when it is not a terminal, so a CI job
    that forgot its input fails at once instead of hanging.
    """
    if stdin_is_tty is None:
        stdin_is_tty = sys.stdin is None or sys.stdin.isatty()
    if not inputs:
        if stdin_is_tty:
            raise NoInputError(
                "No input: give a file, folder or glob, or pipe text in (e.g. cat a.txt | summarize text)."
            )
        return [Source(display=STDIN, relpath="stdin")], []

    sources: list[Source] = []
    failures: list[Failure] = []
    seen: set[str] = set()

    def add(source: Source) -> None:
        key = str(source.path.resolve()) if source.path else STDIN
        if key not in seen:
            seen.add(key)
            sources.append(source)

    for arg in inputs:
        if arg == STDIN:
            add(Source(display=STDIN, relpath="stdin"))
            continue
        path = Path(arg)
        if path.is_dir():
            found = list(_walk_folder(path))
            if not found:
                failures.append(
                    Failure(arg, "the folder holds no .txt, .md or .html files")
                )
            for file in found:
                add(Source(display=str(file), relpath=file.relative_to(path).as_posix(), path=file))
        elif path.exists() or path.is_symlink():
            add(Source(display=arg, relpath=path.name, path=path))
        elif _has_magic(arg):
            root = _glob_root(arg)
            matches = sorted(p for p in glob.glob(arg, recursive=True) if Path(p).is_file())
            if not matches:
                failures.append(Failure(arg, "the pattern matched no files"))
            for match in matches:
                file = Path(match)
                try:
                    rel = file.relative_to(root).as_posix()
                except ValueError:
                    rel = file.name
                add(Source(display=match, relpath=rel, path=file))
        else:
            failures.append(Failure(arg, "no such file or folder"))
    return sources, failures


def _read_bytes(source: Source, stdin: BinaryIO | None) -> bytes:
    if source.path is None:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream.read()
    try:
        return source.path.read_bytes()
    except PermissionError:
        raise InputError(source.display, "permission denied; check the file's read rights") from None
    except IsADirectoryError:
        raise InputError(source.display, "is a folder, not a file") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(source.display, f"cannot be read ({reason.lower()})") from None


def decode(data: bytes, display: str) -> str:
    """Bytes to text, refusing binary and mis-encoded input instead of guessing.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are accepted; line endings
    become ``\\n`` so that offsets mean the same on every platform.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(display, "is not valid UTF-16 despite its byte-order mark") from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(display, "looks like a binary file, not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                display,
                f"is not UTF-8 (bad byte at offset {exc.start}); "
                "convert it first, e.g. iconv -f cp1252 -t utf-8",
            ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _extract_html(html: str, display: str) -> tuple[str, str | None]:
    """Article text and title of a web page; boilerplate (menus, ads) is left out."""
    import trafilatura  # heavy: only HTML inputs pay for it

    extracted = trafilatura.bare_extraction(html, include_comments=False, include_tables=False)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if isinstance(extracted, dict):
        text = extracted.get("text")
    if not text or not text.strip():
        raise InputError(display, "no article text could be found in this HTML page")
    title = getattr(extracted, "title", None)
    if isinstance(extracted, dict):
        title = extracted.get("title")
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    return "\n\n".join(paragraphs), title


def _first_line_title(text: str) -> str | None:
    for line in text.split("\n"):
        stripped = line.strip().lstrip("#").strip()
        if stripped:
            return stripped[:200]
    return None


def read_document(source: Source, stdin: BinaryIO | None = None) -> Document:
    """Read and decode one source, or raise InputError with the reason."""
    data = _read_bytes(source, stdin)
    if not data.strip():
        raise InputError(source.display, "is empty")
    text = decode(data, source.display)
    title = None
    looks_html = source.is_html or (
        source.path is None and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))
    )
    if looks_html:
        text, title = _extract_html(text, source.display)
    if not text.strip():
        raise InputError(source.display, "holds only whitespace")
    return Document(
        text=text,
        source=source.display,
        relpath=source.relpath,
        title=title or _first_line_title(text),
        digest=hashlib.sha256(data).hexdigest(),
    )
