"""Value parsers shared by the release schema and the directories: a clean value, or Invalid."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from zoneinfo import ZoneInfo

from .addresses import web_address
from .front_matter import FORBIDDEN_CHARACTER, TextBeforeComment, describe_character
from .problems import Invalid, did_you_mean, shortened
from .times import NotOneMoment, clock_name, in_words, iso, place, site_moment, written

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
LOOKS_LIKE_A_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
# A date as people in the UK write it, day first (23/05/2022, 23.5.2022), perhaps with a time after it.
DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T,]+(\d{1,2})[:.](\d{2}))?")
# …or in words, as an embargo line gives it: 00:01 on Thursday 3 December 2026, 3rd Dec 2026 at 10:30.
IN_WORDS = re.compile(
    r"(?:(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?:on\s+)?)?(?:[a-z]+day,?\s+)?(?P<day>\d{1,2})"
    r"(?:st|nd|rd|th)?\s+(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4})"
    r"(?:,?\s*(?:at\s+)?(?P<hour2>\d{1,2})[:.](?P<minute2>\d{2}))?",
    re.IGNORECASE,
)
MONTH_ABBREVIATIONS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
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


def whole_text(value):
    """A value of text as YAML read it, refused when YAML cut it at ' #', reading the rest as a comment."""
    if isinstance(value, TextBeforeComment):
        raise Invalid(
            f"has ' #' in it, where YAML starts a comment, so '{shortened(value.comment, 40)}' would be "
            "dropped from the text",
            "put the whole value in double quotes, or write '>-' after the colon and the text on the lines "
            "below, indented",
        )
    return value


# Joins emoji into one picture (👨‍👩‍👧): a format character, but a visible one.
ZERO_WIDTH_JOINER = "\u200d"
# The flags of Scotland and Wales: a black flag and invisible tag letters spelling the country.
FLAG_TAGS = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")


def invisible_format_character(value: str) -> str | None:
    """The first character that formats text invisibly (zero-width space, soft hyphen, bidirectional
    control, word joiner…), apart from those that draw an emoji."""
    value = FLAG_TAGS.sub("\U0001f3f4", value)
    for index, character in enumerate(value):
        if unicodedata.category(character) != "Cf":
            continue
        joins_pictures = (
            character == ZERO_WIDTH_JOINER
            and 0 < index < len(value) - 1
            and unicodedata.category(value[index - 1]) in ("So", "Sk", "Mn")
            and unicodedata.category(value[index + 1]) == "So"
        )
        if not joins_pictures:
            return character
    return None


def plain_text(value, max_length: int | None = None) -> str:
    """One piece of plain text (a headline, a standfirst, a name): nothing cut off by YAML, and nothing
    invisible that would hide or reorder what readers see in titles, feeds and share links."""
    value = text(whole_text(value), max_length=max_length, plain=True)
    hidden = invisible_format_character(value)
    if hidden:
        raise Invalid(
            f"contains the invisible character {describe_character(hidden)}",
            "delete it (retype the text around it if you cannot see it)",
        )
    return value


def words(value, max_length: int | None = None) -> str:
    """Plain text that says something: a headline or standfirst of punctuation alone ("<<<", "—") would
    leave a release nothing a reader, a search index or a screen reader could use."""
    value = plain_text(value, max_length)
    if not any(unicodedata.category(character)[0] in "LN" for character in value):
        raise Invalid(f"'{shortened(value)}' has no words in it", "write it in words")
    return value


def one_line(value, max_length: int | None = None) -> str:
    """Words on one line (a headline, a dateline): an email's subject, a page's title and a feed entry's
    title cannot hold a line break, and a block written with '|' keeps each one."""
    return without_line_breaks(words(value, max_length))


def name(value) -> str:
    """Plain text on one line: a name, a role, an organisation, what an image shows."""
    return without_line_breaks(plain_text(value))


def without_line_breaks(value: str) -> str:
    # Every character Python (and so a mail header or a page title) ends a line at: \r, \n, U+2028…
    lines = value.splitlines()
    if len(lines) > 1:
        first = lines[0]
        raise Invalid(
            f"'{shortened(first)}' is followed by a line break, but it must be one line",
            "write it on one line; as a block, put '>-' after the colon (it joins its lines with spaces), "
            "not '|'",
        )
    return value


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


def date_forms(zone: ZoneInfo, needs_time: bool = False) -> str:
    if needs_time:
        return f"YYYY-MM-DDTHH:MM ({clock_name(zone.key)})"
    return f"YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time ({clock_name(zone.key)})"


def day_first_fix(written: str, needs_time: bool = False) -> str | None:
    """The fix for a date written as people in the UK write one, day first (23/05/2022, 23 May 2022,
    00:01 on Thursday 3 December 2026): the same day or moment, written as the site reads it."""
    numbers, words = DAY_FIRST.fullmatch(written), IN_WORDS.fullmatch(written.strip())
    if numbers:
        day, month, year, hour, minute = numbers.groups()
        how = " (day/month/year)"
    elif words and words["month"][:3].lower() in MONTH_ABBREVIATIONS:
        day, year = words["day"], words["year"]
        month = str(MONTH_ABBREVIATIONS.index(words["month"][:3].lower()) + 1)
        hour, minute = (
            (words["hour"], words["minute"]) if words["hour"] else (words["hour2"], words["minute2"])
        )
        how = ""
    else:
        return None
    try:
        meant = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        return None
    iso_form = iso(meant) if hour else meant.date().isoformat()
    if needs_time and not hour:
        iso_form += f", and give its time: for example {iso_form}T00:01"
    return f"write the year first: {written}{how} is {iso_form}"


def date_help(zone: ZoneInfo, needs_time: bool = False) -> str:
    return f"write it as {date_forms(zone, needs_time)}"


# A date or date-time as ISO 8601 writes it, in parts, to say which part of an impossible one is wrong.
ISO_PARTS = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[Tt ](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?)?"
    r"[ \t]*(?P<offset>[Zz]|[+-](?P<offset_hours>\d{2}):?(?P<offset_minutes>\d{2})?)?"
)


def impossible_part(text: str) -> str | None:
    """Why a value written like a date is not one, in words: the part that cannot be."""
    parts = ISO_PARTS.fullmatch(text)
    if parts is None:
        return None
    year, month, day = (int(parts[name]) for name in ("year", "month", "day"))
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    days = calendar.monthrange(max(year, 1), month)[1]
    if day < 1:
        return f"there is no day {day}"
    if day > days:
        return f"{calendar.month_name[month]} {year} has {days} days"
    if parts["hour"] and int(parts["hour"]) > 23:
        return f"a day's hours run from 00 to 23, not {parts['hour']}"
    if parts["minute"] and int(parts["minute"]) > 59:
        return f"an hour's minutes run from 00 to 59, not {parts['minute']}"
    if parts["second"] and int(parts["second"]) > 59:
        return f"a minute's seconds run from 00 to 59, not {parts['second']}"
    if parts["offset_hours"] and (int(parts["offset_hours"]) > 23 or int(parts["offset_minutes"] or 0) > 59):
        return f"{parts['offset']} is not a UTC offset"
    return None


def impossible(shown: str, zone: ZoneInfo) -> Invalid:
    """The problem with a value written like a date that is not one; a bad offset gets the right one."""
    why = impossible_part(shown)
    if why is None:
        return Invalid(f"'{shown}' is not a date", date_help(zone))
    what = f"'{shown}' is not a date that exists ({why})"
    parts = ISO_PARTS.fullmatch(shown)
    if parts and parts["offset"] and why.startswith(parts["offset"]):
        wall = dt.datetime.fromisoformat(shown[: parts.start("offset")].rstrip())
        try:
            meant = site_moment(wall, zone, shown)
        except NotOneMoment as unclear:
            return Invalid(what, f"{unclear.what} — {unclear.fix}")
        return Invalid(what, f"write {iso(wall)} without an offset, or {written(meant)}")
    return Invalid(what, date_help(zone))


def as_written(value) -> str:
    """A date or time as the author wrote it (YAML has read some as Python values)."""
    return iso(value) if isinstance(value, dt.datetime) else str(value).strip()


def datetime(value, timezone: str, *, needs_time: bool = False) -> dt.datetime:
    """A moment in the site's zone. A bare date is midnight there, and a time without an offset is the
    zone's wall-clock time; a written offset must be the zone's at that moment (see times.site_moment)."""
    zone = ZoneInfo(timezone)
    # A field that needs a moment (an embargo) is never told a bare date would do.
    forms, told = date_forms(zone, needs_time), date_help(zone, needs_time)
    if isinstance(value, list):
        raise Invalid("is a list, not one date", f"write one date after the colon, as {forms}")
    if isinstance(value, dict):
        raise Invalid("is a group of fields, not a date", f"write one date after the colon, as {forms}")
    if isinstance(value, bool):
        raise Invalid(f"must be a date, not {str(value).lower()}", told)
    if not isinstance(value, (str, dt.date)):
        raise Invalid(f"'{value}' is not a date", told)
    shown = as_written(value)
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime.combine(value, dt.time())
    else:
        # Python reads some impossible values as others (an offset of +01:60 as +02:00): refuse them first.
        if impossible_part(shown) is not None:
            raise impossible(shown, zone)
        try:
            parsed = dt.datetime.fromisoformat(shown)
        except ValueError:
            if not LOOKS_LIKE_A_DATE.match(shown):
                raise Invalid(f"'{shown}' is not a date", day_first_fix(shown, needs_time) or told) from None
            raise impossible(shown, zone) from None
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise Invalid(
            f"'{shown}' is in the year {parsed.year}",
            f"give a date between {EARLIEST_YEAR} and {LATEST_YEAR}: the year looks mistyped",
        )
    has_time = isinstance(value, dt.datetime) or (isinstance(value, str) and ":" in shown)
    if needs_time and not has_time:
        example = parsed.replace(hour=0, minute=1)
        raise Invalid(
            f"'{shown}' has no time",
            f"give the moment, for example {iso(example)} ({in_words(example)} in {place(zone)})",
        )
    try:
        return site_moment(parsed, zone, shown)
    except NotOneMoment as unclear:
        raise Invalid(unclear.what, unclear.fix) from None


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
