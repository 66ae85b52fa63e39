"""What object storage costs the driver: one folder of articles, local disk vs a local S3.

    python benchmarks/storage_io.py             # 500 articles, the quotes task (no model)
    python benchmarks/storage_io.py --listing 100000   # what listing an archive holds in memory

The quotes task does no model work, so what is left is the driver's own I/O: listing,
reading, the resume check and the writes. The S3 is moto's server on 127.0.0.1, in a
process of its own, reached through s3fs, with ``--latency-ms`` (20) added to every
request as a bucket's round trip; moto's own work adds a few milliseconds of Python per
request and caps it near 150 requests a second, which a real bucket does not. S3 runs
once one request at a time and once with the default 16 at a time. Each setting runs
twice: a first run that writes everything, and a rerun that finds everything done.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


# moto's S3 behind a delay: a real bucket answers in 10-50 ms, and moto alone in about 5 ms
# of Python. The delay sleeps (threaded server), so concurrent requests overlap as on S3.
_SERVER = """
import sys, time
from moto.server import DomainDispatcherApplication, create_backend_app, run_simple
app = DomainDispatcherApplication(create_backend_app)
delay = float(sys.argv[2]) / 1000
def slow(environ, start_response):
    time.sleep(delay)
    return app(environ, start_response)
run_simple("127.0.0.1", int(sys.argv[1]), slow, threaded=True)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def listing(n: int) -> int:
    """The driver holds the listing (every source and its output name) for the whole run,
    though never the texts: how much per article, and how long listing takes."""
    import tracemalloc

    import fsspec

    from summarize.io.read import expand_inputs
    from summarize.io.write import mirror

    fs = fsspec.filesystem("memory")
    for i in range(n):
        fs.pipe_file(f"/archive/{i % 100:03d}/{i:07d}.txt", b"x")
    t0 = time.perf_counter()
    sources, _ = expand_inputs(["memory://archive/"], stdin_is_tty=True)
    names = mirror([s.relpath for s in sources], ".txt")
    seconds = time.perf_counter() - t0
    tracemalloc.start()
    sources, _ = expand_inputs(["memory://archive/"], stdin_is_tty=True)
    names = mirror([s.relpath for s in sources], ".txt")
    held, peak = tracemalloc.get_traced_memory()
    assert len(names) == n
    print(f"{n} objects listed and named in {seconds:.2f} s ({1e6 * seconds / n:.0f} µs each); "
          f"held {held / n:.0f} B per article, peak {peak / n:.0f} B")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--latency-ms", type=float, default=20.0,
                        help="added to every S3 request, as a bucket's round trip (0: moto alone)")
    parser.add_argument("--listing", type=int, default=0,
                        help="instead: list N objects (memory://) and report time and memory per article")
    args = parser.parse_args(argv)
    if args.listing:
        return listing(args.listing)
    from s3_server import S3, serve_s3

    from summarize.io import storage

    @contextlib.contextmanager
    def separate_process() -> Iterator[S3]:
        """moto in a process of its own: in this one it would share the interpreter lock
        with the driver, and its own request handling would be what is measured."""
        port = _free_port()
        proc = subprocess.Popen([sys.executable, "-c", _SERVER, str(port), str(args.latency_ms)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            with serve_s3() as template:  # the environment the helper builds, on our port
                env = dict(template.env, AWS_ENDPOINT_URL_S3=f"http://127.0.0.1:{port}")
            yield S3(f"http://127.0.0.1:{port}", env)
        finally:
            proc.terminate()
            proc.wait()

    from summarize.options import RunOptions, Task
    from summarize.run import batch

    text = (HERE.parent / "samples" / "bakhmut-en.txt").read_text("utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    work = Path(tempfile.mkdtemp(prefix="summarize-io-"))
    files = {f"desk{n % 5}/{n:05d}.txt": "\n\n".join(paragraphs[n % len(paragraphs):][:3])
             for n in range(args.articles)}
    for rel, body in files.items():
        (work / "in" / rel).parent.mkdir(parents=True, exist_ok=True)
        (work / "in" / rel).write_text(body, "utf-8")

    rows = []
    with separate_process() as s3:
        fs = s3.fs()
        fs.mkdir("iobench")
        fs.pipe({f"iobench/in/{rel}": body.encode() for rel, body in files.items()})
        with s3.use():
            for name, src, out, threads in (
                ("local disk", str(work / "in"), work / "out", 16),
                ("S3, one request at a time", "s3://iobench/in/", "s3://iobench/serial/", 1),
                ("S3, 16 at a time (default)", "s3://iobench/in/", "s3://iobench/out/", 16),
            ):
                storage.READ_THREADS = storage.WRITE_THREADS = threads
                timings = []
                for _ in range(2):
                    t0 = time.perf_counter()
                    outcome = batch.process([src], RunOptions(task=Task.QUOTES, out=out, format="json"))
                    timings.append(time.perf_counter() - t0)
                    assert not outcome.failures
                rows.append((name, *timings))
    shutil.rmtree(work)
    print(f"{args.articles} articles, quotes task (no model), one run each; S3 = moto in its own "
          f"process on 127.0.0.1, {args.latency_ms:g} ms added to each request\n")
    print("| storage | first run s | ms / article | rerun (all done) s | ms / article |")
    print("|---|---|---|---|---|")
    for name, first, rerun in rows:
        print(f"| {name} | {first:.2f} | {1000 * first / args.articles:.1f} | {rerun:.2f} "
              f"| {1000 * rerun / args.articles:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
