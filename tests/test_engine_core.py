"""The batching core every backend shares, driven through the seam a next backend
(ONNX, an HTTP server) would use: a subclass of ``BatchingEngine`` that loads a
tokenizer and turns one batch into texts. Nothing here loads torch or a model."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from summarize.engines.catalog import ModelSpec
from summarize.engines.core import BatchingEngine, Loaded, translation_inputs
from summarize.errors import DeviceError, ModelError
from summarize.options import Device

ROOT = Path(__file__).resolve().parent.parent
SPEC = ModelSpec(alias="shout", hub_id="test/shout", target_tokens={"uk": ">>ukr<<"})


class WordTokenizer:
    """A word per token id (its letters' sum), and the one special token a real one adds."""

    def __call__(self, texts: list[str], add_special_tokens: bool, truncation: bool) -> dict:
        assert add_special_tokens and not truncation  # the model sees all of its input
        return {"input_ids": [[sum(map(ord, w)) for w in t.split()] + [1] for t in texts]}


class Shout(BatchingEngine):
    """A whole backend: its model writes each input in capitals. It records the batches it
    gets, and plays a GPU that holds at most ``fits`` inputs at once."""

    def __init__(self, batch_size: int, fits: int | None = None, limit: int = 16) -> None:
        super().__init__(Device.CPU, "fp32", batch_size, None, False)
        self.fits, self.limit = fits, limit
        self.batches: list[list[str]] = []

    def _load(self, spec: ModelSpec) -> Loaded:
        return Loaded(tokenizer=WordTokenizer(), max_input=self.limit, family=None, tasks={})

    def _out_of_memory(self, exc: Exception) -> bool:
        return isinstance(exc, MemoryError)

    def translate(self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None) -> list[str]:
        loaded = self.load(spec)
        inputs, _ = translation_inputs(spec, loaded, texts, src, tgt)

        def one_batch(encoded: list[list[int]], batch: list[int]) -> list[str]:
            if self.fits is not None and len(batch) > self.fits:
                raise MemoryError("out of memory")
            self.batches.append([inputs[i] for i in batch])
            return [inputs[i].upper() for i in batch]

        return self._generate(loaded, inputs, one_batch)


TEXTS = [
    "the ferry runs", "a long sentence about the harbour bridge and the river road",
    "mayor", "the market opens", "the clinic closes", "winter came early this year",
    "farmers", "the school road", "the budget passed",
]


def test_outputs_come_back_in_the_callers_order_from_longest_first_batches():
    engine = Shout(batch_size=3)
    out = engine.translate(SPEC, TEXTS, "en", "uk")
    assert out == [f">>UKR<< {t.upper()}" for t in TEXTS]
    words = [len(t.split()) for batch in engine.batches for t in batch]
    assert words == sorted(words, reverse=True)
    assert [len(b) for b in engine.batches] == [3, 3, 3]
    assert engine.generated_batches == 3 and engine.loads == 1


def test_which_inputs_share_a_batch_does_not_depend_on_the_callers_order():
    forward, backward = Shout(batch_size=2), Shout(batch_size=2)
    forward.translate(SPEC, TEXTS, "en", "uk")
    backward.translate(SPEC, TEXTS[::-1], "en", "uk")
    assert forward.batches == backward.batches


def test_out_of_memory_halves_the_batches_and_keeps_the_smaller_size():
    engine = Shout(batch_size=4, fits=2)
    out = engine.translate(SPEC, TEXTS, "en", "uk")
    assert out == Shout(batch_size=2).translate(SPEC, TEXTS, "en", "uk")
    assert engine.batch_size == 2
    assert max(len(b) for b in engine.batches) == 2
    engine.fits = 0
    with pytest.raises(DeviceError, match="out of memory on a single input"):
        engine.translate(SPEC, TEXTS[:1], "en", "uk")


class Workers(Shout):
    """A backend with workers of its own (as CTranslate2's): a batch is handed over and
    its texts are waited for later, so this thread can prepare the next one meanwhile.
    A batch too big for the GPU fails when it is waited for, as an asynchronous one does."""

    def __init__(self, batch_size: int, fits: int | None = None) -> None:
        super().__init__(batch_size, fits)
        self.pool = ThreadPoolExecutor(2)
        self.waiting = 0  # batches handed over and not yet collected
        self.most_waiting = 0

    def _in_flight(self) -> int:
        return 2

    def translate(self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None) -> list[str]:
        loaded = self.load(spec)
        inputs, _ = translation_inputs(spec, loaded, texts, src, tgt)

        def work(batch: list[int]) -> list[str]:
            if self.fits is not None and len(batch) > self.fits:
                raise MemoryError("out of memory")
            self.batches.append([inputs[i] for i in batch])
            return [inputs[i].upper() for i in batch]

        def one_batch(encoded: list[list[int]], batch: list[int]) -> Callable[[], list[str]]:
            future = self.pool.submit(work, batch)
            self.waiting += 1
            self.most_waiting = max(self.most_waiting, self.waiting)

            def collect() -> list[str]:
                self.waiting -= 1
                return future.result()

            return collect

        return self._generate(loaded, inputs, one_batch)


def test_a_backend_with_workers_gets_batches_ahead_and_answers_in_order():
    engine = Workers(batch_size=2)
    assert engine.translate(SPEC, TEXTS, "en", "uk") == [f">>UKR<< {t.upper()}" for t in TEXTS]
    assert engine.most_waiting == 3  # the two allowed in flight, and the one just handed over
    assert engine.waiting == 0 and engine.generated_batches == 5


def test_a_batch_that_fails_when_waited_for_is_halved_like_one_that_fails_at_once():
    engine = Workers(batch_size=4, fits=2)
    assert engine.translate(SPEC, TEXTS, "en", "uk") == Shout(batch_size=2).translate(SPEC, TEXTS, "en", "uk")
    assert engine.batch_size == 2 and max(len(b) for b in engine.batches) == 2


def test_other_errors_of_a_batch_are_not_taken_for_a_full_gpu():
    engine = Shout(batch_size=4)

    def broken(encoded: list[list[int]], batch: list[int]) -> list[str]:
        engine.batches.append(["tried"])
        raise ValueError("the model broke")

    with pytest.raises(ValueError, match="the model broke"):
        engine._generate(engine.load(SPEC), list(TEXTS), broken)
    assert engine.batches == [["tried"]] and engine.batch_size == 4


def test_an_input_over_the_models_limit_is_refused_not_truncated():
    engine = Shout(batch_size=4, limit=6)
    with pytest.raises(ModelError, match="exceeds the model's 6"):
        engine.translate(SPEC, TEXTS, "en", "uk")
    assert engine.batches == []


def test_a_target_the_model_cannot_write_is_one_sentence():
    with pytest.raises(ModelError, match="cannot write 'de'"):
        Shout(batch_size=4).translate(SPEC, TEXTS, "en", "de")


def test_the_engine_modules_import_no_model_library():
    """``summarize --help`` and ``summarize quotes`` stay fast: importing the engines
    costs nothing until a model is loaded."""
    code = (
        "import json, sys\n"
        "import summarize.engines.torch_engine, summarize.engines.core, summarize.engines.ct2_engine\n"
        "import summarize.engines.choose\n"
        "import summarize.engines.ct2_convert\n"
        "print(json.dumps(sorted(m for m in ('torch', 'transformers', 'ctranslate2') "
        "if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert json.loads(out.stdout) == []
