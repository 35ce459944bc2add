"""`invoke edit`: preview and decap-server on 127.0.0.1; saving writes content/ and rebuilds the preview.

The backend is reached only through its guard, which answers the editor page alone and only about
content: each refusal is proven here against the running `invoke edit` by plain HTTP, as a page on
another site (or one that re-points its own name at 127.0.0.1) would send it.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

import pytest
import yaml
from PIL import Image
from support.site import ROOT, copy_project

from pressroom.cms import local_backend

RELEASE = """---
title: Saved through the local backend
date: 2026-03-02
type: news
summary: A release written the way the editor writes one.
---
Its body.
"""
SAVED_RELEASE = "content/releases/2026/2026-03-02-saved.md"


@contextmanager
def edit_running(project: Path) -> Iterator[SimpleNamespace]:
    """`invoke edit` running in `project` on free ports; yields its addresses and a way to stop it."""
    (project / "cms").symlink_to(ROOT / "cms")
    port, backend_port = local_backend.free_port(), local_backend.free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "edit", "--port", str(port), "--backend-port", str(backend_port)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        announced = ""
        while "/admin/" not in announced:
            announced = process.stdout.readline()
            assert announced or process.poll() is None, "invoke edit stopped before it announced its address"
        site = f"http://127.0.0.1:{port}/"
        # The address is printed just before the server starts listening.
        assert wait_for_page(site + "admin/config.yml") == 200
        config = yaml.safe_load(fetch(site + "admin/config.yml")[1])
        yield SimpleNamespace(
            announced=announced,
            site=site,
            port=port,
            backend=config["local_backend"]["url"],
            backend_port=backend_port,
            project=project,
            stop=lambda: stop(process),
        )
    finally:
        stop(process)


@pytest.fixture
def editing(project):
    with edit_running(project) as running:
        yield running


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """One `invoke edit` for the refusal tests, in a project copy; once it runs, content/ gets what the
    build would refuse and the editor must not show: a link to the settings and a stray file."""
    project = copy_project(tmp_path_factory.mktemp("guarded"))
    (project / ".git" / "hooks").mkdir(parents=True)
    with edit_running(project) as running:
        (project / "content" / "releases" / "2022" / "leak.md").symlink_to(project / "publishconf.py")
        (project / "content" / "images").mkdir()
        (project / "content" / "images" / "embargoed-report.pdf").write_bytes(b"%PDF-1.7 embargoed")
        Image.new("RGB", (4, 4)).save(project / "content" / "images" / "chart.png")
        yield running


def stop(process: subprocess.Popen) -> None:
    """Stop `invoke edit` as a service manager would (SIGTERM); it must stop decap-server too."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
    process.stdout.close()


def fetch(url: str, payload: dict | None = None, headers: dict | None = None) -> tuple[int, str]:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except urllib.error.URLError:
        return 0, ""


def wait_for_page(url: str, seconds: float = 120) -> int:
    """Poll until `url` answers 200; a limit on waiting (a whole preview build on a busy machine)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, _ = fetch(url)
        if status == 200:
            return status
        time.sleep(0.2)
    return status


def asked(action: str, **params) -> dict:
    """A request as Decap sends it: an action and its parameters, on the branch it edits."""
    return {"action": action, "params": {"branch": "main", **params}}


def persist(path: str, raw: str = RELEASE, assets: list | None = None) -> dict:
    """The request Decap sends to save one entry (and its images) at `path`."""
    return asked(
        "persistEntry",
        dataFiles=[{"path": path, "raw": raw, "slug": "saved"}],
        assets=assets or [],
        options={"commitMessage": "Create News “saved”", "useWorkflow": False, "status": "draft"},
    )


def test_edit_serves_the_editor_and_saving_rebuilds_the_preview(editing):
    site, backend, project = editing.site, editing.backend, editing.project
    announced = editing.announced
    assert f"{site}admin/" in announced
    assert backend.startswith(f"http://127.0.0.1:{editing.backend_port}/api/v1?key=")
    info = json.loads(fetch(backend, {"action": "info"})[1])
    assert info["type"] == "local_fs", "the editor saves files; git stays with the person"

    status, admin_page = fetch(site + "admin/")
    assert status == 200 and "livereload" not in admin_page, "a save must not reload the editor"
    assert "livereload" in fetch(site)[1], "the preview pages reload themselves"

    assert fetch(backend, persist(SAVED_RELEASE), {"Origin": site.rstrip("/")})[0] == 200
    written = project / SAVED_RELEASE
    saved = written.read_text(encoding="utf-8")
    assert "title: >-\n  Saved through the local backend\n" in saved, "written as `invoke new` writes"
    saved_fields, sent_fields = (yaml.safe_load(text.split("---")[1]) for text in (saved, RELEASE))
    assert {key: str(value) for key, value in saved_fields.items()} == {
        key: str(value) for key, value in sent_fields.items()
    }
    assert wait_for_page(site + "releases/2026/saved-through-the-local-backend/") == 200

    editing.stop()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(backend, timeout=2)


def with_key(url: str, key: str | None) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(query="" if key is None else f"key={key}"))


# The project's own files outside content/, which nothing the editor sends may change or add to.
PROJECT_FILES = ("pelicanconf.py", "publishconf.py", "tasks.py", "plugins", "publishing", "theme", ".git")


def outside_content(project: Path) -> dict[str, str]:
    """A digest of each of the project's own files outside content/, and the names at its top."""
    files = [
        path
        for name in PROJECT_FILES
        for path in sorted([project / name, *(project / name).rglob("*")])
        if path.is_file() and "__pycache__" not in path.parts
    ]
    top = {path.name for path in project.iterdir() if not path.name.startswith(".preview.")}
    return {
        "top": ",".join(sorted(top)),
        **{str(path.relative_to(project)): hashlib.sha256(path.read_bytes()).hexdigest() for path in files},
    }


