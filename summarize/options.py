"""The choices a run can make, validated once at the edge and frozen after.

Everything below the CLI receives one ``RunOptions``; nothing reads flags or the
environment on its own, so the library behaves the same from Python and the shell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Task(str, Enum):
    SUMMARY = "summary"
    TRANSLATION = "translation"
    QUOTES = "quotes"


class Length(str, Enum):
    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"


class QuoteMode(str, Enum):
    """What happens to quotes when the text is translated."""

    KEEP = "keep"  # verbatim source words, never through the model
    TRANSLATE = "translate"  # translated as a unit of its own, marked as translated
    BOTH = "both"  # verbatim words, then the translation in brackets


class QuoteMarks(str, Enum):
    TARGET = "target"  # the target language's marks around the untouched words
    SOURCE = "source"  # the marks the source used


class Device(str, Enum):
    AUTO = "auto"
    CPU = "cpu"
    CUDA = "cuda"


class Backend(str, Enum):
    AUTO = "auto"  # CTranslate2 where installed and the model family runs there, else torch
    TORCH = "torch"
    CT2 = "ct2"


class Precision(str, Enum):
    AUTO = "auto"  # CPU: int8 under CTranslate2, fp32 under torch; CUDA: fp16
    FP32 = "fp32"
    FP16 = "fp16"
    BF16 = "bf16"
    INT8 = "int8"  # torch dynamic quantization, CPU only


@dataclass(frozen=True)
class RunOptions:
    task: Task = Task.SUMMARY
    to_lang: str | None = None
    from_lang: str = "auto"
    model: str | None = None  # summarizer, or translator for the translate task
    translator: str | None = None  # translator after a summary
    length: Length = Length.MEDIUM
    quotes: QuoteMode = QuoteMode.KEEP
    quote_marks: QuoteMarks = QuoteMarks.TARGET
    format: str = "text"
    out: Path | str | None = None  # a str is a URL (object storage): see storage.py
    out_is_folder: bool = False  # --out ended in '/': a folder even for one input (Path drops the slash)
    device: Device = Device.AUTO
    precision: Precision = Precision.AUTO
    backend: Backend = Backend.AUTO
    batch_size: int = 16
    num_beams: int | None = None  # None: the catalog's default for the model
    quiet: bool = False
    offline: bool = False
    force: bool = False
    debug: bool = False
    follow_symlinks: bool = False  # read files that links in a folder lead to outside it
    max_input_mb: int = 10  # largest single input; bigger ones are dumps, not articles
    encoding: str = "auto"  # auto | utf-8 | a codec name: how input bytes become text
    engine: str = "local"  # local | ray: where model work runs (never changes outputs)
    ray_address: str | None = None
    ray_actors: int | None = None
    ray_gpus_per_actor: float = 0.0
    ray_cpus_per_actor: int = 1
    key_quotes: int = 0  # attributed quotes added verbatim after a summary
    fabricated: str = "unquote"  # unquote | drop: what the audit does to an invented quote
    cache: bool = False  # reuse results of unchanged articles (digest default)
    cache_dir: Path | None = None
    sort: str = "path"  # digest order: path | date
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def cache_key(self) -> str:
        """The options that change an output, so a rerun can tell stale from done."""
        # A named encoding decodes the same bytes to other text; auto and utf-8 agree on
        # every file either accepts, and leave earlier keys as they were.
        named = "" if self.encoding in ("auto", "utf-8") else f"|encoding={self.encoding}"
        return "|".join(
            str(v)
            for v in (
                self.task.value,
                self.to_lang,
                self.from_lang,
                self.model,
                self.translator,
                self.length.value,
                self.quotes.value,
                self.quote_marks.value,
                self.format,
                self.precision.value,
                self.backend.value,
                self.num_beams,
                self.key_quotes,
                self.fabricated,
            )
        ) + named
