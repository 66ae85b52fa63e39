"""Where a run's outputs go, decided once from the options: stdout, one file, a folder, a bucket.

A batch run asks its Destination four things and nothing else: where an input's output
goes and whether it is already there (a rerun skips finished work), to write it (whole
or not at all), and to clean up after an interrupt (no half-written outputs). Every
rule about ``--out`` (a file or a folder, inside the input or the input itself, on disk
or on object storage) lives here, so ``batch`` reads as a loop over windows.

A folder on disk and a folder on object storage mirror the inputs with the same names
and the same stamps (``write.mirror``, ``write.stamp_name``), so a run gives the same
names whether it writes to disk or to a bucket.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from summarize.document import Document
from summarize.engines import provenance
from summarize.errors import SummarizeError, UsageError
from summarize.io import storage, write
from summarize.io.read import Source
from summarize.io.render import EXTENSIONS, RENDERERS
from summarize.io.storage import Location
from summarize.options import RunOptions, Task
from summarize.record import Record
from summarize.report import Reporter

Renderer = Callable[[Sequence[Record]], str]


class Destination:
    """Where each input's output goes. The base writes nothing: a digest keeps the
    records itself and writes one page at the end."""

    remote = False  # on object storage: reading ahead in a pool hides the latency

    def where(self, doc: Document) -> str | None:
        """Where this input's output goes: a path, a URL, ``-`` for stdout, None when it
        has no place of its own."""
        return None

    def already_done(self, doc: Document) -> bool:
        """True when this input's output from an earlier run stands, made the same way."""
        return False

    def deliver(self, doc: Document, record: Record, position: int) -> None:
        """Write one input's output; ``position`` is the input's place in the run."""

    def finish(self) -> None:
        """Every input is through: finish the writes still queued or held back."""

    def abandon(self) -> None:
        """After an interrupt: drop the queued writes and this run's temporary files."""

    def close(self) -> None:
        """Nothing is left running when the run ends, however it ends."""


class Stdout(Destination):
    """Standard output: jsonl (and quotes) stream as each input finishes; one json list,
    or the text of a single input, is written whole once every input is through, in
    input order."""

    def __init__(self, render: Renderer, streaming: bool, stream: TextIO | None) -> None:
        self.render = render
        self.streaming = streaming
        self.stream = stream
        self.held: list[tuple[int, Record]] = []

    def where(self, doc: Document) -> str:
        return "-"

    def deliver(self, doc: Document, record: Record, position: int) -> None:
        if self.streaming:
            write.write_stdout(self.render([record]), self.stream)
        else:
            self.held.append((position, record))

    def finish(self) -> None:
        if self.held:
            write.write_stdout(self.render([r for _, r in sorted(self.held, key=lambda c: c[0])]), self.stream)


class OneFile(Destination):
    """--out FILE for one input named outright: replaced whole, never skipped."""

    def __init__(self, path: Location, render: Renderer) -> None:
        self.path = path
        self.render = render

    def where(self, doc: Document) -> str:
        return str(self.path)

    def deliver(self, doc: Document, record: Record, position: int) -> None:
        write.write_file(self.path, self.render([record]))


class _Mirror(Destination):
    """What a folder on disk and one on object storage share: the names that mirror the
    inputs, fixed up front, and the stamp that says an output is done."""

    root: Any

    def __init__(self, fmt: str, options_key: str, force: bool) -> None:
        self.ext = EXTENSIONS[fmt]
        self.render = RENDERERS[fmt]
        self.options_key = options_key
        self.force = force
        self._paths: dict[str, Any] = {}

    def _join(self, name: str) -> Any:
        raise NotImplementedError

    def assign(self, relpaths: list[str]) -> None:
        self._paths = {rel: self._join(name) for rel, name in write.mirror(relpaths, self.ext).items()}

    def path_for(self, relpath: str) -> Any:
        return self._paths[relpath]

    def stamp(self, digest: str) -> str:
        return write.stamp_value(digest, self.options_key)

    def is_done(self, output: Any, digest: str) -> bool:
        raise NotImplementedError

    def write(self, output: Any, text: str, digest: str) -> None:
        raise NotImplementedError

    def where(self, doc: Document) -> str:
        return str(self.path_for(doc.relpath))

    def already_done(self, doc: Document) -> bool:
        return not self.force and self.is_done(self.path_for(doc.relpath), doc.digest)

    def deliver(self, doc: Document, record: Record, position: int) -> None:
        self.write(self.path_for(doc.relpath), self.render([record]), doc.digest)