def refused(editor, payload: dict, url: str | None = None, headers: dict | None = None) -> str:
    """Send `payload` to the backend; assert it is refused with a sentence and changed nothing."""
    before = outside_content(editor.project)
    status, body = fetch(url or editor.backend, payload, headers)
    assert status == 403, (status, body)
    answer = json.loads(body)
    assert list(answer) == ["error"], "a refusal tells nothing but why"
    sentence = answer["error"]
    assert sentence.endswith("."), sentence
    assert outside_content(editor.project) == before
    return sentence


@pytest.mark.parametrize(
    "payload",
    [
        persist("content/releases/2026/" + "a" * 300 + ".md"),
        asked("getEntry", path="content/releases/" + "a/" * 600 + "x.md"),
        {"action": "entryProblems", "params": {"path": "content/releases/" + "b" * 256 + ".md", "raw": ""}},
    ],
    ids=["save", "read", "check"],
)
def test_a_name_too_long_for_the_disk_is_refused_with_a_sentence(editor, payload):
    url = editor.backend
    if payload["action"] == "entryProblems":
        url = url.replace("/api/v1?", "/api/v1/problems?")
        payload = payload["params"]
    sentence = refused(editor, payload, url)
    assert "is longer than a file's name (255 characters) or path (1024) may be" in sentence


def test_a_request_to_another_host_name_is_refused(editor):
    host = f"evil.example:{editor.backend_port}"
    sentence = refused(editor, {"action": "info"}, headers={"Host": host})
    assert f"Host '{host}' is not this machine's name" in sentence
    refused(editor, persist("content/releases/rebound.md"), headers={"Host": host})
    assert not (editor.project / "content" / "releases" / "rebound.md").exists()


@pytest.mark.parametrize(
    "origin", ["http://evil.example", "http://localhost:1", "null", "http://127.0.0.1.evil.example"]
)
def test_a_request_from_another_page_is_refused(editor, origin):
    sentence = refused(editor, persist("content/releases/foreign.md"), headers={"Origin": origin})
    assert f"Requests from {origin} are refused" in sentence
    assert not (editor.project / "content" / "releases" / "foreign.md").exists()


@pytest.mark.parametrize("key", [None, "", "wrong", "QmEs9eZ7qWKShUjF7a4Z03Bls29-3xSWExZljQiazKU"])
def test_a_request_without_this_starts_key_is_refused(editor, key):
    sentence = refused(editor, {"action": "info"}, url=with_key(editor.backend, key))
    assert "does not carry the key of this `invoke edit`" in sentence


def test_the_key_is_in_the_editors_config_alone(editor):
    key = dict([urlsplit(editor.backend).query.split("=", 1)])["key"]
    assert len(key) >= 40
    shown = [
        path
        for path in (editor.project / "preview").rglob("*")
        if path.is_file() and key in path.read_text(errors="ignore")
    ]
    assert [path.relative_to(editor.project).as_posix() for path in shown] == ["preview/admin/config.yml"]


