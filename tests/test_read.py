"""read: what text did the user give us? Expansion of INPUT arguments and decoding."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.errors import InputError, NoInputError
from summarize.io.decode import decode
from summarize.io.read import Source, expand_inputs, read_document

ARTICLE = "Council approves bridge\n\nThe council voted on Tuesday.\n"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council approves river bridge | City Gazette</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe now</a></li></ul></nav>
<main><article>
<h1>Council approves river bridge</h1>
<p>The city council voted on Tuesday to approve a new bridge across the river, ending a debate
that has lasted almost a decade and divided residents on both banks.</p>
<p>"This bridge will connect two halves of our city that have been apart for too long," said
Mayor Jane Holloway after the vote, adding that construction should begin next spring.</p>
<p>Opponents argued that the cost, estimated at 120 million dollars, would strain the budget for
years and delay repairs to schools and roads across the district.</p>
</article></main>
<footer><p>Copyright 2024 City Gazette. All rights reserved. Privacy policy.</p></footer>
</body></html>
"""


def make_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def file_source(path: Path) -> Source:
    return Source(display=str(path), relpath=path.name, path=path)


def read_bytes_as_file(tmp_path: Path, data: bytes, name: str = "in.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(file_source(path))


# --------------------------------------------------------------------------- expansion


def test_single_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    sources, failures = expand_inputs([str(path)], stdin_is_tty=True)
    assert failures == []
    assert [(s.display, s.relpath, s.path) for s in sources] == [(str(path), "story.txt", path)]


def test_explicit_file_of_any_suffix_is_taken(tmp_path: Path) -> None:
    """The suffix filter is for folders; a file named on the command line is read as given."""
    path = tmp_path / "notes.log"
    path.write_text(ARTICLE, encoding="utf-8")
    sources, failures = expand_inputs([str(path)], stdin_is_tty=True)
    assert failures == []
    assert [s.relpath for s in sources] == ["notes.log"]


def test_folder_recursive_known_kinds_only_hidden_skipped(tmp_path: Path) -> None:
    root = make_tree(
        tmp_path / "news",
        {
            "a.txt": ARTICLE,
            "b.md": ARTICLE,
            "c.html": PAGE,
            "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF",
            "data.json": "{}",
            "report.pdf": b"%PDF-1.4\n",
            ".draft.txt": ARTICLE,
            ".git/HEAD.txt": ARTICLE,
            ".cache/deep/x.md": ARTICLE,
            "sub/d.txt": ARTICLE,
            "sub/deeper/e.html": PAGE,
            "sub/.hidden.md": ARTICLE,
            "sub/notes.docx": b"PK\x03\x04",
        },
    )
    sources, failures = expand_inputs([str(root)], stdin_is_tty=True)
    assert failures == []
    rels = [s.relpath for s in sources]
    assert sorted(rels) == ["a.txt", "b.md", "c.html", "sub/d.txt", "sub/deeper/e.html"]
    for s in sources:
        assert s.path is not None and s.path.is_file()
        assert s.path == root / s.relpath
        assert s.display == str(root / s.relpath)


def test_folder_with_no_text_files_is_a_failure(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "pics", {"a.jpg": b"\xff\xd8", ".hidden.txt": ARTICLE})
    sources, failures = expand_inputs([str(root)], stdin_is_tty=True)
    assert sources == []
    assert len(failures) == 1
    assert failures[0].source == str(root)
    assert ".txt" in failures[0].reason and "no" in failures[0].reason


def test_folder_order_is_stable_regardless_of_creation_order(tmp_path: Path) -> None:
    names = ["zeta.txt", "alpha.txt", "mid.md", "beta.html"]
    root1 = make_tree(tmp_path / "one", {n: ARTICLE for n in names})
    root2 = make_tree(tmp_path / "two", {n: ARTICLE for n in reversed(names)})
    rels1 = [s.relpath for s in expand_inputs([str(root1)], stdin_is_tty=True)[0]]
    rels2 = [s.relpath for s in expand_inputs([str(root2)], stdin_is_tty=True)[0]]
    assert rels1 == rels2 == sorted(names)
    assert [s.relpath for s in expand_inputs([str(root1)], stdin_is_tty=True)[0]] == rels1


def test_folder_order_matches_equivalent_glob(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "news", {"b.txt": ARTICLE, "a/z.txt": ARTICLE, "c/y.txt": ARTICLE})
    by_folder = [s.relpath for s in expand_inputs([str(root)], stdin_is_tty=True)[0]]
    by_glob = [s.relpath for s in expand_inputs([str(root / "**" / "*.txt")], stdin_is_tty=True)[0]]
    assert by_glob == ["a/z.txt", "b.txt", "c/y.txt"]
    assert by_folder == by_glob


def test_glob_recursive_relpaths_below_fixed_prefix(tmp_path: Path) -> None:
    root = make_tree(
        tmp_path / "docs",
        {"top.txt": ARTICLE, "x/one.txt": ARTICLE, "x/y/two.txt": ARTICLE, "x/skip.md": ARTICLE},
    )
    sources, failures = expand_inputs([str(root / "**" / "*.txt")], stdin_is_tty=True)
    assert failures == []
    assert [s.relpath for s in sources] == ["top.txt", "x/one.txt", "x/y/two.txt"]
    assert all(s.path is not None and s.path.is_file() for s in sources)


def test_relative_glob_prefix_with_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path, {"in/2024/jan/a.txt": ARTICLE, "in/2024/feb/b.txt": ARTICLE})
    monkeypatch.chdir(tmp_path)
    sources, failures = expand_inputs(["in/2024/*/*.txt"], stdin_is_tty=True)
    assert failures == []
    assert [s.relpath for s in sources] == ["feb/b.txt", "jan/a.txt"]
    assert [s.display for s in sources] == ["in/2024/feb/b.txt", "in/2024/jan/a.txt"]


