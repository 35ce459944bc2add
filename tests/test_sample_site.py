"""The seed releases, built into a real site, show journalists what the seeds say."""

from __future__ import annotations

import pytest
from support.site import read_html

RELEASES = {
    "family-hubs": {
        "url": "releases/2022/family-hubs-funding-response/",
        "type": "Policy response",
        "date": ("2022-04-02", "2 April 2022"),
        "spokespeople": ["Keith Reed"],
        "quoted": {"Keith Reed": "Chief Executive Officer, Parent-Infant Foundation"},
        "quote_count": 3,
        "quote_words": "I am glad the Government has recognised how vital the first 1001 days",
    },
    "care-review": {
        "url": "releases/2022/care-review-response/",
        "type": "Policy response",
        "date": ("2022-05-23", "23 May 2022"),
        "spokespeople": ["Sally Hogg"],
        "quoted": {"Sally Hogg": "Deputy Chief Executive, Parent-Infant Foundation"},
        "quote_count": 2,
        "quote_words": "The Care Review recognises the central importance of relationships.",
    },
    "leap-visit": {
        "url": "releases/2023/helen-hayes-mp-visits-leap/",
        "type": "News",
        "date": ("2023-06-12", "12 June 2023"),
        "spokespeople": [],
        "quoted": {},
        "quote_count": 0,
        "quote_words": None,
    },
    "event": {
        "url": "releases/2025/mission-champions-online-event/",
        "type": "Event",
        "date": ("2025-02-20", "20 February 2025"),
        "spokespeople": ["Keith Reed"],
        "quoted": {},
        "quote_count": 0,
        "quote_words": None,
    },
}


@pytest.mark.parametrize("name", RELEASES)
def test_release_page_shows_headline_type_and_date(sample_site, name):
    expected = RELEASES[name]
    page = read_html(sample_site, expected["url"])
    article = page.select_one("main article")
    assert len(page.select("h1")) == 1
    assert article.select_one("h1").get_text(strip=True) == page.title.get_text().split(" — ")[0]
    assert article.select_one(".release-type").get_text(strip=True) == expected["type"]
    published = article.select_one(".release-date time")
    assert published["datetime"].startswith(expected["date"][0])
    assert published.get_text(strip=True) == expected["date"][1]
    assert article.select_one(".standfirst").get_text(strip=True)


@pytest.mark.parametrize("name", RELEASES)
def test_release_page_names_spokespeople_and_attributes_every_quote(sample_site, name):
    expected = RELEASES[name]
    page = read_html(sample_site, expected["url"])
    names = [
        card.get_text(strip=True) for card in page.select("#spokespeople-heading ~ .person .person-name")
    ]
    assert names == expected["spokespeople"]

    quotes = page.select("figure.quote")
    assert len(quotes) == expected["quote_count"]
    for figure in quotes:
        assert figure.select_one("blockquote").get_text(strip=True)
        speaker = figure.select_one("figcaption .quote-name").get_text(strip=True)
        assert figure.select_one("figcaption .quote-role").get_text(strip=True) == expected["quoted"][speaker]
    if expected["quote_words"]:
        assert expected["quote_words"] in quotes[0].blockquote.get_text(" ", strip=True)


def test_unplaced_quote_follows_lead_paragraph_and_markers_place_the_rest(sample_site):
    page = read_html(sample_site, RELEASES["family-hubs"]["url"])
    body = page.select_one(".release-body")
    blocks = [child for child in body.children if getattr(child, "name", None)]
    assert blocks[0].name == "p"
    assert blocks[1].name == "figure"
    assert "[[quote" not in body.get_text()
    last_figure = body.select("figure.quote")[-1]
    assert "help local commissioners develop new specialist" in last_figure.get_text()


def test_event_page_shows_time_with_zone_registration_and_chair(sample_site):
    page = read_html(sample_site, RELEASES["event"]["url"])
    details = page.select_one(".event-details")
    start, end = details.select("time")
    assert start["datetime"] == "2025-02-27T12:30:00+00:00"
    assert end["datetime"] == "2025-02-27T13:30:00+00:00"
    assert "GMT" in details.get_text()
    register = details.select_one("a.event-registration")
    assert register["href"].startswith("https://www.eventbrite.co.uk/")
    chair = [card for card in details.select(".person") if "(chair)" in card.get_text()]
    assert [card.select_one(".person-name").find(string=True).strip() for card in chair] == ["Tom Belger"]
    speakers = [
        card.select_one(".person-name").find(string=True).strip() for card in details.select(".person")
    ]
    assert {"Rosie Wrighting MP", "Sarah Smith MP", "Keith Reed", "Dr Lisa Marsland"} <= set(speakers)


def test_every_release_has_notes_to_editors_and_press_contact(sample_site):
    for expected in RELEASES.values():
        page = read_html(sample_site, expected["url"])
        assert page.select_one(".notes-to-editors p").get_text(strip=True)
        contact = page.select_one("dl.contact")
        assert (
            contact.select_one('a[href^="mailto:"]')["href"] == "mailto:press@parentinfantfoundation.example"
        )


def test_vision_page_is_a_page_not_a_release(sample_site):
    page = read_html(sample_site, "our-vision-the-1001-critical-days/")
    assert "1001" in page.select_one("main h1").get_text()
    assert page.select_one("main blockquote")
    listed = [a["href"] for a in read_html(sample_site, "/").select("main a")]
    assert not any("our-vision" in href for href in listed)


def test_home_page_lists_every_release_newest_first(sample_site):
    page = read_html(sample_site, "/")
    links = [a["href"] for a in page.select("main .release-list h2 a")]
    assert [link.split("/")[-2] for link in links] == [
        RELEASES[name]["url"].split("/")[-2] for name in ("event", "leap-visit", "care-review", "family-hubs")
    ]


def test_type_and_topic_listings_hold_their_releases(sample_site):
    responses = read_html(sample_site, "policy-responses/")
    assert responses.select_one("main h1").get_text(strip=True) == "Policy responses"
    assert len(responses.select("main .release-list li")) == 2
    family_hubs = read_html(sample_site, "topics/family-hubs/")
    assert "Family hubs" in family_hubs.select_one("main h1").get_text()
