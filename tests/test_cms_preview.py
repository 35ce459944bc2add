"""The editor's preview is told a release as the site tells it: `invoke edit`'s backend answers, for the
unsaved text of the entry being edited, its mistakes and its presentation (content_model/presentation.py)
as JSON, which preview.js walks. Asked here over HTTP, through the guard, as the editor page asks."""

from __future__ import annotations

import json
import socket
import struct
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pelican import signals
from support.site import build, read_html, site_settings

from pressroom.cms import local_backend
from pressroom.cms.editing import Editing
from pressroom.cms.guard import PROBLEMS_PATH, SECRET_PARAMETER, Rules, start_guard
from pressroom.content_model.presentation import presentation_data
from pressroom.validation.site_check import check_site

NOW = "2026-03-10T09:00:00+00:00"
PATH = "content/releases/2026/2026-03-02-riverside-conference.md"
PAGE = "releases/2026/riverside-conference/"
# Linked from the release's body, so its address must be resolved as the build resolves it.
LINKED = """---
title: An earlier statement
date: 2025-06-01
type: statement
summary: A short standfirst.
---
The body.
"""
# An event that goes public at its embargo, after its date, with every fact an event can have, a quote
# placed at its marker and one left for the site to place, an internal link, and a correction.
RELEASE = """---
title: "Riverside conference: babies first"
date: 2026-03-02T09:00
embargo: 2026-03-04T00:01
slug: riverside-conference
type: event
summary: A conference on the first 1001 days, in Bristol and online.
spokespeople: [keith-reed]
quotes:
  - by: keith-reed
    text: Every baby deserves a good start.
  - by: sally-hogg
    text: Babies cannot wait.
updated:
  - date: 2026-03-05T10:00
    note: Corrected the time it starts.
event:
  start: 2026-04-01T10:00
  end: 2026-04-01T16:00
  location: Riverside Hall
  address:
    street: 12 Quay Street
    locality: Bristol
    postcode: BS1 4XY
  online_url: https://example.org/join
  registration_url: https://example.org/register
  speakers:
    - id: keith-reed
    - name: Ann Other
      role: Editor
      organisation: The Paper
      chair: true
notes_to_editors: |
  **About the charity.** It helps babies.
---
The lead paragraph, after [an earlier statement]({filename}../2025/2025-06-01-statement.md).

The second paragraph.

[[quote 2]]

The last paragraph.
"""


@contextmanager
def editor_backend(content: Path, output: Path) -> Iterator[str]:
    """The guard in front of `invoke edit`'s backend for the site in `content`, as `invoke edit` starts it
    (the preview's questions need no decap-server behind it); yields the preview's address."""
    port, editor_port, secret = (
        local_backend.free_port(),
        local_backend.free_port(),
        local_backend.new_secret(),
    )
    rules = Rules(
        local_backend.local_hosts(port), local_backend.editor_origins(editor_port), secret, content.parent
    )
    editing = Editing(
        lambda: site_settings(content, output, PRESSROOM_PREVIEW=True, PRESSROOM_NOW=NOW),
        check_site,
        content.parent,
    )
    guard = start_guard(rules, port, str(content.parent / "no-decap-server.sock"), editing)
    try:
        yield (
            f"http://127.0.0.1:{port}{PROBLEMS_PATH}?{SECRET_PARAMETER}={secret}",
            f"http://127.0.0.1:{editor_port}",
        )
    finally:
        guard.shutdown()
        guard.server_close()


