"""How a moment or a span of time is written for people: one wording for pages, feeds, cards and calendars.

Times are shown in the zone they carry (the site's zone, from validation), each with its own zone name,
so an event that runs across a clock change says BST for the part before and GMT for the part after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
