"""Discovery: sitemap.xml lists every public page, the news sitemap the last two days, robots.txt both."""

from __future__ import annotations

import datetime as dt
import shutil
import xml.etree.ElementTree as ET

import pytest
from support.site import SAMPLE_CONTENT, build

from pressroom.sitemap.documents import NEWS_NS, SITEMAP_NS, news_language

SITE = "https://press.parentinfantfoundation.org.uk"
NOW = "2025-02-28T18:00:00+00:00"
FRESH = """\
---
title: "Fresh & new: a statement on #babies"
date: 2025-02-28T09:00:00+00:00
type: statement
summary: Published within the last two days of the build's clock.
---
Body.
"""
DRAFT = FRESH.replace("Fresh & new: a statement", "Not yet: a draft statement").replace(
    "type: statement", "type: statement\nstatus: draft"
)
EMBARGOED = FRESH.replace("Fresh & new: a statement", "Under embargo: a statement").replace(
    "type: statement", "type: statement\nembargo: 2025-03-05T00:01:00+00:00"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("sitemap")
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    for name, text in (("fresh", FRESH), ("draft", DRAFT), ("embargoed", EMBARGOED)):
        (content / "releases" / "2025" / f"2025-02-28-{name}.md").write_text(text, encoding="utf-8")
    return build(content, root / "output", "publishconf.py", PRESSROOM_NOW=NOW)


def urls(document: ET.Element) -> dict[str, ET.Element]:
    return {url.findtext(f"{{{SITEMAP_NS}}}loc"): url for url in document.iter(f"{{{SITEMAP_NS}}}url")}


def test_sitemap_lists_every_page_the_build_wrote(site):
    listed = urls(ET.parse(site / "sitemap.xml").getroot())
    written = {
        f"{SITE}/{path.relative_to(site).as_posix().removesuffix('index.html')}"
        for path in site.rglob("index.html")
    }
    assert set(listed) == written
    assert {
        f"{SITE}/",
        f"{SITE}/releases/2022/family-hubs-funding-response/",
        f"{SITE}/releases/2025/fresh-new-a-statement-on-babies/",
        f"{SITE}/our-vision-the-1001-critical-days/",
        f"{SITE}/policy-responses/",
    } <= set(listed)


def test_drafts_and_embargoed_releases_are_nowhere_in_discovery(site):
    everything = " ".join(
        (site / name).read_text(encoding="utf-8")
        for name in ("sitemap.xml", "news-sitemap.xml", "robots.txt")
    )
    assert "fresh-new-a-statement" in everything
    assert "not-yet" not in everything
    assert "under-embargo" not in everything
    assert not list(site.rglob("not-yet*")) and not list(site.rglob("under-embargo*"))


def test_lastmod_is_when_the_page_last_changed(site):
    listed = urls(ET.parse(site / "sitemap.xml").getroot())

    def lastmod(address):
        return dt.datetime.fromisoformat(listed[address].findtext(f"{{{SITEMAP_NS}}}lastmod"))

    assert lastmod(f"{SITE}/releases/2022/care-review-response/") == dt.datetime(
        2022, 5, 23, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    newest = dt.datetime(2025, 2, 28, 9, tzinfo=dt.UTC)
    assert lastmod(f"{SITE}/") == newest
    assert lastmod(f"{SITE}/statements/") == newest
    assert lastmod(f"{SITE}/policy-responses/") == lastmod(f"{SITE}/releases/2022/care-review-response/")


def test_news_sitemap_holds_only_the_last_two_days(site):
    root = ET.parse(site / "news-sitemap.xml").getroot()
    listed = urls(root)
    # The event's announcement (20 February) is eight days old at the build's clock: it is left out.
    assert set(listed) == {f"{SITE}/releases/2025/fresh-new-a-statement-on-babies/"}
    news = listed[f"{SITE}/releases/2025/fresh-new-a-statement-on-babies/"].find(f"{{{NEWS_NS}}}news")
    assert news.findtext(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}name") == "Parent-Infant Foundation"
    assert news.findtext(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}language") == "en"
    assert news.findtext(f"{{{NEWS_NS}}}title") == "Fresh & new: a statement on #babies"
    published = dt.datetime.fromisoformat(news.findtext(f"{{{NEWS_NS}}}publication_date"))
    assert published == dt.datetime(2025, 2, 28, 9, tzinfo=dt.UTC)


def test_robots_points_at_both_sitemaps(site):
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "User-agent: *"
    assert [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: ")] == [
        f"{SITE}/sitemap.xml",
        f"{SITE}/news-sitemap.xml",
    ]


@pytest.mark.parametrize(
    ("language", "code"), [("en-gb", "en"), ("en", "en"), ("zh-TW", "zh-tw"), ("cy_GB", "cy")]
)
def test_news_language_is_an_iso_639_code(language, code):
    assert news_language(language) == code
