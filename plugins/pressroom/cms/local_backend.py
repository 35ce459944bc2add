"""Decap's local backend (the npm decap-server), run beside a preview so the editor saves into content/.

It listens on 127.0.0.1 only and in its file-system mode: saving writes the file where `invoke new`
would, and git is left to the person (or to the editorial workflow when the CMS is online).
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from contextlib import closing
from pathlib import Path

HOST = "127.0.0.1"
SERVER_SCRIPT = Path("node_modules") / "decap-server" / "dist" / "index.js"


class LocalBackendFailed(SystemExit):
    """decap-server is missing or did not start: a sentence for the person, never a traceback."""


def free_port() -> int:
    """A port nothing listens on now, chosen by the operating system."""
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def api_url(port: int) -> str:
    return f"http://{HOST}:{port}/api/v1"


def start(
    npm_folder: Path, repository: Path, port: int, *, mode: str = "fs", timeout: float = 20.0
) -> subprocess.Popen:
    """Start decap-server for `repository` (the folder that holds content/) and wait until it listens.

    `mode` "fs" saves files; "git" commits, and keeps each draft of the editorial workflow on a branch
    of its own, checking branches out in `repository` as it works, so it is for a repository kept for
    the editor alone (the tests use it to drive the workflow as it runs online).
    """
    script = Path(npm_folder) / SERVER_SCRIPT
    if not script.is_file():
        raise LocalBackendFailed(f"decap-server is not installed ({script}): run scripts/setup.")
    environment = {
        **os.environ,
        "MODE": mode,
        "BIND_HOST": HOST,
        "PORT": str(port),
        "GIT_REPO_DIRECTORY": str(Path(repository).resolve()),
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen(["node", str(script)], env=environment, cwd=npm_folder)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LocalBackendFailed(
                f"decap-server stopped at once (exit {process.returncode}): is port {port} free?"
            )
        with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return process
        time.sleep(0.1)
    stop(process)
    raise LocalBackendFailed(f"decap-server did not start listening on {HOST}:{port} within {timeout:.0f} s.")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
