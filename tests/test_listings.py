"""Listings per spokesperson, campaign, type, topic and year, the press office, and links between releases."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.outputs import planned_files, written_files
from support.showcase import (
    HIDDEN_TITLES,
    PAST_EVENT,
    PRESS_RELEASE,
    STATEMENT,
    UPCOMING_EVENT,
)
from support.site import read_html, site_settings

from pressroom.listings.relations import Entry, by_campaign, by_person, neighbours, related

FAMILY_HUBS = "releases/2022/family-hubs-funding-response/"


def every_page(output: Path, address: str) -> list:
    """A listing's first page and every later one, followed through its 'Next page' links."""
    pages = [read_html(output, address)]
    while (next_link := pages[-1].select_one('.pagination a[rel="next"]')) is not None:
        pages.append(read_html(output, next_link["href"]))
    return pages


def listed_urls(output: Path, address: str) -> list[str]:
    return [
        link["href"].lstrip("/")
        for page in every_page(output, address)
        for link in page.select("main .release-list .release-list-title a")
    ]


def listed_titles(output: Path, address: str) -> list[str]:
    return [
        link.get_text()
        for page in every_page(output, address)
        for link in page.select("main .release-list .release-list-title a")
    ]


def test_spokesperson_page_has_bio_and_every_release_that_features_them_newest_first(showcase):
    page = read_html(showcase, "people/keith-reed/")
    assert page.select_one("main h1").get_text() == "Keith Reed"
    assert (
        page.select_one(".profile .person-role").get_text()
        == "Chief Executive Officer, Parent-Infant Foundation"
    )
    assert "leads the charity" in page.select_one(".profile .person-bio").get_text()
    assert page.select_one(".profile img")["src"] == "/images/people/keith-reed.png"
    assert listed_urls(showcase, "people/keith-reed/") == [
        UPCOMING_EVENT,
        PAST_EVENT,
        PRESS_RELEASE,
        FAMILY_HUBS,
    ]
    second = read_html(showcase, "people/keith-reed/page/2/")
    assert second.select_one(".pagination-position").get_text() == "Page 2 of 2"
    assert second.title.get_text().startswith("Keith Reed (page 2 of 2)")


def test_someone_in_the_directory_with_no_release_yet_still_has_a_page(showcase):
    page = read_html(showcase, "people/ada-newcomer/")
    assert page.select_one("main h1").get_text() == "Ada Newcomer"
    assert page.select_one(".release-list-empty")


def test_campaign_page_describes_the_campaign_and_lists_its_releases(showcase):
    page = read_html(showcase, "campaigns/first-1001-days/")
    assert page.select_one("main h1").get_text() == "Campaign: First 1001 Days"
    assert "second birthday" in page.select_one(".listing-intro").get_text()
    assert listed_urls(showcase, "campaigns/first-1001-days/") == [
        UPCOMING_EVENT,
        PAST_EVENT,
        PRESS_RELEASE,
        FAMILY_HUBS,
    ]


@pytest.mark.parametrize(
    ("address", "heading"),
    [
        ("press-releases/", "Press releases"),
        ("policy-responses/", "Policy responses"),
        ("statements/", "Statements"),
        ("news/", "News"),
        ("events/", "Events"),
    ],
)
def test_one_listing_per_type(showcase, address, heading):
    page = read_html(showcase, address)
    assert page.select_one("main h1").get_text() == heading
    labels = {label.get_text() for label in page.select("main .release-list .release-type")}
    assert len(labels) == 1


def test_header_lists_the_types_in_the_schemas_order(showcase):
    links = [link.get_text() for link in read_html(showcase, "/").select("header nav a")]
    assert links[:5] == ["Press releases", "Policy responses", "Statements", "News", "Events"]


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("/", {}),
        ("news/", {"News": "page"}),
        ("archive/", {"Archive": "page"}),
        ("archive/2024/", {"Archive": "true"}),
        ("press-office/", {"Press office": "page"}),
    ],
)
def test_the_header_marks_the_page_shown_and_its_section(showcase, address, expected):
    links = read_html(showcase, address).select("header nav a")
    assert {
        link.get_text(): link["aria-current"] for link in links if link.has_attr("aria-current")
    } == expected
    assert all(link["href"].startswith("/") for link in links)