COMMIT = {"commitMessage": "x"}
OUTSIDE_CONTENT = {
    "read the settings": asked("getEntry", path="pelicanconf.py"),
    "read the production settings": asked("getEntry", path="publishconf.py"),
    "climb out with ..": asked("getEntry", path="content/releases/../../publishconf.py"),
    "an absolute path": asked("getEntry", path="/etc/passwd"),
    "backslashes": asked("getEntry", path="content\\..\\publishconf.py"),
    "url-encoding": asked("getEntry", path="content/%2e%2e/publishconf.py"),
    "another spelling of the folder": asked("getEntry", path="Content/people.yaml"),
    "a link inside content/": asked("getEntry", path="content/releases/2022/leak.md"),
    "write a hidden file": persist("content/releases/.hidden.md"),
    "write the settings": persist("pelicanconf.py"),
    "write a git hook": persist(".git/hooks/post-commit", "#!/bin/sh\ntouch /tmp/owned\n"),
    "write a plugin": persist("plugins/pressroom/__init__.py"),
    "write a theme script as an image": persist(
        SAVED_RELEASE,
        assets=[{"path": "theme/static/js/share.js", "content": "YWxlcnQoMSk=", "encoding": "base64"}],
    ),
    "write a release folder's sibling": persist("content/../tasks.py"),
    "move an entry": asked(
        "persistEntry",
        **{
            **persist(SAVED_RELEASE)["params"],
            "dataFiles": [
                {"path": SAVED_RELEASE, "raw": RELEASE, "slug": "saved", "newPath": "content/pages/saved.md"}
            ],
        },
    ),
    "upload an SVG": asked(
        "persistMedia",
        asset={"path": "content/images/x.svg", "content": "PHN2Zy8+", "encoding": "base64"},
        options=COMMIT,
    ),
    "delete the tasks": asked("deleteFile", path="tasks.py", options=COMMIT),
    "delete the settings among content": asked(
        "deleteFiles", paths=["content/people.yaml", "publishconf.py"], options=COMMIT
    ),
    "read settings as entries": asked(
        "entriesByFiles", files=[{"path": "content/people.yaml"}, {"path": "publishconf.py"}]
    ),
    "read settings as an image": asked("getMediaFile", path="content/images/../../pelicanconf.py"),
    "list the project as media": asked("getMedia", mediaFolder="."),
    "list the plugins as entries": asked("entriesByFolder", folder="plugins", extension="py", depth=5),
    "an action the editor never sends": asked("runShell"),
}


@pytest.mark.parametrize("payload", OUTSIDE_CONTENT.values(), ids=OUTSIDE_CONTENT.keys())
def test_a_path_outside_releases_pages_directory_and_images_is_refused(editor, payload):
    refused(editor, payload)
    assert not (editor.project / ".git" / "hooks" / "post-commit").exists()


def test_the_editor_reads_and_writes_content_and_lists_no_link_or_stray_file(editor):
    status, body = fetch(editor.backend, asked("getEntry", path="content/people.yaml"))
    assert status == 200 and "keith-reed" in json.loads(body)["data"]
    listing = asked("entriesByFolder", folder="content/releases", extension="md", depth=2)
    status, body = fetch(editor.backend, listing)
    listed = [entry["file"]["path"] for entry in json.loads(body)]
    assert status == 200 and len(listed) == 4 and "content/releases/2022/leak.md" not in listed
    assert "PUBLISH_TARGET" not in body
    status, body = fetch(editor.backend, asked("getMedia", mediaFolder="content/images"))
    assert status == 200 and [item["path"] for item in json.loads(body)] == ["content/images/chart.png"]


@pytest.mark.parametrize("path", ["", "admin/config.yml", "admin/", "livereload.js", "forcereload"])
def test_the_preview_answers_only_this_machine_by_name(editor, path):
    url = editor.site + path
    status, body = fetch(url, headers={"Host": f"evil.example:{editor.port}"})
    assert status == 403 and "This preview answers only at" in body
    assert "key=" not in body
    for name in ("127.0.0.1", "localhost"):
        assert fetch(url, headers={"Host": f"{name}:{editor.port}"})[0] == 200


ATTACK = """async ({backend, key}) => {
    const send = async (url) => {
        try {
            const response = await fetch(url, {
                method: "POST",
                headers: {"Content-Type": "application/json"},
                body: JSON.stringify({action: "persistEntry", params: {branch: "main", dataFiles: [
                    {path: "pelicanconf.py", raw: "import os", slug: "x"}], assets: [],
                    options: {commitMessage: "x", useWorkflow: false, status: "draft"}}}),
            });
            return `${response.status}`;
        } catch (error) {
            return "blocked";
        }
    };
    return [await send(`${backend}?key=${key}`), await send(`${backend}?key=guessed`)];
}"""


