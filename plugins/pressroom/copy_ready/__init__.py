"""Copy-ready versions of each release: a plain-text `.txt` and a typeset `.pdf` beside its page.

Both walk the release's presentation, as the page does: the .txt through the theme's template
`copy_ready/release.txt`, the PDF through Typst and `theme/pdf/release.typ` (typeset.py). Only
`generator.articles` is read, so a draft, an embargoed or a withdrawn release never gets either file.

A preview build writes them for embargoed releases only, each headed, and the PDF marked on every page,
with the embargo ("EMBARGOED until 00:01 GMT on Thursday 3 December 2026 — not for publication or
broadcast before then"): what a press office sends journalists in advance. It keeps each one's
presentation, its marked files and its email rendering for `invoke advance-copy` (publishing/advance.py),
with what names every release the preview shows that is not public. It writes none for a draft or a
scheduled release, which have no embargo to mark them with, and none for a public one, whose copy-ready
files only a public build writes.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from pressroom.content_model.parallel import collect, draw_all, prune
from pressroom.content_model.pdf_fonts import theme_fonts
from pressroom.content_model.presentation import Presentation, presentation_data
from pressroom.content_model.site import Site, site_of, withdrawn_articles
from pressroom.content_model.storage import cache_folder
from pressroom.content_model.times import on_the_clock

from .typeset import Look, cached_pdf, families, undrawable, write_pdf

logger = logging.getLogger(__name__)

# The batch of PDFs under way, from when every source is read until the articles are written.
PDF_BATCH_KEY = "PRESSROOM_COPY_READY_BATCH"
# What a preview build keeps for `invoke advance-copy`: an `AdvanceCopies`.
ADVANCE_COPIES_KEY = "PRESSROOM_ADVANCE_COPIES"
TEXT_TEMPLATE = "copy_ready/release.txt"
EMAIL_TEMPLATE = "copy_ready/release.email.html"


class CharactersUndrawable(SystemExit):
    """A release holds a character the PDF's fonts cannot draw: the build stops, naming each one."""

    def __init__(self, problems):
        lines = [str(problem) for problem in problems]
        super().__init__(
            "\n".join(
                [*lines, f"{len(lines)} text(s) with characters the PDFs cannot draw: nothing was built."]
            )
        )


@dataclass(frozen=True)
class CopyReady:
    """What the page links to, and where the files go (under the output folder)."""

    text_url: str
    text_save_as: str
    pdf_url: str
    pdf_save_as: str
    web_address: str
    registration_url: str


def copy_ready_addresses(url: str, save_as: str, slug: str, web_address: str, registration_url: str):
    """`releases/2022/slug/slug.txt` and `.pdf`, beside the page, named so a download keeps its name."""
    text, pdf = (Site.beside(url, save_as, f"{slug}.{suffix}") for suffix in ("txt", "pdf"))
    return CopyReady(*text, *pdf, web_address, registration_url)


@dataclass(frozen=True)
class AdvanceCopy:
    """An embargoed release as a preview build wrote it for journalists: its presentation, the words it
    is marked with, its marked .txt and PDF (under the preview's output) and its email's HTML."""

    shown: Presentation
    subject: str
    marking: str
    text_file: Path
    pdf_file: Path
    html: str


@dataclass(frozen=True)
class Unpublished:
    """A release a preview shows that is not public: how an advance copy of another would name it."""

    source_path: str
    headline: str
    address: str


@dataclass
class AdvanceCopies:
    """Every advance copy a preview build wrote, by source path, and every release it shows unpublished."""

    copies: dict[str, AdvanceCopy]
    unpublished: list[Unpublished]


def embargoed_until(moment: dt.datetime, timezone: str) -> str:
    """'EMBARGOED until 00:01 GMT on Thursday 3 December 2026': how every advance copy begins."""
    return f"EMBARGOED until {on_the_clock(moment, timezone)}"


def advance_marking(moment: dt.datetime, timezone: str) -> str:
    """The line at the head of an advance copy's .txt, email and every page of its PDF."""
    return f"{embargoed_until(moment, timezone)} — not for publication or broadcast before then"


def is_embargoed(article) -> bool:
    """Whether a preview build shows `article` as a release under an embargo still to lift (and not
    withdrawn before it went public: its notice would be all an advance copy could say)."""
    visibility = getattr(article, "visibility", None)
    release = getattr(article, "release", None)
    return bool(visibility and visibility.reason == "embargoed" and release and not release.withdrawn)


