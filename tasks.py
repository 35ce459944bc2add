"""Pressroom tasks: `invoke --list` is the comms officer's manual."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"


def _settings(config: str, **override):
    from pelican.settings import read_settings

    return read_settings(str(ROOT / config), override=override or None)


def _swap_into_place(staging: Path, target: Path) -> None:
    """Replace `target` with `staging` so readers see either the old site or the new one, never half."""
    previous = target.with_name(target.name + ".previous")
    if previous.exists():
        shutil.rmtree(previous)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    if previous.exists():
        shutil.rmtree(previous)


def build_site(config: str, output: Path, content: Path | None = None) -> None:
    """Build into a fresh folder beside `output`, then swap it in; on failure `output` is untouched."""
    from pelican import Pelican

    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        override = {"OUTPUT_PATH": str(staging)}
        if content:
            override["PATH"] = str(Path(content).resolve())
        Pelican(_settings(config, **override)).run()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_into_place(staging, output)


@task(help={"config": "settings file: pelicanconf.py (default) or publishconf.py", "output": "output folder"})
def build(c, config="pelicanconf.py", output=str(OUTPUT)):
    """Build the site into output/ (checked first; a failed build leaves the old output as it was)."""
    build_site(config, Path(output))
    print(f"Built {output}")


@task(help={"config": "settings file to check with"})
def check(c, config="pelicanconf.py"):
    """Check every release, page and directory for mistakes, without building."""
    from validation.site_check import check_site, report

    result = check_site(_settings(config))
    if result.problems:
        print(report(result), file=sys.stderr)
    if result.errors:
        sys.exit(1)
    print(f"Checked {len(result.releases)} releases and {len(result.pages)} pages: no errors.")


@task(help={"port": "port to serve on (default 8000)"})
def serve(c, port=8000):
    """Preview the site at http://localhost:8000, rebuilding and reloading the browser on every save."""
    from livereload import Server

    def rebuild():
        try:
            build_site("pelicanconf.py", OUTPUT)
        except SystemExit as stop:
            print(stop, file=sys.stderr)

    rebuild()
    server = Server()
    for watched in ("content", "theme", "plugins", "pelicanconf.py"):
        server.watch(str(ROOT / watched), rebuild)
    server.serve(host="localhost", port=int(port), root=str(OUTPUT))


@task(help={"type": "press-release, policy-response, statement, news or event", "title": "the headline"})
def new(c, type, title):
    """Start a new draft release of TYPE titled TITLE, dated today, with the fields its type needs."""
    from content_model.loading import context_from_settings
    from content_model.scaffold import release_front_matter

    settings = _settings("pelicanconf.py")
    context, _ = context_from_settings(settings)
    try:
        relative, text = release_front_matter(type, title, dt.date.today(), context.slugify)
    except ValueError as error:
        sys.exit(str(error))
    target = Path(settings["PATH"]) / relative
    if target.exists():
        sys.exit(f"{target} already exists — choose another title, or edit that file")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(
        f"Created {target.relative_to(ROOT)} as a draft: fill it in, run `invoke check`, "
        "then set status: published"
    )


@task
def clean(c):
    """Remove built output and caches."""
    for path in (OUTPUT, ROOT / "cache", ROOT / ".pytest_cache", ROOT / ".ruff_cache"):
        shutil.rmtree(path, ignore_errors=True)


@task
def lint(c):
    """Check code style with ruff."""
    c.run("ruff check .", pty=False)
    c.run("ruff format --check .", pty=False)


@task(help={"browser": "also run the browser and validator tests (needs scripts/install-test-tools)"})
def test(c, browser=True):
    """Run the whole test suite (pytest)."""
    marks = "" if browser else " -m 'not browser and not validator'"
    c.run(f"{sys.executable} -m pytest{marks}", pty=False)
