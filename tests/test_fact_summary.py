"""Figures in summaries and drafts: a number, amount or date the source does not hold
is flagged as invented, and with --fabricated drop its sentence goes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from conftest import run_cli
from stand_in import StandIn

from summarize import check_draft, summarize_text
from summarize.engines.catalog import ModelSpec
from summarize.options import Length

SOURCE = (
    "Officials said 1,250 people were evacuated on 3 March 2024 and damage reached "
    "$4.5 million, up 12% from 2023.\n\n"
    "The regional council approved €3 billion for repairs, of which 18.5 percent goes to schools."
)
FAITHFUL = "About 1,250 people were evacuated on 3 March. Damage reached $4.5 million."
INVENTED = (
    "About 1,250 people were evacuated on 3 March. Damage reached $5.4 million. "
    "The council approved €3 billion."
)


class Writes(StandIn):
    """A summarizer stand-in, plugged in through the engine seam, that writes ``summary``."""

    label = "writer@0"
    limit = 1024

    def __init__(self, summary: str) -> None:
        self.summary = summary

    def summarize(self, spec: ModelSpec, texts: Sequence[str], length: Length) -> list[str]:
        return [self.summary for _ in texts]

    def translate(self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None) -> list[str]:
        return list(texts)


def test_a_faithful_summary_keeps_every_figure_with_its_source():
    record = summarize_text(SOURCE, from_lang="en", engine=Writes(FAITHFUL))
    assert [f.status for f in record.facts] == ["kept", "kept", "kept"]
    for f in record.facts:
        assert SOURCE[f.start : f.end] == f.text
        assert f.output_start is not None and record.text[f.output_start : f.output_end]
    assert not any("source does not" in w for w in record.warnings)


def test_an_invented_amount_is_flagged_and_stays_by_default():
    record = summarize_text(SOURCE, from_lang="en", engine=Writes(INVENTED))
    invented = [f for f in record.facts if f.status == "invented"]
    assert [(f.text, f.value) for f in invented] == [("$5.4 million", "5400000 USD")]
    assert record.text[invented[0].output_start : invented[0].output_end] == "$5.4 million"
    assert any("$5.4 million" in w and "source does not" in w for w in record.warnings)


def test_fabricated_drop_removes_the_sentence_with_the_invented_figure():
    record = summarize_text(SOURCE, from_lang="en", engine=Writes(INVENTED), fabricated="drop")
    assert "5.4" not in record.text
    assert "1,250 people" in record.text and "€3 billion" in record.text
    (gone,) = [f for f in record.facts if f.status == "invented"]
    assert gone.output_start is None and gone.value == "5400000 USD"
    assert any("dropped with its sentence" in w for w in record.warnings)


def test_a_summary_translated_carries_its_figures_into_the_translation():
    record = summarize_text(SOURCE, to="uk", from_lang="en", engine=Writes(FAITHFUL))
    assert len(record.facts) == 3
    for f in record.facts:
        assert f.status in ("kept", "repaired")
        assert f.output_start is not None
        assert record.text[f.output_start : f.output_end].strip()


def test_check_reports_figures_beside_quotes():
    clean = check_draft(FAITHFUL, SOURCE, "en")
    assert clean.ok and [f.status for f in clean.facts] == ["confirmed"] * 3
    report = check_draft(INVENTED, SOURCE, "en")
    assert not report.ok and report.exit_code == 1
    assert [f.status for f in report.facts] == ["confirmed", "confirmed", "invented", "confirmed"]
    assert any(line.startswith("invented") and "$5.4 million" in line
               for line in report.render_text().splitlines())
    assert report.render_text().rstrip().endswith("4 figures: 3 confirmed, 1 invented")
    data = json.loads(report.render_json("draft.txt"))
    assert [f["status"] for f in data["facts"]] == ["kept", "kept", "invented", "kept"]
    assert data["fact_counts"] == {"confirmed": 3, "invented": 1}
    dropped = check_draft(INVENTED, SOURCE, "en", fabricated="drop")
    assert "5.4" not in dropped.fixed and "€3 billion" in dropped.fixed


def test_cli_check_exits_1_on_an_invented_figure(cli_env: dict[str, str], tmp_path: Path):
    (tmp_path / "source.txt").write_text(SOURCE, "utf-8")
    (tmp_path / "draft.txt").write_text(INVENTED, "utf-8")
    result = run_cli(["check", str(tmp_path / "draft.txt"), "--source", str(tmp_path / "source.txt"),
                      "--format", "json"], cli_env)
    assert result.returncode == 1, result.stderr
    assert [f["value"] for f in json.loads(result.stdout)["facts"] if f["status"] == "invented"] == [
        "5400000 USD"
    ]


def test_the_digest_shows_the_figures_a_reader_must_check(tmp_path: Path):
    from summarize.options import RunOptions, Task
    from summarize.run import batch

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(SOURCE, "utf-8")
    (inbox / "b.txt").write_text(SOURCE.replace("1,250", "2,500"), "utf-8")
    out = tmp_path / "digest.md"
    options = RunOptions(task=Task.SUMMARY, from_lang="en", format="md", out=out)
    batch.digest([str(inbox)], options, Writes(INVENTED))
    sections = out.read_text("utf-8").split("\n## ")[1:]
    flagged = [s for s in sections if "Figures to check" in s]
    assert len(flagged) == 2  # "$5.4 million" is in neither article; b lacks "1,250" too
    assert "“$5.4 million” (5400000 USD)" in flagged[0]
    assert "1,250" in flagged[1].split("Figures to check")[1]
    assert "1,250" not in flagged[0].split("Figures to check")[1]
