"""Build real sites and read their pages, as the tests and the benchmark both need."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CONTENT = ROOT / "content"
# The moment sample builds are judged at, so they do not change as real time passes.
SAMPLE_NOW = "2026-01-15T09:00:00+00:00"
FIXTURES = ROOT / "tests" / "fixtures"
INVOKE = [sys.executable, "-m", "invoke"]


def run_invoke(project: Path, *arguments: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """`invoke ARGUMENTS` run in `project` as a person runs it: its output kept, its exit code returned."""
    return subprocess.run(
        [*INVOKE, *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "200"},
    )


def copy_project(target: Path) -> Path:
    """The project's settings, tasks, theme, plugins and content copied into `target`, for tasks to change."""
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py"):
        shutil.copy(ROOT / name, target / name)
    for name in ("content", "theme", "plugins", "publishing"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def site_settings(content: Path, output: Path, config: str = "pelicanconf.py", **overrides) -> dict:
    """Settings for building `content` into `output`, as the project's own config file sets them."""
    override = {"PATH": str(content), "OUTPUT_PATH": str(output), **overrides}
    return read_settings(str(ROOT / config), override=override)


def build(content: Path, output: Path, config: str = "pelicanconf.py", **overrides) -> Path:
    Pelican(site_settings(content, output, config, **overrides)).run()
    return output


def read_html(output: Path, url_path: str) -> BeautifulSoup:
    """Parse the page a browser gets at `url_path` (a folder URL means its index.html)."""
    path = output / url_path.lstrip("/")
    if url_path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
