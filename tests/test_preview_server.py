"""The preview's web server sends each page whole, even when a rebuild replaces it mid-request."""

import asyncio
import http.client
import os
import threading

import pytest
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from publishing.preview_server import WholeFileHandler

OLD = b"<html>" + b"the whole site's page, with its related releases " * 400 + b"</html>"
NEW = b"<html>the page built alone</html>"


class ReplacedMidRequest(WholeFileHandler):
    """Replaces the file after it was looked up and before its length is sent, as `invoke serve`'s
    rebuilds can."""

    def set_headers(self) -> None:
        replacement = self.absolute_path + ".new"
        with open(replacement, "wb") as file:
            file.write(NEW)
        os.replace(replacement, self.absolute_path)
        super().set_headers()


@pytest.fixture
def server(tmp_path):
    loop = asyncio.new_event_loop()
    started = threading.Event()
    state: dict = {}

    def run() -> None:
        asyncio.set_event_loop(loop)
        application = web.Application([(r"/(.*)", ReplacedMidRequest, {"path": str(tmp_path)})])
        sockets = bind_sockets(0, "127.0.0.1")
        state["port"] = sockets[0].getsockname()[1]
        http_server = HTTPServer(application)
        http_server.add_sockets(sockets)
        started.set()
        loop.run_forever()
        http_server.stop()
        loop.run_until_complete(http_server.close_all_connections())
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(10)
    yield tmp_path, state["port"]
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def get(port: int, headers: dict | None = None) -> tuple[http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/page.html", headers=headers or {})
        response = connection.getresponse()
        # IncompleteRead when the length and the body came from different files.
        return response, response.read()
    finally:
        connection.close()


def test_a_page_replaced_during_the_request_is_sent_as_it_was_when_asked_for(server):
    folder, port = server
    (folder / "page.html").write_bytes(OLD)
    response, body = get(port)
    assert response.status == 200
    assert body == OLD
    assert int(response.headers["Content-Length"]) == len(OLD)
    assert (folder / "page.html").read_bytes() == NEW, "the file was replaced during the request"


def test_a_range_of_a_page_is_the_range_of_the_same_bytes(server):
    folder, port = server
    (folder / "page.html").write_bytes(OLD)
    response, body = get(port, {"Range": "bytes=6-20"})
    assert response.status == 206
    assert body == OLD[6:21]