WEBINAR_WHEN = ("Tuesday 10 March 2026, 12:30", "13:30 GMT")


@pytest.mark.parametrize(
    "address",
    [
        "/",
        "events/",
        "topics/parent-infant-relationship-teams/",
        "campaigns/first-1001-days/",
        "people/keith-reed/",
        "archive/2026/",
    ],
)
def test_an_event_in_a_listing_says_when_it_takes_place_beside_when_it_was_announced(showcase, address):
    item = next(
        link.find_parent("li")
        for link in read_html(showcase, address).select("main .release-list .release-list-title a")
        if link["href"] == "/" + UPCOMING_EVENT
    )
    when = item.select_one(".release-list-when")
    assert " ".join(when.get_text().split()) == f"When: {WEBINAR_WHEN[0]} to {WEBINAR_WHEN[1]}"
    assert [time["datetime"] for time in when.select("time")] == [
        "2026-03-10T12:30:00+00:00",
        "2026-03-10T13:30:00+00:00",
    ]
    assert item.select_one(".release-list-date").get_text() == "5 January 2026"


def test_a_listing_says_when_only_of_events(showcase):
    items = read_html(showcase, "archive/2024/").select("main .release-list li")
    assert items and not [item for item in items if item.select_one(".release-list-when")]


def test_topic_listing_describes_the_topic(showcase):
    page = read_html(showcase, "topics/family-hubs/")
    assert page.select_one("main h1").get_text() == "Topic: Family hubs"
    assert "Start for Life" in page.select_one(".listing-intro").get_text()


def test_year_archive_lists_that_years_public_releases(showcase):
    assert listed_urls(showcase, "archive/2024/") == [STATEMENT, PRESS_RELEASE]
    archive = read_html(showcase, "archive/")
    years = [link["href"] for link in archive.select("#years-heading ~ ul a")]
    assert years == ["/archive/2026/", "/archive/2025/", "/archive/2024/", "/archive/2023/", "/archive/2022/"]


def test_home_features_the_campaign_and_pages_through_every_release(showcase):
    home = read_html(showcase, "/")
    featured = home.select_one(".featured-campaign")
    assert featured.select_one("h2").get_text() == "First 1001 Days"
    assert featured.select_one("a")["href"] == "/campaigns/first-1001-days/"
    assert len(listed_urls(showcase, "/")) == 7
    assert read_html(showcase, "page/2/").select_one(".featured-campaign") is None


def test_press_office_page_gives_contacts_and_the_people_directory(showcase):
    page = read_html(showcase, "press-office/")
    assert page.select_one("main h1").get_text() == "Press office"
    assert (
        page.select_one("dl.contact a[href^='mailto:']")["href"]
        == "mailto:press@parentinfantfoundation.example"
    )
    people = {link.get_text(): link["href"] for link in page.select(".people-directory .person-name a")}
    # Helen Hayes, an MP the sample mentions, does not speak for the charity.
    assert set(people) == {"Keith Reed", "Sally Hogg", "Tamora Langley", "Ada Newcomer"}
    for href in people.values():
        assert (showcase / href.lstrip("/") / "index.html").is_file()


def test_not_found_page_links_home_with_addresses_that_work_from_any_folder(showcase):
    page = read_html(showcase, "404.html")
    assert page.select_one("main h1").get_text() == "Page not found"
    local = [link["href"] for link in page.select("a[href]") if "://" not in link["href"]]
    assert all(href.startswith(("/", "#")) for href in local), local
    assert page.select_one('link[rel="stylesheet"]')["href"] == "/theme/css/site.css"


def test_release_links_to_older_and_newer_releases(showcase):
    page = read_html(showcase, STATEMENT)
    assert page.select_one(".release-neighbours .older a")["href"] == "/" + PRESS_RELEASE
    assert page.select_one(".release-neighbours .newer a")["href"] == "/" + PAST_EVENT
    newest = read_html(showcase, UPCOMING_EVENT)
    assert newest.select_one(".release-neighbours .newer") is None


