"""Discovery: sitemap.xml (every public page, with lastmod), news-sitemap.xml and robots.txt.

The sitemap lists the folder pages (`…/index.html`) that Pelican wrote in this build, so every listing a
plugin adds is covered without being named here; a release page counts only if its release is in
`generator.articles`, so no draft or embargoed release is ever listed.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from pelican import signals

from pressroom.content_model.outputs import NEWS_SITEMAP, ROBOTS, SITEMAP, declared_folders, folder_holding
from pressroom.content_model.phases import WRITE_LATE_FILES
from pressroom.content_model.site import site_of

from .documents import Entry, NewsItem, news_language, news_sitemap, recent, robots, sitemap

logger = logging.getLogger(__name__)

# This build's BuildRecord, made at `initialized`; every page Pelican writes is noted in it.
RECORD_SETTING = "PRESSROOM_SITEMAP_RECORD"


class BuildRecord:
    """What one build wrote and which releases are public; each build (each Pelican) has its own."""

    def __init__(self):
        self.pages: dict[str, dt.datetime | None] = {}
        self.public_releases: list = []


def last_changed(item) -> dt.datetime | None:
    return getattr(item, "modified", None) or getattr(item, "date", None)


def page_lastmod(context: dict) -> dt.datetime | None:
    """A release or page: when it last changed; a listing: when the newest release it shows did."""
    for single in ("article", "page"):
        if single in context:
            return last_changed(context[single])
    shown = context.get("articles_page")
    shown = shown.object_list if shown is not None else context.get("articles") or []
    moments = [moment for moment in map(last_changed, shown) if moment is not None]
    return max(moments, default=None)


def start_record(pelican) -> None:
    pelican.settings[RECORD_SETTING] = BuildRecord()


def note_public_releases(generator) -> None:
    generator.settings[RECORD_SETTING].public_releases = [
        article for article in generator.articles if hasattr(article, "release")
    ]


def note_written_page(path, context) -> None:
    if Path(path).name != "index.html":
        return
    record: BuildRecord = context[RECORD_SETTING]
    article = context.get("article")
    if article is not None and article not in record.public_releases:
        return
    relative = Path(path).relative_to(context["OUTPUT_PATH"]).as_posix()
    record.pages[relative.removesuffix("index.html")] = page_lastmod(context)


def publication_moment(article) -> dt.datetime:
    """When a release went public: its date, or its embargo if that was later."""
    embargo = article.release.embargo
    return max(article.date, embargo) if embargo else article.date


def write_discovery_files(pelican) -> None:
    settings = pelican.settings
    site = site_of(settings)
    record: BuildRecord = settings[RECORD_SETTING]
    output = Path(pelican.output_path)
    # A plugin's folder (the editor's, the search index's) holds no page a crawler should visit.
    folders = declared_folders(settings)
    entries = [
        Entry(site.link(path), lastmod)
        for path, lastmod in record.pages.items()
        if folder_holding(path, folders) is None
    ]
    (output / SITEMAP).write_bytes(sitemap(entries))

    items = [
        NewsItem(site.link(article.url), article.title, publication_moment(article))
        for article in record.public_releases
    ]
    language = news_language(site.options.language)
    fresh = recent(items, site.now)
    (output / NEWS_SITEMAP).write_bytes(news_sitemap(fresh, site.organisation, language))

    sitemaps = [site.link(SITEMAP), site.link(NEWS_SITEMAP)]
    if site.preview:
        # A preview shows what is not yet public: no crawler is invited in, wherever it is hosted.
        (output / ROBOTS).write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    else:
        (output / ROBOTS).write_text(robots(sitemaps), encoding="utf-8")
    logger.info("Sitemaps: %d pages, %d in the news sitemap", len(entries), len(fresh))


def register() -> None:
    signals.initialized.connect(start_record)
    signals.article_generator_finalized.connect(note_public_releases)
    signals.content_written.connect(note_written_page)
    WRITE_LATE_FILES.connect(write_discovery_files)
