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
    assert caught.value.line in (3, 4)
    assert caught.value.what.startswith("YAML syntax error")
