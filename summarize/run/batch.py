"""Many inputs through the pipeline: read, batch, write, and account for failures.

Documents go to the pipeline in windows, so a folder of thousands shares the
engine's batches yet outputs appear as they finish (an interrupted run keeps
what it wrote, and a rerun skips it).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from summarize.document import Document
from summarize.engines import provenance
from summarize.engines.core import Engine
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
from summarize.io.destination import open_destination, open_page
from summarize.io.encoding import canonical
from summarize.io.read import Source, expand_inputs, read_document
from summarize.options import RunOptions
from summarize.record import Failure, Record
from summarize.report import Reporter
from summarize.run.cache import ResultCache
from summarize.run.runner import Runner, run_locally

# Documents per window in a big run: a window shares the engine's batches, and holds
# its documents (and their outputs) in memory until they are written.
WINDOW_DOCS = 32
# A run of fewer than WINDOW_DOCS × SMALL_RUN_WINDOWS inputs is cut into up to this many
# windows, so that a pool of up to that many Ray actors all get work. The size depends
# on the number of inputs only, never on the runner or its pool, so that the local
# engine and Ray run the very same windows and write the same bytes.
SMALL_RUN_WINDOWS = 8
# ...but never below this many documents a window. Every window is its own set of engine
# calls (the first pass, then the pieces and the figure check's retries), so small windows
# cost the local engine dearly: on 24 articles (benchmarks/ray_vs_local.py, idle 2-core
# machine) windows of 3 took 2.2x the time of one window of 24, windows of 8 took 1.35x.
MIN_WINDOW_DOCS = 8
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


def window_docs(inputs: int) -> int:
    """Documents a window holds in a run of ``inputs`` inputs: WINDOW_DOCS, or fewer
    for a small run (see SMALL_RUN_WINDOWS), the same for every runner."""
    return max(1, min(WINDOW_DOCS, max(MIN_WINDOW_DOCS, -(-inputs // SMALL_RUN_WINDOWS))))


def _windows(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Documents in windows of ``size`` (or WINDOW_CHARS of text), as they come."""
    window: list[Document] = []
    chars = 0
    for doc in docs:
        if window and (len(window) >= size or chars + len(doc.text) > WINDOW_CHARS):
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


def _plan(options: RunOptions, engine: Engine | None) -> dict[str, str]:
    """provenance.plan, or an empty plan when a model cannot be resolved: the model
    load says why, in its words, after the inputs have been read."""
    try:
        return provenance.plan(options, engine)
    except SummarizeError:
        return {"unresolved": "unresolved"}


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


class _Failures:
    """Failures said as they come, once some input has proved usable. Until then they
    wait: when no input is usable, the run ends with one sentence (or the list, then
    "No usable input") and loads no model."""

    def __init__(self, outcome: Outcome, reporter: Reporter) -> None:
        self.outcome = outcome
        self.reporter = reporter
        self.held: list[Failure] = list(outcome.failures)
        self.usable = 0

    def fail(self, failure: Failure) -> None:
        self.outcome.failures.append(failure)
        if self.usable:
            self.reporter.error(f"{failure.source}: {failure.reason}")
        else:
            self.held.append(failure)

    def found_usable(self) -> None:
        self.usable += 1
        if self.usable == 1:
            for failure in self.held:
                self.reporter.error(f"{failure.source}: {failure.reason}")
            self.held.clear()

    def check_some_usable(self) -> None:
        if self.usable:
            return
        if len(self.held) == 1:
            raise NoInputError(f"{self.held[0].source}: {self.held[0].reason}.")
        for failure in self.held:
            self.reporter.error(f"{failure.source}: {failure.reason}")
        raise NoInputError(f"No usable input: all {len(self.held)} inputs failed.")


class _Cached:
    """The result cache as a run uses it: keyed on what runs (backend, precision, each
    model's commit), not on what was asked for; a model downloaded during the run gets
    its commit into the keys stored after it."""

    def __init__(self, options: RunOptions, engine: Engine | None) -> None:
        self.options, self.engine = options, engine
        self.cache = ResultCache(options.cache_dir)
        self.options_key = options.cache_key()
        self.made = _plan(options, engine)
        self.catalog_print = _models_fingerprint(options)
        self.redone: list[str] = []  # why cached results of earlier runs no longer count

    def _key(self, doc: Document) -> str:
        return self.cache.key(doc.digest, self.options_key, self.catalog_print + "|" + provenance.fingerprint(self.made))

    def get(self, doc: Document) -> Record | None:
        hit = self.cache.get(self._key(doc))
        if hit is not None:
            return dataclasses.replace(hit, source=doc.source)  # the same article may sit elsewhere now
        before = self.cache.made_with(doc.digest, self.options_key)
        if before is not None and before != self.made:
            self.redone.append(provenance.changes(before, self.made))
        return None

    def refresh(self) -> None:
        if any("not-cached" in v for v in self.made.values()):
            self.made = _plan(self.options, self.engine)  # downloaded now: key on the commit

    def put(self, doc: Document, result: Record | Failure) -> None:
        if isinstance(result, Record):
            self.cache.put(self._key(doc), result)
            self.cache.remember(doc.digest, self.options_key, self.made)

    def say_redone(self, reporter: Reporter) -> None:
        if self.redone:
            reporter.info(
                f"{len(self.redone)} cached result(s) redone: made with other engines or models "
                f"({self.redone[0]})"
            )


