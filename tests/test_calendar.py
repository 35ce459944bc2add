"""Events: an iCalendar file beside each event page, and a clear state once the event has taken place."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar
from pelican import signals
from support.showcase import PAST_EVENT, UPCOMING_EVENT, build_showcase
from support.site import SAMPLE_CONTENT, build, read_html

from pressroom.content_model.model import Event
from pressroom.content_model.presentation import EventFacts
from pressroom.content_model.site import Site
from pressroom.content_model.times import time_span
from pressroom.structured_data.json_ld import attendance

SITEURL = "https://press.example.org"


@pytest.fixture(scope="module")
def showcase(tmp_path_factory) -> Path:
    return build_showcase(tmp_path_factory.mktemp("calendar"), SITEURL=SITEURL)


def calendar_behind(output: Path, event_page: str):
    """The event page, and the calendar its 'Add to calendar' link (or, once past, its address) gives."""
    page = read_html(output, event_page)
    slug = event_page.rstrip("/").split("/")[-1]
    return page, Calendar.from_ical((output / event_page / f"{slug}.ics").read_bytes())


def test_upcoming_event_offers_registration_joining_and_a_calendar_file(showcase):
    page = read_html(showcase, UPCOMING_EVENT)
    details = page.select_one(".event-details")
    assert details.select_one(".event-ended") is None
    assert details.select_one("a.button.event-registration")["href"] == "https://example.org/webinar-register"
    assert details.find("a", string="Join the event online")["href"] == "https://example.org/webinar-join"
    calendar_link = details.select_one('a[type="text/calendar"]')
    assert calendar_link["href"] == f"{SITEURL}/{UPCOMING_EVENT}growing-teams-webinar.ics"
    assert (showcase / calendar_link["href"].removeprefix(SITEURL + "/")).is_file()


def test_calendar_file_describes_the_event_in_utc(showcase):
    _, calendar = calendar_behind(showcase, UPCOMING_EVENT)
    assert calendar["VERSION"] == "2.0"
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == dt.datetime(2026, 3, 10, 12, 30, tzinfo=dt.UTC)
    assert event.decoded("DTEND") == dt.datetime(2026, 3, 10, 13, 30, tzinfo=dt.UTC)
    assert str(event["SUMMARY"]) == "Webinar: growing parent-infant teams in 2026"
    assert str(event["LOCATION"]) == "Online (Zoom)"
    assert str(event["URL"]) == f"{SITEURL}/{UPCOMING_EVENT}"
    assert "https://example.org/webinar-join" in str(event["DESCRIPTION"])
    assert (
        str(event["UID"]) == "release-2026-01-05-showcase-upcoming-event@press.parentinfantfoundation.org.uk"
    )


def test_summer_event_times_keep_their_moment_through_british_summer_time(tmp_path, content_copy, build_site):
    event = content_copy / "releases" / "2025" / "2025-02-27-mission-champions-online-event.md"
    text = event.read_text(encoding="utf-8")
    text = text.replace("start: 2025-02-27T12:30:00+00:00", "start: 2025-07-03T12:30:00")
    text = text.replace("end: 2025-02-27T13:30:00+00:00", "end: 2025-07-03T13:30:00")
    event.write_text(text, encoding="utf-8")
    output = build_site(content_copy, PRESSROOM_NOW="2025-03-01T00:00:00+00:00")
    details = read_html(output, PAST_EVENT).select_one(".event-details")
    assert "BST" in details.get_text()
    assert details.select_one("time")["datetime"] == "2025-07-03T12:30:00+01:00"
    [entry] = Calendar.from_ical(
        (output / PAST_EVENT / "mission-champions-online-event.ics").read_bytes()
    ).walk("VEVENT")
    assert entry.decoded("DTSTART") == dt.datetime(2025, 7, 3, 11, 30, tzinfo=dt.UTC)


def test_event_that_has_ended_says_so_and_offers_no_registration(showcase):
    page = read_html(showcase, PAST_EVENT)
    details = page.select_one(".event-details")
    assert details.select_one(".event-ended").get_text(strip=True) == "This event has taken place."
    assert details.select_one("a.button") is None
    assert details.find("a", string="Join the event online") is None
    assert details.select_one("a.event-registration")["href"].startswith("https://www.eventbrite.co.uk/")


def test_the_same_event_before_it_starts_is_upcoming(build_site):
    output = build_site(PRESSROOM_NOW="2025-02-27T12:29:00+00:00")
    details = read_html(output, PAST_EVENT).select_one(".event-details")
    assert details.select_one(".event-ended") is None
    assert details.select_one("a.button.event-registration")


def test_only_public_events_get_a_calendar_file(showcase):
    calendars = sorted(path.relative_to(showcase).as_posix() for path in showcase.rglob("*.ics"))
    assert calendars == [
        f"{PAST_EVENT}mission-champions-online-event.ics",
        f"{UPCOMING_EVENT}growing-teams-webinar.ics",
    ]


def test_draft_event_gets_no_page_and_no_calendar(content_copy, build_site):
    event = content_copy / "releases" / "2025" / "2025-02-27-mission-champions-online-event.md"
    event.write_text(
        event.read_text(encoding="utf-8").replace("type: event\n", "type: event\nstatus: draft\n")
    )
    output = build_site(content_copy)
    assert not list(output.rglob("*.ics"))
    assert not (output / PAST_EVENT).exists()


@pytest.mark.parametrize(
    ("url", "save_as", "expected"),
    [
        ("releases/2025/talk/", "releases/2025/talk/index.html", ("releases/2025/talk/talk.ics",) * 2),
        ("releases/2025/talk.html", "releases/2025/talk.html", ("releases/2025/talk.ics",) * 2),
        ("talk.html", "talk.html", ("talk.ics", "talk.ics")),
    ],
)
def test_calendar_file_sits_beside_the_event_page_whatever_the_url_scheme(url, save_as, expected):
    assert Site.beside(url, save_as, "talk.ics") == expected


def test_an_event_has_ended_at_its_end_or_without_one_at_its_start():
    start = dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC)
    end = start + dt.timedelta(hours=1)
    assert not Event(start, end, "Online").has_ended(start + dt.timedelta(minutes=59))
    assert Event(start, end, "Online").has_ended(end)
    assert Event(start, None, "Online").has_ended(start)
    assert not Event(start, None, "Online").has_ended(start - dt.timedelta(seconds=1))


def test_a_two_day_event_across_the_october_clock_change_reads_the_same_everywhere(content_copy, tmp_path):
    event = content_copy / "releases" / "2025" / "2025-02-27-mission-champions-online-event.md"
    text = event.read_text(encoding="utf-8")
    text = text.replace("start: 2025-02-27T12:30:00+00:00", "start: 2025-10-25T18:00:00")
    text = text.replace("end: 2025-02-27T13:30:00+00:00", "end: 2025-10-26T10:00:00")
    event.write_text(text, encoding="utf-8")
    cards = {}

    def note_card(generator, content):
        cards[content.slug] = content.social_image.card.detail

    signals.article_generator_write_article.connect(note_card)
    try:
        output = build(content_copy, tmp_path / "output", PRESSROOM_NOW="2025-03-01T00:00:00+00:00")
    finally:
        signals.article_generator_write_article.disconnect(note_card)

    expected = "Saturday 25 October 2025, 18:00 BST to Sunday 26 October 2025, 10:00 GMT"
    page = read_html(output, PAST_EVENT).select_one(".event-facts")
    when = page.find("dt", string="When").find_next_sibling("dd")
    assert " ".join(when.get_text().split()) == expected
    assert [time["datetime"] for time in when.select("time")] == [
        "2025-10-25T18:00:00+01:00",
        "2025-10-26T10:00:00+00:00",
    ]
    feed = json.loads((output / "feeds" / "all.json").read_text(encoding="utf-8"))
    [item] = [item for item in feed["items"] if item["url"].endswith(PAST_EVENT)]
    feed_when = BeautifulSoup(item["content_html"], "html.parser").find("li", string=re.compile("^When:"))
    assert feed_when.get_text() == f"When: {expected}"
    assert cards["mission-champions-online-event"] == f"{expected} · Online (Zoom)"
    [entry] = Calendar.from_ical(
        (output / PAST_EVENT / "mission-champions-online-event.ics").read_bytes()
    ).walk("VEVENT")
    assert entry.decoded("DTSTART") == dt.datetime(2025, 10, 25, 17, 0, tzinfo=dt.UTC)
    assert entry.decoded("DTEND") == dt.datetime(2025, 10, 26, 10, 0, tzinfo=dt.UTC)
    assert str(entry["DESCRIPTION"]).startswith(expected)
    copy = (output / PAST_EVENT / "mission-champions-online-event.txt").read_text(encoding="utf-8")
    assert f"When: {expected}\n" in copy


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2025-02-27T12:30", "2025-02-27T13:30", "Thursday 27 February 2025, 12:30 to 13:30 GMT"),
        ("2025-07-03T12:30", None, "Thursday 3 July 2025, 12:30 BST"),
        ("2025-10-26T00:30", "2025-10-26T03:00", "Sunday 26 October 2025, 00:30 BST to 03:00 GMT"),
    ],
)
def test_time_spans_name_their_zone_once_unless_the_clocks_change(start, end, expected):
    london = ZoneInfo("Europe/London")

    def moment(text):
        return dt.datetime.fromisoformat(text).replace(tzinfo=london) if text else None

    assert time_span(moment(start), moment(end)).text == expected


HYBRID = """  location: Liz Atkinson Children's Centre
  address:
    street: 1 Example Road
    locality: London
    postcode: SE27 0AA
    country: GB
  online_url:"""


def hybrid_across_the_clock_change(content: Path) -> Path:
    """The sample event as a two-day hybrid conference: Saturday 25 October 2025 (BST) to the Sunday (GMT)."""
    event = content / "releases" / "2025" / "2025-02-27-mission-champions-online-event.md"
    text = event.read_text(encoding="utf-8")
    text = text.replace("start: 2025-02-27T12:30:00+00:00", "start: 2025-10-25T09:30:00")
    text = text.replace("end: 2025-02-27T13:30:00+00:00", "end: 2025-10-26T16:00:00")
    text = text.replace(
        "  location: Online (Zoom)\n"
        "  # Illustrative URLs: replace with the real Eventbrite links before publishing.\n"
        "  online_url:",
        HYBRID,
    )
    event.write_text(text, encoding="utf-8")
    return event


@pytest.fixture(scope="module")
def hybrid(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hybrid")
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    hybrid_across_the_clock_change(content)
    return build(content, root / "output", PRESSROOM_NOW="2025-03-01T00:00:00+00:00", SITEURL=SITEURL)


def test_a_two_day_hybrid_event_is_mixed_attendance_at_a_place_with_an_address_and_online(hybrid):
    page = read_html(hybrid, PAST_EVENT)
    graph = {
        node["@type"]: node
        for node in json.loads(page.select_one('script[type="application/ld+json"]').string)["@graph"]
    }
    event = graph["Event"]
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert event["startDate"] == "2025-10-25T09:30:00+01:00"
    assert event["endDate"] == "2025-10-26T16:00:00+00:00"
    place, online = event["location"]
    assert place == {
        "@type": "Place",
        "name": "Liz Atkinson Children's Centre",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "1 Example Road",
            "addressLocality": "London",
            "postalCode": "SE27 0AA",
            "addressCountry": "GB",
        },
    }
    assert online == {
        "@type": "VirtualLocation",
        "url": "https://www.eventbrite.co.uk/e/labours-missions-and-the-next-generation-online-000000000000",
    }
    where = page.select_one(".event-facts").find("dt", string="Where").find_next_sibling("dd")
    assert where.select_one(".event-venue").get_text() == "Liz Atkinson Children's Centre"
    assert list(where.select_one("address.event-address").stripped_strings) == [
        "1 Example Road",
        "London",
        "SE27 0AA",
        "GB",
    ]


def test_a_hybrid_event_calendar_has_the_venue_the_registration_link_and_the_page(hybrid):
    [entry] = Calendar.from_ical(
        (hybrid / PAST_EVENT / "mission-champions-online-event.ics").read_bytes()
    ).walk("VEVENT")
    assert entry.decoded("DTSTART") == dt.datetime(2025, 10, 25, 8, 30, tzinfo=dt.UTC)
    assert entry.decoded("DTEND") == dt.datetime(2025, 10, 26, 16, 0, tzinfo=dt.UTC)
    assert str(entry["LOCATION"]) == "Liz Atkinson Children's Centre, 1 Example Road, London, SE27 0AA, GB"
    description = str(entry["DESCRIPTION"])
    assert description.startswith("Saturday 25 October 2025, 09:30 BST to Sunday 26 October 2025, 16:00 GMT")
    assert (
        "Register: https://www.eventbrite.co.uk/e/labours-missions-and-the-next-generation-tickets-000000000000"
        in description
    )
    assert f"Event page: {SITEURL}/{PAST_EVENT}" in description
    assert str(entry["URL"]) == f"{SITEURL}/{PAST_EVENT}"


def test_an_in_person_event_without_a_structured_address_gives_its_location_as_the_address():
    start = dt.datetime(2025, 6, 1, 10, tzinfo=dt.UTC)
    details = Event(start, location="Town Hall, 1 High Street, Leeds LS1 1AA")
    facts = EventFacts(
        start, None, details.when, details.attendance, details.location, None, "", "", (), False, True
    )
    mode, place = attendance(facts)
    assert mode == "https://schema.org/OfflineEventAttendanceMode"
    assert place == {
        "@type": "Place",
        "name": "Town Hall, 1 High Street, Leeds LS1 1AA",
        "address": "Town Hall, 1 High Street, Leeds LS1 1AA",
    }


def test_the_calendar_uid_survives_a_new_slug_and_a_new_date(content_copy, build_site):
    def uid(output: Path, folder: str, slug: str) -> str:
        [entry] = Calendar.from_ical((output / folder / f"{slug}.ics").read_bytes()).walk("VEVENT")
        return str(entry["UID"])

    before = uid(
        build_site(content_copy, PRESSROOM_NOW="2025-03-01T00:00:00+00:00"),
        PAST_EVENT,
        "mission-champions-online-event",
    )
    event = content_copy / "releases" / "2025" / "2025-02-27-mission-champions-online-event.md"
    text = event.read_text(encoding="utf-8")
    text = text.replace("slug: mission-champions-online-event", "slug: missions-and-babies")
    text = text.replace("date: 2025-02-20", "date: 2025-02-21")
    event.write_text(text, encoding="utf-8")
    after = uid(
        build_site(content_copy, PRESSROOM_NOW="2025-03-01T00:00:00+00:00"),
        "releases/2025/missions-and-babies/",
        "missions-and-babies",
    )
    assert (
        after
        == before
        == "release-2025-02-27-mission-champions-online-event@press.parentinfantfoundation.org.uk"
    )
