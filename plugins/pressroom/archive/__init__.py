"""Open archive: releases.json, every public release as data, and releases.schema.json describing it.

Only `generator.articles` and the withdrawn releases are read, so drafts and embargoed releases (Pelican
drafts in a public build) are never archived; a withdrawn release stays, marked `withdrawn`. A preview
build writes no archive: its releases are not all public.
"""

from __future__ import annotations

import json
from pathlib import Path

from pelican import signals

from pressroom.content_model.site import absolute_url, note_withdrawal_notice, site_of, withdrawn_articles

from .json_schema import SCHEMA_VERSION, archive_schema
from .records import archive_document, published_moment, release_id, release_record

ARCHIVE_SAVE_AS = "releases.json"
SCHEMA_SAVE_AS = "releases.schema.json"


def site_base(settings) -> str:
    """SITEURL, or in a development build (SITEURL empty) the address `invoke serve` uses."""
    return settings.get("SITEURL") or settings.get("PRESSROOM_FEED_DEV_SITEURL", "http://localhost:8000")


def public_releases(generator) -> list:
    articles = [article for article in generator.articles if getattr(article, "release", None)]
    articles += withdrawn_articles(generator.context)
    return sorted(articles, key=lambda article: published_moment(article.release), reverse=True)


def archive_files(generator) -> dict[str, dict]:
    """{output path: document} for releases.json and its schema."""
    settings = generator.settings
    base = site_base(settings)
    schema_url = absolute_url(base, SCHEMA_SAVE_AS)
    records = [
        release_record(article.release, release_id(article.release), absolute_url(base, article.url))
        for article in public_releases(generator)
    ]
    return {
        ARCHIVE_SAVE_AS: archive_document(records, schema_url, SCHEMA_VERSION),
        SCHEMA_SAVE_AS: archive_schema(schema_url),
    }


def write_archive(generator, writer) -> None:
    if site_of(generator.settings).preview:
        return
    for save_as, document in archive_files(generator).items():
        target = Path(writer.output_path) / save_as
        target.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for article in withdrawn_articles(generator.context):
        note_withdrawal_notice(generator.settings, article.release.source_path, ARCHIVE_SAVE_AS)


def register() -> None:
    signals.article_writer_finalized.connect(write_archive)
