"""The CTranslate2 backend: same protocol, same quote guarantees, converted once."""

from __future__ import annotations

from pathlib import Path

import pytest

ctranslate2 = pytest.importorskip("ctranslate2")

import tiny_models  # noqa: E402
from test_translation import _check_verbatim, corpus  # noqa: E402

from summarize import summarize_text, translate_text  # noqa: E402
from summarize.catalog import resolve  # noqa: E402
from summarize.engine import TransformersEngine  # noqa: E402
from summarize.engine_ct2 import AutoEngine, CT2Engine, make_engine, supports  # noqa: E402
from summarize.errors import UsageError  # noqa: E402
from summarize.options import Length, Precision, Task  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ct2_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ct2-cache")


@pytest.fixture(scope="module")
def ct2_engine(ct2_cache: Path) -> CT2Engine:
    return CT2Engine(batch_size=32, cache_dir=ct2_cache)


def test_translates_the_quote_corpus_with_every_quote_verbatim(marian, ct2_engine):
    quotes_in = verbatim = 0
    for name, lang, text in corpus("en"):
        record = translate_text(text, to="uk", from_lang="en", model=str(marian),
                                engine=ct2_engine, source=name)
        n, ok = _check_verbatim(text, record, lang)
        quotes_in += n
        verbatim += ok
        assert record.text.strip()
    assert verbatim == quotes_in > 50
    assert ct2_engine.loads == 1, "the model must be loaded once per run"


def test_summarizes_with_quotes_verbatim_or_unquoted(bart, ct2_cache):
    engine = CT2Engine(batch_size=8, cache_dir=ct2_cache)
    text = (ROOT / "samples" / "bakhmut-en.txt").read_text("utf-8")
    record = summarize_text(text, model=str(bart), engine=engine, length=Length.SHORT)
    assert record.text.strip()
    assert record.models["summarizer"].endswith("@local")
    for q in record.quotes:
        if q.output_start is not None:  # presented as a quote: the source's words exactly
            assert record.text[q.output_start : q.output_end] == q.text
            assert q.text in text


def test_converts_once_and_reuses_the_converted_folder(marian, ct2_cache):
    spec = resolve(str(marian), Task.TRANSLATION)
    first = CT2Engine(precision="int8", cache_dir=ct2_cache)
    first.translate(spec, ["The mayor said the bridge will reopen on Friday."], "en", "uk")
    folder = first.converted_folder(spec, "int8")
    assert (folder / "model.bin").is_file()
    stamp = (folder / "model.bin").stat().st_mtime_ns
    second = CT2Engine(precision="int8", cache_dir=ct2_cache)
    out = second.translate(spec, ["Volunteers delivered generators to Kharkiv."], "en", "uk")
    assert out[0].strip()
    assert second.conversions == 0
    assert (folder / "model.bin").stat().st_mtime_ns == stamp
    assert not [p for p in ct2_cache.iterdir() if p.name.startswith(".converting-")]


@pytest.mark.parametrize("kind", ["marian", "m2m100"])
def test_greedy_output_matches_transformers(kind, marian, tmp_path_factory, ct2_cache):
    """fp32, beam 1: the same tokens as torch, sentence for sentence."""
    if kind == "marian":
        folder = marian
    else:
        folder = tiny_models.build_m2m100(tmp_path_factory.mktemp("m2m") / "m2m100")
    spec = resolve(str(folder), Task.TRANSLATION)
    sentences = tiny_models.corpus("en", 12)[-12:]
    torch_out = TransformersEngine(precision=Precision.FP32, num_beams=1, batch_size=4).translate(
        spec, sentences, "en", "uk"
    )
    ct2_out = CT2Engine(precision="float32", num_beams=1, batch_size=4, cache_dir=ct2_cache).translate(
        spec, sentences, "en", "uk"
    )
    assert ct2_out == torch_out


def test_make_engine_picks_a_backend(marian, bart, ct2_cache):
    assert isinstance(make_engine("torch", batch_size=4), TransformersEngine)
    assert isinstance(make_engine("ct2", cache_dir=ct2_cache), CT2Engine)
    auto = make_engine("auto", cache_dir=ct2_cache)
    assert isinstance(auto, AutoEngine)
    assert auto.backend_for(resolve(str(marian), Task.TRANSLATION)) == "ct2"
    assert auto.backend_for(resolve("distilbart-cnn-12-6", Task.SUMMARY)) == "ct2"
    assert supports("marian") and supports("m2m_100") and not supports("pegasus_x")
    with pytest.raises(UsageError):
        make_engine("onnx")