class OutputFolder(_Mirror):
    """An --out folder on disk that mirrors the inputs' relative paths."""

    def __init__(self, root: Path, fmt: str, options_key: str, force: bool = False) -> None:
        if root.exists() and not root.is_dir():
            raise UsageError(f"--out {root} is a file; give a folder for several inputs.")
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"Cannot create the output folder {root} ({exc.strerror}).") from None
        if not os.access(root, os.W_OK):
            raise UsageError(f"The output folder {root} is not writable.")
        write.remove_stale_temps(root)
        super().__init__(fmt, options_key, force)
        self.root = root

    def _join(self, name: str) -> Path:
        return self.root / name

    def _stamp_path(self, output: Path) -> Path:
        return self.root / write.STAMP_DIR / write.stamp_name(output.relative_to(self.root).as_posix())

    def abandon(self) -> None:
        write.remove_own_temps(self.root)

    def is_done(self, output: Path, digest: str) -> bool:
        stamp = self._stamp_path(output)
        try:
            return output.is_file() and stamp.read_text().strip() == self.stamp(digest)
        except OSError:
            return False

    def _check_inside(self, path: Path) -> None:
        """Refuse a path that a symbolic link inside the folder leads elsewhere.

        Names are cleaned in assign(); this catches a linked subfolder (made by
        someone else, or by an input tree copied in), so that nothing is ever
        written outside --out.
        """
        root = os.path.realpath(self.root)
        real = os.path.realpath(path.parent)
        if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
            raise UsageError(
                f"Refusing to write {path}: a symbolic link in the output folder leads "
                f"outside {self.root}."
            )

    def write(self, output: Path, text: str, digest: str) -> None:
        stamp = self._stamp_path(output)
        self._check_inside(output)
        self._check_inside(stamp)
        try:
            write.atomic_write(output, text)
            write.atomic_write(stamp, self.stamp(digest) + "\n")
        except OSError as exc:
            raise SummarizeError(
                f"Cannot write {output} ({write.write_reason(exc, output)}); outputs written so far are kept."
            ) from None


class RemoteOutputFolder(_Mirror):
    """An --out URL (a bucket prefix) that mirrors the inputs' relative paths: OutputFolder's
    twin for fsspec. Writes are queued, storage.WRITE_THREADS at once."""

    remote = True

    def __init__(self, url: str, fmt: str, options_key: str, force: bool = False) -> None:
        storage.check_writable(url)
        super().__init__(fmt, options_key, force)
        self.root = url.rstrip("/")
        self.fs, self.path = storage.filesystem(self.root)
        self.path = self.path.rstrip("/")
        self.stamps = f"{self.path}/{write.STAMP_DIR}"
        self._pool: ThreadPoolExecutor | None = None
        self._pending: deque[Future[None]] = deque()
        try:
            if self.fs.isfile(self.path):
                raise UsageError(f"--out {url} is a file; give a folder for several inputs.")
            # The write check happens now, before any model loads: a bucket that refuses
            # writes (or credentials that are missing) is one sentence, not a lost hour.
            storage.put(self.fs, f"{self.stamps}/README",
                 b"summarize keeps one stamp per output here, so that a rerun skips finished work.\n")
        except UsageError:
            raise
        except Exception as exc:
            raise UsageError(f"Cannot write to the output folder {url} ({storage.reason(exc)}).") from None

    def _join(self, name: str) -> str:
        return f"{self.path}/{name}"

    def where(self, doc: Document) -> str:
        return storage.url_of(self.fs, self.path_for(doc.relpath))

    def _stamp_path(self, output: str) -> str:
        return f"{self.stamps}/{write.stamp_name(output[len(self.path):].lstrip('/'))}"

    def is_done(self, output: str, digest: str) -> bool:
        try:
            stamp = bytes(self.fs.cat_file(self._stamp_path(output))).decode().strip()
            return stamp == self.stamp(digest) and bool(self.fs.isfile(output))
        except Exception:
            return False

    def write(self, output: str, text: str, digest: str) -> None:
        """Queue one output (and then its stamp) for writing.

        One by one, two puts per article at a bucket's latency would cap a whole
        cluster at a few dozen articles a second. A failed write stops the run at the
        next write or at finish(), with the same sentence a local failure gives.
        """
        while self._pending and self._pending[0].done():
            self._pending.popleft().result()
        if len(self._pending) >= storage.WRITE_THREADS * 4:  # bounded: memory stays flat
            self._pending.popleft().result()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(storage.WRITE_THREADS, thread_name_prefix="summarize-write")
        self._pending.append(self._pool.submit(self._write_now, output, text, digest))

    def _write_now(self, output: str, text: str, digest: str) -> None:
        try:
            storage.put(self.fs, output, text.encode("utf-8"))
            storage.put(self.fs, self._stamp_path(output), (self.stamp(digest) + "\n").encode())
        except Exception as exc:
            raise SummarizeError(
                f"Cannot write {storage.url_of(self.fs, output)} ({storage.reason(exc)}); outputs written so far are kept."
            ) from None

    def finish(self) -> None:
        """Wait for every queued write; the first failure is raised."""
        while self._pending:
            self._pending.popleft().result()

    def abandon(self) -> None:
        """Queued writes not started are dropped, unpublished, so a rerun makes them.
        Nothing to sweep: a put is whole or absent, and a move's temporary name is
        removed by the write that made it."""
        self._shut_down(cancel=True)

    def close(self) -> None:
        """Finish the queued writes (a model error later in the run must not cost the
        outputs already made). Failures here were reported by finish() or are left to
        the error already on its way."""
        self._shut_down(cancel=False)

    def _shut_down(self, cancel: bool) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)
            self._pool = None
        self._pending.clear()


