"""Feeds (plugins/feeds): every slice in Atom, RSS and JSON Feed, strictly valid, read as readers read them.

Most tests share one production build (publishconf.py, so addresses are absolute) of the sample content
plus two releases: a draft that must appear nowhere, and a published release with hand-written
root-relative links, an update and a quote from someone outside the directory.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from PIL import Image
from support.site import ROOT, SAMPLE_CONTENT, build, read_html
from support.validators import run_jing

from pressroom.feeds.entries import absolute_links, entry_id

SITE = "https://press.parentinfantfoundation.org.uk"
ATOM_SCHEMA = ROOT / "tests" / "schemas" / "atom.rnc"
ATOM_NS = "{http://www.w3.org/2005/Atom}"
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}"

DRAFT_TITLE = "Secret statement still being written"
DRAFT = f"""---
title: {DRAFT_TITLE}
date: 2024-01-10
type: statement
status: draft
summary: A statement nobody outside the press office may see yet.
topics: [family-hubs]
spokespeople: [tamora-langley]
---
Not for publication.
"""

UPDATED_TITLE = 'Babies & budgets: "act now" on perinatal support'
UPDATED = f"""---
title: '{UPDATED_TITLE}'
date: 2024-03-01T09:30:00
slug: babies-and-budgets
type: press-release
summary: The Foundation & partners call for "perinatal support" now — 5 < 6.
spokespeople: [tamora-langley]
quotes:
  - by: sally-hogg
    text: Every baby deserves a strong start & a safe relationship.
  - by: {{name: Dr Ada Example, role: Consultant, organisation: Example NHS Trust}}
    text: Teams like these change lives.
topics: [perinatal-mental-health]
updated:
  - date: 2024-03-05T16:00:00
    note: Corrected the number of local authorities.
---
Read [our vision](/our-vision-the-1001-critical-days/) and
[the care review response](../../2022/care-review-response/).

![A chart of funding](/images/funding-chart.png)

[[quote 2]]

