"""Value parsers shared by the release schema and the directories: a clean value, or Invalid."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from .addresses import web_address
from .front_matter import FORBIDDEN_CHARACTER, describe_character
from .problems import Invalid, did_you_mean

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
DATE_HELP = "write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM+01:00 with a time and UTC offset"
LOOKS_LIKE_A_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
# Years a release, update or event can have. Outside them a date is a typo (a year 1 or 9999 also
# breaks converting between time zones), and an embargo in 2202 would hold a release for ever.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
# Each folder or file name in the output is limited to 255 bytes; an id becomes one (people/ID/,
# releases/YEAR/SLUG/, cards/YEAR/SLUG.png), with room left for the longest suffix a plugin adds.
SLUG_MAX = 200


def text(value, *, max_length: int | None = None, plain: bool = False) -> str:
    """A non-empty single piece of text."""
    if isinstance(value, (dict, list)) or value is None:
        raise Invalid("must be text", "write the text after the colon, quoted if it contains ': '")
    if isinstance(value, bool):
        raise Invalid(f"must be text, not {str(value).lower()}", "put the text in quotes")
    value = str(value).strip()
    if not value:
        raise Invalid("is empty", "write the text after the colon")
    forbidden = FORBIDDEN_CHARACTER.search(value)
    if forbidden:
        raise Invalid(
            f"contains the invisible character {describe_character(forbidden.group())}",
            "delete it (retype the text around it if you cannot see it)",
        )
    if max_length and len(value) > max_length:
        raise Invalid(
            f"is {len(value)} characters long, more than the {max_length} allowed",
            f"shorten it by {len(value) - max_length} characters",
        )
    if plain and HTML_TAG.search(value):
        raise Invalid("contains HTML", "write plain text without tags")
    return value


def plain_text(value, max_length: int | None = None) -> str:
    return text(value, max_length=max_length, plain=True)


def slug(value) -> str:
    value = text(value)
    if not SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:SLUG_MAX]
        raise Invalid(
            f"'{value[:SLUG_MAX]}' is not a valid id",
            f"use lowercase letters, digits and hyphens, for example '{suggestion}'",
        )
    if len(value) > SLUG_MAX:
        raise Invalid(
            f"is {len(value)} characters long, but it becomes a file name, and file names are limited "
            f"to 255 bytes: at most {SLUG_MAX} characters are allowed",
            f"shorten it by {len(value) - SLUG_MAX} characters",
        )
    return value


def url(value) -> str:
    """A full http(s) address, in the strict form browsers and this site read alike (addresses.py)."""
    value = text(value)
    web_address(value)
    return value


def email(value) -> str:
    value = text(value)
    if not EMAIL.match(value):
        raise Invalid(f"'{value}' is not an email address", "write it as name@example.org")
    return value


def boolean(value) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"must be true or false, not '{value}'", "write true or false")
    return value


def mapping(value, what: str) -> dict:
    if not isinstance(value, dict):
        raise Invalid(f"must be a group of fields ({what})", f"indent {what} on the lines below")
    return value


def sequence(value, what: str) -> list:
    if isinstance(value, str):
        raise Invalid(
            f"must be a list, not the text '{value}'",
            f"write each {what} on its own line starting with '- '",
        )
    if not isinstance(value, list):
        raise Invalid("must be a list", f"write each {what} on its own line starting with '- '")
    return value


def datetime(value, timezone: str, *, require_offset: bool = False) -> dt.datetime:
    """An aware date-time; a bare date or a time without offset takes the site's timezone."""
    zone = ZoneInfo(timezone)
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        if require_offset:
            raise Invalid(
                f"'{value}' has no time",
                "give the exact moment with its offset, for example 2022-05-23T00:01+01:00",
            )
        parsed = dt.datetime.combine(value, dt.time())
    elif isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError as error:
            if LOOKS_LIKE_A_DATE.match(value.strip()):
                raise Invalid(f"'{value}' is not a date that exists ({error})", DATE_HELP) from None
            raise Invalid(f"'{value}' is not a date", DATE_HELP) from None
    else:
        raise Invalid(f"'{value}' is not a date", DATE_HELP)
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise Invalid(
            f"'{value}' is in the year {parsed.year}",
            f"give a date between {EARLIEST_YEAR} and {LATEST_YEAR}: the year looks mistyped",
        )
    if parsed.tzinfo is None:
        if require_offset:
            raise Invalid(
                f"'{value}' has no UTC offset, so the moment is ambiguous",
                "add the offset, for example 2022-05-23T00:01+01:00",
            )
        parsed = parsed.replace(tzinfo=zone)
    # Shown in the site's zone (GMT or BST), whatever offset the author typed.
    return parsed.astimezone(zone)


def date(value, timezone: str) -> dt.date:
    return datetime(value, timezone).date()


def items(values: list, parse_item) -> list:
    """Parse every item of a list, collecting the problems of all items, not only the first."""
    parsed: list = []
    findings: list[tuple] = []
    for index, item in enumerate(values):
        try:
            parsed.append(parse_item(item))
        except Invalid as error:
            findings.extend(((index, *sub), what, fix) for sub, what, fix in error.findings)
    if findings:
        raise Invalid.many(findings)
    return parsed


def record(value, spec: dict, what: str, known_extra: tuple = ()) -> dict:
    """Parse a mapping field by field with `spec` = {key: (required, parser)}; report every bad key."""
    value = mapping(value, what)
    parsed, findings = {}, []
    for key in value:
        if key not in spec and key not in known_extra:
            findings.append(
                (
                    (key,),
                    f"'{key}' is not a field of {what}",
                    did_you_mean(key, spec, f"use only {', '.join(spec)}"),
                )
            )
    for key, (required, parse) in spec.items():
        if key in value and value[key] is None:
            findings.append(((key,), f"{key} is blank", f"write a value after '{key}:', or remove the line"))
            continue
        if key not in value:
            if required:
                findings.append(((key,), f"{what} has no {key}", f"add a '{key}:' line to {what}"))
            continue
        try:
            parsed[key] = parse(value[key])
        except Invalid as error:
            findings.extend(((key, *sub), w, f) for sub, w, f in error.findings)
    if findings:
        raise Invalid.many(findings)
    return parsed
