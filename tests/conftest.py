"""Session fixtures: tiny models of the real architectures, built once, and a way
to run the installed `summarize` command with no network."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

# Before anything imports huggingface_hub (it reads these once): in-process code
# must never touch the developer's real cache or reach the network.
os.environ["HF_HOME"] = tempfile.mkdtemp(prefix="summarize-test-hf-")
# Converted CTranslate2 models and cached results go to a throwaway folder too.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="summarize-test-cache-")
# A dead local endpoint: a stray hub request fails at once instead of leaving the machine.
os.environ["HF_ENDPOINT"] = "http://127.0.0.1:9"
# The fake-hub tests decide offline-ness per test; a developer's global setting must not.
os.environ.pop("HF_HUB_OFFLINE", None)

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import tiny_models

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "bakhmut-en.txt"


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def marian(models_dir: Path) -> Path:
    return tiny_models.build_marian(models_dir / "marian-en-uk")


@pytest.fixture(scope="session")
def bart(models_dir: Path) -> Path:
    return tiny_models.build_bart(models_dir / "bart")


@pytest.fixture(scope="session")
def t5(models_dir: Path) -> Path:
    return tiny_models.build_t5(models_dir / "t5")


@pytest.fixture(scope="session")
def hf_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hf_home")


@pytest.fixture()
def cli_env(hf_home: Path) -> dict[str, str]:
    """The environment of a user with an empty model cache and no network."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "SUMMARIZE_"))}
    env.update(HF_HOME=str(hf_home), HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1",
               XDG_CACHE_HOME=str(hf_home / "xdg-cache"))
    return env


def summarize_exe() -> list[str]:
    exe = shutil.which("summarize")
    if exe is None:
        pytest.fail("the `summarize` command is not installed: run `pip install -e .[test]` first")
    return [exe]


def run_cli(
    args: Sequence[str],
    env: dict[str, str],
    stdin: str | bytes | None = None,
    cwd: Path | None = None,
    timeout: float = 240,
) -> subprocess.CompletedProcess[str]:
    """Run the installed command as a user would; stdin is closed when not given."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [*summarize_exe(), *args],
        input=data if data is not None else b"",
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture(scope="session")
def s3():
    """A local S3 (moto's server) that s3fs and the installed command talk to over HTTP."""
    from s3_server import serve_s3  # s3fs and moto are in the test extra: no skip

    with serve_s3() as server:
        yield server


@pytest.fixture()
def memory():
    """A clean fsspec ``memory://`` store for each test: a bucket without a server."""
    import fsspec

    fs = fsspec.filesystem("memory")
    fs.store.clear()
    fs.pseudo_dirs.clear()
    fs.pseudo_dirs.append("")
    yield fs
    fs.store.clear()
