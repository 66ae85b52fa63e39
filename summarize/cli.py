"""The command line: parse options, build one RunOptions, call the library.

No text work happens here and torch is never imported here, so `summarize
--help` and `summarize quotes` start at once.
"""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from summarize.errors import EXIT_USAGE, SummarizeError
from summarize.io.render import RENDERERS
from summarize.options import (
    Backend,
    Device,
    Length,
    Precision,
    QuoteMarks,
    QuoteMode,
    RunOptions,
    Task,
)
from summarize.run import flags

if TYPE_CHECKING:
    from summarize.report import Reporter

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=(
        "Summarize and translate news with seq2seq models, keeping every attributed quote "
        "verbatim. INPUT is a file, a folder (searched recursively), a glob, '-', or a URL on object "
        "storage (s3://, gs://, az://, … through fsspec); with no "
        "INPUT, text is read from a pipe."
    ),
)
models_app = typer.Typer(help="The model catalog: list, fetch ahead of time, inspect.", no_args_is_help=True)
app.add_typer(models_app, name="models")

Inputs = Annotated[Optional[list[str]], typer.Argument(help="Files, folders, globs, '-' (stdin), or URLs of objects, prefixes or globs on storage (s3://bucket/archive/).", show_default=False)]  # noqa: UP045
To = Annotated[Optional[str], typer.Option("--to", help="Target language (ISO 639-1, e.g. uk).")]  # noqa: UP045
From = Annotated[str, typer.Option("--from", help="Source language, or 'auto' to identify it.")]
Model = Annotated[Optional[str], typer.Option("--model", help="Catalog alias, hub id, or local model folder.")]  # noqa: UP045
# --format choices come from the renderers' dict: a new renderer is a new choice.
FormatChoice = Enum("FormatChoice", {name: name for name in RENDERERS}, type=str)  # type: ignore[misc]
Format = Annotated[FormatChoice, typer.Option("--format", "-f", help="Output format.")]
Out = Annotated[Optional[str], typer.Option("--out", "-o", help="Output file (one input) or folder (mirrors input paths); a local path or a URL such as s3://bucket/out/.", show_default=False)]  # noqa: UP045
Quotes = Annotated[QuoteMode, typer.Option("--quotes", help="keep: quotes verbatim; translate: quotes translated; both: verbatim then [translation].")]
Marks = Annotated[QuoteMarks, typer.Option("--quote-marks", help="target: the target language's quote marks; source: the source's.")]
DeviceOpt = Annotated[Device, typer.Option("--device", help="Where models run; auto picks CUDA when present.")]
PrecisionOpt = Annotated[Precision, typer.Option("--precision", help="auto: int8 on CPU under CTranslate2 (fp32 under torch), fp16 on CUDA.")]
BackendOpt = Annotated[Backend, typer.Option("--backend", help="auto: CTranslate2 (int8 on CPU, float16 on CUDA) for every model family it runs, else torch.")]
EngineOpt = Annotated[str, typer.Option("--engine", help="local: models run in this process; ray: on a Ray cluster (pip install 'summarize[ray]').")]
RayAddress = Annotated[Optional[str], typer.Option("--ray-address", help="'auto' or ray://host:10001; default: a local Ray runtime with all cores.")]  # noqa: UP045
RayActors = Annotated[Optional[int], typer.Option("--ray-actors", min=1, help="Ray actors (model replicas); default: one per GPU share or per CPU.")]  # noqa: UP045
RayGpus = Annotated[float, typer.Option("--ray-gpus-per-actor", min=0.0, help="GPUs each Ray actor reserves (0.5: two replicas per GPU).")]
RayCpus = Annotated[int, typer.Option("--ray-cpus-per-actor", min=1, help="CPUs (torch threads) each Ray actor reserves; on CPU clusters, fewer larger actors hold fewer model copies in memory.")]
Batch = Annotated[int, typer.Option("--batch-size", min=1, help="Sentences or chunks per model call; short sentences fill up to 4x as many (CTranslate2 on CPU: at most 8 per call, one call per core at once).")]
Beams = Annotated[Optional[int], typer.Option("--beams", min=1, help="Beam size (default: the model's catalog value); pieces translated around lost placeholders always use 1.")]  # noqa: UP045
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or warnings on stderr; errors still show.")]
Offline = Annotated[bool, typer.Option("--offline", help="Use only models already in the cache (like HF_HUB_OFFLINE=1).")]
Force = Annotated[bool, typer.Option("--force", help="Redo outputs that are already up to date.")]
FollowLinks = Annotated[bool, typer.Option("--follow-symlinks", help="Read files that links inside a folder or glob lead to outside it.")]
MaxSize = Annotated[int, typer.Option("--max-size", min=1, help="Largest input in MB; bigger files are refused (split them into articles).")]
Encoding = Annotated[str, typer.Option("--encoding", help="How input bytes become text. auto: UTF-8 (or UTF-16 with a byte-order mark) as is; any other file is read in a legacy encoding (cp1252, cp1251, KOI8-U, Latin-1, …) only when charset-normalizer detects one with confidence and the decoded text reads as a language, with a warning naming it; otherwise it is refused. utf-8: UTF-8 only. Or a codec name, e.g. cp1251.")]
Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback when something fails.")]


