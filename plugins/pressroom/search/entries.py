"""What search shows and filters by for each release and page: plain values the templates mark up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pressroom.content_model.model import Page
from pressroom.content_model.presentation import Presentation

PAGE_TYPE = "Page"
# Pagefind leaves out of a sorted list whatever has no value to sort by: a page, which has no date, has this
# one, which sorts after every release's.
UNDATED = "0"


@dataclass(frozen=True)
class SearchEntry:
    """A result's type, date and standfirst (and an event's time), the filter values it answers to, and the
    moment it sorts by when results are listed newest first."""

    type: str
    standfirst: str
    date: str = ""
    event_when: str = ""
    # When it was published, in ISO 8601 and UTC, so that comparing the text compares the moments.
    published: str = UNDATED
    year: str = ""
    topics: tuple[str, ...] = ()
    campaign: str = ""
    spokespeople: tuple[str, ...] = ()


def spokespeople(shown: Presentation) -> tuple[str, ...]:
    """Who speaks in the release: its spokespeople, and everyone it quotes, in the directory or not."""
    quoted = [quote.by for quote in shown.quotes]
    return tuple(dict.fromkeys(someone.name for someone in (*shown.spokespeople, *quoted)))


def release_entry(shown: Presentation) -> SearchEntry:
    """A release's search entry, from its presentation: dated when it was published, as its page is."""
    return SearchEntry(
        type=shown.kind.label,
        standfirst=shown.standfirst,
        date=shown.published.words,
        event_when=shown.event.when.text if shown.event else "",
        published=shown.published.at.astimezone(dt.UTC).isoformat(),
        year=str(shown.published.at.year),
        topics=tuple(topic.text for topic in shown.topics),
        campaign=shown.campaign.text if shown.campaign else "",
        spokespeople=spokespeople(shown),
    )


def page_entry(page: Page) -> SearchEntry:
    return SearchEntry(type=PAGE_TYPE, standfirst=page.summary)
