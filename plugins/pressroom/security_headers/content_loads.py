"""What the public content itself asks the browser for: images, by address."""

from __future__ import annotations

from html.parser import HTMLParser


class _ImageReader(HTMLParser):
    def __init__(self, addresses: set[str]):
        super().__init__(convert_charrefs=True)
        self.addresses = addresses

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if tag in ("img", "source") and name == "src" and value:
                self.addresses.add(value.strip())


def image_addresses_in(fragments) -> set[str]:
    """Every image address in the HTML `fragments` (rendered bodies and notes to editors)."""
    addresses: set[str] = set()
    for fragment in fragments:
        reader = _ImageReader(addresses)
        reader.feed(fragment or "")
        reader.close()
    return addresses