@contextlib.contextmanager
def _one_sentence(debug: bool, reporter: Reporter) -> Iterator[None]:
    """Whatever goes wrong becomes one sentence on stderr and an exit code; the
    traceback only with --debug."""
    try:
        yield
    except SummarizeError as exc:
        if debug:  # the traceback as well, and the same exit code as without
            traceback.print_exc()
        reporter.error(str(exc))
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        reporter.error("interrupted; finished outputs are kept, rerun to complete the rest.")
        raise typer.Exit(130) from None
    except BrokenPipeError:  # `| head` stopped reading: main() ends quietly
        raise
    except Exception as exc:  # a bug of ours: still one sentence, and the way to see more
        if debug:
            raise
        reporter.error(
            f"internal error ({type(exc).__name__}: {exc}); rerun with --debug and report it."
        )
        raise typer.Exit(EXIT_USAGE) from None


def _execute(inputs: list[str] | None, options: RunOptions, digest: bool = False) -> None:
    from summarize.report import Reporter
    from summarize.run import batch

    reporter = Reporter(quiet=options.quiet)
    run = batch.digest if digest else batch.process
    with _one_sentence(options.debug, reporter):
        outcome = run(inputs or [], options, reporter=reporter)
    if outcome.failures and not options.quiet:
        reporter.info(
            f"{outcome.written} written, {outcome.skipped} unchanged, {len(outcome.failures)} failed"
        )
    raise typer.Exit(outcome.exit_code)


def _guarded(debug: bool, build):  # type: ignore[no-untyped-def]
    try:
        return build()
    except SummarizeError as exc:
        if debug:
            traceback.print_exc()
        print(f"summarize: error: {exc}", file=sys.stderr)
        raise typer.Exit(exc.exit_code) from None


@app.command()
def text(
    inputs: Inputs = None,
    to: To = None,
    from_: From = "auto",
    model: Model = None,
    translator: Annotated[Optional[str], typer.Option("--translator", help="Translator for --to (alias, hub id or folder).")] = None,  # noqa: UP045
    length: Annotated[Length, typer.Option("--length", help="Summary length.")] = Length.MEDIUM,
    key_quotes: KeyQuotes = 0,
    fabricated: Fabricated = "unquote",
    quotes: Quotes = QuoteMode.KEEP,
    quote_marks: Marks = QuoteMarks.TARGET,
    format: Format = FormatChoice.text,  # type: ignore[attr-defined]
    out: Out = None,
    device: DeviceOpt = Device.AUTO,
    precision: PrecisionOpt = Precision.AUTO,
    backend: BackendOpt = Backend.AUTO,
    engine: EngineOpt = "local",
    ray_address: RayAddress = None,
    ray_actors: RayActors = None,
    ray_gpus_per_actor: RayGpus = 0.0,
    ray_cpus_per_actor: RayCpus = 1,
    batch_size: Batch = 16,
    beams: Beams = None,
    quiet: Quiet = False,
    offline: Offline = False,
    force: Force = False,
    follow_symlinks: FollowLinks = False,
    max_size: MaxSize = 10,
    encoding: Encoding = "auto",
    debug: Debug = False,
) -> None:
    """Summarize articles; with --to, translate the summary (quotes stay verbatim)."""
    options = _guarded(debug, lambda: RunOptions(
        task=Task.SUMMARY, to_lang=flags.language_code(to), from_lang=flags.source_language(from_),
        model=model, translator=translator, length=length, quotes=quotes, quote_marks=quote_marks,
        key_quotes=key_quotes, fabricated=flags.fabricated(fabricated),
        format=format.value, out=flags.out_target(out), out_is_folder=flags.names_folder(out), device=device, precision=precision, backend=backend, batch_size=batch_size,
        engine=engine, ray_address=ray_address, ray_actors=ray_actors,
        ray_gpus_per_actor=ray_gpus_per_actor, ray_cpus_per_actor=ray_cpus_per_actor,
        num_beams=beams, quiet=quiet, offline=offline, force=force, debug=debug,
        follow_symlinks=follow_symlinks, max_input_mb=max_size, encoding=flags.encoding(encoding),
    ))
    _execute(inputs, options)


