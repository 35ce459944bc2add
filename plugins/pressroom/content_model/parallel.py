"""Expensive per-release files (social cards, PDFs) drawn on every core while the main process renders pages.

A plugin hands its jobs over as soon as their inputs are known (`draw_all`, once every source is read)
and collects them (`collect`) before the build ends. Every kind of file shares one pool of worker
processes per build, kept in the build's shared context and shut down when the last batch is collected,
so workers start once. Each job writes its own file from its own inputs: the output is the same whatever
order the jobs run in and however many workers draw them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

# Below this many jobs, starting worker processes costs more than it saves.
PARALLEL_FROM = 16
# Jobs per task sent to a worker: fewer round trips, still spread evenly over the workers.
CHUNK = 8
# Where the build's pool lives while batches are open: the context every generator shares.
DRAWING_KEY = "PRESSROOM_DRAWING"
# Cached files kept per file a build uses, the ones used last: a development build, a publish and a
# preview each use their own (their addresses differ), and one more kind while a change goes through.
KEPT_PER_FILE_USED = 4
# Fewer than this are never removed, so a small site keeps a little history too.
KEPT_AT_LEAST = 64
# Each cached file begins with a line of this and a hash of its name and its bytes, so that a file cut
# short, changed, or put under another key's name (two PDFs swapped) is drawn again, never published.
SEAL = b"pressroom-cache-1 "


class DrawingFailed(SystemExit):
    """A card or PDF could not be drawn: the build stops with a sentence, not a traceback."""


@dataclass
class Batch:
    """One plugin's jobs: drawn already (in this process) or under way in the pool."""

    what: str
    jobs: int
    started: float
    drawn: int = 0
    futures: list[Future] = field(default_factory=list)


@dataclass
class Drawing:
    """The build's pool of worker processes and how many batches still use it."""

    pool: ProcessPoolExecutor | None = None
    open_batches: int = 0


def _run(function: Callable[..., bool], jobs: Sequence[tuple]) -> int:
    return sum(bool(function(*job)) for job in jobs)


def _failed(what: str, error: BaseException) -> DrawingFailed:
    return DrawingFailed(
        f"Could not draw the {what}: {type(error).__name__}: {error} — the build has stopped; fix the cause "
        "(the fonts in theme/fonts, the colour settings, space on the disk) and build again."
    )


def draw_all(
    context: dict,
    what: str,
    function: Callable[..., bool],
    jobs: Sequence[tuple],
    workers: int,
    reuse: Callable[..., bool] | None = None,
) -> Batch:
    """Start `function(*job)` for every job (True when it drew rather than reused); `collect` the batch.

    `reuse(*job)`, if given, runs here first and says whether it could do the job cheaply (copy a file
    from a cache): only the other jobs are drawn, so a rebuild that changed little starts no workers.
    `function` must be defined at module level, so worker processes can import it by name. A batch too
    small for workers is drawn here and now, unless the build's pool is already running.
    """
    batch = Batch(what, len(jobs), time.perf_counter())
    try:
        to_draw = [job for job in jobs if not (reuse and reuse(*job))]
    except Exception as error:
        raise _failed(what, error) from None
    drawing = context.setdefault(DRAWING_KEY, Drawing())
    if drawing.pool is None and (workers < 2 or len(to_draw) < PARALLEL_FROM):
        try:
            batch.drawn = _run(function, to_draw)
        except Exception as error:
            raise _failed(what, error) from None
        return batch
    if drawing.pool is None:
        # spawn, not fork: the build may run beside threads (a preview server, a test's browser).
        drawing.pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))
    drawing.open_batches += 1
    chunks = [to_draw[start : start + CHUNK] for start in range(0, len(to_draw), CHUNK)]
    batch.futures = [drawing.pool.submit(_run, function, chunk) for chunk in chunks]
    return batch


def collect(context: dict, batch: Batch) -> tuple[int, float]:
    """Wait for the batch: how many files were drawn, and the seconds since it was handed over."""
    if batch.futures:
        drawing = context[DRAWING_KEY]
        try:
            batch.drawn = sum(future.result() for future in batch.futures)
        except Exception as error:
            # The build stops here: nothing else it handed over is wanted.
            drawing.pool.shutdown(cancel_futures=True)
            drawing.pool, drawing.open_batches = None, 0
            raise _failed(batch.what, error) from None
        drawing.open_batches -= 1
        if drawing.open_batches == 0:
            drawing.pool.shutdown()
            drawing.pool = None
    return batch.drawn, time.perf_counter() - batch.started


def seal(name: str, data: bytes) -> bytes:
    """The first line of a cached file: the format, and a hash of the file's name (its key) and bytes."""
    return SEAL + hashlib.sha256(name.encode() + b"\n" + data).hexdigest().encode()


def copy_from_cache(cached: Path, target: Path) -> bool:
    """Put the file the cache holds at `target`; False when the cache has none, or has one that is not
    what was kept under that name (cut short, changed, or another key's file): it is drawn again."""
    try:
        kept = cached.read_bytes()
    except OSError:
        return False
    first_line, _, data = kept.partition(b"\n")
    if first_line != seal(cached.name, data):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    # Marked as used now: the files used longest ago are the ones `prune` removes.
    with contextlib.suppress(OSError):
        os.utime(cached)
    return True


def prune(folder: Path, used: int) -> int:
    """Remove the cached files of `folder` used longest ago, beyond KEPT_PER_FILE_USED for each of the
    `used` files this build took or drew (or KEPT_AT_LEAST), so that edits and theme changes do not pile
    files up on the disk for ever; returns how many were removed. A build running beside this one that
    finds a file gone draws it again."""
    files = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            # A dot file is one being written (keep_drawn); folders (the PDFs' fonts) are not cached files.
            if not entry.name.startswith(".") and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    files.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
    kept = max(KEPT_AT_LEAST, KEPT_PER_FILE_USED * used)
    removed = 0
    for _used_at, path in sorted(files, reverse=True)[kept:]:
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed += 1
    return removed


def keep_drawn(data: bytes, cached: Path, target: Path) -> None:
    """Write a drawn file into the cache, sealed (`seal`), whole and then renamed so that a build running
    beside this one (`invoke serve` rebuilding while a publish runs) never copies half of it, and then to
    `target`."""
    cached.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=cached.parent, prefix=f".{cached.name}.")
    with os.fdopen(handle, "wb") as stream:
        stream.write(seal(cached.name, data) + b"\n" + data)
    os.replace(partial, cached)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
