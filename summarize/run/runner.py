"""Where model work runs: the protocol the batch driver and the runners share.

A Runner takes windows of documents and gives back each window with its results, in
any order. ``batch`` (the driver) and ``ray_runner`` both depend on this module, not
on each other, so a runner can be added without touching the driver.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from summarize.document import Document
from summarize.options import RunOptions, Task
from summarize.record import Failure, Record

if TYPE_CHECKING:
    from summarize.engines.core import Engine

Results = list[Record | Failure]
# Windows of documents in, (window, results) out, in any order. Windows come lazily
# (read as they are asked for), so a runner pulls only what it can keep busy. A runner
# must run each window as it is: a document's output may depend on the other documents
# of its window (they share the engine's batches).
Runner = Callable[[Iterable[list[Document]], RunOptions, "Engine | None"], Iterator[tuple[list[Document], Results]]]


def run_locally(
    windows: Iterable[list[Document]], options: RunOptions, engine: Engine | None
) -> Iterator[tuple[list[Document], Results]]:
    """One engine in this process; each model loaded once for all windows, when the
    first window arrives (a run whose inputs all fail or are done loads none)."""
    from summarize.run import pipeline

    for window in windows:
        if engine is None and options.task is not Task.QUOTES:
            engine = pipeline.make_engine(options)
        yield window, pipeline.run_batch(window, options, engine)
