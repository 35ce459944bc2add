"""What YAML cannot read, said in full: the line, the field, what is wrong and how to write it instead.

test_front_matter.py checks the heart of each message; these pin every word of it, for each way YAML
stops, so that a changed word, a wrong line or a wrong field is seen (mutation testing relies on them).
"""

from __future__ import annotations

import pytest

from pressroom.content_model.front_matter import (
    AS_A_BLOCK,
    FrontMatterError,
    _quoted_too_early,
    _stray_text_line,
    _tolerant,
    describe_character,
    read_document,
)

# (name, front matter, line, field, what is wrong, the fix with {B} for AS_A_BLOCK, whether the rest of
# the file can still be read around it)
YAML_STOPS = [
    (
        "a tab before a field",
        "event:\n\tstart: 2026-01-01T10:00\n",
        3,
        "event",
        "this line is indented with a tab, and YAML allows only spaces",
        "replace the tab with spaces",
        True,
    ),
    (
        "a backslash in double quotes",
        'title: "A win for babies \\o/"\n',
        2,
        "title",
        "the value of 'title' is in double quotes, where a backslash starts a code such as \\n, and YAML "
        "cannot read \\o as one",
        "write the backslash twice (\\\\o), or {B}",
        True,
    ),
    (
        "a folder's address in double quotes",
        'summary: "Saved in C:\\Users\\press"\n',
        2,
        "summary",
        "the value of 'summary' is in double quotes, where a backslash starts a code such as \\n, and YAML "
        "cannot read \\U as one",
        "write the backslash twice (\\\\U), or {B}",
        True,
    ),
    (
        "a tab inside a value",
        "title: x\nsummary: a\n\tb\n",
        4,
        "summary",
        "this line is indented with a tab, and YAML allows only spaces",
        "replace the tab with spaces",
        True,
    ),
    (
        "an apostrophe ends a single-quoted title",
        "title: 'Babies can't wait'\n",
        2,
        "title",
        "the value of 'title' starts with a single quotation mark, so YAML reads it as quoted text, "
        "which ends at the apostrophe in “can't”",
        "write the apostrophe twice (can''t), or {B}",
        True,
    ),
    (
        "an apostrophe ends it, then a closing mark",
        "summary: 'Babies can't' wait\n",
        2,
        "summary",
        "the value of 'summary' starts with a single quotation mark, so YAML reads it as quoted "
        "text, which ends at the apostrophe in “can't”",
        "write the apostrophe twice (can''t), or {B}",
        True,
    ),
    (
        "a colon and a space in a title",
        "title: Response: the Care Review\n",
        2,
        "title",
        "the value of 'title' has a colon followed by a space (': '), which YAML reads as the start "
        "of another field",
        "put the whole value in double quotes, or {B}",
        True,
    ),
    (
        "a colon and a space after a comment line",
        "# only a comment\ntitle: x: y\n",
        3,
        "title",
        "the value of 'title' has a colon followed by a space (': '), which YAML reads as the start "
        "of another field",
        "put the whole value in double quotes, or {B}",
        True,
    ),
    (
        "quoted words then more",
        'summary: "We welcome" the news\n',
        2,
        "summary",
        "the value of 'summary' starts with a quotation mark, so YAML reads only \"We welcome\" as "
        "the value and cannot read what follows it",
        "if the marks are part of the text, {B}; or put the whole value inside the marks",
        True,
    ),
    (
        "a tab before the quoted words",
        'title: A\nsummary:\t"x" y\n',
        3,
        "summary",
        "the value of 'summary' starts with a quotation mark, so YAML reads only \"x\" as the value "
        "and cannot read what follows it",
        "if the marks are part of the text, {B}; or put the whole value inside the marks",
        True,
    ),
    (
        "doubled apostrophes then more",
        "title: 'It''s fine' and more\n",
        2,
        "title",
        "the value of 'title' starts with a quotation mark, so YAML reads only 'It''s fine' as the "
        "value and cannot read what follows it",
        "if the marks are part of the text, {B}; or put the whole value inside the marks",
        True,
    ),
    (
        "escaped double quotes then more",
        'title: "A \\"quoted\\" word" then more\n',
        2,
        "title",
        'the value of \'title\' starts with a quotation mark, so YAML reads only "A \\"quoted\\" '
        'word" as the value and cannot read what follows it',
        "if the marks are part of the text, {B}; or put the whole value inside the marks",
        True,
    ),
    (
        "two quoted values",
        "title: 'a' 'b'\n",
        2,
        "title",
        "the value of 'title' starts with a quotation mark, so YAML reads only 'a' as the value and "
        "cannot read what follows it",
        "if the marks are part of the text, {B}; or put the whole value inside the marks",
        True,
    ),
    (
        "a comment cuts a value",
        "summary: Families by 2028 #BabiesCantWait and we\n  will keep pushing\n",
        2,
        "summary",
        "the ' #' on this line starts a YAML comment, which ends the value of 'summary' there, so "
        "what follows cannot be read",
        "put the whole value in double quotes, or {B}",
        True,
    ),
    (
        "a comment cuts a quote's text",
        "quotes:\n  - by: a\n    text: It #is\n      more\n",
        4,
        "quotes",
        "the ' #' on this line starts a YAML comment, which ends the value of 'quotes' there, so "
        "what follows cannot be read",
        "put the whole value in double quotes, or {B}",
        True,
    ),
    (
        "a comment inside brackets",
        "topics: [a, b #c\n  , d\n",
        2,
        "topics",
        "the ' #' on this line starts a YAML comment, which ends the value of 'topics' there, so "
        "what follows cannot be read",
        "put the whole value in double quotes, or {B}",
        True,
    ),
    (
        "a quotation mark never closed",
        'summary: "We said\nthat: it\n',
        2,
        "summary",
        "the quotation mark that starts the value of 'summary' is not closed before a '---' at the "
        "start of a later line, which YAML reads as the end of the front matter",
        "close it at the end of the value; a '---' that is part of the text must be indented, in a "
        "block ('|' after the colon)",
        False,
    ),
    (
        "an escaped closing mark",
        'title: "abc\\"\n',
        2,
        "title",
        "the quotation mark that starts the value of 'title' is not closed before a '---' at the "
        "start of a later line, which YAML reads as the end of the front matter",
        "close it at the end of the value; a '---' that is part of the text must be indented, in a "
        "block ('|' after the colon)",
        False,
    ),
    (
        "a line less indented in a block",
        "summary: >-\n  A standfirst pasted in,\n with one line less indented.\ntitle: A title\n",
        4,
        "summary",
        "this line is not indented enough to be part of the text of 'summary' above it, and it is "
        "not a 'name: value' line either",
        "indent it by as many spaces as the lines of text above it",
        True,
    ),
    (
        "a line less indented under nested fields",
        "title: T\nsummary:\n  nested: x\n stray\n",
        5,
        "summary",
        "this line is not indented enough to be part of the text of 'summary' above it, and it is "
        "not a 'name: value' line either",
        "indent it by as many spaces as the lines of text above it",
        True,
    ),
    (
        "a line of text between fields",
        "summary: A\nstray text here\ntitle: T\n",
        3,
        "summary",
        "this line is not indented enough to be part of the text of 'summary' above it, and it is "
        "not a 'name: value' line either",
        "indent it by as many spaces as the lines of text above it",
        True,
    ),
    (
        "a field indented under another",
        "title: A title\n date: 2026-01-01\n",
        3,
        "title",
        "this line is indented further than the field above it, so YAML reads it as part of that "
        "field's value",
        "start it where the field names above it start",
        True,
    ),
    (
        "a field indented under a field with a value",
        "title: T\n stray: words\n",
        3,
        "title",
        "this line is indented further than the field above it, so YAML reads it as part of that "
        "field's value",
        "start it where the field names above it start",
        True,
    ),
    (
        "a bracket never closed",
        "topics: [family-hubs\n",
        2,
        "topics",
        "a '[' or '{' in the value of 'topics' is not closed where YAML expects it",
        "close the bracket; if it is part of the text, put the whole value in double quotes, or {B}",
        True,
    ),
    (
        "a bracket never closed before the next field",
        "topics: [a, b\ntitle: T\n",
        2,
        "topics",
        "a '[' or '{' in the value of 'topics' is not closed where YAML expects it",
        "close the bracket; if it is part of the text, put the whole value in double quotes, or {B}",
        True,
    ),
    (
        "a brace never closed",
        "title: {a: 1\n",
        2,
        "title",
        "a '[' or '{' in the value of 'title' is not closed where YAML expects it",
        "close the bracket; if it is part of the text, put the whole value in double quotes, or {B}",
        True,
    ),
    (
        "a list where fields should be",
        "- a\nb: c\n",
        3,
        "b",
        "YAML cannot read this line as part of 'name: value' lines",
        "check its indentation; a value that holds ': ' or ' #', or starts with a quotation mark or "
        "a bracket, must be in double quotes, or {B}",
        True,
    ),
    (
        "a quoted field name",
        "'title': x: y\n",
        2,
        "'title'",
        "YAML cannot read this line as part of 'name: value' lines",
        "check its indentation; a value that holds ': ' or ' #', or starts with a quotation mark or "
        "a bracket, must be in double quotes, or {B}",
        True,
    ),
    (
        "a dash line after a comment",
        "summary: >-\n  Text\n- listed\nstray\n",
        4,
        "summary",
        "YAML cannot read this line as part of 'name: value' lines",
        "check its indentation; a value that holds ': ' or ' #', or starts with a quotation mark or "
        "a bracket, must be in double quotes, or {B}",
        True,
    ),
]


