"""The benchmark: Pressroom beside plain Pelican on one synthetic archive, each build in a fresh process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import write_corpus

ROOT = Path(__file__).resolve().parents[1]


def measure(arguments: list[str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.build_once", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_check(content: Path) -> float:
    started = time.perf_counter()
    code = (
        "from publishing.build import settings_for; from validation.site_check import check_site; "
        f"check_site(settings_for({str(ROOT / 'pelicanconf.py')!r}, PATH={str(content)!r}))"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def run(count: int, repeats: int = 3) -> list[dict]:
    """Plain Pelican, then Pressroom cold (empty card cache), then Pressroom warm, `repeats` times each."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        pressroom, baseline = write_corpus(Path(folder), count)
        cache = Path(folder) / "cache"
        builds = [("plain Pelican", baseline, ["--plain"], False)]
        builds += [
            ("Pressroom, cold cache", pressroom, [], True),
            ("Pressroom, warm cache", pressroom, [], False),
        ]
        for attempt in range(repeats):
            for name, content, extra, cold in builds:
                if cold:
                    shutil.rmtree(cache, ignore_errors=True)
                output = Path(folder) / f"out-{attempt}-{len(rows)}"
                settings = str(ROOT / "pelicanconf.py")
                figures = measure(
                    [
                        "--settings",
                        settings,
                        "--content",
                        str(content),
                        "--output",
                        str(output),
                        "--cache",
                        str(cache),
                        *extra,
                    ]
                )
                figures.update(
                    site=name,
                    releases=count,
                    attempt=attempt + 1,
                    files=sum(1 for p in output.rglob("*") if p.is_file()),
                )
                rows.append(figures)
        rows.append(
            {
                "site": "invoke check (validation only)",
                "releases": count,
                "seconds": round(min(measure_check(pressroom) for _ in range(repeats)), 3),
            }
        )
    return rows
