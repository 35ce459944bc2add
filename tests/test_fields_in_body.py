"""A field written in the body instead of the front matter is an error on its line, never published text.

A comms officer adds an embargo as a second block below the body, or `status: draft` as the body's last
line: the release would go live at once with the embargo printed in it. Ordinary body lines that happen
to start with a word and a colon stay text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.site import build, site_settings

from pressroom.validation import ContentInvalid
from pressroom.validation.site_check import check_site

HEAD = "---\ntitle: Charity responds\ndate: 2022-06-01\ntype: statement\nsummary: A short standfirst.\n"
BODY = "---\nThe lead paragraph.\n\nThe second paragraph.\n"  # the front matter's '---' is line 6
FIRST_ADDED = 10  # the first line written after BODY


def problems_of(root: Path, added: str) -> list[tuple[int | None, str]]:
    (root / "releases" / "release.md").write_text(HEAD + BODY + added, encoding="utf-8")
    return [
        (problem.line, problem.field)
        for problem in check_site(site_settings(root, root.parent / "out")).errors
    ]


CAUGHT = [
    ("\n---\nembargo: 2031-01-01T00:01+00:00\n---\n", [(FIRST_ADDED + 2, "embargo")]),
    ("status: draft\n", [(FIRST_ADDED, "status")]),
    ("\nstatus: draft", [(FIRST_ADDED + 1, "status")]),
    ("\nStatus: Draft\n", [(FIRST_ADDED + 1, "status")]),
    ("\nEMBARGO: 2031-01-01T00:01+00:00\n", [(FIRST_ADDED + 1, "embargo")]),
    ("\nEmbargoed: 00:01 on 1 January 2031\n", [(FIRST_ADDED + 1, "embargo")]),
    ("\nembrago: 2031-01-01T00:01+00:00\n", [(FIRST_ADDED + 1, "embargo")]),
    ("\nStaus: draft\n", [(FIRST_ADDED + 1, "status")]),
    ("\nDate: 12 May\n", [(FIRST_ADDED + 1, "date")]),
    (
        "\n---\ntitle: A better headline\nContact: Jane Smith\n---\n",
        [(FIRST_ADDED + 2, "title"), (FIRST_ADDED + 3, "contact")],
    ),
    ("\ntopics: [family-hubs]\n", [(FIRST_ADDED + 1, "topics")]),
    ("\ncontact: press-office\n", [(FIRST_ADDED + 1, "contact")]),
    ("\nquotes:\n  - by: keith-reed\n    text: Words.\n", [(FIRST_ADDED + 1, "quotes")]),
    ("\nNotes to editors: |\n  About us.\n", [(FIRST_ADDED + 1, "notes_to_editors")]),
]


# Each case named by its lines, joined by " / ": pytest escapes a line break in an id it is given, and
# escapes it again when collecting twice in one process (as mutation testing does), so the id would no
# longer find its test.
@pytest.mark.parametrize(
    ("added", "expected"), CAUGHT, ids=[added.strip("\n").replace("\n", " / ") for added, _ in CAUGHT]
)
def test_a_field_in_the_body_is_an_error_on_its_line(content, added, expected):
    assert problems_of(content, added) == expected


ORDINARY = [
    "\nContact: Jane Smith on 020 7946 0000\n",
    "\nContact us: press@parentinfantfoundation.example\n",
    "\nNotes to editors:\n\n- The charity was founded in 2013.\n",
    "\nNotes to editors:\n- The charity was founded in 2013.\n",
    "\nLocation: Bristol\nTime: 12:30 to 13:30\nWhere: online\n",
    "\n**Date:** 12 May\n",
    "\nThe closing Date: 12 May is near.\n",
    "\nTopics: family hubs and children's social care\n",
    "\nUpdated: 3 June, to correct a figure.\n",
    "\nImage: Keith Reed at the launch\n",
    "\nStats: 1 in 10 babies\nData: ONS 2023\n",
    "\n---\n\nA section between two rules.\nContact: Jane Smith\n\n---\n",
]


@pytest.mark.parametrize("added", ORDINARY)
def test_ordinary_body_lines_with_a_colon_stay_text(content, added):
    assert problems_of(content, added) == []


def test_the_problem_says_why_and_how_to_keep_the_line_as_text(content):
    (content / "releases" / "release.md").write_text(HEAD + BODY + "\nEmbargo: 2031-01-01T00:01+00:00\n")
    [problem] = check_site(site_settings(content, content.parent / "out")).errors
    assert problem.what == (
        "'Embargo:' is in the body, so it would be published as text, not read as the embargo field: "
        "the release would go public without it"
    )
    assert problem.fix == (
        "move it into the front matter, above the '---' on line 6; to keep it as text, write the label in "
        "bold: **Embargo:**"
    )


def test_a_page_with_a_status_line_in_its_body_is_refused_too(content):
    (content / "pages" / "about.md").write_text("---\ntitle: About us\n---\nWho we are.\n\nstatus: draft\n")
    [problem] = check_site(site_settings(content, content.parent / "out")).errors
    assert (Path(problem.path).name, problem.line, problem.field) == ("about.md", 6, "status")


def test_the_release_with_a_second_block_is_not_published(content, tmp_path):
    (content / "releases" / "release.md").write_text(
        HEAD + BODY + "\n---\nembargo: 2031-01-01T00:01+00:00\n---\n", encoding="utf-8"
    )
    with pytest.raises(ContentInvalid) as stopped:
        build(content, tmp_path / "output", PRESSROOM_NOW="2026-01-01T00:00+00:00")
    assert "release.md:12: embargo: 'embargo:' is in the body" in str(stopped.value)
    assert not (tmp_path / "output").exists()
