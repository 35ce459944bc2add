"""Where each feed lives, which feeds each HTML page advertises with `<link rel="alternate">`, and where on
the Subscribe page a person finds each feed's address."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from pressroom.content_model.outputs import FEEDS_FOLDER

from .slices import SLICE_KINDS, Slice

T = TypeVar("T")


@dataclass(frozen=True)
class FeedFormat:
    id: str
    label: str
    suffix: str
    media_type: str


FORMATS = (
    FeedFormat("atom", "Atom", ".atom.xml", "application/atom+xml"),
    FeedFormat("rss", "RSS", ".rss.xml", "application/rss+xml"),
    FeedFormat("json", "JSON Feed", ".json", "application/feed+json"),
)
ATOM = FORMATS[0]


def feed_path(path_stem: str, feed_format: FeedFormat) -> str:
    """The feed's file under the output folder, which is also its URL path: `feeds/topic/x.atom.xml`."""
    return f"{FEEDS_FOLDER}/{path_stem}{feed_format.suffix}"


@dataclass(frozen=True)
class FeedLink:
    """One `<link rel="alternate">`: everything the template writes, already decided."""

    title: str
    href: str
    media_type: str
    format_label: str
    # What a person copies into a feed reader: absolute, even in a development build whose pages link
    # with a root-relative `href`.
    address: str


@dataclass(frozen=True)
class SubscribeEntry:
    """One feed on the Subscribe page: what it is, its address in every format, and its place on the page
    (`anchor`, its id there, and `href`, the page at that id), where every page's feed link leads."""

    title: str
    description: str
    links: tuple[FeedLink, ...]
    anchor: str
    href: str


@dataclass(frozen=True)
class SubscribeGroup:
    heading: str
    feeds: tuple[SubscribeEntry, ...]


@dataclass(frozen=True)
class Addresses:
    """How an output path is written: `page` as pages link to it (Pelican's SITEURL + "/" + path),
    `absolute` as a feed reader needs it."""

    page: Callable[[str], str]
    absolute: Callable[[str], str]


def feed_links(
    feed_slice: Slice, addresses: Addresses, formats: Iterable[FeedFormat] = FORMATS
) -> tuple[FeedLink, ...]:
    links = []
    for fmt in formats:
        path = feed_path(feed_slice.path_stem, fmt)
        links.append(
            FeedLink(
                f"{feed_slice.key.title} ({fmt.label})",
                addresses.page(path),
                fmt.media_type,
                fmt.label,
                addresses.absolute(path),
            )
        )
    return tuple(links)


def subscribe_entry(feed_slice: Slice, addresses: Addresses, subscribe_href: str) -> SubscribeEntry:
    anchor = "feed-" + feed_slice.path_stem.replace("/", "-")
    key = feed_slice.key
    links = feed_links(feed_slice, addresses)
    return SubscribeEntry(key.title, key.description, links, anchor, f"{subscribe_href}#{anchor}")


@dataclass(frozen=True)
class FeedDirectory:
    """What the templates read: the site-wide links, the links for each page, the Subscribe page.

    `pages` maps a page's folder (its output path up to the last `/`, e.g. `topics/family-hubs/`)
    to the links it adds, and `listings` a listing's folder to its feed on the Subscribe page; a folder
    also covers that listing's later pages (`…/page/2/`).
    """

    site: tuple[FeedLink, ...]
    pages: Mapping[str, tuple[FeedLink, ...]]
    groups: tuple[SubscribeGroup, ...]
    subscribe_href: str
    everything: SubscribeEntry | None
    listings: Mapping[str, SubscribeEntry]

    def listing_feed(self, output_file: str) -> SubscribeEntry | None:
        """The feed of the listing written to `output_file` (any of its pages); none for a listing with no
        public release yet, which has no feed."""
        return _in_folder(self.listings, output_file)

    def for_page(self, output_file: str) -> tuple[FeedLink, ...]:
        return self.site + (_in_folder(self.pages, output_file) or ())


def _in_folder(by_folder: Mapping[str, T], output_file: str) -> T | None:
    """The value for the nearest folder of `output_file` that has one."""
    folder = output_file.rpartition("/")[0]
    while folder:
        if f"{folder}/" in by_folder:
            return by_folder[f"{folder}/"]
        folder = folder.rpartition("/")[0]
    return None


def build_directory(
    slices: list[Slice],
    article_slices: Mapping[str, list[Slice]],
    addresses: Addresses,
    subscribe_url: str,
) -> FeedDirectory:
    """Link every slice's own listing page to all its formats, and every release page to the
    Atom feed of each slice it belongs to (one format each keeps a release page's head short); place
    every slice on the Subscribe page (at `subscribe_url`), where each listing's feed link leads.

    `article_slices` maps a release page's folder to the slices the release is in.
    """
    subscribe_href = addresses.page(subscribe_url)
    entries = {s.key: subscribe_entry(s, addresses, subscribe_href) for s in slices}
    everything = next((entries[s.key] for s in slices if s.key.kind == "all"), None)
    site = everything.links if everything else ()
    listings = {s.key.page_path: entries[s.key] for s in slices if s.key.kind != "all"}
    pages: dict[str, tuple[FeedLink, ...]] = {folder: entry.links for folder, entry in listings.items()}
    for folder, its_slices in article_slices.items():
        pages[folder] = tuple(
            link for feed_slice in its_slices for link in feed_links(feed_slice, addresses, (ATOM,))
        )
    groups = tuple(
        SubscribeGroup(heading, tuple(entries[s.key] for s in slices if s.key.kind == kind))
        for kind, heading in SLICE_KINDS.items()
        if any(s.key.kind == kind for s in slices)
    )
    return FeedDirectory(site, pages, groups, subscribe_href, everything, listings)
