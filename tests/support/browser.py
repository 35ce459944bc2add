"""Helpers for browser-driven tests: Debian's Chromium via Playwright, a local
static file server, axe-core accessibility checks and third-party request
recording.

These are plain functions so tests and fixtures elsewhere can compose them;
nothing here is a pytest fixture.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from publishing.targets import content_type

INSTALL_HINT = "run scripts/install-test-tools"

# Playwright's own browser download is unreachable here, so we drive the
# Chromium that Debian ships. PRESSROOM_CHROMIUM allows another build locally.
CHROMIUM_PATH = Path(os.environ.get("PRESSROOM_CHROMIUM", "/usr/bin/chromium"))

CHROMIUM_ARGS = (
    # Tests run as root in CI, where Chromium refuses to start sandboxed.
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps trying to reach Google services, which
    # the closed network refuses; that is slow and noisy.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

AXE_SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "node_modules" / "axe-core" / "axe.min.js"

DEFAULT_AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

# axe-core 4.x marks "duplicate-id" as deprecated and disabled (tags
# "wcag2a-obsolete", "deprecated"), so a tag-based run skips it. We still
# want it: duplicate ids break fragment links in generated pages. It only
# covers ids on elements that are neither focusable nor ARIA-referenced;
# "duplicate-id-active" (also deprecated) covers focusable ones, and
# "duplicate-id-aria" still runs under wcag2a.
DEFAULT_AXE_EXTRA_RULES = ("duplicate-id", "duplicate-id-active")


def _require_file(path: Path, what: str) -> Path:
    """Return ``path`` or fail with a message telling how to install it."""
    if not path.is_file():
        raise RuntimeError(f"{what} not found at {path}; {INSTALL_HINT}")
    return path


def launch_chromium(playwright, **launch_options):
    """Launch headless Debian Chromium with the flags this network needs.

    ``playwright`` is the object from ``sync_playwright()``; extra keyword
    arguments go to ``BrowserType.launch`` (e.g. ``slow_mo``).
    """
    executable = _require_file(CHROMIUM_PATH, "Chromium")
    return playwright.chromium.launch(
        executable_path=str(executable),
        headless=True,
        args=list(CHROMIUM_ARGS),
        **launch_options,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that keeps request logs out of test output."""

    def log_message(self, format, *args):
        pass


def read_headers_file(text: str) -> list[tuple[re.Pattern, list[tuple[str, str]]]]:
    """Rules of a Netlify/Cloudflare ``_headers`` file: (path pattern, headers).

    A path line starts at the margin; its headers follow, indented, as
    ``Name: value``. ``*`` matches anything and ``:name`` one path segment.
    """
    rules: list[tuple[re.Pattern, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            pattern = re.escape(line.strip()).replace(r"\*", ".*")
            pattern = re.sub(r":[A-Za-z_]\w*", "[^/]+", pattern)
            rules.append((re.compile(pattern + "$"), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


class _HostLikeHandler(_QuietHandler):
    """Serves files as a static host would: with the headers of the site's
    ``_headers`` file and the content types the publish targets send."""

    rules: ClassVar[list] = []

    def guess_type(self, path):
        return content_type(os.fspath(path))

    def end_headers(self):
        address = self.path.split("?", 1)[0].split("#", 1)[0]
        for pattern, headers in self.rules:
            if pattern.match(address):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()


@contextmanager
def serve_directory(path: str | os.PathLike, send_headers_file: bool = False) -> Iterator[str]:
    """Serve ``path`` over HTTP on 127.0.0.1 and yield its base URL.

    The port is picked by the OS so parallel test runs never collide. The
    base URL ends with a slash, so ``base_url + "page.html"`` works. With
    ``send_headers_file`` every response carries the headers the site's
    ``_headers`` file gives its address, as Netlify or Cloudflare Pages send them.
    """
    handler = functools.partial(_QuietHandler, directory=os.fspath(path))
    if send_headers_file:
        rules = read_headers_file((Path(path) / "_headers").read_text(encoding="utf-8"))
        host_like = type("_SiteHeadersHandler", (_HostLikeHandler,), {"rules": rules})
        handler = functools.partial(host_like, directory=os.fspath(path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # Daemon threads so a failing test can never keep the interpreter alive.
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _axe_options(tags: Sequence[str], extra_rules: Sequence[str]) -> dict:
    """Build the options object passed to ``axe.run``."""
    return {
        "runOnly": {"type": "tag", "values": list(tags)},
        # An explicit per-rule "enabled" wins over both runOnly tags and the
        # rule's own disabled/deprecated default in axe's rule selection.
        "rules": {rule: {"enabled": True} for rule in extra_rules},
        # Passes and incompletes are large and unused; skip building them.
        "resultTypes": ["violations"],
    }


def run_axe(
    page,
    tags: Sequence[str] = DEFAULT_AXE_TAGS,
    extra_rules: Sequence[str] = DEFAULT_AXE_EXTRA_RULES,
) -> list[dict]:
    """Run axe-core in ``page`` and return its violations list.

    The page must already be loaded. axe is injected as an inline script, so
    a page whose Content-Security-Policy forbids inline scripts needs a
    browser context created with ``bypass_csp=True``.
    """
    page.add_script_tag(path=str(_require_file(AXE_SCRIPT, "axe-core")))
    return page.evaluate(
        "async (options) => (await axe.run(document, options)).violations",
        _axe_options(tags, extra_rules),
    )


def _origin(url: str) -> tuple[str, str]:
    """Scheme and host:port of ``url``; what "same site" means here."""
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def third_party_requests(page, base_url: str) -> list[str]:
    """Start recording requests from ``page`` that leave the site's origin.

    Returns a list of URLs that fills in as the page loads, so call this
    before ``page.goto``. Only http(s) and ws(s) URLs count: data:, blob:
    and similar URLs never touch the network.
    """
    own_origin = _origin(base_url)
    recorded: list[str] = []

    def record(url: str) -> None:
        scheme, _ = origin = _origin(url)
        if scheme in {"http", "https", "ws", "wss"} and origin != own_origin:
            recorded.append(url)

    page.on("request", lambda request: record(request.url))
    # WebSocket handshakes are not reported as "request" events.
    page.on("websocket", lambda websocket: record(websocket.url))
    return recorded