@pytest.mark.parametrize(
    ("front", "line", "field", "what", "fix", "local"),
    [case[1:] for case in YAML_STOPS],
    ids=[case[0] for case in YAML_STOPS],
)
def test_each_way_yaml_stops_is_said_in_full(front, line, field, what, fix, local):
    with pytest.raises(FrontMatterError) as caught:
        read_document("---\n" + front + "---\nBody\n")
    mistake = caught.value
    assert (mistake.line, mistake.field, mistake.what) == (line, field, what)
    assert mistake.fix == fix.replace("{B}", AS_A_BLOCK)
    assert mistake.local is local


@pytest.mark.parametrize("text", ["---\ntitle: T\nThe body, with no dashes above it.\n", "---\n", "---"])
def test_front_matter_never_closed_is_said_on_its_first_line(text):
    with pytest.raises(FrontMatterError) as caught:
        read_document(text)
    mistake = caught.value
    assert (mistake.line, mistake.field, mistake.local) == (1, "front matter", False)
    assert (mistake.what, mistake.fix) == (
        "the front matter is never closed",
        "add a line '---' after the last field, before the body",
    )


# The two guesses behind the messages above, on their own: where a quoted value ends before its text does,
# and which line of text is neither a field nor indented under one.


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("'a' b", ("'a'", " b")),
        ("'' x", ("''", " x")),
        ("'a''' x", ("'a'''", " x")),
        ('"a\\"" c', ('"a\\""', " c")),
        ('"a\\"b" c', ('"a\\"b"', " c")),
        ("'a' # a comment", None),
        ("'a'   ", None),
        ("'never closed", None),
        ("plain 'text' here", None),
        ('"', None),
    ],
)
def test_a_value_whose_quotation_marks_close_before_it_ends(value, read):
    assert _quoted_too_early(value) == read


