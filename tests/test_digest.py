"""Faithful summaries and the newsroom digest."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from conftest import SAMPLE
from stand_in import StandIn

from summarize import summarize_text
from summarize.engines.catalog import ModelSpec
from summarize.engines.torch_engine import TransformersEngine
from summarize.io.digest import render_markdown
from summarize.options import Length, RunOptions, Task
from summarize.quotes.detect import find_quotes
from summarize.run import batch

SOURCE = (
    "The harbour authority approved the new terminal on Tuesday.\n\n"
    '"This terminal will bring four hundred jobs to the town within two years," '
    "said Maria Lind, the authority's chair.\n\n"
    "Opponents were not convinced. "
    '"The dredging will ruin the bay for a generation," said Tom Becker, '
    "who leads the residents' association.\n\n"
    '"We will take this to court if we must," Becker added.'
)
LIND = "This terminal will bring four hundred jobs to the town within two years,"
BECKER = "The dredging will ruin the bay for a generation,"


class Summarizer(StandIn):
    """A summarizer stand-in whose output misbehaves the ways abstractive models do."""

    limit = 1024

    def __init__(self, summary: str) -> None:
        self.summary = summary

    def summarize(self, spec: ModelSpec, texts: Sequence[str], length: Length) -> list[str]:
        return [self.summary for _ in texts]


def _audit(summary: str, **options):
    return summarize_text(SOURCE, from_lang="en", engine=Summarizer(summary), **options)


def test_faithful_quote_is_kept():
    record = _audit(f'Maria Lind said: "{LIND}" The terminal was approved.')
    assert [q.status for q in record.quotes] == ["kept"]
    assert LIND in record.text


def test_paraphrased_quote_is_repaired_to_the_source_words():
    altered = "This terminal will bring 400 jobs to our town within two years,"
    record = _audit(f'"{altered}" said Maria Lind.')
    assert [q.status for q in record.quotes] == ["repaired"]
    assert LIND in record.text and altered not in record.text


@pytest.mark.parametrize("mode", ["unquote", "drop"])
def test_invented_quote_never_survives(mode):
    invented = "We have already signed the contracts with three shipping lines"
    record = _audit(f'The terminal was approved. "{invented}," Lind said.', fabricated=mode)
    assert [q.status for q in record.quotes] == ["dropped"]
    assert f'"{invented}' not in record.text
    if mode == "drop":
        assert invented not in record.text
    assert any("not found in the source" in w for w in record.warnings), record.warnings


def test_quote_moved_to_another_speaker_is_caught():
    record = _audit(f'"{BECKER}" said Maria Lind.')
    assert [q.status for q in record.quotes] == ["misattributed"]
    # the speaker corrected, never left under the wrong name
    assert record.text == f'"{BECKER}" said Tom Becker.'


def test_key_quotes_are_verbatim_with_speakers():
    record = _audit("The terminal was approved.", key_quotes=2)
    assert len(record.key_quotes) == 2
    for q in record.key_quotes:
        assert q.speaker in {"Maria Lind", "Tom Becker"}
        assert record.text[q.output_start : q.output_end] == q.text
        assert SOURCE[q.start : q.end] == q.text
        assert q.kind != "mention"


SPLIT_SOURCE = (
    "The harbour authority approved the new terminal on Tuesday.\n\n"
    '"This terminal," Maria Lind said, "will bring four hundred jobs to the town."\n\n'
    "Tom Becker, who leads the residents' association, disagreed. "
    '"The dredging will ruin the bay," he said.'
)


def test_a_split_key_quote_is_one_line_with_each_piece_verbatim():
    quotes = find_quotes(SPLIT_SOURCE).quotes
    assert [q.speaker_confidence for q in quotes if q.speaker == "Maria Lind"] == ["explicit"] * 2
    record = summarize_text(
        SPLIT_SOURCE, from_lang="en", engine=Summarizer("The terminal was approved."), key_quotes=2
    )
    # Becker is only "he" in the source: never shown under his name as a key quote
    assert [q.text for q in record.key_quotes] == [
        "This terminal,", "will bring four hundred jobs to the town.",
    ]
    for q in record.key_quotes:
        assert record.text[q.output_start : q.output_end] == q.text == SPLIT_SOURCE[q.start : q.end]
    assert record.text.endswith(
        "\n\nMaria Lind: “This terminal,” … “will bring four hundred jobs to the town.”"
    )
    page = render_markdown([record], [], None, date(2026, 12, 1))
    assert "- Maria Lind: “This terminal,” … “will bring four hundred jobs to the town.”" in page
    assert page.count("Maria Lind:") == 1


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    """Ten news articles from the quote corpus and the seed article, plus one broken file."""
    folder = tmp_path_factory.mktemp("inbox")
    corpus = sorted((Path(__file__).parent / "data" / "quotes" / "en").glob("*.txt"))[1:11]
    for n, path in enumerate(corpus):
        shutil.copy(path, folder / f"{n:02d}-{path.name}")
    shutil.copy(SAMPLE, folder / "10-bakhmut.txt")
    (folder / "99-broken.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00binary")
    return folder


def test_digest_of_a_folder_then_a_cached_rerun(inbox, bart, tmp_path):
    out = tmp_path / "digest.md"
    options = RunOptions(task=Task.SUMMARY, model=str(bart), from_lang="en", key_quotes=2,
                         length=Length.SHORT, format="md", out=out, cache=True,
                         cache_dir=tmp_path / "cache")
    engine = TransformersEngine(batch_size=16)
    first = batch.digest([str(inbox)], options, engine)
    assert first.exit_code == 1  # one broken file, the rest written
    text = out.read_text("utf-8")
    sections = re.findall(r"^## (.+)$", text, flags=re.M)
    assert len(sections) == 12  # 11 articles and the failure list
    assert sections[-1] == "Failed" and "99-broken.txt" in text.split("## Failed")[1]
    sources = re.findall(r"\[Source\]\((.+?)\)", text)
    assert sources == sorted(sources) and len(sources) == 11
    assert all((out.parent / s).resolve().is_file() for s in sources)
    assert f"{bart}@local" in text.split("\n## ")[0]  # models named in the header
    for record in first.records:
        source = Path(record.source).read_text("utf-8")
        for q in record.key_quotes:
            assert source[q.start : q.end] == q.text
            assert f"“{' '.join(q.text.split())}”" in text
    assert sum(len(r.key_quotes) for r in first.records) >= 10

    fresh_engine = TransformersEngine(batch_size=16)
    again = batch.digest([str(inbox)], options, fresh_engine)
    assert again.cached == 11
    assert fresh_engine.loads == 0 and fresh_engine.generated_batches == 0
    assert out.read_text("utf-8") == text


def test_digest_as_json(inbox, bart, tmp_path):
    out = tmp_path / "digest.json"
    options = RunOptions(task=Task.SUMMARY, model=str(bart), from_lang="en", key_quotes=1,
                         length=Length.SHORT, format="json", out=out, cache=True,
                         cache_dir=tmp_path / "cache")
    batch.digest([str(inbox / "10-bakhmut.txt")], options, TransformersEngine())
    data = json.loads(out.read_text("utf-8"))
    assert data["counts"] == {"articles": 1, "failed": 0}
    (article,) = data["articles"]
    assert article["key_quotes"][0]["speaker"] == "John Kirby"
    assert article["link"].endswith("10-bakhmut.txt")


def test_digest_sorted_by_date_newest_first(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-old.md").write_text(
        "---\ntitle: Harbour vote\ndate: 2026-11-02\n---\n" + SOURCE, "utf-8")
    (inbox / "b-undated.txt").write_text(SOURCE, "utf-8")
    (inbox / "c-new.html").write_text(
        "<html><head><title>Bridge reopens</title>"
        '<meta property="article:published_time" content="2026-11-20T08:00:00Z"></head>'
        f"<body><article><h1>Bridge reopens</h1><p>{SOURCE}</p></article></body></html>", "utf-8")
    out = tmp_path / "digest.md"
    options = RunOptions(task=Task.SUMMARY, from_lang="en", format="md", out=out, sort="date")
    outcome = batch.digest([str(inbox)], options, Summarizer("The terminal was approved."))
    assert outcome.exit_code == 0
    text = out.read_text("utf-8")
    titles = re.findall(r"^## (.+)$", text, flags=re.M)
    assert titles[0] == "Bridge reopens" and titles[1] == "Harbour vote"
    assert "*2026-11-20*" in text and "*2026-11-02*" in text
    old = next(r for r in outcome.records if r.source.endswith("a-old.md"))
    assert old.date == "2026-11-02" and "---" not in text.split("## Harbour vote")[1][:200]


def test_an_article_no_model_serves_fails_alone_and_the_rest_are_summarized():
    """A German story in an English folder, languages identified: the German one is a
    failure that says why, the English one is summarized; the run goes on."""
    from summarize.document import Document
    from summarize.errors import ModelError
    from summarize.options import RunOptions, Task
    from summarize.record import Failure
    from summarize.run.pipeline import run_batch

    german = ("Die Stadt hat am Montag den Bau des neuen Hafens genehmigt. Der Bürgermeister sagte, "
              "das Projekt werde viele Arbeitsplätze schaffen und die Region stärken.")
    docs = [Document(text=SOURCE, source="en.txt", relpath="en.txt"),
            Document(text=german, source="de.txt", relpath="de.txt")]
    results = run_batch(docs, RunOptions(task=Task.SUMMARY), Summarizer(f'Maria Lind said: "{LIND}"'))
    assert [type(r).__name__ for r in results] == ["Record", "Failure"]
    assert isinstance(results[1], Failure) and results[1].source == "de.txt"
    assert results[1].reason.startswith("No default summary model for de in the catalog")
    assert LIND in results[0].text

    with pytest.raises(ModelError, match="No default summary model for de"):  # --from de: the run's error
        run_batch(docs[1:], RunOptions(task=Task.SUMMARY, from_lang="de"), Summarizer("x"))
