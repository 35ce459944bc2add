"""Link previews on every page type: canonical address, Open Graph, Twitter card and JSON-LD, parsed."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from support.site import SAMPLE_CONTENT, build, read_html

SITE = "https://press.parentinfantfoundation.org.uk"

# A release with what the sample lacks: quotes with characters to escape, a correction and no event.
TRICKY_RELEASE = """\
---
title: "Babies & parents: is #1001days “enough”? Zoë's café says 1 < 2 👶"
date: 2024-03-01
type: press-release
summary: A release whose words need escaping in HTML, JSON and URLs alike.
quotes:
  - by: keith-reed
    text: "What's next? “More” & #babies 🍼 <3 > </3"
  - by: sally-hogg
    text: Every baby deserves a secure start.
updated:
  - date: 2024-03-02T09:30:00+00:00
    note: Corrected the number of councils.
topics:
  - family-hubs
---
The body.
"""
TRICKY = "releases/2024/babies-parents-is-1001days-enough-zoes-cafe-says-1-2/"

RELEASES = {
    "releases/2022/family-hubs-funding-response/": {
        "spokespeople": ["keith-reed"],
        "section": "Policy responses",
        "quotes": 3,
        "event": False,
        "about": True,
    },
    "releases/2022/care-review-response/": {
        "spokespeople": ["sally-hogg"],
        "section": "Policy responses",
        "quotes": 2,
        "event": False,
        "about": True,
    },
    "releases/2023/helen-hayes-mp-visits-leap/": {
        "section": "News",
        "quotes": 0,
        "event": False,
        "about": False,
    },
    "releases/2025/mission-champions-online-event/": {
        "spokespeople": ["keith-reed"],
        "section": "Events",
        "quotes": 0,
        "event": True,
        "about": False,
    },
    TRICKY: {"section": "Press releases", "quotes": 2, "event": False, "about": False},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("structured")
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    (content / "releases" / "2024").mkdir()
    (content / "releases" / "2024" / "2024-03-01-tricky.md").write_text(TRICKY_RELEASE, encoding="utf-8")
    return build(content, root / "output", "publishconf.py")


def properties(page) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in page.select("head meta[property], head meta[name]"):
        key = meta.get("property") or meta["name"]
        found.setdefault(key, []).append(meta["content"])
    return found


def json_ld(page) -> dict:
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def nodes(document: dict) -> dict[str, dict]:
    graph = document.get("@graph", [document])
    return {node["@type"]: node for node in graph}


def aware(moment: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(moment)
    assert parsed.tzinfo is not None, moment
    return parsed


@pytest.mark.parametrize("path", RELEASES)
def test_release_has_canonical_open_graph_and_twitter_card(site, path):
    page = read_html(site, path)
    found = properties(page)
    address = f"{SITE}/{path}"
    assert page.select_one('link[rel="canonical"]')["href"] == address
    assert found["og:url"] == [address]
    assert found["og:type"] == ["article"]
    assert found["og:title"] == [page.select_one("main h1").get_text(strip=True)]
    assert found["og:description"] == [page.select_one(".standfirst").get_text(strip=True)]
    assert found["og:site_name"] == ["Parent-Infant Foundation press office"]
    assert found["og:locale"] == ["en_GB"]
    assert found["og:image"][0].startswith(f"{SITE}/cards/")
    assert (found["og:image:width"], found["og:image:height"]) == (["1200"], ["630"])
    assert found["og:image:alt"][0]
    published = aware(found["article:published_time"][0])
    assert aware(found["article:modified_time"][0]) >= published
    assert found["article:section"] == [RELEASES[path]["section"]]
    assert found["twitter:card"] == ["summary_large_image"]
    assert found["twitter:image"] == found["og:image"]


def test_topics_become_article_tags(site):
    found = properties(read_html(site, "releases/2022/family-hubs-funding-response/"))
    assert found["article:tag"] == [
        "Family hubs",
        "Parent-infant relationship teams",
        "Infant mental health",
        "Early years policy",
    ]


@pytest.mark.parametrize("path", RELEASES)
def test_release_json_ld_is_a_news_article_with_a_quotation_per_quote(site, path):
    page = read_html(site, path)
    expected = RELEASES[path]
    graph = nodes(json_ld(page))
    article = graph["NewsArticle"]
    assert article["headline"] == page.select_one("main h1").get_text(strip=True)
    assert article["url"] == article["mainEntityOfPage"]["@id"] == f"{SITE}/{path}"
    assert aware(article["dateModified"]) >= aware(article["datePublished"])
    assert article["image"][0]["url"] == properties(page)["og:image"][0]
    publisher = article["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Parent-Infant Foundation"
    assert publisher["logo"]["url"].startswith("https://")
    spokespeople = expected.get("spokespeople", [])
    if spokespeople:
        assert [(author["@type"], author["url"]) for author in article["author"]] == [
            ("Person", f"{SITE}/people/{person}/") for person in spokespeople
        ]
    else:
        assert article["author"] == [publisher]

    quotations = article.get("hasPart", [])
    assert [node["@type"] for node in quotations] == ["Quotation"] * expected["quotes"]
    figures = page.select("figure.quote")
    assert sorted(node["creator"]["name"] for node in quotations) == sorted(
        figure.select_one(".quote-name").get_text(strip=True) for figure in figures
    )
    assert all(node["creator"]["@type"] == "Person" for node in quotations)
    assert ("about" in article) is expected["about"]
    assert ("Event" in graph) is expected["event"]


def test_quotations_keep_their_exact_words_and_cannot_end_the_script(site):
    page = read_html(site, TRICKY)
    article = nodes(json_ld(page))["NewsArticle"]
    assert article["hasPart"][0]["text"] == "What's next? “More” & #babies 🍼 <3 > </3"
    assert article["hasPart"][0]["creator"] == {
        "@type": "Person",
        "@id": f"{SITE}/people/keith-reed/#person",
        "url": f"{SITE}/people/keith-reed/",
        "name": "Keith Reed",
        "jobTitle": "Chief Executive Officer",
        "worksFor": {"@type": "Organization", "name": "Parent-Infant Foundation"},
    }
    # tojson writes <, > and & as \u escapes, so no words can close the script element early.
    script = page.select_one('script[type="application/ld+json"]').string
    assert not {"<", ">", "&"} & set(script)


def test_updates_become_corrections(site):
    article = nodes(json_ld(read_html(site, TRICKY)))["NewsArticle"]
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Corrected the number of councils.",
            "datePublished": "2024-03-02T09:30:00+00:00",
        }
    ]
    assert article["dateModified"] == "2024-03-02T09:30:00+00:00"


def test_a_policy_response_is_about_what_it_responds_to(site):
    article = nodes(json_ld(read_html(site, "releases/2022/care-review-response/")))["NewsArticle"]
    assert article["about"] == {
        "@type": "CreativeWork",
        "name": "The independent review of children's social care: final report",
        "url": "https://www.gov.uk/government/publications/independent-review-of-childrens-social-care-final-report",
        "publisher": {"@type": "Organization", "name": "Independent Review of Children's Social Care"},
        "datePublished": "2022-05-23",
    }


def test_an_event_release_describes_the_event(site):
    page = read_html(site, "releases/2025/mission-champions-online-event/")
    event = nodes(json_ld(page))["Event"]
    assert event["name"] == page.select_one("main h1").get_text(strip=True)
    assert aware(event["startDate"]) == dt.datetime(2025, 2, 27, 12, 30, tzinfo=dt.UTC)
    assert aware(event["endDate"]) == dt.datetime(2025, 2, 27, 13, 30, tzinfo=dt.UTC)
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"]["@type"] == "VirtualLocation"
    assert event["location"]["url"].startswith("https://www.eventbrite.co.uk/")
    assert event["offers"]["url"] == (
        "https://www.eventbrite.co.uk/e/labours-missions-and-the-next-generation-tickets-000000000000"
    )
    assert {person["name"] for person in event["performer"]} >= {"Rosie Wrighting MP", "Tom Belger"}
    assert event["organizer"]["name"] == "Parent-Infant Foundation"


def test_home_page_is_a_website_published_by_the_organisation(site):
    page = read_html(site, "")
    graph = nodes(json_ld(page))
    assert graph["WebSite"]["url"] == f"{SITE}/"
    assert graph["WebSite"]["publisher"] == {"@id": graph["Organization"]["@id"]}
    assert graph["Organization"]["name"] == "Parent-Infant Foundation"
    assert page.select_one('link[rel="canonical"]')["href"] == f"{SITE}/"
    found = properties(page)
    assert found["og:type"] == ["website"]
    assert found["og:image"] == [f"{SITE}/cards/site.png"]
    assert (site / "cards" / "site.png").is_file()


def test_a_page_is_a_web_page(site):
    page = read_html(site, "our-vision-the-1001-critical-days/")
    document = json_ld(page)
    assert document["@type"] == "WebPage"
    assert document["name"] == page.select_one("main h1").get_text(strip=True)
    assert document["url"] == f"{SITE}/our-vision-the-1001-critical-days/"
    assert document["isPartOf"]["@type"] == "WebSite"
    assert properties(page)["og:description"] == [document["description"]]


@pytest.mark.parametrize(
    ("path", "name"),
    [("policy-responses/", "Policy responses"), ("topics/family-hubs/", "Family hubs"), ("archive/", "")],
)
def test_a_listing_is_a_collection_page_with_its_own_address(site, path, name):
    page = read_html(site, path)
    document = json_ld(page)
    assert document["@type"] == "CollectionPage"
    assert document["url"] == page.select_one('link[rel="canonical"]')["href"] == f"{SITE}/{path}"
    assert properties(page)["og:title"][0].startswith(name or "Parent-Infant Foundation press office")


def test_the_not_found_page_claims_no_address(site):
    page = read_html(site, "404.html")
    assert page.select_one('link[rel="canonical"]') is None
    assert not page.select('script[type="application/ld+json"]')


def test_a_person_page_is_a_profile_of_that_person(site):
    page = read_html(site, "people/keith-reed/")
    document = json_ld(page)
    assert document["@type"] == "ProfilePage"
    someone = document["mainEntity"]
    assert someone["@type"] == "Person"
    assert someone["@id"] == f"{SITE}/people/keith-reed/#person"
    assert someone["name"] == "Keith Reed"
    assert someone["jobTitle"] == "Chief Executive Officer"
    assert "leads the charity" in someone["description"]
    # The same @id as the release that credits him, so the two documents name one person.
    article = nodes(json_ld(read_html(site, "releases/2022/family-hubs-funding-response/")))["NewsArticle"]
    assert article["author"][0]["@id"] == someone["@id"]
