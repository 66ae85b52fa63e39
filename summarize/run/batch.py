"""Many inputs through the pipeline: read, batch, write, and account for failures.

Documents go to the pipeline in windows, so a folder of thousands shares the
engine's batches yet outputs appear as they finish (an interrupted run keeps
what it wrote, and a rerun skips it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

from summarize.document import Document
from summarize.engines import provenance
from summarize.engines.torch_engine import Engine
from summarize.errors import (
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    InputError,
    NoInputError,
    SummarizeError,
    UsageError,
)
from summarize.io import storage
from summarize.io.encoding import canonical
from summarize.io.read import Source, expand_inputs, read_document
from summarize.io.render import EXTENSIONS, RENDERERS
from summarize.io.storage import Location
from summarize.io.write import (
    OutputFolder,
    RemoteOutputFolder,
    check_file_target,
    write_file,
    write_stdout,
)
from summarize.options import RunOptions, Task
from summarize.record import Failure, Record
from summarize.run import pipeline
from summarize.run.cache import ResultCache
from summarize.run.report import Reporter

WINDOW_DOCS = 32
Results = list[Record | Failure]
# Where model work runs: windows of documents in, (window, results) out, in any order.
# Windows come lazily (read as they are asked for), so a runner pulls only what it can
# keep busy.
Runner = Callable[[Iterable[list[Document]], RunOptions, "Engine | None"], Iterator[tuple[list[Document], Results]]]


def run_locally(
    windows: Iterable[list[Document]], options: RunOptions, engine: Engine | None
) -> Iterator[tuple[list[Document], Results]]:
    """One engine in this process; each model loaded once for all windows, when the
    first window arrives (a run whose inputs all fail or are done loads none)."""
    for window in windows:
        if engine is None and options.task is not Task.QUOTES:
            engine = pipeline.make_engine(options)
        yield window, pipeline.run_batch(window, options, engine)
WINDOW_CHARS = 400_000


@dataclass
class Outcome:
    """What a run did, for the exit code and the closing line."""

    written: int = 0
    skipped: int = 0
    cached: int = 0  # records taken from the result cache: no model work
    failures: list[Failure] = field(default_factory=list)
    # Kept for a digest (collect_only); other runs write as they go and keep none.
    records: list[Record] = field(default_factory=list)
    # The sha256 of each kept record's input, by source: a feed's stable entry ids.
    hashes: dict[str, str] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        if not self.failures:
            return EXIT_OK
        return EXIT_PARTIAL if (self.written or self.skipped) else EXIT_USAGE


def _windows(docs: Iterable[Document]) -> Iterator[list[Document]]:
    """Documents in windows of WINDOW_DOCS (or WINDOW_CHARS of text), as they come."""
    window: list[Document] = []
    chars = 0
    for doc in docs:
        if window and (len(window) >= WINDOW_DOCS or chars + len(doc.text) > WINDOW_CHARS):
            yield window
            window, chars = [], 0
        window.append(doc)
        chars += len(doc.text)
    if window:
        yield window


def _models_fingerprint(options: RunOptions) -> str:
    """What identifies the models of a run before any is loaded: names, the catalog's
    pinned revisions, and for local folders the files' sizes and times."""
    from importlib import resources
    from pathlib import Path as _P

    parts = [str(options.model), str(options.translator)]
    catalog_text = resources.files("summarize.models").joinpath("catalog.toml").read_bytes()
    parts.append(hashlib.sha256(catalog_text).hexdigest())
    for name in (options.model, options.translator):
        folder = _P(name).expanduser() if name else None
        if folder is not None and folder.is_dir():
            for f in sorted(folder.iterdir()):
                if f.is_file():
                    st = f.stat()
                    parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def _single_file_target(
    out: Location | None, sources: Sequence[Source], inputs: Sequence[str], out_is_folder: bool = False
) -> bool:
    """--out names one file only for one input named outright (a file, an object, or
    stdin); a folder or glob mirrors into a folder even when it holds a single file today,
    and an --out written with a trailing slash is a folder whatever it holds."""
    if out is None or out_is_folder or len(sources) != 1 or len(inputs) > 1:
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


def _plan(options: RunOptions, engine: Engine | None) -> dict[str, str]:
    """provenance.plan, or an empty plan when a model cannot be resolved: the model
    load says why, in its words, after the inputs have been read."""
    try:
        return provenance.plan(options, engine)
    except SummarizeError:
        return {"unresolved": "unresolved"}


def _output_folder(
    out: Location, options: RunOptions, engine: Engine | None
) -> OutputFolder | RemoteOutputFolder:
    # An output is up to date only if the same backend, precision and model commit would
    # make it again: installing CTranslate2 or a new model revision redoes the folder.
    made = _plan(options, engine)
    key = options.cache_key() + ("|" + provenance.fingerprint(made) if made else "")
    if isinstance(out, str):
        return RemoteOutputFolder(out, EXTENSIONS[options.format], key)
    return OutputFolder(out, options.format, key)