def look_from_settings(settings) -> Look:
    options = site_of(settings).options
    # theme/fonts and theme/pdf are outside theme/static: drawn with, never published.
    fonts = theme_fonts(Path(settings["THEME"]), options.pdf_fonts)
    colours = {
        name: options.brand_colours[name]
        for name in ("primary", "accent", "text", "link")
        if name in options.brand_colours
    }
    return Look(
        template=Path(settings["THEME"]) / "pdf" / "release.typ",
        fonts=fonts,
        families=families(fonts),
        **colours,
    )


def public_releases(generator) -> list:
    return [article for article in generator.articles if getattr(article, "presentation", None)]


def copy_ready_releases(generator) -> list:
    """The releases whose .txt and PDF this build writes: the public ones, or in a preview the embargoed."""
    if site_of(generator.settings).preview:
        return [article for article in public_releases(generator) if is_embargoed(article)]
    return public_releases(generator)


def attach_copy_ready(generator) -> None:
    site = site_of(generator.settings)
    for article in generator.articles:
        if getattr(article, "release", None) is None:
            continue
        if site.preview and not is_embargoed(article):
            continue
        event = article.release.event
        article.copy_ready = copy_ready_addresses(
            article.url,
            article.save_as,
            article.slug,
            site.absolute(article.url),
            event.registration_url if event else "",
        )


def text_version(template, shown: Presentation, marking: str = "") -> str:
    return template.render(shown=shown, marking=marking)


def unpublished_releases(generator) -> list[Unpublished]:
    """Every release a preview build shows that is not public, as an advance copy could name it."""
    shown = [*public_releases(generator), *withdrawn_articles(generator.context)]
    return [
        Unpublished(article.release.source_path, article.presentation.headline, article.presentation.address)
        for article in shown
        if not article.visibility.public and not article.visibility.withdrawn
    ]


def write_copy_ready(generators) -> None:
    """Write each .txt, and start typesetting the PDFs while pages are rendered (every source is read).

    A public build's PDF is dated when its release went public, so a rebuild gives the same file; an
    advance copy's, when it was made, since its release is not public yet."""
    generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings = generator.settings
    site = site_of(settings)
    look = look_from_settings(settings)
    cache = cache_folder(settings, "copy_ready")
    # Made here, where a file in its place stops the build with a sentence, not in a worker.
    cache_folder(settings, "copy_ready", "fonts")
    output = Path(generator.output_path)
    template = generator.env.get_template(TEXT_TEMPLATE)
    advance = AdvanceCopies({}, unpublished_releases(generator) if site.preview else [])
    jobs, problems = [], []
    for article in copy_ready_releases(generator):
        shown: Presentation = article.presentation
        marking = advance_marking(shown.published.at, site.options.timezone) if site.preview else ""
        data = {**presentation_data(shown), "marking": marking}
        problems += undrawable(data, look, article.release.source_path)
        text_file = output / article.copy_ready.text_save_as
        os.makedirs(text_file.parent, exist_ok=True)
        text_file.write_text(text_version(template, shown, marking), encoding="utf-8")
        release_json = json.dumps(data, ensure_ascii=False, sort_keys=True)
        pdf_file = output / article.copy_ready.pdf_save_as
        created = site.now if site.preview else shown.published.at
        jobs.append((release_json, look, created, pdf_file, cache))
        if site.preview:
            advance.copies[article.release.source_path] = AdvanceCopy(
                shown,
                f"{embargoed_until(shown.published.at, site.options.timezone)}: {shown.headline}",
                marking,
                text_file,
                pdf_file,
                generator.env.get_template(EMAIL_TEMPLATE).render(shown=shown, marking=marking),
            )
    if problems:
        raise CharactersUndrawable(problems)
    if site.preview:
        settings[ADVANCE_COPIES_KEY] = advance
    workers = site_of(settings).options.copy_ready_workers or os.cpu_count() or 1
    generator.context[PDF_BATCH_KEY] = draw_all(
        generator.context, "press-release PDFs", write_pdf, jobs, workers, reuse=cached_pdf
    )


def finish_pdfs(generator, writer) -> None:
    batch = generator.context.pop(PDF_BATCH_KEY, None)
    if batch is None:
        return
    drawn, seconds = collect(generator.context, batch)
    prune(cache_folder(generator.settings, "copy_ready"), batch.jobs)
    site_of(generator.settings).memos.note_files("PDFs", batch.jobs - drawn, batch.jobs)
    logger.info(
        "Copy-ready: %d .txt and %d .pdf written, %d PDFs typeset, %d from the cache, in %.2f s beside pages",
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
