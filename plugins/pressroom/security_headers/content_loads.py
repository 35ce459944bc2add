"""What the public content itself asks the browser for: images, by address."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser


class _ImageReader(HTMLParser):
    def __init__(self, addresses: set[str]):
        super().__init__(convert_charrefs=True)
        self.addresses = addresses

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if tag in ("img", "source") and name == "src" and value:
                self.addresses.add(value.strip())


def images_in(fragment: str) -> frozenset[str]:
    """Every image address in one piece of HTML (a rendered body, notes to editors)."""
    addresses: set[str] = set()
    reader = _ImageReader(addresses)
    reader.feed(fragment)
    reader.close()
    return frozenset(addresses)


def image_addresses_in(fragments, find: Callable[[str], frozenset[str]] = images_in) -> set[str]:
    """Every image address in the HTML `fragments`, each looked through by `find`."""
    return set().union(*(find(fragment) for fragment in fragments if fragment))
