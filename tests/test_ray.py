"""The Ray runner: same outputs as the local engine, and nothing lost or doubled when a
worker dies. Marker ``ray``: skip with ``-m 'not ray'``; CI runs them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.ray
ray = pytest.importorskip("ray")

from conftest import ROOT, SAMPLE  # noqa: E402

from summarize.errors import EXIT_OK, ModelError  # noqa: E402
from summarize.options import RunOptions, Task  # noqa: E402
from summarize.run import batch  # noqa: E402
from summarize.run.ray_runner import KILL_ENV, WorkerLostError, make_ray_runner  # noqa: E402

QUOTES_EN = ROOT / "tests" / "data" / "quotes" / "en"
_SENTENCE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


@pytest.fixture(scope="module", autouse=True)
def small_windows():
    """Windows of 4 documents (32 in production), for the local and the Ray runs alike,
    so that 30 articles make 8 windows for 2 actors to share."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(batch, "WINDOW_DOCS", 4)
        yield


@pytest.fixture(scope="module")
def ray_runtime():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _paragraphs(text: str) -> list[str]:
    paras = [" ".join(p.split()) for p in text.split("\n\n")]
    return [p for p in paras if p.count(" ") >= 12]  # no headlines or datelines


def _articles(folder: Path) -> Path:
    """30 short news items (2-4 sentences, most with quotes, never cut inside one),
    nested as an inbox is: whole paragraphs of the quote corpus and the sample."""
    pools = [_paragraphs(p.read_text("utf-8")) for p in sorted(QUOTES_EN.glob("*.txt"))]
    pools.append(_paragraphs(SAMPLE.read_text("utf-8")))
    for n in range(30):
        pool = pools[n % len(pools)]
        start = (n // len(pools)) * 2 % len(pool)
        picked: list[str] = []
        for para in pool[start:] + pool[:start]:
            if len(_SENTENCE.split(" ".join([*picked, para]))) > 4 and picked:
                break
            picked.append(para)
            if len(_SENTENCE.split(" ".join(picked))) >= 2:
                break
        path = folder / f"desk{n % 3}" / f"{n:02d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(picked), "utf-8")
    return folder


def _options(marian: Path, out: Path, **kw) -> RunOptions:
    return RunOptions(task=Task.TRANSLATION, to_lang="uk", model=str(marian), out=out,
                      batch_size=8, offline=True, **kw)


def _outputs(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".summarize" not in p.parts
    }


def _assert_clean(folder: Path) -> None:
    leftovers = [p for p in folder.rglob("*") if p.is_file() and (".tmp" in p.name or p.name.startswith("."))]
    assert not leftovers, leftovers


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    return _articles(tmp_path_factory.mktemp("inbox"))


@pytest.fixture(scope="module")
def local_out(inbox, marian, tmp_path_factory) -> tuple[dict[str, bytes], int]:
    out = tmp_path_factory.mktemp("local") / "out"
    outcome = batch.process([str(inbox)], _options(marian, out))
    assert outcome.written == 30 and not outcome.failures
    return _outputs(out), outcome.exit_code


def test_ray_output_identical_to_local(ray_runtime, inbox, local_out, marian, tmp_path):
    expected, local_code = local_out
    out = tmp_path / "out"
    outcome = batch.process([str(inbox)], _options(marian, out), runner=make_ray_runner(actors=2))
    assert outcome.exit_code == local_code == EXIT_OK
    assert outcome.written == 30 and outcome.skipped == 0
    got = _outputs(out)
    assert sorted(got) == sorted(expected) and len(got) == 30
    for name, data in expected.items():
        assert got[name] == data, f"{name} differs from the local engine's output"
    assert "«" in "".join(d.decode() for d in got.values())  # quotes went through, in uk marks
    _assert_clean(out)

    again = batch.process([str(inbox)], _options(marian, out), runner=make_ray_runner(actors=2))
    assert (again.written, again.skipped, again.exit_code) == (0, 30, EXIT_OK)


def test_ray_reads_and_writes_a_bucket_with_the_local_engine_s_files(
    ray_runtime, s3, inbox, local_out, marian
):
    """The archive case: input and --out on object storage (a local S3 here), Ray actors
    doing the model work; the objects written equal the local engine's files."""
    expected, _ = local_out
    fs = s3.fs()
    fs.mkdir("archive")
    fs.pipe({f"archive/in/{p.relative_to(inbox).as_posix()}": p.read_bytes()
             for p in sorted(inbox.rglob("*.txt"))})
    with s3.use():
        options = _options(marian, "s3://archive/out/")  # type: ignore[arg-type]
        outcome = batch.process(["s3://archive/in/"], options, runner=make_ray_runner(actors=2))
        assert (outcome.written, outcome.exit_code) == (30, EXIT_OK)
        again = batch.process(["s3://archive/in/"], options, runner=make_ray_runner(actors=2))
        assert (again.written, again.skipped) == (0, 30)
    fs = s3.fs()
    got = {p[len("archive/out/"):]: fs.cat_file(p) for p in fs.find("archive/out")
           if "/.summarize/" not in p}
    assert got == expected


def test_ray_reads_inputs_only_as_actors_ask_for_work(ray_runtime, inbox, local_out, marian, tmp_path, monkeypatch):
    """Two actors hold at most two windows each (4 documents a window here): when the first
    results come back, the driver has read at most five windows' worth (plus the one
    document that closes a window), not the whole folder."""
    expected, _ = local_out
    reads: list[str] = []
    real = batch.read_document
    monkeypatch.setattr(batch, "read_document", lambda s, *a, **k: reads.append(s.display) or real(s, *a, **k))
    ray_run = make_ray_runner(actors=2)
    read_at_result: list[int] = []

    def runner(windows, options, engine):
        for item in ray_run(windows, options, engine):
            read_at_result.append(len(reads))
            yield item

    out = tmp_path / "out"
    outcome = batch.process([str(inbox)], _options(marian, out), runner=runner)
    assert outcome.written == 30 and _outputs(out) == expected
    assert len(read_at_result) == 8 and read_at_result[0] <= 5 * 4 + 1 < 30


def test_killed_worker_is_retried_without_loss_or_duplicates(
    ray_runtime, inbox, local_out, marian, tmp_path, monkeypatch
):
    expected, _ = local_out
    out = tmp_path / "out"
    monkeypatch.setenv(KILL_ENV, "2")  # the first actor to finish 2 windows dies, once
    outcome = batch.process([str(inbox)], _options(marian, out), runner=make_ray_runner(actors=2))
    assert outcome.written == 30 and not outcome.failures and outcome.exit_code == EXIT_OK
    assert _outputs(out) == expected
    _assert_clean(out)


def test_killed_worker_without_retries_then_rerun_completes(
    ray_runtime, inbox, local_out, marian, tmp_path, monkeypatch
):
    expected, _ = local_out
    out = tmp_path / "out"
    monkeypatch.setenv(KILL_ENV, "1")
    runner = make_ray_runner(actors=2, task_retries=0)
    with pytest.raises(WorkerLostError, match="rerun the same command"):
        batch.process([str(inbox)], _options(marian, out), runner=runner)
    _assert_clean(out)
    first = _outputs(out)
    assert len(first) < 30
    for name, data in first.items():  # whatever was written is whole and right
        assert data == expected[name]

    monkeypatch.delenv(KILL_ENV)
    rerun = batch.process([str(inbox)], _options(marian, out), runner=make_ray_runner(actors=1))
    assert rerun.exit_code == EXIT_OK
    assert rerun.skipped == len(first) and rerun.written == 30 - len(first)
    assert _outputs(out) == expected
    _assert_clean(out)


def test_model_error_in_an_actor_reaches_the_driver_as_one_sentence(ray_runtime, inbox, tmp_path):
    missing = tmp_path / "no-such-model"
    missing.mkdir()
    options = _options(missing, tmp_path / "out")
    with pytest.raises(ModelError) as info:
        batch.process([str(inbox)], options, runner=make_ray_runner(actors=1))
    message = str(info.value)
    assert str(missing) in message and "Traceback" not in message and "\n" not in message


def test_quotes_task_needs_no_model(ray_runtime, inbox, tmp_path):
    options = RunOptions(task=Task.QUOTES, out=tmp_path / "out", format="json")
    local = batch.process([str(inbox)], RunOptions(task=Task.QUOTES, out=tmp_path / "local", format="json"))
    remote = batch.process([str(inbox)], options, runner=make_ray_runner(actors=2))
    assert remote.written == local.written == 30
    assert _outputs(tmp_path / "out") == _outputs(tmp_path / "local")


def test_the_installed_command_on_ray_writes_a_bucket_and_says_nothing_of_ray(s3, cli_env, marian, tmp_path):
    """`summarize translate s3://… --out s3://… --engine ray`, as a user types it: the same
    files as the local command, and stderr carries summarize's lines only (no Ray banners,
    no token-auth notices, no tracebacks)."""
    from conftest import run_cli

    fs = s3.fs()
    fs.mkdir("cli")
    texts = {f"in/{n}.txt": p.read_text("utf-8") for n, p in enumerate(sorted(QUOTES_EN.glob("*.txt"))[:6])}
    fs.pipe({f"cli/{k}": v.encode("utf-8") for k, v in texts.items()})
    env = {**cli_env, **s3.env}
    common = ["translate", "s3://cli/in/", "--to", "uk", "--model", str(marian)]
    local = run_cli([*common, "--out", "s3://cli/local/"], env)
    remote = run_cli([*common, "--out", "s3://cli/ray/", "--engine", "ray", "--ray-actors", "2"], env)
    assert (local.returncode, remote.returncode) == (EXIT_OK, EXIT_OK), remote.stderr
    fs = s3.fs()

    def objects(prefix: str) -> dict[str, bytes]:
        return {p[len(prefix):]: fs.cat_file(p) for p in fs.find(prefix) if "/.summarize/" not in p}

    assert objects("cli/ray/") == objects("cli/local/") and len(objects("cli/ray/")) == 6
    # Six articles are two windows that may finish in either order: the same lines, the
    # [n/6] counters aside.
    def lines(stderr: str) -> list[str]:
        return sorted(re.sub(r"\[\d+/\d+\] ", "", line) for line in stderr.splitlines())

    assert lines(remote.stderr) == lines(local.stderr)
    assert "ray" not in remote.stderr.lower() and "Traceback" not in remote.stderr


def test_default_pool_follows_the_free_cpus_and_gpus():
    from summarize.run.ray_runner import _default_pool

    assert _default_pool({"CPU": 64.0}, 0.0) == 64
    assert _default_pool({"CPU": 64.0}, 0.0, cpus_per_actor=8) == 8  # 8 replicas, 8 threads each
    assert _default_pool({"CPU": 64.0, "GPU": 4.0}, 1.0) == 4
    assert _default_pool({"CPU": 64.0, "GPU": 4.0}, 0.5) == 8  # two replicas share a GPU
    assert _default_pool({"CPU": 2.0, "GPU": 4.0}, 0.5) == 2  # each actor needs its CPU too
    assert _default_pool({"CPU": 1.0}, 0.0, cpus_per_actor=4) == 1
    assert _default_pool({"CPU": 64.0, "GPU": 1.0}, 0.1) == 10  # not 9: 1.0 // 0.1 == 9.0


def test_more_actors_than_fit_is_cut_to_what_fits_with_a_warning(ray_runtime, inbox, local_out, marian, tmp_path):
    """Three actors of 1 CPU asked for on a 2-CPU runtime: the third could never be placed,
    would keep its window and the run would never end. It is cut to 2, and said so."""
    expected, _ = local_out
    warnings: list[tuple[str, str]] = []
    runner = make_ray_runner(actors=3, warn=lambda s, m: warnings.append((s, m)))
    outcome = batch.process([str(inbox)], _options(marian, tmp_path / "out"), runner=runner)
    assert outcome.written == 30 and _outputs(tmp_path / "out") == expected
    assert warnings == [("--ray-actors", "3 asked for, but 2 fit on this machine's free CPUs/GPUs; running 2")]


def test_on_a_cluster_an_actor_that_cannot_be_placed_gets_no_work(ray_runtime, inbox, tmp_path):
    """On a cluster (an address given) the pool is not cut: actors wait for the autoscaler.
    Three asked for on 2 CPUs: the third never starts, and the run still ends, because
    windows go only to actors that have started."""
    import threading

    done: list[int] = []
    options = RunOptions(task=Task.QUOTES, out=tmp_path / "out", format="json")

    def run() -> None:
        done.append(batch.process([str(inbox)], options, runner=make_ray_runner("auto", actors=3)).written)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=180)
    assert not worker.is_alive(), "the run waited on an actor that can never start"
    assert done == [30]


