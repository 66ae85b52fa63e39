"""Model work on a Ray cluster: a Runner whose windows go to a pool of Ray actors.

The driver (``batch.process``) still reads every input, looks up the result
cache and does every write; only ``pipeline.run_batch`` moves. Each actor builds
one engine from the options, as the local runner does (``pipeline.make_engine``:
torch or CTranslate2), so each model is loaded once per actor, and runs whole
windows of documents, the same windows the local engine would run, so the files
are the same; the engine sorts a window's sentences and chunks by length into
batches. Results stream back as windows finish, in any order.

Documents, options and records cross process boundaries pickled: a window is
one row of a Ray Data dataset, ``{"index": i, "payload": pickle(list[Document])}``,
and comes back as ``{"index": i, "payload": pickle(list[Record | Failure])}``.
The driver keeps its own window objects and yields those, so ``process`` sees
the very ``Document`` objects it handed over.

Ray is an optional extra and is imported only when this runner is made.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import tempfile
import warnings
from collections.abc import Iterator
from typing import Any

from . import errors
from .batch import Results, Runner
from .document import Document
from .engine import Engine
from .errors import SummarizeError, UsageError
from .options import RunOptions

INSTALL_HINT = "--engine ray needs Ray: pip install 'summarize[ray]'"
# Test-only: the first actor to finish this many windows exits (os._exit) before it
# returns the last one's results, once per run, as a machine lost mid-run would.
KILL_ENV = "SUMMARIZE_TEST_KILL_AFTER"
_ERROR = "error"  # the marker an actor returns instead of results


class WorkerLostError(SummarizeError):
    """A Ray worker (or its machine) went away and Ray gave up retrying its work."""


def _import_ray() -> Any:
    try:
        import ray
        import ray.data  # the [data] extra
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    return ray


def make_ray_runner(
    address: str | None = None,
    actors: int | None = None,
    gpus_per_actor: float = 0.0,
    *,
    task_retries: int = 3,
) -> Runner:
    """A Runner that sends windows of documents to ``actors`` Ray actors.

    ``address``: None starts (or reuses) a Ray runtime in this process with all
    local cores; ``"auto"`` or ``"ray://host:10001"`` joins an existing cluster.
    ``actors``: the pool size; by default one actor per GPU share
    (``gpus_per_actor`` > 0) or per CPU the cluster has free.
    ``task_retries``: how often one window is retried after its worker died
    (an actor that dies is always restarted); 0 turns restarts and retries off,
    so a lost worker ends the run at once (outputs written so far are kept).
    """
    _import_ray()  # fail fast, before any input is read
    if actors is not None and actors < 1:
        raise UsageError(f"--ray-actors must be at least 1, not {actors}.")
    if gpus_per_actor < 0:
        raise UsageError(f"--ray-gpus-per-actor must be 0 or more, not {gpus_per_actor}.")

    def run_on_ray(
        windows: list[list[Document]], options: RunOptions, engine: Engine | None
    ) -> Iterator[tuple[list[Document], Results]]:
        # ``engine`` is not used: each actor builds its own from ``options``.
        if not any(windows):
            return
        ray = _import_ray()
        started_here = not ray.is_initialized()
        _init(ray, address)
        try:
            pool = actors or _default_pool(ray, gpus_per_actor)
            yield from _run(ray, windows, options, pool, gpus_per_actor, task_retries)
        finally:
            if started_here and address is None:
                ray.shutdown()

    return run_on_ray


def _init(ray: Any, address: str | None) -> None:
    if ray.is_initialized():
        return
    kwargs: dict[str, Any] = dict(
        address=address, ignore_reinit_error=True, include_dashboard=False,
        log_to_driver=False, logging_level=logging.ERROR,
    )
    try:
        ray.init(**kwargs)
    except ConnectionError as exc:
        raise UsageError(
            f"Could not reach a Ray cluster at {address!r} ({_first_line(exc)}); "
            "start one with `ray start --head` or `ray up`, or leave out --ray-address."
        ) from None


def _default_pool(ray: Any, gpus_per_actor: float) -> int:
    free = ray.available_resources()
    if gpus_per_actor > 0:
        return max(1, int(free.get("GPU", 0) // gpus_per_actor))
    return max(1, int(free.get("CPU", 1) // 1))


def _quiet_ray(ray: Any) -> None:
    """The summarize reporter is the one voice on stderr: Ray's bars and notices stay off."""
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.enable_operator_progress_bars = False
    ctx.print_on_execution_start = False
    ctx.execution_options.preserve_order = False
    ctx.execution_options.verbose_progress = False
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _run(
    ray: Any,
    windows: list[list[Document]],
    options: RunOptions,
    pool: int,
    gpus_per_actor: float,
    task_retries: int,
) -> Iterator[tuple[list[Document], Results]]:
    import pyarrow as pa

    _quiet_ray(ray)
    # The driver's windows, as they are: a document's output may depend on the other
    # documents in its window (they share the engine's batches), so the same windows
    # give the same files as the local engine.
    pool = min(pool, len(windows))
    schema = pa.schema([("index", pa.int64()), ("payload", pa.binary())])
    blocks = [  # one block per window: each map_batches call is one whole window
        pa.Table.from_pylist([{"index": i, "payload": pickle.dumps(w, protocol=5)}], schema=schema)
        for i, w in enumerate(windows)
    ]
    dataset = ray.data.from_arrow(blocks)

    kill = None
    if os.environ.get(KILL_ENV):
        flag = os.path.join(tempfile.mkdtemp(prefix="summarize-kill-"), "done")
        kill = (int(os.environ[KILL_ENV]), flag)
    retry_args: dict[str, Any] = (
        {"max_restarts": 0, "max_task_retries": 0} if task_retries == 0
        else {"max_restarts": -1, "max_task_retries": task_retries}
    )
    with warnings.catch_warnings():
        # Ray 2.60 takes max_restarts/max_task_retries only through **ray_remote_args,
        # which it marks deprecated (removal planned for Ray 2.64).
        warnings.simplefilter("ignore")
        results = dataset.map_batches(
            _bound_actor(options, kill),
            batch_size=1,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=pool),
            num_cpus=1 if gpus_per_actor == 0 else None,
            num_gpus=gpus_per_actor or None,
            **retry_args,
        )
    seen: set[int] = set()
    stream = iter(results.iter_rows())
    try:
        while True:
            try:
                row = next(stream)
            except StopIteration:
                return
            except SummarizeError:
                raise
            except Exception as exc:  # a Ray error: a worker lost for good, or a bug in an actor
                raise _lost(ray, exc) from exc
            index = int(row["index"])
            if index in seen:  # a window retried after its results arrived: never written twice
                continue
            seen.add(index)
            payload = pickle.loads(row["payload"])
            if isinstance(payload, tuple) and payload and payload[0] == _ERROR:
                raise _rebuild_error(payload[1], payload[2])
            yield windows[index], payload
    finally:
        # Stopped early (an error, or the caller gave up): end the dataset's execution
        # now, while Ray is up, not whenever the garbage collector gets to it.
        close = getattr(stream, "close", None)
        if close is not None:
            close()
        del stream, results
        gc.collect()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _lost(ray: Any, exc: Exception) -> Exception:
    died = (ray.exceptions.ActorDiedError, ray.exceptions.WorkerCrashedError,
            ray.exceptions.NodeDiedError, ray.exceptions.ActorUnavailableError)
    chain: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and len(chain) < 10:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(c, died) for c in chain) or "died" in str(exc).lower():
        return WorkerLostError(
            "A Ray worker stopped mid-run and Ray gave up on its work; finished outputs are "
            "kept, rerun the same command to complete the rest."
        )
    if isinstance(exc, SummarizeError):
        return exc
    return WorkerLostError(f"The Ray run failed: {_first_line(exc)}; rerun with --debug for details.")


