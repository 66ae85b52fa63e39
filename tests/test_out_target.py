"""Where outputs go: a trailing slash means a folder, file:// URLs stay on this machine,
and a digest's --out is checked before any model work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from summarize.errors import SummarizeError, UsageError
from summarize.io.storage import location
from summarize.options import RunOptions, Task
from summarize.run import batch

QUOTED = 'Kirby said: "We are watching this very closely," adding that talks would go on.\n'


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(QUOTED, "utf-8")
    return path


# ------------------------------------------------------------------ 6: trailing slash


@pytest.mark.parametrize("form", ["path", "file-url"])
def test_out_with_a_trailing_slash_is_a_new_folder_for_one_input(cli_env, tmp_path, article, form):
    target = tmp_path / "newdir"
    out = f"{target}/" if form == "path" else f"file://{target}/"
    result = run_cli(["quotes", str(article), "--format", "json", "--out", out], cli_env)
    assert result.returncode == 0, result.stderr
    assert target.is_dir(), "a trailing slash names a folder, not a file called newdir"
    written = [p for p in target.iterdir() if not p.name.startswith(".")]
    assert [p.stem for p in written] == ["a"]
    assert json.loads(written[0].read_text("utf-8"))["quotes"]


def test_out_without_a_slash_is_still_a_file_for_one_input(cli_env, tmp_path, article):
    target = tmp_path / "result.json"
    result = run_cli(["quotes", str(article), "--format", "json", "--out", str(target)], cli_env)
    assert result.returncode == 0, result.stderr
    assert target.is_file()


# ------------------------------------------------------------------ 7: file://host


@pytest.mark.parametrize("url", ["file://newsroom-nas/archive/a.txt", "file://10.0.0.5/share/"])
def test_file_url_naming_another_host_is_refused(url):
    with pytest.raises(UsageError) as info:
        location(url)
    assert "newsroom-nas" in str(info.value) or "10.0.0.5" in str(info.value)


@pytest.mark.parametrize("host", ["", "localhost"])
def test_file_url_of_this_machine_is_a_local_path(host, tmp_path):
    assert location(f"file://{host}{tmp_path}/a.txt") == tmp_path / "a.txt"


def test_cli_refuses_a_remote_file_url_in_one_sentence(cli_env):
    result = run_cli(["quotes", "file://newsroom-nas/archive/a.txt"], cli_env)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "newsroom-nas" in lines[0], result.stderr
    assert "no such file" not in lines[0]  # not the path on this machine the host was dropped from


# ------------------------------------------------------------------ 8: digest --out first


def _no_model_work(windows, options, engine):
    for _window in windows:
        raise AssertionError("model work started before --out was checked")
    yield from ()


@pytest.mark.parametrize("where", ["folder", "below-a-file", "read-only-folder"])
def test_digest_out_is_checked_before_any_model_work(tmp_path, article, where):
    if where == "folder":
        out = tmp_path / "digests"
        out.mkdir()
    elif where == "below-a-file":
        (tmp_path / "notes").write_text("keep me", "utf-8")
        out = tmp_path / "notes" / "digest.md"
    else:
        import os

        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
        out = folder / "digest.md"
    options = RunOptions(task=Task.SUMMARY, out=out, format="md", cache=False)
    with pytest.raises(SummarizeError) as info:
        batch.digest([str(article)], options, runner=_no_model_work)
    assert str(out) in str(info.value) or "notes" in str(info.value)


def test_cli_digest_names_the_bad_out_before_the_missing_model(cli_env, tmp_path, article):
    """A model that cannot load would fail first if the model came first: the sentence
    must be about --out, the problem found without spending any model time."""
    out = tmp_path / "digests"
    out.mkdir()
    result = run_cli(["digest", str(article), "--out", str(out), "--model", str(tmp_path / "no-model"),
                      "--offline", "--no-cache"], cli_env)
    assert result.returncode == 2
    assert "folder" in result.stderr and "no-model" not in result.stderr, result.stderr
