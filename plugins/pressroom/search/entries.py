"""What search shows and filters by for each release and page: plain values the templates mark up."""

from __future__ import annotations

from dataclasses import dataclass

from pressroom.content_model.model import Page, Release

PAGE_TYPE = "Page"


@dataclass(frozen=True)
class SearchEntry:
    """A result's type, date and standfirst, and the filter values it answers to."""

    type: str
    standfirst: str
    date: str = ""
    year: str = ""
    topics: tuple[str, ...] = ()
    campaign: str = ""
    spokespeople: tuple[str, ...] = ()


def spokespeople(release: Release) -> tuple[str, ...]:
    """Who speaks in the release: its spokespeople, and the people from the directory it quotes."""
    quoted = [quote.person for quote in release.quotes if quote.person.id]
    return tuple(dict.fromkeys(person.name for person in (*release.spokespeople, *quoted)))


def release_entry(release: Release, date_format: str) -> SearchEntry:
    return SearchEntry(
        type=release.type.label,
        standfirst=release.summary,
        date=release.date.strftime(date_format),
        year=str(release.date.year),
        topics=tuple(topic.name for topic in release.topics),
        campaign=release.campaign.name if release.campaign else "",
        spokespeople=spokespeople(release),
    )


def page_entry(page: Page) -> SearchEntry:
    return SearchEntry(type=PAGE_TYPE, standfirst=page.summary)
