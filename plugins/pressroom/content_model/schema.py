"""The release schema: one table of fields, each with its parser, meaning and example.

Validation, `invoke new` and the README's field table all read this table, so a field is
described in exactly one place.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image as PILImage

from . import fields
from .addresses import web_address
from .directory import Directory
from .front_matter import (
    FENCE,
    FORBIDDEN_CHARACTER,
    PAGE_BREAKS,
    Document,
    FrontMatterError,
    describe_character,
    load_yaml,
    split_lines,
)
from .limits import WORD_FIX, html_excess, long_word, markdown_excesses, word_what
from .model import (
    ONLINE_ONLY,
    RELEASE_TYPES,
    Address,
    Event,
    Image,
    Page,
    Person,
    Quote,
    Release,
    RespondsTo,
    Speaker,
    Update,
    Withdrawal,
)
from .problems import Invalid, Problem, did_you_mean, nearest, shortened
from .sanitise import Removal
from .times import in_words

STATUSES = ("published", "draft", "withdrawn")
# What a problem says of a required field that is not there.
MISSING = "is required but missing"
# A page is shown or not: only a release can be withdrawn with a notice.
PAGE_STATUSES = ("published", "draft")
SUMMARY_MAX = 300
QUOTE_MARKER = re.compile(r"^[ \t]*\[\[quote (\d+)\]\][ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Context:
    """What parsing needs beyond the file itself: the directories, the clock's zone, the slug rule."""

    directory: Directory
    timezone: str
    slugify: Callable[[str], str]
    default_contact: str = ""
    content_root: str = ""
    # Markdown as the build renders it, so `check` can say what sanitising would remove.
    render_markdown: Callable[[str], str] | None = None
    # What sanitising would remove from a page's HTML; without it, nothing is reported.
    find_removals: Callable[[str], list[Removal]] | None = None


@dataclass(frozen=True)
class NewRelease:
    """What `invoke new` is told: the type, the headline, today's date, the address name made from the
    headline, and for an event when it starts (a date, or a date and time)."""

    kind: str
    title: str
    today: dt.date
    slug: str = ""
    event_start: dt.datetime | dt.date | None = None


@dataclass(frozen=True)
class Field:
    name: str
    meaning: str
    parse: Callable
    required: bool | Callable[[dict], bool] = False
    example: str = ""
    required_when: str = ""
    # What `invoke new` writes for this field in a new draft, or None to leave it out.
    starter: Callable[[NewRelease], object] | None = None
    # What the browser editor calls the field, as a press office says it, and the help under it, written
    # for comms staff; `meaning` stays the precise rule, for the README and the archive's JSON Schema.
    label: str = ""
    help: str = ""

    def is_required(self, data: dict) -> bool:
        return self.required(data) if callable(self.required) else self.required

    @property
    def required_label(self) -> str:
        if callable(self.required):
            return self.required_when
        return "yes" if self.required else "no"


def person(value, ctx: Context) -> Person:
    """A person id from the directory, or {name, role, organisation} for someone outside it."""
    if isinstance(value, str):
        person_id = value.strip()
        if person_id not in ctx.directory.people:
            raise Invalid(
                f"no person with the id '{person_id}' in people.yaml",
                did_you_mean(
                    person_id,
                    ctx.directory.people,
                    "add them to content/people.yaml, or write {name, role, organisation}",
                ),
            )
        return ctx.directory.people[person_id]
    values = fields.record(
        value,
        {
            "id": (False, lambda v: person(v, ctx)),
            "name": (False, fields.name),
            "role": (False, fields.name),
            "organisation": (False, fields.name),
        },
        "the person",
        known_extra=("chair",),
    )
    if "id" in values:
        return values["id"]
    if "name" not in values:
        raise Invalid(
            "a person needs a name or an id", "add 'name:' or use an id from people.yaml", ("name",)
        )
    return Person(values["name"], values.get("role", ""), values.get("organisation", ""))


def spokesperson(value, ctx: Context) -> Person:
    """Someone who speaks for the organisation: a directory person not marked `spokesperson: false`."""
    someone = person(value, ctx)
    if someone.id and not someone.spokesperson:
        raise Invalid(
            f"{someone.name} is in people.yaml as someone the organisation mentions, not as its spokesperson",
            f"list '{someone.id}' under 'people:' instead, or remove 'spokesperson: false' from people.yaml",
        )
    return someone


def speaker(value, ctx: Context) -> Speaker:
    chair = False
    if isinstance(value, dict) and "chair" in value:
        try:
            chair = fields.boolean(value["chair"])
        except Invalid as error:
            raise Invalid(*error.findings[0][1:], ("chair",)) from None
    return Speaker(person(value, ctx), chair)


def parse_type(value, ctx: Context):
    value = fields.text(value)
    if value not in RELEASE_TYPES:
        raise Invalid(
            f"'{value}' is not a release type",
            did_you_mean(
                value.lower().replace(" ", "-"), RELEASE_TYPES, f"use one of {', '.join(RELEASE_TYPES)}"
            ),
        )
    return RELEASE_TYPES[value]


def status_of(statuses: tuple[str, ...]):
    def parse(value, ctx: Context) -> str:
        value = fields.text(value)
        if value not in statuses:
            listed = f"{', '.join(statuses[:-1])} or {statuses[-1]}"
            raise Invalid(f"'{value}' is not a status", did_you_mean(value, statuses, f"use {listed}"))
        return value

    return parse


parse_status = status_of(STATUSES)


def directory_entry(kind: str, filename: str):
    def parse(value, ctx: Context):
        entries = getattr(ctx.directory, kind)
        key = fields.slug(value)
        if key not in entries:
            raise Invalid(
                f"no {kind.rstrip('s').replace('_', ' ')} with the id '{key}' in {filename}",
                did_you_mean(key, entries, f"add it to content/{filename} or use an id listed there"),
            )
        return entries[key]

    return parse


