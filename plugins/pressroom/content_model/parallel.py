"""Expensive per-release files (social cards, PDFs) drawn on every core once there are enough of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

# Below this many jobs, starting worker processes costs more than it saves.
PARALLEL_FROM = 16


def _run(job: tuple[Callable[..., bool], tuple]) -> bool:
    function, arguments = job
    return function(*arguments)


def draw_all(function: Callable[..., bool], jobs: Sequence[tuple], workers: int) -> int:
    """Call `function(*job)` for every job; returns how many returned True (drew rather than reused).

    `function` must be defined at module level, so worker processes can import it by name.
    """
    calls = [(function, job) for job in jobs]
    if workers < 2 or len(calls) < PARALLEL_FROM:
        return sum(_run(call) for call in calls)
    # spawn, not fork: the build may run beside threads (a preview server, a test's browser).
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        return sum(pool.map(_run, calls, chunksize=8))
