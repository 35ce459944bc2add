"""Every problem reads as one line of plain sentences: `file:line: field: what — how to fix it`."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.site import site_settings

from pressroom.content_model.schema import RELEASE_FIELDS
from pressroom.validation.site_check import check_site, report

HEAD = "---\ntitle: Charity responds\ndate: 2022-06-01\ntype: statement\nsummary: A short standfirst.\n"


def problems_of(root: Path, text: str) -> list:
    (root / "releases" / "release.md").write_text(text, encoding="utf-8")
    return check_site(site_settings(root, root.parent / "output")).errors


def test_a_blank_status_says_what_to_write_in_a_sentence(content):
    [problem] = problems_of(content, HEAD + "status:\n---\nThe body.\n")
    assert str(problem).endswith(
        "release.md:6: status: is blank — write a value after 'status:' (published, draft or withdrawn), "
        "for example 'status: draft', or remove the line"
    )


@pytest.mark.parametrize("name", [name for name in RELEASE_FIELDS if name not in HEAD])
def test_every_blank_field_reads_as_one_sentence(content, name):
    [problem] = problems_of(content, HEAD + f"{name}:\n---\nThe body.\n")
    assert problem.what == "is blank"
    assert problem.fix.startswith(f"write a value after '{name}:' (")
    assert problem.fix.endswith(", or remove the line")
    # What the field holds, once, in one pair of brackets: no brackets within brackets, no second sentence.
    assert (problem.fix.count("("), problem.fix.count(")")) == (1, 1)
    assert ". " not in problem.fix


@pytest.mark.parametrize(
    ("front_matter", "shown"),
    [
        ("type: |\n  press\n  release\n", "'press⏎release' is not a release type"),
        ('slug: "our\\nresponse"\n', "'our⏎response' is not a valid id"),
        ('topics: ["family\\u2028hubs"]\n', "'family⏎hubs' is not a valid id"),
        ('contact: "press\\r\\noffice"\n', "'press⏎office' is not a valid id"),
    ],
)
def test_a_value_with_line_breaks_is_shown_on_the_problems_one_line(content, front_matter, shown):
    head = HEAD.replace("type: statement\n", "") if front_matter.startswith("type") else HEAD
    [problem] = problems_of(content, head + front_matter + "---\nThe body.\n")
    assert "\n" not in str(problem) and "\u2028" not in str(problem)
    assert shown in problem.what


def test_a_long_value_with_line_breaks_is_shortened_to_where_it_starts_and_ends(content):
    value = "\\n".join(f"line {number}" for number in range(1, 2001))
    [problem] = problems_of(content, HEAD + f'slug: "{value}"\n---\nThe body.\n')
    assert problem.what.startswith("'line 1⏎line 2⏎line 3⏎line 4⏎line 5⏎line 6⏎lin…")
    assert len(problem.what) < 100
    result = check_site(site_settings(content, content.parent / "output"))
    assert len(report(result).splitlines()) == 2  # the problem, and the count
