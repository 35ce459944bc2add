"""The guard in front of the editor's local backend: only the editor page may use it, and only on content.

decap-server reads and writes any file of the repository it is given (the whole project), and answers
any web page that reaches it: a page elsewhere could rewrite pelicanconf.py, a git hook or a plugin, or
read an embargoed release. So decap-server listens on a Unix socket nobody else can open, and the
browser reaches it only through this guard, which passes a request on only when

- its Host header is this machine by name (`127.0.0.1:PORT` or `localhost:PORT`), so a page that
  points its own name at 127.0.0.1 (DNS rebinding) is refused;
- its Origin, when it has one, is the editor's own page (the preview `invoke edit` serves);
- its address carries the secret made at this start of `invoke edit`, which only the editor's
  config.yml holds (and the preview server shows it only to this machine by name);
- every file it reads, writes or deletes is a release or a page (Markdown), people.yaml, topics.yaml,
  or an image under content/images/, named plainly: no `..`, absolute path, backslash, %-encoding,
  hidden folder, link to elsewhere or other spelling of the folders.

Anything else gets a 403 and a sentence, also printed where `invoke edit` runs.
"""

from __future__ import annotations

import contextlib
import hmac
import http.client
import json
import os
import re
import socket
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from pressroom.content_model.directory import SECTIONS
from pressroom.content_model.model import RELEASE_TYPES
from pressroom.content_model.schema import IMAGE_SUFFIXES

from .config import IMAGES_FOLDER, PAGES_FOLDER, RELEASES_FOLDER
from .editing import UNSAVED_NAME, Editing

API_PATH = "/api/v1"
# The editor's preview asks here for the mistakes of the entry being edited, and for the release as the
# site tells it (editing.Editing.previewed).
PROBLEMS_PATH = f"{API_PATH}/problems"
SECRET_PARAMETER = "key"
# decap-server takes JSON bodies up to 50 MB (an image is sent in base64 within one).
BODY_LIMIT = 50 * 1024 * 1024
# A name as the editor writes one: Decap turns titles and uploaded file names into these characters.
NAME = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9_.~-]*")
# What a file system takes: a longer name is refused by the disk, as an error, not a sentence.
NAME_MAX, PATH_MAX = 255, 1024
DATA_FOLDERS = (RELEASES_FOLDER, PAGES_FOLDER)
COLLECTIONS = frozenset({*RELEASE_TYPES, "pages", "directory"})


class Refused(Exception):
    """A request the guard turns away; its text is the sentence the person (or the test) reads."""


@dataclass(frozen=True)
class Rules:
    """What the guard allows: its own Host headers, the editor's origins, the secret, and the content."""

    hosts: frozenset[str]
    editor_origins: frozenset[str]
    secret: str
    repository: Path
    content: str = "content"


def check_request(rules: Rules, host: str | None, origin: str | None, target: str) -> None:
    """Refused unless the request is addressed to this machine by name, from the editor, with the secret."""
    if host not in rules.hosts:
        raise Refused(
            f"Host '{host}' is not this machine's name: the editor's backend answers only "
            f"{' or '.join(sorted(rules.hosts))}."
        )
    if origin is not None and origin not in rules.editor_origins:
        raise Refused(f"Requests from {origin} are refused: only the editor's own page may save.")
    address = urlsplit(target)
    given = dict(parse_qsl(address.query)).get(SECRET_PARAMETER, "")
    if address.path not in (API_PATH, PROBLEMS_PATH) or not hmac.compare_digest(
        given.encode(), rules.secret.encode()
    ):
        raise Refused(
            "This request does not carry the key of this `invoke edit`: reload the editor page it prints."
        )


def segments_of(path) -> list[str]:
    """The folders and name of a path as the editor writes it, or Refused for any other way of writing it."""
    if not isinstance(path, str) or not path:
        raise Refused(f"{json.dumps(path)} is not the path of a file.")
    segments = path.split("/")
    if not all(NAME.fullmatch(segment) for segment in segments):
        raise Refused(
            f"'{path}' is not a plain path inside the project (it starts with '/', has an empty, '.', '..' "
            "or hidden part, or a character such as \\ or % that the editor never writes)."
        )
    if any(len(segment) > NAME_MAX for segment in segments) or len(path) > PATH_MAX:
        raise Refused(
            f"'{path[:80]}…' is longer than a file's name ({NAME_MAX} characters) or path ({PATH_MAX}) "
            "may be: the editor names files by a slug of at most 200 characters."
        )
    return segments


