"""Hostile sizes are refused in seconds, on the source, before Markdown reads them.

Each input is at the size that once held `check` or the build for minutes, used gigabytes or ended in a
traceback (issue 18); before the limits this file would not finish. Each is now a `file:line: body:
what — fix` problem.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.site import build, site_settings

from pressroom.validation import ContentInvalid
from pressroom.validation.site_check import check_site

HEAD = "---\ntitle: Charity responds\ndate: 2022-06-01\ntype: statement\nsummary: A short standfirst.\n"
BODY_LINE = 7  # the body's first line, after HEAD and the closing '---'


def problems_of(root: Path, body: str, front: str = "") -> list[tuple[int | None, str, str]]:
    (root / "releases" / "release.md").write_text(HEAD + front + "---\n" + body, encoding="utf-8")
    errors = check_site(site_settings(root, root.parent / "output")).errors
    return [(problem.line, problem.field, f"{problem.what} — {problem.fix}") for problem in errors]


def refused(problems: list, line: int | None, field: str, start: str) -> bool:
    """Whether one of `problems` is on `line` at `field` and its message starts with `start`; a hostile
    input often goes over several limits at once, and each is reported."""
    return any(problem[:2] == (line, field) and problem[2].startswith(start) for problem in problems)


def test_a_word_of_a_million_characters_is_refused_as_a_file_too_large(content):
    [(line, field, message)] = problems_of(content, "x" * 1_000_000 + "\n")
    assert (line, field) == (None, "file")
    assert message.startswith("is 1,000,095 bytes, more than the 1,000,000 a release or page may have")


def test_a_twenty_megabyte_line_is_refused_before_anything_reads_it(content):
    [(_, field, message)] = problems_of(content, "word " * 4_000_000 + "\n")
    assert field == "file" and "is 20,000,0" in message


def test_a_long_word_is_refused_with_its_start(content):
    [(line, field, message)] = problems_of(content, "Lead paragraph.\n\n" + "x" * 5_000 + "\n")
    assert (line, field) == (BODY_LINE + 2, "body")
    assert message.startswith("has a word of 5,000 characters ('xxxxxxxxxxxxxxxxxxxx…'), more than the 1,000")


def test_a_long_word_in_a_quote_is_refused_at_its_field(content):
    front = f"quotes:\n  - by: keith-reed\n    text: {'y' * 5_000}\n"
    [(line, field, message)] = problems_of(content, "Lead paragraph.\n", front)
    assert (line, field) == (8, "quotes[1].text")
    assert "has a word of 5,000 characters" in message


def test_a_body_longer_than_any_release_is_refused(content):
    paragraph = "The charity welcomes the funding and calls for more. " * 20 + "\n\n"
    [(line, field, message)] = problems_of(content, paragraph * 120)
    assert (line, field) == (BODY_LINE, "body")
    assert message.startswith("is 127,440 characters long, more than the 100,000 allowed")


def test_a_table_of_three_thousand_columns_is_refused(content):
    table = "| a " * 3_000 + "|\n" + "|---" * 3_000 + "|\n" + "| 1 " * 3_000 + "|\n"
    problems = problems_of(content, table)
    assert refused(problems, BODY_LINE, "body", "has a table row of 3,000 columns, more than the 50 allowed")


def test_tables_of_too_many_cells_are_refused(content):
    table = "| a | b | c | d |\n|---|---|---|---|\n" + "| 1 | 2 | 3 | 4 |\n" * 600
    [(line, _, message)] = problems_of(content, table)
    assert line == BODY_LINE + 500
    assert message.startswith("has tables of more than 2,000 cells in all")


def test_twenty_thousand_open_brackets_are_refused(content):
    problems = problems_of(content, "[" * 20_000 + "\n")
    assert refused(
        problems, BODY_LINE, "body", "has 20,000 '[' or '](' in one paragraph that are never closed"
    )
    assert any(message.endswith("stands alone as \\[") for _, _, message in problems)


def test_links_whose_addresses_never_close_are_refused(content):
    problems = problems_of(content, "[a](" * 4_000 + "\n")
    assert refused(
        problems, BODY_LINE, "body", "has 4,000 '[' or '](' in one paragraph that are never closed"
    )


def test_the_notes_to_editors_are_held_to_the_same_limits(content):
    front = "notes_to_editors: |\n  About us " + "<a " * 4_000 + "\n"
    problems = problems_of(content, "Lead paragraph.\n", front)
    assert refused(problems, 6, "notes_to_editors", "has 4,000 '<' that start HTML tags not closed by '>'")


def test_a_list_nested_two_hundred_and_fifty_deep_is_refused_without_a_traceback(content):
    body = "".join("  " * depth + "- x\n" for depth in range(250))
    [(line, field, message)] = problems_of(content, body)
    assert (line, field) == (BODY_LINE + 32, "body")
    assert message.startswith("nests lists, quotes or indentation 17 levels deep, more than the 16 allowed")


@pytest.mark.parametrize(
    ("line", "depth"),
    [("- " * 250 + "x", 250), ("> " + "    " * 250 + "- x", 252)],
    ids=["markers", "in a quote"],
)
def test_list_markers_on_one_line_and_lists_in_quotes_count_as_nesting(content, line, depth):
    [(_, _, message)] = problems_of(content, line + "\n")
    assert message.startswith(f"nests lists, quotes or indentation {depth} levels deep")


def test_a_blockquote_nested_four_hundred_deep_stops_the_build_naming_its_file(content, tmp_path):
    [(line, field, message)] = problems_of(content, ">" * 400 + " x\n")
    assert (line, field) == (BODY_LINE, "body")
    assert message.startswith("nests lists, quotes or indentation 400 levels deep")
    with pytest.raises(ContentInvalid) as stopped:
        build(content, tmp_path / "output")
    assert "release.md:7: body: nests lists, quotes or indentation 400 levels deep" in str(stopped.value)


def test_emphasis_nested_three_hundred_deep_is_refused(content):
    [(line, field, message)] = problems_of(content, "p " + "*a " * 300 + "x" + " b*" * 300 + "\n")
    assert (line, field) == (BODY_LINE, "body")
    assert message.startswith("nests formatting or HTML elements 300 deep, more than the 64 allowed")


def test_html_blocks_nested_two_thousand_deep_are_refused_before_markdown_recurses(content):
    body = '<div markdown="1">\n' * 2_000 + "x\n" + "</div>\n" * 2_000
    assert refused(
        problems_of(content, body), BODY_LINE, "body", "nests formatting or HTML elements 2,000 deep"
    )


@pytest.mark.parametrize("opening", ["<a ", "<![CDATA[ ", "x <![CDATA[ y\n\n"])
def test_html_that_is_never_closed_is_refused(content, opening):
    problems = problems_of(content, opening * 4_000 + "\n")
    assert refused(problems, BODY_LINE, "body", "has 4,000 '<' that start HTML tags not closed by '>'")


def test_a_paragraph_dense_with_tags_is_refused(content):
    problems = problems_of(content, "Lead.\n\n" + "<a b='>' " * 8_000 + "\n")
    assert refused(problems, BODY_LINE + 2, "body", "is too dense with formatting for Markdown to read")


def test_thousands_of_abbreviations_are_refused(content):
    body = "".join(f"*[A{number}]: An abbreviation\n" for number in range(8_000)) + "\nA1 and A2.\n"
    assert refused(problems_of(content, body), BODY_LINE + 100, "body", "defines 8,000 abbreviations")


def test_thousands_of_references_to_one_footnote_are_refused(content):
    problems = problems_of(content, "x[^1] " * 2_700 + "\n\n[^1]: The source.\n")
    assert refused(problems, BODY_LINE, "body", "has 2,701 footnote references and notes")


def test_a_long_release_with_tables_links_lists_and_footnotes_is_within_every_limit(content):
    paragraph = (
        "The **Parent-Infant Foundation** welcomes the [review](https://www.gov.uk/review) and its "
        '"ambitious" vision (see the *report*).[^1] It\'s a start.\n\n'
    )
    table = "| Area | Teams |\n|:--|--:|\n" + "| Somewhere | 12 |\n" * 100 + "\n"
    lists = "".join("  " * depth + f"- level {depth}\n" for depth in range(6)) + "\n> > > A quote.\n\n"
    links = "Read <https://www.gov.uk/review> or write to <press@example.org>. " * 100 + "\n\n"
    pasted = "<table>\n" + "<tr><td>Somewhere<td>12\n" * 100 + "</table>\n\n" + "<p>One.<p>Two.\n" * 50 + "\n"
    body = paragraph * 150 + table + lists + links + pasted + "[^1]: The source.\n"
    assert problems_of(content, body) == []
