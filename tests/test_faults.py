"""Faults an unattended newsroom pipeline meets, end to end through the installed command.

Each test is one row of the fault matrix: an odd input, a bad option, an interrupted
or concurrent run, an escape attempt. It asserts what a user sees: the exit code
(0 done, 1 some inputs failed, 2 usage error or no usable input), one sentence on
stderr and never a traceback (unless --debug), and the files on disk: nothing
half-written, nothing lost, nothing outside --out.

Rows that need a change outside read.py/write.py are strict xfails whose reason
starts with NEEDS and names the file and the change.

`summarize quotes` (no model) carries the input rows; the tiny Marian model carries
the rows that need one. The suite runs as root on CI, and root reads everything, so
the permission rows run the command without the capabilities that let root ignore
file modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): the file modes then apply to it
as to any user.
"""

from __future__ import annotations

import ctypes
import importlib.util
import io
import itertools
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_cli, summarize_exe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.errors import InputError
from summarize.io.read import MAX_INPUT_BYTES, Source, expand_inputs, read_document
from summarize.quotes.detect import find_quotes
from summarize.stages.segment import chunks, document_sentences, paragraphs

QUOTE = '"We will open the bridge in May," said Ann Lee.'


# --------------------------------------------------------------------------- helpers


def no_traceback(text: str) -> None:
    assert "Traceback" not in text, text


def one_error(result: subprocess.CompletedProcess[str], code: int, *words: str) -> str:
    """The run failed with ``code`` and said why in one line naming ``words``."""
    no_traceback(result.stderr)
    assert result.returncode == code, (result.returncode, result.stderr)
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("summarize: error: "), line
    for word in words:
        assert word.lower() in line.lower(), (word, line)
    return line


def visible_files(root: Path) -> dict[str, bytes]:
    """Output files by relative path, the stamp folder and hidden files left out."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    }


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.tmp")]


_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _without_dac() -> None:
    """preexec_fn: drop the capabilities that let root ignore file modes, for good."""
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if _LIBC.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:  # type: ignore[union-attr]
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _modes_apply() -> bool:
    if os.name != "posix":
        return False
    if os.geteuid() != 0:
        return True
    if _LIBC is None:
        return False
    probe = subprocess.run(
        [sys.executable, "-c", "import os; print(os.access('/root', os.W_OK))"],
        preexec_fn=_without_dac, capture_output=True, text=True,
    )
    return probe.returncode == 0


needs_modes = pytest.mark.skipif(
    not _modes_apply(), reason="file modes cannot be made to apply to this user"
)


def run_as_user(args: list[str], env: dict[str, str], cwd: Path | None = None,
                stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """Like run_cli, but file modes apply even when the tests run as root."""
    preexec = _without_dac if os.name == "posix" and os.geteuid() == 0 else None
    proc = subprocess.run(
        [*summarize_exe(), *args], input=stdin, capture_output=True, env=env, cwd=cwd,
        timeout=120, preexec_fn=preexec,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def quotes_json(result: subprocess.CompletedProcess[str]) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_offsets(text: str, record: dict) -> None:
    for q in record["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"], q


# =========================================================================== inputs


def test_empty_file(cli_env, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    one_error(run_cli(["quotes", str(tmp_path / "empty.txt")], cli_env), 2, "empty.txt", "empty")


def test_whitespace_only_file(cli_env, tmp_path):
    (tmp_path / "blank.txt").write_bytes(b" \n\t\r\n  \n")
    line = one_error(run_cli(["quotes", str(tmp_path / "blank.txt")], cli_env), 2, "blank.txt")
    assert line.endswith("blank.txt: is empty.")


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
# A PDF whose first 8 KB hold no NUL byte: the NUL sniff alone would call it "not UTF-8".
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"stream\n\xc3\x28\xa0\xa1" * 50
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01"


@pytest.mark.parametrize(
    ("name", "data", "word"),
    [("photo.png", PNG, "PNG image"), ("report.pdf", PDF, "PDF"), ("photo.txt", JPEG, "JPEG image")],
)
def test_binary_file(cli_env, tmp_path, name, data, word):
    path = tmp_path / name
    path.write_bytes(data)
    one_error(run_cli(["quotes", str(path)], cli_env), 2, name, "binary", word)


def test_invalid_utf8_names_the_byte_and_the_fix(cli_env, tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes('"Caf\u00e9 prices rose," said Ann Lee.'.encode("cp1252"))
    one_error(run_cli(["quotes", str(path)], cli_env), 2, "cp1252.txt", "not UTF-8", "iconv")


def test_utf16_with_bom_is_read_and_offsets_match_the_decoded_text(cli_env, tmp_path):
    text = "Talks resumed.\r\n\r\n" + QUOTE + "\r\n"
    path = tmp_path / "utf16.txt"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    record = quotes_json(run_cli(["quotes", str(path), "--format", "json"], cli_env))
    decoded = text.replace("\r\n", "\n")
    assert [q["speaker"] for q in record["quotes"]] == ["Ann Lee"]
    assert_offsets(decoded, record)


def test_truncated_utf16_is_refused(cli_env, tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes(b"\xff\xfe" + QUOTE.encode("utf-16-le")[:-1])  # odd length: half a character
    one_error(run_cli(["quotes", str(path)], cli_env), 2, "cut.txt", "UTF-16")


def test_windows_line_endings_keep_offsets_exact(cli_env, tmp_path):
    text = "Council meets.\r\n\r\n" + QUOTE + "\r\nThe vote is on Friday.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode())
    record = quotes_json(run_cli(["quotes", str(path), "--format", "json"], cli_env))
    assert record["quotes"] and record["quotes"][0]["speaker"] == "Ann Lee"
    assert_offsets(text.replace("\r\n", "\n"), record)
    assert all("\r" not in q["text"] for q in record["quotes"])


def _peak_rss_kb(args: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run the command under a small Python parent that reports its child's peak RSS.

    getrusage(RUSAGE_CHILDREN) in the test process would report the largest child
    of the whole session (a model run), so each measurement gets its own parent.
    """
    probe = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "sys.stdout.buffer.write(r.stdout)\n"
        "sys.stderr.buffer.write(r.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(r.returncode)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, *summarize_exe(), *args], capture_output=True, env=env,
        timeout=60, stdin=subprocess.DEVNULL,
    )
    *lines, peak = proc.stderr.decode("utf-8", "replace").rstrip("\n").split("\n")
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode("utf-8", "replace"), "\n".join(lines)), int(peak)


