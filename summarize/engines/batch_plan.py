"""How a backend shares out the CPU and cuts its inputs into batches.

Both backends run their batches on workers of one thread each on CPU, and batch short
inputs by tokens; the numbers behind these rules were measured on the project's 2-core
machine (benchmarks/README.md). Nothing here depends on a model library.
"""

from __future__ import annotations

import os

# CPU workers, each running whole batches on its share of the cores. Decoding multiplies
# small matrices, which one core does best: on 2 cores, two one-thread CTranslate2 workers
# generated 1.7x the tokens per second of one two-thread worker (750 vs 444 tok/s, opus-mt
# stand-in, beam 4), two torch workers 1.12x (benchmarks/README.md). More workers than
# this would each hold a batch's activations for little more speed.
MAX_CPU_WORKERS = 4


def usable_cores() -> int:
    """The cores this process may use: ``OMP_NUM_THREADS`` where a scheduler set it (Ray
    does, per actor), else the CPU affinity mask (containers, taskset), else all."""
    try:
        omp = int(os.environ.get("OMP_NUM_THREADS", ""))
    except ValueError:
        omp = 0
    if omp > 0:
        return omp
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def cpu_workers(threads: int = 0) -> tuple[int, int]:
    """(workers, threads each) for ``threads`` CPU threads (0: ``usable_cores``): as many
    one-thread workers as there are cores, up to MAX_CPU_WORKERS, the rest of the cores
    shared among them."""
    cores = threads or usable_cores()
    workers = max(1, min(cores, MAX_CPU_WORKERS))
    return workers, max(1, cores // workers)


# Padded source tokens per row of --batch-size when batching by tokens (rows_by_tokens).
TOKENS_PER_ROW = 128


def rows_by_tokens(batch_size: int, longest: int) -> int:
    """Batching by tokens: inputs of at most ``longest`` tokens fill a batch up to
    ``batch_size`` × TOKENS_PER_ROW padded tokens, up to four times ``batch_size`` rows;
    long inputs such as summary chunks keep ``batch_size`` (fewer made summaries 8%
    slower). Recovery pieces of a few words then share one batch instead of four."""
    return max(batch_size, min(batch_size * 4, (batch_size * TOKENS_PER_ROW) // max(1, longest)))