def list_of(parse_item, noun: str):
    def parse(value, ctx: Context):
        return tuple(fields.items(fields.sequence(value, noun), lambda item: parse_item(item, ctx)))

    return parse


# Each quotation mark a quote may be pasted with, and the mark that closes it.
CLOSING_MARK = {"“": "”", '"': '"', "‘": "’", "'": "'", "„": "“", "«": "»"}
# Marks that would stand doubled beside the ones the site prints around every quote (“…”).
OPENING_MARKS, CLOSING_MARKS = '“"„«‘', '”"»'


def _is_apostrophe(text: str, index: int) -> bool:
    """A single closing mark between two letters is an apostrophe (can’t), not the end of a quotation."""
    return 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()


def enclosing_marks_removed(text: str) -> str:
    """The words of a quote pasted with its own quotation marks round all of it, without them."""
    opening, closing = text[:1], CLOSING_MARK.get(text[:1])
    if closing is None or len(text) < 2 or text[-1] != closing:
        return text
    inner, depth = text[1:-1], 0
    for index, character in enumerate(inner):
        if character not in (opening, closing) or (character == closing and _is_apostrophe(inner, index)):
            continue
        # Straight marks open and close alike: with more of them inside, which pairs with which is unknown.
        if opening == closing:
            return text
        depth += 1 if character == opening else -1
        if depth < 0:
            return text
    return inner.strip() if depth == 0 else text


def quote_words(value) -> str:
    """A quote's text as printed between the site's own marks: one enclosing pair pasted with it is
    removed, and marks that would still stand doubled at either end are refused."""
    words = fields.text(enclosing_marks_removed(fields.plain_text(value)))
    if words[0] in OPENING_MARKS or words[-1] in CLOSING_MARKS:
        raise Invalid(
            "starts or ends with a quotation mark, and every quote is printed between the site's own "
            "(“…”), so the marks would stand doubled",
            "remove the marks; a quotation inside the quote takes single marks: ‘…’",
        )
    return words


def parse_quotes(value, ctx: Context) -> tuple[Quote, ...]:
    def quote(item):
        return fields.record(
            item,
            {
                "by": (True, lambda v: person(v, ctx)),
                "text": (True, quote_words),
            },
            "the quote",
        )

    parsed = fields.items(fields.sequence(value, "quote"), quote)
    return tuple(Quote(number, q["text"], q["by"]) for number, q in enumerate(parsed, start=1))


def parse_responds_to(value, ctx: Context) -> RespondsTo:
    return RespondsTo(
        **fields.record(
            value,
            {
                "title": (True, fields.name),
                "publisher": (False, fields.name),
                "url": (False, fields.url),
                "date": (False, lambda v: fields.date(v, ctx.timezone)),
            },
            "responds_to",
        )
    )


# Formats every network shows in a link preview and every browser shows on the page.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def image_source(value, ctx: Context) -> str:
    return image_address(value, ctx.content_root)


def image_address(value, content_root: str = "") -> str:
    """A raster image under the content folder (as `images/name.jpg`), or a full https address: what a
    release's image and a person's photo may be."""
    src = fields.text(value)
    if not src.lower().endswith(IMAGE_SUFFIXES):
        raise Invalid(
            f"'{src}' is not a JPEG, PNG, WebP or GIF image",
            "use one of those formats: link previews do not show SVG or other files",
        )
    if "://" in src:
        web_address(src, schemes=("https",))
    elif content_root:
        check_image_file(src, Path(content_root))
    return src


IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def check_image_file(src: str, content_root: Path) -> None:
    """The file must be inside content/ (links followed) and its bytes must really be an image."""
    root = content_root.resolve()
    try:
        target = (root / src).resolve(strict=True)
    except FileNotFoundError:
        raise Invalid(
            f"there is no file content/{src}", "put the image under content/images/ or correct src"
        ) from None
    except (OSError, RuntimeError, ValueError):
        raise Invalid(
            f"content/{src} cannot be opened (a link that loops, or a name the system refuses)",
            "replace it with the image file itself under content/images/",
        ) from None
    if not target.is_relative_to(root):
        raise Invalid(
            f"'{src}' leads outside the content folder, and nothing outside it is published",
            "copy the image into content/images/ and give its path from there",
        )
    if not target.is_file():
        raise Invalid(f"there is no file content/{src}", "put the image under content/images/ or correct src")
    try:
        found = image_format(target)
    except TooManyPixels:
        raise Invalid(f"content/{src} {TooManyPixels.what}", TooManyPixels.fix) from None
    if found not in IMAGE_FORMATS:
        raise Invalid(
            f"content/{src} is not a real JPEG, PNG, WebP or GIF image (its contents are something else)",
            "export the picture again as JPEG or PNG from an image editor and replace the file",
        )


class TooManyPixels(Exception):
    """An image larger than Pillow opens: a decompression bomb, or a camera's full size no page needs."""

    what = (
        f"has more than {PILImage.MAX_IMAGE_PIXELS:,} pixels (about 9,500 × 9,500), the most an image may "
        "have, since every step that reads it would need gigabytes"
    )
    fix = "export it smaller: 2,000 pixels across is plenty for a page or a link preview"


