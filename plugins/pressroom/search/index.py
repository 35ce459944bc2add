"""The Pagefind index of a built site, written with Pagefind's Python API and the binary it ships.

Pagefind does not write byte-identical filter files for identical pages, so an unchanged site would look
changed to `invoke publish` on every run. The bundle is therefore kept in the cache under a hash of every
page it reads, and reused while no page changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

from pagefind.index import PagefindIndex

BUNDLE_FOLDER = "pagefind"
# Bundles being copied into the cache; a build never removes another's.
PARTIAL = ".partial-"
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


def keep_latest(bundle: Path, cache: Path, name: str) -> None:
    """Keep a copy of `bundle` as the cache's one entry, `name`. It is copied aside and renamed into
    place, so a build finishing at the same moment (`invoke serve` rebuilding while a publish runs) never
    reads half of it, and neither build fails because the other got there first."""
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=cache, prefix=PARTIAL))
    try:
        shutil.copytree(bundle, staging / name)
        # Refused when the other build has just kept the same pages' bundle: that one serves as well.
        with contextlib.suppress(OSError):
            os.replace(staging / name, cache / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for entry in cache.iterdir():
        if entry.name != name and not entry.name.startswith(PARTIAL):
            shutil.rmtree(entry, ignore_errors=True)


def reused_from(cached: Path, bundle: Path) -> bool:
    """Copy the cached bundle into the site; False when there is none, or another build removed it
    while it was being copied."""
    if not cached.is_dir():
        return False
    try:
        shutil.copytree(cached, bundle)
    except OSError:
        shutil.rmtree(bundle, ignore_errors=True)
        return False
    return True


def index_site(site: Path, cache: Path) -> tuple[int, bool]:
    """Index `site` into `site/pagefind/`, replacing any older index; (pages indexed, whether reused).

    `cache` keeps the latest bundle only, under the hash of the pages it was built from.
    """
    bundle = site / BUNDLE_FOLDER
    # An older index may still describe a release that is no longer public.
    shutil.rmtree(bundle, ignore_errors=True)
    digest = pages_digest(site)
    if reused_from(cache / digest, bundle):
        return indexed_page_count(bundle), True
    write_bundle(site, bundle)
    keep_latest(bundle, cache, digest)
    return indexed_page_count(bundle), False