def test_related_releases_share_a_topic_and_never_include_the_release_itself(showcase):
    page = read_html(showcase, PRESS_RELEASE)
    related_links = [link["href"].lstrip("/") for link in page.select(".related .release-list-title a")]
    assert 1 <= len(related_links) <= 3
    assert PRESS_RELEASE not in related_links
    own_topics = {link["href"] for link in page.select(".release-topics .tag-list a")}
    for address in related_links:
        other = read_html(showcase, address)
        assert own_topics & {link["href"] for link in other.select(".release-topics .tag-list a")}, address


def test_releases_that_are_not_public_are_in_no_listing(showcase):
    for address in (
        "/",
        "people/keith-reed/",
        "campaigns/first-1001-days/",
        "topics/family-hubs/",
        "press-releases/",
        "archive/2024/",
        "archive/2026/",
    ):
        titles = listed_titles(showcase, address)
        assert titles, address
        assert not set(titles) & set(HIDDEN_TITLES), address
    for related_to in (PRESS_RELEASE, FAMILY_HUBS):
        page = read_html(showcase, related_to)
        shown = {link.get_text() for link in page.select(".related a, .release-neighbours a")}
        assert not shown & set(HIDDEN_TITLES)


def entry(key, day, topics=(), people=(), campaign=""):
    return Entry(
        key, dt.datetime(2024, 1, day, tzinfo=dt.UTC), frozenset(topics), frozenset(people), campaign
    )


def test_neighbours_follow_publication_order_whatever_the_input_order():
    entries = [entry("b", 2), entry("c", 3), entry("a", 1)]
    assert neighbours(entries) == {"a": (None, "b"), "b": ("a", "c"), "c": ("b", None)}


def test_related_prefers_more_topics_in_common_then_the_newest():
    entries = [
        entry("self", 10, topics={"x", "y"}),
        entry("just-before", 9, topics={"w"}),
        entry("one-shared-new", 8, topics={"x"}),
        entry("two-shared-old", 1, topics={"x", "y"}),
        entry("one-shared-old", 2, topics={"y"}),
        entry("unrelated", 11, topics={"z"}),
    ]
    assert related(entries, 2)["self"] == ["two-shared-old", "one-shared-new"]
    assert related(entries, 5)["unrelated"] == []


def test_related_leaves_out_the_older_and_newer_release_the_page_links_already():
    entries = [
        entry("older", 1, topics={"x", "y"}),
        entry("self", 2, topics={"x", "y"}),
        entry("newer", 3, topics={"x", "y"}),
        entry("one-shared", 4, topics={"x"}),
        entry("also-shared", 5, topics={"y"}),
    ]
    assert neighbours(entries)["self"] == ("older", "newer")
    assert related(entries, 2)["self"] == ["also-shared", "one-shared"]


def test_no_release_page_lists_the_same_release_as_related_and_as_older_or_newer(showcase):
    pages = sorted(path.parent for path in (showcase / "releases").rglob("index.html"))
    assert len(pages) >= 7
    twice = {}
    for folder in pages:
        page = read_html(showcase, folder.relative_to(showcase).as_posix() + "/")
        related_links = {link["href"] for link in page.select(".related .release-list-title a")}
        neighbour_links = {link["href"] for link in page.select(".release-neighbours a")}
        if related_links & neighbour_links:
            twice[folder.name] = related_links & neighbour_links
    assert twice == {}


def related_one_by_one(entries, limit):
    """The rule as it reads: every pair compared (too slow for thousands of releases), leaving out the
    release itself and the releases just before and after it."""
    ordered = sorted(entries, key=lambda e: (e.date, e.key), reverse=True)
    found = {}
    for index, this in enumerate(ordered):
        beside = {other.key for other in ordered[max(index - 1, 0) : index + 2]}
        sharing = sorted(
            ((-len(this.topics & other.topics), position, other.key))
            for position, other in enumerate(ordered)
            if other.key not in beside and this.topics & other.topics
        )
        found[this.key] = [key for _, _, key in sharing[:limit]]
    return found


