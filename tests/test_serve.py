"""`invoke serve`: a saved release's page is served updated before the rest of the site is rebuilt."""

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest
from bs4 import BeautifulSoup
from support.site import INVOKE, run_invoke

from publishing import serve as serve_module

RELEASE = "content/releases/2022/2022-05-23-care-review-response.md"
RELEASE_PAGE = "releases/2022/care-review-response/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def fetch(port: int, path: str) -> str:
    try:
        with urllib.request.urlopen(f"http://localhost:{port}/{path}", timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return ""


def wait_for(condition, seconds: float, what: str):
    """Poll until `condition()` is true; a limit on waiting, not a measurement of speed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def served(project):
    port = free_port()
    log = (project / "serve.log").open("w")
    process = subprocess.Popen(
        [*INVOKE, "serve", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(lambda: "</html>" in fetch(port, RELEASE_PAGE), 240, "the first build to be served")
        yield project, port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
        # Shown by pytest only when the test failed: what serve said is how to tell why.
        print((project / "serve.log").read_text(encoding="utf-8", errors="replace"))


def edit(project, old: str, new: str) -> None:
    source = project / RELEASE
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_release_page_is_updated_then_the_listings_follow(served):
    project, port = served
    release = (project / RELEASE).read_text(encoding="utf-8")
    paragraph = next(line for line in release.split("\n---\n", 1)[1].splitlines() if line[:1].isalpha())
    edit(project, paragraph, paragraph + " Wombats were consulted.")
    wait_for(lambda: "Wombats were consulted." in fetch(port, RELEASE_PAGE), 60, "the edited page")
    # Built alone first, and said so, before the whole site.
    log = project / "serve.log"
    wait_for(lambda: f"Updated {RELEASE_PAGE}index.html" in log.read_text(), 30, "serve to say so")

    title = next(line for line in release.splitlines() if line.startswith("title:"))
    edit(project, title, "title: Our answer to the Care Review, reconsidered")
    wait_for(lambda: "reconsidered" in fetch(port, ""), 180, "the home page to list the new title")
    wait_for(lambda: "reconsidered" in fetch(port, "feeds/all.atom.xml"), 60, "the feed to follow")

    # Polled, as every read here: the page built alone comes first, the whole build's page after it.
    def page_has_both_edits() -> bool:
        page = fetch(port, RELEASE_PAGE)
        return "Wombats were consulted." in page and "reconsidered" in page

    wait_for(page_has_both_edits, 60, "the page to keep the edit and show the new title")


def test_a_broken_save_is_listed_on_every_page_and_the_other_releases_keep_updating(served):
    project, port = served
    edit(project, "date: 2022-05-23", "date: 2022-02-30")
    mistake = "2022-05-23-care-review-response.md:3: date: "
    wait_for(lambda: mistake in fetch(port, ""), 120, "the home page to list the mistake")

    def banner_lists_the_mistake() -> bool:
        banner = BeautifulSoup(fetch(port, "archive/"), "html.parser").select_one(".problems-banner")
        return banner is not None and mistake in banner.get_text()

    wait_for(banner_lists_the_mistake, 60, "another page's banner to list the mistake")
    assert "Traceback" not in (project / "serve.log").read_text()

    other = project / "content/releases/2022/2022-04-02-family-hubs-funding-response.md"
    text = other.read_text(encoding="utf-8")
    other.write_text(text.replace("The Parent-Infant Foundation has welcomed", "Wombats have welcomed", 1))
    page = "releases/2022/family-hubs-funding-response/"
    wait_for(lambda: "Wombats have welcomed" in fetch(port, page), 60, "the other release to update")
    # Built alone first, the page lists only its own mistakes; the whole build that follows lists all.
    wait_for(lambda: mistake in fetch(port, page), 120, "the list of mistakes to stay until they are fixed")


def test_a_settings_file_saved_mid_edit_is_reported_and_the_next_save_is_built(served):
    project, port = served
    settings = project / "pelicanconf.py"
    good = settings.read_text(encoding="utf-8")
    settings.write_text(good + "\nNAVIGATION = (\n", encoding="utf-8")
    log = project / "serve.log"
    wait_for(
        lambda: "pelicanconf.py:" in log.read_text() and "was never closed" in log.read_text(),
        60,
        "the mistake",
    )
    settings.write_text(good, encoding="utf-8")
    release = (project / RELEASE).read_text(encoding="utf-8")
    paragraph = next(line for line in release.split("\n---\n", 1)[1].splitlines() if line[:1].isalpha())
    edit(project, paragraph, paragraph + " Otters were consulted.")
    wait_for(lambda: "Otters were consulted." in fetch(port, RELEASE_PAGE), 120, "the page after the mend")
    assert "Traceback" not in log.read_text()


def test_serving_a_folder_that_does_not_exist_ends_with_a_sentence(project):
    result = run_invoke(project, "serve", "--port", str(free_port()), "--content", "no-such-folder")
    assert result.returncode == 1
    assert "--content no-such-folder: there is no such folder" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("given", ["", ".", ".."])
def test_serving_a_content_folder_that_holds_the_project_ends_with_a_sentence(project, given):
    result = run_invoke(project, "serve", "--port", str(free_port()), f"--content={given}")
    assert result.returncode == 1
    assert f"--content {given!r} is {(project / given).resolve()}, which holds the whole project" in (
        result.stderr
    )
    assert not (project / "output").exists(), "nothing is built"


def status_of(port: int, path: str, host: str) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_preview_answers_only_this_machine_by_name(served):
    """A page that points its own name at 127.0.0.1 (DNS rebinding) must not read the preview."""
    _project, port = served
    for path in ("", RELEASE_PAGE, "livereload.js", "forcereload"):
        assert status_of(port, path, f"evil.example:{port}") == 403, path
        assert status_of(port, path, f"localhost:{port}") == 200, path
        assert status_of(port, path, f"127.0.0.1:{port}") == 200, path
    assert status_of(port, "", "localhost") == 403, "the port is part of the name"


def test_invoke_preview_names_a_way_to_look_at_it_that_works(project):
    built = subprocess.run([*INVOKE, "preview"], cwd=project, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert "run `invoke preview --serve` and open http://localhost:8000/" in built.stdout

    port = free_port()
    process = subprocess.Popen(
        [*INVOKE, "preview", "--serve", "--port", str(port)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(lambda: "</html>" in fetch(port, ""), 240, "the preview to be served")
        home = BeautifulSoup(fetch(port, ""), "html.parser")
        stylesheet = home.select_one("link[rel=stylesheet]")["href"]
        assert "body" in fetch(port, stylesheet.lstrip("/")), "the page's stylesheet is there"
        assert home.select_one(".preview-banner") is not None
        assert status_of(port, "", f"evil.example:{port}") == 403, "the same Host rule as every preview"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


class RefusedWatcher(RuntimeError):
    """What watchfiles raises when the system has no watcher left to give (its inotify limit reached)."""


def watching_in_a_thread(project, monkeypatch, refuse_polling: bool):
    """`serve`'s watcher over `project` on a system that refuses to watch files natively (and, with
    `refuse_polling`, to poll them too); returns it running, with the changes it hands on to be built."""
    real_file_changes = serve_module.file_changes

    def refusing(paths, stop, *, polling):
        if not polling or refuse_polling:
            raise RefusedWatcher("Error creating recommended watcher: Too many open files (os error 24)")
        return real_file_changes(paths, stop, polling=polling)

    handed_on: list[set] = []
    monkeypatch.setattr(serve_module, "file_changes", refusing)
    monkeypatch.setattr(serve_module, "on_changes", lambda changed, *rest: handed_on.append(changed))
    site = serve_module.Project(project / "pelicanconf.py", project / "content", project / "output")
    stop, ready = threading.Event(), threading.Event()
    watcher = threading.Thread(target=serve_module.watch, args=(site, None, 0, stop, ready), daemon=True)
    watcher.start()
    return watcher, stop, ready, handed_on


def test_where_the_system_will_not_watch_files_they_are_polled_and_a_save_is_still_built(
    project, monkeypatch, capsys
):
    watcher, stop, ready, handed_on = watching_in_a_thread(project, monkeypatch, refuse_polling=False)
    try:
        wait_for(lambda: ready.is_set() or not watcher.is_alive(), 60, "the watching to begin")
        assert ready.is_set()
        edit(project, "date: 2022-05-23", "date: 2022-05-24")
        wait_for(lambda: handed_on, 60, "the save to be handed on to be built")
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert handed_on == [{(project / RELEASE).resolve()}]
    assert (
        "would not watch the project's files for changes (Error creating recommended watcher: Too many "
        "open files (os error 24)); checking them every 0.3 s instead." in capsys.readouterr().err
    )


def test_where_files_can_be_neither_watched_nor_polled_the_watching_ends_in_a_sentence(
    project, monkeypatch, capsys
):
    watcher, stop, ready, _ = watching_in_a_thread(project, monkeypatch, refuse_polling=True)
    watcher.join(timeout=60)
    stop.set()
    assert not watcher.is_alive() and not ready.is_set(), "serve must not start serving unwatched files"
    assert "The project's files cannot be checked for changes: Error creating recommended watcher" in (
        capsys.readouterr().err
    )


def test_the_site_is_served_only_once_its_files_are_watched(project, monkeypatch):
    """A save made the moment the first page is seen must be built: so the port opens only after the
    watcher has begun (on a slow machine it began after, and such a save was never seen)."""
    from publishing import preview_server

    watching_may_begin, served = threading.Event(), threading.Event()

    def slow_to_begin(paths, stop, *, polling):
        watching_may_begin.wait()
        yield set()
        stop.wait()

    monkeypatch.setattr(serve_module, "run_whole_build", lambda site: True)
    monkeypatch.setattr(serve_module, "file_changes", slow_to_begin)
    monkeypatch.setattr(preview_server.PreviewServer, "serve", lambda server, **options: served.set())
    site = serve_module.Project(project / "pelicanconf.py", project / "content", project / "output")
    serving = threading.Thread(target=serve_module.serve, args=(site, free_port()), daemon=True)
    serving.start()
    assert not served.wait(2), "the port opened before the files were watched"
    watching_may_begin.set()
    assert served.wait(60), "the port never opened once the files were watched"
    serving.join(timeout=30)