def test_gpus_asked_for_on_a_machine_without_any_is_one_sentence(ray_runtime, inbox, tmp_path):
    from summarize.errors import UsageError

    options = RunOptions(task=Task.QUOTES, out=tmp_path / "out", format="json")
    with pytest.raises(UsageError, match=r"^--ray-gpus-per-actor 1 asks for GPUs, but Ray sees none free"):
        batch.process([str(inbox)], options, runner=make_ray_runner(gpus_per_actor=1))
    assert not (tmp_path / "out" / "desk0").exists()


def test_a_cluster_with_no_room_for_any_actor_is_said_while_waiting(ray_runtime, inbox, tmp_path, monkeypatch):
    """On a cluster the run waits for the autoscaler, but not in silence: after
    STARTUP_NOTICE_S it says which resources no node has free (here: a GPU)."""
    from summarize.run import ray_runner

    monkeypatch.setattr(ray_runner, "STARTUP_NOTICE_S", 0.5)
    said: list[tuple[str, str]] = []

    class Stop(Exception):
        pass

    def warn(source: str, message: str) -> None:
        said.append((source, message))
        raise Stop  # the user's Ctrl-C, once the notice is out

    options = RunOptions(task=Task.QUOTES, out=tmp_path / "out", format="json")
    with pytest.raises(WorkerLostError):
        batch.process([str(inbox)], options, runner=make_ray_runner("auto", gpus_per_actor=1, warn=warn))
    assert said == [("--engine ray", "no Ray actor has started after 0.5 s; the cluster has no free "
                     "resources for one (1 CPU, 1 GPU each); still waiting (Ctrl-C stops)")]


