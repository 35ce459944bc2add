"""Every kind of page, in Debian's Chromium: axe finds nothing, the keyboard works, nothing scrolls sideways,
focus stays visible in forced-colours mode, and pages stay light and on our own host."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from support.browser import run_axe, serve_directory, third_party_requests
from support.showcase import PAGE_TYPES, PRESS_RELEASE

pytestmark = pytest.mark.browser

PAGE_WEIGHT_BUDGET = 50 * 1024
# 320 CSS pixels is WCAG 1.4.10's reflow width; 640 is a 1280-pixel window zoomed to 200%.
NARROW_WIDTHS = (320, 640)


@pytest.fixture(scope="module")
def site_url(showcase):
    with serve_directory(showcase) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(chromium):
    """One tab for the whole module: a new browser context per page would double the run time."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def address(site_url: str, path: str) -> str:
    return site_url + path.lstrip("/")


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{violation['id']}: {violation['help']} — {[node['target'] for node in violation['nodes']]}"
        for violation in violations
    )


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_axe_finds_no_wcag_a_or_aa_violation(browser_page, site_url, name):
    browser_page.goto(address(site_url, PAGE_TYPES[name]))
    violations = run_axe(browser_page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("name", ["home", "press release", "upcoming event", "spokesperson"])
def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(browser_page, site_url, name):
    browser_page.goto(address(site_url, PAGE_TYPES[name]))
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate(
        "() => ({cls: document.activeElement.className, text: document.activeElement.textContent,"
        " top: document.activeElement.getBoundingClientRect().top})"
    )
    assert focused["cls"] == "skip-link"
    assert focused["text"] == "Skip to main content"
    assert focused["top"] >= 0, "the focused skip link must be on screen"

    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("() => document.activeElement.id") == "main-content"
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize("width", NARROW_WIDTHS)
def test_no_page_scrolls_sideways_when_narrow(chromium, site_url, width):
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    too_wide = {}
    for name, path in PAGE_TYPES.items():
        page.goto(address(site_url, path))
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide[name] = scroll_width
    context.close()
    assert too_wide == {}


def test_focus_ring_survives_forced_colours(chromium, site_url):
    context = chromium.new_context(forced_colors="active")
    page = context.new_page()
    page.goto(address(site_url, PRESS_RELEASE))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate(
        "() => { const style = getComputedStyle(document.activeElement);"
        " return {style: style.outlineStyle, width: parseFloat(style.outlineWidth)}; }"
    )
    context.close()
    assert outline["style"] == "solid"
    assert outline["width"] >= 2


def served_file(output: Path, site_url: str, url: str) -> Path:
    path = output / unquote(urlsplit(url).path).lstrip("/")
    return path / "index.html" if path.is_dir() else path


def test_every_release_page_is_under_budget_and_asks_no_other_host(chromium, site_url, showcase):
    """Weight is what the browser asked for (less images), counted as the bytes of the files served."""
    release_pages = sorted(
        path.parent.relative_to(showcase).as_posix() + "/"
        for path in (showcase / "releases").rglob("index.html")
    )
    assert len(release_pages) >= 7
    weights, elsewhere = {}, {}
    for path in release_pages:
        # A fresh context per page, so nothing comes from the cache and every file is asked for.
        context = chromium.new_context()
        page = context.new_page()
        outside = third_party_requests(page, site_url)
        asked: list[tuple[str, str]] = []
        page.on("request", lambda request, asked=asked: asked.append((request.url, request.resource_type)))
        page.goto(address(site_url, path))
        own = {url for url, kind in asked if url.startswith(site_url) and kind != "image"}
        assert address(site_url, path) in own
        weights[path] = sum(served_file(showcase, site_url, url).stat().st_size for url in own)
        if outside:
            elsewhere[path] = list(outside)
        context.close()
    assert elsewhere == {}
    over = {path: weight for path, weight in weights.items() if weight >= PAGE_WEIGHT_BUDGET}
    assert over == {}
