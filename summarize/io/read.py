"""Turn INPUT arguments into decoded documents.

Expansion (file, folder, glob, ``-``, stdin) and reading each source's bytes within the
size limit live here together because both answer one question: what did the user give
us? Turning the bytes into text is decode.py's job; finding the article in that text
(a page's boilerplate, Markdown front matter) is extract.py's.
"""

from __future__ import annotations

import dataclasses
import errno
import glob
import hashlib
import os
import stat
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from summarize.document import Document
from summarize.errors import InputError, NoInputError, SummarizeError
from summarize.io import storage
from summarize.io.decode import decode, decode_as
from summarize.io.extract import extract_html, first_line_title, front_matter
from summarize.record import Failure

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FOLDER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
STDIN = "-"
# One input is one article. The longest news pages (HTML with inline scripts) stay
# well below this; a larger file is an archive or a dump, and reading it whole would
# hold it several times in memory (bytes, text, copies) and keep the quote stage busy
# for minutes. Refusing it with a sentence beats a run that never ends.
MAX_INPUT_MB = 10
MAX_INPUT_BYTES = MAX_INPUT_MB * 1024 * 1024
_CHUNK = 1024 * 1024

# A callback the caller gives for inputs skipped on purpose (not failures): it gets the
# input's display name and one sentence. The CLI passes its reporter's ``warn``.
Warn = Callable[[str, str], None]

@dataclass(frozen=True)
class Source:
    """One input to read: a file, an object at ``url``, or stdin when both are None."""

    display: str
    relpath: str
    path: Path | None = None
    url: str | None = None  # object storage (fsspec); the display is the same URL
    size: int | None = None  # as listed, for a URL: an oversized object is never fetched

    @property
    def suffix(self) -> str:
        if self.path is not None:
            return self.path.suffix.lower()
        return Path(self.url).suffix.lower() if self.url else ""

    @property
    def is_html(self) -> bool:
        return self.suffix in HTML_SUFFIXES

    @property
    def is_stdin(self) -> bool:
        return self.path is None and self.url is None


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


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk_folder(
    folder: Path, follow_symlinks: bool, failures: list[Failure], warn: Warn | None
) -> list[Path]:
    """Files of known text kinds below ``folder``; hidden ones skipped.

    Symbolic links that lead outside ``folder`` are skipped with a warning unless
    ``follow_symlinks``: a link in a shared inbox must not pull in files from
    elsewhere on the machine. Links inside it are read (duplicates are dropped
    later). With ``follow_symlinks`` linked folders are walked too, each real
    folder once, so a link loop cannot recurse forever. A subfolder that cannot
    be listed is a failure, not a silent gap.
    """
    root = os.path.realpath(folder)
    visited: set[str] = {root}
    found: list[Path] = []

    def on_error(exc: OSError) -> None:
        where = exc.filename or str(folder)
        failures.append(Failure(str(where), _os_reason(exc, Path(where))))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=on_error, followlinks=follow_symlinks):
        visited.add(os.path.realpath(dirpath))
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            sub = os.path.join(dirpath, d)
            if os.path.islink(sub):
                real = os.path.realpath(sub)
                if not follow_symlinks:
                    if not _within(real, root) and warn is not None:
                        warn(sub, "is a link to a folder outside the input folder; skipped "
                             "(--follow-symlinks reads it)")
                    continue
                if real in visited:
                    continue  # a loop, or a folder walked already
                visited.add(real)
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if path.suffix.lower() not in FOLDER_SUFFIXES:
                continue
            if not follow_symlinks and path.is_symlink() and not _within(os.path.realpath(path), root):
                if warn is not None:
                    warn(str(path), "is a link to a file outside the input folder; skipped "
                         "(--follow-symlinks reads it)")
                continue
            found.append(path)
    return found


