"""`invoke serve` timed as a comms officer meets it: save an edit, then reload until the page shows it.

The server runs in a throwaway copy of the project (its own tasks.py, settings and links to the theme,
plugins and publishing/), so it builds into that copy's output/ and cache/ and never touches the
developer's own.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from statistics import median

from .corpus import Release, edit_release

# Each edit of the served release changes the words the previous one put in, so every save is a change.
SERVE_WORDS = (
    ("Reappraised", "reweighted"),
    ("Reexamined", "readjusted"),
    ("Revisited", "rebalanced"),
)
ALL_RELEASES_FEED = "feeds/all.atom.xml"
# A cold build of thousands of releases takes minutes; the bench waits for it rather than give up.
STARTUP_LIMIT = 3600
EDIT_LIMIT = 1800
# How often each address is fetched after a save. The feed is large (about a megabyte at 1,000
# releases): fetched as often as the page, it would take the CPU the server's rebuild needs.
PAGE_EVERY = 0.05
LISTINGS_EVERY = 0.25


def project_copy(root: Path, folder: Path, content: Path) -> Path:
    """A copy of the project at `root` to run `invoke serve` in, serving `content`."""
    project = folder / "project"
    project.mkdir()
    # Copied, not linked: tasks.py finds the project (its output/, cache/, settings) from where it lies.
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy(root / name, project / name)
    for name in ("theme", "plugins", "publishing"):
        (project / name).symlink_to(root / name, target_is_directory=True)
    # Settings files name content/ and must find it, though the server is given the corpus by --content.
    (project / "content").symlink_to(content, target_is_directory=True)
    return project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    """The body at `url`, or None while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=EDIT_LIMIT) as response:
            return response.read().decode("utf-8")
    except (OSError, http.client.HTTPException):
        # Refused, reset, or cut short while a finished build is swapped in: asked again next time.
        return None


def peak_mb(pid: int) -> float | None:
    """The process's largest resident memory so far (Linux's VmHWM), in MB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return None
    line = next((line for line in status.splitlines() if line.startswith("VmHWM:")), None)
    return round(int(line.split()[1]) / 1024, 1) if line else None


def wait_until_serving(server: subprocess.Popen, base: str, log: Path) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < STARTUP_LIMIT:
        if server.poll() is not None:
            raise SystemExit(f"invoke serve stopped before serving:\n{log.read_text()[-4000:]}")
        if fetch(base) is not None:
            return time.perf_counter() - started
        time.sleep(0.2)
    raise SystemExit(f"invoke serve was not serving after {STARTUP_LIMIT} s:\n{log.read_text()[-4000:]}")


def time_one_edit(base: str, release: Release, words: tuple[str, str]) -> dict:
    """Save an edit, then poll the page, the home page and the feed until each shows it."""
    title_word, body_word = words
    watched = {
        "page_seconds": (base + release.url, (title_word, body_word), PAGE_EVERY),
        "home_seconds": (base, (title_word,), LISTINGS_EVERY),
        "feed_seconds": (base + ALL_RELEASES_FEED, (title_word,), LISTINGS_EVERY),
    }
    for url, expected, _ in watched.values():
        if any(word in (fetch(url) or "") for word in expected):
            raise SystemExit(f"{url} shows {expected} before the edit: the measurement would mean nothing")
    edit_release(release.path, title_word, body_word)
    saved = time.perf_counter()
    seen: dict[str, float] = {}
    next_fetch = dict.fromkeys(watched, saved)
    while len(seen) < len(watched) and time.perf_counter() - saved < EDIT_LIMIT:
        for key, (url, expected, every) in watched.items():
            if key in seen or time.perf_counter() < next_fetch[key]:
                continue
            if all(word in (fetch(url) or "") for word in expected):
                seen[key] = round(time.perf_counter() - saved, 3)
            next_fetch[key] = time.perf_counter() + every
        time.sleep(PAGE_EVERY / 5)
    missing = sorted(set(watched) - set(seen))
    if missing:
        raise SystemExit(f"invoke serve never showed the edit at {missing} within {EDIT_LIMIT} s")
    return seen


def stop(server: subprocess.Popen) -> None:
    """End the server and everything it started (workers, Pagefind), whatever state it is in."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def measure_serve(project: Path, folder: Path, content: Path, release: Release, edits: int) -> dict:
    """Start `invoke serve --content` in `project` (a project_copy), time `edits` saves to the release."""
    # The last benchmark build's cache, so the server starts as warm as a developer's would.
    if (folder / "cache").is_dir():
        shutil.move(folder / "cache", project / "cache")
    port = free_port()
    log = folder / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "invoke", "serve", "--port", str(port), "--content", str(content)],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base = f"http://localhost:{port}/"
        startup = wait_until_serving(server, base, log)
        # The server watches for saves from a thread of its own: give it a moment to be watching.
        time.sleep(1)
        timings = [time_one_edit(base, release, SERVE_WORDS[n % len(SERVE_WORDS)]) for n in range(edits)]
        peak = peak_mb(server.pid)
    finally:
        stop(server)
    return {
        "startup_seconds": round(startup, 2),
        **{key: median(timing[key] for timing in timings) for key in timings[0]},
        "edits": timings,
        "peak_mb": peak,
        "release": release.url,
    }