@pytest.mark.parametrize(
    ("lines", "index", "stray"),
    [
        (["title: T\n", "stray\n"], 1, 1),
        (["title: T\n", "stray\n"], 2, 1),
        (["title: T\n", "stray\n", "summary: x\n"], 2, 1),
        (["title: T\n", "# a comment\n"], 1, None),
        (["title: T\n", "- an item\n"], 1, None),
        (["title: T\n", "summary:\n"], 1, None),
        (["\n", "stray\n"], 1, None),
        (["\n", "stray\n", "    deep: x\n"], 1, None),
        (["  a: b\n", "\n", "c\n"], 2, 2),
        (["summary: >-\n", "    text\n", "  less\n"], 2, 2),
        (["stray\n"], 0, None),
    ],
)
def test_a_line_of_text_that_is_neither_a_field_nor_indented_under_one(lines, index, stray):
    assert _stray_text_line(lines, index) == stray


@pytest.mark.parametrize(
    ("front", "others", "readable", "unreadable"),
    [
        (
            "title: 'Babies can't wait'\nsummary: Response: the review\ntype: statement\n",
            [(3, "summary")],
            {"type": "statement"},
            {"title": 2, "summary": 3},
        ),
        (
            "title: T\nsummary: x: y\ntitle: again\ntype: news\n",
            [],
            {"title": "T", "type": "news"},
            {"summary": 3, "title": 4},
        ),
        ("title: x: y\nsummary: fine\ntype: news\n", [], {"summary": "fine", "type": "news"}, {"title": 2}),
        # A bracket left open at the end of its field: YAML stops past the field's last line.
        (
            "title: x: y\ntopics: [a\nsummary: fine\n",
            [(4, "front matter")],
            {"summary": "fine"},
            {"title": 2, "topics": 3},
        ),
    ],
)
def test_around_a_mistake_every_other_field_is_read_and_each_other_mistake_told(
    front, others, readable, unreadable
):
    with pytest.raises(FrontMatterError) as caught:
        read_document("\ufeff---\n" + front + "---\nBody\n")
    mistake = caught.value
    assert [(other.line, other.field) for other in mistake.others] == others
    assert mistake.partial is not None
    assert (mistake.partial.data, mistake.partial.unreadable) == (readable, unreadable)
    body_line = front.count("\n") + 3
    assert (mistake.partial.body, mistake.partial.body_line, mistake.partial.complete) == (
        "Body\n",
        body_line,
        False,
    )


def test_a_value_yaml_cannot_convert_stays_the_text_as_written():
    """The YAML readers of dates and numbers are wrapped when the loader is made, at import: made again
    here, so that a change to the wrapper is seen."""

    class Node:
        value = "2024-13-45"

    def refuse(error):
        def construct(loader, node):
            raise error

        return construct

    assert _tolerant(refuse(ValueError("month must be in 1..12")))(None, Node()) == "2024-13-45"
    assert _tolerant(refuse(OverflowError("too large")))(None, Node()) == "2024-13-45"
    assert _tolerant(lambda loader, node: 12)(None, Node()) == 12
    with pytest.raises(TypeError):
        _tolerant(refuse(TypeError("not a text")))(None, Node())


@pytest.mark.parametrize(
    ("character", "described"),
    [
        ("\x0c", "U+000C (form feed, a page break pasted from a word processor)"),
        ("\x01", "U+0001 (a control character)"),
        ("\ud800", "U+D800 (half of a broken character pair)"),
        ("\udfff", "U+DFFF (half of a broken character pair)"),
        ("\u200b", "U+200B (zero width space)"),
        ("\ufffe", "U+FFFE (a Unicode non-character)"),
    ],
)
def test_an_invisible_character_is_described_so_an_author_can_find_it(character, described):
    assert describe_character(character) == described