def test_an_actor_whose_engine_cannot_be_built_answers_with_the_sentence(monkeypatch):
    """A worker whose environment differs from the driver's (no CTranslate2 there, say)
    fails in the actor's constructor; the driver gets that sentence, not "actor died"."""
    import pickle

    from summarize.document import Document
    from summarize.errors import UsageError
    from summarize.run import pipeline
    from summarize.run.ray_runner import WindowActor

    def broken(options):
        raise UsageError("--backend ct2 needs CTranslate2: pip install 'summarize[ct2]' (or use --backend torch).")

    monkeypatch.setattr(pipeline, "make_engine", broken)
    actor = WindowActor(RunOptions(task=Task.TRANSLATION, to_lang="uk", model="m"))
    window = [Document(text="A sentence.", source="a.txt", relpath="a.txt")]
    index, payload = actor.run(7, pickle.dumps(window))
    assert index == 7
    assert pickle.loads(payload) == ("error", "UsageError", "--backend ct2 needs CTranslate2: pip install "
                                     "'summarize[ct2]' (or use --backend torch).")

    def no_torch(options):
        raise ImportError("libcudart.so.12: cannot open shared object file")

    monkeypatch.setattr(pipeline, "make_engine", no_torch)
    _, payload = WindowActor(RunOptions(task=Task.TRANSLATION, to_lang="uk", model="m")).run(1, pickle.dumps(window))
    assert pickle.loads(payload) == ("error", "SummarizeError", "A Ray worker could not set up the models: "
                                     "libcudart.so.12: cannot open shared object file")