More detail follows.
"""


def write_release(content: Path, name: str, text: str) -> None:
    (content / "releases" / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("feeds")
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    write_release(content, "2024-01-10-secret-statement.md", DRAFT)
    write_release(content, "2024-03-01-babies-and-budgets.md", UPDATED)
    return build(content, root / "output", "publishconf.py")


def every_feed(output: Path, suffix: str) -> list[Path]:
    """Every feed file of one format; one per expected slice, so a check over them cannot pass empty."""
    files = sorted(path for path in (output / "feeds").rglob(f"*{suffix}"))
    assert len(files) == len(EXPECTED_SLICES)
    return files


def not_unique(values: list, what: str) -> list[str]:
    return [f"{what} are not unique"] if len(values) != len(set(values)) else []


def parsed(path: Path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


def entry_by_title(feed, title: str):
    return next(entry for entry in feed.entries if entry.title == title)


# --- Which feeds exist ---------------------------------------------------------------------------------

EXPECTED_SLICES = {
    "all",
    "type/policy-responses",
    "type/news",
    "type/events",
    "type/press-releases",
    "topic/family-hubs",
    "topic/parent-infant-relationship-teams",
    "topic/infant-mental-health",
    "topic/early-years-policy",
    "topic/childrens-social-care",
    "topic/perinatal-mental-health",
    "campaign/first-1001-days",
    "campaign/infant-mental-health-awareness-week",
    "spokesperson/keith-reed",
    "spokesperson/sally-hogg",
    "spokesperson/tamora-langley",
    "spokesperson/helen-hayes",
}


def test_every_slice_with_a_public_release_has_an_atom_an_rss_and_a_json_feed(site):
    written = {path.relative_to(site / "feeds").as_posix() for path in (site / "feeds").rglob("*.*")}
    expected = {
        f"{stem}{suffix}" for stem in EXPECTED_SLICES for suffix in (".atom.xml", ".rss.xml", ".json")
    }
    # No statements feed: the only statement is a draft. No feed for the quoted outsider (not in the
    # directory), nor for Helen Hayes, who is in the directory but named by no release.
    assert written == expected


def test_feed_titles_say_what_each_feed_is(site):
    titles = {
        "all": "All releases — Parent-Infant Foundation",
        "type/policy-responses": "Policy responses — Parent-Infant Foundation",
        "topic/family-hubs": "Topic: Family hubs — Parent-Infant Foundation",
        "campaign/first-1001-days": "Campaign: First 1001 Days — Parent-Infant Foundation",
        "spokesperson/keith-reed": "Spokesperson: Keith Reed — Parent-Infant Foundation",
    }
    for stem, title in titles.items():
        for suffix in (".atom.xml", ".rss.xml"):
            assert parsed(site / "feeds" / f"{stem}{suffix}").feed.title == title
        assert json.loads((site / "feeds" / f"{stem}.json").read_text())["title"] == title


# --- Validity -------------------------------------------------------------------------------------------


@pytest.mark.validator
def test_every_atom_feed_is_valid_against_the_rfc_4287_schema(site):
    files = every_feed(site, ".atom.xml")
    status, report = run_jing(ATOM_SCHEMA, files)
    assert status == 0, report


@pytest.mark.validator
def test_the_atom_schema_rejects_a_feed_without_id_and_a_date_without_offset(tmp_path):
    broken = tmp_path / "broken.atom.xml"
    broken.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        "<updated>2024-01-01T00:00:00</updated></feed>"
    )
    status, report = run_jing(ATOM_SCHEMA, [broken])
    assert status != 0
    assert "missing required child element" in report
    assert "2024-01-01T00:00:00" in report


def atom_rule_problems(xml: bytes) -> list[str]:
    """The RFC 4287 rules a RELAX NG schema cannot express (section 4.1.1, 4.1.2)."""
    feed = ET.fromstring(xml)
    problems = []
    feed_has_author = feed.find(f"{ATOM_NS}author") is not None
    problems += not_unique([element.text for element in feed.iter(f"{ATOM_NS}id")], "ids")
    if not any(link.get("rel") == "self" for link in feed.findall(f"{ATOM_NS}link")):
        problems.append("the feed has no rel=self link")
    for entry in feed.findall(f"{ATOM_NS}entry"):
        if not feed_has_author and entry.find(f"{ATOM_NS}author") is None:
            problems.append("an entry has no author, and neither has the feed")
        links = entry.findall(f"{ATOM_NS}link")
        if entry.find(f"{ATOM_NS}content") is None and not any(
            link.get("rel", "alternate") == "alternate" for link in links
        ):
            problems.append("an entry has neither content nor an alternate link")
    return problems


def test_atom_feeds_keep_the_rules_the_schema_cannot_express(site):
    for path in every_feed(site, ".atom.xml"):
        assert atom_rule_problems(path.read_bytes()) == [], path


def test_the_atom_rule_check_catches_an_entry_without_author_or_link():
    xml = b'<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><entry><id>urn:x</id></entry></feed>'
    assert atom_rule_problems(xml) == [
        "ids are not unique",
        "the feed has no rel=self link",
        "an entry has no author, and neither has the feed",
        "an entry has neither content nor an alternate link",
    ]


RFC_822_DATE = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
RSS_CHANNEL_ELEMENTS = {
    # RSS 2.0 specification, "Required channel elements" and "Optional channel elements".
    "title", "link", "description", "language", "copyright", "managingEditor", "webMaster", "pubDate",
    "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image", "rating", "textInput",
    "skipHours", "skipDays", "item",
}  # fmt: skip
RSS_ITEM_ELEMENTS = {
    "title", "link", "description", "author", "category", "comments", "enclosure", "guid", "pubDate",
    "source",
}  # fmt: skip


def is_absolute_web_url(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _rfc_822_problem(where: str, value: str | None) -> list[str]:
    if not value or not RFC_822_DATE.match(value) or email.utils.parsedate_tz(value) is None:
        return [f"{where} is not an RFC 822 date: {value!r}"]
    return []


def _rss_channel_problems(channel: ET.Element) -> list[str]:
    problems = []
    for required in ("title", "link", "description"):
        if not (channel.findtext(required) or "").strip():
            problems.append(f"channel has no {required}")
    if not is_absolute_web_url(channel.findtext("link")):
        problems.append("channel link is not absolute")
    for child in channel:
        if "}" not in child.tag and child.tag not in RSS_CHANNEL_ELEMENTS:
            problems.append(f"channel has an element RSS 2.0 does not define: {child.tag}")
    self_links = [link for link in channel.findall(f"{ATOM_NS}link") if link.get("rel") == "self"]
    if len(self_links) != 1 or not is_absolute_web_url(self_links[0].get("href")):
        problems.append("channel needs one atom:link rel=self with an absolute href")
    for element in ("pubDate", "lastBuildDate"):
        if channel.find(element) is not None:
            problems += _rfc_822_problem(f"channel {element}", channel.findtext(element))
    image = channel.find("image")
    if image is not None:
        for required in ("url", "title", "link"):
            if not (image.findtext(required) or "").strip():
                problems.append(f"image has no {required}")
        if not is_absolute_web_url(image.findtext("url")):
            problems.append("image url is not absolute")
    return problems


def _rss_item_problems(item: ET.Element, number: int) -> list[str]:
    where = f"item {number}"
    problems = []
    if not item.findtext("title") and not item.findtext("description"):
        problems.append(f"{where} has neither title nor description")
    if not is_absolute_web_url(item.findtext("link")):
        problems.append(f"{where} link is not absolute")
    for child in item:
        if "}" not in child.tag and child.tag not in RSS_ITEM_ELEMENTS:
            problems.append(f"{where} has an element RSS 2.0 does not define: {child.tag}")
    problems += _rfc_822_problem(f"{where} pubDate", item.findtext("pubDate"))
    guid = item.find("guid")
    if guid is None or not (guid.text or "").strip():
        problems.append(f"{where} has no guid")
    elif guid.get("isPermaLink", "true") == "true" and not is_absolute_web_url(guid.text):
        problems.append(f"{where} guid is a permalink but not an absolute URL")
    content = item.findtext(f"{CONTENT_NS}encoded")
    if content:
        problems += [f"{where} content: {problem}" for problem in relative_addresses(content)]
    return problems


def rss_problems(xml: bytes) -> list[str]:
    """A strict RSS 2.0 check: required channel elements, only elements the specification defines
    (namespaced extensions aside), RFC 822 dates, absolute links and unique guids."""
    root = ET.fromstring(xml)
    if root.tag != "rss" or root.get("version") != "2.0":
        return ["the root is not <rss version='2.0'>"]
    channels = root.findall("channel")
    if len(channels) != 1:
        return ["there must be exactly one channel"]
    problems = _rss_channel_problems(channels[0])
    items = channels[0].findall("item")
    for number, item in enumerate(items, 1):
        problems += _rss_item_problems(item, number)
    problems += not_unique([item.findtext("guid") for item in items], "guids")
    return problems


def relative_addresses(html: str) -> list[str]:
    """Every link or image address in `html` that a reader could not follow away from the site."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for element in soup.find_all(True):
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value is not None and not (is_absolute_web_url(value) or value.startswith("mailto:")):
                found.append(f"{element.name} {attribute}={value!r} is not absolute")
    return found


