"""End-to-end: the installed `summarize` command, run as a user runs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE, run_cli
from hub_server import hub_env, serve_hub

SAMPLE_TEXT = SAMPLE.read_text("utf-8")
KIRBY = (
    "Even if they are successful, in Bakhmut and Soledar, it's not going to strategically "
    "change the dynamics on the battlefield."
)


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr


def _articles(folder: Path) -> list[Path]:
    """A small tree of news files, one nested, as a newsroom inbox looks."""
    paras = SAMPLE_TEXT.split("\n\n")
    files = {
        "a.txt": "\n\n".join(paras[:3]),
        "nested/b.md": "# Briefing\n\n" + "\n\n".join(paras[6:8]),
        "nested/deeper/c.txt": 'The minister said the plan was ready. "We will deliver it on time," '
        "Maria Lind told reporters on Monday.",
    }
    out = []
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        out.append(path)
    return out


def test_help_lists_every_command(cli_env):
    result = run_cli(["--help"], cli_env)
    assert result.returncode == 0
    for command in ("text", "translate", "quotes", "digest", "check", "models"):
        assert command in result.stdout


def test_summary_from_stdin(cli_env, bart):
    result = run_cli(["text", "--model", str(bart), "--length", "short"], cli_env, stdin=SAMPLE_TEXT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    # A random model writes salad; the tool must say so rather than pass it off as fine.
    assert "salad" in result.stderr
    # The sample is longer than the 1,024-token input: chunking is reported, never silent.
    assert "chunks" in result.stderr


def test_translate_file_json_record_keeps_quotes(cli_env, marian, tmp_path):
    article = tmp_path / "bakhmut.txt"
    article.write_text(SAMPLE_TEXT, "utf-8")
    result = run_cli(
        ["translate", str(article), "--to", "uk", "--model", str(marian), "--format", "json"],
        cli_env,
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["source"] == str(article)
    assert record["task"] == "translation"
    assert record["lang"] == {"source": "en", "target": "uk"}
    assert record["models"]["translator"].endswith("@local")
    assert isinstance(record["warnings"], list)
    spoken = [q for q in record["quotes"] if q["kind"] != "mention"]
    assert any(KIRBY in q["text"] for q in spoken)
    for quote in spoken:
        assert SAMPLE_TEXT[quote["start"] : quote["end"]] == quote["text"]
        out = record["text"][quote["output_start"] : quote["output_end"]]
        assert out == quote["text"], "a quote did not come through verbatim"
        assert record["text"].count(quote["text"]) >= 1
        assert quote["status"] in {"kept", "repaired"}
    # Ukrainian quote marks around the untouched English words.
    assert f"«{KIRBY}" in record["text"]


def test_summary_then_translation(cli_env, bart, marian, tmp_path):
    article = tmp_path / "bakhmut.txt"
    article.write_text("\n\n".join(SAMPLE_TEXT.split("\n\n")[:4]), "utf-8")
    result = run_cli(
        ["text", str(article), "--to", "uk", "--model", str(bart), "--translator", str(marian),
         "--format", "json", "--length", "short"],
        cli_env,
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["task"] == "summary"
    assert record["lang"]["target"] == "uk"
    assert set(record["models"]) == {"summarizer", "translator"}
    assert record["text"].strip()


def test_folder_mirrors_paths_and_rerun_skips(cli_env, marian, tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    _articles(inbox)
    args = ["translate", str(inbox), "--to", "uk", "--model", str(marian), "--out", str(out)]
    first = run_cli(args, cli_env)
    assert first.returncode == 0, first.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()
                     and ".summarize" not in p.parts)
    assert written == ["a.txt", "nested/b.txt", "nested/deeper/c.txt"]
    assert "«We will deliver it on time,»" in (out / "nested/deeper/c.txt").read_text("utf-8")

    second = run_cli(args, cli_env)
    assert second.returncode == 0, second.stderr
    assert second.stderr.count("unchanged, skipped") == 3

    before = (out / "a.txt").read_text("utf-8")
    (inbox / "a.txt").write_text("A new first paragraph.\n\nAnd a second one.", "utf-8")
    third = run_cli(args, cli_env)
    assert third.returncode == 0, third.stderr
    assert third.stderr.count("unchanged, skipped") == 2
    after = (out / "a.txt").read_text("utf-8")
    assert after != before and after.count("\n\n") == 1  # redone, paragraphs kept


def test_glob_to_jsonl_on_stdout(cli_env, marian, tmp_path):
    _articles(tmp_path / "feeds")
    pattern = str(tmp_path / "feeds" / "**" / "*.txt")
    result = run_cli(["translate", pattern, "--to", "uk", "--model", str(marian),
                      "--format", "jsonl"], cli_env)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(Path(r["source"]).name for r in lines) == ["a.txt", "c.txt"]


def test_one_broken_file_among_good_ones(cli_env, marian, tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    _articles(inbox)
    (inbox / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    result = run_cli(["translate", str(inbox), "--to", "uk", "--model", str(marian),
                      "--out", str(out)], cli_env)
    assert result.returncode == 1
    assert "broken.txt" in result.stderr and "binary" in result.stderr
    _no_traceback(result.stderr)
    assert (out / "a.txt").is_file() and (out / "nested/deeper/c.txt").is_file()
    assert not (out / "broken.txt").exists()


@pytest.mark.parametrize("payload", ["", "   \n\n  "])
def test_empty_input_is_a_usage_error(cli_env, payload):
    result = run_cli(["quotes"], cli_env, stdin=payload)
    assert result.returncode == 2
    assert "empty" in result.stderr or "whitespace" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    _no_traceback(result.stderr)


def test_unknown_language_lists_supported(cli_env, tmp_path):
    result = run_cli(["translate", str(SAMPLE), "--to", "xx"], cli_env)
    assert result.returncode == 2
    assert "'xx'" in result.stderr and "uk" in result.stderr
    _no_traceback(result.stderr)


def test_unknown_model_lists_known(cli_env):
    result = run_cli(["translate", str(SAMPLE), "--to", "uk", "--model", "no-such-model"], cli_env)
    assert result.returncode == 2
    assert "opus-mt-en-uk" in result.stderr and "no-such-model" in result.stderr
    _no_traceback(result.stderr)


def test_offline_miss_names_the_pull_command(cli_env):
    result = run_cli(["translate", str(SAMPLE), "--to", "uk", "--offline"], cli_env)
    assert result.returncode == 2
    assert "summarize models pull opus-mt-en-uk" in result.stderr
    _no_traceback(result.stderr)


def test_model_folder_without_weights(cli_env, marian, tmp_path):
    broken = tmp_path / "no-weights"
    shutil.copytree(marian, broken)
    for weights in broken.glob("*.safetensors"):
        weights.unlink()
    result = run_cli(["translate", str(SAMPLE), "--to", "uk", "--model", str(broken)], cli_env)
    assert result.returncode == 2
    assert str(broken) in result.stderr
    _no_traceback(result.stderr)


def test_several_inputs_as_text_need_out(cli_env, marian, tmp_path):
    _articles(tmp_path / "in")
    result = run_cli(["translate", str(tmp_path / "in"), "--to", "uk", "--model", str(marian)],
                     cli_env)
    assert result.returncode == 2
    assert "--out" in result.stderr


def test_models_list_shows_catalog(cli_env):
    result = run_cli(["models", "list"], cli_env)
    assert result.returncode == 0
    for alias in ("distilbart-cnn-12-6", "bart-large-cnn", "distilbart-cnn-6-6", "opus-mt-en-uk",
                  "opus-mt-uk-en", "opus-mt-tc-big-en-zle", "m2m100_418M",
                  "nllb-200-distilled-600M"):
        assert alias in result.stdout
    nllb = next(line for line in result.stdout.splitlines() if line.startswith("nllb"))
    assert "non-commercial" in nllb


def test_pull_then_offline_run_uses_the_cache(marian, tmp_path):
    """The real hub path, with a local server standing in for the hub."""
    with serve_hub({"Helsinki-NLP/opus-mt-en-uk": marian}) as hub:
        env = hub_env(hub, tmp_path / "hf")
        pulled = run_cli(["models", "pull", "opus-mt-en-uk"], env)
        assert pulled.returncode == 0, pulled.stderr
        served = len(hub.requests)
        assert served > 0
        offline = hub_env(hub, tmp_path / "hf", offline=True)
        result = run_cli(["translate", "--to", "uk", "--format", "json"], offline,
                         stdin="The talks ended on Friday. Both sides left Geneva.")
        assert result.returncode == 0, result.stderr
        record = json.loads(result.stdout)
        assert record["models"]["translator"] == "Helsinki-NLP/opus-mt-en-uk@main"
        assert len(hub.requests) == served, "an offline run reached the hub"


def test_quotes_command_lists_speakers(cli_env):
    result = run_cli(["quotes", str(SAMPLE)], cli_env)
    assert result.returncode == 0, result.stderr
    assert "John Kirby" in result.stdout
    assert "Even if they are successful" in result.stdout


def test_digest_command_writes_markdown_and_reuses_results(cli_env, bart, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / "bakhmut.txt")
    out = tmp_path / "digest.md"
    args = ["digest", str(inbox), "--out", str(out), "--model", str(bart),
            "--cache-dir", str(tmp_path / "cache")]
    first = run_cli(args, cli_env)
    assert first.returncode == 0, first.stderr
    digest = out.read_text("utf-8")
    assert digest.startswith("# News digest")
    assert "John Kirby: “Even if they are successful" in digest
    assert "[Source](inbox/bakhmut.txt)" in digest
    second = run_cli(args, cli_env)
    assert second.returncode == 0
    assert "1 article(s), 1 from cache" in second.stderr
    assert out.read_text("utf-8") == digest


def test_a_folder_holding_one_file_still_mirrors_into_a_folder(cli_env, tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / "bakhmut.txt")
    result = run_cli(["quotes", str(inbox), "--out", str(out), "--format", "json"], cli_env)
    assert result.returncode == 0, result.stderr
    assert out.is_dir() and json.loads((out / "bakhmut.json").read_text("utf-8"))["quotes"]


@pytest.mark.parametrize("backend", ["torch", "ct2"])
def test_no_library_warning_reaches_stderr(cli_env, marian, tmp_path, backend):
    """A model whose generation settings ask for more new tokens than a short sentence is
    allowed (transformers answers with 'Unfeasible length constraints' UserWarnings):
    --quiet leaves stderr empty, and a normal run prints no library warning either."""
    folder = tmp_path / "model"
    shutil.copytree(marian, folder)
    settings = json.loads((folder / "generation_config.json").read_text("utf-8"))
    settings["min_new_tokens"] = 40
    (folder / "generation_config.json").write_text(json.dumps(settings), "utf-8")
    args = ["translate", "--to", "uk", "--from", "en", "--model", str(folder), "--backend", backend]
    text = 'The bridge opens in May. "We are ready," said Ann Lee.'
    quiet = run_cli([*args, "--quiet"], cli_env, stdin=text)
    assert quiet.returncode == 0 and quiet.stdout.strip()
    assert quiet.stderr == ""
    normal = run_cli(args, cli_env, stdin=text)
    assert normal.returncode == 0
    # Only the run's own reporter speaks (its lines start "summarize: ").
    assert all(line.startswith("summarize: ") for line in normal.stderr.splitlines()), normal.stderr
    assert "UserWarning" not in normal.stderr