def test_50_mb_file_is_refused_with_bounded_memory(cli_env, tmp_path):
    small = tmp_path / "small.txt"
    small.write_text(QUOTE, "utf-8")
    big = tmp_path / "dump.txt"
    paragraph = ("The council met again and talked about the bridge for hours. " * 8 + QUOTE + "\n\n").encode()
    with big.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            handle.write(paragraph)
    assert big.stat().st_size > 50 * 1024 * 1024

    baseline, base_kb = _peak_rss_kb(["quotes", str(small)], cli_env)
    assert baseline.returncode == 0, baseline.stderr
    result, big_kb = _peak_rss_kb(["quotes", str(big)], cli_env)
    one_error(result, 2, "dump.txt", "50 MB", f"{MAX_INPUT_BYTES // (1024 * 1024)} MB limit", "split")
    assert result.stdout == ""
    # Reading the file whole would add at least its 50 MB; the limit is checked first.
    assert big_kb - base_kb < 20 * 1024, (base_kb, big_kb)


def test_oversized_stdin_is_refused_without_reading_it_all(cli_env):
    data = b"The council met again and talked about the bridge.\n" * (MAX_INPUT_BYTES // 40)
    result = run_cli(["quotes"], cli_env, stdin=data)
    one_error(result, 2, "-:", "MB limit", "split")


def test_max_size_raises_the_limit(cli_env, tmp_path):
    path = tmp_path / "long.txt"
    paragraph = "The council met again and talked about the bridge. " * 20 + QUOTE + "\n\n"
    path.write_text(paragraph * (MAX_INPUT_BYTES // len(paragraph) + 10), "utf-8")
    refused = run_cli(["quotes", str(path), "--max-size", "1"], cli_env)
    one_error(refused, 2, "1 MB limit")
    allowed = run_cli(["quotes", str(path), "--max-size", "20", "--format", "jsonl"], cli_env)
    assert allowed.returncode == 0, allowed.stderr


def _one_line(n: int, every: int) -> str:
    """One line of ``n`` characters, a quote with its speaker every ``every`` characters."""
    filler = "The committee discussed the budget for the new bridge and the roads around it. "
    parts: list[str] = []
    size = 0
    i = 0
    while size < n:
        piece = filler * max(1, every // len(filler)) + f'"We need {i} more weeks," said Speaker{chr(65 + i % 26)} Lee. '
        parts.append(piece)
        size += len(piece)
        i += 1
    return "".join(parts)[:n]


def test_one_100000_character_line(cli_env, tmp_path):
    text = _one_line(100_000, 1_000)
    assert "\n" not in text and len(text) == 100_000
    path = tmp_path / "oneline.txt"
    path.write_text(text, "utf-8")
    record = quotes_json(run_cli(["quotes", str(path), "--format", "json"], cli_env, timeout=60))
    assert len(record["quotes"]) >= 90
    assert_offsets(text, record)


def test_one_100000_character_line_of_dense_quotes(cli_env, tmp_path):
    """A flattened press-conference transcript: a quote every ~125 characters."""
    text = _one_line(100_000, 0)
    written = text.count('"') // 2
    path = tmp_path / "transcript.txt"
    path.write_text(text, "utf-8")
    record = quotes_json(run_cli(["quotes", str(path), "--format", "json"], cli_env, timeout=15))
    assert written > 800 and len(record["quotes"]) == written
    assert_offsets(text, record)


def test_folder_of_1000_small_files(cli_env, tmp_path):
    inbox = tmp_path / "inbox"
    for i in range(1_000):
        sub = inbox / f"d{i // 100}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"f{i:04d}.txt").write_text(f'"Item {i} is ready," said Ann Lee.', "utf-8")
    result = run_cli(["quotes", str(inbox), "--format", "jsonl", "--quiet"], cli_env)
    assert result.returncode == 0, result.stderr
    no_traceback(result.stderr)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1_000
    assert len({r["source"] for r in records}) == 1_000
    assert all(r["quotes"][0]["speaker"] == "Ann Lee" for r in records)


def test_missing_path(cli_env, tmp_path):
    one_error(run_cli(["quotes", str(tmp_path / "nope.txt")], cli_env), 2, "nope.txt", "no such file")


def test_missing_path_among_good_ones_fails_only_itself(cli_env, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(QUOTE, "utf-8")
    result = run_cli(["quotes", str(good), str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out")], cli_env)
    assert result.returncode == 1, result.stderr
    no_traceback(result.stderr)
    assert "nope.txt: no such file or folder" in result.stderr
    assert "Ann Lee" in (tmp_path / "out" / "good.txt").read_text("utf-8")


def test_folder_with_no_text_files(cli_env, tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "page.png").write_bytes(PNG)
    (folder / "page.pdf").write_bytes(PDF)
    one_error(run_cli(["quotes", str(folder)], cli_env), 2, "scans", "no .txt")


@needs_modes
def test_folder_whose_files_are_all_unreadable(cli_env, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    for name in ("a.txt", "b.md"):
        (folder / name).write_text(QUOTE, "utf-8")
        (folder / name).chmod(0)
    result = run_as_user(["quotes", str(folder)], cli_env)
    assert result.returncode == 2, result.stderr
    no_traceback(result.stderr)
    lines = result.stderr.strip().splitlines()
    assert sum("permission denied" in line for line in lines) == 2
    assert lines[-1] == "summarize: error: No usable input: all 2 inputs failed."


@needs_modes
def test_folder_that_cannot_be_listed(cli_env, tmp_path):
    folder = tmp_path / "sealed"
    folder.mkdir()
    (folder / "a.txt").write_text(QUOTE, "utf-8")
    folder.chmod(0)
    try:
        result = run_as_user(["quotes", str(folder)], cli_env)
    finally:
        folder.chmod(0o755)
    one_error(result, 2, "sealed", "permission denied")


@needs_modes
def test_unreadable_file(cli_env, tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(QUOTE, "utf-8")
    path.chmod(0)
    one_error(run_as_user(["quotes", str(path)], cli_env), 2, "secret.txt", "permission denied")


@needs_modes
def test_unreadable_file_in_a_folder_fails_only_itself(cli_env, tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "good.txt").write_text(QUOTE, "utf-8")
    (inbox / "secret.txt").write_text(QUOTE, "utf-8")
    (inbox / "secret.txt").chmod(0)
    result = run_as_user(["quotes", str(inbox), "--out", str(out)], cli_env)
    assert result.returncode == 1, result.stderr
    no_traceback(result.stderr)
    assert "secret.txt: permission denied" in result.stderr
    assert list(visible_files(out)) == ["good.txt"]


def test_symlink_loop(cli_env, tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    one_error(run_cli(["quotes", str(tmp_path / "a.txt")], cli_env), 2, "a.txt", "symbolic link loop")


def test_symlink_loop_in_a_folder_fails_only_itself(cli_env, tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "good.txt").write_text(QUOTE, "utf-8")
    (inbox / "loop.txt").symlink_to(inbox / "loop.txt")
    (inbox / "back").symlink_to(inbox)  # a folder loop: never walked into
    result = run_cli(["quotes", str(inbox), "--out", str(out)], cli_env)
    assert result.returncode == 1, result.stderr
    no_traceback(result.stderr)
    assert "loop.txt: is a symbolic link loop" in result.stderr
    assert list(visible_files(out)) == ["good.txt"]


def test_glob_that_matches_nothing(cli_env, tmp_path):
    pattern = str(tmp_path / "feeds" / "*.txt")
    one_error(run_cli(["quotes", pattern], cli_env), 2, "matched no files")


def test_stdin_closed_at_once(cli_env):
    one_error(run_cli(["quotes"], cli_env, stdin=b""), 2, "-:", "empty")


@pytest.mark.parametrize(("args", "says"), [
    (["quotes", "-"], "-: standard input is closed; pipe text in or name a file"),
    (["quotes"], "No input: give a file, folder or glob"),
])
def test_stdin_not_even_open(cli_env, args, says):
    """`summarize quotes <&-`: file descriptor 0 is closed before the command starts."""
    proc = subprocess.run([*summarize_exe(), *args], capture_output=True, env=cli_env,
                          preexec_fn=lambda: os.close(0), timeout=60, text=True)
    line = one_error(proc, 2)
    assert says in line


def test_stdout_closed_or_full_is_one_sentence(cli_env, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(QUOTE, "utf-8")
    closed = subprocess.run([*summarize_exe(), "quotes", str(path)], capture_output=False,
                            stderr=subprocess.PIPE, env=cli_env, text=True, timeout=60,
                            preexec_fn=lambda: os.close(1))
    one_error(closed, 2, "standard output is closed")
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            proc = subprocess.run([*summarize_exe(), "quotes", str(path)], stdout=full,
                                  stderr=subprocess.PIPE, env=cli_env, text=True, timeout=60)
        one_error(proc, 2, "no space left")


# =========================================================================== options


def test_unknown_language_lists_the_supported(cli_env, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(QUOTE, "utf-8")
    for args in (["quotes", str(path), "--from", "xx"], ["translate", str(path), "--to", "xx"]):
        one_error(run_cli(args, cli_env), 2, "'xx'", "en,", "uk,")


def test_unknown_model_lists_the_known(cli_env, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(QUOTE, "utf-8")
    result = run_cli(["translate", str(path), "--to", "uk", "--model", "no-such-model"], cli_env)
    one_error(result, 2, "no-such-model", "opus-mt-en-uk", "bart-large-cnn")


def _unreachable_hub_env(tmp_path: Path) -> dict[str, str]:
    """A user whose network refuses the hub: an address that refuses connections, an
    empty model cache, and no offline setting to warn the client."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "SUMMARIZE_", "TRANSFORMERS_"))}
    env.update(HF_HOME=str(tmp_path / "hf"), HF_ENDPOINT="http://127.0.0.1:9",
               XDG_CACHE_HOME=str(tmp_path / "xdg"), PYTHONUNBUFFERED="1")
    return env


HUB_FIXES = ("summarize models pull", "--model ./folder", "HF_ENDPOINT", "cannot be reached")


@pytest.mark.parametrize("args", [
    ["text", str(Path(__file__).resolve().parent.parent / "samples" / "bakhmut-en.txt")],
    ["models", "pull", "opus-mt-en-uk"],
], ids=["text", "models-pull"])
def test_unreachable_hub_fails_fast_with_one_sentence(tmp_path, args):
    """No retry storm and no hub-client log lines: the run gives up after one short
    attempt (the client alone would retry for about 50 seconds) and says how to fix it.
    The bound is generous: a slow machine passes, a retrying client does not."""
    started = time.monotonic()
    result = run_cli(args, _unreachable_hub_env(tmp_path), timeout=60)
    elapsed = time.monotonic() - started
    one_error(result, 2, *HUB_FIXES)
    assert "Retrying" not in result.stderr and "thrown while requesting" not in result.stderr
    assert elapsed < 10, f"took {elapsed:.1f} s to say the hub is unreachable"


def test_unreachable_hub_runs_a_cached_model_without_offline(marian, tmp_path):
    """A model pulled earlier still runs when the hub later stops answering, without
    --offline, and without a word from the hub client."""
    from hub_server import hub_env, serve_hub

    env = _unreachable_hub_env(tmp_path)
    with serve_hub({"Helsinki-NLP/opus-mt-en-uk": marian}) as hub:
        pulled = run_cli(["models", "pull", "opus-mt-en-uk"], hub_env(hub, tmp_path / "hf"))
        assert pulled.returncode == 0, pulled.stderr
    result = run_cli(["translate", "--to", "uk", "--backend", "torch", "--quiet"], env,
                     stdin="The talks ended on Friday.", timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() and result.stderr == ""


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("The bridge opens in May. " + QUOTE, "utf-8")
    return path


def _model_copy(marian: Path, dest: Path, keep_weights: bool = False) -> Path:
    shutil.copytree(marian, dest)
    if not keep_weights:
        for weights in dest.glob("*.safetensors"):
            weights.unlink()
    return dest


HAS_CT2 = importlib.util.find_spec("ctranslate2") is not None
CT2_NEEDS = (
    "NEEDS: engine_ct2.py: CT2Engine._convert wraps every conversion failure as 'CTranslate2 "
    "could not convert X: <first line> (use --backend torch).', which hides why a checkpoint "
    "is refused (torch's weights-only error even ends 'can result in arbitrary code "
    "execution'); in its `except Exception as exc:` branch, when str(exc) holds "
    "'weights_only', 'Unpickling', 'WeightsUnpickler', 'trust_remote_code', 'deserializing "
    "header' or 'does not appear to have a file named' (a fault of the checkpoint itself: "
    "torch fails the same way), raise engine._model_error(spec, exc, self.offline) instead"
)
# The rows hold for every backend a user can get: torch always, CTranslate2 where installed
# (--backend auto picks it there, so a user meets it without asking).
BACKENDS = [
    "torch",
    pytest.param("ct2", marks=[
        pytest.mark.skipif(not HAS_CT2, reason="ctranslate2 is not installed"),
    ]),
]


@pytest.mark.parametrize("backend", BACKENDS)
def test_model_folder_with_corrupt_weights(cli_env, marian, article, tmp_path, backend):
    folder = _model_copy(marian, tmp_path / "corrupt", keep_weights=True)
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 3])  # a cut download
    result = run_cli(["translate", str(article), "--to", "uk", "--model", str(folder),
                      "--backend", backend], cli_env)
    one_error(result, 2, str(folder), "could not be loaded")
    assert result.stdout == ""


class _RunsCode:
    """Unpickling this runs a command: what a malicious pytorch_model.bin can hold."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _pickled_model(marian: Path, root: Path) -> tuple[Path, Path]:
    """A copy of the model whose only weights are a pickle that also runs a command."""
    import torch
    from safetensors.torch import load_file

    folder = _model_copy(marian, root / "pickled")
    marker = root / "code-ran"
    state = dict(load_file(str(marian / "model.safetensors")))
    state["payload"] = _RunsCode(marker)
    torch.save(state, folder / "pytorch_model.bin", pickle_protocol=pickle.DEFAULT_PROTOCOL)
    return folder, marker


def _refused_for_the_pickle(result: subprocess.CompletedProcess[str], folder: Path) -> None:
    one_error(result, 2, str(folder), "more than tensors", "weights-only", "safetensors")


def test_pickle_weights_holding_code_are_refused(cli_env, marian, article, tmp_path):
    folder, marker = _pickled_model(marian, tmp_path)
    result = run_cli(["translate", str(article), "--to", "uk", "--model", str(folder),
                      "--backend", "torch"], cli_env)
    assert not marker.exists(), "the pickle's code ran"
    _refused_for_the_pickle(result, folder)


@pytest.fixture(scope="module")
def ct2_pickle_run(tmp_path_factory: pytest.TempPathFactory, marian: Path, hf_home: Path):
    if not HAS_CT2:
        pytest.skip("ctranslate2 is not installed")
    root = tmp_path_factory.mktemp("ct2-pickle")
    folder, marker = _pickled_model(marian, root)
    article = root / "article.txt"
    article.write_text(QUOTE, "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "SUMMARIZE_"))}
    env.update(HF_HOME=str(hf_home), HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1")
    result = run_cli(["translate", str(article), "--to", "uk", "--model", str(folder),
                      "--backend", "ct2"], env)
    return result, folder, marker


def test_pickle_weights_holding_code_never_run_under_ct2(ct2_pickle_run):
    result, _, marker = ct2_pickle_run
    assert not marker.exists(), "the pickle's code ran during the CTranslate2 conversion"
    assert result.returncode == 2
    no_traceback(result.stderr)


def test_pickle_weights_refusal_says_why_under_ct2(ct2_pickle_run):
    result, folder, _ = ct2_pickle_run
    _refused_for_the_pickle(result, folder)


def test_model_that_needs_trust_remote_code_is_refused(cli_env, marian, article, tmp_path):
    folder = _model_copy(marian, tmp_path / "custom", keep_weights=True)
    marker = tmp_path / "code-ran"
    (folder / "custom_marian.py").write_text(
        "import pathlib\n"
        f"pathlib.Path({str(marker)!r}).write_text('ran')\n"
        "from transformers import MarianConfig, MarianMTModel\n"
        "class CustomConfig(MarianConfig):\n    model_type = 'custom_marian'\n"
        "class CustomModel(MarianMTModel):\n    config_class = CustomConfig\n",
        "utf-8",
    )
    config = json.loads((folder / "config.json").read_text("utf-8"))
    config["model_type"] = "custom_marian"  # no class in transformers: only the repo's code has it
    config["auto_map"] = {
        "AutoConfig": "custom_marian.CustomConfig",
        "AutoModelForSeq2SeqLM": "custom_marian.CustomModel",
    }
    (folder / "config.json").write_text(json.dumps(config), "utf-8")
    result = run_cli(["translate", str(article), "--to", "uk", "--model", str(folder)], cli_env)
    one_error(result, 2, "trust_remote_code", "never runs")
    assert not marker.exists(), "code shipped inside the model folder ran"


def test_device_cuda_without_a_gpu(cli_env, marian, article):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a CUDA GPU")
    result = run_cli(["translate", str(article), "--to", "uk", "--model", str(marian),
                      "--device", "cuda"], cli_env)
    one_error(result, 2, "--device cuda", "no CUDA GPU", "--device cpu")


def test_out_pointing_at_a_file(cli_env, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a.txt", "b.txt"):
        (inbox / name).write_text(QUOTE, "utf-8")
    target = tmp_path / "digest.md"
    target.write_text("yesterday's digest", "utf-8")
    result = run_cli(["quotes", str(inbox), "--out", str(target)], cli_env)
    one_error(result, 2, "is a file", "folder")
    assert target.read_text("utf-8") == "yesterday's digest"


def test_out_below_a_file_is_one_sentence(cli_env, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(QUOTE, "utf-8")
    (tmp_path / "notes").write_text("keep me", "utf-8")
    result = run_cli(["quotes", str(path), "--out", str(tmp_path / "notes" / "a.txt")], cli_env)
    one_error(result, 2, "notes")
    assert (tmp_path / "notes").read_text("utf-8") == "keep me"


@needs_modes
def test_output_folder_without_write_permission(cli_env, tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_text(QUOTE, "utf-8")
    (inbox / "b.txt").write_text(QUOTE, "utf-8")
    out.mkdir()
    out.chmod(0o555)
    try:
        result = run_as_user(["quotes", str(inbox), "--out", str(out)], cli_env)
        one_error(result, 2, str(out), "not writable")
        result = run_as_user(["quotes", str(inbox), "--out", str(out / "new")], cli_env)
        one_error(result, 2, str(out / "new"), "permission denied")
    finally:
        out.chmod(0o755)
    assert not any(out.iterdir())


@needs_modes
def test_read_only_subfolder_of_out_stops_with_one_sentence_and_keeps_what_was_written(cli_env, tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "a.txt").write_text(QUOTE, "utf-8")
    (inbox / "sub" / "z.txt").write_text(QUOTE, "utf-8")
    (out / "sub").mkdir(parents=True)
    (out / "sub").chmod(0o555)
    try:
        result = run_as_user(["quotes", str(inbox), "--out", str(out), "--quiet"], cli_env)
    finally:
        (out / "sub").chmod(0o755)
    one_error(result, 2, "z.txt", "permission denied")
    assert list(visible_files(out)) == ["a.txt"]
    assert not temp_files(out)


# =========================================================================== runs

INTERRUPT_DOCS = 40  # five windows (batch.window_docs(40) = 8): the first is written while the rest wait
BEAMS = ["--beams", "1"]  # greedy: the same text, half the time


@pytest.fixture(scope="module")
def interrupt_inbox(tmp_path_factory: pytest.TempPathFactory, marian: Path) -> tuple[Path, dict[str, bytes]]:
    """A folder of short articles and what a whole uninterrupted run writes for it.

    The reference run is made in-process (torch is loaded here already for the tiny
    models) with the options the command uses by default.
    """
    from summarize.options import RunOptions, Task
    from summarize.run import batch

    root = tmp_path_factory.mktemp("interrupt")
    inbox = root / "inbox"
    inbox.mkdir()
    for i in range(INTERRUPT_DOCS):
        (inbox / f"s{i:03d}.txt").write_text(f'"Road {i} will open," said Ann Lee.', "utf-8")
    ref = root / "reference"
    options = RunOptions(task=Task.TRANSLATION, to_lang="uk", model=str(marian), out=ref, quiet=True,
                         num_beams=1)
    outcome = batch.process([str(inbox)], options)
    assert outcome.exit_code == 0
    expected = visible_files(ref)
    assert len(expected) == INTERRUPT_DOCS
    return inbox, expected


def _interrupted_run(inbox: Path, out: Path, marian: Path, env: dict[str, str], sig: int,
                     tmp_path: Path) -> tuple[int, str]:
    """Start a folder run, send ``sig`` once its first output is on disk, return (rc, stderr)."""
    err = tmp_path / f"stderr-{sig}.txt"
    with err.open("wb") as stderr:
        proc = subprocess.Popen(
            [*summarize_exe(), "translate", str(inbox), "--to", "uk", "--model", str(marian),
             "--out", str(out), *BEAMS],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr, env=env,
        )
        try:
            deadline = time.monotonic() + 180
            while not (out.is_dir() and visible_files(out)):
                assert proc.poll() is None, err.read_text("utf-8", "replace")
                assert time.monotonic() < deadline, "no output appeared"
                time.sleep(0.01)
            proc.send_signal(sig)
            rc = proc.wait(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return rc, err.read_text("utf-8", "replace")


def _rerun_completes(inbox: Path, out: Path, marian: Path, env: dict[str, str],
                     kept: dict[str, bytes], expected: dict[str, bytes]) -> None:
    stamps = sorted(p.name for p in (out / ".summarize").glob("*"))
    rerun = run_cli(["translate", str(inbox), "--to", "uk", "--model", str(marian), "--out", str(out),
                     *BEAMS], env)
    assert rerun.returncode == 0, rerun.stderr
    no_traceback(rerun.stderr)
    skipped = rerun.stderr.count("unchanged, skipped")
    # an output whose stamp the signal beat is redone, never trusted
    stamps = sorted(p.name for p in (out / ".summarize").glob("*"))
    assert len(kept) - 1 <= skipped <= len(kept), (skipped, sorted(kept), stamps, rerun.stderr[:600])
    assert visible_files(out) == expected  # byte for byte: the kept ones and the completed rest
    assert not temp_files(out)


def test_sigint_mid_folder_keeps_whole_outputs_and_a_rerun_completes(cli_env, marian, interrupt_inbox, tmp_path):
    inbox, expected = interrupt_inbox
    out = tmp_path / "out"
    rc, stderr = _interrupted_run(inbox, out, marian, cli_env, signal.SIGINT, tmp_path)
    no_traceback(stderr)
    assert rc == 130, stderr
    assert "interrupted; finished outputs are kept" in stderr
    kept = visible_files(out)
    assert 0 < len(kept) < INTERRUPT_DOCS
    assert all(expected[name] == data for name, data in kept.items()), "a partial output"
    assert not temp_files(out)
    _rerun_completes(inbox, out, marian, cli_env, kept, expected)


def test_sigkill_mid_folder_keeps_whole_outputs_and_a_rerun_completes(cli_env, marian, interrupt_inbox, tmp_path):
    inbox, expected = interrupt_inbox
    out = tmp_path / "out"
    rc, _ = _interrupted_run(inbox, out, marian, cli_env, signal.SIGKILL, tmp_path)
    assert rc == -signal.SIGKILL
    kept = visible_files(out)
    assert 0 < len(kept) < INTERRUPT_DOCS
    assert all(expected[name] == data for name, data in kept.items()), "a partial output"
    # A killed process cannot clean up: a hidden temporary file may be left; the rerun removes it.
    assert all(p.name.startswith(".") for p in temp_files(out))
    _rerun_completes(inbox, out, marian, cli_env, kept, expected)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_two_runs_into_the_same_out_do_not_corrupt_each_other(cli_env, tmp_path):
    inbox = tmp_path / "inbox"
    for i in range(150):
        sub = inbox / f"d{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"f{i:03d}.txt").write_text(f'Item {i}. "We are on time with {i}," said Ann Lee.', "utf-8")
    reference = tmp_path / "reference"
    first = run_cli(["quotes", str(inbox), "--out", str(reference), "--quiet"], cli_env)
    assert first.returncode == 0, first.stderr
    expected = visible_files(reference)

    out = tmp_path / "out"
    (out / "d0").mkdir(parents=True)
    stale = out / "d0" / f".f000.txt.{_dead_pid()}.abcd1234.tmp"  # left by a killed run
    stale.write_text("half a fi", "utf-8")
    args = [*summarize_exe(), "quotes", str(inbox), "--out", str(out), "--quiet"]
    a = subprocess.Popen(args, env=cli_env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not visible_files(out) and a.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    b = subprocess.Popen(args, env=cli_env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for proc in (a, b):
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        no_traceback(err.decode())
    assert visible_files(out) == expected
    assert not temp_files(out)
    again = run_cli(["quotes", str(inbox), "--out", str(out)], cli_env)
    assert again.returncode == 0 and again.stderr.count("unchanged, skipped") == 150


def test_model_cache_half_written_by_an_interrupted_pull(marian, tmp_path):
    """The cache as `models pull` leaves it when killed during the weights' download:
    the small files in place, the weights only as huggingface_hub's ``.incomplete`` blob
    and no snapshot link to them. An offline run says to pull again; a pull completes it.
    (That an offline run then works from a pulled cache is test_cli's
    test_pull_then_offline_run_uses_the_cache.)"""
    from hub_server import hub_env, serve_hub

    with serve_hub({"Helsinki-NLP/opus-mt-en-uk": marian}) as hub:
        online = hub_env(hub, tmp_path / "hf")
        offline = hub_env(hub, tmp_path / "hf", offline=True)
        pulled = run_cli(["models", "pull", "opus-mt-en-uk"], online)
        assert pulled.returncode == 0, pulled.stderr
        repo = tmp_path / "hf" / "hub" / "models--Helsinki-NLP--opus-mt-en-uk"
        link = next(repo.glob("snapshots/*/model.safetensors"))
        blob = link.resolve()
        link.unlink()
        blob.with_name(blob.name + ".incomplete").write_bytes(blob.read_bytes()[: blob.stat().st_size // 2])
        blob.unlink()

        half = run_cli(["translate", "--to", "uk"], offline, stdin="The bridge opens in May.")
        one_error(half, 2, "summarize models pull opus-mt-en-uk")
        again = run_cli(["models", "pull", "opus-mt-en-uk"], online)
        assert again.returncode == 0, again.stderr
        # the weights are whole again, where an offline load looks for them
        assert link.read_bytes() == (marian / "model.safetensors").read_bytes()


def test_gpu_out_of_memory_falls_back_to_smaller_batches(marian):
    """No GPU here: the model's generate raises torch's CUDA out-of-memory error for any
    batch of more than two inputs, as a small GPU would; the texts must still come back,
    the same as with batches of two. (Run on a CUDA machine for the real thing.)"""
    import torch

    from summarize.engines.catalog import resolve
    from summarize.engines.torch_engine import TransformersEngine
    from summarize.options import Device, Task

    spec = resolve(str(marian), Task.TRANSLATION)
    texts = [f"The bridge number {i} opens in May." for i in range(4)]
    small = TransformersEngine(device=Device.CPU, batch_size=2, num_beams=1)
    expected = small.translate(spec, texts, "en", "uk")

    engine = TransformersEngine(device=Device.CPU, batch_size=4, num_beams=1)
    loaded = engine.load(spec)
    generate = loaded.model.generate

    def tight_gpu(*args, **kwargs):
        if kwargs["input_ids"].shape[0] > 2:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return generate(*args, **kwargs)

    loaded.model.generate = tight_gpu
    assert engine.translate(spec, texts, "en", "uk") == expected


# =========================================================================== escapes


def test_odd_file_names_never_escape_out(cli_env, tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    (inbox / "sub").mkdir(parents=True)
    odd = ["x\\..\\..\\escape.txt", "-n.txt", "new\nline.txt", "ünï code.md", "..txt"]
    for name in odd:
        (inbox / name).write_text(QUOTE, "utf-8")
    before = set(tmp_path.rglob("*"))
    args = ["quotes", str(inbox), str(inbox / "sub" / ".." / "..txt"),
            str(inbox / "sub" / ".." / "*.md"), "-", "--out", str(out)]
    result = run_cli(args, cli_env, stdin=QUOTE)
    assert result.returncode == 0, result.stderr
    no_traceback(result.stderr)
    created = set(tmp_path.rglob("*")) - before
    for path in created:
        assert path == out or out in path.parents, f"{path} is outside --out"
    outputs = sorted(p.relative_to(out).as_posix() for p in created
                     if p.is_file() and (out / ".summarize") not in p.parents)
    # each input its own output, named after it, right below --out
    assert outputs == sorted(["x\\..\\..\\escape.txt", "-n.txt", "new\nline.txt", "ünï code.txt",
                              "..txt", "stdin.txt"])


def test_linked_subfolder_in_out_is_not_written_through(cli_env, tmp_path):
    inbox, out, elsewhere = tmp_path / "inbox", tmp_path / "out", tmp_path / "elsewhere"
    (inbox / "nested").mkdir(parents=True)
    (inbox / "a.txt").write_text(QUOTE, "utf-8")
    (inbox / "nested" / "b.txt").write_text(QUOTE, "utf-8")
    out.mkdir()
    elsewhere.mkdir()
    (out / "nested").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli(["quotes", str(inbox), "--out", str(out), "--quiet"], cli_env)
    one_error(result, 2, "symbolic link", "outside")
    assert not any(elsewhere.iterdir())


def _linked_inbox(tmp_path: Path) -> tuple[Path, Path]:
    inbox, outside = tmp_path / "inbox", tmp_path / "private"
    (inbox / "sub").mkdir(parents=True)
    outside.mkdir()
    (inbox / "a.txt").write_text(QUOTE, "utf-8")
    (outside / "salaries.txt").write_text('"Pay me more," said Bob Roe.', "utf-8")
    (inbox / "salaries.txt").symlink_to(outside / "salaries.txt")
    (inbox / "private").symlink_to(outside, target_is_directory=True)
    (inbox / "sub" / "same.txt").symlink_to(inbox / "a.txt")  # inside: fine, read once
    return inbox, outside


def test_input_links_leading_outside_the_folder_are_not_followed(cli_env, tmp_path):
    inbox, _ = _linked_inbox(tmp_path)
    result = run_cli(["quotes", str(inbox), "--format", "jsonl"], cli_env)
    assert result.returncode == 0, result.stderr
    no_traceback(result.stderr)
    assert "Bob Roe" not in result.stdout
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(inbox / "a.txt")]
    pattern = run_cli(["quotes", str(inbox / "*.txt"), "--format", "jsonl"], cli_env)
    assert pattern.returncode == 0 and "Bob Roe" not in pattern.stdout


def test_expand_inputs_reports_links_it_skips(tmp_path):
    inbox, _ = _linked_inbox(tmp_path)
    warned: list[tuple[str, str]] = []
    sources, failures = expand_inputs([str(inbox)], warn=lambda s, m: warned.append((s, m)))
    assert [s.relpath for s in sources] == ["a.txt"] and not failures
    assert sorted(Path(s).name for s, _ in warned) == ["private", "salaries.txt"]
    assert all("outside the input folder" in m and "--follow-symlinks" in m for _, m in warned)
    followed, _ = expand_inputs([str(inbox)], follow_symlinks=True)
    # the linked folder and the inside link lead to the same file: read once, under the
    # first of its names in path order (the order a glob lists them in)
    assert [s.relpath for s in followed] == ["a.txt", "private/salaries.txt"]


def test_skipped_links_are_reported_on_stderr(cli_env, tmp_path):
    inbox, _ = _linked_inbox(tmp_path)
    result = run_cli(["quotes", str(inbox), "--format", "jsonl"], cli_env)
    assert result.returncode == 0
    assert "salaries.txt: is a link to a file outside the input folder; skipped" in result.stderr


def test_follow_symlinks_reads_links_outside(cli_env, tmp_path):
    inbox, _ = _linked_inbox(tmp_path)
    result = run_cli(["quotes", str(inbox), "--format", "jsonl", "--follow-symlinks"], cli_env)
    assert result.returncode == 0, result.stderr
    assert "Bob Roe" in result.stdout


# =========================================================================== fuzz

MARKS = "\"'“”‘’„‚«»‹›‟‛「」"
PIECES = [*MARKS, " ", "\n", "\r\n", "\r", "\n\n", "\t", "\x00", "\x0b", "\x0c", "\x1b", "\x7f",
          "\u200b", "\u2028", "\u2029", "\ufeff", "\u00a0", "—", ". ", "? ", ", ", "said", " Ann Lee",
          "Mr.", " e.g. ", "\U0001f600", "\u0301", "\ud7ff", "Київ", " — заявив він. "]
fuzz_text = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(PIECES)), max_size=60).map("".join)


def _encode(text: str, how: str) -> bytes:
    if how == "utf-8":
        return text.encode("utf-8", "surrogatepass")
    if how == "utf-8-bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    return b"\xff\xfe" + text.encode("utf-16-le", "surrogatepass")


def _words(texts) -> list[int]:
    return [max(1, len(t.split())) for t in texts]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fuzz_text, st.sampled_from(["utf-8", "utf-8-bom", "utf-16"]), st.binary(max_size=24),
       st.sampled_from([None, "en", "uk", "de", "fr"]))
def test_fuzz_read_quotes_segment(text: str, how: str, junk: bytes, lang: str | None) -> None:
    """Arbitrary Unicode, control characters and mixed quote marks through read →
    quotes → segment: a clean refusal or exact offsets, never a crash."""
    for data in (_encode(text, how), junk + _encode(text, "utf-8")):
        try:
            doc = read_document(Source(display="-", relpath="stdin"), io.BytesIO(data))
        except InputError as exc:
            assert exc.reason and "\n" not in exc.reason
            continue
        body = doc.text
        assert "\r" not in body
        scan = find_quotes(body, lang)
        for q in scan.quotes:
            assert body[q.start : q.end] == q.text
            assert 0 <= q.mark_start <= q.start <= q.end <= q.mark_end <= len(body)
        protected = [(q.mark_start, q.mark_end) for q in scan.quotes if not q.nested]
        paras = paragraphs(body)
        for (a, b), (c, _) in itertools.pairwise(paras):
            assert a < b <= c
        for para, sents in zip(paras, document_sentences(body, lang, protected)):
            prev = para[0]
            for s, e in sents:
                assert prev <= s < e <= para[1]
                prev = e
            for (_, e1), (s2, _) in itertools.pairwise(sents):
                # never a sentence boundary inside a quote that lies within the paragraph
                assert not any(ps < s2 and e1 < pe and para[0] <= ps and pe <= para[1]
                               for ps, pe in protected)
        pieces = chunks(body, lang, 12, _words, protected)
        prev = 0
        for chunk in pieces:
            assert prev <= chunk.start < chunk.end <= len(body)
            prev = chunk.end


# =========================================================================== --debug


def test_debug_shows_the_traceback_and_only_then(cli_env, tmp_path):
    missing = str(tmp_path / "nope.txt")
    plain = run_cli(["quotes", missing], cli_env)
    one_error(plain, 2, "no such file")
    debug = run_cli(["quotes", missing, "--debug"], cli_env)
    assert debug.returncode == 2  # --debug adds the traceback; the exit code stays the contract's
    assert debug.stderr.rstrip().splitlines()[-1] == plain.stderr.strip()
    assert "Traceback" in debug.stderr and "NoInputError" in debug.stderr


def test_a_reader_that_stops_early_ends_the_run_quietly(cli_env, tmp_path):
    """`summarize quotes -f jsonl archive/ | head -n1`: the reader goes away; no
    "internal error" and no traceback on stderr."""
    for n in range(300):
        (tmp_path / f"{n:03d}.txt").write_text(f'Kirby{n} said: "We are watching this very closely," today.\n', "utf-8")
    proc = subprocess.Popen([*summarize_exe(), "quotes", "-f", "jsonl", str(tmp_path)], env=cli_env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    _out, err = proc.communicate(timeout=60)
    assert b'"quotes"' in first
    assert b"internal error" not in err and b"Traceback" not in err, err.decode()
