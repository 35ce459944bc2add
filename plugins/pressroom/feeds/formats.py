"""One feed document in three formats: Atom 1.0 and RSS 2.0 through feedgenerator, JSON Feed 1.1 as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass

from feedgenerator import Atom1Feed, Rss201rev2Feed

from .slices import Entry

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
CONTENT_MODULE_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
# RSS 2.0's own <author> must be an email address; readers take a person's name from dc:creator.
DUBLIN_CORE_NAMESPACE = "http://purl.org/dc/elements/1.1/"


@dataclass(frozen=True)
class Publisher:
    """Who stands behind every feed of the site, and how readers show it."""

    name: str
    url: str
    language: str
    icon_url: str = ""
    # Atom's <logo>, which RFC 4287 (4.2.8) asks to be twice as wide as it is tall; empty leaves it out.
    logo_url: str = ""
    # RSS 2.0 wants "email (name)"; empty leaves the element out.
    managing_editor: str = ""
    topic_scheme_url: str = ""


@dataclass(frozen=True)
class FeedDocument:
    title: str
    description: str
    home_url: str
    self_url: str
    id: str
    publisher: Publisher
    entries: tuple[Entry, ...]


class AtomWithExtras(Atom1Feed):
    """Atom with the site icon, plain-text summaries and labelled categories.

    No feed carries an XSL stylesheet to show it as a page in a browser: browsers are removing XSLT
    (Chromium 156 puts a deprecation banner over such a page), so people are sent to /subscribe/ instead.
    """

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed["icon_url"]:
            handler.addQuickElement("icon", self.feed["icon_url"])
        if self.feed["logo_url"]:
            handler.addQuickElement("logo", self.feed["logo_url"])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # type="text": a standfirst is plain text.
        handler.addQuickElement("summary", item["plain_summary"], {"type": "text"})
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if url:
                handler.addQuickElement("uri", url)
            handler.endElement("author")
        for term, label in item["topics"]:
            attributes = {"term": term, "label": label}
            if item["topic_scheme"]:
                attributes["scheme"] = item["topic_scheme"]
            handler.addQuickElement("category", "", attributes)


class RssWithExtras(Rss201rev2Feed):
    """RSS 2.0 with the full text in content:encoded, the site image, and the press office as editor."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_MODULE_NAMESPACE,
            "xmlns:dc": DUBLIN_CORE_NAMESPACE,
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed["managing_editor"]:
            handler.addQuickElement("managingEditor", self.feed["managing_editor"])
        if self.feed["icon_url"]:
            handler.startElement("image", {})
            handler.addQuickElement("url", self.feed["icon_url"])
            handler.addQuickElement("title", self.feed["title"])
            handler.addQuickElement("link", self.feed["link"])
            handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["content"]:
            handler.addQuickElement("content:encoded", item["content"])
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        for _term, label in item["topics"]:
            attributes = {"domain": item["topic_scheme"]} if item["topic_scheme"] else {}
            handler.addQuickElement("category", label, attributes)


def _syndication_feed(feed_class, document: FeedDocument):
    publisher = document.publisher
    feed = feed_class(
        title=document.title,
        link=document.home_url,
        description=document.description,
        language=publisher.language,
        author_name=publisher.name,
        author_link=publisher.url,
        feed_url=document.self_url,
        feed_guid=document.id,
        icon_url=publisher.icon_url,
        logo_url=publisher.logo_url,
        managing_editor=publisher.managing_editor,
    )
    for entry in document.entries:
        feed.add_item(
            title=entry.title,
            link=entry.url,
            # Atom gets the standfirst as a plain-text summary from AtomWithExtras instead.
            description=None if feed_class is AtomWithExtras else entry.summary,
            plain_summary=entry.summary,
            content=entry.content_html,
            pubdate=entry.published,
            updateddate=entry.updated,
            unique_id=entry.id,
            unique_id_is_permalink=False,
            topics=entry.topics,
            authors=entry.authors,
            topic_scheme=publisher.topic_scheme_url,
        )
    return feed


def atom_xml(document: FeedDocument) -> str:
    return _syndication_feed(AtomWithExtras, document).writeString("utf-8")


def rss_xml(document: FeedDocument) -> str:
    return _syndication_feed(RssWithExtras, document).writeString("utf-8")


def _json_item(entry: Entry) -> dict:
    item: dict[str, object] = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "summary": entry.summary,
        "content_html": entry.content_html,
        "date_published": entry.published.isoformat(),
    }
    if entry.updated:
        item["date_modified"] = entry.updated.isoformat()
    if entry.image_url:
        item["image"] = entry.image_url
    if entry.authors:
        item["authors"] = [{"name": name, **({"url": url} if url else {})} for name, url in entry.authors]
    tags = [label for _term, label in entry.topics]
    if tags:
        item["tags"] = tags
    return item


def json_feed(document: FeedDocument) -> str:
    publisher = document.publisher
    feed = {
        "version": JSON_FEED_VERSION,
        "title": document.title,
        "home_page_url": document.home_url,
        "feed_url": document.self_url,
        "description": document.description,
        "authors": [{"name": publisher.name, "url": publisher.url}],
        "language": publisher.language,
        "items": [_json_item(entry) for entry in document.entries],
    }
    if publisher.icon_url:
        feed["icon"] = publisher.icon_url
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
