"""Inputs and --out on object storage (fsspec URLs).

In-process tests use fsspec's ``memory://`` store; end-to-end tests run the installed
command against a local S3 (moto's server) through the real s3fs client, as a
newsroom's archive job would run against a bucket.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import fsspec
import pytest
from conftest import SAMPLE, run_cli

from summarize.errors import (
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    InputError,
    ModelError,
    NoInputError,
    SummarizeError,
    UsageError,
)
from summarize.io import storage
from summarize.io.read import expand_inputs, read_document
from summarize.options import RunOptions, Task
from summarize.run import batch

ARTICLE = SAMPLE.read_text("utf-8")
QUOTED = 'Kirby said: "We are watching this very closely," adding that talks would go on.\n'


def _fill(fs, files: dict[str, str]) -> None:
    for path, text in files.items():
        fs.pipe_file(path, text.encode("utf-8"))


def _quotes(out: str | Path, **kw) -> RunOptions:
    return RunOptions(task=Task.QUOTES, format="json", out=out, **kw)


# ---- where a value points -------------------------------------------------------


def test_file_urls_are_local_paths_and_other_urls_stay_urls():
    assert storage.location("file:///tmp/a%20b/x.txt") == Path("/tmp/a b/x.txt")
    assert storage.location("s3://bucket/archive/") == "s3://bucket/archive/"
    assert storage.location("out/folder") == Path("out/folder")
    assert storage.location("C:\\news") == Path("C:\\news")  # a drive is not a scheme
    assert not storage.is_url("file:///tmp") and storage.is_url("gs://b/x")


def test_unknown_protocol_and_missing_package_are_one_sentence_each():
    with pytest.raises(UsageError, match=r"Unknown storage protocol nosuch://"):
        storage.filesystem("nosuch://bucket/x")
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(sys.modules, "gcsfs", None)  # not installed, wherever this runs
        with pytest.raises(UsageError, match=r"^gs:// paths need gcsfs: pip install gcsfs\.$"):
            storage.filesystem("gs://bucket/x")


# ---- listing and reading --------------------------------------------------------


def test_a_folder_url_lists_its_articles_in_path_order_skipping_hidden_and_other_kinds(memory):
    _fill(memory, {
        "/in/b/2.md": "two", "/in/a.txt": "one", "/in/c.html": "<p>x</p>",
        "/in/.hidden/x.txt": "no", "/in/.dot.txt": "no", "/in/photo.jpg": "no",
    })
    sources, failures = expand_inputs(["memory://in/"], stdin_is_tty=True)
    assert failures == []
    assert [s.relpath for s in sources] == ["a.txt", "b/2.md", "c.html"]
    assert [s.display for s in sources] == ["memory:///in/a.txt", "memory:///in/b/2.md", "memory:///in/c.html"]
    assert [s.size for s in sources] == [3, 3, 8]


def test_a_glob_url_mirrors_below_its_fixed_part_and_a_missing_url_fails_alone(memory):
    _fill(memory, {"/in/x/1.txt": "a", "/in/y/2.txt": "b", "/in/y/3.md": "c", "/in/y/.4.txt": "d",
                   "/in/.git/5.txt": "e"})
    sources, failures = expand_inputs(
        ["memory://in/*/*.txt", "memory://in/nothing/", "memory://in/*.zzz"], stdin_is_tty=True
    )
    assert [s.relpath for s in sources] == ["x/1.txt", "y/2.txt"]
    assert [(f.source, f.reason) for f in failures] == [
        ("memory://in/nothing/", "no such file or folder"),
        ("memory://in/*.zzz", "the pattern matched no files"),
    ]


def test_same_names_under_two_urls_get_outputs_of_their_own(memory):
    _fill(memory, {"/jan/a.txt": "a", "/feb/a.txt": "b"})
    sources, _ = expand_inputs(["memory://jan/", "memory://feb/"], stdin_is_tty=True)
    assert sorted(s.relpath for s in sources) == ["feb/a.txt", "jan/a.txt"]


def test_an_object_over_the_limit_is_refused_before_it_is_downloaded(memory, monkeypatch):
    _fill(memory, {"/in/big.txt": "x" * 1_600_000, "/in/ok.txt": QUOTED})
    sources, _ = expand_inputs(["memory://in/"], stdin_is_tty=True)
    fetched: list[str] = []
    real = type(memory).cat_file
    monkeypatch.setattr(type(memory), "cat_file", lambda self, p, *a, **k: fetched.append(p) or real(self, p, *a, **k))
    with pytest.raises(InputError, match=r"is 1.5 MB, over the 1 MB limit"):
        read_document(sources[0], max_bytes=1024 * 1024)
    assert fetched == []
    doc = read_document(sources[1], max_bytes=1024 * 1024)
    assert doc.text == QUOTED and doc.source == "memory:///in/ok.txt"


def test_html_and_markdown_objects_are_decoded_like_files(memory):
    page = ("<!DOCTYPE html><html><head><title>T</title></head><body><article><p>"
            + "Body text of the article goes here. " * 5 + "</p></article></body></html>")
    _fill(memory, {"/news/123": page})  # a page named without an ending is still a page
    (source,), _ = expand_inputs(["memory://news/123"], stdin_is_tty=True)
    assert read_document(source).text.startswith("Body text")
    _fill(memory, {
        "/in/page.html": "<html><head><title>T</title></head><body><article><p>"
        + "Body text of the article goes here. " * 5 + "</p></article></body></html>",
        "/in/note.md": "---\ntitle: From front matter\ndate: 2026-11-02\n---\nText.\n",
    })
    sources, _ = expand_inputs(["memory://in/"], stdin_is_tty=True)
    md, html = (read_document(s) for s in sources)
    assert (md.title, md.date, md.text) == ("From front matter", "2026-11-02", "Text.\n")
    assert "<" not in html.text and html.text.startswith("Body text")


# ---- runs from and to a bucket ----------------------------------------------------


def test_a_run_into_a_url_writes_what_a_local_run_writes_and_a_rerun_skips_it(memory, tmp_path):
    files = {"/in/desk/a.txt": QUOTED, "/in/b.md": ARTICLE, "/in/b.txt": QUOTED}
    _fill(memory, files)
    for path, text in files.items():
        (tmp_path / "in" / path[4:]).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / path[4:]).write_text(text, "utf-8")

    remote = batch.process(["memory://in/"], _quotes("memory://out/"))
    local = batch.process([str(tmp_path / "in")], _quotes(tmp_path / "out"))
    assert (remote.written, remote.exit_code) == (local.written, local.exit_code) == (3, EXIT_OK)
    local_files = {p.relative_to(tmp_path / "out").as_posix(): p.read_bytes()
                   for p in (tmp_path / "out").rglob("*.json") if ".summarize" not in p.parts}
    remote_files = {p[len("/out/"):]: memory.cat_file(p) for p in memory.find("/out")
                    if "/.summarize/" not in p}
    assert set(remote_files) == {"desk/a.json", "b.json", "b.txt.json"}

    def without_source(data: bytes) -> dict:
        return {k: v for k, v in json.loads(data).items() if k != "source"}

    assert {k: without_source(v) for k, v in remote_files.items()} == {
        k: without_source(v) for k, v in local_files.items()
    }
    assert json.loads(remote_files["desk/a.json"])["source"] == "memory:///in/desk/a.txt"

    again = batch.process(["memory://in/"], _quotes("memory://out/"))
    assert (again.written, again.skipped) == (0, 3)
    memory.pipe_file("/in/b.txt", b'She said: "Changed now," and left.\n')
    memory.rm("/out/desk/a.json")  # an output deleted by hand is made again
    third = batch.process(["memory://in/"], _quotes("memory://out/"))
    assert (third.written, third.skipped) == (2, 1)
    assert b"Changed now" in memory.cat_file("/out/b.txt.json")


def test_an_out_prefix_inside_the_input_prefix_is_not_read_back(memory):
    _fill(memory, {"/wire/a.txt": QUOTED})
    for _ in range(2):
        batch.process(["memory://wire/"], _quotes("memory://wire/out/"))
    assert sorted(p for p in memory.find("/wire") if "/.summarize/" not in p) == [
        "/wire/a.txt", "/wire/out/a.json"
    ]


def test_a_write_that_fails_mid_run_is_one_sentence_and_a_rerun_completes(memory, monkeypatch):
    """Writes to a bucket go 16 at a time; one refused put stops the run with the local
    sentence, every output already published keeps its stamp, and no stamp stands for an
    output that is not there."""
    _fill(memory, {f"/in/{n:02d}.txt": QUOTED.replace("Kirby", f"Kirby{n}") for n in range(40)})
    real = type(memory).pipe_file

    def flaky(self, path, *a, **k):
        if path.endswith("/out/20.json"):
            raise PermissionError("Access Denied")
        return real(self, path, *a, **k)

    monkeypatch.setattr(type(memory), "pipe_file", flaky)
    with pytest.raises(SummarizeError, match=r"^Cannot write memory:///out/20.json \(access denied; "
                       r"check the credentials and the bucket's permissions\); outputs written so far are kept\.$"):
        batch.process(["memory://in/"], _quotes("memory://out/"))
    outputs = [p for p in memory.find("/out") if "/.summarize/" not in p]
    stamps = [p for p in memory.find("/out/.summarize") if p.endswith(".stamp")]
    # stamp after output, in one task: every published output has its stamp, none more
    assert "/out/20.json" not in outputs and len(stamps) == len(outputs) < 40

    monkeypatch.setattr(type(memory), "pipe_file", real)
    rerun = batch.process(["memory://in/"], _quotes("memory://out/"))
    assert rerun.skipped == len(stamps) and rerun.written == 40 - len(stamps)
    assert len([p for p in memory.find("/out") if "/.summarize/" not in p]) == 40


def test_outputs_made_before_a_model_error_are_all_written(memory, monkeypatch):
    """A run that stops on an error in its second window still publishes every output of
    the first, queued writes included."""
    _fill(memory, {f"/in/{n:02d}.txt": QUOTED for n in range(40)})
    real = type(memory).pipe_file
    # A bucket's round trip: the writes are still queued when the error comes.
    monkeypatch.setattr(type(memory), "pipe_file", lambda self, *a, **k: time.sleep(0.02) or real(self, *a, **k))

    def runner(windows, options, engine):
        for n, window in enumerate(windows):
            if n == 1:
                raise ModelError("the model broke")
            yield from batch.run_locally([window], options, engine)

    with pytest.raises(ModelError):
        batch.process(["memory://in/"], _quotes("memory://out/"), runner=runner)
    assert len([p for p in memory.find("/out") if "/.summarize/" not in p]) == batch.window_docs(40)
    assert len([p for p in memory.find("/out/.summarize") if p.endswith(".stamp")]) == batch.window_docs(40)


def test_a_failed_object_is_listed_and_the_others_are_written(memory):
    _fill(memory, {"/in/a.txt": QUOTED, "/in/empty.txt": "  \n", "/in/bin.txt": "\x00\x01"})
    outcome = batch.process(["memory://in/"], _quotes("memory://out/"))
    assert outcome.exit_code == EXIT_PARTIAL
    assert sorted((f.source, f.reason) for f in outcome.failures) == [
        ("memory:///in/bin.txt", "looks like a binary file, not text"),
        ("memory:///in/empty.txt", "is empty"),
    ]
    assert memory.isfile("/out/a.json") and not memory.exists("/out/empty.json")


def test_one_object_to_one_object_and_nothing_usable_is_exit_2(memory):
    _fill(memory, {"/in/a.txt": QUOTED})
    out = batch.process(["memory://in/a.txt"], _quotes("memory://res/a.json"))
    assert out.written == 1 and json.loads(memory.cat_file("/res/a.json"))["quotes"]
    with pytest.raises(NoInputError, match=r"memory://in/none/: no such file or folder"):
        batch.process(["memory://in/none/"], _quotes("memory://out/"))


def test_a_piped_article_goes_to_one_object(memory):
    import io

    out = batch.process(["-"], _quotes("memory://res/piped.json"), stdin=io.BytesIO(QUOTED.encode()))
    assert out.written == 1
    assert json.loads(memory.cat_file("/res/piped.json"))["source"] == "-"


def test_out_url_that_is_an_object_is_refused(memory):
    _fill(memory, {"/in/a.txt": QUOTED, "/in/b.txt": QUOTED, "/taken": "x"})
    with pytest.raises(UsageError, match=r"--out memory://taken is a file"):
        batch.process(["memory://in/"], _quotes("memory://taken"))


def test_a_move_based_store_leaves_no_temporary_object(tmp_path, monkeypatch):
    """Stores without atomic puts (SFTP, SMB…) get a temporary name and a move; a failed
    move removes the temporary object. Shown on fsspec's local file system."""
    fs = fsspec.filesystem("file")
    target = f"{tmp_path}/sub/out.txt"
    storage.put(fs, target, b"whole")
    assert Path(target).read_bytes() == b"whole"
    monkeypatch.setattr(type(fs), "mv", lambda self, *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        storage.put(fs, f"{tmp_path}/sub/two.txt", b"half")
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["out.txt"]


# ---- the installed command against S3 -----------------------------------------------


def _bucket(s3, name: str, files: dict[str, str]) -> None:
    fs = s3.fs()
    fs.mkdir(name)
    fs.pipe({f"{name}/{k}": v.encode("utf-8") for k, v in files.items()})


def _objects(s3, prefix: str) -> dict[str, bytes]:
    fs = s3.fs()
    return {p[len(prefix) + 1:]: fs.cat_file(p) for p in fs.find(prefix) if "/.summarize/" not in p}


@pytest.fixture()
def s3_env(s3, cli_env):
    return {**cli_env, **s3.env}


def test_translate_from_a_bucket_into_a_bucket_matches_a_local_run(s3, s3_env, marian, tmp_path):
    files = {f"in/desk{n % 2}/{n}.txt": text for n, text in enumerate([QUOTED, ARTICLE[:1500], QUOTED])}
    _bucket(s3, "news", files)
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    common = ["--to", "uk", "--model", str(marian)]

    remote = run_cli(["translate", "s3://news/in/", *common, "--out", "s3://news/out/"], s3_env)
    local = run_cli(["translate", str(tmp_path / "in"), *common, "--out", str(tmp_path / "out")], s3_env)
    assert (remote.returncode, local.returncode) == (EXIT_OK, EXIT_OK), remote.stderr
    assert "Traceback" not in remote.stderr
    written = _objects(s3, "news/out")
    assert written == {p.relative_to(tmp_path / "out").as_posix(): p.read_bytes()
                       for p in (tmp_path / "out").rglob("*.txt") if ".summarize" not in p.parts}
    assert set(written) == {"desk0/0.txt", "desk1/1.txt", "desk0/2.txt"}
    assert b"We are watching this very closely" in written["desk0/0.txt"]

    rerun = run_cli(["translate", "s3://news/in/", *common, "--out", "s3://news/out/"], s3_env)
    assert rerun.returncode == EXIT_OK and rerun.stderr.count("unchanged, skipped") == 3


def test_digest_of_a_bucket_into_an_object_links_the_articles_by_url(s3, s3_env, bart):
    _bucket(s3, "wire", {"today/a.txt": QUOTED * 3, "today/b.md": ARTICLE[:2000]})
    proc = run_cli(["digest", "s3://wire/today/", "--model", str(bart), "--key-quotes", "1",
                    "--out", "s3://wire/digest.md", "--no-cache"], s3_env)
    assert proc.returncode == EXIT_OK, proc.stderr
    text = s3.fs().cat_file("wire/digest.md").decode("utf-8")
    assert "Articles: 2 summarized, 0 failed." in text
    assert "(s3://wire/today/a.txt)" in text and "(s3://wire/today/b.md)" in text
    assert "We are watching this very closely" in text


def test_a_missing_bucket_is_one_sentence_for_input_and_for_out(s3, s3_env):
    _bucket(s3, "present", {"a.txt": QUOTED})
    missing_in = run_cli(["quotes", "s3://absent-bucket/in/"], s3_env)
    assert missing_in.returncode == EXIT_USAGE
    assert missing_in.stderr.strip().splitlines() == [
        "summarize: error: s3://absent-bucket/in/: no such file or folder."
    ]
    missing_out = run_cli(["quotes", "s3://present/", "--out", "s3://absent-bucket/out/"], s3_env)
    assert missing_out.returncode == EXIT_USAGE
    assert "Cannot write to the output folder s3://absent-bucket/out/" in missing_out.stderr
    assert "Traceback" not in missing_out.stderr


def test_quotes_of_one_object_go_to_stdout(s3, s3_env):
    _bucket(s3, "one", {"story.txt": QUOTED})
    proc = run_cli(["quotes", "s3://one/story.txt", "--format", "json"], s3_env)
    assert proc.returncode == EXIT_OK, proc.stderr
    record = json.loads(proc.stdout)
    assert record["source"] == "s3://one/story.txt"
    assert [q["text"] for q in record["quotes"]] == ["We are watching this very closely,"]


def test_ctrl_c_mid_bucket_run_keeps_whole_objects_and_a_rerun_completes(s3, s3_env, tmp_path):
    """SIGINT once the first outputs are in the bucket: exit 130, every object there is
    whole (equal to a clean run's), and the rerun finishes the rest and skips the kept."""
    import signal
    import subprocess
    import time as clock

    from conftest import summarize_exe

    files = {f"in/{n:03d}.txt": QUOTED.replace("Kirby", f"Kirby{n}") for n in range(120)}
    _bucket(s3, "sigint", files)
    clean = run_cli(["quotes", "s3://sigint/in/", "--format", "json", "--out", "s3://sigint/clean/"], s3_env)
    assert clean.returncode == EXIT_OK, clean.stderr
    expected = _objects(s3, "sigint/clean")
    args = [*summarize_exe(), "quotes", "s3://sigint/in/", "--format", "json", "--out", "s3://sigint/out/"]
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=s3_env)
    try:
        deadline = clock.monotonic() + 120
        while not [p for p in s3.fs().find("sigint/out") if p.endswith(".stamp")]:
            assert proc.poll() is None and clock.monotonic() < deadline
            clock.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "interrupted; finished outputs are kept" in err.decode() and b"Traceback" not in err
    kept = _objects(s3, "sigint/out")
    assert 0 < len(kept) < 120
    assert all(expected[name] == data for name, data in kept.items())

    rerun = run_cli(["quotes", "s3://sigint/in/", "--format", "json", "--out", "s3://sigint/out/"], s3_env)
    assert rerun.returncode == EXIT_OK, rerun.stderr
    assert len(kept) - 16 <= rerun.stderr.count("unchanged, skipped") <= len(kept)
    assert _objects(s3, "sigint/out") == expected