def test_every_rss_feed_passes_a_strict_rss_2_check(site):
    files = every_feed(site, ".rss.xml")
    for path in files:
        assert rss_problems(path.read_bytes()) == [], path


def test_the_rss_check_catches_what_it_claims_to():
    xml = b"""<rss version="2.0"><channel><title>t</title><link>/relative</link><colour>red</colour>
      <item><title>a</title><link>https://x.example/a</link><pubDate>2024-01-01</pubDate><guid>1</guid>
        <c:encoded xmlns:c="http://purl.org/rss/1.0/modules/content/">&lt;a href="/b"&gt;</c:encoded>
      </item>
      <item><title>b</title><link>https://x.example/b</link><pubDate>Mon, 01 Jan 2024 00:00:00 +0000</pubDate>
        <guid isPermaLink="false">1</guid></item>
    </channel></rss>"""
    assert rss_problems(xml) == [
        "channel has no description",
        "channel link is not absolute",
        "channel has an element RSS 2.0 does not define: colour",
        "channel needs one atom:link rel=self with an absolute href",
        "item 1 pubDate is not an RFC 822 date: '2024-01-01'",
        "item 1 guid is a permalink but not an absolute URL",
        "item 1 content: a href='/b' is not absolute",
        "guids are not unique",
    ]


def is_rfc_3339(value) -> bool:
    if not isinstance(value, str) or not re.match(
        r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", value
    ):
        return False
    return dt.datetime.fromisoformat(value).tzinfo is not None


JSON_FEED_URL_FIELDS = ("home_page_url", "feed_url", "next_url", "icon", "favicon")
JSON_ITEM_URL_FIELDS = ("url", "external_url", "image", "banner_image")


def _json_author_problems(authors, where: str) -> list[str]:
    if not isinstance(authors, list) or not authors:
        return [f"{where} authors must be a non-empty list"]
    return [
        f"{where} author needs a name, url or avatar"
        for author in authors
        if not isinstance(author, dict) or not ({"name", "url", "avatar"} & author.keys())
    ]


def _json_item_problems(item: dict, where: str) -> list[str]:
    problems = []
    if not isinstance(item.get("id"), str) or not item["id"]:
        problems.append(f"{where} id must be a non-empty string")
    if not any(isinstance(item.get(key), str) for key in ("content_html", "content_text")):
        problems.append(f"{where} needs content_html or content_text")
    problems += [
        f"{where} {field} is not an absolute URL"
        for field in JSON_ITEM_URL_FIELDS
        if field in item and not is_absolute_web_url(item[field])
    ]
    problems += [
        f"{where} {field} is not an RFC 3339 date"
        for field in ("date_published", "date_modified")
        if field in item and not is_rfc_3339(item[field])
    ]
    if "tags" in item and not all(isinstance(tag, str) for tag in item["tags"]):
        problems.append(f"{where} tags must be strings")
    if "authors" in item:
        problems += _json_author_problems(item["authors"], where)
    if "content_html" in item:
        problems += [f"{where} content: {problem}" for problem in relative_addresses(item["content_html"])]
    return problems