def kind_of(segments: list[str], content: str) -> str | None:
    """What a path names: 'data' (a release or page in Markdown, people.yaml, topics.yaml), 'image' (an
    image under the images folder), 'entries' or 'media' (those folders, or folders in them), or None."""
    if len(segments) < 2 or segments[0] != content:
        return None
    folder, name, inside = segments[1], segments[-1], len(segments) > 2
    if not inside and name in SECTIONS:
        return "data"
    if folder in DATA_FOLDERS:
        return "data" if inside and name.endswith(".md") else "entries"
    if folder == IMAGES_FOLDER:
        return "image" if inside and name.lower().endswith(IMAGE_SUFFIXES) else "media"
    return None


def check_path(rules: Rules, path, kinds: tuple[str, ...]) -> None:
    """Refused unless `path` is of one of `kinds` and is the file itself, not reached through a link."""
    segments = segments_of(path)
    if kind_of(segments, rules.content) not in kinds:
        raise Refused(
            f"'{path}' is not {DESCRIBED[kinds].format(content=rules.content)}: the editor reads and "
            "writes nothing else."
        )
    content_root = (rules.repository / rules.content).resolve()
    if Path(os.path.realpath(rules.repository / path)) != content_root.joinpath(*segments[1:]):
        raise Refused(f"'{path}' is, or is inside, a link to another place: the editor edits files only.")


FILES = ("data", "image")
DATA = ("data",)
IMAGE = ("image",)
ENTRIES = ("entries",)
MEDIA = ("media",)
DESCRIBED = {
    FILES: "a release, a page, people.yaml, topics.yaml or an image under {content}/images/",
    DATA: "a release or page (.md under {content}/releases/ or {content}/pages/), people.yaml or topics.yaml",
    IMAGE: "a JPEG, PNG, WebP or GIF image under {content}/images/",
    ENTRIES: "{content}/releases/ or {content}/pages/, the folders the editor lists entries from",
    MEDIA: "{content}/images/, the folder the editor lists images from",
}


def path_in(value):
    """The path of a file Decap describes as {path, ...}, or the value itself when it is a bare path."""
    return value.get("path") if isinstance(value, dict) else value


def items(value) -> list:
    return value if isinstance(value, list) else [value]


def paths_of(action, params: dict) -> list[tuple[object, tuple[str, ...]]]:
    """Every path `action` would read, list, write or delete, with the kinds it may be; Refused for an
    action the editor does not use, a file move, or a name of an entry Decap would not write."""
    data_files = [*items(params.get("entry", [])), *items(params.get("dataFiles", []))]
    paths: dict[str, list[tuple[object, tuple[str, ...]]]] = {
        "entriesByFolder": [(params.get("folder"), ENTRIES)],
        "entriesByFiles": [(path_in(file), DATA) for file in items(params.get("files", []))],
        "getEntry": [(params.get("path"), DATA)],
        "unpublishedEntryDataFile": [(params.get("path"), DATA)],
        "unpublishedEntryMediaFile": [(params.get("path"), IMAGE)],
        "persistEntry": [
            *((path_in(file), DATA) for file in data_files),
            *((path_in(asset), IMAGE) for asset in items(params.get("assets", []))),
        ],
        "getMedia": [(params.get("mediaFolder"), MEDIA)],
        "getMediaFile": [(params.get("path"), IMAGE)],
        "persistMedia": [(path_in(params.get("asset")), IMAGE)],
        "deleteFile": [(params.get("path"), FILES)],
        "deleteFiles": [(path, FILES) for path in items(params.get("paths", []))],
    }
    if not isinstance(action, str) or (action not in paths and action not in WITHOUT_PATHS):
        raise Refused(f"The action {json.dumps(action)} is not one the editor uses.")
    if any(isinstance(file, dict) and "newPath" in file for file in data_files):
        # decap-server's move takes every other file of the entry's folder along with it.
        raise Refused("Moving an entry to another file is not something Pressroom's editor does.")
    options: dict = params["options"] if isinstance(params.get("options"), dict) else {}
    collections = [params[key] for key in ("collection",) if key in params]
    collections += [options["collectionName"]] if "collectionName" in options else []
    names = [params[key] for key in ("slug", "id") if key in params]
    names += [file.get("slug") for file in data_files if isinstance(file, dict)]
    for name in names:
        if not names_an_entry(name):
            raise Refused(f"{json.dumps(name)} is not the name of an entry.")
    for collection in collections:
        if collection not in COLLECTIONS:
            raise Refused(f"{json.dumps(collection)} is not one of the editor's collections.")
    return paths.get(action, [])


