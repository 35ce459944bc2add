"""`invoke bench` runs end to end on a tiny archive and reports every build; timings are never judged here."""

from __future__ import annotations

import json
import subprocess
import sys

from support.site import ROOT

from benchmarks.run import BUILDS

BUILD_FIGURES = {"seconds", "peak_mb", "workers_mb", "files", "bytes", "largest_release_kb", "ratio_to_plain"}


def test_bench_prints_and_writes_every_build_and_the_serve_timings(tmp_path):
    results_file = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "bench", "--releases", "20", "--json", str(results_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    results = json.loads(results_file.read_text(encoding="utf-8"))
    assert results["releases"] == 20
    assert {"cpu_count", "python", "pelican"} <= results["machine"].keys()
    rows = {row["build"]: row for row in results["rows"]}
    for build in BUILDS:
        assert rows[build].keys() >= BUILD_FIGURES, build
        assert rows[build]["files"] > 20
        assert build in result.stdout
    assert rows["plain Pelican, cold"]["ratio_to_plain"] == 1.0
    assert rows["Pressroom, cold"]["largest_release_kb"] > 0
    serve = results["serve"]
    assert {"startup_seconds", "page_seconds", "home_seconds", "feed_seconds", "peak_mb"} <= serve.keys()
    assert serve["release"] == "releases/2015/release-19/"
    assert "edited release's page up to date" in result.stdout