def _rebuild_error(kind: str, message: str) -> SummarizeError:
    """The summarize error an actor caught, as the same type with the same sentence."""
    cls = getattr(errors, kind, None)
    if isinstance(cls, type) and issubclass(cls, SummarizeError) and cls is not errors.InputError:
        return cls(message)
    return SummarizeError(message)


def _bound_actor(options: RunOptions, kill: tuple[int, str] | None) -> type:
    """The actor class with its settings inside, so that nothing waits in the object
    store for a restart (Ray warns about constructor arguments kept there)."""

    class BoundWindowActor(WindowActor):
        def __init__(self) -> None:
            super().__init__(options, kill)

    return BoundWindowActor


class WindowActor:
    """One model replica: loads each model once, then runs window after window."""

    def __init__(self, options: RunOptions, kill: tuple[int, str] | None = None) -> None:
        from . import pipeline
        from .options import Task

        self.options = options
        # The engine the local runner would build (same backend, device, precision...).
        self.engine = None if options.task is Task.QUOTES else pipeline.make_engine(options)
        self.kill = kill
        self.windows = 0

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        from . import pipeline

        out = []
        for index, payload in zip(batch.column("index").to_pylist(), batch.column("payload").to_pylist()):
            window: list[Document] = pickle.loads(payload)
            try:
                result: Any = pipeline.run_batch(window, self.options, self.engine)
            except SummarizeError as exc:  # one sentence, not a Ray traceback, at the driver
                result = (_ERROR, type(exc).__name__, str(exc))
            self.windows += 1
            self._maybe_die()
            out.append({"index": index, "payload": pickle.dumps(result, protocol=5)})
        schema = pa.schema([("index", pa.int64()), ("payload", pa.binary())])
        return pa.Table.from_pylist(out, schema=schema)

    def _maybe_die(self) -> None:
        if self.kill is None or self.windows < self.kill[0]:
            return
        try:
            fd = os.open(self.kill[1], os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.close(fd)
        os._exit(1)
