"""`invoke edit`: preview and decap-server on 127.0.0.1; saving writes content/ and rebuilds the preview."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from types import SimpleNamespace

import pytest
import yaml
from support.site import ROOT

from pressroom.cms import local_backend

RELEASE = """---
title: Saved through the local backend
date: 2026-03-02
type: news
summary: A release written the way the editor writes one.
---
Its body.
"""


@pytest.fixture
def editing(project):
    """`invoke edit` running in a copy of the project; yields (its address, decap-server's, the copy)."""
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
        yield SimpleNamespace(
            announced=announced,
            site=f"http://127.0.0.1:{port}/",
            backend=local_backend.api_url(backend_port),
            project=project,
            stop=lambda: stop(process),
        )
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """Stop `invoke edit` as a service manager would (SIGTERM); it must stop decap-server too."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
    process.stdout.close()


def fetch(url: str, payload: dict | None = None) -> tuple[int, str]:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except urllib.error.URLError:
        return 0, ""


def wait_for_page(url: str, seconds: float = 30) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, _ = fetch(url)
        if status == 200:
            return status
        time.sleep(0.2)
    return status


def test_edit_serves_the_editor_and_saving_rebuilds_the_preview(editing):
    site, backend, project = editing.site, editing.backend, editing.project
    announced = editing.announced
    assert f"{site}admin/" in announced
    config = yaml.safe_load(fetch(site + "admin/config.yml")[1])
    assert config["local_backend"] == {"url": backend}
    assert backend.startswith("http://127.0.0.1:")
    info = json.loads(fetch(backend, {"action": "info"})[1])
    assert info["type"] == "local_fs", "the editor saves files; git stays with the person"

    status, admin_page = fetch(site + "admin/")
    assert status == 200 and "livereload" not in admin_page, "a save must not reload the editor"
    assert "livereload" in fetch(site)[1], "the preview pages reload themselves"

    saved = {
        "action": "persistEntry",
        "params": {
            "branch": "main",
            "dataFiles": [
                {"path": "content/releases/2026/2026-03-02-saved.md", "raw": RELEASE, "slug": "saved"}
            ],
            "assets": [],
            "options": {"commitMessage": "Create News “saved”", "useWorkflow": False, "status": "draft"},
        },
    }
    assert fetch(backend, saved)[0] == 200
    written = project / "content" / "releases" / "2026" / "2026-03-02-saved.md"
    assert written.read_text(encoding="utf-8") == RELEASE
    assert wait_for_page(site + "releases/2026/saved-through-the-local-backend/") == 200

    editing.stop()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(backend, timeout=2)