def image_format(target: Path) -> str | None:
    """The format Pillow finds in a file's bytes (JPEG, PNG…), or None when they are not an image it reads;
    TooManyPixels when the image is too large to open safely."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(target) as image:
                found = image.format
                image.verify()
    except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
        raise TooManyPixels from None
    except Exception:  # Pillow reports a broken file with many kinds of error; each means "not an image"
        return None
    return found


def parse_image(value, ctx: Context) -> Image:
    return Image(
        **fields.record(
            value,
            {
                "src": (True, lambda v: image_source(v, ctx)),
                "alt": (True, fields.name),
                "credit": (False, fields.name),
            },
            "the image",
        )
    )


def parse_updated(value, ctx: Context) -> tuple[Update, ...]:
    def update(item):
        return Update(
            **fields.record(
                item,
                {
                    "date": (True, lambda v: fields.datetime(v, ctx.timezone)),
                    "note": (True, fields.plain_text),
                },
                "the update",
            )
        )

    return tuple(fields.items(fields.sequence(value, "update"), update))


def parse_withdrawn(value, ctx: Context) -> Withdrawal:
    return Withdrawal(
        **fields.record(
            value,
            {
                "date": (True, lambda v: fields.datetime(v, ctx.timezone)),
                "reason": (True, lambda v: fields.plain_text(v, SUMMARY_MAX)),
            },
            "withdrawn",
        )
    )


def parse_address(value, ctx: Context) -> Address:
    return Address(
        **fields.record(
            value,
            {
                "street": (True, fields.plain_text),
                "locality": (True, fields.plain_text),
                "postcode": (False, fields.plain_text),
                "region": (False, fields.plain_text),
                "country": (False, fields.plain_text),
            },
            "the address",
        )
    )


def parse_event(value, ctx: Context) -> Event:
    values = fields.record(
        value,
        {
            "start": (True, lambda v: fields.datetime(v, ctx.timezone)),
            "end": (False, lambda v: fields.datetime(v, ctx.timezone)),
            "location": (False, fields.plain_text),
            "address": (False, lambda v: parse_address(v, ctx)),
            "online_url": (False, fields.url),
            "registration_url": (False, fields.url),
            "speakers": (False, lambda v: list_of(speaker, "speaker")(v, ctx)),
        },
        "the event",
    )
    # Compared as moments: at the autumn clock change 01:30 GMT comes after 01:30 BST.
    if "end" in values and values["end"].astimezone(dt.UTC) <= values["start"].astimezone(dt.UTC):
        raise Invalid("the event ends before it starts", "check the end date and time", ("end",))
    if not values.get("location") and not values.get("online_url"):
        raise Invalid(
            "the event has neither a location nor an online_url",
            "add 'location:' for a venue or 'online_url:' for an online event",
            ("location",),
        )
    event = Event(**values)
    location = values.get("location", "")
    if event.online and location and not event.in_person and not ONLINE_ONLY.match(location):
        # A venue with a joining link would otherwise be announced as online only.
        raise Invalid(
            f"'{location}' could be a venue people come to or the name of the online meeting, and the "
            "event has an online_url too",
            "if people can come to it, add its address (address: street, locality, postcode) or write it "
            "in the location ('Riverside Hall, 12 Quay Street, Bristol BS1 4XY'); if the event is online "
            "only, write 'location: Online'",
            ("location",),
        )
    return event


SITE_PATH = re.compile(r"[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*(?:/|\.html)")


def site_path(value, ctx: Context) -> str:
    """An address on this site, as its path (`releases/2024/old-name/`): where a redirect page goes.

    A full address is cut to its path, since the page is written on this site whatever its domain. The
    path is written the one way the output has it: `./` and doubled slashes dropped, and a folder's
    `index.html` as the folder, so `./index.html` is seen to be the home page and not a new file.
    """
    written = fields.text(value)
    try:
        parts = urlsplit(written)
    except ValueError:  # an unclosed '[' reads as a broken IPv6 host
        parts = None
    path = parts.path if parts and parts.scheme in ("http", "https") else re.sub(r"[?#].*", "", written)
    segments = [segment for segment in path.split("/") if segment not in ("", ".")]
    folder = path.endswith("/")
    if segments and segments[-1] == "index.html":
        segments.pop()
        folder = True
    if not segments:
        raise Invalid(
            f"'{value}' is the address of the home page, which is always there",
            "write the address it had before, for example releases/2024/old-name/ (or about-us/ for a page)",
        )
    normalised = "/".join(segments) + ("/" if folder else "")
    if not SITE_PATH.fullmatch(normalised) or ".." in segments:
        raise Invalid(
            f"'{value}' is not an address on this site",
            "write the old address's path ending in '/', for example releases/2024/old-name/ "
            "(or about-us/ for a page)",
        )
    return normalised


def parse_embargo(value, ctx: Context):
    return fields.datetime(value, ctx.timezone, needs_time=True)


# A town or city, as a dateline gives it: "Newcastle upon Tyne" fits, a sentence does not.
PLACE_MAX = 60


def _text_field(max_length=None):
    return lambda value, ctx: fields.plain_text(value, max_length)


def _words_field(max_length=None):
    return lambda value, ctx: fields.words(value, max_length)


def _one_line_field(max_length=None):
    return lambda value, ctx: fields.one_line(value, max_length)


def _slug_field(value, ctx):
    return fields.slug(value)


def _markdown_field(value, ctx):
    return fields.text(fields.whole_text(value))


def _date_field(value, ctx):
    return fields.datetime(value, ctx.timezone)


class Prose(str):
    """A starter that is text the author will type over: `invoke new` writes it as a YAML block, in which
    apostrophes, colons, hashes and quotation marks all stay text."""


# What `invoke new` writes where only the author knows what to say. Left in a release that is not a
# draft, it would be published, so it is an error there (placeholder_problems).
SUMMARY_STARTER = (
    f"One or two plain sentences: what happened and why it matters (at most {SUMMARY_MAX} characters)."
)
NOTES_STARTER = "About us: a short paragraph for journalists.\n"
RESPONDS_TO_STARTER = {"title": "Name of the report or announcement", "publisher": "Who published it"}
BODY_STARTER = (
    "Write the lead paragraph here: who, what, when, where, why.\n\n"
    "Quotes listed under `quotes:` appear after this paragraph; to place quote 2 elsewhere,\n"
    "write a paragraph containing only [[quote 2]].\n"
)
PLACEHOLDERS = tuple(
    " ".join(text.split())
    for text in (SUMMARY_STARTER, NOTES_STARTER, *RESPONDS_TO_STARTER.values(), *BODY_STARTER.split("\n\n"))
)


def _event_starter(new: NewRelease) -> dict:
    """The event on the day it was given (at lunchtime when no time was), or a fortnight away; an hour."""
    start = new.event_start or new.today + dt.timedelta(days=14)
    if not isinstance(start, dt.datetime):
        start = dt.datetime.combine(start, dt.time(12, 30))
    return {
        "start": start.isoformat(timespec="minutes"),
        "end": (start + dt.timedelta(hours=1)).isoformat(timespec="minutes"),
        "location": Prose("Online"),
        "speakers": [],
    }


RELEASE_FIELDS = {
    field.name: field
    for field in (
        Field(
            "title",
            "headline, plain text with words in it, on one line",
            _one_line_field(),
            True,
            "Charity welcomes new funding for family hubs",
            starter=lambda new: Prose(new.title),
            label="Headline",
            help="The headline, as it appears on the site, in feeds and on social cards.",
        ),
        Field(
            "date",
            "ISO 8601 date, or date-time in the site's time zone",
            _date_field,
            True,
            "2022-04-02",
            starter=lambda new: new.today.isoformat(),
            label="Date",
            help=(
                "The day the release is dated. It goes out on this day, or when its embargo lifts if "
                "that is later."
            ),
        ),
        Field(
            "place",
            f"the town or city it is issued from, plain text, at most {PLACE_MAX} characters; printed "
            "before its date, as a dateline",
            _one_line_field(PLACE_MAX),
            example="London",
            label="Dateline place",
            help="The town or city it is issued from, printed before its date: London, 3 December 2026.",
        ),
        Field(
            "type",
            f"one of {', '.join(RELEASE_TYPES)}",
            parse_type,
            True,
            "press-release",
            starter=lambda new: new.kind,
            label="Type of release",
            help=(
                "Press release, policy response, statement, news or event: decides which list it appears in."
            ),
        ),
        Field(
            "summary",
            f"standfirst, plain text with words in it, at most {SUMMARY_MAX} characters",
            _words_field(SUMMARY_MAX),
            True,
            "One or two sentences that say what happened and why it matters.",
            starter=lambda new: Prose(SUMMARY_STARTER),
            label="Standfirst",
            help=(
                f"One or two plain sentences saying what happened and why it matters, at most "
                f"{SUMMARY_MAX} characters. No links or formatting."
            ),
        ),
        Field(
            "spokespeople",
            "list of person ids from content/people.yaml who speak for the organisation",
            list_of(spokesperson, "person id"),
            example="[keith-reed]",
            starter=lambda new: [],
            label="Spokespeople",
            help="Who journalists can interview about it. Choose from the people directory.",
        ),
        Field(
            "people",
            "list of person ids from content/people.yaml the release is about or mentions; "
            "their pages list it",
            list_of(person, "person id"),
            example="[helen-hayes]",
            label="People mentioned",
            help="Anyone the release is about or mentions; it is listed on each person's page.",
        ),
        Field(
            "quotes",
            "list of {by, text}; by is a person id or {name, role, organisation}",
            parse_quotes,
            starter=lambda new: [],
            label="Quotes",
            help=(
                "Each quote with who said it. They appear after the first paragraph unless placed with "
                "'Place quote'."
            ),
        ),
        Field(
            "responds_to",
            "{title, publisher, url, date}: what this release responds to",
            parse_responds_to,
            starter=lambda new: (
                {key: Prose(text) for key, text in RESPONDS_TO_STARTER.items()}
                if new.kind == "policy-response"
                else None
            ),
            label="Responding to",
            help=(
                "The report, announcement or consultation this release responds to, with a link to it "
                "if there is one."
            ),
        ),
        Field(
            "topics",
            "list of topic ids from content/topics.yaml",
            list_of(directory_entry("topics", "topics.yaml"), "topic id"),
            starter=lambda new: [],
            label="Topics",
            help="The subjects it is about: it appears on each topic's page and in its feed.",
        ),
        Field(
            "campaign",
            "campaign id from content/topics.yaml",
            directory_entry("campaigns", "topics.yaml"),
            label="Campaign",
            help="The campaign it belongs to, if any.",
        ),
        Field(
            "embargo",
            "date-time in the site's time zone, such as 2022-05-23T00:01; not public before it; not "
            "before date",
            parse_embargo,
            label="Embargo",
            help=(
                "The moment it may be published, if it is under embargo. Nothing of it appears on the "
                "site before then."
            ),
        ),
        Field(
            "status",
            "published, draft or withdrawn; published when left out; withdrawn needs the withdrawn block",
            parse_status,
            example="draft",
            starter=lambda new: "draft",
            label="Status",
            help=(
                "Draft keeps it off the site. Published lets it go live at its date (and embargo). "
                "Withdrawn keeps its page with a notice saying why."
            ),
        ),
        Field(
            "withdrawn",
            "{date, reason}: when and why a published release was withdrawn, with status: withdrawn; "
            "its page stays, with a notice giving both, and it leaves every listing, search and sitemap",
            parse_withdrawn,
            lambda data: data.get("status") == "withdrawn",
            "{date: 2026-06-03, reason: The figures it quoted were wrong}",
            required_when="when status is withdrawn",
            label="Withdrawal",
            help="When and why it was withdrawn. Needed when the status is withdrawn, and only then.",
        ),
        Field(
            "image",
            "{src, alt, credit}; alt is required",
            parse_image,
            label="Image",
            help=(
                "A picture for the page and for link previews on social media, with a description for "
                "people who cannot see it."
            ),
        ),
        Field(
            "notes_to_editors",
            "Markdown",
            _markdown_field,
            starter=lambda new: Prose(NOTES_STARTER),
            label="Notes to editors",
            help=(
                "Background for journalists: about the organisation, facts and figures, how to get in touch."
            ),
        ),
        Field(
            "contact",
            "press contact id from content/people.yaml; default the press office",
            directory_entry("press_contacts", "people.yaml"),
            label="Press contact",
            help="Who journalists should call. Leave it empty for the press office.",
        ),
        Field(
            "updated",
            "list of {date, note}: public change history",
            parse_updated,
            label="Corrections and updates",
            help=(
                "Each change made after it went out, with when and what changed. Shown at the top of "
                "the page."
            ),
        ),
        Field(
            "event",
            "{start, end, location, address, online_url, registration_url, speakers}; for type event. "
            "location names the venue (or the online platform); a venue's address is {street, locality, "
            "postcode, region, country}; online_url and address together make the event hybrid",
            parse_event,
            lambda data: data.get("type") == "event",
            required_when="when type is event",
            starter=lambda new: _event_starter(new) if new.kind == "event" else None,
            label="Event details",
            help="When and where the event is, how to join or register, and who is speaking.",
        ),
        Field(
            "previous_urls",
            "list of addresses this release had before its slug or date changed, such as "
            "releases/2024/old-name/; each keeps working and leads here",
            list_of(site_path, "address"),
            label="Earlier web addresses",
            help=(
                "Addresses it had before its web address name or date changed, so old links still lead here."
            ),
        ),
        Field(
            "slug",
            "web address name; `invoke new` writes it from the first title, so a retitle keeps the address",
            _slug_field,
            starter=lambda new: new.slug or None,
            label="Web address name",
            help=(
                "The last part of its web address. Made from the first headline when it is first saved; "
                "change it only before it goes live."
            ),
        ),
    )
}

PAGE_FIELDS = {
    field.name: field
    for field in (
        replace(
            RELEASE_FIELDS["title"], label="Title", help="The page's title, as menus and search show it."
        ),
        Field(
            "summary",
            f"plain text, at most {SUMMARY_MAX} characters",
            _text_field(SUMMARY_MAX),
            label="Summary",
            help=f"A sentence or two about the page for search results and link previews, at most "
            f"{SUMMARY_MAX} characters.",
        ),
        Field(
            "status",
            "published or draft; published when left out",
            status_of(PAGE_STATUSES),
            example="draft",
            label="Status",
            help="Draft keeps the page off the site; published shows it.",
        ),
        RELEASE_FIELDS["slug"],
        replace(
            RELEASE_FIELDS["previous_urls"],
            meaning="list of addresses this page had before its slug changed, such as old-name/; each keeps "
            "working and leads here",
            help="Addresses it had before its web address name changed, so old links still lead here.",
        ),
    )
}


def field_label(key_path: tuple) -> str:
    """How a problem names a value deep in the front matter: ('quotes', 1, 'by') is quotes[2].by."""
    name, *sub = key_path
    return str(name) + "".join(f"[{part + 1}]" if isinstance(part, int) else f".{part}" for part in sub)


def blank_field_fix(field: Field) -> str:
    """What to write after a field left blank: what it holds (the meaning's first clause), and an example."""
    example = f", for example '{field.name}: {field.example}'" if field.example else ""
    return f"write a value after '{field.name}:' ({field.meaning.split(';')[0]}){example}, or remove the line"


def parse_fields(document: Document, path: str, table: dict, ctx: Context) -> tuple[dict, list[Problem]]:
    """Run every field of `table` over the front matter; report every problem, warn on unknown fields."""
    values, problems = {}, []
    data = document.data
    # A misspelt field ('summery:') is checked as the field it most likely means, so its value's own
    # mistakes (a standfirst too long) are not found only after the name is put right.
    meant: dict = {}
    for key in data:
        if key not in table:
            # An unknown field is an error, not a note: 'Embargo:' or 'embrago:' ignored would publish.
            problems.append(
                Problem(
                    path,
                    document.line_of((key,)),
                    str(key),
                    "is not a known field",
                    did_you_mean(key, table, f"remove it, or use one of {', '.join(table)}"),
                )
            )
            guess = nearest(key, table)
            if guess and guess not in data and guess not in meant:
                meant[guess] = key
    for name, field in table.items():
        if name in meant:
            try:
                values[name] = field.parse(data[meant[name]], ctx)
            except Invalid as error:
                problems += _located(error, (meant[name],), document, path)
            continue
        if name in data and data[name] is None:
            problems.append(
                Problem(path, document.line_of((name,)), name, "is blank", blank_field_fix(field))
            )
            continue
        if name not in data:
            if field.is_required(data) and name not in document.unreadable:
                example = f" {field.example}" if field.example else ""
                problems.append(
                    Problem(
                        path,
                        None,
                        name,
                        MISSING,
                        # Told as the editor's form tells it: a comms officer reads this, not a developer.
                        f"add '{name}:{example}'. {field.help or field.meaning}",
                    )
                )
            continue
        try:
            values[name] = field.parse(data[name], ctx)
        except Invalid as error:
            problems += _located(error, (name,), document, path)
    return values, problems


def _located(error: Invalid, key_path: tuple, document: Document, path: str) -> list[Problem]:
    """A field's findings as problems, each at the line of the part of the value it is about."""
    return [
        Problem(path, document.line_of((*key_path, *sub)), field_label((*key_path, *sub)), what, fix)
        for sub, what, fix in error.findings
    ]


def quote_marker_problems(document: Document, path: str, quote_count: int | None) -> list[Problem]:
    """Markers naming a quote that is not there, or placed twice; with the quotes unreadable
    (`quote_count` None), only the markers placed twice."""
    problems, seen = [], set()
    for match in QUOTE_MARKER.finditer(document.body):
        digits = match.group(1)
        # Python refuses to read a number of thousands of digits; no release has a millionth quote.
        number = int(digits) if len(digits) <= 6 else 0
        line = document.body_line + document.body.count("\n", 0, match.start())
        if quote_count is not None and not 1 <= number <= quote_count:
            problems.append(
                Problem(
                    path,
                    line,
                    "body",
                    f"[[quote {number}]] names a quote that does not exist",
                    f"use a number from 1 to {quote_count}"
                    if quote_count
                    else "add the quote under 'quotes:' or remove the marker",
                )
            )
        elif number in seen:
            problems.append(
                Problem(path, line, "body", f"[[quote {number}]] is placed twice", "place each quote once")
            )
        seen.add(number)
    return problems


# A field's name is a few words at most; the bound keeps the pattern from backtracking over a long line.
FIELD_IN_BODY = re.compile(r"^[ \t]*([A-Za-z_][A-Za-z_ -]{0,40}?)[ \t]*:(?:[ \t]|$)(.*)")
MAX_CHARACTER_PROBLEMS = 5
# The fields that decide whether and when a release is public. A line of one of them in the body is always
# a mistake: it would be published as text, and the release would go out without the hold it names.
VISIBILITY_FIELDS = ("status", "embargo", "date")
# A label this close to a field's name (and this long, so that 'Data' or 'Time' stay prose) is taken to be
# the field misspelt: 'Embrago', 'Staus', 'Embargoed'.
NEAR_MISS_CUTOFF, NEAR_MISS_LENGTH = 0.8, 5


def field_named(label: str, value: str, table: dict) -> str | None:
    """The field a body line `label: value` names: 'Embargo', 'notes to editors', 'Embrago: 2031-…' or
    'Staus: draft'; None for 'Location', or for 'Stats: 1 in 10', whose value is no status."""
    spelt = label.strip().lower()
    name = nearest(spelt, table, cutoff=NEAR_MISS_CUTOFF)
    if name is None or name == re.sub(r"[\s-]+", "_", spelt):
        return name
    if len(spelt) < NEAR_MISS_LENGTH:
        return None
    if name == "status":
        return name if nearest(value.strip().lower(), STATUSES, cutoff=NEAR_MISS_CUTOFF) else None
    if name in ("embargo", "date"):
        return name if any(character.isdigit() for character in value) else None
    return name


def in_field_blocks(lines: list[str]) -> dict[int, int]:
    """{line index: index of the '---' above it} for each part of the body between two '---' lines (the
    first opened by the front matter's own) that holds only `name: value` lines, with their indented or
    '- ' continuations: a second front matter, not a section between two rules."""
    fences = [-1, *(index for index, line in enumerate(lines) if line.rstrip() == FENCE)]
    found: dict[int, int] = {}
    for opening, closing in itertools.pairwise(fences):
        inside = [index for index in range(opening + 1, closing) if lines[index].strip()]
        if inside and all(FIELD_IN_BODY.match(lines[index]) or lines[index][0] in " \t-" for index in inside):
            found.update(dict.fromkeys(inside, opening))
    return found


def reads_as_field(name: str, lines: list[str], index: int, table: dict, ctx: Context) -> bool:
    """Whether the body line at `index` (with the indented or '- ' lines under it) is a valid value of the
    field `name`: 'topics: [family-hubs]' is, 'Contact: Jane Smith on 020 7946 0000' is not."""
    block = [lines[index]]
    for line in lines[index + 1 :]:
        if not line.strip() or line[0] not in " \t-":
            break
        block.append(line)
    try:
        data, _ = load_yaml("".join(block))
        value = next(iter(data.values())) if isinstance(data, dict) and data else None
        if value is None:
            return False
        table[name].parse(value, ctx)
    except (FrontMatterError, Invalid):
        return False
    return True


def stray_field_problems(document: Document, path: str, table: dict, ctx: Context) -> list[Problem]:
    """Fields in the body would be published as body text, and the release built without them.

    A '---' inside a field's text ends the front matter early; whatever fields followed it then open the
    body, before its first blank line or a further '---' line. Elsewhere in the body a line is taken for
    a field when it names status, embargo or date (any case, or misspelt), when it is in a block of
    fields between two '---' lines, or when what follows its label is a valid value of the field it
    names; a label in bold (**Contact:**) is text.
    """
    fence = document.body_line - 1
    body_lines = split_lines(document.body)
    first_blank = next((i for i, line in enumerate(body_lines) if not line.strip()), len(body_lines))
    fenced = in_field_blocks(body_lines)
    problems = []
    for index, line in enumerate(body_lines):
        match = FIELD_IN_BODY.match(line)
        name = field_named(match.group(1), match.group(2), table) if match else None
        if match is None or name is None:
            continue
        label = match.group(1)
        if index < first_blank or fenced.get(index) == -1:
            what = (
                f"'{label}:' is below the '---' on line {fence} that ended the front matter, so it would be "
                "published as body text and not read as a field"
            )
            fix = (
                "move it above the closing '---'; a '---' inside a field's text must be indented under a "
                "'|' line"
            )
        elif (
            name in VISIBILITY_FIELDS
            or index in fenced
            or reads_as_field(name, body_lines, index, table, ctx)
        ):
            what = (
                f"'{label}:' is in the body, so it would be published as text, not read as the {name} field"
            )
            if name in VISIBILITY_FIELDS:
                what += ": the release would go public without it"
            fix = (
                f"move it into the front matter, above the '---' on line {fence}; to keep it as text, write "
                f"the label in bold: **{label}:**"
            )
        else:
            continue
        problems.append(Problem(path, document.body_line + index, name, what, fix))
    return problems


def body_character_problems(document: Document, path: str) -> list[Problem]:
    """Invisible characters in the body break feeds and pages; page breaks alone become paragraphs."""
    problems = []
    for number, line in enumerate(split_lines(document.body), start=document.body_line):
        found = FORBIDDEN_CHARACTER.search(PAGE_BREAKS.sub("", line))
        if found:
            problems.append(
                Problem(
                    path,
                    number,
                    "body",
                    f"contains the invisible character {describe_character(found.group())}",
                    "delete it (retype the text around it if you cannot see it)",
                )
            )
        if len(problems) == MAX_CHARACTER_PROBLEMS:
            break
    return problems


def text_values(value, key_path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every piece of text in front matter values (or settings), with its key path."""
    if isinstance(value, str):
        yield key_path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_values(item, (*key_path, key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from text_values(item, (*key_path, index))


def limit_problems(document: Document, path: str, reported: list[Problem]) -> list[Problem]:
    """Limits no release reaches (limits.py), checked before Markdown reads anything: the body's and the
    notes to editors' size, words, nesting, tables, brackets and tags, and the length of every word of a
    field that has no other problem (`reported`: a summary over its length is told so once)."""
    fields_reported = {problem.field for problem in reported}
    problems = [
        Problem(path, document.body_line + excess.line, "body", excess.what, excess.fix)
        for excess in markdown_excesses(document.body)
    ]
    for key_path, text in text_values(document.data):
        line = document.line_of(key_path)
        if key_path == ("notes_to_editors",):
            problems += [
                Problem(path, line, "notes_to_editors", excess.what, excess.fix)
                for excess in markdown_excesses(text)
            ]
        elif (word := long_word(text)) and field_label(key_path) not in fields_reported:
            problems.append(Problem(path, line, field_label(key_path), word_what(word), WORD_FIX))
    return problems


def rendered_problems(document: Document, path: str, ctx: Context) -> list[Problem]:
    """What Markdown's HTML shows: what sanitising would remove, and nesting deeper than the build reads."""
    problems = sanitising_problems(document, path, ctx)
    if ctx.render_markdown is None:
        return problems
    notes = document.data.get("notes_to_editors")
    texts: list[tuple[str, str, int | None]] = [("body", document.markdown, document.body_line)]
    if isinstance(notes, str):
        texts.append(("notes_to_editors", notes, document.line_of(("notes_to_editors",))))
    for field, text, line in texts:
        if excess := html_excess(document.render(text, ctx.render_markdown)):
            problems.append(Problem(path, line, field, excess.what, excess.fix))
    return problems


def sanitising_problems(document: Document, path: str, ctx: Context) -> list[Problem]:
    """What the page would lose to the sanitiser, each at the line of the source it comes from."""
    if ctx.render_markdown is None or ctx.find_removals is None:
        return []
    problems = []
    body_lines = [line.lower() for line in split_lines(document.body)]
    for removal in ctx.find_removals(document.render(document.markdown, ctx.render_markdown)):
        needle = removal.needle.lower()
        index = next((i for i, line in enumerate(body_lines) if needle in line), 0)
        what = f"has {removal.what}, which is removed from the page"
        problems.append(Problem(path, document.body_line + index, "body", what, removal.fix))
    notes = document.data.get("notes_to_editors")
    if isinstance(notes, str):
        for removal in ctx.find_removals(document.render(notes, ctx.render_markdown)):
            what = f"has {removal.what}, which is removed from the page"
            line = document.line_of(("notes_to_editors",))
            problems.append(Problem(path, line, "notes_to_editors", what, removal.fix))
    return problems


def slug_problems(values: dict, document: Document, path: str, ctx: Context) -> list[Problem]:
    """A slug made from the title must be usable as a folder name: not empty, not too long."""
    if "slug" in values or "title" not in values:
        return []
    made = ctx.slugify(values["title"])
    line = document.line_of(("title",))
    if not made:
        return [
            Problem(
                path,
                line,
                "title",
                "has no letters or digits to make its web address from",
                "add a 'slug:' line, for example 'slug: our-response'",
            )
        ]
    if len(made) > fields.SLUG_MAX:
        return [
            Problem(
                path,
                line,
                "title",
                f"makes a web address name of {len(made)} characters; it becomes a file name, and file "
                f"names are limited to 255 bytes, so at most {fields.SLUG_MAX} are allowed",
                "shorten the title, or add a shorter 'slug:' line",
            )
        ]
    values["slug"] = made
    return []


def withdrawal_problems(values: dict, document: Document, path: str) -> list[Problem]:
    """A withdrawal block only with `status: withdrawn`, dated no earlier than the release went public.

    (`status: withdrawn` without the block is reported as a required field that is missing.)"""
    withdrawal = values.get("withdrawn")
    if withdrawal is None:
        return []
    line = document.line_of(("withdrawn",))
    status = values.get("status", None if "status" in document.data else "published")
    if status is None:
        return []  # a status that cannot be read is reported on its own
    if status != "withdrawn":
        return [
            Problem(
                path,
                line,
                "withdrawn",
                "is given, but the status is not withdrawn, so the release would still be shown in full",
                "add 'status: withdrawn' to withdraw it, or remove the withdrawn block",
            )
        ]
    if "date" not in values:
        return []
    published = max(values["date"], values["embargo"]) if values.get("embargo") else values["date"]
    if withdrawal.date.date() < published.astimezone(withdrawal.date.tzinfo).date():
        return [
            Problem(
                path,
                document.line_of(("withdrawn", "date")),
                "withdrawn.date",
                f"is {withdrawal.date:%-d %B %Y}, before the release was published ({published:%-d %B %Y})",
                "give the day it was withdrawn",
            )
        ]
    return []


def validate_release(document: Document, path: str, ctx: Context) -> tuple[Release | None, list[Problem]]:
    values, problems = parse_fields(document, path, RELEASE_FIELDS, ctx)
    problems += stray_field_problems(document, path, RELEASE_FIELDS, ctx)
    problems += body_character_problems(document, path)
    problems += slug_problems(values, document, path, ctx)
    problems += limit_problems(document, path, problems) or rendered_problems(document, path, ctx)
    if "event" in values and values.get("type") and values["type"].id != "event":
        problems.append(
            Problem(
                path,
                document.line_of(("event",)),
                "event",
                f"only events have event details, but this is a {values['type'].id}",
                "set 'type: event', or remove the event block",
            )
        )
    problems += quote_marker_problems(document, path, quote_count(values, document))
    problems += embargo_problems(values, document, path)
    problems += placeholder_problems(values, document, path)
    problems += withdrawal_problems(values, document, path)
    if not document.complete or any(problem.severity == "error" for problem in problems):
        return None, problems
    if "contact" not in values and ctx.default_contact in ctx.directory.press_contacts:
        values["contact"] = ctx.directory.press_contacts[ctx.default_contact]
    return Release(source_path=path, **values), problems


def _texts(value, key_path: tuple):
    """Every piece of text in a front matter value, with its key path."""
    if isinstance(value, str):
        yield key_path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*key_path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*key_path, index))


