"""The tiny-model fixtures and the fake hub behave like the real things.

The offline check runs in a subprocess: huggingface_hub reads HF_ENDPOINT, HF_HOME and
HF_HUB_OFFLINE once, at import, so only a fresh interpreter sees them as a user's process does.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hub_server import hub_env, serve_hub, use_hub
from tiny_models import build_bart, build_m2m100, build_marian, build_t5

pytestmark = pytest.mark.slow

SAMPLE = Path("/work/shared/samples/bakhmut-en.txt")
NEWS = (
    "Ukraine should not fixate on defending the city of Bakhmut at all costs, "
    'a senior US official said Friday. "We will hold the line," John Kirby said.'
)
COMMIT = "c0ffee" + "0" * 34

# name -> (builder, tokenizer class, model class, max input positions).
# BartTokenizer is an alias of RobertaTokenizer in transformers 5, hence the name.
BUILDS = {
    "marian": (build_marian, "MarianTokenizer", "MarianMTModel", 512),
    "bart": (build_bart, "RobertaTokenizer", "BartForConditionalGeneration", 1024),
    "t5": (build_t5, "T5Tokenizer", "T5ForConditionalGeneration", 512),
    "m2m100": (build_m2m100, "M2M100Tokenizer", "M2M100ForConditionalGeneration", 1024),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("tiny")
    return {name: spec[0](root / name) for name, spec in BUILDS.items()}


def _generate_kwargs(name: str, tok) -> dict:
    if name == "m2m100":  # the target language is forced as the first generated token
        return {"forced_bos_token_id": tok.get_lang_id("uk")}
    return {}


@pytest.mark.parametrize("name", list(BUILDS))
def test_folder_loads_through_auto_classes_and_generates(built, name):
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    folder = built[name]
    _, tok_class, model_class, positions = BUILDS[name]
    files = {p.name for p in folder.iterdir()}
    assert "model.safetensors" in files and "pytorch_model.bin" not in files
    assert {"config.json", "generation_config.json", "tokenizer_config.json"} <= files
    assert sum(p.stat().st_size for p in folder.iterdir()) < 2_000_000

    tok = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForSeq2SeqLM.from_pretrained(folder)
    assert type(tok).__name__ == tok_class
    assert type(model).__name__ == model_class
    limit = getattr(model.config, "max_position_embeddings", None) or model.config.n_positions
    assert limit == positions
    assert tok.model_max_length == positions

    batch = tok(["Hello world.", NEWS], return_tensors="pt", padding=True)
    out = model.generate(**batch, max_new_tokens=8, **_generate_kwargs(name, tok))
    texts = tok.batch_decode(out, skip_special_tokens=True)
    assert len(texts) == 2 and all(isinstance(t, str) for t in texts)
    assert out.shape[1] <= 8 + 2  # decoder start (+ forced BOS) + new tokens


@pytest.mark.parametrize("name", ["marian", "bart", "t5", "m2m100"])
def test_vocabulary_covers_english_news(built, name):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(built[name])
    text = SAMPLE.read_text(encoding="utf-8") if SAMPLE.is_file() else NEWS
    ids = tok(text, truncation=False).input_ids
    assert tok.unk_token_id not in ids
    if (
        name != "m2m100"
    ):  # M2M100Tokenizer (transformers 5) keeps __en__ through skip_special_tokens
        assert tok.decode(ids, skip_special_tokens=True).split() == text.split()


def test_marian_target_token(tmp_path):
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    folder = build_marian(tmp_path / "tc-big", src="en", tgt="uk", target_token=">>ukr<<")
    vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    tok = AutoTokenizer.from_pretrained(folder)
    assert tok.supported_language_codes == [">>ukr<<"]
    ids = tok([">>ukr<< Hello world."], return_tensors="pt")
    assert ids.input_ids[0, 0].item() == vocab[">>ukr<<"]
    model = AutoModelForSeq2SeqLM.from_pretrained(folder)
    assert isinstance(tok.decode(model.generate(**ids, max_new_tokens=4)[0]), str)


def test_builds_are_reproducible(tmp_path):
    for builder in (build_marian, build_bart):
        a, b = (
            builder(tmp_path / f"{builder.__name__}-a"),
            builder(tmp_path / f"{builder.__name__}-b"),
        )
        names = sorted(p.name for p in a.iterdir())
        assert names == sorted(p.name for p in b.iterdir())
        for n in names:
            assert (a / n).read_bytes() == (b / n).read_bytes(), n


def test_unknown_repo_revision_and_file_raise_hub_errors(built, tmp_path):
    from huggingface_hub import hf_hub_download, snapshot_download
    from huggingface_hub.errors import (
        EntryNotFoundError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    cache = tmp_path / "hub"
    pinned = "ab" * 20
    repos = {"tiny/bart": built["bart"], "tiny/t5": (built["t5"], pinned)}
    with serve_hub(repos, commit=COMMIT) as hub:
        # A repo with a commit of its own answers to it (as a pinned catalog revision would).
        path = snapshot_download("tiny/t5", revision=pinned, cache_dir=cache, endpoint=hub)
        assert Path(path).name == pinned
        with pytest.raises(RevisionNotFoundError):
            snapshot_download("tiny/t5", revision=COMMIT, cache_dir=cache, endpoint=hub)
        with pytest.raises(RepositoryNotFoundError):
            snapshot_download("nobody/nothing", cache_dir=cache, endpoint=hub)
        with pytest.raises(RevisionNotFoundError):
            snapshot_download("tiny/bart", revision="v9", cache_dir=cache, endpoint=hub)
        with pytest.raises(EntryNotFoundError):
            hf_hub_download("tiny/bart", "pytorch_model.bin", cache_dir=cache, endpoint=hub)
        # A repo id that is a prefix or extension of a served one is not that repo.
        with pytest.raises(RepositoryNotFoundError):
            snapshot_download("tiny/bart-large", cache_dir=cache, endpoint=hub)
        assert hub.unhandled == []


_OFFLINE_LOAD = textwrap.dedent(
    """
    import json, sys
    import transformers as T
    repo = sys.argv[1]
    tok = T.AutoTokenizer.from_pretrained(repo)
    model = T.AutoModelForSeq2SeqLM.from_pretrained(repo)
    out = model.generate(**tok(["Hello world."], return_tensors="pt"), max_new_tokens=4)
    print(json.dumps({"text": tok.decode(out[0], skip_special_tokens=True)}))
    """
)


def test_snapshot_download_then_offline_load_makes_no_request(built, tmp_path):
    """snapshot_download fills an empty HF_HOME; a process with HF_HUB_OFFLINE=1 then loads the
    repo by id from that cache without sending the hub a single request."""
    from huggingface_hub import snapshot_download

    home = tmp_path / "home"
    with serve_hub({"tiny/marian": built["marian"]}, commit=COMMIT) as hub:
        path = Path(snapshot_download("tiny/marian", cache_dir=home / "hub", endpoint=hub))
        assert path == home / "hub" / "models--tiny--marian" / "snapshots" / COMMIT
        assert sorted(p.name for p in path.iterdir()) == sorted(
            p.name for p in built["marian"].iterdir()
        )
        assert (home / "hub" / "models--tiny--marian" / "refs" / "main").read_text() == COMMIT
        assert hub.count > 0 and hub.unhandled == []
        hub.reset()

        proc = subprocess.run(
            [sys.executable, "-c", _OFFLINE_LOAD, "tiny/marian"],
            env=hub_env(hub, home, offline=True),
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert isinstance(json.loads(proc.stdout.strip().splitlines()[-1])["text"], str)
        assert hub.requests == []  # not one request, not even a HEAD


def test_transformers_downloads_through_fake_hub(built, tmp_path):
    """from_pretrained("org/name") on an empty cache asks for more than snapshot_download does
    (model info, folder listings, optional files that must 404 as EntryNotFound): all served."""
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer

    home = tmp_path / "home"
    with serve_hub({"tiny/bart": built["bart"]}, commit=COMMIT) as hub, use_hub(hub, home):
        tok = AutoTokenizer.from_pretrained("tiny/bart")
        model = AutoModelForSeq2SeqLM.from_pretrained("tiny/bart")
        out = model.generate(**tok(["Hello world."], return_tensors="pt"), max_new_tokens=4)
        assert isinstance(tok.decode(out[0], skip_special_tokens=True), str)
        assert hub.unhandled == []
        assert any(r.path.endswith(f"/resolve/{COMMIT}/model.safetensors") for r in hub.requests)
        snapshot = home / "hub" / "models--tiny--bart" / "snapshots" / COMMIT
        assert (snapshot / "model.safetensors").is_file()

        with pytest.raises(OSError, match="nobody/nothing"):
            AutoConfig.from_pretrained("nobody/nothing")
