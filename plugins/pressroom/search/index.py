"""The Pagefind index of a built site, written by the Pagefind program that `pagefind[bin]` ships.

The program is run as a command, not through the package's Python API: the API stops its Pagefind service
the moment the service says the files are written, but the service has only handed the writes to
background threads by then, so on a busy machine some files were left empty (`pagefind-entry.json`
most often: 20 of 80 indexes on a loaded 2-core machine). The command waits for its writes before it
exits. Each bundle is checked whole all the same (`damage`) before a build uses it or keeps it, and an
index that is not whole is written again, a few times at most.

Pagefind writes its filter files in an order that changes from run to run; `in_order` sorts them, so the
same pages give the same bytes. Indexing takes a while on a large site, so the bundle is kept in the cache
under a hash of every page it reads, and reused while no page changes and the kept copy is whole (the
last few are kept).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import zlib
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path

from pagefind.service import get_executable

from pressroom.content_model.outputs import SEARCH_FOLDER
from pressroom.content_model.storage import disk_error

from .in_order import UnknownLayout, put_in_order

BUNDLE_FOLDER = SEARCH_FOLDER
ENTRY_FILE = "pagefind-entry.json"
# Indexes written before a build gives up: a damaged one was rare (about 1 in 14 through the old API).
ATTEMPTS = 3
# Bundles being copied into the cache; a build never removes another's.
PARTIAL = ".partial-"
# Bundles kept, the ones used last: a development build and a publish index different pages (their
# addresses differ throughout), and taking turns each finds its own.
BUNDLES_KEPT = 3
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
GZIP_MAGIC = b"\x1f\x8b"
# The attribute that marks the part of a page Pagefind indexes (theme/templates/article.html, page.html).
INDEXED_MARK = b"data-pagefind-body"
# Part of each kept bundle's key: bundles kept before their filters were put in order are not reused.
BUNDLE_LAYOUT = "filters in order"

Report = Callable[[str], None]


class PagefindMissing(Exception):
    """The Pagefind program is not installed, or cannot be run."""


class IndexFailed(Exception):
    """Pagefind did not write a whole index, however often it was asked."""


def indexed_pages(site: Path) -> dict[str, bytes]:
    """The pages Pagefind indexes, by their path in the site, each with the SHA-256 of its bytes: those
    that mark what to index with data-pagefind-body, since Pagefind leaves out every other page once one
    has it (or every page, as Pagefind would read them, when none has it). Listings and archives are
    most of a site's pages and none is indexed: Pagefind is not given them to read. Each page is read
    once and only its hash is kept, so a large site's pages are never all in memory."""
    marked: dict[str, bytes] = {}
    every: dict[str, bytes] = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(f"{BUNDLE_FOLDER}/"):
            continue
        data = path.read_bytes()
        every[relative] = hashlib.sha256(data).digest()
        if INDEXED_MARK in data:
            marked[relative] = every[relative]
    return marked or every


def pages_digest(pages: dict[str, bytes]) -> str:
    """A hash of the pages Pagefind reads (their paths and hashes) and of the Pagefind release that would
    index them."""
    digest = hashlib.sha256(f"{version('pagefind')} {BUNDLE_LAYOUT}".encode())
    for relative, page_hash in pages.items():
        digest.update(f"\n{relative}\n".encode())
        digest.update(page_hash)
    return digest.hexdigest()


@contextlib.contextmanager
def folder_of(site: Path, pages: dict[str, bytes]) -> Iterator[Path]:
    """A folder beside `site` holding only `pages`, each the same file as in the site (a hard link)
    where the disk allows, for Pagefind to read."""
    with tempfile.TemporaryDirectory(dir=site.parent, prefix=f".{site.name}.indexed-") as name:
        folder = Path(name)
        for relative in pages:
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / relative, target)
            except OSError:
                shutil.copyfile(site / relative, target)
        yield folder


def indexed_page_count(bundle: Path) -> int:
    entry = json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def entry_damage(bundle: Path) -> str | None:
    """What is wrong with the entry file: it must list each language's index, whose files must be there."""
    try:
        languages = json.loads((bundle / ENTRY_FILE).read_bytes())["languages"]
        needed = ["pagefind.js"]
        for language in languages.values():
            if not isinstance(language["page_count"], int):
                return f"{ENTRY_FILE} gives no page count"
            # A language Pagefind has no stemmer for is searched with its `unknown` WebAssembly.
            wasm = language["wasm"] or "unknown"
            needed += [f"pagefind.{language['hash']}.pf_meta", f"wasm.{wasm}.pagefind"]
    except FileNotFoundError:
        return f"there is no {ENTRY_FILE}"
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        return f"{ENTRY_FILE} cannot be read ({type(error).__name__}: {error})"
    if not languages:
        return f"{ENTRY_FILE} lists no index"
    missing = [name for name in needed if not (bundle / name).is_file()]
    return f"{ENTRY_FILE} lists {missing[0]}, which is not there" if missing else None