def asked(url: str, origin: str, request: dict) -> tuple[int, dict]:
    sent = urllib.request.Request(
        url, json.dumps(request).encode(), {"Content-Type": "application/json", "Origin": origin}
    )
    try:
        with urllib.request.urlopen(sent, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def site(content, tmp_path):
    """The event release saved in a small site, the preview built from it as `invoke edit` builds it, and
    the presentation that build gave the release's page."""
    (content / "releases" / "2025").mkdir()
    (content / "releases" / "2025" / "2025-06-01-statement.md").write_text(LINKED, encoding="utf-8")
    (content.parent / PATH).parent.mkdir(parents=True)
    (content.parent / PATH).write_text(RELEASE, encoding="utf-8")
    told = {}

    def keep_presentation(generator, content):
        told[content.url] = presentation_data(content.presentation)

    signals.article_generator_write_article.connect(keep_presentation)
    try:
        output = build(content, tmp_path / "output", PRESSROOM_PREVIEW=True, PRESSROOM_NOW=NOW)
    finally:
        signals.article_generator_write_article.disconnect(keep_presentation)
    with editor_backend(content, tmp_path / "unused") as (url, origin):
        yield url, origin, output, told[PAGE]


def test_the_preview_is_told_the_release_as_its_page_tells_it(site):
    url, origin, output, built = site
    status, answer = asked(url, origin, {"path": PATH, "raw": RELEASE})
    assert status == 200 and answer["problems"] == []
    shown = answer["presentation"]
    assert shown == built, "every fact is the one the built page was given"

    page = read_html(output, PAGE)
    assert shown["headline"] == page.select_one("main h1").get_text()
    published = page.select_one(".release-date time")
    assert (shown["dateline"], shown["published"]["at"]) == (published.get_text(), published["datetime"])
    assert shown["dateline"] == "4 March 2026", "published when the embargo lifts"
    body = [
        ("quote", part.select_one("blockquote").get_text(strip=True))
        if "quote" in part.get("class", [])
        else ("paragraph", part.get_text(" ", strip=True))
        for part in page.select(".release-body > *")
    ]
    assert body == [
        ("paragraph", "The lead paragraph, after an earlier statement ."),
        ("quote", "Every baby deserves a good start."),
        ("paragraph", "The second paragraph."),
        ("quote", "Babies cannot wait."),
        ("paragraph", "The last paragraph."),
    ]
    blocks = shown["body_blocks"]
    assert [
        (
            block["kind"],
            block["text"] if block["kind"] == "quote" else "".join(r["text"] for r in block["runs"]),
        )
        for block in blocks
    ] == [
        ("paragraph", "The lead paragraph, after an earlier statement."),
        ("quote", "Every baby deserves a good start."),
        ("paragraph", "The second paragraph."),
        ("quote", "Babies cannot wait."),
        ("paragraph", "The last paragraph."),
    ], "the unplaced quote after the lead paragraph, the other at its marker"
    link = page.select_one(".release-body a")["href"]
    assert (
        blocks[0]["runs"][1]["link"]
        == "http://localhost:8000" + link
        == ("http://localhost:8000/releases/2025/an-earlier-statement/")
    )
    facts = page.select_one(".event-facts")
    event = shown["event"]
    assert facts.find("dt", string="When").find_next_sibling("dd").get_text() == event["when"]["text"]
    assert event["when"]["text"] == "Wednesday 1 April 2026, 10:00 to 16:00 BST"
    where = facts.find("dt", string="Where").find_next_sibling("dd")
    venue = [
        where.select_one(".event-venue").get_text(),
        *where.select_one(".event-address").stripped_strings,
    ]
    assert ", ".join(venue) == next(fact["text"] for fact in shown["facts"] if fact["label"] == "Where")
    assert facts.find("dt", string="Online").find_next_sibling("dd").a["href"] == event["online_address"]
    assert page.select_one("a.button.event-registration")["href"] == event["registration_address"]
    assert [change.get_text() for change in page.select(".change-history li")] == [
        f"{change['moment']['words']}: {change['note']}" for change in shown["history"]
    ]
    assert [change["note"] for change in shown["history"]] == [
        "Corrected the time it starts.",
        "first published.",
    ]


def test_the_preview_is_told_an_unsaved_change_and_nothing_is_saved(site):
    url, origin, output, built = site
    changed = RELEASE.replace("[[quote 2]]\n", "").replace("Riverside Hall", "Quayside Hall")
    status, answer = asked(url, origin, {"path": PATH, "raw": changed})
    shown = answer["presentation"]
    assert status == 200 and answer["problems"] == []
    assert [block["text"] for block in shown["body_blocks"] if block["kind"] == "quote"] == [
        "Every baby deserves a good start.",
        "Babies cannot wait.",
    ]
    assert [block["kind"] for block in shown["body_blocks"]][:3] == ["paragraph", "quote", "quote"]
    assert shown["event"]["venue"] == "Quayside Hall"
    assert built["event"]["venue"] == "Riverside Hall"
    assert (output.parent / "content" / PATH.removeprefix("content/")).read_text(encoding="utf-8") == RELEASE


def test_an_entry_with_mistakes_that_make_no_release_is_told_its_mistakes_and_no_presentation(site):
    url, origin, _output, _built = site
    broken = RELEASE.replace("  end: 2026-04-01T16:00\n", "  end: 2026-04-01T09:00\n")
    status, answer = asked(url, origin, {"path": PATH, "raw": broken})
    assert status == 200 and answer["presentation"] is None
    assert [(problem["field"], problem["what"]) for problem in answer["problems"]] == [
        ("event.end", "the event ends before it starts")
    ]


def test_the_editor_is_told_a_mistake_by_the_forms_label_and_a_missing_field_is_to_be_filled_in(site):
    url, origin, _output, _built = site
    broken = RELEASE.replace("  end: 2026-04-01T16:00\n", "  end: 2026-04-01T09:00\n")
    summary = next(line for line in broken.splitlines() if line.startswith("summary:"))
    assert "\n  " not in broken.split(summary, 1)[1].split("\n", 1)[0], "a one-line standfirst to remove"
    broken = broken.replace(summary + "\n", "")
    status, answer = asked(url, origin, {"path": PATH, "raw": broken})
    told = {problem["field"]: problem for problem in answer["problems"]}
    assert status == 200 and sorted(told) == ["event.end", "summary"]
    assert told["event.end"]["label"] == "Event details"
    assert told["summary"]["label"] == "Standfirst"
    assert told["summary"]["fix"] == (
        "fill in Standfirst. One or two plain sentences saying what happened and why it matters, at most "
        "300 characters. No links or formatting."
    )


def test_a_page_has_no_presentation_and_a_new_release_has_one(site):
    url, origin, _output, _built = site
    page = "---\ntitle: About us\n---\nWho we are.\n"
    status, answer = asked(url, origin, {"path": "content/pages/about.md", "raw": page})
    assert (status, answer) == (200, {"problems": [], "presentation": None})
    status, answer = asked(url, origin, {"path": None, "folder": "content/releases", "raw": LINKED})
    assert status == 200 and answer["presentation"]["headline"] == "An earlier statement"


def test_markup_in_a_release_makes_no_presentation_and_text_that_looks_like_it_stays_text(site):
    url, origin, _output, _built = site
    hostile = RELEASE.replace(
        "The second paragraph.",
        '<script>alert(1)</script><img src=x onerror="alert(2)"> [click](javascript:alert(3))',
    )
    status, answer = asked(url, origin, {"path": PATH, "raw": hostile})
    assert status == 200 and answer["presentation"] is None
    assert {problem["field"] for problem in answer["problems"]} == {"body"}
    looking_like_markup = RELEASE.replace(
        'title: "Riverside conference: babies first"', """title: 'Fish & chips: 5 < 6, "yes" <3'"""
    ).replace("text: Babies cannot wait.", 'text: "<3 babies & parents >_<"')
    status, answer = asked(url, origin, {"path": PATH, "raw": looking_like_markup})
    shown = answer["presentation"]
    assert status == 200 and shown["headline"] == 'Fish & chips: 5 < 6, "yes" <3', "text, never entities"
    assert shown["quotes"][1]["text"] == "<3 babies & parents >_<"


def test_a_question_the_editor_page_drops_is_no_traceback(site, capfd):
    """The preview asks again as one types, so the browser drops earlier questions unanswered."""
    url, _origin, _output, _built = site
    address = urlsplit(url)
    for _ in range(20):
        with socket.create_connection((address.hostname, address.port)) as asking:
            asking.sendall(
                f"POST {address.path}?{address.query} HTTP/1.1\r\nHost: {address.netloc}\r\n"
                "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}".encode()
            )
            # Gone at once, with a reset rather than a goodbye, as a closed tab or an aborted fetch.
            asking.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    time.sleep(1)
    assert "Traceback" not in capfd.readouterr().err
