"""The CTranslate2 backend: same protocol, same quote guarantees, converted once."""

from __future__ import annotations

from pathlib import Path

import pytest

ctranslate2 = pytest.importorskip("ctranslate2")

import tiny_models  # noqa: E402
from test_translation import _check_verbatim, corpus  # noqa: E402

from summarize import summarize_text, translate_text  # noqa: E402
from summarize.engines.catalog import resolve  # noqa: E402
from summarize.engines.choose import AutoEngine, make_engine  # noqa: E402
from summarize.engines.ct2_engine import CT2Engine, supports  # noqa: E402
from summarize.engines.torch_engine import TransformersEngine  # noqa: E402
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


# -- both engines, through the same seam: same inputs, same out-of-memory fallback ------


class _Spy:
    """Stands in for an engine's model: records the token ids each batch brings, and can
    play a small GPU that runs out of memory above ``fits`` inputs."""

    def __init__(self, engine, spec, fits: int | None = None) -> None:
        self.seen: list[list[int]] = []
        self.batch_sizes: list[int] = []
        self.fits = fits
        loaded = engine.load(spec)
        self.tokenizer = loaded.tokenizer
        if isinstance(engine, CT2Engine):
            real = loaded.translator

            class Proxy:
                def translate_batch(proxy, source, **kwargs):
                    self._check([self.tokenizer.convert_tokens_to_ids(s) for s in source])
                    return real.translate_batch(source, **kwargs)

            loaded.translator = Proxy()
        else:
            generate = loaded.model.generate

            def spy(*args, **kwargs):
                ids, mask = kwargs["input_ids"], kwargs["attention_mask"]
                self._check([row[: int(m.sum())].tolist() for row, m in zip(ids, mask)])
                return generate(*args, **kwargs)

            loaded.model.generate = spy

    def _check(self, rows: list[list[int]]) -> None:
        if self.fits is not None and len(rows) > self.fits:
            import torch

            # What each library raises on a full GPU.
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB") \
                if self.torch else RuntimeError("CUDA failed with error out of memory")
        self.seen.extend(rows)
        self.batch_sizes.append(len(rows))


def _engine(backend: str, ct2_cache: Path, **kwargs):
    if backend == "ct2":
        return CT2Engine(precision="float32", cache_dir=ct2_cache, **kwargs)
    return TransformersEngine(precision=Precision.FP32, **kwargs)


def test_t5_gets_its_task_prefix_under_both_engines(t5, ct2_cache):
    spec = resolve(str(t5), Task.SUMMARY)
    texts = ["The council voted to reopen the bridge in May after repairs."]
    seen = {}
    for backend in ("torch", "ct2"):
        engine = _engine(backend, ct2_cache, num_beams=1)
        spy = _Spy(engine, spec)
        spy.torch = backend == "torch"
        engine.summarize(spec, texts, Length.SHORT)
        seen[backend] = spy.seen
    prefix = spy.tokenizer("summarize:", add_special_tokens=False)["input_ids"]
    assert seen["ct2"] == seen["torch"], "the two engines fed T5 different inputs"
    assert seen["ct2"][0][: len(prefix)] == prefix


@pytest.mark.parametrize("backend", ["torch", "ct2"])
def test_gpu_out_of_memory_falls_back_to_smaller_batches(backend, marian, ct2_cache):
    """No GPU here: the model raises its library's out-of-memory error for any batch of
    more than two inputs, as a small GPU would; every text still comes back, the same
    as with batches of two, and a single input that does not fit is one sentence."""
    from summarize.errors import DeviceError
    from summarize.options import Device

    spec = resolve(str(marian), Task.TRANSLATION)
    texts = [f"The bridge number {i} opens in May." for i in range(4)]
    # What batches of two give: the halves the fallback cuts (longest first, equal lengths
    # by their tokens, as engines sort).
    fresh = _engine(backend, ct2_cache, device=Device.CPU, batch_size=2, num_beams=1)
    ids = fresh.load(spec).tokenizer(texts)["input_ids"]
    order = sorted(range(len(texts)), key=lambda i: (-len(ids[i]), ids[i]))
    expected = [""] * len(texts)
    for half in (order[:2], order[2:]):
        for i, out in zip(half, fresh.translate(spec, [texts[i] for i in half], "en", "uk")):
            expected[i] = out
    engine = _engine(backend, ct2_cache, device=Device.CPU, batch_size=4, num_beams=1)
    spy = _Spy(engine, spec, fits=2)
    spy.torch = backend == "torch"
    engine.on_cpu = False  # batch as on a GPU, where memory runs out: by --batch-size
    assert engine.translate(spec, texts, "en", "uk") == expected
    assert engine.batch_size <= 2
    spy.fits = 0
    with pytest.raises(DeviceError, match="out of memory on a single input"):
        engine.translate(spec, texts[:1], "en", "uk")