def placeholder_problems(values: dict, document: Document, path: str) -> list[Problem]:
    """`invoke new`'s placeholder sentences left in a release that is not a draft would be published."""
    if values.get("status") == "draft" or document.data.get("status") == "draft":
        return []
    found = [
        (document.line_of(key_path), field_label(key_path), placeholder)
        for key_path, text in _texts(document.data, ())
        for placeholder in PLACEHOLDERS
        if placeholder in " ".join(text.split())
    ]
    body = " ".join(document.body.split())
    for placeholder in PLACEHOLDERS:
        if placeholder in body:
            first_words = placeholder[:30]
            index = next((i for i, line in enumerate(split_lines(document.body)) if first_words in line), 0)
            found.append((document.body_line + index, "body", placeholder))
    return [
        Problem(
            path,
            line,
            label,
            f"still has the placeholder '{shortened(placeholder)}' that `invoke new` wrote",
            "write your own words in its place, or keep 'status: draft' until the release is ready",
        )
        for line, label, placeholder in found
    ]


def quote_count(values: dict, document: Document) -> int | None:
    """How many quotes the release has, as far as can be told when some of them have mistakes."""
    if "quotes" in values:
        return len(values["quotes"])
    if isinstance(document.data.get("quotes"), list):
        return len(document.data["quotes"])
    return None if "quotes" in document.unreadable else 0