def expand_inputs(
    inputs: Sequence[str],
    *,
    stdin_is_tty: bool | None = None,
    follow_symlinks: bool = False,
    warn: Warn | None = None,
) -> tuple[list[Source], list[Failure]]:
    """Sources in a stable order, and the arguments that named nothing.

    With no argument, stdin is read only when it is not a terminal, so a CI job
    that forgot its input fails at once instead of hanging. A file named outright
    is always read; inside a folder or a glob, links leading outside it are
    skipped (reported through ``warn``) unless ``follow_symlinks``.
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
        # realpath, not Path.resolve(): it does not raise on a link loop; the
        # read reports that file instead, and the other inputs go on.
        key = os.path.realpath(source.path) if source.path else source.url or STDIN
        if key not in seen:
            seen.add(key)
            sources.append(source)

    for arg in inputs:
        if arg == STDIN:
            add(Source(display=STDIN, relpath="stdin"))
            continue
        where = storage.location(arg)
        if isinstance(where, str):
            listed, why = storage.expand_url(where, FOLDER_SUFFIXES)
            if why is not None:
                failures.append(Failure(arg, why))
            for item in listed:
                add(Source(display=item.url, relpath=item.relpath, url=item.url, size=item.size))
            continue
        path = where
        if path.is_dir():
            before = len(failures)
            found = _walk_folder(path, follow_symlinks, failures, warn)
            if not found and len(failures) == before:
                failures.append(
                    Failure(arg, "the folder holds no .txt, .md or .html files")
                )
            for file in sorted(found, key=lambda f: f.relative_to(path).as_posix()):
                add(Source(display=str(file), relpath=file.relative_to(path).as_posix(), path=file))
        elif path.exists() or path.is_symlink():
            add(Source(display=arg, relpath=path.name, path=path))
        elif _has_magic(arg):
            root = _glob_root(arg)
            real_root = os.path.realpath(root)
            matches = sorted(p for p in glob.glob(arg, recursive=True) if Path(p).is_file())
            if not matches:
                failures.append(Failure(arg, "the pattern matched no files"))
            for match in matches:
                file = Path(match)
                if not follow_symlinks and not _within(os.path.realpath(file), real_root):
                    if warn is not None:
                        warn(match, "is a link to a file outside the pattern's folder; skipped "
                             "(--follow-symlinks reads it)")
                    continue
                try:
                    rel = file.relative_to(root).as_posix()
                except ValueError:
                    rel = file.name
                add(Source(display=match, relpath=rel, path=file))
        else:
            failures.append(Failure(arg, "no such file or folder"))
    return _unique_relpaths(sources), failures


def _full_name(source: Source) -> str | None:
    """A name that places a source among all others: an absolute path, or for a URL
    ``/scheme/bucket/key`` (so local files and objects compare on one tree)."""
    if source.url is not None:
        scheme, _, rest = source.url.partition("://")
        return f"/{scheme}/{rest.lstrip('/')}"
    return os.path.abspath(source.display) if source.path is not None else None


def _unique_relpaths(sources: list[Source]) -> list[Source]:
    """Two inputs that would share an output name (jan/a.txt and feb/a.txt given as two
    folders) are told apart by the folders that differ between them."""
    groups: dict[str, list[int]] = {}
    for n, source in enumerate(sources):
        groups.setdefault(source.relpath, []).append(n)
    result = list(sources)
    for members in groups.values():
        names = [_full_name(sources[n]) for n in members]
        if len(members) < 2 or None in names:
            continue
        common = os.path.commonpath([os.path.dirname(str(p)) for p in names])
        for n, full in zip(members, names):
            rel = Path(os.path.relpath(str(full), common)).as_posix()
            result[n] = dataclasses.replace(sources[n], relpath=rel)
    return result


def _os_reason(exc: OSError, path: Path | None) -> str:
    """The sentence for an OSError met while reading or listing ``path``."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; check the read rights"
    if exc.errno == errno.ELOOP:
        return "is a symbolic link loop; fix or remove the link"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file"
    if exc.errno == errno.ENOENT and path is not None and path.is_symlink():
        return "is a broken symbolic link (its target does not exist)"
    reason = exc.strerror or str(exc)
    return f"cannot be read ({reason.lower()})"


def _too_large(size: int | None, limit: int) -> str:
    """The sentence for an input over the limit; ``size`` is None for a stream."""
    mb = (size or 0) / (1024 * 1024)
    amount = "is" if size is None else f"is {mb:.0f} MB," if mb >= 10 else f"is {mb:.1f} MB,"
    return (
        f"{amount} over the {limit / (1024 * 1024):g} MB limit for one input; "
        "split it into articles (or raise the limit with --max-size)"
    )


