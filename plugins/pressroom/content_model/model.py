"""The typed, resolved release that every later stage of the build reads."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from .body import Segment, segment_body
from .times import TimeSpan, time_span


@dataclass(frozen=True)
class ReleaseType:
    id: str
    label: str
    plural: str


RELEASE_TYPES = {
    kind.id: kind
    for kind in (
        ReleaseType("press-release", "Press release", "Press releases"),
        ReleaseType("policy-response", "Policy response", "Policy responses"),
        ReleaseType("statement", "Statement", "Statements"),
        ReleaseType("news", "News", "News"),
        ReleaseType("event", "Event", "Events"),
    )
}


@dataclass(frozen=True)
class Person:
    """Someone quoted or named: from the people directory (`id` set) or written inline."""

    name: str
    role: str = ""
    organisation: str = ""
    id: str = ""
    bio: str = ""
    photo: str = ""
    # Where pages load the photo from: `photo` under SITEURL, resolved once per build by the Site.
    photo_url: str = ""
    # One of the organisation's own spokespeople (the press office arranges interviews with them), as
    # opposed to someone its releases mention or quote, such as a visiting MP.
    spokesperson: bool = False

    @property
    def role_line(self) -> str:
        """'Chief Executive Officer, Parent-Infant Foundation' — the attribution after the name."""
        return ", ".join(part for part in (self.role, self.organisation) if part)


@dataclass(frozen=True)
class PressContact:
    id: str
    name: str
    email: str
    phone: str = ""
    out_of_hours_phone: str = ""


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Quote:
    number: int
    text: str
    person: Person


@dataclass(frozen=True)
class RespondsTo:
    title: str
    publisher: str = ""
    url: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class Image:
    src: str
    alt: str
    credit: str = ""


@dataclass(frozen=True)
class Update:
    date: dt.datetime
    note: str


@dataclass(frozen=True)
class Withdrawal:
    """When and why a published release was withdrawn: its page keeps a notice saying so."""

    date: dt.datetime
    reason: str


@dataclass(frozen=True)
class Speaker:
    person: Person
    chair: bool = False


@dataclass(frozen=True)
class Address:
    """A venue's postal address, as a letter would carry it."""

    street: str
    locality: str
    postcode: str = ""
    region: str = ""
    country: str = ""

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(
            part for part in (self.street, self.locality, self.region, self.postcode, self.country) if part
        )

    @property
    def text(self) -> str:
        return ", ".join(self.lines)


# A location nobody travels to: "Online", "Online (Zoom)", "Zoom", "Microsoft Teams".
ONLINE_ONLY = re.compile(
    r"\s*(?:online|virtual|webinar|livestream|live stream|zoom|(?:microsoft )?teams|google meet|youtube)\b",
    re.IGNORECASE,
)
# A UK postcode (BS1 4XY, SW1A 1AA), or a street address: a number then a name ending as streets do.
UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b", re.IGNORECASE)
STREET = re.compile(
    r"\b[0-9]+[A-Za-z]?,? [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)* "
    r"(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Square|Sq|Place|Pl|Way|Drive|Dr|Terrace|Row|Walk|Hill|"
    r"Crescent|Close|Court|Gardens|Parade|Quay|Wharf|Yard|Embankment|Gate|Green|Park|Mews)\b"
)


def names_an_address(location: str) -> bool:
    """Whether a location, as comms staff write it, says where a venue is: a postcode or a street."""
    return bool(UK_POSTCODE.search(location) or STREET.search(location))


