"""One release, told the same everywhere: every form a journalist or a machine receives (the page, the feed
entry, the .txt, the PDF read back, JSON-LD, releases.json and the search entry) carries the same facts,
because each walks the one presentation model. A release embargoed past its date, corrected, linking to
a page of the site and quoting twice (one quote placed, one not), and an event with every fact."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from support.site import SAMPLE_CONTENT, build

SITEURL = "https://press.example.org"
NOW = "2026-03-05T09:00"

RELEASE = """---
title: "Ministers back parent-infant teams in 42 areas"
date: 2026-03-01
embargo: 2026-03-03T00:01
place: London
type: press-release
slug: one-story-everywhere
summary: The Government will fund parent-infant teams in 42 areas of England.
spokespeople: [keith-reed]
quotes:
  - by: keith-reed
    text: Every baby deserves a team that can help their family.
  - by: {name: Amara Okafor, role: Parent, organisation: Family Voices}
    text: The team changed our first year together.
updated:
  - date: 2026-03-04T10:00
    note: Corrected the number of areas from 40 to 42.
---
The announcement covers 42 areas in England, from Cornwall to Cumbria.

The money reaches teams from April.

[[quote 2]]

Read [our vision]({filename}/pages/our-vision.md) for what comes next.
"""
EVENT = """---
title: "Conference: the first 1001 days"
date: 2026-02-10
type: event
slug: first-days-conference
summary: A day of talks on what babies need, in Bristol and online.
event:
  start: 2026-03-20T10:00
  end: 2026-03-20T16:00
  location: Riverside Hall
  address:
    street: 12 Quay Street
    locality: Bristol
    postcode: BS1 4XY
  online_url: https://www.example.org/join/first-days
  registration_url: https://www.example.org/register/first-days
  speakers:
    - keith-reed
    - name: Dr Lisa Marsland
      role: Service Lead
      organisation: Mersey Care NHS
