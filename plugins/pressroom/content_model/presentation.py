"""A release told once: its facts in reading order, as data every form of the release walks.

The page, the feed entry, the .txt, the PDF, JSON-LD, releases.json, the search entry and the editor's
preview each show a release; none of them works a fact out for itself. Each asks the presentation: the
one publication moment and its words, the headline, the standfirst, what it responds to, the body with
its quotes placed and attributed, the event's facts in words with their addresses, the change history,
the notes to editors, the press contact, the withdrawal notice and the release's own address. A new fact
is added here once, then shown by the templates that want it.

Every address comes in two forms: `link`, as a page of this site links to it (under SITEURL, from the
root while developing), and `address`, absolute, for the forms read away from the site (the .txt and
the PDF, JSON). An address outside the site is the same in both. The body and notes to editors are the
sanitised HTML the page shows; the forms read away from the site resolve its links against `address`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from . import blocks
from .blocks import Block, html_blocks
from .body import Segment
from .memo import code_version
from .model import Address, Person, PressContact, Release, ReleaseType
from .times import TimeSpan

if TYPE_CHECKING:
    from .site import Site


@dataclass(frozen=True)
class Moment:
    """A moment and how people read it: '3 December 2026'."""

    at: dt.datetime
    words: str

    @property
    def iso(self) -> str:
        return self.at.isoformat()


@dataclass(frozen=True)
class Fact:
    """One labelled fact ('When', 'Where', 'Online'…): its words, and where it leads when it does."""

    label: str
    text: str
    address: str = ""
    # How a page of this site links to it, when that differs from `address` (an address on this site).
    link: str = ""

    @property
    def href(self) -> str:
        """Where a page of this site points for it."""
        return self.link or self.address


@dataclass(frozen=True)
class Someone:
    """A person as a release names them, and their page on this site when they have one."""

    person: Person
    page: Fact | None = None
    # "chair" for an event's chair; empty otherwise.
    part: str = ""

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def role_line(self) -> str:
        return self.person.role_line

    @property
    def attribution(self) -> str:
        """'Name, Role, Organisation': how a person is credited in words."""
        return ", ".join(part for part in (self.name, self.role_line) if part)


@dataclass(frozen=True)
class QuoteFact:
    kind: ClassVar[str] = "quote"
    number: int
    text: str
    by: Someone

    @property
    def person(self) -> Person:
        return self.by.person


@dataclass(frozen=True)
class Part:
    """One part of the body in reading order: a run of rendered HTML, or a quote."""

    html: str = ""
    quote: QuoteFact | None = None


@dataclass(frozen=True)
class RespondsToFacts:
    title: str
    publisher: str = ""
    address: str = ""
    date: Moment | None = None

    @property
    def text(self) -> str:
        """'Title, Publisher (3 May 2024)': what it responds to, in one line of words."""
        words = ", ".join(part for part in (self.title, self.publisher) if part)
        return f"{words} ({self.date.words})" if self.date else words


@dataclass(frozen=True)
class EventFacts:
    start: dt.datetime
    end: dt.datetime | None
    when: TimeSpan
    # "in person", "online" or "hybrid".
    attendance: str
    # The place people come to ('' when none), and its postal address when one is given.
    venue: str
    address: Address | None
    online_address: str
    registration_address: str
    speakers: tuple[Someone, ...]
    has_ended: bool
    # Whether people are still invited to join, register and add it to their calendars: not once it has
    # taken place, nor once it is withdrawn.
    open: bool
    calendar: Fact | None = None

    @property
    def address_lines(self) -> tuple[str, ...]:
        return self.address.lines if self.address else ()

    @property
    def where(self) -> str:
        """The venue and its address on one line ('' when nobody comes to a place)."""
        parts = [self.venue] if self.venue else []
        parts += [line for line in self.address_lines if line not in parts]
        return ", ".join(parts)

    @property
    def chairs(self) -> tuple[Someone, ...]:
        return tuple(someone for someone in self.speakers if someone.part == "chair")

    @property
    def panel(self) -> tuple[Someone, ...]:
        return tuple(someone for someone in self.speakers if someone.part != "chair")

    @property
    def facts(self) -> tuple[Fact, ...]:
        """The event in labelled lines, as the .txt, the PDF and the feed entry give it."""
        facts = [Fact("When", self.when.text)]
        if self.where:
            facts.append(Fact("Where", self.where))
        if self.online_address and self.open:
            facts.append(Fact("Online", self.online_address, self.online_address))
        if self.registration_address:
            facts.append(Fact("Register", self.registration_address, self.registration_address))
        for someone in self.speakers:
            label = "Chair" if someone.part == "chair" else "Speaker"
            page = someone.page
            facts.append(
                Fact(label, someone.attribution, page.address if page else "", page.link if page else "")
            )
        return tuple(facts)


@dataclass(frozen=True)
class Change:
    """One line of the change history: when, and what changed."""

    moment: Moment
    note: str


@dataclass(frozen=True)
class Picture:
    address: str
    link: str
    alt: str
    credit: str = ""


@dataclass(frozen=True)
class Withdrawal:
    moment: Moment
    reason: str
    # 'This press release was withdrawn on 3 June 2026. The figures were wrong.'
    notice: str


@dataclass(frozen=True)
class Presentation:
    """Everything any form of a release shows, worked out once per build."""

    kind: ReleaseType
    organisation: str
    # The release's own page: its path on the site (as Pelican writes it), how pages link to it, and its
    # absolute address.
    path: str
    link: str
    address: str
    headline: str
    standfirst: str
    # The town or city it is issued from, for its dateline ('' when none is given).
    place: str
    # The one publication moment: the later of the release's date and its embargo.
    published: Moment
    updated: Moment | None
    image: Picture | None
    responds_to: RespondsToFacts | None
    event: EventFacts | None
    body: tuple[Part, ...]
    quotes: tuple[QuoteFact, ...]
    spokespeople: tuple[Someone, ...]
    notes_to_editors_html: str
    contact: PressContact | None
    topics: tuple[Fact, ...]
    campaign: Fact | None
    # Newest first, ending with the first publication; empty when the release was never changed.
    history: tuple[Change, ...]
    withdrawn: Withdrawal | None = None
    # How body HTML becomes blocks: `html_blocks` itself, or in a build its memo (the same answers, kept
    # between builds, since parsing every release's HTML again was a tenth of a rebuild). Shown by none.
    read_blocks: Callable[[str, str], tuple[Block, ...]] = field(
        default=html_blocks, repr=False, compare=False
    )

    @property
    def dateline(self) -> str:
        """Where and when it was issued, as a dateline prints it: 'London, 3 December 2026'."""
        return f"{self.place}, {self.published.words}" if self.place else self.published.words

    @property
    def facts(self) -> tuple[Fact, ...]:
        """The labelled facts printed under the standfirst: what it responds to, then the event's."""
        facts = []
        if self.responds_to:
            facts.append(Fact("Responding to", self.responds_to.text, self.responds_to.address))
        if self.event:
            facts += self.event.facts
        return tuple(facts)

    @property
    def contact_facts(self) -> tuple[Fact, ...]:
        """The press contact in labelled lines, each address one a reader can follow."""
        contact = self.contact
        if contact is None:
            return ()
        facts = [Fact("Contact", contact.name), Fact("Email", contact.email, f"mailto:{contact.email}")]
        for label, number in (("Phone", contact.phone), ("Out of hours", contact.out_of_hours_phone)):
            if number:
                facts.append(Fact(label, number, "tel:" + "".join(number.split())))
        return tuple(facts)

    @cached_property
    def body_blocks(self) -> tuple[Block | QuoteFact, ...]:
        """The body as blocks and quotes in reading order, every link absolute."""
        found: list[Block | QuoteFact] = []
        for part in self.body:
            if part.quote:
                found.append(part.quote)
            else:
                found += self.read_blocks(part.html, self.address)
        return tuple(found)

    @cached_property
    def notes_blocks(self) -> tuple[Block, ...]:
        return self.read_blocks(self.notes_to_editors_html, self.address)


