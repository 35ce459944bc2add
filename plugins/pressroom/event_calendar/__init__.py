"""Event calendar: an .ics file for every public event, and whether each event has taken place.

Named event_calendar, not calendar: a plugin called `calendar` loads Python's standard-library
module of that name instead, and Pelican only logs the failure.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from urllib.parse import urlsplit

from pelican import signals

from pressroom.content_model.site import absolute_url, organisation_name, site_of

from .ics import CalendarEvent, calendar_address, event_uid, has_ended, to_ical

PLACEHOLDER_HOST = "pressroom.invalid"
# The domain that names the site's feed entries for good (pelicanconf.py): calendar UIDs use it too, so
# they survive a move of the site to another address.
STABLE_DOMAIN_SETTING = "PRESSROOM_FEED_ID_DOMAIN"


def calendar_event(article, settings) -> CalendarEvent:
    release, event = article.release, article.release.event
    site_url = settings.get("SITEURL", "")
    organisation = settings.get("ORGANISATION", {})
    domain = (
        settings.get(STABLE_DOMAIN_SETTING)
        or urlsplit(site_url or organisation.get("url", "")).hostname
        or PLACEHOLDER_HOST
    )
    return CalendarEvent(
        uid=event_uid(PurePath(article.source_path).stem, domain),
        title=release.title,
        summary=release.summary,
        when=event.when.text,
        start=event.start,
        end=event.end,
        location=event.venue_text or event.location,
        online_url=event.online_url,
        registration_url=event.registration_url,
        # A calendar application cannot follow a link relative to a site it never saw.
        url=absolute_url(site_url, article.url) if site_url.startswith(("http://", "https://")) else "",
        stamp=release.last_updated or release.date,
        sequence=len(release.updated),
        organiser=organisation_name(settings),
    )


def public_events(generator):
    return [
        article
        for article in generator.articles
        if getattr(article, "release", None) and article.release.event
    ]


def describe_events(generator) -> None:
    # Judged by the build's clock, the same moment every embargo is judged by.
    now = site_of(generator.settings).now
    for article in public_events(generator):
        event = article.release.event
        article.event_has_ended = has_ended(event.start, event.end, now)
        article.calendar_url, article.calendar_save_as = calendar_address(
            article.url, article.save_as, article.slug
        )


def write_calendars(generator, writer) -> None:
    for article in public_events(generator):
        target = Path(writer.output_path) / article.calendar_save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(to_ical(calendar_event(article, generator.settings)))


def register() -> None:
    signals.article_generator_finalized.connect(describe_events)
    signals.article_writer_finalized.connect(write_calendars)
