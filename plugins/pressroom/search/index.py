"""The Pagefind index of a built site, written with Pagefind's Python API and the binary it ships."""

from __future__ import annotations

import asyncio
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import PagefindIndex

BUNDLE_FOLDER = "pagefind"
# Pagefind's ready-made interfaces, written with every index: the search page has its own small script
# over Pagefind's JavaScript API, so publishing these would only add about 420 KB nobody loads.
UNUSED_INTERFACES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


async def _index(site: Path, bundle: Path) -> int:
    # Only pages that mark their main content with data-pagefind-body are indexed (releases and pages),
    # so listings, feeds' readable views and the 404 page never show up as results.
    async with PagefindIndex({"output_path": str(bundle)}) as index:
        indexed = await index.add_directory(str(site))
    return indexed["page_count"]


def index_site(site: Path) -> int:
    """Index every HTML page under `site` into `site/pagefind/`, replacing any older index; the page count.

    Runs in a thread of its own, so a build started inside an event loop (`invoke serve`) still indexes.
    """
    bundle = site / BUNDLE_FOLDER
    # An older index may still describe a release that is no longer public.
    shutil.rmtree(bundle, ignore_errors=True)
    with ThreadPoolExecutor(max_workers=1) as worker:
        pages = worker.submit(asyncio.run, _index(site, bundle)).result()
    for name in UNUSED_INTERFACES:
        (bundle / name).unlink(missing_ok=True)
    return pages
