"""Event calendar: an .ics file for every public event, and whether each event has taken place.

Named event_calendar, not calendar: a plugin called `calendar` loads Python's standard-library
module of that name instead, and Pelican only logs the failure.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from pelican import signals

from pressroom.content_model.site import site_of

from .ics import CalendarEvent, event_uid, to_ical


def calendar_event(article, settings) -> CalendarEvent:
    release, event = article.release, article.release.event
    site = site_of(settings)
    return CalendarEvent(
        # The domain that names the site's feed entries for good: calendar UIDs use it too, so they
        # survive a move of the site to another address.
        uid=event_uid(PurePath(article.source_path).stem, site.options.feed_id_domain),
        title=release.title,
        summary=release.summary,
        when=event.when.text,
        start=event.start,
        end=event.end,
        location=event.venue_text or event.location,
        online_url=event.online_url,
        registration_url=event.registration_url,
        # A calendar application cannot follow a link relative to a site it never saw.
        url=site.absolute(article.url) if site.url else "",
        stamp=release.last_updated or release.date,
        sequence=len(release.updated),
        organiser=site.organisation,
    )


def public_events(generator):
    return [
        article
        for article in generator.articles
        if getattr(article, "release", None) and article.release.event
    ]


def write_calendars(generator, writer) -> None:
    site = site_of(generator.settings)
    for article in public_events(generator):
        _, save_as = site.calendar_file(article.url, article.save_as, article.slug)
        if not save_as:
            # Pelican's signals outlive a build: a process that built with this plugin before (a test
            # run, a server) still calls this handler in a build without it, where no calendar is planned.
            return
        target = Path(writer.output_path) / save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(to_ical(calendar_event(article, generator.settings)))


def register() -> None:
    signals.article_writer_finalized.connect(write_calendars)