def test_auto_runs_every_family_ctranslate2_supports_in_int8_on_cpu(marian, bart, t5, ct2_cache):
    """A plain install: translators and summarizers alike go to CTranslate2, int8 on CPU."""
    from summarize.options import Device

    auto = make_engine("auto", device=Device.CPU, cache_dir=ct2_cache)
    for folder, task in ((marian, Task.TRANSLATION), (bart, Task.SUMMARY), (t5, Task.SUMMARY)):
        spec = resolve(str(folder), task)
        assert auto.backend_for(spec) == "ct2", spec.family
    spec = resolve(str(bart), Task.SUMMARY)
    assert auto.summarize(spec, ["The council voted to reopen the bridge in May."], Length.SHORT)[0]
    ct2 = auto.engine_for(spec)
    assert (ct2.converted_folder(spec, "int8") / "model.bin").is_file()
    assert ct2.compute_type(spec.family, "cuda") == "float16"


def test_ctranslate2_is_in_the_default_install_and_ct2_stays_an_extra():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert any(d.startswith("ctranslate2") for d in project["dependencies"])
    assert any(d.startswith("ctranslate2") for d in project["optional-dependencies"]["ct2"])


@pytest.mark.parametrize("backend", ["torch", "ct2"])
def test_a_sentence_comes_out_the_same_alone_or_in_a_batch(backend, marian, ct2_cache):
    """A random model never stops, so each row is cut at its own length limit. A short
    sentence that shares a batch with a long one must read exactly as it does alone:
    otherwise how a run was batched (how many workers, which other documents) would change
    what a reader gets. The forced end-of-sentence token counts against the limit in both."""
    spec = resolve(str(marian), Task.TRANSLATION)
    sentences = tiny_models.corpus("en", 12)[-12:]
    together = _engine(backend, ct2_cache, batch_size=16, num_beams=1).translate(spec, sentences, "en", "uk")
    alone = _engine(backend, ct2_cache, batch_size=1, num_beams=1)
    assert together == [alone.translate(spec, [s], "en", "uk")[0] for s in sentences]


def test_workers_each_get_a_batch_and_the_text_does_not_depend_on_how_many(marian, ct2_cache):
    """Ten sentences are four even batches (3, 3, 2, 2), so neither two nor four workers
    leave a core idle; and one worker or two, int8 as shipped, every sentence reads the
    same (a Ray actor with one CPU must write what the local run writes)."""
    spec = resolve(str(marian), Task.TRANSLATION)
    sentences = tiny_models.corpus("en", 10)[-10:]
    two = CT2Engine(threads=2, cache_dir=ct2_cache)
    spy = _Spy(two, spec)
    out_two = two.translate(spec, sentences, "en", "uk")
    assert spy.batch_sizes == [3, 3, 2, 2]
    one = CT2Engine(threads=1, cache_dir=ct2_cache)
    assert one.translate(spec, sentences, "en", "uk") == out_two


@pytest.mark.parametrize("backend", ["torch", "ct2"])
def test_a_call_may_ask_for_its_own_beam_size(backend, marian, ct2_cache):
    """Recovery pieces are translated greedily while whole sentences keep the model's
    beams: a call's ``beams`` wins over the engine's for that call only."""
    spec = resolve(str(marian), Task.TRANSLATION)
    sentences = tiny_models.corpus("en", 6)[-6:]
    engine = _engine(backend, ct2_cache, num_beams=4)
    greedy = _engine(backend, ct2_cache, num_beams=1).translate(spec, sentences, "en", "uk")
    beam = _engine(backend, ct2_cache, num_beams=4).translate(spec, sentences, "en", "uk")
    assert engine.translate(spec, sentences, "en", "uk", beams=1) == greedy
    assert engine.translate(spec, sentences, "en", "uk") == beam


def test_torch_runs_a_batch_per_core_and_writes_what_one_thread_writes(marian):
    """Under torch too, two cores are two workers, each running ``generate`` on its own
    batch, and the text is what a single-threaded run (a Ray actor's) writes."""
    import torch

    threads = torch.get_num_threads()
    try:
        spec = resolve(str(marian), Task.TRANSLATION)
        sentences = tiny_models.corpus("en", 10)[-10:]
        two = TransformersEngine(threads=2, num_beams=2)
        out_two = two.translate(spec, sentences, "en", "uk")
        assert two.workers == 2 and torch.get_num_threads() == 1
        one = TransformersEngine(threads=1, num_beams=2)
        assert one.translate(spec, sentences, "en", "uk") == out_two and one.workers == 1
    finally:
        torch.set_num_threads(threads)
