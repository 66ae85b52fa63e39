"""write: files appear whole or not at all; an --out folder mirrors the inputs and resumes."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from summarize.errors import UsageError
from summarize.io.destination import OutputFolder
from summarize.io.read import expand_inputs
from summarize.io.write import STAMP_DIR, atomic_write, write_stdout


def all_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def visible_files(root: Path) -> list[str]:
    return [f for f in all_files(root) if not f.startswith(STAMP_DIR + "/")]


# --------------------------------------------------------------------------- atomic_write


def test_atomic_write_creates_folders_and_writes_exact_text(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.txt"
    text = "Мер сказала: «Міст буде».\r\nline two\n"
    atomic_write(target, text)
    assert target.read_bytes() == text.encode("utf-8")  # no newline translation
    assert all_files(tmp_path) == ["a/b/out.txt"]


def test_atomic_write_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    atomic_write(target, "first version, rather long " * 10)
    atomic_write(target, "second")
    assert target.read_text(encoding="utf-8") == "second"
    assert os.listdir(tmp_path) == ["out.json"]


def test_failed_write_keeps_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write(target, "good old content")
    with pytest.raises(UnicodeEncodeError):
        atomic_write(target, "half written \ud800 then broken")  # a lone surrogate cannot be encoded
    assert target.read_text(encoding="utf-8") == "good old content"
    assert os.listdir(tmp_path) == ["out.txt"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_atomic_write_gives_the_usual_file_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        target = tmp_path / "digest.md"
        atomic_write(target, "# Digest\n")
        plain = tmp_path / "plain.md"
        plain.write_text("# Digest\n")
        assert oct(target.stat().st_mode & 0o777) == oct(plain.stat().st_mode & 0o777) == oct(0o644)
    finally:
        os.umask(umask)


def test_write_stdout() -> None:
    stream = io.StringIO()
    write_stdout("один\n", stream)
    write_stdout("two\n", stream)
    assert stream.getvalue() == "один\ntwo\n"


# --------------------------------------------------------------------------- OutputFolder


def test_out_pointing_at_a_file_is_a_usage_error(tmp_path: Path) -> None:
    existing = tmp_path / "digest.txt"
    existing.write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        OutputFolder(existing, "text", "k")
    assert "is a file" in str(info.value) and str(existing) in str(info.value)
    assert existing.read_text(encoding="utf-8") == "keep me"


def test_out_below_a_file_is_a_usage_error(tmp_path: Path) -> None:
    existing = tmp_path / "digest.txt"
    existing.write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        OutputFolder(existing / "sub", "text", "k")
    assert "output folder" in str(info.value)


def test_out_folder_is_created(tmp_path: Path) -> None:
    root = tmp_path / "new" / "deep"
    OutputFolder(root, "json", "k")
    assert root.is_dir()


@pytest.mark.parametrize(("fmt", "ext"), [("text", ".txt"), ("json", ".json"), ("jsonl", ".jsonl"), ("md", ".md")])
def test_paths_mirror_relpaths_with_the_format_ending(tmp_path: Path, fmt: str, ext: str) -> None:
    root = tmp_path / "out"
    folder = OutputFolder(root, fmt, "k")
    rels = ["a.txt", "sub/b.md", "sub/deeper/c.html", "stdin", "noext"]
    folder.assign(rels)
    assert [folder.path_for(r) for r in rels] == [
        root / f"a{ext}",
        root / f"sub/b{ext}",
        root / f"sub/deeper/c{ext}",
        root / f"stdin{ext}",
        root / f"noext{ext}",
    ]


def test_dot_dot_never_escapes_the_folder(tmp_path: Path) -> None:
    root = tmp_path / "box" / "out"
    folder = OutputFolder(root, "text", "k")
    rels = ["../../evil.txt", "a/../../../b.txt", "/etc/passwd.txt", "./c.txt", ".."]
    folder.assign(rels)
    paths = [folder.path_for(r) for r in rels]
    for path in paths:
        assert path.resolve().is_relative_to(root.resolve()), path
        assert path.suffix == ".txt"
    assert len(set(paths)) == len(paths)
    for i, path in enumerate(paths):
        folder.write(path, f"output {i}", "d")
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "box" / "b.txt").exists()
    assert all(f.startswith(("evil", "a/", "b", "etc/", "c", "stdin")) for f in visible_files(root))


def test_same_stem_inputs_get_their_own_outputs(tmp_path: Path) -> None:
    root = tmp_path / "out"
    folder = OutputFolder(root, "text", "k")
    rels = ["a.txt", "a.html", "a.md", "b.html"]
    folder.assign(rels)
    paths = [folder.path_for(r) for r in rels]
    assert len(set(paths)) == 4
    assert all(p.suffix == ".txt" for p in paths)
    assert paths[0] == root / "a.txt" and paths[3] == root / "b.txt"
    for rel, path in zip(rels, paths):
        folder.write(path, f"summary of {rel}", "digest")
    assert sorted(p.read_text(encoding="utf-8") for p in map(folder.path_for, rels)) == sorted(
        f"summary of {r}" for r in rels
    )


def test_collision_resolution_is_order_independent_for_the_first(tmp_path: Path) -> None:
    folder = OutputFolder(tmp_path / "out", "md", "k")
    folder.assign(["x.html", "x.txt"])
    assert len({folder.path_for("x.html"), folder.path_for("x.txt")}) == 2


def test_fallback_name_does_not_collide(tmp_path: Path) -> None:
    folder = OutputFolder(tmp_path / "out", "text", "k")
    folder.assign(["a.txt", "a"])
    assert folder.path_for("a.txt") != folder.path_for("a")


def test_two_inputs_with_the_same_relpath_get_two_outputs(tmp_path: Path) -> None:
    for month in ("jan", "feb"):
        (tmp_path / month).mkdir()
        (tmp_path / month / "a.txt").write_text(f"{month} story", encoding="utf-8")
    sources, failures = expand_inputs(
        [str(tmp_path / "jan"), str(tmp_path / "feb"), str(tmp_path / "jan" / "a.txt"), str(tmp_path / "feb" / "a.txt")],
        stdin_is_tty=True,
    )
    assert failures == [] and len(sources) == 2
    folder = OutputFolder(tmp_path / "out", "text", "k")
    folder.assign([s.relpath for s in sources])
    assert len({folder.path_for(s.relpath) for s in sources}) == 2


def test_outputs_mirror_an_expanded_folder(tmp_path: Path) -> None:
    src = tmp_path / "news"
    for rel in ("top.txt", "world/europe/kyiv.md", "world/page.html"):
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text("Story.", encoding="utf-8")
    sources, _ = expand_inputs([str(src)], stdin_is_tty=True)
    root = tmp_path / "out"
    folder = OutputFolder(root, "json", "k")
    folder.assign([s.relpath for s in sources])
    for s in sources:
        folder.write(folder.path_for(s.relpath), "{}\n", "d")
    assert visible_files(root) == ["top.json", "world/europe/kyiv.json", "world/page.json"]


# --------------------------------------------------------------------------- resuming


def test_is_done_only_after_a_write_with_same_digest_and_options(tmp_path: Path) -> None:
    root = tmp_path / "out"
    folder = OutputFolder(root, "text", "summary|uk|medium")
    folder.assign(["story.txt"])
    out = folder.path_for("story.txt")
    assert not folder.is_done(out, "d1")
    folder.write(out, "the summary\n", "d1")
    assert out.read_text(encoding="utf-8") == "the summary\n"
    assert folder.is_done(out, "d1")
    assert not folder.is_done(out, "d2")  # the input changed

    # a rerun with the same options sees it done; other options do not
    again = OutputFolder(root, "text", "summary|uk|medium")
    assert again.is_done(out, "d1")
    other = OutputFolder(root, "text", "summary|uk|long")
    assert not other.is_done(out, "d1")

    # after a rewrite for the new input, the new digest is done and the old is not
    folder.write(out, "new summary\n", "d2")
    assert folder.is_done(out, "d2") and not folder.is_done(out, "d1")


def test_is_done_false_when_the_output_was_deleted(tmp_path: Path) -> None:
    folder = OutputFolder(tmp_path / "out", "md", "k")
    folder.assign(["a.txt"])
    out = folder.path_for("a.txt")
    folder.write(out, "# A\n", "d")
    out.unlink()
    assert not folder.is_done(out, "d")


def test_is_done_false_when_only_an_output_without_stamp_exists(tmp_path: Path) -> None:
    folder = OutputFolder(tmp_path / "out", "text", "k")
    folder.assign(["a.txt"])
    out = folder.path_for("a.txt")
    out.write_text("left by someone else", encoding="utf-8")
    assert not folder.is_done(out, "d")


def test_stamps_are_per_output(tmp_path: Path) -> None:
    folder = OutputFolder(tmp_path / "out", "text", "k")
    folder.assign(["a.txt", "sub/a.txt"])
    first, second = folder.path_for("a.txt"), folder.path_for("sub/a.txt")
    folder.write(first, "A", "d")
    assert folder.is_done(first, "d")
    assert not folder.is_done(second, "d")
    assert visible_files(tmp_path / "out") == ["a.txt"]
    assert not any(name.endswith(".tmp") for name in all_files(tmp_path / "out"))
