"""The benchmark: Pressroom beside plain Pelican on one synthetic archive, each build in a fresh process."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from .corpus import edit_release, newest_release, write_corpus
from .serve import measure_serve, project_copy

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
# The targets, as a share of plain Pelican's cold build of the same Markdown.
TARGETS = {"Pressroom, cold": 1.0, "Pressroom, one edit": 0.5}
BUILDS = ("plain Pelican, cold", "Pressroom, cold", "Pressroom, one edit", "Pressroom, no change")
# The words the one-edit rebuild puts into the newest release's title and first paragraph.
EDIT_WORDS = ("Reconsidered", "recalibrated")


def build_once(settings: Path, content: Path, output: Path, cache: Path, extra: list[str]) -> dict:
    """Build in a fresh process; its wall seconds and peak memory, and what it wrote."""
    arguments = ["--settings", str(settings), "--content", str(content)]
    arguments += ["--output", str(output), "--cache", str(cache), *extra]
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.build_once", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"A benchmark build failed:\n{result.stderr[-4000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return {**figures, **output_figures(output, plain="--plain" in extra)}


def output_figures(output: Path, plain: bool) -> dict:
    files = [path for path in output.rglob("*") if path.is_file()]
    # Plain Pelican writes each release as SLUG.html at the top; Pressroom as releases/YEAR/SLUG/index.html.
    pages = output.glob("release-*.html") if plain else output.glob("releases/**/index.html")
    return {
        "files": len(files),
        "bytes": sum(path.stat().st_size for path in files),
        "largest_release_kb": round(max((page.stat().st_size for page in pages), default=0) / 1024, 1),
    }


def check_seconds(content: Path) -> float:
    """`invoke check`'s work (validation without a build) in a fresh process."""
    code = (
        "from publishing.build import settings_for; from pressroom.validation.site_check import check_site; "
        f"check_site(settings_for({str(ROOT / 'pelicanconf.py')!r}, PATH={str(content)!r}))"
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
    return round(time.perf_counter() - started, 3)


def attempt(
    folder: Path, settings: Path, pressroom: Path, baseline: Path, count: int, without: list[str]
) -> dict:
    """One of each build, in order: plain Pelican, Pressroom cold, after one edit, after none."""
    cache = folder / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    plain_cache = folder / "plain-cache"
    shutil.rmtree(plain_cache, ignore_errors=True)
    skipped = [argument for plugin in without for argument in ("--without", plugin)]
    edited = newest_release(pressroom, count)
    original = edited.path.read_text(encoding="utf-8")
    figures = {}
    try:
        for name in BUILDS:
            if name == "Pressroom, one edit":
                edit_release(edited.path, *EDIT_WORDS)
            output = folder / "output"
            shutil.rmtree(output, ignore_errors=True)
            if name.startswith("plain"):
                figures[name] = build_once(settings, baseline, output, plain_cache, ["--plain"])
            else:
                figures[name] = build_once(settings, pressroom, output, cache, skipped)
    finally:
        # The next attempt, and the serve measurement, start from the corpus as written.
        edited.path.write_text(original, encoding="utf-8")
    return figures


def median_figures(attempts: list[dict]) -> dict:
    """Per build, the attempt with the median wall time (so its memory and output belong with it)."""
    chosen = {}
    for name in attempts[0]:
        ordered = sorted((figures[name] for figures in attempts), key=lambda figures: figures["seconds"])
        chosen[name] = ordered[(len(ordered) - 1) // 2]
    return chosen


def machine() -> dict:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "platform": platform.platform(),
        "load_average_at_start": [round(load, 2) for load in os.getloadavg()],
        "commit": git_commit(),
    }


def git_commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return result.stdout.strip()


def run(count: int, repeats: int = 1, without: tuple[str, ...] = ()) -> dict:
    """Every build of the benchmark, `repeats` times each (the median kept), and `invoke serve`'s edits."""
    started = time.perf_counter()
    facts = machine()
    with tempfile.TemporaryDirectory(prefix="pressroom-bench-") as name:
        folder = Path(name)
        pressroom, baseline = write_corpus(folder, count)
        # Pressroom's builds read the settings of the project copy `invoke serve` will run in, so the
        # server starts from the cache they leave as warm as a developer's would, even if a cache key
        # should come to hold a path (the theme's, a source's).
        project = project_copy(ROOT, folder, pressroom)
        settings = project / "pelicanconf.py"
        attempts = [
            attempt(folder, settings, pressroom, baseline, count, list(without)) for _ in range(repeats)
        ]
        builds = median_figures(attempts)
        plain = builds["plain Pelican, cold"]["seconds"]
        rows = []
        for build, figures in builds.items():
            ratio = round(figures["seconds"] / plain, 2)
            rows.append({"build": build, **figures, "ratio_to_plain": ratio, "target": TARGETS.get(build)})
        rows.append({"build": "invoke check (validation only)", "seconds": check_seconds(pressroom)})
        rows[-1]["ratio_to_plain"] = round(rows[-1]["seconds"] / plain, 2)
        serve = measure_serve(project, folder, pressroom, newest_release(pressroom, count), repeats)
    return {
        "releases": count,
        "repeats": repeats,
        "without": list(without),
        "machine": facts,
        "rows": rows,
        "serve": serve,
        "bench_seconds": round(time.perf_counter() - started, 1),
        "load_average_at_end": [round(load, 2) for load in os.getloadavg()],
        "notes": {
            "peak_mb": "largest resident memory of the build's own process",
            "workers_mb": "largest resident memory of any ONE child process (worker, Pagefind), not the sum",
            "largest_release_kb": "largest page of releases/**/index.html (plain Pelican: release-*.html)",
            "ratio_to_plain": "wall seconds over plain Pelican's cold build in this run",
        },
    }


def table(results: dict) -> str:
    """The results as a plain-text table, as `invoke bench` prints them."""
    header = (
        f"{'build':32} {'seconds':>8} {'× plain':>8} {'target':>7} {'peak MB':>8} {'workers MB':>10} "
        f"{'files':>6} {'output MB':>9} {'largest KB':>10}"
    )
    lines = [
        f"{results['releases']} releases, median of {results['repeats']}; {describe(results['machine'])}",
        header,
    ]
    for row in results["rows"]:
        target = f"≤ {row['target']:.1f}" if row.get("target") else ""
        lines.append(
            f"{row['build']:32} {row['seconds']:>8.2f} {row['ratio_to_plain']:>8.2f} {target:>7} "
            f"{cell(row, 'peak_mb'):>8} {cell(row, 'workers_mb'):>10} {cell(row, 'files'):>6} "
            f"{megabytes(row):>9} {cell(row, 'largest_release_kb'):>10}"
        )
    serve = results["serve"]
    lines += [
        "",
        f"invoke serve (serving after {serve['startup_seconds']:.1f} s; "
        f"server process peak {serve['peak_mb']} MB):",
        f"  edited release's page up to date {serve['page_seconds']:.2f} s after saving (target ≤ 1.0)",
        f"  home page shows the new title after {serve['home_seconds']:.2f} s, "
        f"all-releases feed after {serve['feed_seconds']:.2f} s",
        "",
        "workers MB: the largest single child process (a card or PDF worker, Pagefind), not their sum.",
        f"The bench took {results['bench_seconds']:.0f} s; load at the end "
        f"{results['load_average_at_end'][0]}.",
    ]
    return "\n".join(lines)


def describe(facts: dict) -> str:
    return (
        f"{facts['cpu_count']} CPUs, Python {facts['python']}, Pelican {facts['pelican']}, "
        f"load at start {facts['load_average_at_start'][0]}, commit {facts['commit'] or 'unknown'}"
    )


def cell(row: dict, key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def megabytes(row: dict) -> str:
    return f"{row['bytes'] / 1e6:.1f}" if "bytes" in row else ""


def write_results(results: dict, path: Path | None = None) -> Path:
    target = path or RESULTS / f"bench-{results['releases']}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target