def present(
    release: Release,
    path: str,
    site: Site,
    *,
    segments: tuple[Segment, ...],
    notes_to_editors_html: str = "",
    calendar_path: str = "",
) -> Presentation:
    """The presentation of `release`, whose page is at `path` on the site, at the build's clock."""
    options = site.options

    def moment(at: dt.datetime) -> Moment:
        return Moment(at, at.strftime(options.date_format))

    def place(site_path: str, label: str = "", text: str = "") -> Fact:
        return Fact(label, text, site.absolute(site_path), site.link(site_path))

    def someone(person: Person, part: str = "") -> Someone:
        page = site.person_page(person.id) if person.id else ""
        return Someone(person, place(page, "Page", person.name) if page else None, part)

    def quote_fact(quote) -> QuoteFact:
        return QuoteFact(quote.number, quote.text, someone(quote.person))

    withdrawn = None
    if release.withdrawn:
        when = moment(release.withdrawn.date)
        notice = (
            f"This {release.type.label.lower()} was withdrawn on {when.words}. {release.withdrawn.reason}"
        )
        withdrawn = Withdrawal(when, release.withdrawn.reason, notice)
    event = None
    if release.event:
        details = release.event
        ended = details.has_ended(site.now)
        event = EventFacts(
            start=details.start,
            end=details.end,
            when=details.when,
            attendance=details.attendance,
            venue=details.location if details.in_person else "",
            address=details.address,
            online_address=details.online_url,
            registration_address=details.registration_url,
            speakers=tuple(
                someone(speaker.person, "chair" if speaker.chair else "") for speaker in details.speakers
            ),
            has_ended=ended,
            open=not ended and withdrawn is None,
            calendar=place(calendar_path, "Calendar", "Add to calendar") if calendar_path else None,
        )
    responds_to = None
    if release.responds_to:
        source = release.responds_to
        responds_to = RespondsToFacts(
            source.title,
            source.publisher,
            source.url,
            Moment(dt.datetime.combine(source.date, dt.time()), source.date.strftime(options.date_format))
            if source.date
            else None,
        )
    image = None
    if release.image:
        src = release.image.src
        image = Picture(site.absolute(src), site.link(src), release.image.alt, release.image.credit)
    history: tuple[Change, ...] = ()
    if release.updated:
        history = (
            *(Change(moment(update.date), update.note) for update in release.change_history),
            Change(moment(release.published), "first published."),
        )
    # A withdrawn release has left its topics' and campaign's listings, so it leads to none of them.
    topics = (
        ()
        if withdrawn
        else tuple(place(site.topic_path(topic.id), "Topic", topic.name) for topic in release.topics)
    )
    campaign = None
    if release.campaign and not withdrawn:
        page = site.campaign_page(release.campaign.id)
        name = release.campaign.name
        campaign = place(page, "Campaign", name) if page else Fact("Campaign", name)
    return Presentation(
        kind=release.type,
        organisation=site.organisation,
        path=path,
        link=site.link(path),
        address=site.absolute(path),
        headline=release.title,
        standfirst=release.summary,
        place=release.place,
        published=moment(release.published),
        updated=moment(release.last_updated) if release.last_updated else None,
        image=image,
        responds_to=responds_to,
        event=event,
        body=tuple(
            Part(quote=quote_fact(segment.quote)) if segment.quote else Part(html=segment.html)
            for segment in segments
        ),
        quotes=tuple(quote_fact(quote) for quote in release.quotes),
        spokespeople=tuple(someone(person) for person in release.spokespeople),
        notes_to_editors_html=notes_to_editors_html,
        contact=release.contact,
        topics=topics,
        campaign=campaign,
        history=history,
        withdrawn=withdrawn,
        read_blocks=remembered_blocks(site),
    )


