"""Screenshots of the showcase site and the release as printed, for a person to look at.

An artefact, not a test: `invoke screenshots` writes them into test-artifacts/ (CI may keep the folder).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from support.browser import launch_chromium, serve_directory
from support.showcase import PAST_EVENT, PRESS_RELEASE, UPCOMING_EVENT, build_showcase

PAGES = {
    "home": "/",
    "release": PRESS_RELEASE,
    "event-upcoming": UPCOMING_EVENT,
    "event-past": PAST_EVENT,
}
WIDTHS = (375, 1280)


def take_screenshots(target: Path) -> list[Path]:
    """Build the showcase, then save each page at each width, and the press release printed (PNG and PDF)."""
    from playwright.sync_api import sync_playwright

    screenshots, prints = target / "screenshots", target / "print"
    screenshots.mkdir(parents=True, exist_ok=True)
    prints.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as folder:
        output = build_showcase(Path(folder))
        with serve_directory(output) as url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                for name, address in PAGES.items():
                    page.goto(url.rstrip("/") + "/" + address.lstrip("/"))
                    written.append(screenshots / f"{name}-{width}.png")
                    page.screenshot(path=str(written[-1]), full_page=True)
                context.close()
            context = browser.new_context()
            page = context.new_page()
            page.goto(url.rstrip("/") + "/" + PRESS_RELEASE)
            page.emulate_media(media="print")
            written.append(prints / "release-print.png")
            page.screenshot(path=str(written[-1]), full_page=True)
            written.append(prints / "release.pdf")
            page.pdf(path=str(written[-1]), format="A4")
            context.close()
            browser.close()
    return written