def json_feed_problems(feed: dict) -> list[str]:
    """The rules of JSON Feed 1.1 (jsonfeed.org/version/1.1): required version, title and items;
    string ids; content_html or content_text; RFC 3339 dates; absolute URLs; well-formed authors."""
    problems = []
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append("version is not https://jsonfeed.org/version/1.1")
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        problems.append("title is required")
    if not isinstance(feed.get("items"), list):
        return [*problems, "items must be a list"]
    problems += [
        f"{field} is not an absolute URL"
        for field in JSON_FEED_URL_FIELDS
        if field in feed and not is_absolute_web_url(feed[field])
    ]
    if "authors" in feed:
        problems += _json_author_problems(feed["authors"], "feed")
    for number, item in enumerate(feed["items"], 1):
        problems += _json_item_problems(item, f"item {number}")
    problems += not_unique([str(item.get("id")) for item in feed["items"]], "item ids")
    return problems


def test_every_json_feed_follows_json_feed_1_1(site):
    files = every_feed(site, ".json")
    for path in files:
        assert json_feed_problems(json.loads(path.read_text(encoding="utf-8"))) == [], path


def test_the_json_feed_check_catches_what_it_claims_to():
    feed = {
        "version": "https://jsonfeed.org/version/1",
        "feed_url": "/feeds/all.json",
        "authors": [{}],
        "items": [
            {"id": 1, "url": "/a", "date_published": "2024-01-01"},
            {"id": 1, "content_html": '<img src="x.png">', "date_modified": "2024-01-01T10:00:00"},
        ],
    }
    assert json_feed_problems(feed) == [
        "version is not https://jsonfeed.org/version/1.1",
        "title is required",
        "feed_url is not an absolute URL",
        "feed author needs a name, url or avatar",
        "item 1 id must be a non-empty string",
        "item 1 needs content_html or content_text",
        "item 1 url is not an absolute URL",
        "item 1 date_published is not an RFC 3339 date",
        "item 2 id must be a non-empty string",
        "item 2 date_modified is not an RFC 3339 date",
        "item 2 content: img src='x.png' is not absolute",
        "item ids are not unique",
    ]


# --- What readers see -----------------------------------------------------------------------------------

RELEASES = {
    # title: (address, publication date)
    UPDATED_TITLE: ("releases/2024/babies-and-budgets/", dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)),
    "Online event: what Labour's missions mean for babies and the next generation": (
        "releases/2025/mission-champions-online-event/",
        dt.datetime(2025, 2, 20, tzinfo=dt.UTC),
    ),
    "Helen Hayes MP meets families at LEAP as Infant Mental Health Awareness Week begins": (
        "releases/2023/helen-hayes-mp-visits-leap/",
        dt.datetime(2023, 6, 11, 23, tzinfo=dt.UTC),
    ),
}


@pytest.mark.parametrize("suffix", [".atom.xml", ".rss.xml"])
def test_readers_see_each_release_with_its_title_date_and_absolute_link(site, suffix):
    feed = parsed(site / "feeds" / f"all{suffix}")
    assert len(feed.entries) == 5  # the four sample releases and the added one; not the draft
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True), "newest first"
    for title, (path, published) in RELEASES.items():
        entry = entry_by_title(feed, title)
        assert entry.link == f"{SITE}/{path}"
        assert dt.datetime(*entry.published_parsed[:6], tzinfo=dt.UTC) == published
    assert feed.feed.link == f"{SITE}/"
    assert DRAFT_TITLE not in {entry.title for entry in feed.entries}


@pytest.mark.parametrize("suffix", [".atom.xml", ".rss.xml"])
def test_readers_get_the_full_text_with_every_quote_and_its_speaker(site, suffix):
    feed = parsed(site / "feeds" / f"all{suffix}")
    entry = entry_by_title(
        feed, "Family hubs funding for 75 councils is a welcome first step, says Parent-Infant Foundation"
    )
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    figures = content.select("figure")
    assert len(figures) == 3
    for figure in figures:
        assert figure.blockquote.get_text(strip=True)
        assert (
            figure.figcaption.get_text(" ", strip=True)
            == "— Keith Reed , Chief Executive Officer, Parent-Infant Foundation"
        )
    assert "first 1001 days of a baby's life" in figures[0].blockquote.get_text()
    headings = [heading.get_text() for heading in content.select("h2")]
    assert headings[-2:] == ["Notes to editors", "Media contact"]
    assert "Spending the money wisely" in headings
    assert content.select_one("a[href^='mailto:']")["href"] == "mailto:press@parentinfantfoundation.example"
    assert content.p.strong.get_text().startswith("The Parent-Infant Foundation welcomes funding for 75")