def remembered_blocks(site: Site) -> Callable[[str, str], tuple[Block, ...]]:
    """`html_blocks`, answered from the build's memo when the same HTML and address were read before."""
    # Per kind of build, as its addresses differ: a publish and a development build keep their own.
    memo = site.memos.named("html_blocks", code_version(blocks.__name__) + site.kind)

    def read(html: str, base: str) -> tuple[Block, ...]:
        return memo.answer((html, base), lambda: html_blocks(html, base))

    return read


def article_presentation(article, site: Site) -> Presentation:
    """The presentation of the release Pelican made into `article`: its page at the article's address,
    its body as the reader rendered it, and its .ics beside the page when it is an event."""
    release: Release = article.release
    calendar_path = site.calendar_file(article.url, article.save_as, article.slug)[0] if release.event else ""
    return present(
        release,
        article.url,
        site,
        segments=release.body_segments,
        notes_to_editors_html=release.notes_to_editors_html,
        calendar_path=calendar_path,
    )


# Views worked out from the facts that the data forms carry too, so no reader of the JSON works them out.
DERIVED_VIEWS = ("dateline", "facts", "body_blocks", "notes_blocks", "contact_facts")


def presentation_data(presentation: Presentation) -> dict:
    """The whole presentation as JSON values, its derived views included: what the PDF's Typst template
    and the editor's preview read."""
    data = as_data(presentation)
    assert isinstance(data, dict)
    return {**data, **{name: as_data(getattr(presentation, name)) for name in DERIVED_VIEWS}}


def as_data(value) -> object:
    """A presentation, or any part of it, as JSON values: each block and quote carries its `kind`;
    moments are ISO 8601 with their words."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, TimeSpan):
        return {"start": value.start, "end": value.end, "text": value.text}
    if isinstance(value, ReleaseType):
        return {"id": value.id, "label": value.label}
    if isinstance(value, Someone):
        return {"name": value.name, "role": value.role_line, "page": as_data(value.page), "part": value.part}
    if isinstance(value, (tuple, list)):
        return [as_data(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        data = {
            name: as_data(getattr(value, name))
            for name, spec in value.__dataclass_fields__.items()
            if spec.repr
        }
        kind = getattr(type(value), "kind", None)
        return {"kind": kind, **data} if isinstance(kind, str) else data
    return value
