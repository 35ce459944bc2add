"""Whether a release is public at a given moment, and if not, what a preview reader should be told."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pressroom.content_model.model import Release


@dataclass(frozen=True)
class Visibility:
    public: bool
    reason: str = ""  # "draft", "embargoed" or "scheduled" when not public
    until: dt.datetime | None = None

    @property
    def banner(self) -> str:
        """The words on a preview page: what it is, and when it goes public."""
        if self.public:
            return ""
        if self.reason == "draft":
            return "DRAFT — not published"
        assert self.until is not None, "decide() gives every embargoed or scheduled release its moment"
        when = self.until.strftime("%-d %B %Y, %H:%M %Z")
        return f"EMBARGOED until {when}" if self.reason == "embargoed" else f"SCHEDULED for {when}"


def decide(release: Release, now: dt.datetime) -> Visibility:
    """Public only when published, past its embargo and past its date, all at the build's clock."""
    return decide_fields(release.status, release.embargo, release.date, now)


def decide_fields(
    status: str, embargo: dt.datetime | None, date: dt.datetime | None, now: dt.datetime
) -> Visibility:
    """The same decision from the three fields alone, for a release that is broken elsewhere."""
    if status == "draft":
        return Visibility(False, "draft")
    if embargo and embargo > now:
        return Visibility(False, "embargoed", embargo)
    if date and date > now:
        return Visibility(False, "scheduled", date)
    return Visibility(True)
