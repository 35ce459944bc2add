"""Quotes land after the lead paragraph unless the author placed them with [[quote N]]."""

from support.site import read_html

from pressroom.content_model.body import segment_body
from pressroom.content_model.model import Person, Quote

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


def test_links_to_other_sources_are_resolved_in_the_body_and_notes(content_copy, build_site):
    release = content_copy / "releases" / "2022" / "2022-05-23-care-review-response.md"
    text = release.read_text(encoding="utf-8")
    text = text.replace(
        "published today", "published today (see [our vision]({filename}/pages/our-vision.md))", 1
    )
    text = text.replace(
        "notes_to_editors: |\n",
        "notes_to_editors: |\n  Read [our vision]({filename}/pages/our-vision.md).\n\n",
        1,
    )
    release.write_text(text, encoding="utf-8")

    page = read_html(build_site(content_copy), "releases/2022/care-review-response/")

    body_link = page.select_one(".release-body").find("a", string="our vision")
    notes_link = page.select_one(".notes-to-editors").find("a", string="our vision")
    assert body_link["href"] == notes_link["href"] == "/our-vision-the-1001-critical-days/"


def test_people_named_are_directory_people_from_every_role_once_each():
    import datetime as dt

    from pressroom.content_model.model import RELEASE_TYPES, Event, Release, Speaker

    keith = Person("Keith Reed", id="keith-reed")
    sally = Person("Sally Hogg", id="sally-hogg")
    tamora = Person("Tamora Langley", id="tamora-langley")
    inline = Person("Tom Belger", "Editor", "LabourList")
    moment = dt.datetime(2025, 2, 27, 12, 30, tzinfo=dt.UTC)
    release = Release(
        "r.md",
        "T",
        moment,
        RELEASE_TYPES["event"],
        "S",
        "t",
        spokespeople=(keith,),
        quotes=(Quote(1, "a", sally), Quote(2, "b", keith)),
        event=Event(moment, speakers=(Speaker(tamora), Speaker(inline, chair=True), Speaker(keith))),
    )
    assert [person.id for person in release.people_named] == ["keith-reed", "sally-hogg", "tamora-langley"]
