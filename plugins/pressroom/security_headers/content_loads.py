"""What the public content itself asks the browser for: images by address and the style attributes
Markdown writes for a table column's alignment (the sanitiser keeps no other style)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class ContentLoads:
    image_addresses: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)


class _LoadsReader(HTMLParser):
    def __init__(self, loads: ContentLoads):
        super().__init__(convert_charrefs=True)
        self.loads = loads

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "style" and value:
                self.loads.style_attributes.add(value)
            elif tag in ("img", "source") and name == "src" and value:
                self.loads.image_addresses.add(value.strip())


def content_loads(fragments) -> ContentLoads:
    """Every image address and style attribute in the HTML `fragments` (rendered bodies and notes)."""
    loads = ContentLoads()
    for fragment in fragments:
        reader = _LoadsReader(loads)
        reader.feed(fragment or "")
        reader.close()
    return loads
