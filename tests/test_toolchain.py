"""Smoke tests proving the test toolchain works on this machine.

They run each tool on tiny inputs written into tmp_path: Chromium through
Playwright, axe-core inside a page, the Nu HTML Checker and Jing. A failure
here means scripts/install-test-tools (or requirements/browser.txt) needs
attention, not the site.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.browser import (
    run_axe,
    serve_directory,
    third_party_requests,
)
from support.validators import run_jing, run_vnu

ACCESSIBLE_PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Clean page</title>
</head>
<body>
<main>
<h1>Hello</h1>
<p>A short paragraph with <a href="#top" id="top">a link</a>.</p>
<img src="pixel.gif" alt="A single pixel">
</main>
</body>
</html>
"""

# Missing alt text, plus a duplicate id to prove the deprecated
# "duplicate-id" rule still runs.
INACCESSIBLE_PAGE = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken page</title></head>
<body>
<main>
<h1>Hello</h1>
<p id="twice">One</p>
<p id="twice">Two</p>
<img src="pixel.gif">
</main>
</body>
</html>
"""

# A 1x1 transparent GIF, so the <img> elements load without a 404.
PIXEL_GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)

INVALID_HTML = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Invalid</title></head>
<body>
<div><span></div>
</body>
</html>
"""

INVALID_CSS = "p {\n  colour: red;\n}\n"
VALID_CSS = "p {\n  color: red;\n}\n"

NOTE_SCHEMA = """\
element note {
  attribute id { xsd:ID },
  element title { text }
}
"""


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` as UTF-8 and return the path."""
    path.write_text(text, encoding="utf-8")
    return path


def rule_ids(violations: list[dict]) -> set[str]:
    """The axe rule ids that reported violations."""
    return {violation["id"] for violation in violations}


def message_files(messages: list[dict]) -> set[str]:
    """Names of the files vnu reported messages for."""
    return {message["url"].rsplit("/", 1)[-1] for message in messages}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A tiny static site with one accessible and one inaccessible page."""
    write(tmp_path / "clean.html", ACCESSIBLE_PAGE)
    write(tmp_path / "broken.html", INACCESSIBLE_PAGE)
    (tmp_path / "pixel.gif").write_bytes(PIXEL_GIF)
    return tmp_path


@pytest.fixture
def page(chromium):
    """A page in a fresh context of the shared Chromium, so tests share no cookies or cache."""
    context = chromium.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_axe_passes_accessible_page_and_flags_broken_one(site, page):
    with serve_directory(site) as base_url:
        page.goto(base_url + "clean.html")
        assert page.title() == "Clean page"
        assert run_axe(page) == []

        page.goto(base_url + "broken.html")
        found = rule_ids(run_axe(page))

    assert "image-alt" in found
    assert "duplicate-id" in found


@pytest.mark.browser
def test_third_party_requests_are_recorded(tmp_path, page):
    # A second local server stands in for a CDN, keeping the test offline.
    (tmp_path / "cdn").mkdir()
    (tmp_path / "cdn" / "pixel.gif").write_bytes(PIXEL_GIF)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "pixel.gif").write_bytes(PIXEL_GIF)
    with serve_directory(tmp_path / "cdn") as cdn_url:
        write(
            tmp_path / "site" / "index.html",
            f'<!doctype html><title>t</title><img src="pixel.gif" alt="">'
            f'<img src="{cdn_url}pixel.gif" alt="">',
        )
        with serve_directory(tmp_path / "site") as base_url:
            requests = third_party_requests(page, base_url)
            page.goto(base_url + "index.html", wait_until="load")

    assert requests == [cdn_url + "pixel.gif"]


@pytest.mark.validator
def test_vnu_reports_invalid_html_and_css_only(tmp_path):
    files = [
        write(tmp_path / "valid.html", ACCESSIBLE_PAGE),
        write(tmp_path / "invalid.html", INVALID_HTML),
        write(tmp_path / "valid.css", VALID_CSS),
        write(tmp_path / "invalid.css", INVALID_CSS),
    ]

    messages = run_vnu(files)

    assert message_files(messages) == {"invalid.html", "invalid.css"}
    # Line numbers must point at the offending line in both kinds of file.
    lines = {(message_files([m]).pop(), m["lastLine"]) for m in messages}
    assert ("invalid.html", 5) in lines
    assert ("invalid.css", 2) in lines


@pytest.mark.validator
def test_vnu_can_skip_css_and_rejects_missing_files(tmp_path):
    write(tmp_path / "invalid.css", INVALID_CSS)

    assert run_vnu([tmp_path], css=False) == []
    with pytest.raises(FileNotFoundError):
        run_vnu([tmp_path / "missing.html"])


@pytest.mark.validator
def test_jing_accepts_valid_xml_and_rejects_invalid(tmp_path):
    schema = write(tmp_path / "note.rnc", NOTE_SCHEMA)
    good = write(tmp_path / "good.xml", '<note id="n1"><title>Hi</title></note>\n')
    bad = write(tmp_path / "bad.xml", "<note><title>Hi</title><extra/></note>\n")

    assert run_jing(schema, [good]) == (0, "")

    returncode, output = run_jing(schema, [good, bad])
    assert returncode != 0
    assert "bad.xml" in output
    assert "good.xml" not in output
    assert output.count("error:") == 2