@pytest.fixture()
def web(tmp_path):
    """A local web server (the stdlib's), serving a folder as a news site would."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    site = tmp_path / "site"
    site.mkdir()
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_web_page_url_is_read_as_a_page_and_out_cannot_be_a_web_server(web, cli_env, tmp_path):
    site, base = web
    (site / "news").mkdir()
    (site / "news" / "123").write_text(
        "<!DOCTYPE html><html><head><title>Talks</title></head><body><nav>Home | World</nav>"
        "<article><h1>Talks go on</h1><p>" + QUOTED.strip() + " Officials met in Brussels on Monday "
        "and again in Kyiv on Tuesday.</p></article></body></html>", "utf-8")
    proc = run_cli(["quotes", f"{base}/news/123", "--format", "json"], cli_env)
    assert proc.returncode == EXIT_OK, proc.stderr
    record = json.loads(proc.stdout)
    assert record["source"] == f"{base}/news/123" and record["title"] == "Talks go on"
    assert [q["text"] for q in record["quotes"]] == ["We are watching this very closely,"]
    assert "Home | World" not in json.dumps(record)

    missing = run_cli(["quotes", f"{base}/news/999"], cli_env)
    assert (missing.returncode, missing.stderr.strip()) == (
        EXIT_USAGE, f"summarize: error: {base}/news/999: no such file or folder."
    )
    (tmp_path / "a.txt").write_text(QUOTED, "utf-8")
    (tmp_path / "b.txt").write_text(QUOTED, "utf-8")
    refused = run_cli(["quotes", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--out", f"{base}/out/"], cli_env)
    assert refused.returncode == EXIT_USAGE
    assert refused.stderr.strip() == (
        f"summarize: error: --out {base}/out/: web addresses can be read, not written; give a "
        "local folder or a bucket (s3://, gs://, az://)."
    )
    assert not (site / "out").exists()