def embargo_problems(values: dict, document: Document, path: str) -> list[Problem]:
    """An embargo before the release's own date holds nothing back: most likely a mistyped date."""
    embargo, date = values.get("embargo"), values.get("date")
    if embargo is None or date is None or embargo.astimezone(dt.UTC) >= date.astimezone(dt.UTC):
        return []
    return [
        Problem(
            path,
            document.line_of(("embargo",)),
            "embargo",
            f"lifts at {in_words(embargo)}, before the release's own date ({in_words(date)}), "
            "so it would hold nothing back",
            "check both: the embargo must be at or after the date (a release dated later already "
            "waits for its date)",
        )
    ]


def visibility_values(document: Document, ctx: Context) -> dict:
    """status, embargo and date of a release that may be broken elsewhere: each that can be read."""
    values = {}
    for name in ("status", "embargo", "date"):
        if document.data.get(name) is not None:
            try:
                values[name] = RELEASE_FIELDS[name].parse(document.data[name], ctx)
            except Invalid:
                values[name] = None
    return values


def readable_release(document: Document, path: str, ctx: Context) -> Release | None:
    """What can be read of a release that has mistakes, so that the leak scan can look for it while it is
    held back; None without a readable date, on which its address depends. Values that cannot be read
    are left empty; its address name falls back to the file's name."""
    values, _ = parse_fields(document, path, RELEASE_FIELDS, ctx)
    if "date" not in values:
        return None
    slug_problems(values, document, path, ctx)
    # The type only matters here as part of an address, and no address of this site uses it.
    unread = {"title": "", "type": next(iter(RELEASE_TYPES.values())), "summary": "", "slug": Path(path).stem}
    return Release(source_path=path, **{**unread, **values})


def validate_page(document: Document, path: str, ctx: Context) -> tuple[Page | None, list[Problem]]:
    values, problems = parse_fields(document, path, PAGE_FIELDS, ctx)
    problems += stray_field_problems(document, path, PAGE_FIELDS, ctx)
    problems += body_character_problems(document, path)
    problems += slug_problems(values, document, path, ctx)
    problems += limit_problems(document, path, problems) or rendered_problems(document, path, ctx)
    if not document.complete or any(problem.severity == "error" for problem in problems):
        return None, problems
    return Page(source_path=path, **values), problems


def field_table(table: dict = RELEASE_FIELDS) -> str:
    """The Markdown table of fields that the README shows, written from the schema itself."""
    rows = ["| field | required | meaning |", "|---|---|---|"]
    rows += [f"| `{field.name}` | {field.required_label} | {field.meaning} |" for field in table.values()]
    return "\n".join(rows)
