"""destination: one object, built once from the options, says where every output goes.

The inputs here are real files (and objects in fsspec's memory store), read through
read.py, so each document carries the relpath and content hash a run would give it.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import fsspec
import pytest

from summarize.document import Document
from summarize.errors import UsageError
from summarize.io.destination import (
    Destination,
    OneFile,
    OutputFolder,
    RemoteOutputFolder,
    Stdout,
    open_destination,
    open_page,
)
from summarize.io.read import expand_inputs, read_document
from summarize.options import RunOptions, Task
from summarize.record import Record
from summarize.report import Reporter

ARTICLES = {
    "desk/a.txt": 'The mayor said: "The bridge opens in May," and left.\n',
    "desk/b.md": "Council members met on Tuesday to argue about the budget.\n",
    "c.txt": "A short note about the weather over the harbour.\n",
}


@pytest.fixture()
def news(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    for rel, text in ARTICLES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    return root


def _open(inputs: list[str], stdout: io.StringIO | None = None, reporter: Reporter | None = None,
          **changes: object) -> tuple[Destination, list[Document]]:
    options = RunOptions(**{"task": Task.QUOTES, **changes})  # type: ignore[arg-type]
    sources, failures = expand_inputs(inputs, stdin_is_tty=True)
    assert failures == []
    destination, sources = open_destination(
        inputs, sources, options, reporter or Reporter(quiet=True), stdout, plan=dict
    )
    return destination, [read_document(s) for s in sources]


def _record(doc: Document) -> Record:
    return Record(source=doc.source, task="quotes", lang={"source": "en", "target": None}, models={},
                  text=doc.text.upper())


def test_each_kind_of_out_gets_its_own_destination(news: Path, tmp_path: Path, memory) -> None:
    one = str(news / "c.txt")
    assert type(_open([one])[0]) is Stdout
    assert type(_open([one], out=tmp_path / "c.out.txt")[0]) is OneFile
    assert type(_open([str(news)], out=tmp_path / "out")[0]) is OutputFolder
    # a trailing slash makes a folder even for one input
    assert type(_open([one], out=tmp_path / "one", out_is_folder=True)[0]) is OutputFolder
    assert type(_open([str(news)], out="memory://bucket/out")[0]) is RemoteOutputFolder


def test_a_folder_on_disk_and_a_bucket_prefix_name_outputs_alike(news: Path, tmp_path: Path, memory) -> None:
    local, docs = _open([str(news)], out=tmp_path / "out", format="md")
    remote, _ = _open([str(news)], out="memory://bucket/out", format="md")
    on_disk = [os.path.relpath(local.where(d), tmp_path / "out") for d in docs]
    in_bucket = [remote.where(d).removeprefix("memory:///bucket/out/") for d in docs]
    assert on_disk == in_bucket == ["c.md", "desk/a.md", "desk/b.md"]


@pytest.mark.parametrize("bucket", [False, True])
def test_a_folder_output_is_done_once_written_and_redone_under_force(
    news: Path, tmp_path: Path, memory, bucket: bool
) -> None:
    out: Path | str = "memory://bucket/out" if bucket else tmp_path / "out"
    destination, docs = _open([str(news)], out=out)
    assert not any(destination.already_done(d) for d in docs)
    for n, doc in enumerate(docs):
        destination.deliver(doc, _record(doc), n)
    destination.finish()
    destination.close()
    again, docs = _open([str(news)], out=out)
    assert all(again.already_done(d) for d in docs)
    assert not any(_open([str(news)], out=out, force=True)[0].already_done(d) for d in docs)
    written = fsspec.open(again.where(docs[1]), "r", encoding="utf-8").open().read()
    assert written == ARTICLES["desk/a.txt"].upper()


def test_stdout_holds_a_json_list_until_the_end_in_input_order(news: Path) -> None:
    stream = io.StringIO()
    destination, docs = _open([str(news)], stream, format="json")
    for n, doc in reversed(list(enumerate(docs))):  # finished last to first
        destination.deliver(doc, _record(doc), n)
    assert stream.getvalue() == ""
    destination.finish()
    assert [r["source"] for r in json.loads(stream.getvalue())] == [d.source for d in docs]


def test_stdout_streams_jsonl_as_each_input_finishes(news: Path) -> None:
    stream = io.StringIO()
    destination, docs = _open([str(news)], stream, format="jsonl")
    destination.deliver(docs[2], _record(docs[2]), 2)
    assert json.loads(stream.getvalue())["source"] == docs[2].source


def test_one_file_is_replaced_whole(news: Path, tmp_path: Path) -> None:
    target = tmp_path / "summary.txt"
    target.write_text("yesterday's text, much longer than today's " * 20, "utf-8")
    destination, (doc,) = _open([str(news / "c.txt")], out=target)
    destination.deliver(doc, _record(doc), 0)
    assert target.read_text("utf-8") == ARTICLES["c.txt"].upper()
    assert not destination.already_done(doc)  # one named file is always made again


def test_out_that_is_the_input_itself_is_refused(news: Path) -> None:
    with pytest.raises(UsageError, match="is the input itself"):
        _open([str(news / "c.txt")], out=news / "c.txt")


def test_several_inputs_on_stdout_need_a_list_format_or_a_folder(news: Path) -> None:
    with pytest.raises(UsageError, match=r"^3 inputs need --out DIR"):
        _open([str(news)], task=Task.SUMMARY)


def test_an_out_folder_inside_the_input_is_not_read_back(news: Path) -> None:
    (news / "out").mkdir()
    (news / "out" / "c.txt").write_text("an output of yesterday's run\n", "utf-8")
    warnings = io.StringIO()
    _, docs = _open([str(news)], reporter=Reporter(stream=warnings), out=news / "out")
    assert sorted(d.relpath for d in docs) == ["c.txt", "desk/a.txt", "desk/b.md"]
    assert "is inside the input; its 1 file(s) are outputs" in warnings.getvalue()


def test_abandon_removes_this_runs_temporary_files_only(news: Path, tmp_path: Path) -> None:
    destination, _ = _open([str(news)], out=tmp_path / "out")
    ours = tmp_path / "out" / f".a.txt.{os.getpid()}.x1y2.tmp"
    ours.write_text("half", "utf-8")
    kept = tmp_path / "out" / "notes.tmp"
    kept.write_text("the user's own file", "utf-8")
    destination.abandon()
    assert not ours.exists() and kept.exists()


def test_a_page_goes_to_a_file_or_stdout_and_never_into_a_folder(tmp_path: Path) -> None:
    stream = io.StringIO()
    open_page(RunOptions(), stream)("# Digest\n")
    assert stream.getvalue() == "# Digest\n"
    open_page(RunOptions(out=tmp_path / "d.md"), None)("# Digest\n")
    assert (tmp_path / "d.md").read_text("utf-8") == "# Digest\n"
    with pytest.raises(UsageError, match="is a folder; a digest is one file"):
        open_page(RunOptions(out=tmp_path), None)
