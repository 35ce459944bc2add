"""Stable entry ids and self-contained entry HTML: what a feed reader needs that a web page does not."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

from bs4 import BeautifulSoup

# Attributes holding one URL, and those holding a srcset list of "URL [descriptor]" candidates.
URL_ATTRIBUTES = ("href", "src", "poster", "cite")
SRCSET_ATTRIBUTES = ("srcset",)


def entry_id(domain: str, published: dt.date, source_stem: str) -> str:
    """A tag URI (RFC 4151) that survives edits of the title, slug, body and address of a release.

    It is made of what an author does not change once a release is out: the day it was first
    published and the name of its source file (`invoke new` names it after the first title).
    """
    return f"tag:{domain},{published:%Y-%m-%d}:release/{source_stem}"


def feed_id(domain: str, since: str, path_stem: str) -> str:
    """A tag URI for a whole feed, independent of the address the site happens to be served from."""
    return f"tag:{domain},{since}:feeds/{path_stem}"


def _absolute_srcset(value: str, base_url: str) -> str:
    candidates = []
    for candidate in value.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        candidates.append(f"{urljoin(base_url, url)} {descriptor}".strip())
    return ", ".join(candidates)


def absolute_links(html: str, base_url: str) -> str:
    """Resolve every link and image address in `html` against the page it came from.

    Feed readers show entries away from the site, where a relative or root-relative address
    (`/our-vision/`, often written by hand in Markdown) points nowhere.
    """
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        for attribute in URL_ATTRIBUTES:
            if element.has_attr(attribute):
                element[attribute] = urljoin(base_url, str(element[attribute]).strip())
        for attribute in SRCSET_ATTRIBUTES:
            if element.has_attr(attribute):
                element[attribute] = _absolute_srcset(str(element[attribute]), base_url)
    return str(soup)
