"""Open archive: releases.json, every public release as data, and releases.schema.json describing it.

Only `generator.articles` and the withdrawn releases are read, so drafts and embargoed releases (Pelican
drafts in a public build) are never archived; a withdrawn release stays, marked `withdrawn`. A preview
build writes no archive: its releases are not all public.
"""

from __future__ import annotations

import json
from pathlib import Path

from pelican import signals

from pressroom.content_model.outputs import ARCHIVE as ARCHIVE_SAVE_AS
from pressroom.content_model.outputs import ARCHIVE_SCHEMA as SCHEMA_SAVE_AS
from pressroom.content_model.site import note_withdrawal_notice, site_of, withdrawn_articles

from .json_schema import SCHEMA_VERSION, archive_schema
from .records import archive_document, release_record


def public_releases(generator) -> list:
    articles = [article for article in generator.articles if getattr(article, "release", None)]
    articles += withdrawn_articles(generator.context)
    return sorted(articles, key=lambda article: article.presentation.published.at, reverse=True)


def archive_files(generator) -> dict[str, dict]:
    """{output path: document} for releases.json and its schema."""
    site = site_of(generator.settings)
    schema_url = site.absolute(SCHEMA_SAVE_AS)
    records = [
        release_record(article.release, article.presentation) for article in public_releases(generator)
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