def _read_all(
    sources: Sequence[Source], stdin: BinaryIO | None, limit: int,
    done: Callable[[Document], bool] | None = None, *, remote: bool = False, encoding: str = "auto",
) -> Iterator[tuple[Document | InputError, bool]]:
    """Each source's document (or why it failed) and whether its output is already done,
    in order, read as asked for. Objects on storage are fetched, and their outputs'
    stamps checked, READ_THREADS at a time (one by one, a bucket's latency would be the
    run), a bounded stretch ahead so memory stays bounded."""
    def read(source: Source) -> tuple[Document | InputError, bool]:
        try:
            doc = read_document(source, stdin, max_bytes=limit, encoding=encoding)
        except InputError as exc:
            return exc, False
        return doc, done is not None and done(doc)

    if not remote:
        yield from map(read, sources)
        return
    ahead = storage.READ_THREADS * 8
    with ThreadPoolExecutor(storage.READ_THREADS) as pool:
        for start in range(0, len(sources), ahead):
            yield from pool.map(read, sources[start:start + ahead])


def process(
    inputs: Sequence[str],
    options: RunOptions,
    engine: Engine | None = None,
    reporter: Reporter | None = None,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    stdin_is_tty: bool | None = None,
    collect_only: bool = False,
    runner: Runner | None = None,
) -> Outcome:
    reporter = reporter or Reporter(quiet=True)
    if runner is None and options.engine == "ray":
        from summarize.run.ray_runner import make_ray_runner  # fails fast, before any input is read

        runner = make_ray_runner(options.ray_address, options.ray_actors, options.ray_gpus_per_actor,
                                 cpus_per_actor=options.ray_cpus_per_actor, warn=reporter.warn)
    elif options.engine not in ("local", "ray"):
        raise UsageError(f"--engine takes local or ray, not {options.engine!r}.")
    if options.encoding != "auto":
        canonical(options.encoding)  # an unknown name is one sentence before any reading
    outcome = Outcome()
    sources, missing = expand_inputs(
        inputs, stdin_is_tty=stdin_is_tty, follow_symlinks=options.follow_symlinks,
        warn=reporter.warn,
    )
    outcome.failures.extend(missing)
    if isinstance(options.out, str):
        storage.check_writable(options.out)
    if options.out is not None and not collect_only:
        sources = _outside(sources, inputs, options.out, reporter)
    if options.format not in RENDERERS:
        raise UsageError(f"Unknown format '{options.format}'; choose one of: {', '.join(RENDERERS)}.")
    render = RENDERERS[options.format]

    single_file = _single_file_target(options.out, sources, inputs, options.out_is_folder) and not collect_only
    if single_file and _same_place(options.out, sources[0]):  # type: ignore[arg-type]
        raise UsageError(f"--out {options.out} is the input itself; writing there would replace the article.")
    if single_file:
        check_file_target(options.out)  # type: ignore[arg-type]
    folder: OutputFolder | RemoteOutputFolder | None = None
    if options.out is not None and not single_file and not collect_only:
        folder = _output_folder(options.out, options, engine)
    streaming = options.format == "jsonl" or options.task is Task.QUOTES
    if not collect_only and folder is None and not single_file and len(sources) > 1 and not (
        streaming or options.format == "json"
    ):
        raise UsageError(
            f"{len(sources)} inputs need --out DIR (one output per input), "
            "or --format jsonl / json on stdout."
        )

    if folder is not None:
        folder.assign([s.relpath for s in sources])
    reporter.start(len(sources))
    cache = ResultCache(options.cache_dir) if options.cache else None
    options_key = options.cache_key()
    # What runs (backend, precision, each model's commit), not what was asked for; a
    # model downloaded during the run gets its commit into the keys stored after it.
    made: dict[str, str] = _plan(options, engine) if cache else {}
    catalog_print = _models_fingerprint(options) if cache else ""
    redone: list[str] = []  # why cached results of earlier runs no longer count

    def fingerprint() -> str:
        return catalog_print + "|" + provenance.fingerprint(made)
    keep_records = collect_only  # only a digest reads them back; a piped archive must not pile up
    collected: list[tuple[int, Record]] = []
    order: dict[int, int] = {}
    # Read failures wait until some input proves usable: when none is, the run ends
    # with one sentence (or the list, then "No usable input") and loads no model.
    held: list[Failure] = list(outcome.failures)
    usable = 0

    def fail(failure: Failure) -> None:
        outcome.failures.append(failure)
        if usable:
            reporter.error(f"{failure.source}: {failure.reason}")
        else:
            held.append(failure)

    def found_usable() -> None:
        nonlocal usable
        usable += 1
        if usable == 1:
            for failure in held:
                reporter.error(f"{failure.source}: {failure.reason}")
            held.clear()

    def finish(doc: Document, result: Record | Failure) -> None:
        if isinstance(result, Failure):
            fail(result)
            reporter.advance(doc.source, "failed")
            return
        for warning in result.warnings:
            reporter.warn(doc.source, warning)
        if collect_only:
            pass
        elif folder is not None:
            folder.write(folder.path_for(doc.relpath), render([result]), doc.digest)
        elif single_file:
            write_file(options.out, render([result]))  # type: ignore[arg-type]
        elif streaming and options.format != "json":
            write_stdout(render([result]), stdout)
        else:
            collected.append((order[id(doc)], result))
        outcome.written += 1
        if keep_records:
            outcome.records.append(result)
            outcome.hashes[result.source] = doc.digest
        reporter.advance(doc.source)

    def is_done(doc: Document) -> bool:
        return folder is not None and not options.force and folder.is_done(folder.path_for(doc.relpath), doc.digest)

    remote = any(s.url for s in sources) or isinstance(folder, RemoteOutputFolder)

    def model_work() -> Iterator[Document]:
        """Documents that need the models, read as the runner asks for them: a run over
        an archive holds a few windows in memory, never the archive."""
        limit = options.max_input_mb * 1024 * 1024
        for n, (source, (doc, done)) in enumerate(zip(sources, _read_all(sources, stdin, limit, is_done, remote=remote, encoding=options.encoding))):
            if isinstance(doc, InputError):
                fail(Failure(doc.source, doc.reason))
                reporter.advance(source.display, "failed")
                continue
            found_usable()
            if doc.encoding is not None and options.encoding == "auto":  # a guess, however sure
                reporter.warn(source.display, f"is not UTF-8; read as {doc.encoding}, as detected "
                              "(--encoding NAME reads it as another)")
            if done:
                outcome.skipped += 1
                reporter.advance(source.display, "unchanged, skipped")
                continue
            order[id(doc)] = n
            if cache is not None:
                hit = cache.get(cache.key(doc.digest, options_key, fingerprint()))
                if hit is not None:
                    outcome.cached += 1
                    # Cached by content: the same article may sit elsewhere now.
                    finish(doc, dataclasses.replace(hit, source=doc.source))
                    continue
                before = cache.made_with(doc.digest, options_key)
                if before is not None and before != made:
                    redone.append(provenance.changes(before, made))
            yield doc

    runner = runner or run_locally
    try:
        for window, results in runner(_windows(model_work()), options, engine):
            if cache is not None and any("not-cached" in v for v in made.values()):
                made = _plan(options, engine)  # downloaded now: key on the commit
            for doc, result in zip(window, results):
                if cache is not None and isinstance(result, Record):
                    cache.put(cache.key(doc.digest, options_key, fingerprint()), result)
                    cache.remember(doc.digest, options_key, made)
                finish(doc, result)
                order.pop(id(doc), None)
        if folder is not None:
            folder.flush()
        if collected:
            write_stdout(render([r for _, r in sorted(collected, key=lambda c: c[0])]), stdout)
    except KeyboardInterrupt:
        if folder is not None:
            folder.close(cancel=True)
            folder.cleanup()
        raise
    finally:
        if folder is not None:
            folder.close()
        reporter.close()
    if redone:
        reporter.info(
            f"{len(redone)} cached result(s) redone: made with other engines or models "
            f"({redone[0]})"
        )
    if not usable:
        if len(held) == 1:
            raise NoInputError(f"{held[0].source}: {held[0].reason}.")
        for failure in held:
            reporter.error(f"{failure.source}: {failure.reason}")
        raise NoInputError(f"No usable input: all {len(held)} inputs failed.")
    return outcome


