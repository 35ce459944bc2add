"""Rendered Markdown keeps only what a release needs; whatever else an author pasted is removed and named.

Markdown passes raw HTML through, so a body can carry `<script>`, `onclick=`, `javascript:` links or an
`<iframe>` from anywhere. Every rendered body and every notes to editors goes through nh3 (the Ammonia
sanitiser) with an allow-list; `check` compares the HTML before and after so the author hears exactly
what a page would lose, with the line, instead of finding out from the page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from .addresses import BROWSER_TRIMMED, embed_origins, reference_allowed, web_address
from .problems import Invalid

TAGS = (nh3.ALLOWED_TAGS - {"acronym", "center", "strike", "tt", "map", "area"}) | {"iframe"}
ATTRIBUTES = {
    # Markdown's footnotes, headings and attribute lists use ids and classes; abbreviations use title.
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "iframe": {"src", "title", "width", "height", "allow", "allowfullscreen", "loading", "referrerpolicy"},
}
# Markdown writes a table column's alignment as a style attribute, which the Content-Security-Policy
# blocks; it becomes a class (align-left, align-right, align-center) for the stylesheet to honour.
TABLE_ALIGNMENT = re.compile(r'<(th|td) style="text-align: (left|right|center);">')
URL_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "cite"}
# Removed with everything inside them: their text is code, not words for the reader.
REMOVED_WITH_CONTENT = {"script", "style"}


def embed_allowed(src: str, hosts) -> bool:
    """Whether an <iframe> may load `src`: an https address, in the strict form, from a listed host."""
    try:
        address = web_address(src.strip(BROWSER_TRIMMED), schemes=("https",))
    except Invalid:
        return False
    return address.origin in embed_origins(hosts)


def _aligned(html: str) -> str:
    return TABLE_ALIGNMENT.sub(r'<\1 class="align-\2">', html)


def sanitise(html: str, embed_hosts=()) -> str:
    """HTML with every element, attribute and address off the allow-list removed."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "iframe" and attribute == "src" and not embed_allowed(value, embed_hosts):
            return None
        if attribute in URL_ATTRIBUTES and not reference_allowed(value):
            return None
        return value

    return nh3.clean(
        _aligned(html),
        tags=TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=keep,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )


class _Inventory(HTMLParser):
    """Every element and attribute in a piece of HTML, counted."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: Counter = Counter()
        self.attributes: Counter = Counter()
        self.values: dict = {}
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements[tag] += 1
        for name, value in attrs:
            self.attributes[(tag, name)] += 1
            self.values.setdefault((tag, name), []).append(value or "")

    handle_startendtag = handle_starttag


@dataclass(frozen=True)
class Removal:
    """Something a page would lose: what it is, a piece of the source to find it by, and the fix."""

    what: str
    needle: str
    fix: str


SCRIPT_FIX = "remove it: a release page never runs scripts"


def _element_removal(tag: str) -> Removal:
    if tag in REMOVED_WITH_CONTENT:
        return Removal(f"a <{tag}> element", f"<{tag}", SCRIPT_FIX)
    return Removal(
        f"a <{tag}> element (its text is kept)",
        f"<{tag}",
        "remove the tag, or write the content in Markdown (headings, lists, tables, links, images)",
    )


def _attribute_removal(tag: str, name: str, value: str, embed_hosts) -> Removal:
    if name.startswith("on"):
        return Removal(f"the event handler {name}= on <{tag}>", name, SCRIPT_FIX)
    if name in URL_ATTRIBUTES and not reference_allowed(value):
        return Removal(
            f"the address '{value[:80]}' of <{tag}> (browsers would read it differently from this site)",
            value[:40],
            "write it as a plain https:// address, without a backslash (\\) or a name and @ before the host",
        )
    if tag == "iframe" and name == "src":
        hosts = ", ".join(embed_origins(embed_hosts)) or "no host (none are allowed)"
        return Removal(
            f"the embed of {value[:80]}, from a host not on the list",
            value[:40] or "<iframe",
            f"embed only from {hosts} (PRESSROOM_EMBED_HOSTS in pelicanconf.py), or link to the page",
        )
    if name in ("href", "src"):
        return Removal(
            f"the address '{value[:80]}' of <{tag}>",
            value[:40] or name,
            "use an https:// (or mailto:/tel:) address; javascript: and data: addresses are not allowed",
        )
    if name == "style":
        return Removal(
            f"the style on <{tag}>", "style", "remove it: the site's styles apply to every release"
        )
    return Removal(f"the {name} attribute of <{tag}>", name, "remove it: pages do not use it")


def removals(html: str, embed_hosts=()) -> list[Removal]:
    """What sanitising would take out of `html`, one entry per kind of element or attribute."""
    before, after = _Inventory(_aligned(html)), _Inventory(sanitise(html, embed_hosts))
    lost_elements = before.elements - after.elements
    found = [_element_removal(tag) for tag in sorted(lost_elements)]
    for tag, name in sorted(before.attributes - after.attributes):
        if tag in lost_elements and not after.elements[tag]:
            continue  # named with its element
        kept = set(after.values.get((tag, name), []))
        value = next((value for value in before.values[(tag, name)] if value not in kept), "")
        found.append(_attribute_removal(tag, name, value, embed_hosts))
    return found
