"""batch.process as an archive job sees it: inputs read as work is asked for, not all first."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.errors import EXIT_OK, NoInputError
from summarize.options import RunOptions, Task
from summarize.run import batch

QUOTED = 'Kirby said: "We are watching this very closely," adding that talks would go on.\n'


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    for n in range(200):
        path = tmp_path / "archive" / f"{n // 50}" / f"{n:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Item {n}. " + QUOTED, "utf-8")
    return tmp_path / "archive"


def _counting_reads(monkeypatch) -> list[str]:
    reads: list[str] = []
    real = batch.read_document

    def read(source, *args, **kwargs):
        reads.append(source.display)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(batch, "read_document", read)
    return reads


def test_a_window_is_written_before_the_rest_of_the_archive_is_read(archive, tmp_path, monkeypatch):
    """200 inputs in windows (25: a run this small is cut into 8): when the first window
    reaches the model, at most one more input than that window has been read, and its
    outputs are on disk before the next window is read. Memory follows the window, not
    the archive."""
    reads = _counting_reads(monkeypatch)
    seen: list[tuple[int, int]] = []

    out = tmp_path / "out"
    on_disk: list[int] = []

    def runner(windows, options, engine):
        for window in windows:
            seen.append((len(window), len(reads)))
            on_disk.append(len(list(out.rglob("*.txt"))))
            yield from batch.run_locally([window], options, engine)

    outcome = batch.process([str(archive)], RunOptions(task=Task.QUOTES, out=out), runner=runner)
    assert (outcome.written, outcome.exit_code) == (200, EXIT_OK)
    assert [size for size, _ in seen] == [25] * 8
    for n, (_size, read_so_far) in enumerate(seen):
        assert read_so_far <= 25 * (n + 1) + 1
    assert on_disk == [25 * n for n in range(8)]  # each window written before the next is read
    assert outcome.records == []  # a run into --out keeps no records in memory either


def test_all_inputs_failing_is_still_one_sentence_and_loads_nothing(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("   \n", "utf-8")
    called: list[int] = []

    def runner(windows, options, engine):
        for window in windows:
            called.append(len(window))
            yield window, []

    with pytest.raises(NoInputError, match=r"a\.txt: is empty\.$"):
        batch.process([str(tmp_path / "in")], RunOptions(task=Task.SUMMARY, out=tmp_path / "o"),
                      runner=runner)
    assert called == []


def test_an_out_folder_inside_the_input_is_not_read_back_as_input(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(QUOTED, "utf-8")
    options = RunOptions(task=Task.QUOTES, out=tmp_path / "in" / "out")
    first = batch.process([str(tmp_path / "in")], options)
    second = batch.process([str(tmp_path / "in")], options)
    assert (first.written, second.written, second.skipped) == (1, 0, 1)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.txt")) == [
        "in/a.txt", "in/out/a.txt"
    ]


def test_an_out_folder_holding_the_inputs_filters_none_of_them(tmp_path, monkeypatch):
    """`summarize quotes news --out .`: the inputs live below --out, and they are the
    user's articles, all read."""
    (tmp_path / "news").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "news" / name).write_text(QUOTED, "utf-8")
    monkeypatch.chdir(tmp_path)
    outcome = batch.process(["news"], RunOptions(task=Task.QUOTES, out=Path(".")))
    assert (outcome.written, outcome.exit_code) == (2, EXIT_OK)
    assert sorted(p.name for p in tmp_path.glob("*.txt")) == ["a.txt", "b.txt"]


def test_out_naming_the_input_file_is_refused_and_the_article_kept(tmp_path):
    from summarize.errors import UsageError

    article = tmp_path / "same.txt"
    article.write_text(QUOTED, "utf-8")
    with pytest.raises(UsageError, match=r"is the input itself; writing there would replace the article\.$"):
        batch.process([str(article)], RunOptions(task=Task.QUOTES, out=article))
    assert article.read_text("utf-8") == QUOTED


def test_a_cached_result_names_where_the_article_is_now(tmp_path):
    """The result cache is keyed by content: an article moved or renamed is a cache hit,
    and its record (the digest's link and order) names the new place."""
    first, moved = tmp_path / "news" / "a.txt", tmp_path / "archive" / "renamed.txt"
    for path in (first, moved):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(QUOTED, "utf-8")
    options = RunOptions(task=Task.QUOTES, cache=True, cache_dir=tmp_path / "cache")
    batch.process([str(first)], options, collect_only=True)
    again = batch.process([str(moved)], options, collect_only=True)
    assert again.cached == 1 and [r.source for r in again.records] == [str(moved)]


def test_window_size_follows_the_number_of_inputs_only(tmp_path):
    """A big run gets windows of 32; a small one is cut into up to 8 windows of at least 8,
    so a pool of actors has work, whatever runner runs them (the windows, and so the
    engine's batches and the output bytes, are the same for local and Ray)."""
    sizes: list[int] = []

    def runner(windows, options, engine):
        for window in windows:
            sizes.append(len(window))
            yield from batch.run_locally([window], options, engine)

    def run(n: int) -> list[int]:
        folder = tmp_path / f"in{n}"
        for i in range(n):
            (folder / f"{i:03d}.txt").parent.mkdir(parents=True, exist_ok=True)
            (folder / f"{i:03d}.txt").write_text(f"Item {i}. " + QUOTED, "utf-8")
        sizes.clear()
        batch.process([str(folder)], RunOptions(task=Task.QUOTES, out=tmp_path / f"out{n}"), runner=runner)
        return list(sizes)

    assert run(6) == [6]
    assert run(20) == [8, 8, 4]
    assert run(2) == [2]
    assert run(64) == [8] * 8
    assert run(100) == [13] * 7 + [9]
    assert run(300) == [32] * 9 + [12]
