"""sitemap.xml, the Google News sitemap and robots.txt, built with xml.etree from plain values."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
# Google News lists only articles from the last two days.
NEWS_WINDOW = dt.timedelta(days=2)

ET.register_namespace("news", NEWS_NS)


@dataclass(frozen=True)
class Entry:
    """One public page: its absolute address and when it last changed (None if it cannot say)."""

    url: str
    lastmod: dt.datetime | None = None


@dataclass(frozen=True)
class NewsItem:
    url: str
    title: str
    published: dt.datetime


def element(parent: ET.Element, namespace: str, name: str, text: str | None = None) -> ET.Element:
    child = ET.SubElement(parent, f"{{{namespace}}}{name}")
    if text is not None:
        child.text = text
    return child


def serialised(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True, default_namespace=SITEMAP_NS)


def sitemap(entries: list[Entry]) -> bytes:
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for entry in sorted(entries, key=lambda entry: entry.url):
        url = element(root, SITEMAP_NS, "url")
        element(url, SITEMAP_NS, "loc", entry.url)
        if entry.lastmod:
            element(url, SITEMAP_NS, "lastmod", entry.lastmod.isoformat())
    return serialised(root)


def recent(items: list[NewsItem], now: dt.datetime) -> list[NewsItem]:
    """The items published in the two days up to `now`, newest first."""
    return sorted(
        (item for item in items if now - NEWS_WINDOW <= item.published <= now),
        key=lambda item: item.published,
        reverse=True,
    )


def news_sitemap(items: list[NewsItem], publication: str, language: str) -> bytes:
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for item in items:
        url = element(root, SITEMAP_NS, "url")
        element(url, SITEMAP_NS, "loc", item.url)
        news = element(url, NEWS_NS, "news")
        source = element(news, NEWS_NS, "publication")
        element(source, NEWS_NS, "name", publication)
        element(source, NEWS_NS, "language", language)
        element(news, NEWS_NS, "publication_date", item.published.isoformat())
        element(news, NEWS_NS, "title", item.title)
    return serialised(root)


def news_language(language: str) -> str:
    """Google News wants an ISO 639 code: en-GB becomes en (zh-cn and zh-tw are kept whole)."""
    code = language.lower().replace("_", "-")
    return code if code in {"zh-cn", "zh-tw"} else code.split("-")[0]


def robots(sitemap_urls: list[str]) -> str:
    lines = ["User-agent: *", "Allow: /", ""]
    return "\n".join(lines + [f"Sitemap: {url}" for url in sitemap_urls]) + "\n"
