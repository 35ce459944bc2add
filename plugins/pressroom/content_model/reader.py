"""A Pelican reader for Markdown with YAML front matter, producing articles that carry their Release."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from markdown import Markdown
from pelican.readers import BaseReader
from pelican.urlwrappers import Category, Tag
from pelican.utils import SafeDatetime

from .loading import context_from_settings, load_source
from .model import Page, Release
from .site import SOURCES_SETTING


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
        "date": safe_datetime(release.date),
        "slug": release.slug,
        "category": Category(release.type.plural, settings),
        "tags": [topic_tag(topic, settings) for topic in release.topics],
        "summary": escape(release.summary),
        "status": release.status,
        "release": release,
        "notes_to_editors_unresolved": render_markdown(release.notes_to_editors)
        if release.notes_to_editors
        else "",
    }
    if release.last_updated:
        metadata["modified"] = safe_datetime(release.last_updated)
    return metadata


def page_metadata(page: Page) -> dict:
    metadata = {"title": page.title, "slug": page.slug, "status": page.status, "page": page}
    if page.summary:
        metadata["summary"] = escape(page.summary)
    return metadata


class PressroomReader(BaseReader):
    """Reads `.md` files whose front matter is YAML; refuses any file the schema rejects."""

    enabled = True
    file_extensions = ("md",)

    def __init__(self, settings):
        super().__init__(settings)
        self._context = None
        self._markdown = Markdown(**settings["MARKDOWN"])

    def render_markdown(self, text: str) -> str:
        return self._markdown.reset().convert(text)

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
        item, document = self.load(source_path)
        html = self.render_markdown(document.body)
        if isinstance(item, Release):
            return html, release_metadata(item, self.render_markdown, self.settings)
        return html, page_metadata(item)
