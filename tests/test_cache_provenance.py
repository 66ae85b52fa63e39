"""The result cache keys on what ran (backend, precision, model commit), not on
``--backend auto``: a rerun after such a change redoes the work and says why."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hub_server import serve_hub, use_hub

from summarize.engines import hub
from summarize.engines.choose import AutoEngine
from summarize.options import Backend, Device, RunOptions, Task
from summarize.report import Reporter
from summarize.run import batch

ARTICLE = 'The council met on Monday. "We will open the bridge in May," said Ann Lee.\n'


def _run(inputs: list[str], options: RunOptions, engine) -> tuple[batch.Outcome, str]:
    said = io.StringIO()
    outcome = batch.process(inputs, options, engine, reporter=Reporter(stream=said),
                            stdout=io.StringIO())
    return outcome, said.getvalue()


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, "utf-8")
    return path


def test_installing_ctranslate2_redoes_results_made_with_torch(marian, article, tmp_path):
    pytest.importorskip("ctranslate2")
    options = RunOptions(task=Task.TRANSLATION, to_lang="uk", from_lang="en", model=str(marian),
                         format="json", cache=True, cache_dir=tmp_path / "cache",
                         device=Device.CPU, backend=Backend.AUTO)
    without_ct2 = AutoEngine(prefer_ct2=False, device=Device.CPU, cache_dir=tmp_path / "ct2")
    first, _ = _run([str(article)], options, without_ct2)
    assert first.written == 1 and first.cached == 0

    same = AutoEngine(prefer_ct2=False, device=Device.CPU, cache_dir=tmp_path / "ct2")
    again, said = _run([str(article)], options, same)
    assert again.cached == 1 and same.loads == 0 and "redone" not in said

    with_ct2 = AutoEngine(device=Device.CPU, cache_dir=tmp_path / "ct2")
    after, said = _run([str(article)], options, with_ct2)
    assert after.cached == 0 and with_ct2.loads == 1, "a torch result counted as the ct2 one"
    lines = [line for line in said.splitlines() if "redone" in line]
    assert len(lines) == 1 and "backend torch → ct2" in lines[0], said

    settled, said = _run([str(article)], options, AutoEngine(device=Device.CPU, cache_dir=tmp_path / "ct2"))
    assert settled.cached == 1 and "redone" not in said


def test_a_new_model_revision_on_the_hub_redoes_results(marian, article, tmp_path):
    """opus-mt-en-uk follows ``main`` in the catalog: a new upstream commit is a new model."""
    options = RunOptions(task=Task.TRANSLATION, to_lang="uk", from_lang="en",
                         model="opus-mt-en-uk", format="json", cache=True,
                         cache_dir=tmp_path / "cache", device=Device.CPU, backend=Backend.TORCH)
    home = tmp_path / "hf"
    for commit, expect_cached in (("a" * 40, False), ("a" * 40, True), ("b" * 40, False)):
        with serve_hub({"Helsinki-NLP/opus-mt-en-uk": marian}, commit=commit) as url, use_hub(url, home):
            hub.forget()
            outcome, said = _run([str(article)], options, None)
        assert outcome.cached == int(expect_cached), (commit, said)
        if commit == "b" * 40:
            lines = [line for line in said.splitlines() if "redone" in line]
            assert len(lines) == 1 and "revision aaaaaaaaaaaa → bbbbbbbbbbbb" in lines[0], said
    hub.forget()