@dataclass(frozen=True)
class Event:
    """An event's times and place. `location` names the venue (or, online only, the platform). A venue
    people can come to has an `address`, or a location that gives its street or postcode; with an
    `online_url` as well, the event is hybrid. A location such as "Online (Zoom)" is online only."""

    start: dt.datetime
    end: dt.datetime | None = None
    location: str = ""
    address: Address | None = None
    online_url: str = ""
    registration_url: str = ""
    speakers: tuple[Speaker, ...] = ()

    @property
    def in_person(self) -> bool:
        """A venue people come to: it has an address, or a location that is not an online platform and,
        when there is an online address too, names its street or postcode (validation asks for one)."""
        if self.address:
            return True
        if not self.location or ONLINE_ONLY.match(self.location):
            return False
        return not self.online_url or names_an_address(self.location)

    @property
    def attendance(self) -> str:
        """ "in person", "online" or "hybrid" (both)."""
        if self.in_person and self.online:
            return "hybrid"
        if self.online or ONLINE_ONLY.match(self.location):
            return "online"
        return "in person"

    def has_ended(self, now: dt.datetime) -> bool:
        """An event without an end time has taken place once it has started."""
        return now >= (self.end or self.start)

    @property
    def online(self) -> bool:
        return bool(self.online_url)

    @property
    def venue_text(self) -> str:
        """The venue and its address on one line, as a calendar's LOCATION or a printed page gives it."""
        if not self.in_person:
            return ""
        parts = [self.location] if self.location else []
        if self.address:
            parts += [part for part in self.address.lines if part not in parts]
        return ", ".join(parts)

    @property
    def when(self) -> TimeSpan:
        """When it runs, as every page, feed, card and calendar says it."""
        return time_span(self.start, self.end)

    @property
    def chairs(self) -> tuple[Speaker, ...]:
        return tuple(speaker for speaker in self.speakers if speaker.chair)

    @property
    def panel(self) -> tuple[Speaker, ...]:
        return tuple(speaker for speaker in self.speakers if not speaker.chair)


@dataclass
class Release:
    """A release after validation: every reference resolved, every date timezone-aware."""

    source_path: str
    title: str
    date: dt.datetime
    type: ReleaseType
    summary: str
    slug: str
    place: str = ""
    spokespeople: tuple[Person, ...] = ()
    people: tuple[Person, ...] = ()
    quotes: tuple[Quote, ...] = ()
    responds_to: RespondsTo | None = None
    topics: tuple[Topic, ...] = ()
    campaign: Topic | None = None
    embargo: dt.datetime | None = None
    status: str = "published"
    image: Image | None = None
    notes_to_editors: str = ""
    contact: PressContact | None = None
    updated: tuple[Update, ...] = ()
    event: Event | None = None
    previous_urls: tuple[str, ...] = ()
    withdrawn: Withdrawal | None = None
    # How to get this release's rendered HTML with links to other content resolved: the content model
    # binds it when Pelican makes the release's article, and Pelican can resolve those links only once
    # every source is read. Returns (body HTML, notes-to-editors HTML).
    rendered: Callable[[], tuple[str, str]] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def body_segments(self) -> tuple[Segment, ...]:
        """The body as HTML runs and quotes in reading order; read it once every source is read."""
        body = self.rendered()[0] if self.rendered else ""
        return segment_body(body, self.quotes)

    @cached_property
    def notes_to_editors_html(self) -> str:
        return self.rendered()[1] if self.rendered else ""

    @property
    def people_named(self) -> tuple[Person, ...]:
        """Directory people this release names (spokespeople, quoted, event speakers, `people:`), once each.

        Their person pages and feeds list it; people written inline have no page, so they are left out.
        """
        speakers = [speaker.person for speaker in self.event.speakers] if self.event else []
        named = [*self.spokespeople, *(quote.person for quote in self.quotes), *speakers, *self.people]
        return tuple({person.id: person for person in named if person.id}.values())

    @property
    def published(self) -> dt.datetime:
        """When the public first sees it: the later of its date and its embargo, never backdated.

        `date` stays as the author wrote it (feed entry ids are made from it, so they never change).
        """
        return max(self.date, self.embargo) if self.embargo else self.date

    @property
    def last_updated(self) -> dt.datetime | None:
        return max((update.date for update in self.updated), default=None)

    @property
    def change_history(self) -> tuple[Update, ...]:
        """Every update, newest first: the one order pages and feeds list them in."""
        return tuple(sorted(self.updated, key=lambda update: update.date, reverse=True))


@dataclass
class Page:
    source_path: str
    title: str
    slug: str
    summary: str = ""
    status: str = "published"
    # Addresses the page had before its slug changed; each leads to it.
    previous_urls: tuple[str, ...] = ()