def _choose_runner(runner: Runner | None, options: RunOptions, reporter: Reporter) -> Runner:
    if runner is None and options.engine == "ray":
        from summarize.run.ray_runner import make_ray_runner  # fails fast, before any input is read

        return make_ray_runner(options.ray_address, options.ray_actors, options.ray_gpus_per_actor,
                               cpus_per_actor=options.ray_cpus_per_actor, warn=reporter.warn)
    if options.engine not in ("local", "ray"):
        raise UsageError(f"--engine takes local or ray, not {options.engine!r}.")
    return runner or run_locally


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
    runner = _choose_runner(runner, options, reporter)
    if options.encoding != "auto":
        canonical(options.encoding)  # an unknown name is one sentence before any reading
    outcome = Outcome()
    sources, missing = expand_inputs(
        inputs, stdin_is_tty=stdin_is_tty, follow_symlinks=options.follow_symlinks,
        warn=reporter.warn,
    )
    outcome.failures.extend(missing)
    destination, sources = open_destination(
        inputs, sources, options, reporter, stdout, lambda: _plan(options, engine), collect_only
    )
    reporter.start(len(sources))
    cache = _Cached(options, engine) if options.cache else None
    failures = _Failures(outcome, reporter)
    position: dict[int, int] = {}  # each document's place among the inputs

    def finish(doc: Document, result: Record | Failure) -> None:
        at = position.pop(id(doc))
        if isinstance(result, Failure):
            failures.fail(result)
            reporter.advance(doc.source, "failed")
            return
        for warning in result.warnings:
            reporter.warn(doc.source, warning)
        destination.deliver(doc, result, at)
        outcome.written += 1
        if collect_only:  # only a digest reads them back; a piped archive must not pile up
            outcome.records.append(result)
            outcome.hashes[result.source] = doc.digest
        reporter.advance(doc.source)

    def model_work() -> Iterator[Document]:
        """Documents that need the models, read as the runner asks for them: a run over
        an archive holds a few windows in memory, never the archive."""
        limit = options.max_input_mb * 1024 * 1024
        remote = any(s.url for s in sources) or destination.remote
        read = _read_all(sources, stdin, limit, destination.already_done, remote=remote, encoding=options.encoding)
        for n, (source, (doc, done)) in enumerate(zip(sources, read)):
            if isinstance(doc, InputError):
                failures.fail(Failure(doc.source, doc.reason))
                reporter.advance(source.display, "failed")
                continue
            failures.found_usable()
            if doc.encoding is not None and options.encoding == "auto":  # a guess, however sure
                reporter.warn(source.display, f"is not UTF-8; read as {doc.encoding}, as detected "
                              "(--encoding NAME reads it as another)")
            if done:
                outcome.skipped += 1
                reporter.advance(source.display, "unchanged, skipped")
                continue
            position[id(doc)] = n
            hit = cache.get(doc) if cache is not None else None
            if hit is not None:
                outcome.cached += 1
                finish(doc, hit)
                continue
            yield doc

    try:
        for window, results in runner(_windows(model_work(), window_docs(len(sources))), options, engine):
            if cache is not None:
                cache.refresh()
            for doc, result in zip(window, results):
                if cache is not None:
                    cache.put(doc, result)
                finish(doc, result)
        destination.finish()
    except KeyboardInterrupt:
        destination.abandon()
        raise
    finally:
        destination.close()
        reporter.close()
    if cache is not None:
        cache.say_redone(reporter)
    failures.check_some_usable()
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
    publish = open_page(options, stdout)  # before any model loads, as for translate --out
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
    publish(text)
    if reporter is not None:
        reporter.info(
            f"digest: {len(outcome.records)} article(s), {outcome.cached} from cache, "
            f"{len(outcome.failures)} failed"
        )
    return outcome