def test_quotes_from_outside_the_directory_and_escaped_characters_reach_readers_as_text(site):
    feed = parsed(site / "feeds" / "all.atom.xml")
    entry = entry_by_title(feed, UPDATED_TITLE)
    assert entry.summary == 'The Foundation & partners call for "perinatal support" now — 5 < 6.'
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    speakers = [figure.figcaption.strong.get_text() for figure in content.select("figure")]
    assert speakers == ["Sally Hogg", "Dr Ada Example"]
    assert content.select("figure")[0].blockquote.get_text(strip=True) == (
        "“Every baby deserves a strong start & a safe relationship.”"
    )


def test_every_link_and_image_in_an_entry_is_absolute_even_when_written_root_relative(site):
    item = next(
        item
        for item in json.loads((site / "feeds" / "all.json").read_text())["items"]
        if item["title"] == UPDATED_TITLE
    )
    content = BeautifulSoup(item["content_html"], "html.parser")
    hrefs = [a["href"] for a in content.select("a")]
    assert f"{SITE}/our-vision-the-1001-critical-days/" in hrefs
    assert f"{SITE}/releases/2022/care-review-response/" in hrefs
    assert content.img["src"] == f"{SITE}/images/funding-chart.png"
    assert relative_addresses(item["content_html"]) == []


def test_an_updated_release_carries_its_update_date_and_keeps_its_publication_date(site):
    atom = entry_by_title(parsed(site / "feeds" / "all.atom.xml"), UPDATED_TITLE)
    assert atom.published == "2024-03-01T09:30:00+00:00"
    assert atom.updated == "2024-03-05T16:00:00+00:00"
    rss = entry_by_title(parsed(site / "feeds" / "all.rss.xml"), UPDATED_TITLE)
    assert rss.published == "Fri, 01 Mar 2024 09:30:00 +0000"
    item = next(
        item
        for item in json.loads((site / "feeds" / "all.json").read_text())["items"]
        if item["title"] == UPDATED_TITLE
    )
    assert (item["date_published"], item["date_modified"]) == (
        "2024-03-01T09:30:00+00:00",
        "2024-03-05T16:00:00+00:00",
    )
    others = [
        entry for entry in parsed(site / "feeds" / "all.atom.xml").entries if entry.title != UPDATED_TITLE
    ]
    assert all(entry.updated == entry.published for entry in others)


def test_each_feed_is_updated_when_its_newest_entry_was(site):
    assert parsed(site / "feeds" / "all.atom.xml").feed.updated == "2025-02-20T00:00:00+00:00"
    # The perinatal feed's newest entry is the updated release: its update date counts.
    assert parsed(site / "feeds" / "topic" / "perinatal-mental-health.atom.xml").feed.updated == (
        "2024-03-05T16:00:00+00:00"
    )


def test_each_feed_names_itself_its_publisher_and_its_icon(site):
    feed = parsed(site / "feeds" / "type" / "policy-responses.atom.xml").feed
    assert feed.author_detail == {
        "name": "Parent-Infant Foundation",
        "href": "https://parentinfantfoundation.org.uk/",
    }
    links = {link.rel: link.href for link in feed.links}
    assert links == {
        "self": f"{SITE}/feeds/type/policy-responses.atom.xml",
        "alternate": f"{SITE}/policy-responses/",
    }
    assert feed.icon == f"{SITE}/theme/feeds/icon.png"
    assert (site / "theme" / "feeds" / "icon.png").is_file()
    # RFC 4287, 4.2.8: the logo is twice as wide as it is tall.
    assert feed.logo == f"{SITE}/theme/feeds/logo.png"
    with Image.open(site / "theme" / "feeds" / "logo.png") as logo:
        assert logo.width == 2 * logo.height
    rss = parsed(site / "feeds" / "type" / "policy-responses.rss.xml").feed
    assert rss.image.href == f"{SITE}/theme/feeds/icon.png"
    # feedparser reads RSS managingEditor as the feed's author.
    assert rss.author == "press@parentinfantfoundation.example (Press office)"


def test_a_slice_feed_holds_only_its_releases(site):
    titles = [
        entry.title for entry in parsed(site / "feeds" / "spokesperson" / "sally-hogg.atom.xml").entries
    ]
    # Named as spokesperson of the Care Review response, quoted (not named) in the updated release.
    assert titles == [
        UPDATED_TITLE,
        "Care Review must put support for parent-infant relationships at the heart of Family Help",
    ]
    events = parsed(site / "feeds" / "type" / "events.rss.xml")
    assert [entry.title for entry in events.entries] == [
        "Online event: what Labour's missions mean for babies and the next generation"
    ]