def open_destination(
    inputs: Sequence[str], sources: list[Source], options: RunOptions, reporter: Reporter,
    stdout: TextIO | None, plan: Callable[[], dict[str, str]], collect_only: bool = False,
) -> tuple[Destination, list[Source]]:
    """The run's one Destination, and the sources left to read (outputs already below
    --out are not read back as inputs). Every refusal comes now, before any model loads.
    ``plan`` says what would make the outputs, for a folder's stamps."""
    out = options.out
    if isinstance(out, str):
        storage.check_writable(out)
    if out is not None and not collect_only:
        sources = _outside(sources, inputs, out, reporter)
    if options.format not in RENDERERS:
        raise UsageError(f"Unknown format '{options.format}'; choose one of: {', '.join(RENDERERS)}.")
    render = RENDERERS[options.format]
    single_file = out is not None and _single_file_target(out, sources, inputs, options.out_is_folder)
    if collect_only:
        return Destination(), sources
    if single_file:
        assert out is not None
        if _same_place(out, sources[0]):
            raise UsageError(f"--out {out} is the input itself; writing there would replace the article.")
        write.check_file_target(out)
        return OneFile(out, render), sources
    if out is not None:
        # An output is up to date only if the same backend, precision and model commit would
        # make it again: installing CTranslate2 or a new model revision redoes the folder.
        made = plan()
        key = options.cache_key() + ("|" + provenance.fingerprint(made) if made else "")
        folder: _Mirror = (RemoteOutputFolder(out, options.format, key, options.force) if isinstance(out, str)
                           else OutputFolder(out, options.format, key, options.force))
        folder.assign([s.relpath for s in sources])
        return folder, sources
    streaming = options.format == "jsonl" or options.task is Task.QUOTES
    if len(sources) > 1 and not (streaming or options.format == "json"):
        raise UsageError(
            f"{len(sources)} inputs need --out DIR (one output per input), "
            "or --format jsonl / json on stdout."
        )
    return Stdout(render, streaming and options.format != "json", stdout), sources


def open_page(options: RunOptions, stdout: TextIO | None) -> Callable[[str], None]:
    """Where one page made of the whole run (a digest) goes: --out FILE, or stdout. A
    target that cannot take it is refused now, before any model loads."""
    out = options.out
    if out is None:
        return lambda text: write.write_stdout(text, stdout)
    if options.out_is_folder or (storage.is_folder_url(out) if isinstance(out, str) else out.is_dir()):
        raise UsageError(f"--out {out} is a folder; a digest is one file.")
    write.check_file_target(out)
    return lambda text: write.write_file(out, text)


def _single_file_target(
    out: Location, sources: Sequence[Source], inputs: Sequence[str], out_is_folder: bool
) -> bool:
    """--out names one file only for one input named outright (a file, an object, or
    stdin); a folder or glob mirrors into a folder even when it holds a single file today,
    and an --out written with a trailing slash is a folder whatever it holds."""
    if out_is_folder or len(sources) != 1 or len(inputs) > 1:
        return False
    if storage.is_url(out) and storage.is_folder_url(str(out)):
        return False
    if isinstance(out, Path) and (out.is_dir() or str(out).endswith(("/", "\\"))):
        return False
    arg = inputs[0] if inputs else "-"
    where = storage.location(arg) if arg != "-" else arg
    if isinstance(where, str):
        return where == "-" or storage.is_file_url(where)
    return where.is_file()


def _outside(
    sources: list[Source], inputs: Sequence[str], out: Location, reporter: Reporter
) -> list[Source]:
    """The sources that are not below --out, when --out lies inside an input folder:
    yesterday's outputs must not come back as today's inputs. An --out that holds the
    inputs (``--out .``) filters nothing: there the inputs are the user's articles."""
    def key(where: Location) -> str:
        if isinstance(where, str):
            fs, path = storage.filesystem(where)
            return str(fs.unstrip_protocol(path.rstrip("/"))) + "/"
        return os.path.realpath(where).rstrip(os.sep) + os.sep

    out_key = key(out)
    roots = [key(storage.location(arg)) for arg in inputs if arg != "-"]
    if not any(out_key.startswith(root) and out_key != root for root in roots):
        return sources
    inside = [s for s in sources if (s.url or (s.path and key(s.path)[:-1]) or "").startswith(out_key)]
    if not inside:
        return sources
    reporter.warn(str(out), f"is inside the input; its {len(inside)} file(s) are outputs, not read as inputs")
    skip = {id(s) for s in inside}
    return [s for s in sources if id(s) not in skip]


def _same_place(out: Location, source: Source) -> bool:
    if isinstance(out, str):
        return source.url is not None and source.url.rstrip("/") == out.rstrip("/")
    return source.path is not None and os.path.realpath(source.path) == os.path.realpath(out)
