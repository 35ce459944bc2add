"""Where each feed lives, and which feeds each HTML page advertises with `<link rel="alternate">`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .slices import SLICE_KINDS, Slice

FEEDS_FOLDER = "feeds"


@dataclass(frozen=True)
class FeedFormat:
    id: str
    label: str
    suffix: str
    media_type: str
    # XML formats carry a stylesheet that lets a browser show the feed as a page.
    xml: bool


FORMATS = (
    FeedFormat("atom", "Atom", ".atom.xml", "application/atom+xml", xml=True),
    FeedFormat("rss", "RSS", ".rss.xml", "application/rss+xml", xml=True),
    FeedFormat("json", "JSON Feed", ".json", "application/feed+json", xml=False),
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


@dataclass(frozen=True)
class SubscribeEntry:
    """One feed on the Subscribe page: what it is and its address in every format."""

    title: str
    description: str
    links: tuple[FeedLink, ...]


@dataclass(frozen=True)
class SubscribeGroup:
    heading: str
    feeds: tuple[SubscribeEntry, ...]


def feed_links(feed_slice: Slice, url_of, formats: Iterable[FeedFormat] = FORMATS) -> tuple[FeedLink, ...]:
    """`url_of` turns an output path into the address pages use (Pelican's SITEURL + "/" + path)."""
    return tuple(
        FeedLink(
            f"{feed_slice.key.title} ({fmt.label})",
            url_of(feed_path(feed_slice.path_stem, fmt)),
            fmt.media_type,
            fmt.label,
        )
        for fmt in formats
    )


@dataclass(frozen=True)
class FeedDirectory:
    """What the templates read: the site-wide links, the links for each page, the Subscribe page.

    `pages` maps a page's folder (its output path up to the last `/`, e.g. `topics/family-hubs/`)
    to the links it adds; the folder also covers that listing's later pages (`…/page/2/`).
    """

    site: tuple[FeedLink, ...]
    pages: Mapping[str, tuple[FeedLink, ...]]
    groups: tuple[SubscribeGroup, ...]

    def own(self, output_file: str) -> tuple[FeedLink, ...]:
        """The feeds of the listing written to `output_file` (any of its pages), in every format; none
        for a listing with no public release yet, which has no feed."""
        links = self.for_page(output_file)
        return links[len(self.site) :] if links != self.site else ()

    def for_page(self, output_file: str) -> tuple[FeedLink, ...]:
        folder = output_file.rpartition("/")[0]
        while folder:
            if f"{folder}/" in self.pages:
                return self.site + self.pages[f"{folder}/"]
            folder = folder.rpartition("/")[0]
        return self.site


def build_directory(
    slices: list[Slice],
    article_slices: Mapping[str, list[Slice]],
    url_of,
) -> FeedDirectory:
    """Link every slice's own listing page to all its formats, and every release page to the
    Atom feed of each slice it belongs to (one format each keeps a release page's head short).

    `article_slices` maps a release page's folder to the slices the release is in.
    """
    everything = [s for s in slices if s.key.kind == "all"]
    site = feed_links(everything[0], url_of) if everything else ()
    pages: dict[str, tuple[FeedLink, ...]] = {}
    for feed_slice in slices:
        if feed_slice.key.kind != "all":
            pages[feed_slice.key.page_path] = feed_links(feed_slice, url_of)
    for folder, its_slices in article_slices.items():
        pages[folder] = tuple(
            link for feed_slice in its_slices for link in feed_links(feed_slice, url_of, (ATOM,))
        )
    groups = tuple(
        SubscribeGroup(
            heading,
            tuple(
                SubscribeEntry(s.key.title, s.key.description, feed_links(s, url_of))
                for s in slices
                if s.key.kind == kind
            ),
        )
        for kind, heading in SLICE_KINDS.items()
        if any(s.key.kind == kind for s in slices)
    )
    return FeedDirectory(site, pages, groups)
