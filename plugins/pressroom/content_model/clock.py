"""The build's clock: one moment that every embargo and schedule decision in a build is made against.

It lives in the content model because validation, visibility, calendars and sitemaps all judge by it.
"""

from __future__ import annotations

import datetime as dt
import os

NOW_SETTING = "PRESSROOM_NOW"


class ClockError(ValueError):
    pass


def parse_moment(value) -> dt.datetime:
    """An aware moment from a datetime or an ISO 8601 string that gives its UTC offset."""
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise ClockError(f"'{value}' is not a date-time — write it like 2022-05-23T00:01+01:00") from None
    if moment.tzinfo is None:
        raise ClockError(f"'{value}' has no UTC offset — write it like 2022-05-23T00:01+01:00")
    return moment


def build_clock(settings: dict, environ=os.environ) -> dt.datetime:
    """`PRESSROOM_NOW` if set, else SOURCE_DATE_EPOCH (reproducible builds), else the current time."""
    if settings.get(NOW_SETTING):
        return parse_moment(settings[NOW_SETTING])
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except ValueError:
            raise ClockError(f"SOURCE_DATE_EPOCH='{epoch}' is not a whole number of seconds") from None
    return dt.datetime.now(dt.UTC)
