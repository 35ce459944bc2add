"""A release as a press-release document: the same blocks, in the same order, for the .txt and the PDF.

Built from the release and its rendered body (the body's quotes already placed), so what a journalist
copies reads in the order the page does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from pressroom.content_model.body import Segment
from pressroom.content_model.model import PressContact, Quote, Release

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class Block:
    """One unit of running text: a heading, a paragraph, a list item, or a quote and its attribution."""

    kind: str
    text: str
    attribution: str = ""


@dataclass(frozen=True)
class PressDocument:
    type_label: str
    headline: str
    dateline: str
    standfirst: str
    facts: tuple[tuple[str, str], ...]
    body: tuple[Block, ...]
    notes: tuple[Block, ...]
    contact: tuple[tuple[str, str], ...]
    web_address: str
    organisation: str


def attribution(quote: Quote) -> str:
    """'— Name, Role, Organisation': how a press release credits a quote."""
    person = quote.person
    return "— " + ", ".join(part for part in (person.name, person.role_line) if part)


def link_text(anchor: Tag) -> str:
    """A link as text: its words, then its address when that is a web address the words do not show."""
    words = " ".join(anchor.get_text(" ").split())
    href = str(anchor.get("href") or "")
    if urlsplit(href).scheme in ("http", "https", "mailto") and href.removeprefix("mailto:") not in words:
        return f"{words} ({href.removeprefix('mailto:')})"
    return words


def inline_text(element: Tag) -> str:
    """The words of an element on one line, except where a <br> breaks it; links keep their address."""
    lines, words = [], []
    for child in element.descendants:
        if isinstance(child, NavigableString) and not any(parent.name == "a" for parent in child.parents):
            words.append(str(child))
        elif isinstance(child, Tag) and child.name == "a":
            words.append(link_text(child))
        elif isinstance(child, Tag) and child.name == "br":
            lines.append("".join(words))
            words = []
    lines.append("".join(words))
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def html_blocks(html: str) -> list[Block]:
    """Rendered Markdown as blocks; lists become items (numbered when ordered), tables rows of cells."""
    blocks: list[Block] = []
    for element in BeautifulSoup(html, "html.parser").children:
        if not isinstance(element, Tag):
            continue
        if element.name in HEADINGS:
            blocks.append(Block("heading", inline_text(element)))
        elif element.name in ("ul", "ol"):
            for number, item in enumerate(element.find_all("li", recursive=False), start=1):
                marker = f"{number}." if element.name == "ol" else "•"
                blocks.append(Block("item", f"{marker} {inline_text(item)}"))
        elif element.name == "table":
            for row in element.find_all("tr"):
                cells = [inline_text(cell) for cell in row.find_all(("th", "td"))]
                blocks.append(Block("paragraph", " | ".join(cells)))
        elif element.name == "blockquote":
            blocks.extend(html_blocks(element.decode_contents()))
        elif element.name == "hr":
            continue
        elif text := inline_text(element):
            blocks.append(Block("paragraph", text))
    return blocks


def body_blocks(
    segments: tuple[Segment, ...], blocks_of: Callable[[str], list[Block]] = html_blocks
) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for segment in segments:
        if segment.quote:
            blocks.append(Block("quote", f"“{segment.quote.text}”", attribution(segment.quote)))
        else:
            blocks.extend(blocks_of(segment.html))
    return tuple(blocks)


def event_facts(release: Release) -> tuple[tuple[str, str], ...]:
    event = release.event
    if event is None:
        return ()
    # The same words as the page, the feeds, the card and the calendar file.
    facts = [("When", event.when.text)]
    if event.location:
        facts.append(("Where", event.location))
    if event.online_url:
        facts.append(("Online", event.online_url))
    if event.registration_url:
        facts.append(("Register", event.registration_url))
    speakers = [
        ", ".join(part for part in (speaker.person.name, speaker.person.role_line) if part)
        + (" (chair)" if speaker.chair else "")
        for speaker in event.speakers
    ]
    if speakers:
        facts.append(("Speakers", "; ".join(speakers)))
    return tuple(facts)


def contact_lines(contact: PressContact | None) -> tuple[tuple[str, str], ...]:
    if contact is None:
        return ()
    lines = [("Contact", contact.name), ("Email", contact.email)]
    if contact.phone:
        lines.append(("Phone", contact.phone))
    if contact.out_of_hours_phone:
        lines.append(("Out of hours", contact.out_of_hours_phone))
    return tuple(lines)


def press_document(
    release: Release,
    segments: tuple[Segment, ...],
    notes_html: str,
    web_address: str,
    organisation: str,
    date_format: str,
    blocks_of: Callable[[str], list[Block]] = html_blocks,
) -> PressDocument:
    """The release as a press document; `blocks_of` turns rendered HTML into blocks (it may remember)."""
    facts = event_facts(release)
    if release.responds_to:
        responds_to = release.responds_to
        about = ", ".join(part for part in (responds_to.title, responds_to.publisher) if part)
        facts = (("Responding to", about + (f" ({responds_to.url})" if responds_to.url else "")), *facts)
    return PressDocument(
        type_label=release.type.label,
        headline=release.title,
        dateline=release.date.strftime(date_format),
        standfirst=release.summary,
        facts=facts,
        body=body_blocks(segments, blocks_of),
        notes=tuple(blocks_of(notes_html)),
        contact=contact_lines(release.contact),
        web_address=web_address,
        organisation=organisation,
    )
