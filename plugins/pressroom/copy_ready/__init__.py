"""Copy-ready versions of each release: a plain-text `.txt` and a press-release `.pdf` beside its page.

Only `generator.articles` is read, so a draft or an embargoed release (a Pelican draft in a public build)
never gets either file. A preview build writes neither: a file copied out of a preview would carry no
"draft" or "embargoed" banner.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pelican import signals
from pelican.generators import ArticlesGenerator

from pressroom.content_model.memo import code_version
from pressroom.content_model.parallel import collect, draw_all
from pressroom.content_model.site import absolute_url, organisation_name, site_of
from pressroom.content_model.storage import cache_folder

from . import document as document_module
from .document import Block, html_blocks, press_document
from .fonts import prepared_fonts
from .pdf import Look, cached_pdf, write_pdf
from .text import press_text

logger = logging.getLogger(__name__)

# The batch of PDFs under way, from when every source is read until the articles are written.
PDF_BATCH_KEY = "PRESSROOM_COPY_READY_BATCH"


@dataclass(frozen=True)
class CopyReady:
    """What the page links to, and where the files go (under the output folder)."""

    text_url: str
    text_save_as: str
    pdf_url: str
    pdf_save_as: str
    web_address: str
    registration_url: str


def site_base(settings) -> str:
    """SITEURL, or in a development build (SITEURL empty) the address `invoke serve` uses."""
    return settings.get("SITEURL") or settings.get("PRESSROOM_FEED_DEV_SITEURL", "http://localhost:8000")


def copy_ready_addresses(url: str, save_as: str, slug: str, web_address: str, registration_url: str):
    """`releases/2022/slug/slug.txt` and `.pdf`: beside the page, named so a download keeps its name."""
    folder = PurePosixPath(save_as).parent
    # A page address may be a folder (releases/2022/slug/) or a file (releases/slug.html).
    url_folder = url if url.endswith("/") else url.rpartition("/")[0] + "/" if "/" in url else ""
    files = {
        suffix: (f"{url_folder}{slug}.{suffix}", (folder / f"{slug}.{suffix}").as_posix())
        for suffix in ("txt", "pdf")
    }
    return CopyReady(*files["txt"], *files["pdf"], web_address, registration_url)


def look_from_settings(settings) -> Look:
    # Outside theme/static, so the fonts are drawn with but never published.
    fonts = Path(settings["THEME"]) / "fonts"
    colours = settings.get("BRAND_COLOURS", {})
    return Look(
        # TrueType outlines: fpdf2 subsets and writes them faster than CFF (see theme/fonts/OFL.txt).
        regular_font=fonts / "Inter-Regular.ttf",
        bold_font=fonts / "Inter-Bold.ttf",
        **{name: colours[name] for name in ("primary", "accent", "text") if name in colours},
    )


def public_releases(generator) -> list:
    return [article for article in generator.articles if getattr(article, "release", None)]


def attach_copy_ready(generator) -> None:
    if site_of(generator.settings).preview:
        return
    base = site_base(generator.settings)
    for article in public_releases(generator):
        event = article.release.event
        article.copy_ready = copy_ready_addresses(
            article.url,
            article.save_as,
            article.slug,
            absolute_url(base, article.url),
            event.registration_url if event else "",
        )


def write_copy_ready(generators) -> None:
    """Write each .txt, and start drawing the PDFs while pages are rendered (every source is read)."""
    generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings = generator.settings
    if site_of(settings).preview:
        return
    look = look_from_settings(settings)
    organisation = organisation_name(settings)
    cache = cache_folder(settings, "copy_ready")
    output = Path(generator.output_path)
    fonts = prepared_fonts(look.regular_font, look.bold_font, cache_folder(settings, "copy_ready", "fonts"))
    memo = site_of(settings).memos.named("copy_ready_blocks", code_version(document_module.__name__))

    def blocks_of(html: str) -> list[Block]:
        return memo.answer((html,), lambda: html_blocks(html))

    pdf_jobs = []
    for article in public_releases(generator):
        addresses = article.copy_ready
        document = press_document(
            article.release,
            article.release.body_segments,
            article.release.notes_to_editors_html,
            addresses.web_address,
            organisation,
            settings.get("DEFAULT_DATE_FORMAT", "%-d %B %Y"),
            blocks_of,
        )
        text_file = output / addresses.text_save_as
        os.makedirs(text_file.parent, exist_ok=True)
        text_file.write_text(press_text(document), encoding="utf-8")
        pdf_jobs.append((document, look, fonts, article.release.date, output / addresses.pdf_save_as, cache))
    workers = settings.get("COPY_READY_WORKERS") or os.cpu_count() or 1
    generator.context[PDF_BATCH_KEY] = draw_all(
        generator.context, "press-release PDFs", write_pdf, pdf_jobs, workers, reuse=cached_pdf
    )


def finish_pdfs(generator, writer) -> None:
    batch = generator.context.pop(PDF_BATCH_KEY, None)
    if batch is None:
        return
    drawn, seconds = collect(generator.context, batch)
    logger.info(
        "Copy-ready: %d .txt and %d .pdf written, %d PDFs drawn, %d from the cache, in %.2f s beside pages",
        batch.jobs,
        batch.jobs,
        drawn,
        batch.jobs - drawn,
        seconds,
    )


def register() -> None:
    signals.article_generator_finalized.connect(attach_copy_ready)
    signals.all_generators_finalized.connect(write_copy_ready)
    signals.article_writer_finalized.connect(finish_pdfs)