def test_an_actor_reserves_the_cpus_it_is_given(ray_runtime, inbox, tmp_path):
    """--ray-cpus-per-actor 2: while the one actor works, the 2-CPU runtime has none free
    (Ray then sets OMP_NUM_THREADS=2 in it, so torch there runs two threads)."""
    ray_run = make_ray_runner(actors=1, cpus_per_actor=2)
    free: list[float] = []

    def runner(windows, options, engine):
        for item in ray_run(windows, options, engine):
            free.append(ray.available_resources().get("CPU", 0.0))
            yield item

    options = RunOptions(task=Task.QUOTES, out=tmp_path / "out", format="json")
    assert batch.process([str(inbox)], options, runner=runner).written == 30
    assert free and free[0] == 0.0


def test_without_ray_the_message_says_how_to_install(monkeypatch):
    import sys

    from summarize.errors import UsageError

    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails as if not installed
    with pytest.raises(UsageError, match=r"pip install 'summarize\[ray\]'"):
        make_ray_runner()


class _FakeRay:
    """Ray's calls as the runner makes them, in this process: an actor runs its calls in
    the order they reach it, one at a time, as a Ray actor does. ``pending`` is what each
    actor has been sent and not yet finished, i.e. its queue on the actor."""

    class exceptions:
        ActorDiedError = WorkerCrashedError = NodeDiedError = ActorUnavailableError = type(
            "Never", (Exception,), {})

    def __init__(self) -> None:
        self.pending: list[list[object]] = []
        self.results: dict[object, object] = {}
        self.calls: list[tuple[int, object, tuple]] = []
        self.actors: list[object] = []  # each actor object, as built on its "worker"

    def remote(self, **_resources):
        fake = self

        def wrap(cls):
            class Handle:
                def __init__(self) -> None:
                    self.n = len(fake.pending)
                    fake.pending.append([])
                    self.actor = cls()
                    fake.actors.append(self.actor)
                    self.ready = _Method(fake, self, "ready")
                    self.run = _Method(fake, self, "run")

            class Remote:
                @staticmethod
                def remote() -> Handle:
                    return Handle()

            return Remote

        return wrap

    def wait(self, refs, num_returns=1, timeout=None):
        refs = list(refs)
        done = [r for r in refs if r in self.results]
        for ref in [c[1] for c in self.calls if c[1] in refs and c[1] not in self.results]:
            if len(done) >= num_returns:
                break
            self._finish(ref)
            done.append(ref)
        return done[:num_returns], [r for r in refs if r not in done[:num_returns]]

    def _finish(self, ref) -> None:
        n, handle, name, args = next((c[0], c[2][0], c[2][1], c[2][2]) for c in self.calls if c[1] is ref)
        if name == "run":
            assert self.pending[n][0] is ref, "an actor runs its calls in the order they came"
            self.pending[n].pop(0)
        self.results[ref] = getattr(handle.actor, name)(*args)

    def get(self, ref):
        if ref not in self.results:
            self._finish(ref)
        return self.results[ref]

    def kill(self, actor, no_restart=True) -> None:
        pass