@pytest.mark.browser
def test_a_page_that_points_its_name_at_this_machine_reads_and_writes_nothing(editor, chromium):
    """DNS rebinding in a real browser: evil.example resolves to 127.0.0.1, as an attacker's DNS would
    answer once the page has loaded, so the page's requests reach the editor as same-origin ones."""
    from support.browser import CHROMIUM_ARGS, CHROMIUM_PATH

    key = urlsplit(editor.backend).query.removeprefix("key=")
    settings_before = (editor.project / "pelicanconf.py").read_bytes()
    browser = chromium.browser_type.launch(
        executable_path=str(CHROMIUM_PATH),
        headless=True,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP evil.example 127.0.0.1"],
    )
    try:
        page = browser.new_page()
        response = page.goto(f"http://evil.example:{editor.port}/admin/config.yml")
        assert response.status == 403 and key not in page.content(), "the key stays with the editor page"
        page.goto(f"http://evil.example:{editor.backend_port}/api/v1")
        # Even a page that knew the key gets nothing: its requests carry its own name and origin.
        for backend in (f"http://evil.example:{editor.backend_port}/api/v1", editor.backend.split("?")[0]):
            assert page.evaluate(ATTACK, {"backend": backend, "key": key}) in (
                ["403", "403"],
                ["blocked", "blocked"],
            )
    finally:
        browser.close()
    assert (editor.project / "pelicanconf.py").read_bytes() == settings_before


EVENT_ENDING_BEFORE_IT_STARTS = {
    "title": "An online event",
    "date": "2026-03-02",
    "type": "event",
    "summary": "A short standfirst.",
    "event": {"start": "2026-04-01T12:30", "end": "2026-04-01T11:30", "location": "Online"},
    "slug": "an-online-event",
}


def as_the_preview_sends(front_matter: dict, body: str) -> str:
    """The entry as the editor's preview sends it: its fields as JSON (which YAML reads), and its body."""
    return f"---\n{json.dumps(front_matter, indent=1)}\n---\n{body}"


def problems_of(editor, request: dict, **headers) -> tuple[int, dict]:
    url = editor.backend.replace("/api/v1?", "/api/v1/problems?")
    status, body = fetch(url, request, {"Origin": editor.site.rstrip("/"), **headers})
    return status, json.loads(body)


def test_the_preview_is_told_the_mistakes_of_a_new_entry(editor):
    raw = as_the_preview_sends(EVENT_ENDING_BEFORE_IT_STARTS, "The lead paragraph.\n")
    status, answer = problems_of(editor, {"path": None, "folder": "content/releases", "raw": raw})
    assert status == 200 and answer["presentation"] is None, "an event ending before it starts: no release"
    (problem,) = answer["problems"]
    assert problem["field"] == "event.end" and problem["what"] == "the event ends before it starts"
    assert problem["fix"] == "check the end date and time" and problem["severity"] == "error"
    assert not list((editor.project / "content" / "releases").glob("*not yet saved*"))


def test_the_preview_is_told_the_mistakes_of_an_entry_at_the_lines_it_will_have(editor):
    path = "content/releases/2022/2022-05-23-care-review-response.md"
    text = (editor.project / path).read_text(encoding="utf-8")
    broken = text.replace("[[quote 2]]", "[[quote 5]]")
    status, answer = problems_of(editor, {"path": path, "raw": broken})
    line = broken.splitlines().index("[[quote 5]]") + 1
    assert status == 200 and [(p["line"], p["field"]) for p in answer["problems"]] == [(line, "body")]
    assert (editor.project / path).read_text(encoding="utf-8") == text, "asking saves nothing"
    status, answer = problems_of(editor, {"path": path, "raw": text})
    assert status == 200 and answer["problems"] == [] and answer["presentation"]["headline"]


@pytest.mark.parametrize(
    "request_, headers",
    [
        ({"path": "pelicanconf.py", "raw": "x"}, {}),
        ({"path": None, "folder": "plugins", "raw": "x"}, {}),
        ({"path": "content/releases/../../tasks.py", "raw": "x"}, {}),
        ({"path": "content/releases/2022/2022-05-23-care-review-response.md"}, {}),
        ({"path": None, "folder": "content/releases", "raw": "x"}, {"Origin": "http://evil.example"}),
    ],
)
def test_asking_for_mistakes_is_refused_as_every_request_is(editor, request_, headers):
    status, answer = problems_of(editor, request_, **headers)
    assert status == 403 and list(answer) == ["error"]
    assert refused(
        editor, {"action": "info"}, url=with_key(editor.backend, "wrong").replace("v1?", "v1/problems?")
    )