# Actions with no path: the backend's description, and the editorial workflow's entries by collection and
# slug (decap-server finds their files on the entry's own branch).
WITHOUT_PATHS = frozenset(
    {
        "info",
        "unpublishedEntries",
        "unpublishedEntry",
        "deleteUnpublishedEntry",
        "updateUnpublishedEntryStatus",
        "publishUnpublishedEntry",
        "getDeployPreview",
    }
)


def names_an_entry(value) -> bool:
    """A slug as Decap writes one (`2026/2026-03-02-title`), which decap-server makes a git branch name."""
    return isinstance(value, str) and all(NAME.fullmatch(segment) for segment in value.split("/"))


def entry_to_check(rules: Rules, body: dict) -> tuple[str, str]:
    """(path, text) of the entry the preview asks about: a release or page (`path`), or a new one in
    `folder`; Refused for anything else."""
    raw, path, folder = body.get("raw"), body.get("path"), body.get("folder")
    if not isinstance(raw, str):
        raise Refused("The request gives no entry to check (its 'raw' text).")
    if path is None:
        check_path(rules, folder, ENTRIES)
        return f"{folder}/{UNSAVED_NAME}", raw
    check_path(rules, path, DATA)
    return path, raw


def check_body(rules: Rules, body: dict) -> None:
    """Refused unless every path the request names is one the editor may use."""
    params = body.get("params", {})
    if not isinstance(params, dict):
        raise Refused("The request's params are not a set of values.")
    for path, kinds in paths_of(body.get("action"), params):
        check_path(rules, path, kinds)


def allowed(rules: Rules, path, kinds: tuple[str, ...]) -> bool:
    try:
        check_path(rules, path, kinds)
    except Refused:
        return False
    return True


def listed(rules: Rules, action: str, answer):
    """A listing as decap-server gave it, less any file the editor may not see (a link, a stray file)."""
    if action == "entriesByFolder" and isinstance(answer, list):
        return [entry for entry in answer if allowed(rules, path_in(entry_file(entry)), DATA)]
    if action == "getMedia" and isinstance(answer, list):
        return [media for media in answer if allowed(rules, path_in(media), IMAGE)]
    return answer


def entry_file(entry):
    """The file of an entry as decap-server lists it: {data, file: {path, …}}."""
    return entry.get("file") if isinstance(entry, dict) else None


class UnixConnection(http.client.HTTPConnection):
    """HTTP to decap-server over its Unix socket."""

    def __init__(self, socket_path: str, timeout: float = 120):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = socket_path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


