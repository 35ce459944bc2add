"""Social cards: a 1200×630 PNG per public release, drawn at build time, used as its preview image.

A release that sets its own `image` keeps it instead. Cards are drawn once per set of inputs and kept
in CACHE_PATH/social_cards, so a build redraws only the cards whose words, colours or fonts changed.
Only `generator.articles` is read, so drafts and embargoed releases get no card.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from pressroom.content_model.parallel import collect, draw_all, prune
from pressroom.content_model.site import PUBLISHER_LOGO_KEY, SITE_IMAGE_KEY, site_of
from pressroom.content_model.storage import cache_folder

from .cards import SocialImage, card_style, own_image, publisher_logo, release_card, site_image
from .render import cached_image, write_image

logger = logging.getLogger(__name__)

# The batch of cards under way, from when every source is read until the articles are written.
CARDS_BATCH_KEY = "PRESSROOM_SOCIAL_CARDS_BATCH"


def lead_quote(release):
    """The first quote a reader meets, in the body's reading order."""
    return next((segment.quote for segment in release.body_segments if segment.quote), None)


def attach_social_images(generators) -> None:
    """Attach each release's preview image, and start drawing the cards while pages are rendered."""
    # After every source is read: the lead quote comes from the body with its links resolved.
    generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings = generator.settings
    generator.context[SITE_IMAGE_KEY] = site_image(settings)
    generator.context[PUBLISHER_LOGO_KEY] = publisher_logo(settings)
    for article in generator.articles:
        release = getattr(article, "release", None)
        if release is None:
            continue
        if release.image:
            article.social_image = own_image(release.image, settings)
        else:
            article.social_image = release_card(
                release, lead_quote(release), article.date.year, article.slug, settings
            )
    start_drawing(generator)


def images_to_draw(generator) -> list[SocialImage]:
    cards = [getattr(article, "social_image", None) for article in generator.articles]
    shared = [site_image(generator.settings), publisher_logo(generator.settings)]
    return [image for image in [*cards, *shared] if image is not None and image.card is not None]


def start_drawing(generator) -> None:
    settings = generator.settings
    style = card_style(settings)
    cache_dir = cache_folder(settings, "social_cards")
    jobs = [
        (image.kind, image.card, style, Path(generator.output_path) / image.output_path, cache_dir)
        for image in images_to_draw(generator)
    ]
    workers = site_of(settings).options.card_workers or os.cpu_count() or 1
    generator.context[CARDS_BATCH_KEY] = draw_all(
        generator.context, "social cards", write_image, jobs, workers, reuse=cached_image
    )


def finish_drawing(generator, writer) -> None:
    batch = generator.context.pop(CARDS_BATCH_KEY, None)
    if batch is None:
        return
    drawn, seconds = collect(generator.context, batch)
    prune(cache_folder(generator.settings, "social_cards"), batch.jobs)
    site_of(generator.settings).memos.note_files("social cards", batch.jobs - drawn, batch.jobs)
    logger.info(
        "Social cards: %d written, %d drawn, %d from the cache, in %.2f s beside the pages",
        batch.jobs,
        drawn,
        batch.jobs - drawn,
        seconds,
    )


def register() -> None:
    signals.all_generators_finalized.connect(attach_social_images)
    signals.article_writer_finalized.connect(finish_drawing)


__all__ = ["SocialImage", "register"]
