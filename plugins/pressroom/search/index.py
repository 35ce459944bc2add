"""The Pagefind index of a built site, written with Pagefind's Python API and the binary it ships.

Pagefind does not write byte-identical filter files for identical pages, so an unchanged site would look
changed to `invoke publish` on every run. The bundle is therefore kept in the cache under a hash of every
page it reads, and reused while no page changes.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
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


async def _index(site: Path, bundle: Path) -> None:
    # Only pages that mark their main content with data-pagefind-body are indexed (releases and pages),
    # so listings, feeds' readable views and the 404 page never show up as results.
    async with PagefindIndex({"output_path": str(bundle)}) as index:
        await index.add_directory(str(site))


def pages_digest(site: Path) -> str:
    """A hash of every HTML page under `site` and of the Pagefind release that would index them."""
    digest = hashlib.sha256(version("pagefind").encode())
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(f"{BUNDLE_FOLDER}/"):
            continue
        digest.update(f"\n{relative}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def indexed_page_count(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def write_bundle(site: Path, bundle: Path) -> None:
    # In a thread of its own, so a build started inside an event loop (`invoke serve`) still indexes.
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(asyncio.run, _index(site, bundle)).result()
    for name in UNUSED_INTERFACES:
        (bundle / name).unlink(missing_ok=True)


def index_site(site: Path, cache: Path) -> tuple[int, bool]:
    """Index `site` into `site/pagefind/`, replacing any older index; (pages indexed, whether reused).

    `cache` keeps the latest bundle only, under the hash of the pages it was built from.
    """
    bundle = site / BUNDLE_FOLDER
    # An older index may still describe a release that is no longer public.
    shutil.rmtree(bundle, ignore_errors=True)
    cached = cache / pages_digest(site)
    if cached.is_dir():
        shutil.copytree(cached, bundle)
        return indexed_page_count(bundle), True
    write_bundle(site, bundle)
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    shutil.copytree(bundle, cached)
    return indexed_page_count(bundle), False