def test_a_draft_reaches_no_feed_page_or_subscribe_list(site):
    for path in (site / "feeds").rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        assert DRAFT_TITLE not in text, path
        assert "2024-01-10-secret-statement" not in text, path
    subscribe = read_html(site, "subscribe/")
    assert DRAFT_TITLE not in subscribe.get_text()


# --- Identity and size ----------------------------------------------------------------------------------


def entry_ids(output: Path) -> dict[str, str]:
    """Entry link → id, as a reader stores it, from the Atom and RSS feeds (they must agree)."""
    atom = {entry.link: entry.id for entry in parsed(output / "feeds" / "all.atom.xml").entries}
    rss = {entry.link: entry.id for entry in parsed(output / "feeds" / "all.rss.xml").entries}
    assert atom == rss
    return atom


def test_an_entry_keeps_its_id_when_its_title_and_slug_are_edited(content_copy, build_site):
    before = entry_ids(build_site(content_copy, config="publishconf.py"))
    source = content_copy / "releases" / "2022" / "2022-05-23-care-review-response.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace(
        "title: Care Review must put support for parent-infant relationships at the heart of Family Help",
        "title: The Care Review must put parent-infant relationships at the heart of Family Help",
    ).replace("slug: care-review-response", "slug: care-review-family-help")
    source.write_text(text, encoding="utf-8")
    output = build_site(content_copy, config="publishconf.py")
    after = entry_ids(output)

    old_link, new_link = (
        f"{SITE}/releases/2022/care-review-response/",
        f"{SITE}/releases/2022/care-review-family-help/",
    )
    assert old_link not in after
    assert after[new_link] == before[old_link]
    assert (
        before[old_link]
        == "tag:press.parentinfantfoundation.org.uk,2022-05-23:release/2022-05-23-care-review-response"
    )
    edited = entry_by_title(
        parsed(output / "feeds" / "all.atom.xml"),
        "The Care Review must put parent-infant relationships at the heart of Family Help",
    )
    assert edited.id == before[old_link]


def test_a_setting_caps_the_number_of_items_in_every_feed(build_site):
    output = build_site(config="publishconf.py", PRESSROOM_FEED_MAX_ITEMS=2)
    atom = parsed(output / "feeds" / "all.atom.xml")
    assert [entry.link for entry in atom.entries] == [
        f"{SITE}/releases/2025/mission-champions-online-event/",
        f"{SITE}/releases/2023/helen-hayes-mp-visits-leap/",
    ]
    assert len(parsed(output / "feeds" / "all.rss.xml").entries) == 2
    assert len(json.loads((output / "feeds" / "all.json").read_text())["items"]) == 2
    assert len(parsed(output / "feeds" / "spokesperson" / "keith-reed.atom.xml").entries) == 2


def test_a_development_build_still_writes_absolute_addresses_into_feeds(sample_site):
    feed = parsed(sample_site / "feeds" / "all.atom.xml")
    assert all(entry.link.startswith("http://localhost:8000/releases/") for entry in feed.entries)
    assert rss_problems((sample_site / "feeds" / "all.rss.xml").read_bytes()) == []


# --- Discovery and the Subscribe page -------------------------------------------------------------------


def advertised(output: Path, page: str) -> dict[str, str]:
    """href → type of every feed a page's head advertises."""
    head = read_html(output, page).head
    return {link["href"]: link["type"] for link in head.select('link[rel="alternate"]')}


SITE_FEEDS = {
    f"{SITE}/feeds/all.atom.xml": "application/atom+xml",
    f"{SITE}/feeds/all.rss.xml": "application/rss+xml",
    f"{SITE}/feeds/all.json": "application/feed+json",
}


def slice_feeds(stem: str) -> dict[str, str]:
    return {href.replace("/all.", f"/{stem}."): media for href, media in SITE_FEEDS.items()}


@pytest.mark.parametrize(
    ("page", "stem"),
    [
        ("/", None),
        ("archive/", None),
        ("our-vision-the-1001-critical-days/", None),
        ("policy-responses/", "type/policy-responses"),
        ("topics/family-hubs/", "topic/family-hubs"),
        ("campaigns/first-1001-days/", "campaign/first-1001-days"),
        ("people/keith-reed/", "spokesperson/keith-reed"),
    ],
)
def test_each_page_advertises_the_site_feeds_and_its_own(site, page, stem):
    assert advertised(site, page) == {**SITE_FEEDS, **(slice_feeds(stem) if stem else {})}


