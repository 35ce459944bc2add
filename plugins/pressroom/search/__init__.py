"""Search: a Pagefind index of every public release and page, written once the site is built and checked.

Releases and pages carry `search_entry` (type, date, standfirst and filter values) for the templates to
mark up with Pagefind's data attributes. The index is built from the public output in the INDEX phase,
after the leak scan has read every file (content_model/phases.py), so drafts and embargoed releases,
which have no page there, are never indexed. A preview build writes no index.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from pelican import signals

from pressroom.content_model.phases import INDEX
from pressroom.content_model.site import site_of
from pressroom.content_model.storage import cache_folder, disk_error

from .entries import page_entry, release_entry
from .index import BUNDLE_FOLDER, IndexFailed, PagefindMissing, index_site

logger = logging.getLogger(__name__)


class SearchIndexError(SystemExit):
    """Pagefind could not index the site: the build fails with a sentence, not a traceback."""


def attach_release_entries(generators) -> None:
    for generator in generators:
        for article in getattr(generator, "articles", []):
            if getattr(article, "presentation", None) is not None:
                article.search_entry = release_entry(article.presentation)


def attach_page_entries(generator) -> None:
    for page in generator.pages:
        if getattr(page, "page", None) is not None:
            page.search_entry = page_entry(page.page)


def tell(note: str) -> None:
    """A note for whoever reads the build's or the publish's log (as validation's warnings are)."""
    print(note, file=sys.stderr, flush=True)


def write_index(pelican) -> None:
    if site_of(pelican.settings).preview:
        return
    started = time.perf_counter()
    cache = cache_folder(pelican.settings, "search")
    try:
        pages, reused = index_site(Path(pelican.output_path), cache, report=tell)
    except PagefindMissing as error:
        raise SearchIndexError(
            f"Search: the Pagefind program could not be run ({error}): run scripts/setup to reinstall it, "
            "then build again."
        ) from None
    except IndexFailed as error:
        raise SearchIndexError(
            f"Search: {error}. The build has stopped: build again, and if it stops the same way, make room "
            "on the disk or report Pagefind's message."
        ) from None
    except OSError as error:
        raise SearchIndexError(
            f"Search: the index could not be written into {pelican.output_path} ({disk_error(error)}). The "
            "build has stopped: make room on the disk, or make the folder writable, then build again."
        ) from None
    site_of(pelican.settings).memos.note_files("search index", int(reused), 1)
    logger.info(
        "Search: %d pages indexed into %s/ in %.2f s%s",
        pages,
        BUNDLE_FOLDER,
        time.perf_counter() - started,
        " (no page changed: the index is reused from the cache)" if reused else "",
    )


def register() -> None:
    # Once every release is told (content_model, at the same signal, before any plugin after it).
    signals.all_generators_finalized.connect(attach_release_entries)
    signals.page_generator_finalized.connect(attach_page_entries)
    INDEX.connect(write_index)