def test_glob_matches_files_only(tmp_path: Path) -> None:
    make_tree(tmp_path / "d", {"a.txt": ARTICLE, "folder.txt/inner.md": ARTICLE})
    sources, _ = expand_inputs([str(tmp_path / "d" / "*.txt")], stdin_is_tty=True)
    assert [s.relpath for s in sources] == ["a.txt"]


def test_glob_matching_nothing_is_a_failure(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.nothing")
    sources, failures = expand_inputs([pattern], stdin_is_tty=True)
    assert sources == []
    assert [f.source for f in failures] == [pattern]
    assert "matched no files" in failures[0].reason


def test_missing_path_is_a_failure_and_others_still_expand(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    missing = str(tmp_path / "missing.txt")
    sources, failures = expand_inputs([missing, str(good)], stdin_is_tty=True)
    assert [s.path for s in sources] == [good]
    assert [f.source for f in failures] == [missing]
    assert "no such file" in failures[0].reason


def test_dash_is_stdin() -> None:
    sources, failures = expand_inputs(["-"], stdin_is_tty=True)
    assert failures == []
    assert len(sources) == 1
    assert sources[0].display == "-" and sources[0].path is None


def test_no_inputs_on_a_terminal_raises() -> None:
    with pytest.raises(NoInputError) as info:
        expand_inputs([], stdin_is_tty=True)
    message = str(info.value)
    assert "No input" in message and "pipe" in message
    assert info.value.exit_code == 2


def test_no_inputs_with_a_pipe_reads_stdin() -> None:
    sources, failures = expand_inputs([], stdin_is_tty=False)
    assert failures == []
    assert [(s.display, s.path) for s in sources] == [("-", None)]


def test_duplicates_removed_first_occurrence_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_tree(tmp_path / "news", {"a.txt": ARTICLE, "b.txt": ARTICLE})
    monkeypatch.chdir(tmp_path)
    sources, failures = expand_inputs(
        ["news/b.txt", "./news/b.txt", str(root / "b.txt"), "news", "news/*.txt", "-", "-"],
        stdin_is_tty=True,
    )
    assert failures == []
    paths = [s.path.resolve() if s.path else "-" for s in sources]
    assert paths == [(root / "b.txt").resolve(), (root / "a.txt").resolve(), "-"]


def test_argument_order_is_kept(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"z.txt": ARTICLE, "a.txt": ARTICLE})
    sources, _ = expand_inputs([str(root / "z.txt"), str(root / "a.txt")], stdin_is_tty=True)
    assert [s.relpath for s in sources] == ["z.txt", "a.txt"]


# --------------------------------------------------------------------------- decoding


def test_utf8_text(tmp_path: Path) -> None:
    text = "Мер сказала: «Міст буде».\nCafé — naïve.\n"
    doc = read_bytes_as_file(tmp_path, text.encode("utf-8"))
    assert doc.text == text
    assert doc.source == str(tmp_path / "in.txt")
    assert doc.relpath == "in.txt"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    doc = read_bytes_as_file(tmp_path, b"\xef\xbb\xbf" + "Привіт, світе.".encode())
    assert doc.text == "Привіт, світе."


@pytest.mark.parametrize(
    "data",
    [
        "Привіт, світе.\nДругий рядок.".encode("utf-16"),  # native order with BOM
        b"\xff\xfe" + "Привіт, світе.\nДругий рядок.".encode("utf-16-le"),
        b"\xfe\xff" + "Привіт, світе.\nДругий рядок.".encode("utf-16-be"),
    ],
    ids=["native", "le", "be"],
)
def test_utf16_with_bom(tmp_path: Path, data: bytes) -> None:
    doc = read_bytes_as_file(tmp_path, data)
    assert doc.text == "Привіт, світе.\nДругий рядок."


def test_crlf_and_cr_become_lf(tmp_path: Path) -> None:
    doc = read_bytes_as_file(tmp_path, b"One.\r\nTwo.\rThree.\r\n\r\nFour.")
    assert doc.text == "One.\nTwo.\nThree.\n\nFour."
    assert "\r" not in doc.text


def test_utf16_crlf_becomes_lf(tmp_path: Path) -> None:
    doc = read_bytes_as_file(tmp_path, "a\r\nb".encode("utf-16"))
    assert doc.text == "a\nb"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
        b"Some text then\x00\x01\x02 binary",
    ],
    ids=["png", "gzip", "nul"],
)
def test_binary_is_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputError) as info:
        read_bytes_as_file(tmp_path, data, "file.txt")
    assert "binary" in str(info.value)
    assert info.value.source == str(tmp_path / "file.txt")


