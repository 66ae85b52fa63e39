"""Model work on a Ray cluster: a Runner whose windows go to a pool of Ray actors.

The driver (``batch.process``) still reads every input, looks up the result
cache and does every write; only ``pipeline.run_batch`` moves. Each actor builds
one engine from the options, as the local runner does (``pipeline.make_engine``:
torch or CTranslate2), so each model is loaded once per actor, and runs whole
windows of documents, the same windows the local engine would run, so the files
are the same; the engine sorts a window's sentences and chunks by length into
batches. Results stream back as windows finish, in any order.

Each actor holds two windows: the one it runs and the next, queued on the actor
itself (a small in-flight map in the driver says which result belongs to which
actor), so an actor never waits while the driver reads or writes. While some actor
is still starting, each started one holds just one, so that a small run (the driver
cuts it into a few small windows) leaves work for the actors that start later. Windows are
pulled from the driver's lazy stream only as actors free up, so a run over an
archive of millions holds a few windows in memory, not the archive, and each
actor loads its models once for the whole run. (Ray Data's ``map_batches``
would need every window up front, in the object store, before the first one runs.)

Documents, options and records cross process boundaries pickled: a window goes
to an actor as ``(i, pickle(list[Document]))`` and comes back as
``(i, pickle(list[Record | Failure]))``. The driver keeps its own window objects
and yields those, so ``process`` sees the very ``Document`` objects it handed over.

Ray is an optional extra and is imported only when this runner is made.
"""

from __future__ import annotations

import itertools
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from summarize import errors
from summarize.document import Document
from summarize.engines.core import Engine
from summarize.errors import SummarizeError, UsageError, first_line
from summarize.options import RunOptions
from summarize.run.runner import Results, Runner

INSTALL_HINT = "--engine ray needs Ray: pip install 'summarize[ray]'"
# Test-only: the first actor to finish this many windows exits (os._exit) before it
# returns the last one's results, once per run, as a machine lost mid-run would.
KILL_ENV = "SUMMARIZE_TEST_KILL_AFTER"
_ERROR = "error"  # the marker an actor returns instead of results
# How long the first actor may take to start before the user is told why nothing moves
# (a model load is seconds to a minute; a cluster without room for an actor is forever).
STARTUP_NOTICE_S = 120.0


class WorkerLostError(SummarizeError):
    """A Ray worker (or its machine) went away and Ray gave up retrying its work."""


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    return ray


def make_ray_runner(
    address: str | None = None,
    actors: int | None = None,
    gpus_per_actor: float = 0.0,
    *,
    cpus_per_actor: int = 1,
    task_retries: int = 3,
    warn: Callable[[str, str], None] | None = None,
) -> Runner:
    """A Runner that sends windows of documents to ``actors`` Ray actors.

    ``address``: None starts (or reuses) a Ray runtime in this process with all
    local cores; ``"auto"`` or ``"ray://host:10001"`` joins an existing cluster.
    ``actors``: the pool size; by default one actor per GPU share
    (``gpus_per_actor`` > 0) or per ``cpus_per_actor`` CPUs the cluster has free.
    ``cpus_per_actor``: the CPUs each actor reserves; Ray sets OMP_NUM_THREADS to it,
    so torch in the actor runs that many threads. Each actor holds its own copy of the
    models, so on a CPU cluster fewer, wider actors need less memory.
    ``task_retries``: how often one window is retried after its worker died
    (an actor that dies is always restarted); 0 turns restarts and retries off,
    so a lost worker ends the run at once (outputs written so far are kept).
    ``warn``: told when the pool is cut to what the machine can hold.
    """
    _import_ray()  # fail fast, before any input is read
    if actors is not None and actors < 1:
        raise UsageError(f"--ray-actors must be at least 1, not {actors}.")
    if gpus_per_actor < 0:
        raise UsageError(f"--ray-gpus-per-actor must be 0 or more, not {gpus_per_actor}.")
    if cpus_per_actor < 1:
        raise UsageError(f"--ray-cpus-per-actor must be at least 1, not {cpus_per_actor}.")

    def run_on_ray(
        windows: Iterable[list[Document]], options: RunOptions, engine: Engine | None
    ) -> Iterator[tuple[list[Document], Results]]:
        # ``engine`` is not used: each actor builds its own from ``options``.
        stream = iter(windows)
        first = next(stream, None)
        if first is None:  # nothing left to do: no Ray runtime is started at all
            return
        ray = _import_ray()
        started_here = not ray.is_initialized()
        _init(ray, address)
        try:
            free = ray.available_resources()
            if address is None and gpus_per_actor > 0 and not free.get("GPU"):
                raise UsageError(
                    f"--ray-gpus-per-actor {gpus_per_actor:g} asks for GPUs, but Ray sees none "
                    "free on this machine; leave it out to run on CPUs, or join a cluster with "
                    "GPUs (--ray-address)."
                )
            fits = _default_pool(free, gpus_per_actor, cpus_per_actor)
            pool = actors or fits
            if address is None and pool > fits:
                # No autoscaler behind a local runtime: an actor that cannot be placed
                # would hold its window forever and the run would never end.
                if warn is not None:
                    warn("--ray-actors", f"{pool} asked for, but {fits} fit on this machine's free "
                         f"CPUs/GPUs; running {fits}")
                pool = fits
            yield from _run(ray, itertools.chain([first], stream), options, pool,
                            (cpus_per_actor, gpus_per_actor), task_retries, warn)
        finally:
            if started_here and address is None:
                ray.shutdown()

    return run_on_ray


