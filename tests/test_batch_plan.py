"""How the engines share out the CPU and size their batches (no model needed)."""

from __future__ import annotations

from summarize.engines.batch_plan import cpu_workers, rows_by_tokens


def test_cpu_cores_become_one_thread_workers_and_a_ray_actor_gets_one(monkeypatch):
    """Decoding multiplies small matrices, which one core does best: the cores are shared
    out as workers of one thread each (up to four, then threads per worker). A scheduler
    that gave this process one CPU (Ray sets OMP_NUM_THREADS per actor) gets one worker."""
    assert cpu_workers(2) == (2, 1)
    assert cpu_workers(16) == (4, 4)
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert cpu_workers() == (1, 1)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    assert cpu_workers() == (3, 1)


def test_short_inputs_share_bigger_batches_and_long_ones_keep_the_batch_size():
    """Recovery pieces of a few words fill up to four times --batch-size rows; summary
    chunks near the model's limit keep --batch-size, never fewer."""
    assert rows_by_tokens(16, 8) == 64
    assert rows_by_tokens(16, 64) == 32
    assert rows_by_tokens(16, 1000) == 16
    assert rows_by_tokens(1, 5) == 4