def test_invalid_utf8_is_refused_with_advice(tmp_path: Path) -> None:
    """With --encoding utf-8 (strict), a legacy file is refused as before detection existed."""
    data = "Le café de la gare était fermé.".encode("cp1252")
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_document(file_source(path), encoding="utf-8")
    message = str(info.value)
    assert "UTF-8" in message
    assert str(data.index(b"\xe9")) in message  # where the bad byte is
    assert "iconv" in message


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n\n", "  \n".encode("utf-16"),
     "\u00a0\u2003\n".encode()],
    ids=["empty", "spaces", "bom-only", "bom-spaces", "utf16-spaces", "unicode-spaces"],
)
def test_empty_and_whitespace_only_are_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputError) as info:
        read_bytes_as_file(tmp_path, data)
    assert "empty" in info.value.reason or "whitespace" in info.value.reason


def test_missing_file_at_read_time(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    with pytest.raises(InputError) as info:
        read_document(file_source(path))
    assert "cannot be read" in str(info.value)


def test_folder_given_as_source(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_document(Source(display=str(tmp_path), relpath="x", path=tmp_path))
    assert "folder" in str(info.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError) as info:
            read_document(file_source(path))
        assert "permission" in str(info.value)
    finally:
        path.chmod(0o644)


def test_stdin_source_reads_the_stream() -> None:
    sources, _ = expand_inputs([], stdin_is_tty=False)
    doc = read_document(sources[0], io.BytesIO("Рядок один.\r\nРядок два.".encode()))
    assert doc.text == "Рядок один.\nРядок два."
    assert doc.source == "-"


def test_stdin_empty_is_refused() -> None:
    with pytest.raises(InputError) as info:
        read_document(Source(display="-", relpath="stdin"), io.BytesIO(b""))
    assert info.value.source == "-"
    assert "empty" in str(info.value)


def test_title_of_plain_text_and_markdown(tmp_path: Path) -> None:
    assert read_bytes_as_file(tmp_path, b"\n\n  First line here\nsecond").title == "First line here"
    assert read_bytes_as_file(tmp_path, b"# Heading of story\n\nBody.", "a.md").title == "Heading of story"


def test_html_page_gives_article_and_title(tmp_path: Path) -> None:
    doc = read_bytes_as_file(tmp_path, PAGE.encode("utf-8"), "page.html")
    assert "Council approves river bridge" in (doc.title or "")
    assert "voted on Tuesday to approve a new bridge" in doc.text
    assert '"This bridge will connect two halves of our city' in doc.text
    assert "Opponents argued" in doc.text
    for boilerplate in ("Subscribe now", "Copyright", "Privacy policy", "<p>", "<nav>"):
        assert boilerplate not in doc.text
    # paragraphs stay paragraphs
    assert doc.text.count("\n\n") >= 2


def test_html_on_stdin_is_recognised() -> None:
    doc = read_document(Source(display="-", relpath="stdin"), io.BytesIO(PAGE.encode("utf-8")))
    assert "Opponents argued" in doc.text
    assert "Subscribe now" not in doc.text
    assert "<html" not in doc.text


def test_html_without_article_text_is_refused(tmp_path: Path) -> None:
    page = "<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>"
    with pytest.raises(InputError) as info:
        read_bytes_as_file(tmp_path, page.encode(), "empty.html")
    assert "no article text" in str(info.value)


def test_markdown_and_text_are_not_treated_as_html(tmp_path: Path) -> None:
    doc = read_bytes_as_file(tmp_path, b"Use <b>bold</b> tags.\n", "a.md")
    assert doc.text == "Use <b>bold</b> tags.\n"


def test_digest_follows_the_bytes(tmp_path: Path) -> None:
    a = read_bytes_as_file(tmp_path, b"Same story.\n")
    b = read_bytes_as_file(tmp_path, b"Same story.\n")
    c = read_bytes_as_file(tmp_path, b"Same story!\n")
    d = read_bytes_as_file(tmp_path, b"Same story.\r\n")  # same text, other bytes
    assert a.digest == b.digest
    assert len(a.digest) == 64
    assert len({a.digest, c.digest, d.digest}) == 3
    assert a.text == d.text


# --------------------------------------------------------------------------- properties

_no_nul = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=200)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=150, deadline=None)
@given(_no_nul.filter(lambda t: not t.startswith("\ufeff")), st.booleans())
def test_decode_utf8_round_trip(text: str, bom: bool) -> None:
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    assert decode(data, "x") == _lf(text)


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200).filter(
    lambda t: not t.startswith("\ufeff")), st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_decode_utf16_round_trip(text: str, codec: str) -> None:
    bom = b"\xff\xfe" if codec == "utf-16-le" else b"\xfe\xff"
    assert decode(bom + text.encode(codec), "x") == _lf(text)