@given(
    st.lists(st.tuples(st.integers(1, 28), st.frozensets(st.sampled_from("abcde"), max_size=4)), max_size=40),
    st.integers(1, 5),
)
def test_related_by_topic_sets_is_the_rule_compared_pair_by_pair(releases, limit):
    entries = [entry(f"r{number}", day, topics) for number, (day, topics) in enumerate(releases)]
    assert related(entries, limit) == related_one_by_one(entries, limit)


def test_people_and_campaigns_group_releases_newest_first():
    entries = [entry("old", 1, people={"p"}, campaign="c"), entry("new", 2, people={"p", "q"})]
    assert by_person(entries) == {"p": ["new", "old"], "q": ["new"]}
    assert by_campaign(entries) == {"c": ["old"]}


WINTER_APPEAL = """---
title: Charity launches its winter appeal for babies
date: 2031-01-01
type: press-release
summary: The appeal opens at one minute past midnight.
embargo: 2031-01-01T00:01+00:00
campaign: winter-appeal
---
The lead paragraph.
"""


@pytest.fixture
def winter_appeal(content_copy) -> Path:
    """The sample content with a new campaign, whose only release is embargoed until 2031."""
    topics = content_copy / "topics.yaml"
    topics.write_text(
        topics.read_text(encoding="utf-8")
        + "  - id: winter-appeal\n    name: Winter Appeal 2031\n    description: Warm homes for babies.\n",
        encoding="utf-8",
    )
    (content_copy / "releases" / "winter-appeal.md").write_text(WINTER_APPEAL, encoding="utf-8")
    return content_copy


def campaigns_shown(output: Path) -> tuple[list[str], list[str]]:
    """The campaigns the archive links to, and the campaign pages in the sitemap."""
    archive = read_html(output, "archive/")
    sitemap = ElementTree.parse(output / "sitemap.xml").getroot()
    addresses = [element.text or "" for element in sitemap.iter(f"{{{SITEMAP}}}loc")]
    return (
        [link.get_text() for link in archive.select("#archive-campaigns-heading ~ ul a")],
        [address.split("/campaigns/")[1] for address in addresses if "/campaigns/" in address],
    )


SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
OLDER_CAMPAIGNS = ["First 1001 Days", "Infant Mental Health Awareness Week"]


def test_a_campaign_appears_with_its_first_public_release_as_a_topic_does(winter_appeal, build_site):
    output = build_site(
        winter_appeal, PRESSROOM_NOW="2030-12-31T23:59+00:00", FEATURED_CAMPAIGN="winter-appeal"
    )
    assert not (output / "campaigns" / "winter-appeal").exists()
    assert campaigns_shown(output) == (
        OLDER_CAMPAIGNS,
        ["first-1001-days/", "infant-mental-health-awareness-week/"],
    )
    assert not [path for path in output.rglob("*.html") if "Winter Appeal 2031" in path.read_text("utf-8")]

    shutil.rmtree(output)
    output = build_site(
        winter_appeal, PRESSROOM_NOW="2031-01-01T00:01+00:00", FEATURED_CAMPAIGN="winter-appeal"
    )
    assert read_html(output, "/").select_one(".featured-campaign h2").get_text() == "Winter Appeal 2031"
    page = read_html(output, "campaigns/winter-appeal/")
    assert page.select_one("main h1").get_text() == "Campaign: Winter Appeal 2031"
    archive_links, sitemap_pages = campaigns_shown(output)
    assert archive_links == [*OLDER_CAMPAIGNS, "Winter Appeal 2031"]
    assert "winter-appeal/" in sitemap_pages


def test_a_campaign_with_no_release_is_not_planned_as_a_page(winter_appeal, build_site, tmp_path):
    (winter_appeal / "releases" / "winter-appeal.md").unlink()
    output = build_site(winter_appeal)
    settings = site_settings(winter_appeal, output)
    planned = planned_files(settings)
    assert "campaigns/winter-appeal/index.html" not in planned
    assert planned == written_files(output, settings)
