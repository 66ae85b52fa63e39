"""render: the text, json, jsonl and markdown a user reads or a script parses."""

from __future__ import annotations

import json

import pytest

from summarize.io.render import (
    EXTENSIONS,
    RENDERERS,
    render_json,
    render_jsonl,
    render_markdown,
    render_text,
)
from summarize.record import QuoteRecord, Record

CONTRACT_KEYS = {"source", "task", "lang", "models", "text", "quotes", "warnings"}
QUOTE_KEYS = {"text", "speaker", "start", "end", "kind", "status"}


def record(n: int = 1, text: str | None = None, title: str | None = None, quotes=()) -> Record:
    return Record(
        source=f"news/story-{n}.txt",
        task="summary",
        lang={"source": "en", "target": "uk"},
        models={"summarizer": "sshleifer/distilbart-cnn-12-6@main", "translator": "Helsinki-NLP/opus-mt-en-uk@main"},
        text=text if text is not None else f"Підсумок номер {n}: «Ми збудуємо міст», — сказала мер.",
        quotes=list(quotes),
        warnings=[f"warning {n}"],
        title=title,
    )


QUOTE = QuoteRecord(
    text="We will build the bridge",
    speaker="Jane Holloway",
    start=12,
    end=36,
    kind="direct",
    status="kept",
    speaker_span=(40, 53),
)


def test_every_format_has_a_file_ending() -> None:
    assert set(RENDERERS) == set(EXTENSIONS) == {"text", "json", "jsonl", "md"}
    assert all(ext.startswith(".") for ext in EXTENSIONS.values())


def test_json_one_record_is_one_object() -> None:
    r = record(quotes=[QUOTE])
    out = render_json([r])
    assert out.endswith("\n")
    data = json.loads(out)
    assert isinstance(data, dict)
    assert set(data) >= CONTRACT_KEYS
    assert data["source"] == "news/story-1.txt"
    assert data["task"] == "summary"
    assert data["lang"] == {"source": "en", "target": "uk"}
    assert data["models"]["translator"] == "Helsinki-NLP/opus-mt-en-uk@main"
    assert data["text"] == r.text
    assert data["warnings"] == ["warning 1"]
    (quote,) = data["quotes"]
    assert set(quote) >= QUOTE_KEYS
    assert quote["speaker"] == "Jane Holloway"
    assert (quote["start"], quote["end"]) == (12, 36)
    assert quote["speaker_span"] == [40, 53]


def test_json_keeps_non_ascii_readable() -> None:
    out = render_json([record()])
    assert "«Ми збудуємо міст»" in out
    assert "\\u04" not in out


def test_json_several_records_is_a_list_in_order() -> None:
    records = [record(1), record(2), record(3)]
    data = json.loads(render_json(records))
    assert isinstance(data, list)
    assert [d["source"] for d in data] == [r.source for r in records]
    assert [d["text"] for d in data] == [r.text for r in records]


def test_json_round_trips_to_dict() -> None:
    r = record(quotes=[QUOTE, QuoteRecord("x", None, 0, 1, "partial", "dropped")])
    assert json.loads(render_json([r])) == json.loads(json.dumps(r.to_dict()))
    assert json.loads(render_json([r]))["quotes"][1]["speaker"] is None


@pytest.mark.parametrize("n", [1, 2, 5])
def test_jsonl_one_object_per_line(n: int) -> None:
    records = [record(i, text=f"line {i}\nwith a newline inside") for i in range(n)]
    out = render_jsonl(records)
    assert out.endswith("\n")
    lines = out.splitlines()
    assert len(lines) == n
    parsed = [json.loads(line) for line in lines]
    assert all(isinstance(p, dict) for p in parsed)
    assert [p["text"] for p in parsed] == [r.text for r in records]
    assert "«" in render_jsonl([record()])


def test_text_one_record_is_its_text_with_one_newline() -> None:
    assert render_text([record(text="A summary.")]) == "A summary.\n"
    assert render_text([record(text="A summary.\n\n\n")]) == "A summary.\n"
    assert render_text([record(text="Line one.\n\nLine two.")]) == "Line one.\n\nLine two.\n"


def test_text_several_records_are_headed_by_source() -> None:
    out = render_text([record(1, text="First."), record(2, text="Second.\n")])
    assert out == "== news/story-1.txt ==\nFirst.\n\n== news/story-2.txt ==\nSecond.\n"


def test_markdown_has_title_text_and_source() -> None:
    out = render_markdown([record(title="Council approves bridge", text="  The council voted.  \n")])
    assert out.startswith("## Council approves bridge\n")
    assert "\nThe council voted.\n" in out
    assert "news/story-1.txt" in out


def test_markdown_without_title_uses_source() -> None:
    out = render_markdown([record(title=None)])
    assert out.startswith("## news/story-1.txt\n")


def test_markdown_digest_has_one_section_per_record() -> None:
    records = [record(i, title=f"Story {i}") for i in range(3)]
    out = render_markdown(records)
    assert [line for line in out.splitlines() if line.startswith("## ")] == ["## Story 0", "## Story 1", "## Story 2"]
    for r in records:
        assert r.text in out


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_renderer_ends_with_a_newline(fmt: str) -> None:
    for records in ([record()], [record(1), record(2)]):
        out = RENDERERS[fmt](records)
        assert out.endswith("\n")
        assert record(1).text in out
