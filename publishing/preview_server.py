"""The preview's web server: livereload's, answering only requests addressed to this machine by name.

A page on another site can point its own name at 127.0.0.1 (DNS rebinding) and then read the preview as
if it were its own: drafts, embargoed releases, and under `invoke edit` the key in the editor's
config.yml. The browser still sends that page's name in the Host header, so every request (pages, and
livereload's script, socket and reload) is answered only when Host is 127.0.0.1:PORT or localhost:PORT.
"""

from __future__ import annotations

import hashlib

from livereload import Server
from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from tornado import web
from tornado.routing import AnyMatches, Matcher, Rule

from pressroom.cms.local_backend import local_hosts


class AddressedHere(Matcher):
    """Requests whose Host header is one of `hosts`."""

    def __init__(self, hosts: frozenset[str]):
        self.hosts = hosts

    def match(self, request) -> dict | None:
        return {} if request.headers.get("Host") in self.hosts else None


class WrongHost(web.RequestHandler):
    hosts: frozenset[str] = frozenset()

    def prepare(self) -> None:
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(
            f"This preview answers only at {' or '.join(sorted(self.hosts))}, "
            f"not at {self.request.headers.get('Host')}.\n"
        )


class WholeFileHandler(StaticFileHandler):
    """Sends each file as it was when the request came in. Tornado's own handler takes the length from
    one look at the file and the bytes from another; a rebuild that replaces the file in between (a
    release built alone, then the whole site swapped in) sent a Content-Length the body did not match,
    and the browser got half a page. Preview pages are small, so each is read once, whole."""

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        valid = super().validate_absolute_path(root, absolute_path)
        if valid is not None:
            with open(valid, "rb") as file:
                self.whole_file = file.read()
        return valid

    def get_content_size(self) -> int:
        return len(self.whole_file)

    def get_content(self, abspath: str, start: int | None = None, end: int | None = None) -> bytes:
        return self.whole_file[start:end]

    def compute_etag(self) -> str | None:
        return '"' + hashlib.sha256(self.whole_file).hexdigest() + '"'


class PreviewServer(Server):
    """livereload's server behind the Host rule: livereload builds its Tornado application in
    `application`, and this builds the same routes behind the rule."""

    def application(self, port, host, liveport=None, debug=None, live_css=True) -> None:
        LiveReloadHandler.watcher = self.watcher
        LiveReloadHandler.live_css = live_css
        hosts = local_hosts(port)
        # The page loads livereload's script from where the page itself came from, by the same name.
        script = f'<script src="/livereload.js?port={port}"></script>'.encode()
        injector = type("Injector", (LiveScriptInjector,), {"script": script})
        refused = type("Refused", (WrongHost,), {"hosts": hosts})
        routes = [
            (r"/livereload", LiveReloadHandler),
            (r"/forcereload", ForceReloadHandler),
            (r"/livereload.js", LiveReloadJSHandler),
            (r"/(.*)", WholeFileHandler, {"path": self.root or ".", "default_filename": "index.html"}),
        ]
        application = web.Application(
            [Rule(AddressedHere(hosts), routes), Rule(AnyMatches(), refused)], transforms=[injector]
        )
        application.listen(port, address=host)
