"""Quotes land after the lead paragraph unless the author placed them with [[quote N]]."""

from content_model.body import segment_body
from content_model.model import Person, Quote

SPEAKER = Person("Keith Reed", "Chief Executive Officer", "Parent-Infant Foundation")
FIRST, SECOND = Quote(1, "One.", SPEAKER), Quote(2, "Two.", SPEAKER)


def kinds(segments):
    return [f"quote {s.quote.number}" if s.quote else s.html.strip() for s in segments]


def test_unplaced_quotes_follow_the_lead_paragraph_in_order():
    segments = segment_body("<p>Lead.</p>\n<p>More.</p>\n", (FIRST, SECOND))
    assert kinds(segments) == ["<p>Lead.</p>", "quote 1", "quote 2", "<p>More.</p>"]


def test_marker_places_its_quote_and_the_rest_follow_the_lead():
    html = "<p>Lead.</p>\n<p>Middle.</p>\n<p>[[quote 1]]</p>\n<p>End.</p>\n"
    assert kinds(segment_body(html, (FIRST, SECOND))) == [
        "<p>Lead.</p>",
        "quote 2",
        "<p>Middle.</p>",
        "quote 1",
        "<p>End.</p>",
    ]


def test_body_that_opens_with_a_heading_gets_quotes_first():
    assert kinds(segment_body("<h2>Heading</h2>\n<p>Text.</p>", (FIRST,))) == [
        "quote 1",
        "<h2>Heading</h2>\n<p>Text.</p>",
    ]


def test_no_quotes_leaves_the_body_whole():
    assert kinds(segment_body("<p>Only.</p>", ())) == ["<p>Only.</p>"]
