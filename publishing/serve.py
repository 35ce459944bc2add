"""`invoke serve`: the site on localhost, with an edited release's own page back in the browser at once.

A whole build of a large archive takes seconds (a warm rebuild of thousands of releases), too long to
wait for after fixing a typo. So a saved release is first built alone, in this process, and only its
page is put into the served folder; the whole site is rebuilt in another process meanwhile and swapped
in when it is done, bringing listings, feeds, search, related releases and copy-ready files up to date.
Any other change (people.yaml, a page, an image, the theme, the settings) waits for the whole build.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pressroom.content_model.content_files import is_ignored
from pressroom.content_model.site import SHOW_PROBLEMS_SETTING, site_of

from .build import build_into, settings_for

# Plugins a release's own page does not need: they index, list or package the whole site, which the
# whole build that follows does. Leaving them out keeps a one-release build well under a second.
NOT_FOR_ONE_PAGE = ("pressroom.search", "pressroom.archive", "pressroom.sitemap", "pressroom.copy_ready")
# Every build here is for the person editing: a release with mistakes is left out and every page lists
# them, so one broken file never stops the preview of the others.
FOR_THE_DESK = {SHOW_PROBLEMS_SETTING: True}


@dataclass(frozen=True)
class Project:
    """What is served: the settings file, the content folder built from, and the folder served."""

    config: Path
    content: Path
    output: Path
    override: dict = field(default_factory=dict)

    def settings(self, **more) -> dict:
        return settings_for(self.config, PATH=str(self.content), **FOR_THE_DESK, **self.override, **more)


def release_sources(changed: Iterable[Path], project: Project) -> list[Path] | None:
    """The releases to rebuild alone for this change, or None when only a whole build will do (a change
    outside the release folders, a deleted file, or more than one release at once)."""
    changed = list(changed)
    settings = project.settings()
    folders = [project.content.resolve() / folder for folder in settings.get("ARTICLE_PATHS", [])]
    if len(changed) != 1:
        return None
    path = changed[0].resolve()
    if path.suffix != ".md" or not path.is_file() or not any(path.is_relative_to(f) for f in folders):
        return None
    return [path]


def release_page_alone(source: Path, project: Project) -> Path | None:
    """Build `source` as the only release and put its page into the served folder; returns the page,
    or None when the release has no public page (a draft, an embargo, or mistakes, which the whole
    build that follows lists on every page)."""
    from pelican import signals

    pages: list[str] = []

    def note_pages(generator) -> None:
        pages.extend(article.save_as for article in generator.articles)

    settings = project.settings()
    plugins = [plugin for plugin in settings["PLUGINS"] if plugin not in NOT_FOR_ONE_PAGE]
    relative = source.relative_to(project.content.resolve()).as_posix()
    # Its own cache: the whole build running beside this one in another process writes the usual one.
    cache = Path(settings["CACHE_PATH"]) / "serve-one-release"
    signals.article_generator_finalized.connect(note_pages)
    try:
        # Beside the served folder, so its page moves into it in one step (the same file system).
        project.output.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".one-release-", dir=project.output.parent) as folder:
            built = Path(folder) / "site"
            build_into(
                built,
                project.config,
                PATH=str(project.content),
                # The pages stay (they are few): a release's links to them resolve as in the whole site.
                ARTICLE_PATHS=[relative],
                PLUGINS=plugins,
                CACHE_PATH=str(cache),
                **FOR_THE_DESK,
                **project.override,
            )
            if not pages:
                return None
            return replace_file(built / pages[0], project.output / pages[0])
    finally:
        signals.article_generator_finalized.disconnect(note_pages)


def replace_file(new: Path, target: Path) -> Path:
    """Put `new` at `target` in one step, so the server never sends half a page."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    os.replace(new, temporary)
    os.replace(temporary, target)
    return target


def whole_build_command(project: Project) -> list[str]:
    return [
        sys.executable,
        "-c",
        "import sys; from publishing.serve import whole_build_main; whole_build_main(sys.argv[1:])",
        str(project.config),
        str(project.content),
        str(project.output),
    ]


def run_whole_build(project: Project) -> bool:
    """The whole build in another process, from the project's folder, as every build there runs."""
    return subprocess.run(whole_build_command(project), cwd=project.config.parent).returncode == 0


def whole_build_main(arguments: list[str]) -> None:
    """The whole build, run in its own process so that each build starts from fresh plugin state."""
    from .build import build_and_replace

    config, content, output = (Path(argument) for argument in arguments)
    settings = build_and_replace(output, config, live=(), PATH=str(content), **FOR_THE_DESK)
    # What the rebuild did again, for whoever wonders why one took long.
    print(site_of(settings).memos.summary(), flush=True)


