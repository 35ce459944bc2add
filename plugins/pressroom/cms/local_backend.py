"""Decap's local backend (the npm decap-server), run beside a preview so the editor saves into content/.

decap-server runs in its file-system mode (saving writes the file where `invoke new` would, and git is
left to the person) or, for the tests of the editorial workflow, its git mode. It listens on a Unix
socket in a folder only this user can open; the browser reaches it through the guard (guard.py) on
127.0.0.1, which lets only the editor page, with this start's key, touch only content.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

from .editing import Editing
from .guard import API_PATH, SECRET_PARAMETER, Rules, start_guard

HOST = "127.0.0.1"
# The names this machine answers to in a Host header. A page that points its own name at 127.0.0.1
# (DNS rebinding) sends that name instead, and is refused by the guard and by the preview server.
LOCAL_NAMES = (HOST, "localhost")
SERVER_SCRIPT = "local-backend.js"
MIDDLEWARE = Path("node_modules") / "decap-server" / "dist" / "middlewares.js"


class LocalBackendFailed(SystemExit):
    """decap-server is missing or did not start: a sentence for the person, never a traceback."""


@dataclass
class LocalBackend:
    """decap-server's process, the guard in front of it, and the private folder of its socket."""

    process: subprocess.Popen
    guard: ThreadingHTTPServer
    folder: Path


def free_port() -> int:
    """A port nothing listens on now, chosen by the operating system."""
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def local_hosts(port: int) -> frozenset[str]:
    """The Host headers of a request to this machine's `port` by its own names."""
    return frozenset(f"{name}:{port}" for name in LOCAL_NAMES)


def editor_origins(port: int) -> frozenset[str]:
    """Where the editor page comes from: the preview served on `port`, by either of its names."""
    return frozenset(f"http://{host}" for host in local_hosts(port))


def new_secret() -> str:
    """The key of one start of `invoke edit`: the editor's config.yml carries it, nothing else does."""
    return secrets.token_urlsafe(32)


def api_url(port: int, secret: str) -> str:
    """The address the editor page saves to: the guard's, with this start's key."""
    return f"http://{HOST}:{port}{API_PATH}?{SECRET_PARAMETER}={secret}"


def start(
    npm_folder: Path,
    repository: Path,
    port: int,
    *,
    editor_port: int,
    secret: str,
    mode: str = "fs",
    content: str = "content",
    timeout: float = 20.0,
    editing: Editing | None = None,
) -> LocalBackend:
    """Start decap-server for `repository` (the folder that holds `content`), and the guard in front of
    it on `port`, for the editor page served on `editor_port`; wait until both listen.

    `mode` "fs" saves files; "git" commits, and keeps each draft of the editorial workflow on a branch
    of its own, checking branches out in `repository` as it works, so it is for a repository kept for
    the editor alone (the tests use it to drive the workflow as it runs online).

    With `editing` (for `repository`), files mode writes each save as a person would, checks the entry
    the editor's preview asks about, and describes each release's state in the editor's lists.
    """
    npm_folder = Path(npm_folder)
    if not (npm_folder / SERVER_SCRIPT).is_file() or not (npm_folder / MIDDLEWARE).is_file():
        raise LocalBackendFailed(
            f"decap-server is not installed ({npm_folder / MIDDLEWARE}): run scripts/setup."
        )
    # Made readable by this user alone, so no one else can reach decap-server through its socket.
    folder = Path(tempfile.mkdtemp(prefix="pressroom-editor-"))
    backend_socket = folder / "decap-server.sock"
    environment = {
        **os.environ,
        "MODE": mode,
        "SOCKET": str(backend_socket),
        "GIT_REPO_DIRECTORY": str(Path(repository).resolve()),
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen(["node", SERVER_SCRIPT], env=environment, cwd=npm_folder)
    try:
        _wait_for_socket(process, backend_socket, timeout)
        rules = Rules(
            local_hosts(port), editor_origins(editor_port), secret, Path(repository).resolve(), content
        )
        try:
            guard = start_guard(rules, port, str(backend_socket), editing if mode == "fs" else None)
        except OSError:
            raise LocalBackendFailed(
                f"Port {port} is already in use: stop what uses it, or pick another with --backend-port."
            ) from None
    except BaseException:
        _stop_process(process)
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return LocalBackend(process, guard, folder)


def _wait_for_socket(process: subprocess.Popen, path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LocalBackendFailed(f"decap-server stopped at once (exit {process.returncode}).")
        with closing(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)) as probe:
            if path.exists() and probe.connect_ex(str(path)) == 0:
                return
        time.sleep(0.1)
    raise LocalBackendFailed(f"decap-server did not start listening within {timeout:.0f} s.")


def _stop_process(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def stop(backend: LocalBackend) -> None:
    backend.guard.shutdown()
    backend.guard.server_close()
    _stop_process(backend.process)
    shutil.rmtree(backend.folder, ignore_errors=True)