def digest(
    inputs: Sequence[str],
    options: RunOptions,
    engine: Engine | None = None,
    reporter: Reporter | None = None,
    stdout: TextIO | None = None,
    runner: Runner | None = None,
) -> Outcome:
    """Summarize every input and write one digest (Markdown, JSON, a web page or an Atom
    feed) to ``options.out``."""
    from summarize.io.digest import DIGEST_RENDERERS

    if options.format not in DIGEST_RENDERERS:
        raise UsageError(
            f"A digest is written as md, json, html or atom, not {options.format}."
        )
    if options.out is not None:  # before any model loads, as for translate --out
        out = options.out
        if options.out_is_folder or (storage.is_folder_url(out) if isinstance(out, str) else out.is_dir()):
            raise UsageError(f"--out {options.out} is a folder; a digest is one file.")
        check_file_target(options.out)
    # Every digest format renders the same records: one cache entry serves md, json, html
    # and atom, so a CI job that writes all four runs the models once.
    records_options = dataclasses.replace(options, format="json")
    outcome = process(inputs, records_options, engine, reporter, collect_only=True, runner=runner)
    if options.sort == "date":  # newest first; undated articles after them, by path
        outcome.records.sort(key=lambda r: r.source)
        outcome.records.sort(key=lambda r: r.date or "", reverse=True)
    else:
        outcome.records.sort(key=lambda r: r.source)
    text = DIGEST_RENDERERS[options.format](
        outcome.records, outcome.failures, options.out, hashes=outcome.hashes
    )
    if options.out is not None:
        write_file(options.out, text)
    else:
        write_stdout(text, stdout)
    if reporter is not None:
        reporter.info(
            f"digest: {len(outcome.records)} article(s), {outcome.cached} from cache, "
            f"{len(outcome.failures)} failed"
        )
    return outcome
