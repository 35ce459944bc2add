"""In Debian's Chromium, served with the headers of its own `_headers` file (and, as a publish build, the
<meta> policy too), every kind of page loads with no Content-Security-Policy violation and no console
error, and the share script still works."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.browser import serve_directory
from support.showcase import PAGE_SIZE, PAGE_TYPES, PRESS_RELEASE, SHOWCASE_NOW, write_showcase_content
from support.site import build

pytestmark = pytest.mark.browser

# Chromium reports a violation both as this event and as a console error; the event carries the details.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""
ALIGNED_TABLE_RELEASE = """---
title: Teams by region, in a table
date: 2024-04-02
slug: teams-by-region
type: news
summary: How many areas have a team, region by region.
---
| Region | Areas with a team |
|:-------|------------------:|
| North  | 12 |
"""
ALIGNED_TABLE = "releases/2024/teams-by-region/"
CANARY = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Canary</title>
<style>body { color: red }</style></head>
<body><p>Canary</p><script>document.title = "ran";</script></body></html>
"""


@pytest.fixture(scope="module")
def showcase_output(tmp_path_factory) -> Path:
    """The showcase plus a release with a Markdown table whose columns are aligned (style attributes)."""
    folder = tmp_path_factory.mktemp("csp")
    content = write_showcase_content(folder / "content")
    (content / "releases" / "2024" / "aligned-table.md").write_text(ALIGNED_TABLE_RELEASE, encoding="utf-8")
    settings = {"PRESSROOM_NOW": SHOWCASE_NOW, "DEFAULT_PAGINATION": PAGE_SIZE, "PRESSROOM_CSP_META": True}
    return build(content, folder / "output", **settings)


@pytest.fixture(scope="module")
def site_url(showcase_output):
    with serve_directory(showcase_output, send_headers_file=True) as url:
        yield url


@pytest.fixture(scope="module")
def context(chromium):
    context = chromium.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    yield context
    context.close()


def visit(context, url: str):
    """Load `url` in a fresh tab; returns (the tab, the response, violations, console errors)."""
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url, wait_until="load")
    violations = page.evaluate("() => window.cspViolations || []")
    return page, response, violations, errors


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_loads_with_no_violation_under_its_headers(context, site_url, name):
    page, response, violations, errors = visit(context, site_url + PAGE_TYPES[name].lstrip("/"))
    assert response.status == 200
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert violations == []
    assert errors == []
    page.close()


def test_every_other_page_of_the_site_loads_with_no_violation_either(context, site_url, showcase_output):
    """Beyond one page of each type: every HTML file the build wrote, so a new kind of page is covered."""
    typed = {(showcase_output / path.lstrip("/")).resolve() for path in PAGE_TYPES.values()}
    typed |= {(showcase_output / path.lstrip("/") / "index.html").resolve() for path in PAGE_TYPES.values()}
    others = sorted(path for path in showcase_output.rglob("*.html") if path.resolve() not in typed)
    assert len(others) > 10
    broken = {}
    for path in others:
        address = path.relative_to(showcase_output).as_posix().removesuffix("index.html")
        page, response, violations, errors = visit(context, site_url + address)
        if response.status != 200 or violations or errors:
            broken[address] = (response.status, violations, errors)
        page.close()
    assert broken == {}


def test_the_recorder_does_see_violations(context, showcase_output, tmp_path):
    """Proof the listener works: an inline script and style are reported, and the script is blocked."""
    shutil.copyfile(showcase_output / "_headers", tmp_path / "_headers")
    (tmp_path / "canary.html").write_text(CANARY, encoding="utf-8")
    with serve_directory(tmp_path, send_headers_file=True) as url:
        page, _, violations, errors = visit(context, url + "canary.html")
        assert page.title() == "Canary"
        page.close()
    assert {violation.split()[0] for violation in violations} == {"script-src-elem", "style-src-elem"}
    assert len(errors) >= 2


def test_json_ld_is_read_as_data_not_blocked_as_a_script(context, site_url):
    page, _, violations, errors = visit(context, site_url + PRESS_RELEASE)
    data = page.evaluate(
        "() => [...document.querySelectorAll('script[type=\"application/ld+json\"]')]"
        ".map((block) => JSON.stringify(JSON.parse(block.textContent)))"
    )
    assert '"NewsArticle"' in "".join(data)
    assert violations == [] and errors == []
    page.close()


def test_the_share_script_runs_under_the_policy(chromium, site_url):
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + PRESS_RELEASE)
    copy = page.locator("article > .share-bar .share-copy")
    assert copy.is_visible(), "the script reveals Copy where the Clipboard API works"
    copy.click()
    status = page.locator("article > .share-bar .share-status")
    status.filter(has_text="Copied to the clipboard.").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == copy.get_attribute("data-share-copy")
    context.close()


def test_a_subscribe_page_copy_button_copies_the_feed_address_under_the_policy(chromium, site_url):
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.goto(site_url + "subscribe/#feed-topic-family-hubs", wait_until="load")
    feed = page.locator("#feed-topic-family-hubs")
    name = "Copy the RSS address: Topic: Family hubs — Parent-Infant Foundation"
    feed.get_by_role("button", name=name, exact=True).click()
    feed.get_by_role("status").filter(has_text="The RSS address is copied").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    violations = page.evaluate("() => window.cspViolations")
    context.close()
    assert copied == "http://localhost:8000/feeds/topic/family-hubs.rss.xml"
    assert violations == []


def test_copy_release_text_fetches_the_text_version_under_the_policy(chromium, site_url):
    """copy-release.js fetches the release's .txt: connect-src 'self' must allow it."""
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(site_url + PRESS_RELEASE, wait_until="load")
    page.locator("[data-copy-release]").click()
    page.locator(".copy-ready-status").filter(has_text="copied").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    violations = page.evaluate("() => window.cspViolations")
    context.close()
    # The headline as written: a journalist who copies it need not retype it.
    assert "Charity calls for a parent-infant team in every area & sets out the cost" in copied
    assert violations == [] and errors == []


def test_table_column_alignment_survives_the_policy(context, site_url):
    page, _, violations, errors = visit(context, site_url + ALIGNED_TABLE)
    alignment = page.evaluate(
        "() => [...document.querySelectorAll('th')].map((cell) => getComputedStyle(cell).textAlign)"
    )
    page.close()
    assert alignment == ["left", "right"]
    assert violations == [] and errors == []
