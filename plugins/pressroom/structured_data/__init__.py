"""Structured data: canonical address, Open Graph, Twitter card and schema.org JSON-LD for every page.

Releases and pages get `link_preview` (a LinkPreview) just before each is written, when every other
plugin has attached what a preview shows (the social card comes from plugins/social_cards when it is on). Only
releases in `generator.articles` are described, never drafts or embargoed releases. Listing pages ask
for theirs from the template through `listing_preview(output_file, name)`, since Pelican makes them at
write time.
"""

from __future__ import annotations

import functools

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .previews import LinkPreview, listing_preview, page_preview, release_preview, site_from_settings


def preview_of_listing(
    settings: dict, context: dict, output_file: str, name: str = "", subject=None
) -> LinkPreview | None:
    return listing_preview(output_file, site_from_settings(settings, context), name, subject)


def offer_listing_previews(generator) -> None:
    generator.env.globals["listing_preview"] = functools.partial(
        preview_of_listing, generator.settings, generator.context
    )


def attach_release_preview(generator: ArticlesGenerator, content) -> None:
    # Pelican sends this for the articles it writes, never for drafts (embargoed releases included).
    if getattr(content, "presentation", None) is None:
        return
    image = getattr(content, "social_image", None)
    site = site_from_settings(generator.settings, generator.context)
    content.link_preview = release_preview(content.presentation, image, site)


def attach_page_preview(generator: PagesGenerator, content) -> None:
    model = getattr(content, "page", None)
    description = model.summary if model is not None else ""
    content.link_preview = page_preview(
        content.title, description, content.url, site_from_settings(generator.settings, generator.context)
    )


def register() -> None:
    signals.generator_init.connect(offer_listing_previews)
    signals.article_generator_write_article.connect(attach_release_preview)
    signals.page_generator_write_page.connect(attach_page_preview)


__all__ = ["LinkPreview", "register"]
