"""Proof that the built site satisfies its policy: every page and XSL stylesheet is read back, and
anything a browser would block under the policy is reported with its file and line.

Scripts are never allowed by hash here: an inline script in the output is always a mistake (or an
injection), so it is reported rather than allowed.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from pressroom.content_model.addresses import reference_allowed, web_address
from pressroom.content_model.problems import Invalid

from .policy import SELF, Policy, source_hash

# A <script> of any other type is a data block (JSON-LD, for one): the browser never runs it, so the
# policy does not apply to it (HTML Standard, "prepare the script element").
SCRIPT_TYPES = frozenset(
    {"", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript"}
)
BLOCKED = ", which the Content-Security-Policy blocks"
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href"})
# Which directive governs the address each element loads.
LOADS = {
    ("img", "src"): "img-src",
    ("source", "src"): "img-src",
    ("iframe", "src"): "frame-src",
    ("script", "src"): "script-src",
    ("link", "href"): "style-src",
}


def origin_of(address: str) -> str:
    """The origin as browsers name it (no default port), which is how the policy names it."""
    try:
        return web_address(address).origin
    except Invalid:
        parts = urlsplit(address)
        return f"{parts.scheme}://{parts.netloc}".lower() if parts.netloc else ""


def allows(sources: tuple[str, ...], address: str, site_origin: str) -> bool:
    origin = origin_of(address.strip())
    if not origin or origin == site_origin:
        return SELF in sources
    return origin in sources


class PageReader(HTMLParser):
    """Collects, for one file, every place the policy would block, as (line, what, fix) triples."""

    def __init__(self, policy: Policy, site_origin: str):
        super().__init__(convert_charrefs=False)
        self.policy = policy
        self.site_origin = site_origin
        self.found: list[tuple[int, str, str]] = []
        self.open_inline: tuple[str, int] | None = None
        self.inline_text: list[str] = []

    def report(self, what: str, fix: str) -> None:
        self.found.append((self.getpos()[0], what, fix))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.report(
                    f"<{tag} {name}>: an event-handler attribute{BLOCKED}",
                    "attach the handler in theme/static/js/",
                )
            elif name == "style":
                self.report(
                    f"<{tag} style>: a style attribute{BLOCKED}",
                    "give it a class styled in theme/static/css/",
                )
            elif name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.report(
                    f"<{tag} {name}>: a javascript: address{BLOCKED}",
                    "link to a page, or use a button and a script",
                )
        self.check_load(tag, attributes)
        runs_inline = (
            "src" not in attributes and (attributes.get("type") or "").strip().lower() in SCRIPT_TYPES
        )
        if tag == "style" or (tag == "script" and runs_inline):
            self.open_inline = (tag, self.getpos()[0])
            self.inline_text = []

    def check_load(self, tag: str, attributes: dict) -> None:
        if tag == "link" and "stylesheet" not in (attributes.get("rel") or "").lower().split():
            return
        for (element, attribute), directive in LOADS.items():
            address = attributes.get(attribute) if tag == element else None
            if address and not reference_allowed(address):
                self.report(
                    f"<{tag} {attribute}>: '{address[:80]}' is read differently by browsers (a backslash, "
                    "or a name and @ before the host), so where it loads from cannot be checked",
                    "write it as a plain address, without a backslash or a name and @",
                )
            elif address and not allows(self.policy.sources(directive), address, self.site_origin):
                self.report(
                    f"<{tag} {attribute}>: {origin_of(address)} is not in the policy's {directive}, "
                    "so browsers will not load it",
                    "serve the file from the site (under content/images/ or theme/static/), or allow "
                    "its host in pelicanconf.py",
                )

    def handle_data(self, data):
        if self.open_inline:
            self.inline_text.append(data)

    def handle_endtag(self, tag):
        if not self.open_inline or tag != self.open_inline[0]:
            return
        text = "".join(self.inline_text)
        element, line = self.open_inline
        self.open_inline = None
        if element == "script":
            self.found.append(
                (line, f"<script>: an inline script{BLOCKED}", "move it into a file under theme/static/js/")
            )
        elif source_hash(text) not in self.policy.sources("style-src"):
            self.found.append(
                (
                    line,
                    f"<style>: an inline style whose hash is not in the policy{BLOCKED}",
                    "move it into theme/static/css/",
                )
            )


Blocked = list[tuple[int, str, str]]


def blocked_in_text(text: str, policy: Policy, site_origin: str) -> Blocked:
    reader = PageReader(policy, site_origin)
    reader.feed(text)
    reader.close()
    return reader.found


def blocked_in_output(output: Path, blocked_in: Callable[[str], Blocked], exempt_folders=()) -> list[str]:
    """`path:line: element: what — fix` for everything in the output the policy would block (as
    `blocked_in(text)` finds it in a page's text), outside the folders served without it."""
    problems = []
    for path in sorted([*output.rglob("*.html"), *output.rglob("*.xsl")]):
        shown = path.relative_to(output).as_posix()
        if shown.split("/", 1)[0] in exempt_folders:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for line, what, fix in blocked_in(text):
            problems.append(f"{shown}:{line}: {what} — {fix}")
    return problems
