"""The transformers engine over tiny models of each real family."""

from __future__ import annotations

import pytest
from conftest import SAMPLE
from tiny_models import build_m2m100

from summarize import summarize_text, translate_text
from summarize.engines.torch_engine import TransformersEngine
from summarize.errors import DeviceError
from summarize.options import Device

SAMPLE_TEXT = SAMPLE.read_text("utf-8")


@pytest.fixture(scope="module")
def engine() -> TransformersEngine:
    return TransformersEngine(batch_size=8)


def test_t5_summary_of_a_long_article_is_chunked_not_truncated(t5, engine):
    record = summarize_text(SAMPLE_TEXT, model=str(t5), from_lang="en", engine=engine)
    assert record.models == {"summarizer": f"{t5.resolve()}@local"}
    assert record.text.strip()
    # T5's 512 positions cannot hold the sample: chunked, and the record says so.
    assert any("chunks" in w for w in record.warnings)


def test_every_input_token_reaches_the_model(t5, engine):
    """No chunk is longer than the model accepts, and no text is left out of all chunks."""
    from summarize.engines.catalog import resolve
    from summarize.options import Task
    from summarize.stages import segment

    spec = resolve(str(t5), Task.SUMMARY)
    budget = engine.max_input_tokens(spec) - 2
    chunks = segment.chunks(SAMPLE_TEXT, "en", budget, lambda t: engine.count_tokens(spec, t))
    assert len(chunks) > 1
    counted = engine.count_tokens(spec, [SAMPLE_TEXT[c.start : c.end] for c in chunks])
    assert max(counted) <= engine.max_input_tokens(spec)
    covered = "".join(SAMPLE_TEXT[c.start : c.end] for c in chunks)
    assert "".join(covered.split()) == "".join(SAMPLE_TEXT.split())


def test_m2m100_writes_no_language_token(tmp_path, engine):
    folder = build_m2m100(tmp_path / "m2m")
    record = translate_text("The talks ended on Friday. Both sides left Geneva.", to="uk",
                            from_lang="en", model=str(folder), engine=engine)
    assert record.text.strip()
    assert "__uk__" not in record.text and "__en__" not in record.text


def test_model_is_loaded_once_for_many_documents(marian):
    engine = TransformersEngine()
    for n in range(3):
        translate_text(f"Story number {n} was filed late.", to="uk", from_lang="en",
                       model=str(marian), engine=engine)
    assert engine.loads == 1


def test_cuda_without_a_gpu_is_a_clear_error(marian):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    with pytest.raises(DeviceError, match="no CUDA GPU"):
        translate_text("A sentence.", to="uk", from_lang="en", model=str(marian),
                       engine=TransformersEngine(device=Device.CUDA))
