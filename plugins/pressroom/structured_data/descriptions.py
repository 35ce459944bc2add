"""What each listing and site page says about itself in its meta description and link previews.

A person's page is described by their bio, a topic or campaign by its description from topics.yaml;
the home page, the archive, the press office, the people index, search and the Subscribe page by a
sentence of their own; any other listing (a type, a year) by what it lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from pressroom.content_model.model import RELEASE_TYPES, Person, Topic


@dataclass(frozen=True)
class SitePages:
    """Where the site pages that describe themselves are written (their SAVE_AS settings)."""

    archive: str = "archive/index.html"
    press_office: str = "press-office/index.html"
    people: str = "people/index.html"
    subscribe: str = "subscribe/index.html"
    search: str = "search/index.html"


def _kinds() -> str:
    plurals = [kind.plural.lower() for kind in RELEASE_TYPES.values()]
    return f"{', '.join(plurals[:-1])} and {plurals[-1]}"


def site_page_descriptions(pages: SitePages, organisation: str, home: str) -> dict[str, str]:
    return {
        "index.html": home or f"The latest {_kinds()} from {organisation}.",
        pages.archive: f"Every public release from {organisation}, by year, type, topic and campaign.",
        pages.press_office: (
            f"Contacts for journalists: how to reach {organisation}'s press office for comment, "
            "interviews and images, and who speaks for the charity."
        ),
        pages.people: f"Who speaks for {organisation}, and who else its releases quote or mention.",
        pages.subscribe: f"Every feed of {organisation}'s releases, in Atom, RSS and JSON Feed.",
        pages.search: (
            f"Search every press release, policy response, statement, news story and event from "
            f"{organisation}, by type, topic, campaign, spokesperson and year."
        ),
    }


def listing_description(
    output_file: str, name: str, subject, topics: dict[str, Topic], known: dict[str, str], organisation: str
) -> str:
    """The description of the listing or site page written to `output_file`; never empty."""
    if isinstance(subject, Person):
        return subject.bio or f"Releases from {organisation} that name {subject.name}, {subject.role_line}."
    if isinstance(subject, Topic) and subject.description:
        return subject.description
    topic = topics.get(getattr(subject, "slug", ""))
    if topic is not None and topic.description:
        return topic.description
    if output_file in known:
        return known[output_file]
    if name:
        return f"{name}: releases from {organisation}, newest first."
    return f"Releases from {organisation}, newest first."