class GuardHandler(BaseHTTPRequestHandler):
    rules: Rules
    backend_socket: str
    # What saves write and what the preview's questions are answered with; None where decap-server's own
    # text is written as it is (its git mode, which keeps each draft on a branch of its own).
    editing: Editing | None = None
    server_version = "PressroomEditorGuard"
    # A request that stops sending part-way is dropped, rather than holding a thread for ever.
    timeout = 60

    def log_message(self, format, *args) -> None:
        """Requests the guard allows are the editor at work: not worth a line each."""

    def handle(self) -> None:
        # The editor page drops a question it no longer needs (the preview asks again as one types, a
        # tab is closed): there is no one left to answer, which is no fault worth a traceback.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()

    def answer(self, status: int, payload, allow_origin: bool = True) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        origin = self.headers.get("Origin")
        if allow_origin and origin in self.rules.editor_origins:
            self.send_header("Access-Control-Allow-Origin", origin)
        self.send_header("Vary", "Origin")
        self.end_headers()
        self.wfile.write(body)

    def refuse(self, refusal: Refused, allow_origin: bool = True) -> None:
        print(f"Refused a request to the editor's backend: {refusal}", file=sys.stderr, flush=True)
        self.answer(403, {"error": str(refusal)}, allow_origin)

    def checked(self) -> bool:
        try:
            check_request(self.rules, self.headers.get("Host"), self.headers.get("Origin"), self.path)
        except Refused as refusal:
            self.refuse(refusal, allow_origin=False)
            return False
        return True

    def do_OPTIONS(self) -> None:
        """The browser's question before the editor's first POST: may this page send JSON here?"""
        if not self.checked():
            return
        self.send_response(204)
        origin = self.headers.get("Origin")
        if origin in self.rules.editor_origins:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Allow-Methods", "POST")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Vary", "Origin")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        if not self.checked():
            return
        try:
            body = self.read_body()
            if urlsplit(self.path).path == PROBLEMS_PATH:
                self.answer_preview(*entry_to_check(self.rules, body))
                return
            check_body(self.rules, body)
        except Refused as refusal:
            self.refuse(refusal)
            return
        if body["action"] == "persistEntry" and self.editing:
            body = self.as_written(body)
        status, answer = self.forward(body)
        if status != 200:
            self.answer(status, answer)
            return
        answer = listed(self.rules, body["action"], answer)
        if body["action"] == "entriesByFolder" and self.editing and isinstance(answer, list):
            answer = self.editing.described(answer)
        self.answer(status, answer)

    def answer_preview(self, path: str, raw: str) -> None:
        if self.editing is None:
            self.refuse(Refused("This backend does not check entries."))
            return
        self.answer(200, self.editing.previewed(path, raw))

    def as_written(self, body: dict) -> dict:
        """The save with each entry's text as the file should be written: only what was changed changed."""
        assert self.editing is not None
        files = body["params"].get("dataFiles")
        for file in files if isinstance(files, list) else []:
            if isinstance(file, dict) and isinstance(file.get("raw"), str):
                file["raw"] = self.editing.written(file["path"], file["raw"])
        return body

    def read_body(self) -> dict:
        length = self.headers.get("Content-Length", "")
        if not length.isdigit() or int(length) > BODY_LIMIT:
            raise Refused(f"The request must give its length, at most {BODY_LIMIT // 1024 // 1024} MB.")
        try:
            body = json.loads(self.rfile.read(int(length)))
        except (UnicodeDecodeError, ValueError):
            raise Refused("The request is not JSON.") from None
        if not isinstance(body, dict):
            raise Refused("The request is not a JSON object.")
        return body

    def forward(self, body: dict) -> tuple[int, object]:
        """decap-server's answer to `body`, sent as the guard read it (so it reads what was checked)."""
        connection = UnixConnection(self.backend_socket)
        try:
            connection.request(
                "POST", API_PATH, json.dumps(body).encode("utf-8"), {"Content-Type": "application/json"}
            )
            response = connection.getresponse()
            text = response.read()
            try:
                return response.status, json.loads(text)
            except ValueError:
                return 502, {"error": "decap-server gave an answer that is not JSON."}
        except OSError as error:
            return 502, {"error": f"decap-server could not be reached ({error})."}
        finally:
            connection.close()

    def refuse_method(self) -> None:
        if self.checked():
            self.refuse(Refused("The editor's backend answers POST requests only."))

    do_GET = do_PUT = do_DELETE = do_PATCH = do_HEAD = refuse_method


def start_guard(
    rules: Rules, port: int, backend_socket: str, editing: Editing | None = None
) -> ThreadingHTTPServer:
    """Serve the guard on 127.0.0.1:`port` in a thread of this process; `.shutdown()` stops it."""
    handler = type(
        "Guard", (GuardHandler,), {"rules": rules, "backend_socket": backend_socket, "editing": editing}
    )
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="editor guard", daemon=True).start()
    return server
