"""How a moment or a span of time is written for people: one wording for pages, feeds, cards and calendars.

Times are shown in the zone they carry (the site's zone, from validation), each with its own zone name,
so an event that runs across a clock change says BST for the part before and GMT for the part after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

DAY = "%A %-d %B %Y"


@dataclass(frozen=True)
class TimeSpan:
    """'Thursday 27 February 2025, 12:30' and '13:30 GMT': start and end as read, for markup around each."""

    start: str
    end: str = ""

    @property
    def text(self) -> str:
        return f"{self.start} to {self.end}" if self.end else self.start

    def __str__(self) -> str:
        return self.text


def time_span(start: dt.datetime, end: dt.datetime | None = None) -> TimeSpan:
    """The zone is named once when the span stays in one day and one zone; otherwise at each end."""
    if end is None:
        return TimeSpan(start.strftime(f"{DAY}, %H:%M %Z"))
    same_day = end.date() == start.date()
    if same_day and end.strftime("%Z") == start.strftime("%Z"):
        return TimeSpan(start.strftime(f"{DAY}, %H:%M"), end.strftime("%H:%M %Z"))
    return TimeSpan(
        start.strftime(f"{DAY}, %H:%M %Z"), end.strftime("%H:%M %Z" if same_day else f"{DAY}, %H:%M %Z")
    )


# What people call the site's clock where the zone's city does not say it (the editor's labels).
CLOCK_NAMES = {"Europe/London": "UK time"}


class NotOneMoment(ValueError):
    """A time that names no moment in the site's zone, or another moment than it seems to."""

    def __init__(self, what: str, fix: str):
        super().__init__(what)
        self.what, self.fix = what, fix


def place(zone: ZoneInfo) -> str:
    """'London' for Europe/London: how a message names the site's zone."""
    return zone.key.rsplit("/", 1)[-1].replace("_", " ")


def clock_name(timezone: str) -> str:
    """'UK time': how a form labels a time typed in the site's zone."""
    return CLOCK_NAMES.get(timezone, f"{place(ZoneInfo(timezone))} time")


def in_words(moment: dt.datetime) -> str:
    """'00:01 on 3 December 2026': a moment's wall-clock time, in words, in the zone it carries."""
    return f"{moment:%H:%M} on {moment.day} {moment:%B %Y}"


def in_full(moment: dt.datetime, timezone: str) -> str:
    """'00:01 on Thursday 3 December 2026 (GMT)': a moment in the site's zone, with the day and the zone."""
    return moment.astimezone(ZoneInfo(timezone)).strftime(f"%H:%M on {DAY} (%Z)")


def on_the_clock(moment: dt.datetime, timezone: str) -> str:
    """'00:01 GMT on Thursday 3 December 2026': a moment in the site's zone as an embargo line gives it,
    the clock's name first; a zone known only by its offset ('-03') is named as people call it."""
    local = moment.astimezone(ZoneInfo(timezone))
    zone = local.strftime("%Z")
    named = zone if zone.isalpha() else clock_name(timezone)
    return local.strftime(f"%H:%M {named} on {DAY}")


def iso(moment: dt.datetime) -> str:
    """'2026-12-03T00:01+00:00', or '2026-12-03T00:01' for a wall-clock time: seconds only if any."""
    return moment.isoformat(timespec="seconds" if moment.second or moment.microsecond else "minutes")


def written(moment: dt.datetime) -> str:
    """'2026-12-03T00:01+00:00 (GMT)': how to write a moment so that it is read as this one."""
    return f"{iso(moment)} ({moment:%Z})"


def _readings(wall: dt.datetime, zone: ZoneInfo) -> list[dt.datetime]:
    """The moments a wall-clock time names in the zone, earlier first: one, or two at a clock change.

    A time in the gap the clocks skip is read once with the offset before the change and once with
    the offset after; a time the clocks pass twice has one reading at each pass."""
    instants = {wall.replace(tzinfo=zone, fold=fold).astimezone(dt.UTC) for fold in (0, 1)}
    return [instant.astimezone(zone) for instant in sorted(instants)]


def offset_text(moment: dt.datetime) -> str:
    """'+01:00': a moment's UTC offset as ISO 8601 writes it."""
    return moment.isoformat()[-6:]


def wall_clock_moment(wall: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """The one moment a wall-clock time (no offset) names in the site's zone; NotOneMoment when the
    clocks skip it or pass it twice, naming both readings."""
    readings = _readings(wall, zone)
    if len(readings) == 1 and readings[0].replace(tzinfo=None) == wall:
        return readings[0]
    where = f"{in_words(wall)} in {place(zone)}"
    both = " or ".join(written(reading) for reading in readings)
    if readings[0].replace(tzinfo=None) == wall:
        raise NotOneMoment(f"{where} happens twice, as the clocks go back: {both}", "write the one you mean")
    raise NotOneMoment(
        f"{where} does not happen, as the clocks go forward past it: {both}", "write the one you mean"
    )


def site_moment(moment: dt.datetime, zone: ZoneInfo, shown: str) -> dt.datetime:
    """A time someone wrote (`shown`) as a moment in the site's zone: wall-clock time when it has no
    offset, and refused (NotOneMoment) when its offset is not the zone's at that moment, since the
    author then most likely copied an offset from another season."""
    if moment.tzinfo is None:
        return wall_clock_moment(moment, zone)
    local = moment.astimezone(zone)
    wall = moment.replace(tzinfo=None)
    if local.replace(tzinfo=None) == wall:
        return local
    city = place(zone)
    what = (
        f"'{shown}' is {in_words(local)} in {city}: {offset_text(moment)} is not {city}'s offset on that date"
    )
    try:
        meant = wall_clock_moment(wall, zone)
    except NotOneMoment as unclear:
        raise NotOneMoment(what, f"{unclear.what} — {unclear.fix}") from None
    fix = (
        f"{in_words(wall)} in {place(zone)} is {written(meant)}: write that, or {iso(wall)} without an offset"
    )
    raise NotOneMoment(what, fix)