def test_a_release_page_advertises_the_atom_feed_of_every_slice_it_is_in(site):
    expected = {
        f"{SITE}/feeds/{stem}.atom.xml": "application/atom+xml"
        for stem in (
            "type/press-releases",
            "topic/perinatal-mental-health",
            "spokesperson/tamora-langley",
            "spokesperson/sally-hogg",
        )
    }
    assert advertised(site, "releases/2024/babies-and-budgets/") == {**SITE_FEEDS, **expected}


def test_every_advertised_and_listed_feed_exists(site):
    subscribe = read_html(site, "subscribe/")
    listed = {code.get_text() for code in subscribe.select("main code.feed-address")}
    written = {f"{SITE}/{path.relative_to(site).as_posix()}" for path in (site / "feeds").rglob("*.*")}
    assert listed == written
    assert len(listed) == 3 * len(EXPECTED_SLICES)
    headings = [h2.get_text() for h2 in subscribe.select("main h2")]
    assert headings == ["Everything", "By type", "By topic", "By campaign", "By person"]
    descriptions = [item.p.get_text() for item in subscribe.select("main .feed-list > li")]
    assert all(descriptions), "every feed has a description"


# --- Pure functions -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/about/">a</a>', '<a href="https://x.example/about/">a</a>'),
        ('<a href="../other/">a</a>', '<a href="https://x.example/releases/other/">a</a>'),
        ('<a href="#notes">a</a>', '<a href="https://x.example/releases/one/#notes">a</a>'),
        ('<a href="mailto:a@b.example">a</a>', '<a href="mailto:a@b.example">a</a>'),
        ('<a href="https://elsewhere.example/">a</a>', '<a href="https://elsewhere.example/">a</a>'),
        ('<img alt="" src="img.png"/>', '<img alt="" src="https://x.example/releases/one/img.png"/>'),
        (
            '<img alt="" srcset="/a.png 1x, b.png 2x"/>',
            '<img alt="" srcset="https://x.example/a.png 1x, https://x.example/releases/one/b.png 2x"/>',
        ),
        ("<p>Tom &amp; Jerry &lt;3</p>", "<p>Tom &amp; Jerry &lt;3</p>"),
    ],
)
def test_absolute_links_resolves_every_address_against_the_release_page(html, expected):
    assert absolute_links(html, "https://x.example/releases/one/") == expected


def test_an_entry_id_is_a_tag_uri_from_the_domain_the_date_and_the_source_name():
    assert entry_id("press.example.org", dt.date(2022, 4, 2), "2022-04-02-family-hubs") == (
        "tag:press.example.org,2022-04-02:release/2022-04-02-family-hubs"
    )


# --- Feeds that open without XSLT -----------------------------------------------------------------------


def processing_instructions(path: Path) -> list[str]:
    """Every processing instruction of an XML file, before its root element too, as `target text`."""
    parser = ET.XMLPullParser(events=("pi",))
    parser.feed(path.read_bytes())
    parser.close()
    return [element.text for _event, element in parser.read_events()]


def test_no_feed_carries_an_xml_stylesheet(sample_site):
    """Browsers are removing XSLT (Chromium 156 puts a deprecation banner over a feed it styles), so a feed
    is for readers only, and people are sent to the Subscribe page instead."""
    feeds = sorted((sample_site / "feeds").rglob("*.xml"))
    assert len(feeds) >= 2 * 10
    assert {path: processing_instructions(path) for path in feeds} == {path: [] for path in feeds}
    assert not list((sample_site / "theme" / "feeds").glob("*.xsl"))