def _read_capped(stream: BinaryIO, display: str, limit: int | None) -> bytes:
    """Read a stream to its end, but never more than ``limit`` bytes (+1 to notice)."""
    if limit is None:
        return stream.read()
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise InputError(display, _too_large(None, limit))


def _read_bytes(source: Source, stdin: BinaryIO | None, limit: int | None = None) -> bytes:
    """The raw bytes of a source, bounded by ``limit`` so memory stays bounded.

    A regular file's size is checked before anything is read; stdin, pipes and
    devices are read in chunks and refused as soon as they pass the limit.
    """
    if source.url is not None:
        try:
            return storage.read_url(
                source.url, source.size, limit,
                lambda handle, cap: _read_capped(handle, source.display, cap),
                lambda size: InputError(source.display, _too_large(size, limit or 0)),
            )
        except SummarizeError:
            raise
        except Exception as exc:  # network, credentials, a vanished object
            raise InputError(source.display, f"cannot be read ({storage.reason(exc)})") from None
    if source.path is None:
        if stdin is None:
            if sys.stdin is None:  # started with fd 0 closed (`cmd <&-`)
                raise InputError(source.display, "standard input is closed; pipe text in or name a file")
            stdin = sys.stdin.buffer
        try:
            return _read_capped(stdin, source.display, limit)
        except OSError as exc:
            raise InputError(source.display, _os_reason(exc, None)) from None
    try:
        with open(source.path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError(source.display, "is a folder, not a file")
            if limit is not None and stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise InputError(source.display, _too_large(info.st_size, limit))
            return _read_capped(handle, source.display, limit)
    except OSError as exc:
        raise InputError(source.display, _os_reason(exc, source.path)) from None


def read_text(
    source: Source, stdin: BinaryIO | None = None, *, max_bytes: int | None = MAX_INPUT_BYTES
) -> str:
    """A source's decoded text as it stands: no HTML extraction, front matter kept.

    For a file that is handed back repaired (``summarize check --fix``): whatever
    the repair does not touch must come back as it was.
    """
    data = _read_bytes(source, stdin, max_bytes)
    if not data.strip():
        raise InputError(source.display, "is empty")
    text = decode(data, source.display)
    if not text.strip():
        raise InputError(source.display, "holds only whitespace")
    return text


def source_of(arg: str) -> Source:
    """The Source one named input stands for, as given: '-', a URL, or a path."""
    if arg == STDIN:
        return Source(display=STDIN, relpath="stdin")
    where = storage.location(arg)
    if isinstance(where, str):
        return Source(display=arg, relpath=Path(where).name, url=where)
    return Source(display=arg, relpath=where.name, path=where)


def read_document(
    source: Source, stdin: BinaryIO | None = None, *, max_bytes: int | None = MAX_INPUT_BYTES,
    encoding: str = "auto",
) -> Document:
    """Read and decode one source, or raise InputError with the reason.

    ``max_bytes`` bounds what one input may hold (None: no bound); see MAX_INPUT_MB.
    ``encoding`` is as for :func:`decode_as`.
    """
    data = _read_bytes(source, stdin, max_bytes)
    if not data.strip():
        raise InputError(source.display, "is empty")
    text, used = decode_as(data, source.display, encoding)
    title = date = None
    # A name without a known ending (stdin, https://site/news/123) is sniffed: a page
    # is a page whatever it is called; a .txt or .md file is taken at its word.
    looks_html = source.is_html or (
        source.suffix not in TEXT_SUFFIXES
        and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))
    )
    if looks_html:
        text, title, date = extract_html(text, source.display)
    elif source.is_stdin or source.suffix in (".md", ".markdown"):
        text, title, date = front_matter(text)
    if not text.strip():
        raise InputError(source.display, "holds only whitespace")
    return Document(
        text=text,
        source=source.display,
        relpath=source.relpath,
        title=title or first_line_title(text),
        digest=hashlib.sha256(data).hexdigest(),
        date=date,
        encoding=used,
    )
