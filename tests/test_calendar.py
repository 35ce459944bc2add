"""Events: an iCalendar file beside each event page, and a clear state once the event has taken place."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar
from pelican import signals
from support.showcase import PAST_EVENT, UPCOMING_EVENT, build_showcase
from support.site import build, read_html

from pressroom.content_model.times import time_span
from pressroom.event_calendar.ics import calendar_address, has_ended

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
    assert str(event["UID"]) == "releases-2026-growing-teams-webinar@press.example.org"


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
    assert calendar_address(url, save_as, "talk") == expected


def test_an_event_has_ended_at_its_end_or_without_one_at_its_start():
    start = dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC)
    end = start + dt.timedelta(hours=1)
    assert not has_ended(start, end, start + dt.timedelta(minutes=59))
    assert has_ended(start, end, end)
    assert has_ended(start, None, start)
    assert not has_ended(start, None, start - dt.timedelta(seconds=1))


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