def _init(ray: Any, address: str | None) -> None:
    if ray.is_initialized():
        return
    for name in ("ray", "ray.util"):  # the summarize reporter is the one voice on stderr
        logging.getLogger(name).setLevel(logging.ERROR)
    kwargs: dict[str, Any] = dict(
        address=address, ignore_reinit_error=True, include_dashboard=False,
        log_to_driver=False, logging_level=logging.ERROR,
    )
    try:
        ray.init(**kwargs)
    except ConnectionError as exc:
        raise UsageError(
            f"Could not reach a Ray cluster at {address!r} ({first_line(exc)}); "
            "start one with `ray start --head` or `ray up`, or leave out --ray-address."
        ) from None


def _default_pool(free: dict[str, float], gpus_per_actor: float, cpus_per_actor: int = 1) -> int:
    """One actor per GPU share, or on CPUs one per ``cpus_per_actor`` free CPUs; at least one."""
    by_cpu = int(free.get("CPU", 1) // cpus_per_actor)
    if gpus_per_actor > 0:  # 1.0 // 0.1 is 9.0: divide, then floor with room for rounding
        return max(1, min(int(free.get("GPU", 0) / gpus_per_actor + 1e-9), by_cpu))
    return max(1, by_cpu)


# Windows each actor holds: one it runs and one queued on the actor itself, so that it
# starts the next the moment it finishes, while the driver reads inputs or writes outputs.
PER_ACTOR = 2


def _run(
    ray: Any,
    windows: Iterator[list[Document]],
    options: RunOptions,
    pool_size: int,
    resources: tuple[int, float],
    task_retries: int,
    warn: Callable[[str, str], None] | None = None,
) -> Iterator[tuple[list[Document], Results]]:
    kill = None
    if os.environ.get(KILL_ENV):
        flag = os.path.join(tempfile.mkdtemp(prefix="summarize-kill-"), "done")
        kill = (int(os.environ[KILL_ENV]), flag)
    retry_args: dict[str, Any] = (
        {"max_restarts": 0, "max_task_retries": 0} if task_retries == 0
        else {"max_restarts": -1, "max_task_retries": task_retries}
    )
    cpus, gpus = resources
    remote = ray.remote(num_cpus=cpus, num_gpus=gpus or None, **retry_args)(
        _bound_actor(options, kill)
    )
    actors = [remote.remote() for _ in range(pool_size)]
    # Work goes only to actors that have started: one that cannot be placed yet (a
    # cluster still growing) must not sit on a window while the others finish.
    starting = {actor.ready.remote(): n for n, actor in enumerate(actors)}
    # The in-flight map: each submitted window's result ref -> (actor, window number).
    # Ray queues an actor's calls on the actor and runs them in order, so the window
    # submitted second waits there, not in the driver (ray.util.ActorPool keeps it in
    # the driver until the driver next asks for a result, and the actor idles meanwhile).
    in_flight: dict[Any, tuple[int, int]] = {}
    load = [0] * pool_size
    # The driver's windows, as they are: a document's output may depend on the other
    # documents in its window (they share the engine's batches), so the same windows
    # give the same files as the local engine; windows not yet sent are not read yet.
    held: dict[int, list[Document]] = {}
    numbered = enumerate(windows)

    def feed(n: int) -> None:
        # One window each until every actor has started: a small run has only a few
        # windows, and the actor that started first must not queue them all.
        while load[n] < (1 if starting else PER_ACTOR):
            item = next(numbered, None)
            if item is None:
                return
            index, window = item
            held[index] = window
            in_flight[actors[n].run.remote(index, pickle.dumps(window, protocol=5))] = (n, index)
            load[n] += 1

    def admit(block: bool) -> None:
        if not starting:
            return
        if block:
            ready: list[Any] = []
            while not ready:  # a cluster that cannot place any actor: say so, keep waiting
                ready, _ = ray.wait(list(starting), num_returns=1, timeout=STARTUP_NOTICE_S)
                if not ready and warn is not None:
                    warn("--engine ray", f"no Ray actor has started after {STARTUP_NOTICE_S:g} s; "
                         f"the cluster has no free resources for one ({cpus} CPU"
                         f"{f', {gpus:g} GPU' if gpus else ''} each); still waiting (Ctrl-C stops)")
        else:
            ready, _ = ray.wait(list(starting), num_returns=len(starting), timeout=0)
        for ref in ready:
            n = starting.pop(ref)
            ray.get(ref)
            feed(n)
        if not starting:  # the last one is up: every actor may queue its next window now
            for n in range(pool_size):
                feed(n)

    try:
        try:
            admit(block=True)
        except Exception as exc:
            raise _lost(ray, exc) from exc
        while in_flight:
            try:
                # An actor that starts meanwhile is answered too, and gets work at once.
                (ref,), _ = ray.wait([*in_flight, *starting], num_returns=1)
                if ref in starting:
                    admit(block=False)
                    continue
                n, _index = in_flight.pop(ref)
                load[n] -= 1
                index, payload = ray.get(ref)
            except SummarizeError:
                raise
            except Exception as exc:  # a Ray error: a worker lost for good, or a bug in an actor
                raise _lost(ray, exc) from exc
            # Ray retries a window whose actor died and delivers its result once: each
            # window is yielded, and so written, exactly once.
            window = held.pop(index)
            result = pickle.loads(payload)
            if isinstance(result, tuple) and result and result[0] == _ERROR:
                raise _rebuild_error(result[1], result[2])
            feed(n)  # before the driver writes: the actor's queue is full again
            yield window, result
    finally:
        for actor in actors:
            ray.kill(actor, no_restart=True)


def _lost(ray: Any, exc: Exception) -> Exception:
    died = (ray.exceptions.ActorDiedError, ray.exceptions.WorkerCrashedError,
            ray.exceptions.NodeDiedError, ray.exceptions.ActorUnavailableError)
    chain: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and len(chain) < 10:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(c, died) for c in chain):
        return WorkerLostError(
            "A Ray worker stopped mid-run and Ray gave up on its work; finished outputs are "
            "kept, rerun the same command to complete the rest."
        )
    if isinstance(exc, SummarizeError):
        return exc
    return WorkerLostError(f"The Ray run failed: {first_line(exc)}; rerun with --debug for details.")


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
        from summarize.options import Task
        from summarize.run import pipeline

        self.options = options
        self.kill = kill
        self.windows = 0
        self.engine = None
        # Kept and returned with the first window: an actor that fails to start would
        # reach the driver as "the actor died", not as the sentence that says why.
        self.error: tuple[str, str, str] | None = None
        try:
            # The engine the local runner would build (same backend, device, precision...).
            if options.task is not Task.QUOTES:
                self.engine = pipeline.make_engine(options)
        except SummarizeError as exc:
            self.error = (_ERROR, type(exc).__name__, str(exc))
        except Exception as exc:  # torch or CUDA failing on this worker, a package missing there
            self.error = (_ERROR, "SummarizeError",
                          f"A Ray worker could not set up the models: {first_line(exc)}")

    def ready(self) -> bool:
        """Answers once the actor is placed and built: only then does it get work."""
        return True

    def run(self, index: int, payload: bytes) -> tuple[int, bytes]:
        """One window in, its records (or one error sentence) out, pickled both ways."""
        from summarize.run import pipeline

        window: list[Document] = pickle.loads(payload)
        result: Any = self.error
        try:
            if result is None:
                result = pipeline.run_batch(window, self.options, self.engine)
        except SummarizeError as exc:  # one sentence, not a Ray traceback, at the driver
            result = (_ERROR, type(exc).__name__, str(exc))
        except Exception as exc:  # a bug of ours, met on a worker: still one sentence
            result = (_ERROR, "SummarizeError",
                      f"internal error on a Ray worker ({type(exc).__name__}: {first_line(exc)}); "
                      "rerun with --engine local --debug and report it")
        self.windows += 1
        self._maybe_die()
        return index, pickle.dumps(result, protocol=5)

    def _maybe_die(self) -> None:
        if self.kill is None or self.windows < self.kill[0]:
            return
        try:
            fd = os.open(self.kill[1], os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.close(fd)
        os._exit(1)
