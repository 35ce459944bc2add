"""Where each quote goes in a release body: after the lead paragraph, or at its `[[quote N]]` marker."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Quote

# At most six digits: a longer number cannot name a quote (validation says so) and Python would refuse
# to read thousands of them.
RENDERED_MARKER = re.compile(r"<p>\s*\[\[quote (\d{1,6})\]\]\s*</p>\n?")


@dataclass(frozen=True)
class Segment:
    """Either a run of rendered body HTML or one quote; the template renders each in turn."""

    html: str = ""
    quote: Quote | None = None


def segment_body(html: str, quotes: tuple[Quote, ...]) -> tuple[Segment, ...]:
    """Split rendered Markdown into HTML runs and quotes, keeping every quote exactly once."""
    by_number = {quote.number: quote for quote in quotes}
    pieces: list[Segment] = []
    position = 0
    for match in RENDERED_MARKER.finditer(html):
        quote = by_number.pop(int(match.group(1)), None)
        if quote is None:
            continue
        pieces.append(Segment(html=html[position : match.start()]))
        pieces.append(Segment(quote=quote))
        position = match.end()
    pieces.append(Segment(html=html[position:]))

    unplaced = [Segment(quote=quote) for quote in by_number.values()]
    if unplaced:
        pieces = _after_lead_paragraph(pieces, unplaced)
    return tuple(piece for piece in pieces if piece.quote or piece.html.strip())


def _after_lead_paragraph(pieces: list[Segment], quotes: list[Segment]) -> list[Segment]:
    first = pieces[0]
    stripped = first.html.lstrip()
    if first.quote is None and stripped.startswith("<p>") and "</p>" in stripped:
        cut = first.html.index("</p>") + len("</p>")
        return [Segment(html=first.html[:cut]), *quotes, Segment(html=first.html[cut:]), *pieces[1:]]
    return [*quotes, *pieces]