class _Method:
    def __init__(self, fake: _FakeRay, handle, name: str) -> None:
        self.fake, self.handle, self.name = fake, handle, name

    def remote(self, *args):
        ref = object()
        self.fake.calls.append((self.handle.n, ref, (self.handle, self.name, args)))
        if self.name == "run":
            self.fake.pending[self.handle.n].append(ref)
        return ref


def test_each_actor_has_its_next_window_queued_on_it_while_the_driver_writes():
    """When the driver gets a window's results (and goes off to write them), every actor
    already holds its next window: the one that just finished starts it at once, instead
    of idling until the driver asks for more."""
    from summarize.document import Document
    from summarize.run.ray_runner import PER_ACTOR, _run

    fake = _FakeRay()
    docs = [Document(text=f'Item {n}. "We will rebuild," said Ann Lee.', source=f"{n}.txt", relpath=f"{n}.txt")
            for n in range(16)]
    windows = iter([docs[i:i + 2] for i in range(0, 16, 2)])  # 8 windows for 2 actors
    queued_at_each_result: list[list[int]] = []
    got: list[list[Document]] = []
    for window, results in _run(fake, windows, RunOptions(task=Task.QUOTES), 2, (1, 0.0), 0):
        queued_at_each_result.append([len(p) for p in fake.pending])
        got.append(window)
        assert len(results) == len(window)
    assert sorted(d.source for w in got for d in w) == sorted(d.source for d in docs)
    assert queued_at_each_result[:4] == [[PER_ACTOR, PER_ACTOR]] * 4  # 8 windows: full queues to the 4th


def test_a_small_folder_gives_both_actors_work_and_the_local_engine_s_bytes(marian, tmp_path, monkeypatch):
    """Sixteen articles (far fewer than 32 a window) with two actors: both actors run a window,
    and the files are byte for byte those of the local engine, which runs the same windows."""
    from summarize.run.ray_runner import _run

    monkeypatch.setattr(batch, "WINDOW_DOCS", 32)  # production windows, not the module's 4
    inbox = tmp_path / "inbox"
    for n, path in enumerate(sorted(QUOTES_EN.glob("*.txt"))[:16]):
        (inbox / f"{n}.txt").parent.mkdir(parents=True, exist_ok=True)
        (inbox / f"{n}.txt").write_text(" ".join(_paragraphs(path.read_text("utf-8"))[:2]), "utf-8")
    local = batch.process([str(inbox)], _options(marian, tmp_path / "local"))

    fake = _FakeRay()  # two in-process actors, each the real actor class with its own engine

    def two_actors(windows, options, engine):
        yield from _run(fake, iter(windows), options, 2, (1, 0.0), 0)

    remote = batch.process([str(inbox)], _options(marian, tmp_path / "ray"), runner=two_actors)
    assert [actor.windows for actor in fake.actors] == [1, 1]
    assert local.written == remote.written == 16 and not remote.failures
    assert _outputs(tmp_path / "ray") == _outputs(tmp_path / "local")