class WholeBuilds:
    """Runs whole builds one at a time in another process; a request made while one runs starts one
    more when it ends, so the last change is always built. `done(succeeded)` is called after each."""

    def __init__(self, project: Project, done: Callable[[bool], None]):
        self.project, self.done = project, done
        self.wanted = threading.Event()
        self.thread = threading.Thread(target=self._run, name="whole builds", daemon=True)
        self.thread.start()

    def request(self) -> None:
        self.wanted.set()

    def run_now(self) -> bool:
        started = time.monotonic()
        succeeded = run_whole_build(self.project)
        if succeeded:
            print(f"Rebuilt the whole site in {time.monotonic() - started:.1f} s", flush=True)
        return succeeded

    def _run(self) -> None:
        while True:
            self.wanted.wait()
            self.wanted.clear()
            self.done(self.run_now())


def reload_browsers(port: int) -> None:
    """Ask livereload's own endpoint to reload every open page (it skips its usual three-second pause)."""
    with contextlib.suppress(OSError):
        urllib.request.urlopen(f"http://localhost:{port}/forcereload", timeout=5).close()


def watched_paths(project: Project) -> list[Path]:
    root = project.config.parent
    return [project.content, root / "theme", root / "plugins", project.config]


def on_changes(changed: set[Path], project: Project, builds: WholeBuilds, port: int) -> None:
    try:
        sources = release_sources(changed, project)
    except (SystemExit, Exception) as stop:
        # The settings cannot be read (pelicanconf.py saved mid-edit): the whole build says why, and the
        # watching goes on, so the save that mends them is built.
        print(stop, file=sys.stderr, flush=True)
        sources = None
    if sources:
        try:
            page = release_page_alone(sources[0], project)
        except (SystemExit, Exception) as stop:
            # The whole build that follows decides: it reports the same problems, or, when building the
            # release alone was what failed, builds it with everything else.
            print(stop, file=sys.stderr, flush=True)
            page = None
        if page is not None:
            print(f"Updated {page.relative_to(project.output)}; rebuilding the rest of the site", flush=True)
            reload_browsers(port)
    builds.request()


def changes_to_build(changes: Iterable[tuple[object, str]], settings: dict) -> set[Path]:
    """The changed paths a build must see: an editor's lock, swap or backup file changes nothing built."""
    return {Path(path) for _, path in changes if not is_ignored(Path(path).name, settings)}


def file_changes(paths: list[Path], stop: threading.Event, *, polling: bool):
    """Sets of changed files under `paths` until `stop`, an empty one after each quiet tenth of a second
    (so the first shows the watching has begun). Short steps: a save is noticed within a tenth of a
    second, not livereload's 0.8 s poll."""
    from watchfiles import watch as watch_files

    return watch_files(
        *paths,
        step=20,
        debounce=400,
        rust_timeout=100,
        yield_on_timeout=True,
        stop_event=stop,
        raise_interrupt=False,
        force_polling=polling,
    )


def watch(
    project: Project, builds: WholeBuilds, port: int, stop: threading.Event, ready: threading.Event
) -> None:
    """Build each change until `stop`; `ready` is set once the files are watched, so nothing saved after
    the site is first served can go unnoticed. Where the system will not watch them (its limit on
    watchers reached), they are checked for changes every 0.3 s instead; if even that fails, the watching
    ends with a sentence, and `ready` is never set."""
    paths = [path for path in watched_paths(project) if path.exists()]
    settings = project.settings()
    try:
        changes_seen = file_changes(paths, stop, polling=False)
        first = next(changes_seen)
    except Exception as refused:
        print(
            f"The system would not watch the project's files for changes ({refused}); checking them "
            "every 0.3 s instead.",
            file=sys.stderr,
            flush=True,
        )
        try:
            changes_seen = file_changes(paths, stop, polling=True)
            first = next(changes_seen)
        except Exception as failed:
            print(
                f"The project's files cannot be checked for changes: {failed}.", file=sys.stderr, flush=True
            )
            return
    ready.set()
    for changes in itertools.chain([first], changes_seen):
        changed = changes_to_build(changes, settings)
        if changed:
            on_changes(changed, project, builds, port)


def serve(project: Project, port: int) -> None:
    """Build the whole site, then serve it and keep it up to date until interrupted."""
    from .preview_server import PreviewServer

    if not run_whole_build(project):
        sys.exit("The site could not be built: fix the problems above, then run `invoke serve` again.")

    def whole_build_done(succeeded: bool) -> None:
        if succeeded:
            reload_browsers(port)

    builds = WholeBuilds(project, whole_build_done)
    stop, watching = threading.Event(), threading.Event()
    watcher = threading.Thread(target=watch, args=(project, builds, port, stop, watching), daemon=True)
    watcher.start()
    # Served only once watched: a save made the moment the first page is seen must still be built.
    while not watching.wait(0.1):
        if not watcher.is_alive():
            sys.exit(
                "Nothing is served, as a save would not be seen (see above): stop other programs that "
                "watch files, then run `invoke serve` again."
            )
    server = PreviewServer()
    # livereload watches the working folder when told to watch nothing; the build marker never changes
    # by itself, and reloads come from `reload_browsers`.
    server.watch(str(project.output / ".pressroom-build"))
    try:
        server.serve(host="localhost", port=port, root=str(project.output), open_url_delay=None)
    finally:
        stop.set()
