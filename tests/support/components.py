"""The theme's component documentation (theme/templates/components/NAME.yaml) and real data for its examples.

Each example names its data as a person writes it (a person's id, a release's source file, a share's
title and address); `example_values` turns that into what the macro receives in a build: directory
records from the sample content, share links from the share_links plugin, Pelican pages and articles.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import yaml
from markdown import Markdown
from pelican.contents import Article
from pelican.paginator import Paginator

from pressroom.content_model.body import Segment
from pressroom.content_model.loading import context_from_settings, load_source
from pressroom.content_model.model import Person, Quote
from pressroom.content_model.presentation import Moment, Presentation, RespondsToFacts, present
from pressroom.content_model.reader import release_metadata
from pressroom.content_model.site import site_of
from pressroom.copy_ready import copy_ready_addresses
from pressroom.search.entries import release_entry
from pressroom.share_links.networks import quote_share_links, release_share_links
from support.site import ROOT, SAMPLE_CONTENT, SAMPLE_NOW, site_settings

COMPONENTS = ROOT / "theme" / "templates" / "components"


def documented_components() -> dict[str, dict]:
    """{component file stem: its documentation}, for every macro file that has one."""
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(COMPONENTS.glob("*.yaml"))
    }


@cache
def sample_settings() -> dict:
    return site_settings(SAMPLE_CONTENT, Path("/nonexistent/output"), PRESSROOM_NOW=SAMPLE_NOW)


def person(value) -> Person:
    if isinstance(value, str):
        return context_from_settings(sample_settings())[0].directory.people[value]
    return Person(**value)


def share_links(value: dict):
    if "quote" in value:
        return quote_share_links(value["quote"], value["speaker"], value["title"], value["url"])
    return release_share_links(value["title"], value["url"])


def article(source: str) -> Article:
    """A sample release as Pelican makes it: read by the content model, wrapped in an Article."""
    settings = sample_settings()
    path = SAMPLE_CONTENT / source
    release, document, _ = load_source(path, settings, context_from_settings(settings)[0])
    markdown = Markdown(**settings["MARKDOWN"])
    metadata = release_metadata(release, markdown.convert, settings)
    return Article(markdown.reset().convert(document.body), metadata, settings, str(path))


def presentation_of(release_article: Article) -> Presentation:
    """The presentation a build gives the release of `release_article` (its body unsegmented)."""
    segments = (Segment(html=release_article._content),)
    return present(
        release_article.release, release_article.url, site_of(sample_settings()), segments=segments
    )


def moment_in_words(value) -> Moment:
    at = dt.datetime.combine(dt.date.fromisoformat(str(value)), dt.time())
    return Moment(at, at.strftime(sample_settings()["DEFAULT_DATE_FORMAT"]))


def paginator_page(value: dict):
    pages = Paginator(
        "news/index.html", "news/", list(range(value["items"])), sample_settings(), value["per_page"]
    )
    return pages.page(value["number"])


BUILDERS = {
    "Quote": lambda value: Quote(value["number"], value["text"], person(value["by"])),
    "Person": person,
    "PressContact": lambda value: context_from_settings(sample_settings())[0].directory.press_contacts[value],
    "RespondsToFacts": lambda value: RespondsToFacts(
        **{**value, "date": moment_in_words(value["date"]) if "date" in value else None}
    ),
    "list of ShareLink": share_links,
    "list of Article": lambda sources: [article(source) for source in sources],
    "Page (Pelican's paginator)": paginator_page,
    "CopyReady": lambda value: copy_ready_addresses(**value),
    "SearchEntry": lambda source: release_entry(presentation_of(article(source))),
}


def example_values(documentation: dict, example: dict) -> dict:
    """The keyword arguments for the macro: each value built as its parameter's type says."""
    types = {param["name"]: param["type"] for param in documentation["params"]}
    return {
        name: BUILDERS.get(types[name], lambda value: value)(value) for name, value in example["data"].items()
    }
