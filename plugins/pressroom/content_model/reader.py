"""A Pelican reader for Markdown with YAML front matter, producing articles that carry their Release."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from html import escape
from pathlib import Path

from pelican.contents import Article
from pelican.contents import Page as PelicanPage
from pelican.readers import BaseReader
from pelican.urlwrappers import Category, Tag
from pelican.utils import SafeDatetime

from .front_matter import Document
from .loading import context_from_settings, load_source, markdown_renderer
from .model import Page, Release
from .problems import Problem
from .sanitise import sanitise
from .site import SOURCES_SETTING, site_of


class ContentError(Exception):
    """A source reached the reader with errors; the validation plugin normally stops this earlier."""

    def __init__(self, problems):
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def safe_datetime(value: dt.datetime) -> SafeDatetime:
    return SafeDatetime.combine(value.date(), value.timetz())


def topic_tag(topic, settings) -> Tag:
    tag = Tag(topic.name, settings)
    tag.slug = topic.id
    return tag


def release_metadata(release: Release, render_markdown, settings) -> dict:
    metadata = {
        "title": release.title,
        # Pelican's date is what pages, feeds, JSON-LD and listings show as the publication date.
        "date": safe_datetime(release.published),
        "slug": release.slug,
        "category": Category(release.type.plural, settings),
        "tags": [topic_tag(topic, settings) for topic in release.topics],
        "summary": escape(release.summary),
        # A withdrawn release keeps its page with a notice, in no listing: what Pelican calls hidden.
        "status": "hidden" if release.status == "withdrawn" else release.status,
        "release": release,
        "notes_to_editors_unresolved": render_markdown(release.notes_to_editors)
        if release.notes_to_editors
        else "",
    }
    if release.image:
        metadata["image_url"] = site_of(settings).link(release.image.src)
    if release.last_updated:
        metadata["modified"] = safe_datetime(release.last_updated)
    return metadata


def planned_article(release: Release, settings: dict) -> Article:
    """The article Pelican will make of `release`, for where it is written, before anything is read."""
    return Article("", release_metadata(release, str, settings), settings, release.source_path)


def planned_page(page: Page, settings: dict) -> PelicanPage:
    """The page Pelican will make of `page`, for where it is written, before anything is read."""
    return PelicanPage("", {"title": page.title, "slug": page.slug}, settings, page.source_path)


def page_metadata(page: Page) -> dict:
    metadata = {"title": page.title, "slug": page.slug, "status": page.status, "page": page}
    if page.summary:
        metadata["summary"] = escape(page.summary)
    return metadata


# Broken releases that are not public in this build, {absolute path: HeldBack}: validation reported them,
# the reader leaves them out (Pelican's "skip" status) so they cannot stop the releases that are ready,
# and the leak scan looks for them as for any release held back.
HELD_BACK_SETTING = "PRESSROOM_HELD_BACK"
# Sources with mistakes that a build for the person editing leaves out, {absolute path}: its pages list
# their mistakes instead (content_model.site.SHOW_PROBLEMS_SETTING).
SET_ASIDE_SETTING = "PRESSROOM_SET_ASIDE"


@dataclass(frozen=True)
class HeldBack:
    """A release with mistakes that a public build leaves out, and why: it is a draft, "embargoed" or
    "scheduled" (`until` is its moment), or "due": its moment has come but it is not live yet."""

    reason: str
    # What of it can be read (values with mistakes are left empty), its source as read, its mistakes.
    release: Release
    document: Document
    problems: tuple[Problem, ...]
    until: dt.datetime | None = None


class PressroomReader(BaseReader):
    """Reads `.md` files whose front matter is YAML; refuses any file the schema rejects."""

    enabled = True
    file_extensions = ("md",)

    def __init__(self, settings):
        super().__init__(settings)
        self._context = None
        self.convert = markdown_renderer(settings)

    def render_markdown(self, text: str, document: Document | None = None) -> str:
        """Markdown to HTML, sanitised: the only HTML from a source that a template marks safe.

        With the `document`, the conversion validation already made of the same text is reused."""
        html = document.render(text, self.convert) if document else self.convert(text)
        return sanitise(html, site_of(self.settings).options.embed_hosts)

    def load(self, source_path):
        known = self.settings.get(SOURCES_SETTING, {}).get(str(Path(source_path).resolve()))
        if known:
            return known
        if self._context is None:
            self._context, _ = context_from_settings(self.settings)
        item, document, problems = load_source(source_path, self.settings, self._context)
        errors = [problem for problem in problems if problem.severity == "error"]
        if errors or item is None:
            raise ContentError(errors)
        return item, document

    def read(self, source_path):
        path = str(Path(source_path).resolve())
        left_out = (self.settings.get(HELD_BACK_SETTING, {}), self.settings.get(SET_ASIDE_SETTING, ()))
        if any(path in sources for sources in left_out):
            return "", {"status": "skip"}
        item, document = self.load(source_path)
        html = self.render_markdown(document.markdown, document)
        if isinstance(item, Release):
            render = functools.partial(self.render_markdown, document=document)
            return html, release_metadata(item, render, self.settings)
        return html, page_metadata(item)
