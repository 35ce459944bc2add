"""YAML front matter keeps line numbers and refuses what YAML alone would silently accept."""

import pytest

from pressroom.content_model.front_matter import FrontMatterError, read_document


def test_values_and_lines_of_nested_keys():
    document = read_document("---\ntitle: T\nquotes:\n  - by: a\n    text: words\n---\nBody\n")
    assert document.data["quotes"][0]["text"] == "words"
    assert document.line_of(("title",)) == 2
    assert document.line_of(("quotes", 0, "text")) == 5
    assert document.line_of(("quotes", 0, "missing")) == 4
    assert (document.body, document.body_line) == ("Body\n", 7)


def test_duplicate_key_inside_a_list_item_is_refused():
    with pytest.raises(FrontMatterError) as caught:
        read_document("---\nquotes:\n  - by: a\n    by: b\n---\n")
    assert (caught.value.line, caught.value.what) == (4, "'by' is given twice (first on line 3)")


def test_byte_order_mark_and_empty_front_matter_are_fine():
    document = read_document("\ufeff---\n---\nBody")
    assert (document.data, document.body) == ({}, "Body")


def test_front_matter_that_is_a_list_is_refused():
    with pytest.raises(FrontMatterError) as caught:
        read_document("---\n- title\n---\n")
    assert "not a list of 'field: value' lines" in caught.value.what


def test_syntax_error_points_at_the_file_line():
    with pytest.raises(FrontMatterError) as caught:
        read_document("---\ntitle: ok\nsummary: [unclosed\n---\n")
    assert (caught.value.line, caught.value.field) == (3, "summary")
    assert caught.value.what == "a '[' or '{' in the value of 'summary' is not closed where YAML expects it"


# What YAML stops at, in words: (front matter, line, field, words of what is wrong, words of the fix).
YAML_MISTAKES = [
    (
        "title: 'Babies can't wait'\n",
        2,
        "title",
        "starts with a single quotation mark, so YAML reads it as quoted text, which ends at the "
        "apostrophe in “can't”",
        "write the apostrophe twice (can''t), or write it as a block",
    ),
    (
        "title: Response: the Care Review\n",
        2,
        "title",
        "has a colon followed by a space (': '), which YAML reads as the start of another field",
        "put the whole value in double quotes, or write it as a block: '>-' after the colon",
    ),
    (
        'summary: "We welcome" the news\n',
        2,
        "summary",
        'starts with a quotation mark, so YAML reads only "We welcome" as the value',
        "if the marks are part of the text, write it as a block",
    ),
    (
        "event:\n\tstart: 2026-01-01T10:00\n",
        3,
        "event",
        "this line is indented with a tab, and YAML allows only spaces",
        "replace the tab with spaces",
    ),
    (
        "summary: Families by 2028 #BabiesCantWait and we\n  will keep pushing\n",
        2,
        "summary",
        "the ' #' on this line starts a YAML comment, which ends the value of 'summary' there",
        "double quotes, or write it as a block",
    ),
    (
        "quotes:\n  - by: keith-reed\n    text: 'It's time'\n",
        4,
        "quotes",
        "the value of 'text' starts with a single quotation mark",
        "(It''s)",
    ),
    (
        'summary: "We said\nthat: it\n',
        2,
        "summary",
        "the quotation mark that starts the value of 'summary' is not closed before a '---'",
        "close it at the end of the value",
    ),
    (
        "summary: >-\n  A standfirst pasted in,\n with one line less indented.\ntitle: A title\n",
        4,
        "summary",
        "this line is not indented enough to be part of the text of 'summary' above it",
        "indent it by as many spaces as the lines of text above it",
    ),
    (
        "title: A title\n date: 2026-01-01\n",
        3,
        "title",
        "this line is indented further than the field above it",
        "start it where the field names above it start",
    ),
]


@pytest.mark.parametrize(("front", "line", "field", "what", "fix"), YAML_MISTAKES)
def test_what_yaml_cannot_read_is_said_in_words_with_its_likely_cause_and_fix(front, line, field, what, fix):
    with pytest.raises(FrontMatterError) as caught:
        read_document("---\n" + front + "---\nBody\n")
    assert (caught.value.line, caught.value.field) == (line, field)
    assert what in caught.value.what
    assert fix in caught.value.fix
    assert "while parsing" not in caught.value.what and "expected" not in caught.value.what
