"""`summarize check`: any draft held to its source article, quote by quote.

The drafts are what a model or a hurried writer produces from one council story:
a faithful copy, a changed word, a quote nobody said, a quote handed to the
wrong person, and one credited to someone the source names only by "he". The
real detector reads both sides; the end-to-end tests run the installed command.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from summarize import CheckReport, check_draft
from summarize.errors import UsageError
from summarize.quotes.detect import Quote, find_quotes
from summarize.run.check import STATUSES

SOURCE = """The city council approved a new tram line on Wednesday after a four-hour debate.

"This line will carry thirty thousand people a day by the end of the decade," Lena Ortiz, the mayor, said.

Councillor Ivan Petrov voted against the plan. "The budget for the tunnel section has already doubled," he said.

"We expect the first trams to run in the spring of next year," Ortiz told reporters after the vote.
"""
ORTIZ = "This line will carry thirty thousand people a day by the end of the decade"
SPRING = "We expect the first trams to run in the spring of next year"
PETROV = "The budget for the tunnel section has already doubled"

CLEAN = (
    "The council backed a new tram line. "
    f'"{ORTIZ}," Lena Ortiz said. "{SPRING}," Ortiz told reporters.\n'
)
ALTERED = f'The council backed a new tram line. "{ORTIZ.replace("thirty", "forty")}," Ortiz said.\n'
INVENTED = 'The council backed a new tram line. "Fares will stay at two euros," Ortiz said.\n'
SWAPPED = f'The council backed a new tram line. "{ORTIZ}," Ivan Petrov said.\n'
UNCONFIRMED = f'The council backed a new tram line. "{PETROV}," Lena Ortiz said.\n'


def _source_quote(opening: str) -> Quote:
    """The source quote these tests lean on, so a change in attribution fails loudly here."""
    return next(q for q in find_quotes(SOURCE).quotes if q.text.startswith(opening))


def statuses(report: CheckReport) -> list[str]:
    return [q.status for q in report.quotes]


def _offsets_hold(report: CheckReport) -> None:
    """Each checked quote points at its words in the draft, and its source at the article."""
    for q in report.quotes:
        assert report.draft[q.start : q.end] == q.text
        if q.source is not None:
            assert q.source.start is not None and q.source.end is not None
            assert SOURCE[q.source.start : q.source.end] == q.source.text


# --- the library -----------------------------------------------------------------------


def test_a_clean_draft_is_all_verbatim() -> None:
    assert _source_quote(ORTIZ).speaker_confidence == "explicit"
    assert _source_quote(SPRING).speaker_confidence == "explicit"
    report = check_draft(CLEAN, SOURCE, "en")
    _offsets_hold(report)
    assert statuses(report) == ["verbatim", "verbatim"]
    assert [q.speaker for q in report.quotes] == ["Lena Ortiz", "Lena Ortiz"]
    assert report.ok and report.exit_code == 0
    assert report.fixed == CLEAN
    assert report.problems() == []


def test_an_altered_quote_is_reported_with_the_source_words() -> None:
    report = check_draft(ALTERED, SOURCE, "en")
    _offsets_hold(report)
    (q,) = report.quotes
    assert q.status == "altered" and q.words_altered
    assert "forty" in q.text
    assert q.source is not None and q.source.text == ORTIZ
    assert not report.ok and report.exit_code == 1
    assert ORTIZ in report.fixed and "forty" not in report.fixed


def test_an_invented_quote_is_reported_as_invented() -> None:
    report = check_draft(INVENTED, SOURCE, "en")
    (q,) = report.quotes
    assert q.status == "invented"
    assert q.text == "Fares will stay at two euros"
    assert q.source is None
    assert report.exit_code == 1
    # the repair the summary audit makes: the words stay, the quote marks go
    assert report.fixed == "The council backed a new tram line. Fares will stay at two euros, Ortiz said.\n"


def test_a_swapped_speaker_is_misattributed_with_the_source_speaker_and_evidence() -> None:
    said = _source_quote(ORTIZ)
    assert said.speaker == "Lena Ortiz" and said.speaker_confidence == "explicit"
    report = check_draft(SWAPPED, SOURCE, "en")
    _offsets_hold(report)
    (q,) = report.quotes
    assert q.status == "misattributed" and not q.words_altered
    assert q.speaker == "Ivan Petrov"  # what the draft says
    assert q.source is not None
    assert q.source.speaker == "Lena Ortiz" and q.source.speaker_confidence == "explicit"
    evidence = q.source.speaker_evidence
    assert evidence is not None and evidence.mention is not None
    assert SOURCE[evidence.mention[0] : evidence.mention[1]] == "Lena Ortiz"
    assert report.exit_code == 1
    assert report.fixed == SWAPPED.replace("Ivan Petrov", "Lena Ortiz")


def test_a_speaker_the_source_only_infers_is_unconfirmed_and_never_renamed() -> None:
    said = _source_quote(PETROV)
    assert said.speaker == "Ivan Petrov" and said.speaker_confidence == "inferred"
    report = check_draft(UNCONFIRMED, SOURCE, "en")
    (q,) = report.quotes
    assert q.status == "unconfirmed"
    assert q.speaker == "Lena Ortiz"
    assert q.source is not None and q.source.speaker == "Ivan Petrov"
    assert q.source.speaker_confidence == "inferred"
    assert report.exit_code == 1
    assert report.fixed == UNCONFIRMED  # a guess never writes a name


def test_a_draft_without_quotes_is_clean() -> None:
    report = check_draft("The council backed a new tram line on Wednesday.", SOURCE, "en")
    assert report.quotes == [] and report.ok
    assert report.render_text() == "no quotations in the draft\n"


@pytest.mark.parametrize(("draft", "source"), [("  \n", SOURCE), (CLEAN, "\n")])
def test_an_empty_draft_or_source_is_a_usage_error(draft: str, source: str) -> None:
    with pytest.raises(UsageError):
        check_draft(draft, source, "en")


def test_the_text_report_is_one_line_a_quote_status_first() -> None:
    draft = CLEAN + ALTERED + INVENTED + SWAPPED + UNCONFIRMED
    report = check_draft(draft, SOURCE, "en")
    lines = report.render_text().splitlines()
    assert [line.split()[0] for line in lines[:-1]] == [
        "verbatim", "verbatim", "altered", "invented", "misattributed", "unconfirmed",
    ]
    altered, invented, swapped, unconfirmed = lines[2:6]
    assert f'source words: "{ORTIZ}"' in altered
    assert "not in the source" in invented
    assert "draft says Ivan Petrov; source: Lena Ortiz (" in swapped and "explicit" in swapped
    assert "draft says Lena Ortiz; source: Ivan Petrov (" in unconfirmed and "inferred" in unconfirmed
    assert lines[-1] == "6 quotations: 2 verbatim, 1 altered, 1 invented, 1 misattributed, 1 unconfirmed"


def test_the_json_report_follows_the_record() -> None:
    draft = ALTERED + SWAPPED + INVENTED
    report = check_draft(draft, SOURCE, "en")
    data = report.to_dict("draft.txt", "article.txt")
    assert data["task"] == "check" and data["source"] == "draft.txt"
    assert data["article"] == "article.txt"
    assert data["text"] == draft
    assert [q["status"] for q in data["quotes"]] == ["altered", "misattributed", "invented"]
    assert data["counts"] == dict.fromkeys(STATUSES, 0) | {
        "altered": 1, "misattributed": 1, "invented": 1,
    }
    for q in data["quotes"]:
        assert set(q) >= {"text", "speaker", "start", "end", "kind", "status", "speaker_confidence",
                          "speaker_evidence", "output_start", "output_end", "draft_speaker"}
    altered, swapped, invented = data["quotes"]
    assert altered["text"] == ORTIZ == SOURCE[altered["start"] : altered["end"]]
    assert "forty" in draft[altered["output_start"] : altered["output_end"]]
    assert swapped["speaker"] == "Lena Ortiz" and swapped["draft_speaker"] == "Ivan Petrov"
    assert swapped["speaker_evidence"]["rule"]
    assert invented["start"] is None and invented["speaker"] is None
    assert len(data["warnings"]) == 3
    json.dumps(data)  # serialisable as it stands


def test_checking_loads_no_model_library() -> None:
    code = (
        "import sys, summarize\n"
        f"r = summarize.check_draft({SWAPPED!r}, {SOURCE!r})\n"
        "assert r.quotes[0].status == 'misattributed', r.quotes\n"
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


# --- the installed command ---------------------------------------------------------------


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for name, text in {"source": SOURCE, "clean": CLEAN, "altered": ALTERED, "invented": INVENTED,
                       "swapped": SWAPPED, "unconfirmed": UNCONFIRMED}.items():
        found[name] = tmp_path / f"{name}.txt"
        found[name].write_text(text, "utf-8")
    return found


def test_cli_a_clean_draft_exits_0(cli_env: dict[str, str], files: dict[str, Path]) -> None:
    result = run_cli(["check", str(files["clean"]), "--source", str(files["source"])], cli_env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["verbatim", "verbatim"]
    assert lines[-1] == "2 quotations: 2 verbatim"


@pytest.mark.parametrize(
    ("name", "status"),
    [("altered", "altered"), ("invented", "invented"), ("swapped", "misattributed"),
     ("unconfirmed", "unconfirmed")],
)
def test_cli_a_problem_exits_1_with_its_status_in_json(
    cli_env: dict[str, str], files: dict[str, Path], name: str, status: str
) -> None:
    result = run_cli(
        ["check", str(files[name]), "--source", str(files["source"]), "--format", "json"], cli_env
    )
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["task"] == "check"
    assert [q["status"] for q in data["quotes"]] == [status]
    if status == "altered":
        assert data["quotes"][0]["text"] == ORTIZ
    if status == "misattributed":
        assert data["quotes"][0]["speaker"] == "Lena Ortiz"
        assert data["quotes"][0]["speaker_confidence"] == "explicit"


def test_cli_fix_writes_the_source_words_and_the_right_name(
    cli_env: dict[str, str], files: dict[str, Path], tmp_path: Path
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(ALTERED.replace("Ortiz said", "Ivan Petrov said"), "utf-8")
    result = run_cli(["check", str(draft), "--source", str(files["source"]), "--fix"], cli_env)
    assert result.returncode == 1
    assert result.stdout == f'The council backed a new tram line. "{ORTIZ}," Lena Ortiz said.\n'
    assert result.stderr.startswith("misattributed")  # the report, out of the output's way
    quiet = run_cli(["check", str(draft), "-s", str(files["source"]), "--fix", "--quiet",
                     "--out", str(tmp_path / "fixed.txt")], cli_env)
    assert quiet.returncode == 1 and quiet.stdout == "" and quiet.stderr == ""
    assert (tmp_path / "fixed.txt").read_text("utf-8") == result.stdout


def test_cli_reads_the_draft_from_stdin(cli_env: dict[str, str], files: dict[str, Path]) -> None:
    result = run_cli(["check", "-", "--source", str(files["source"])], cli_env, stdin=SWAPPED)
    assert result.returncode == 1
    assert result.stdout.startswith("misattributed")


@pytest.mark.parametrize("missing", ["source", "draft"])
def test_cli_a_missing_file_exits_2_with_one_sentence(
    cli_env: dict[str, str], files: dict[str, Path], tmp_path: Path, missing: str
) -> None:
    gone = str(tmp_path / "nowhere.txt")
    draft, source = (str(files["clean"]), gone) if missing == "source" else (gone, str(files["source"]))
    result = run_cli(["check", draft, "--source", source], cli_env)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert "nowhere.txt" in line and "error" in line


def test_cli_an_empty_draft_exits_2(cli_env: dict[str, str], files: dict[str, Path], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    result = run_cli(["check", str(empty), "--source", str(files["source"])], cli_env)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert "empty" in line