def test_the_pi_reader_finds_a_stylesheet_before_the_root_element(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?>\n<?xml-stylesheet href="/a.xsl" type="text/xsl"?><feed/>')
    assert processing_instructions(feed) == ['xml-stylesheet href="/a.xsl" type="text/xsl"']


def test_every_feed_link_on_every_page_leads_to_the_subscribe_page(site):
    """A feed opened in a browser is only its code, so no page links to one: a listing's feed line leads to
    that feed's own entry on the Subscribe page. Only each page's head points readers at the files."""
    written = {f"{SITE}/{path.relative_to(site).as_posix()}" for path in (site / "feeds").rglob("*.*")}
    subscribe = read_html(site, "subscribe/")
    to_feeds, to_subscribe = {}, set()
    for path in sorted(site.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        hrefs = {urlsplit(a["href"])._replace(fragment="").geturl() for a in page.select("a[href]")}
        if hrefs & written:
            to_feeds[path.relative_to(site).as_posix()] = hrefs & written
        to_subscribe |= {a["href"] for a in page.select(".listing-feeds a")}
    assert to_feeds == {}
    assert len(to_subscribe) > len(EXPECTED_SLICES)
    for href in to_subscribe:
        address, _, anchor = href.partition("#")
        assert address == f"{SITE}/subscribe/"
        assert not anchor or subscribe.find(id=anchor).select("code.feed-address"), href


# --- Spokespeople as authors ---------------------------------------------------------------------------


def test_atom_credits_each_spokesperson_as_an_author_linked_to_their_page(site):
    root = ET.fromstring((site / "feeds" / "all.atom.xml").read_bytes())
    entry = next(e for e in root.findall(f"{ATOM_NS}entry") if e.findtext(f"{ATOM_NS}title") == UPDATED_TITLE)
    authors = [
        (author.findtext(f"{ATOM_NS}name"), author.findtext(f"{ATOM_NS}uri"))
        for author in entry.findall(f"{ATOM_NS}author")
    ]
    assert authors == [("Tamora Langley", f"{SITE}/people/tamora-langley/")]


def test_rss_credits_each_spokesperson_by_name(site):
    feed = parsed(site / "feeds" / "all.rss.xml")
    entry = entry_by_title(feed, UPDATED_TITLE)
    assert [author.name for author in entry.authors] == ["Tamora Langley"]


def test_json_feed_credits_each_spokesperson_with_their_page(site):
    feed = json.loads((site / "feeds" / "all.json").read_text(encoding="utf-8"))
    item = next(item for item in feed["items"] if item["title"] == UPDATED_TITLE)
    assert item["authors"] == [{"name": "Tamora Langley", "url": f"{SITE}/people/tamora-langley/"}]


ORGANISATION = ("Parent-Infant Foundation", "https://parentinfantfoundation.org.uk/")


def test_every_format_credits_the_organisation_with_a_release_that_has_no_spokesperson(site):
    """Newsboat and other readers show an entry's own author and do not fall back on the feed's, so the
    organisation is written on each entry that names no spokesperson, the same in all three formats."""
    news = "/helen-hayes-mp-visits-leap/"
    atom = ET.fromstring((site / "feeds" / "all.atom.xml").read_bytes())
    [entry] = [
        entry
        for entry in atom.findall(f"{ATOM_NS}entry")
        if entry.find(f"{ATOM_NS}link").get("href").endswith(news)
    ]
    assert [
        (author.findtext(f"{ATOM_NS}name"), author.findtext(f"{ATOM_NS}uri"))
        for author in entry.findall(f"{ATOM_NS}author")
    ] == [ORGANISATION]
    rss = next(entry for entry in parsed(site / "feeds" / "all.rss.xml").entries if entry.link.endswith(news))
    assert [author.name for author in rss.authors] == [ORGANISATION[0]]
    feed = json.loads((site / "feeds" / "all.json").read_text(encoding="utf-8"))
    item = next(item for item in feed["items"] if item["url"].endswith(news))
    assert item["authors"] == [{"name": ORGANISATION[0], "url": ORGANISATION[1]}]


@pytest.mark.parametrize(
    ("page", "stem"),
    [
        ("", "all"),
        ("policy-responses/", "type/policy-responses"),
        ("topics/family-hubs/", "topic/family-hubs"),
        ("campaigns/first-1001-days/", "campaign/first-1001-days"),
        ("people/keith-reed/", "spokesperson/keith-reed"),
    ],
)
def test_each_listing_leads_to_its_own_feeds_on_the_subscribe_page(site, page, stem):
    line = read_html(site, page).select_one("main .listing-feeds")
    links = {a.get_text(): a["href"] for a in line.select("a")}
    anchor = "feed-" + stem.replace("/", "-")
    assert links == {
        "Follow this list in a feed reader": f"{SITE}/subscribe/#{anchor}",
        "all feeds": f"{SITE}/subscribe/",
    }
    entry = read_html(site, "subscribe/").find(id=anchor)
    addresses = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in entry.select("dt")}
    assert addresses == {
        "Atom": f"{SITE}/feeds/{stem}.atom.xml",
        "RSS": f"{SITE}/feeds/{stem}.rss.xml",
        "JSON Feed": f"{SITE}/feeds/{stem}.json",
    }


def test_the_subscribe_page_shows_every_address_without_script_and_offers_copy_beside_each(site):
    """Without JavaScript the addresses are text to select; each Copy button waits, hidden, for the script."""
    page = read_html(site, "subscribe/")
    addresses = page.select("main code.feed-address")
    buttons = page.select("main button.feed-copy")
    assert len(addresses) == len(buttons) == 3 * len(EXPECTED_SLICES)
    assert all(button.has_attr("hidden") for button in buttons)
    assert page.select_one('script[src$="/theme/js/copy-feed.js"]')
    explanation = page.select_one("main h1").find_next_sibling("p").get_text()
    assert explanation.startswith("A feed reader is")
    assert explanation.count(". ") + explanation.endswith(".") == 2, "two sentences"
