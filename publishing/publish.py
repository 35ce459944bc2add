"""Publish: build with the production settings, check, and only then replace the live site.

Every publish is kept in `.publish/builds/` with a history, so `rollback` can put the previous
one back on any target.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from .build import build_into, settings_for
from .checks import check_build
from .targets import Progress, target_from_settings

STORE_FOLDER = ".publish"
KEEP_BUILDS = 5


class PublishFailed(SystemExit):
    """Ends `invoke publish` with status 1 and every reason, leaving the live site untouched."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join([*problems, f"{len(problems)} problem(s): nothing was published."]))
        self.problems = problems


@dataclass(frozen=True)
class Outcome:
    name: str
    deployed: bool
    message: str


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class BuildStore:
    """The builds that have been published, oldest first, kept for rollback."""

    def __init__(self, root: Path):
        self.root = root
        self.builds = root / "builds"
        self.history_file = root / "history.json"

    def history(self) -> list[str]:
        if not self.history_file.exists():
            return []
        return json.loads(self.history_file.read_text("utf-8"))

    def record(self, history: list[str]) -> None:
        self.history_file.write_text(json.dumps(history, indent=1), "utf-8")
        kept = set(history[-KEEP_BUILDS:])
        for build in self.builds.iterdir():
            if build.name not in kept and not build.name.startswith("."):
                shutil.rmtree(build)

    def current(self) -> Path | None:
        history = self.history()
        return self.builds / history[-1] if history else None


def new_build_name(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")


def publish(
    config: str | Path = "publishconf.py",
    target=None,
    store: BuildStore | None = None,
    at: str | None = None,
    progress: Progress = print,
    content: Path | None = None,
) -> Outcome:
    """Build, check and deploy; any failure before the deploy leaves the live site as it was."""
    root = Path(config).resolve().parent
    store = store or BuildStore(root / STORE_FOLDER)
    store.builds.mkdir(parents=True, exist_ok=True)
    name = new_build_name(dt.datetime.now(dt.UTC))
    staging = store.builds / f".{name}.partial"
    override = {"PRESSROOM_NOW": at} if at else {}
    if content:
        override["PATH"] = str(Path(content).resolve())
    try:
        progress("Building with " + str(config))
        settings = build_into(staging, config, **override)
        figures, problems = check_build(staging, settings.get("SITEURL", ""))
        if problems:
            raise PublishFailed(problems)
        progress(
            f"Checked {figures['pages']} pages, {figures['links']} internal links and "
            f"{figures['machine_files']} feeds, sitemaps and JSON files"
        )
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    build = store.builds / name
    staging.rename(build)

    current = store.current()
    if current is not None and current.exists() and tree_digest(current) == tree_digest(build):
        shutil.rmtree(build)
        return Outcome(
            current.name, False, "Nothing has changed since the last publish: the live site stays."
        )
    target = target or target_from_settings(settings["PUBLISH_TARGET"], root)
    target.deploy(build, name, progress)
    store.record([*store.history(), name])
    return Outcome(name, True, f"Published {name}.")


def rollback(
    config: str | Path = "publishconf.py",
    target=None,
    store: BuildStore | None = None,
    progress: Progress = print,
) -> Outcome:
    """Put the previously published build back live, and forget the one it replaces."""
    root = Path(config).resolve().parent
    store = store or BuildStore(root / STORE_FOLDER)
    history = store.history()
    if len(history) < 2:
        raise PublishFailed(["There is no earlier publish to roll back to."])
    previous = history[-2]
    target = target or target_from_settings(settings_for(config)["PUBLISH_TARGET"], root)
    target.deploy(store.builds / previous, previous, progress)
    shutil.rmtree(store.builds / history[-1], ignore_errors=True)
    store.record(history[:-1])
    return Outcome(previous, True, f"Rolled back to {previous}.")