---
Join us in Bristol or online.
"""

RELEASE_ADDRESS = f"{SITEURL}/releases/2026/one-story-everywhere/"
EVENT_ADDRESS = f"{SITEURL}/releases/2026/first-days-conference/"
# What a reader is told, in the order the release tells it: the body's paragraphs with the unplaced quote
# after the first, the placed one where its marker stands.
RELEASE_READING_ORDER = (
    "The announcement covers 42 areas in England, from Cornwall to Cumbria.",
    "Every baby deserves a team that can help their family.",
    "Keith Reed",
    "The money reaches teams from April.",
    "The team changed our first year together.",
    "Amara Okafor",
    "for what comes next.",
)
RELEASE_FACTS = (
    "Ministers back parent-infant teams in 42 areas",
    "The Government will fund parent-infant teams in 42 areas of England.",
    # Public from its embargo, two days after its date: dated by the embargo everywhere.
    "3 March 2026",
    "Chief Executive Officer, Parent-Infant Foundation",
    "Parent, Family Voices",
    "Corrected the number of areas from 40 to 42.",
    "4 March 2026",
)
VISION = f"{SITEURL}/our-vision-the-1001-critical-days/"
EVENT_FACTS = (
    "Conference: the first 1001 days",
    "Friday 20 March 2026, 10:00 to 16:00 GMT",
    "Riverside Hall",
    "12 Quay Street",
    "Bristol",
    "BS1 4XY",
    "Keith Reed",
    "Dr Lisa Marsland",
    "Service Lead, Mersey Care NHS",
)
EVENT_ADDRESSES = ("https://www.example.org/join/first-days", "https://www.example.org/register/first-days")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("one-presentation")
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    folder = content / "releases" / "2026"
    folder.mkdir()
    (folder / "2026-03-01-one-story.md").write_text(RELEASE, encoding="utf-8")
    (folder / "2026-02-10-first-days-conference.md").write_text(EVENT, encoding="utf-8")
    return build(content, root / "output", PRESSROOM_NOW=NOW, CACHE_PATH=str(root / "cache"), SITEURL=SITEURL)


def words(text: str) -> str:
    """Text with its spacing made plain (line breaks, columns, the PDF's layout), quotes straightened
    where a form prints them curly, so facts compare as words."""
    return " ".join(text.split())


def page(site: Path, address: str) -> BeautifulSoup:
    path = site / address.removeprefix(SITEURL + "/") / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_text(site: Path, address: str) -> str:
    main = page(site, address).find("main")
    return words(main.get_text(" "))


def page_links(site: Path, address: str) -> set[str]:
    return {str(link["href"]) for link in page(site, address).find("main").find_all("a", href=True)}


def feed_entry(site: Path, address: str):
    feed = feedparser.parse((site / "feeds" / "all.atom.xml").read_bytes())
    (entry,) = [entry for entry in feed.entries if entry.link == address]
    return entry


def feed_text(site: Path, address: str) -> str:
    """The entry's title, then its content, as a feed reader shows them."""
    entry = feed_entry(site, address)
    return words(entry.title + " " + BeautifulSoup(entry.content[0].value, "html.parser").get_text(" "))


def feed_links(site: Path, address: str) -> set[str]:
    html = feed_entry(site, address).content[0].value
    return {str(link["href"]) for link in BeautifulSoup(html, "html.parser").find_all("a", href=True)}


def beside(site: Path, address: str, ending: str) -> Path:
    slug = address.rstrip("/").rsplit("/", 1)[1]
    return site / address.removeprefix(SITEURL + "/") / f"{slug}{ending}"


def txt_text(site: Path, address: str) -> str:
    return words(beside(site, address, ".txt").read_text(encoding="utf-8"))


def pdf_text(site: Path, address: str) -> str:
    path = beside(site, address, ".pdf")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return words(text)


def pdf_links(site: Path, address: str) -> set[str]:
    reader = PdfReader(beside(site, address, ".pdf"))
    return {
        annotation.get_object()["/A"]["/URI"]
        for pdf_page in reader.pages
        for annotation in pdf_page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    }


def json_ld(site: Path, address: str) -> dict[str, dict]:
    """The page's JSON-LD nodes by type."""
    (script,) = page(site, address).find_all("script", type="application/ld+json")
    return {node["@type"]: node for node in json.loads(script.string)["@graph"]}


def archive_record(site: Path, address: str) -> dict:
    archive = json.loads((site / "releases.json").read_text(encoding="utf-8"))
    (record,) = [record for record in archive["releases"] if record["url"] == address]
    return record


def search_entry(site: Path, address: str) -> dict[str, list[str]]:
    entry = page(site, address).find(class_="search-entry")
    found: dict[str, list[str]] = {}
    for field in entry.find_all(attrs={"data-pagefind-meta": True}):
        found.setdefault(field["data-pagefind-meta"], []).append(field.get_text())
    for field in entry.find_all(attrs={"data-pagefind-filter": True}):
        found.setdefault(field["data-pagefind-filter"], []).append(field.get_text())
    return found


def in_order(text: str, parts: tuple[str, ...]) -> bool:
    """Whether `parts` appear in `text` one after the other (other words may come between them)."""
    position = 0
    for part in parts:
        position = text.find(part, position)
        if position == -1:
            return False
        position += len(part)
    return True


TEXT_FORMS = {"page": page_text, "feed entry": feed_text, ".txt": txt_text, "PDF": pdf_text}


@pytest.mark.parametrize(
    ("form", "dateline"),
    [
        ("page", "Published 3 March 2026 in London"),
        (".txt", "London, 3 March 2026"),
        ("PDF", "London, 3 March 2026"),
    ],
)
def test_the_forms_that_carry_a_dateline_give_its_place(site, form, dateline):
    assert dateline in TEXT_FORMS[form](site, RELEASE_ADDRESS)
    assert "London" not in TEXT_FORMS[form](site, EVENT_ADDRESS)


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_every_form_tells_the_release_s_facts_in_the_same_order(site, form):
    text = TEXT_FORMS[form](site, RELEASE_ADDRESS)
    missing = [fact for fact in RELEASE_FACTS if fact not in text]
    assert not missing, (form, missing)
    assert in_order(text, RELEASE_READING_ORDER), form
    # The release's date, two days before it was public, is given nowhere as when it was published.
    assert "1 March 2026" not in text, form


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_every_form_tells_the_event_s_facts(site, form):
    text = TEXT_FORMS[form](site, EVENT_ADDRESS)
    missing = [fact for fact in EVENT_FACTS if fact not in text]
    assert not missing, (form, missing)


LINK_FORMS = {
    "page": page_links,
    "feed entry": feed_links,
    ".txt": lambda site, address: set(re.findall(r"https://\S+?(?=[)\s]|$)", txt_text(site, address))),
    "PDF": pdf_links,
}


@pytest.mark.parametrize("form", LINK_FORMS)
def test_every_form_leads_to_the_same_addresses(site, form):
    release_links = {
        SITEURL + link if link.startswith("/") else link for link in LINK_FORMS[form](site, RELEASE_ADDRESS)
    }
    assert VISION in release_links, form
    event_links = LINK_FORMS[form](site, EVENT_ADDRESS)
    assert set(EVENT_ADDRESSES) <= event_links, form


def test_the_machine_forms_carry_the_same_publication_moment_and_facts(site):
    published = "2026-03-03T00:01:00+00:00"
    article = json_ld(site, RELEASE_ADDRESS)["NewsArticle"]
    assert article["datePublished"] == published
    assert article["headline"] == "Ministers back parent-infant teams in 42 areas"
    assert feed_entry(site, RELEASE_ADDRESS).published == published
    record = archive_record(site, RELEASE_ADDRESS)
    assert record["published"] == published
    assert record["title"] == article["headline"]
    assert record["place"] == "London"
    assert [(quote["text"], quote["by"]["name"]) for quote in record["quotes"]] == [
        ("Every baby deserves a team that can help their family.", "Keith Reed"),
        ("The team changed our first year together.", "Amara Okafor"),
    ]
    assert [update["note"] for update in record["updated"]] == [
        "Corrected the number of areas from 40 to 42."
    ]
    entry = search_entry(site, RELEASE_ADDRESS)
    assert entry["date"] == ["3 March 2026"]
    assert entry["standfirst"] == ["The Government will fund parent-infant teams in 42 areas of England."]
    assert entry["year"] == ["2026"]
    # Everyone who speaks in it, in the directory or not.
    assert entry["spokesperson"] == ["Keith Reed", "Amara Okafor"]
    # The PDF is dated by the same moment.
    created = PdfReader(beside(site, RELEASE_ADDRESS, ".pdf")).metadata.creation_date
    assert created.isoformat() == published


def test_the_machine_forms_carry_the_same_event(site):
    event = json_ld(site, EVENT_ADDRESS)["Event"]
    place, online = event["location"]
    assert (place["@type"], place["name"], place["address"]["streetAddress"]) == (
        "Place",
        "Riverside Hall",
        "12 Quay Street",
    )
    assert (online["@type"], online["url"]) == ("VirtualLocation", EVENT_ADDRESSES[0])
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    record = archive_record(site, EVENT_ADDRESS)["event"]
    assert record["start"] == event["startDate"] == "2026-03-20T10:00:00+00:00"
    assert record["end"] == event["endDate"] == "2026-03-20T16:00:00+00:00"
    assert record["location"] == place["name"]
    assert record["address"]["postcode"] == place["address"]["postalCode"] == "BS1 4XY"
    assert record["online_url"] == online["url"]
    assert record["registration_url"] == event["offers"]["url"] == EVENT_ADDRESSES[1]
    assert [speaker["name"] for speaker in record["speakers"]] == ["Keith Reed", "Dr Lisa Marsland"]
