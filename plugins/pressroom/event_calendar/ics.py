"""One event as an iCalendar (RFC 5545) file, written by the icalendar library."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from icalendar import Calendar, Event


@dataclass(frozen=True)
class CalendarEvent:
    """Everything the file says, as plain values. Times are aware; `url` is empty when not absolute."""

    uid: str
    title: str
    summary: str
    when: str  # as the event's page words it, so a reader sees the same times in the description
    start: dt.datetime
    end: dt.datetime | None
    location: str
    online_url: str
    registration_url: str
    url: str
    stamp: dt.datetime
    sequence: int
    organiser: str


def description(event: CalendarEvent) -> str:
    lines = [event.when, event.summary]
    if event.location:
        lines.append(f"Where: {event.location}")
    if event.online_url:
        lines.append(f"Join online: {event.online_url}")
    if event.registration_url:
        lines.append(f"Register: {event.registration_url}")
    if event.url:
        lines.append(f"Event page: {event.url}")
    return "\n\n".join(lines)


def event_uid(source_stem: str, domain: str) -> str:
    """The UID calendar applications match updates by: from the source file's name, which `invoke new`
    sets once, so a new title, slug or date updates the event instead of adding a second one."""
    return f"release-{source_stem}@{domain}"


def to_ical(event: CalendarEvent) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{event.organiser}//Pressroom//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = Event()
    entry.add("uid", event.uid)
    # UTC times need no VTIMEZONE block, and every calendar application shows them in the reader's zone.
    entry.add("dtstamp", event.stamp.astimezone(dt.UTC))
    entry.add("dtstart", event.start.astimezone(dt.UTC))
    if event.end:
        entry.add("dtend", event.end.astimezone(dt.UTC))
    entry.add("summary", event.title)
    entry.add("description", description(event))
    location = event.location or event.online_url
    if location:
        entry.add("location", location)
    if event.url:
        entry.add("url", event.url)
    entry.add("sequence", event.sequence)
    entry.add("status", "CONFIRMED")
    calendar.add_component(entry)
    return calendar.to_ical()