@app.command()
def translate(
    inputs: Inputs = None,
    to: Annotated[str, typer.Option("--to", help="Target language (ISO 639-1, e.g. uk).")] = ...,  # type: ignore[assignment]
    from_: From = "auto",
    model: Model = None,
    quotes: Quotes = QuoteMode.KEEP,
    quote_marks: Marks = QuoteMarks.TARGET,
    format: Format = FormatChoice.text,  # type: ignore[attr-defined]
    out: Out = None,
    device: DeviceOpt = Device.AUTO,
    precision: PrecisionOpt = Precision.AUTO,
    backend: BackendOpt = Backend.AUTO,
    engine: EngineOpt = "local",
    ray_address: RayAddress = None,
    ray_actors: RayActors = None,
    ray_gpus_per_actor: RayGpus = 0.0,
    ray_cpus_per_actor: RayCpus = 1,
    batch_size: Batch = 16,
    beams: Beams = None,
    quiet: Quiet = False,
    offline: Offline = False,
    force: Force = False,
    follow_symlinks: FollowLinks = False,
    max_size: MaxSize = 10,
    encoding: Encoding = "auto",
    debug: Debug = False,
) -> None:
    """Translate whole articles sentence by sentence; quotes stay verbatim by default."""
    options = _guarded(debug, lambda: RunOptions(
        task=Task.TRANSLATION, to_lang=flags.language_code(to), from_lang=flags.source_language(from_),
        model=model, quotes=quotes, quote_marks=quote_marks, format=format.value, out=flags.out_target(out), out_is_folder=flags.names_folder(out),
        device=device, precision=precision, backend=backend, batch_size=batch_size,
        engine=engine, ray_address=ray_address, ray_actors=ray_actors,
        ray_gpus_per_actor=ray_gpus_per_actor, ray_cpus_per_actor=ray_cpus_per_actor, num_beams=beams, quiet=quiet,
        offline=offline, force=force, debug=debug,
        follow_symlinks=follow_symlinks, max_input_mb=max_size, encoding=flags.encoding(encoding),
    ))
    _execute(inputs, options)


KeyQuotes = Annotated[int, typer.Option("--key-quotes", min=0, help="Add the N most newsworthy attributed quotes, verbatim, after the summary.")]
Fabricated = Annotated[str, typer.Option("--fabricated", help="A quote the summary invented: unquote (remove its marks) or drop (remove the sentence).")]


