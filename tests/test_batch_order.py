"""A text's output depends on what it is batched with only through the inputs themselves:
never on the order a caller lists them in, nor on the process's string hashes. This is
what keeps a Ray actor's files byte-identical to the local engine's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from stand_in import StandIn

from summarize.engines.catalog import ModelSpec, resolve
from summarize.engines.torch_engine import TransformersEngine
from summarize.options import Precision, Task

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("harbour", "council", "bridge", "river", "mayor", "market", "winter", "budget",
         "school", "road", "farmers", "station", "ferry", "museum", "clinic", "village")


def _engine(kind: str, cache: Path):
    if kind == "ct2":
        pytest.importorskip("ctranslate2")
        from summarize.engines.ct2_engine import CT2Engine

        return CT2Engine(precision="int8", batch_size=2, num_beams=2, cache_dir=cache)
    return TransformersEngine(precision=Precision.FP32, batch_size=2, num_beams=2)


def _ties(engine, spec: ModelSpec) -> list[str]:
    """The largest group of distinct short sentences of one token length: more than any
    batch holds, so batch borders fall inside the group."""
    texts = [f"The {a} and the {b} are open." for a in WORDS for b in WORDS if a != b]
    by_length: dict[int, list[str]] = {}
    for text, n in zip(texts, engine.count_tokens(spec, texts)):
        by_length.setdefault(n, []).append(text)
    return max(by_length.values(), key=len)[:24]


@pytest.mark.parametrize("kind", ["ct2", "torch"])
def test_the_order_of_inputs_does_not_change_any_output(kind, marian, tmp_path):
    """One long sentence and many of one shorter length; each batch's length limit comes
    from its longest row, so on the tiny model (which never stops early) a sentence's text
    depended on which neighbours shared its batch. Reversing the list must change nothing."""
    engine = _engine(kind, tmp_path / "ct2")
    spec = resolve(str(marian), Task.TRANSLATION)
    ties = _ties(engine, spec)
    assert len(ties) >= 12
    long = "The council said the harbour bridge, the river road and the ferry station would all open in the winter."
    forward = engine.translate(spec, [long, *ties], "en", "uk")
    backward = engine.translate(spec, [long, *reversed(ties)], "en", "uk")
    assert dict(zip([long, *ties], forward)) == dict(zip([long, *reversed(ties)], backward))


class Recording(StandIn):
    """An engine stand-in that records what reaches the model, in order."""

    def __init__(self) -> None:
        self.inputs: list[str] = []

    def translate(self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None) -> list[str]:
        self.inputs.extend(texts)
        return [t.upper() for t in texts]


_CHILD = """
import json, sys
sys.path.insert(0, {tests!r})
from test_batch_order import Recording
from summarize import translate_text
from summarize.options import QuoteMode
engine = Recording()
text = open({text!r}, encoding="utf-8").read()
translate_text(text, to="uk", from_lang="en", engine=engine, model="opus-mt-en-uk", quotes=QuoteMode.TRANSLATE)
print(json.dumps(engine.inputs))
"""


def test_the_model_gets_the_same_inputs_in_the_same_order_under_any_hash_seed(tmp_path):
    """Quotes to translate and the words around quotes at a sentence's edge used to be
    collected in sets, so their order followed the process's string hashes, which differ
    between the local process and each Ray actor."""
    text = tmp_path / "story.txt"
    text.write_text(
        '"The ferry runs again," said Mia Holt. "We waited all winter," added Tom Reyes. '
        'The mayor called it "a good day for the harbour" and left. '
        '"Prices will fall," the minister said. "Not soon," said a farmer. '
        '"We are ready," the captain told reporters.',
        "utf-8",
    )
    child = _CHILD.format(tests=str(Path(__file__).parent), text=str(text))
    seen = []
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True,
                             text=True, check=True, cwd=ROOT)
        seen.append(out.stdout)
    assert len(json.loads(seen[0])) >= 8
    assert seen[1:] == seen[:1] * 3