def file_damage(path: Path) -> str | None:
    """Why a file of the bundle is not whole: empty, JSON that does not parse, a compressed file cut short."""
    data = path.read_bytes()
    if not data:
        return "it is empty"
    try:
        if path.suffix == ".json":
            json.loads(data)
        elif data.startswith(GZIP_MAGIC):
            gzip.decompress(data)
    except (ValueError, EOFError, OSError, zlib.error) as error:
        return f"it cannot be read ({type(error).__name__}: {error})"
    return None


def damage(bundle: Path) -> str | None:
    """What makes `bundle` unusable, or None when it is whole: the entry file lists each index and its
    files are there, and every file has bytes, parses (JSON) or unpacks (Pagefind's compressed files)."""
    problem = entry_damage(bundle)
    if problem:
        return problem
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and (problem := file_damage(path)):
            return f"{path.relative_to(bundle).as_posix()}: {problem}"
    return None


def write_bundle(site: Path, bundle: Path) -> None:
    """Run Pagefind over `site`, writing its bundle to `bundle`."""
    program = get_executable()
    if program is None:
        raise PagefindMissing("the pagefind_bin package is not installed")
    command = [str(program), "--site", str(site), "--output-path", str(bundle), "--silent"]
    try:
        # In the site's folder, so no Pagefind configuration file from elsewhere changes the index.
        finished = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False)
    except OSError as error:
        raise PagefindMissing(f"{program} cannot be run: {error.strerror or error}") from None
    if finished.returncode:
        said = " ".join((finished.stderr.strip() or finished.stdout.strip()).split()) or "no message"
        raise IndexFailed(f"Pagefind stopped with exit status {finished.returncode}: {said}")
    for name in UNUSED_INTERFACES:
        (bundle / name).unlink(missing_ok=True)


def in_order(bundle: Path) -> None:
    try:
        put_in_order(bundle)
    except UnknownLayout as error:
        raise IndexFailed(
            f"Pagefind's index is not laid out as Pagefind {version('pagefind')} lays it out ({error}): "
            "install the Pagefind release that requirements/build.txt names"
        ) from None


def write_whole_bundle(site: Path, bundle: Path, report: Report) -> None:
    """Write the bundle, and write it again while it is not whole, `ATTEMPTS` times at most."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            write_bundle(site, bundle)
            problem = damage(bundle)
        except IndexFailed as error:
            problem = str(error)
        if problem is None:
            if attempt > 1:
                report(f"Search: attempt {attempt} wrote a whole index.")
            in_order(bundle)
            return
        shutil.rmtree(bundle, ignore_errors=True)
        if attempt < ATTEMPTS:
            report(
                f"Search: Pagefind's index was not whole ({problem}), so the site is indexed again "
                f"(attempt {attempt + 1} of {ATTEMPTS})."
            )
    raise IndexFailed(f"Pagefind wrote no whole index in {ATTEMPTS} attempts; the last: {problem}")


def keep_latest(bundle: Path, cache: Path, name: str) -> None:
    """Keep a copy of `bundle` in the cache as `name`, and of the others only the ones used last. It is
    copied aside and renamed into place, so a build finishing at the same moment (`invoke serve`
    rebuilding while a publish runs) never reads half of it, and neither build fails because the other
    got there first."""
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=cache, prefix=PARTIAL))
    try:
        shutil.copytree(bundle, staging / name)
        # Refused when the other build has just kept the same pages' bundle: that one serves as well.
        with contextlib.suppress(OSError):
            os.replace(staging / name, cache / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    mark_used(cache / name)
    others = []
    for entry in cache.iterdir():
        if entry.name != name and not entry.name.startswith(PARTIAL):
            with contextlib.suppress(FileNotFoundError):
                others.append((entry.stat().st_mtime, entry))
    for _, entry in sorted(others, reverse=True)[BUNDLES_KEPT - 1 :]:
        shutil.rmtree(entry, ignore_errors=True)


def mark_used(kept: Path) -> None:
    """The bundles used longest ago are the ones removed; another build may have removed this one."""
    with contextlib.suppress(FileNotFoundError):
        os.utime(kept)


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


def index_site(site: Path, cache: Path, report: Report) -> tuple[int, bool]:
    """Index `site` into `site/pagefind/`, replacing any older index; (pages indexed, whether reused).

    `cache` keeps the whole bundles used last, each under the hash of the pages it was built from. `report`
    is told when an index had to be written again.
    """
    bundle = site / BUNDLE_FOLDER
    # An older index may still describe a release that is no longer public.
    shutil.rmtree(bundle, ignore_errors=True)
    pages = indexed_pages(site)
    digest = pages_digest(pages)
    cached = cache / digest
    if reused_from(cached, bundle):
        problem = damage(bundle)
        if problem is None:
            mark_used(cached)
            return indexed_page_count(bundle), True
        report(f"Search: the index kept in {cached} is damaged ({problem}), so the site is indexed again.")
        shutil.rmtree(bundle, ignore_errors=True)
        shutil.rmtree(cached, ignore_errors=True)
    with folder_of(site, pages) as indexed:
        write_whole_bundle(indexed, bundle, report)
    try:
        keep_latest(bundle, cache, digest)
    except OSError as error:
        # The site has its index; only the next build's time is lost.
        report(
            f"Search: the index could not be kept in {cache} ({disk_error(error)}); the next build indexes "
            "again."
        )
    return indexed_page_count(bundle), False
