"""Whether a release is public at a given moment, and if not, what a preview reader should be told."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pressroom.content_model.model import Release


@dataclass(frozen=True)
class Visibility:
    public: bool
    # When not public: "draft", "embargoed" or "scheduled" (held back whole), or "withdrawn" (its page
    # stays, with a notice, and it is in no listing).
    reason: str = ""
    # When an embargoed or scheduled release goes public, or when a withdrawn one was withdrawn.
    until: dt.datetime | None = None

    @property
    def withdrawn(self) -> bool:
        return self.reason == "withdrawn"

    @property
    def banner(self) -> str:
        """The words on a preview page: what it is, and when it goes public."""
        if self.public:
            return ""
        if self.reason == "draft":
            return "DRAFT — not published"
        assert self.until is not None, "decide() gives every held-back or withdrawn release its moment"
        if self.withdrawn:
            return (
                f"WITHDRAWN on {self.until:%-d %B %Y} — its page shows the notice; "
                "it is in no listing, search or sitemap"
            )
        when = self.until.strftime("%-d %B %Y, %H:%M %Z")
        return f"EMBARGOED until {when}" if self.reason == "embargoed" else f"SCHEDULED for {when}"


def decide(release: Release, now: dt.datetime) -> Visibility:
    """Public only when published, past its embargo and past its date, all at the build's clock."""
    withdrawn_on = release.withdrawn.date if release.withdrawn else None
    return decide_fields(release.status, release.embargo, release.date, now, withdrawn_on)


def decide_fields(
    status: str,
    embargo: dt.datetime | None,
    date: dt.datetime | None,
    now: dt.datetime,
    withdrawn_on: dt.datetime | None = None,
) -> Visibility:
    """The same decision from the fields alone, for a release that is broken elsewhere.

    A withdrawn release that never went public (its embargo or date still to come) stays held back whole:
    its notice would give it away."""
    if status == "draft":
        return Visibility(False, "draft")
    if embargo and embargo > now:
        # It goes public at the later of the two, as `Release.published` says.
        return Visibility(False, "embargoed", max(embargo, date) if date else embargo)
    if date and date > now:
        return Visibility(False, "scheduled", date)
    if status == "withdrawn":
        return Visibility(False, "withdrawn", withdrawn_on)
    return Visibility(True)
