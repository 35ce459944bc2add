"""The build's clock: one moment that every embargo and schedule decision in a build is made against.

It lives in the content model because validation, visibility, calendars and sitemaps all judge by it.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from .times import NotOneMoment, clock_name, wall_clock_moment

NOW_SETTING = "PRESSROOM_NOW"


class ClockError(ValueError):
    pass


def parse_moment(value, timezone: str) -> dt.datetime:
    """An aware moment from a datetime or an ISO 8601 string: wall-clock time in the site's zone when no
    offset is given, as embargoes are; with an offset, exactly the moment it names (a test's or a
    server's UTC is a moment too)."""
    zone = ZoneInfo(timezone)
    forms = f"write it as YYYY-MM-DDTHH:MM in {clock_name(timezone)}, or with its UTC offset after it"
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise ClockError(f"'{value}' is not a date-time — {forms}") from None
    if moment.tzinfo is not None:
        return moment
    try:
        return wall_clock_moment(moment, zone)
    except NotOneMoment as unclear:
        raise ClockError(f"{unclear.what} — {unclear.fix}") from None


def build_clock(settings: dict, environ=os.environ) -> dt.datetime:
    """`PRESSROOM_NOW` if set, else SOURCE_DATE_EPOCH (reproducible builds), else the current time."""
    # Here, not at the top: the settings use this module to check the form of PRESSROOM_NOW.
    from .settings import read_options

    options, problems = read_options(settings)
    # A clock that cannot be read is never the real time instead: every decision hangs on it.
    for problem in problems:
        if problem.field == "PRESSROOM_NOW":
            raise ClockError(f"PRESSROOM_NOW: {problem.what}")
    if options.now:
        return parse_moment(options.now, options.timezone)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except ValueError:
            raise ClockError(f"SOURCE_DATE_EPOCH='{epoch}' is not a whole number of seconds") from None
    return dt.datetime.now(dt.UTC)