@app.command()
def digest(
    inputs: Inputs = None,
    out: Out = None,
    to: To = None,
    from_: From = "auto",
    model: Model = None,
    translator: Annotated[Optional[str], typer.Option("--translator", help="Translator for --to.")] = None,  # noqa: UP045
    length: Annotated[Length, typer.Option("--length", help="Summary length.")] = Length.SHORT,
    key_quotes: KeyQuotes = 2,
    fabricated: Fabricated = "unquote",
    format: Annotated[str, typer.Option("--format", "-f", help="md (for people), json, html (one web page) or atom (a feed).")] = "md",
    sort: Annotated[str, typer.Option("--sort", help="path, or date: newest first where the page or front matter gives a date.")] = "path",
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ignore and do not reuse earlier results.")] = False,
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", help="Where results are cached (default: the platform's user cache).")] = None,  # noqa: UP045
    device: DeviceOpt = Device.AUTO,
    precision: PrecisionOpt = Precision.AUTO,
    backend: BackendOpt = Backend.AUTO,
    engine: EngineOpt = "local",
    ray_address: RayAddress = None,
    ray_actors: RayActors = None,
    ray_gpus_per_actor: RayGpus = 0.0,
    ray_cpus_per_actor: RayCpus = 1,
    batch_size: Batch = 16,
    beams: Beams = None,
    quiet: Quiet = False,
    offline: Offline = False,
    follow_symlinks: FollowLinks = False,
    max_size: MaxSize = 10,
    encoding: Encoding = "auto",
    debug: Debug = False,
) -> None:
    """One digest of many articles: summary, key quotes, source link; failures listed.

    Results are cached by article content, models and options, so a daily rerun
    spends model time only on new or changed articles.
    """
    options = _guarded(debug, lambda: RunOptions(
        task=Task.SUMMARY, to_lang=flags.language_code(to), from_lang=flags.source_language(from_),
        model=model, translator=translator, length=length, key_quotes=key_quotes,
        fabricated=flags.fabricated(fabricated), format=format, out=flags.out_target(out), out_is_folder=flags.names_folder(out), device=device,
        precision=precision, backend=backend, batch_size=batch_size,
        engine=engine, ray_address=ray_address, ray_actors=ray_actors,
        ray_gpus_per_actor=ray_gpus_per_actor, ray_cpus_per_actor=ray_cpus_per_actor, num_beams=beams, quiet=quiet,
        offline=offline, debug=debug, cache=not no_cache, cache_dir=cache_dir, sort=flags.sort_order(sort),
        follow_symlinks=follow_symlinks, max_input_mb=max_size, encoding=flags.encoding(encoding),
    ))
    _execute(inputs, options, digest=True)


@app.command()
def quotes(
    inputs: Inputs = None,
    from_: From = "auto",
    format: Format = FormatChoice.text,  # type: ignore[attr-defined]
    out: Out = None,
    quiet: Quiet = False,
    force: Force = False,
    follow_symlinks: FollowLinks = False,
    max_size: MaxSize = 10,
    encoding: Encoding = "auto",
    debug: Debug = False,
) -> None:
    """List every quotation and who said it (no model needed)."""
    options = _guarded(debug, lambda: RunOptions(
        task=Task.QUOTES, from_lang=flags.source_language(from_),
        format=format.value, out=flags.out_target(out), out_is_folder=flags.names_folder(out), quiet=quiet, force=force, debug=debug,
        follow_symlinks=follow_symlinks, max_input_mb=max_size, encoding=flags.encoding(encoding),
    ))
    _execute(inputs, options)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def check(
    draft: Annotated[str, typer.Argument(help="The draft to check: a summary or rewrite by any model or person; a file, or '-' for stdin.", show_default=False)],
    source: Annotated[str, typer.Option("--source", "-s", help="The article the draft was written from.", show_default=False)],
    fix: Annotated[bool, typer.Option("--fix", help="Write the repaired draft (source words put back, wrong names corrected, invented quotes unquoted) instead of the report; the report goes to stderr.")] = False,
    fabricated: Fabricated = "unquote",
    from_: From = "auto",
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="The report: one line a quote, or the JSON record.")] = CheckFormat.text,
    out: Out = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Check a draft's quotations against the source: verbatim, altered, invented,
    misattributed or unconfirmed (no model needed). Exit 1 when any quote is not
    verbatim and correctly attributed."""
    from summarize.report import Reporter
    from summarize.run import check as checking

    reporter = Reporter(quiet=quiet)
    with _one_sentence(debug, reporter):
        lang = None if from_ == "auto" else flags.language_code(from_)
        code = checking.check_and_write(
            draft, source, lang, fix=fix, fabricated=flags.fabricated(fabricated), format=format.value,
            out=flags.out_target(out), quiet=quiet,
        )
    raise typer.Exit(code)


@models_app.command("list")
def models_list() -> None:
    """Show the catalog: alias, hub id, task, languages, licence, size."""
    from summarize.run import models

    for line in models.catalog_lines():
        print(line)


@models_app.command("pull")
def models_pull(
    names: Annotated[list[str], typer.Argument(help="Catalog aliases or hub ids.")],
    debug: Debug = False,
) -> None:
    """Fill the model cache ahead of time (for CI and offline runs)."""
    from summarize.run import models

    def pull_all() -> None:
        for line in models.pull_models(names):
            print(line)

    _guarded(debug, pull_all)


@models_app.command("info")
def models_info(name: Annotated[str, typer.Argument(help="Catalog alias or hub id.")]) -> None:
    """Everything the catalog says about one model."""
    from summarize.io.catalog_view import model_fields
    from summarize.run import models

    for line in model_fields(_guarded(False, lambda: models.find_model(name))):
        print(line)


def _terminate(signum: int, frame: object) -> None:
    """A CI timeout's SIGTERM ends the run like Ctrl-C: finished outputs kept, no temp files."""
    raise KeyboardInterrupt


def _quiet_libraries(argv: list[str]) -> None:
    """Libraries speak through Python warnings and logging (transformers' "Unfeasible
    length constraints", the hub client's retries, ...); in normal use the reporter alone
    writes to stderr, so none of that reaches the terminal. --debug lets it through."""
    if "--debug" in argv:
        return
    import logging
    import warnings

    warnings.simplefilter("ignore")
    # Loggers without handlers would print WARNING lines through logging.lastResort.
    logging.getLogger().addHandler(logging.NullHandler())


def main() -> None:
    import signal

    _quiet_libraries(sys.argv[1:])
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(EXIT_USAGE)
