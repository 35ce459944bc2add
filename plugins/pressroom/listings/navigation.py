"""The header's links: one per release type that has releases, then the NAVIGATION setting's, each knowing
when it is the page being shown (or a page within its section)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pressroom.content_model.site import site_address


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    # Where the item's own page is written, and the output folder of its section.
    save_as: str
    section: str

    def current(self, output_file: str | None) -> str:
        """The aria-current value on the page written to `output_file`: "page", "true" within its section."""
        if not output_file:
            return ""
        if output_file == self.save_as:
            return "page"
        return "true" if self.section and output_file.startswith(self.section) else ""


def navigation(type_listings: list, links: Sequence[dict], siteurl: str) -> tuple[NavItem, ...]:
    """`type_listings`: Pelican's (category, articles) pairs in the schema's order; `links`: NAVIGATION."""
    types = [
        NavItem(category.name, site_address(siteurl, category.url), category.save_as, category.url)
        for category, _articles in type_listings
    ]
    own = [
        NavItem(link["text"], site_address(siteurl, link["url"]), link["url"] + "index.html", link["url"])
        for link in links
    ]
    return tuple(types + own)
