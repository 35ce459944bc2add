"""Whatever a source file holds, `check` reports it as `path:line: field: what — fix` and nothing crashes.

Each test writes one mistake into a copy of the sample content, as an author (or an attacker) would,
and reads what `check_site` says about it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.site import SAMPLE_CONTENT, site_settings

from pressroom.validation.site_check import check_site

HEAD = """---
title: Charity responds to the spending review
date: 2022-06-01
type: statement
summary: A short standfirst.
"""
BODY = "---\nThe body.\n"


@pytest.fixture
def content(tmp_path) -> Path:
    """The sample site's people and topics, with no releases of its own."""
    root = tmp_path / "content"
    (root / "releases").mkdir(parents=True)
    (root / "pages").mkdir()
    for name in ("people.yaml", "topics.yaml"):
        shutil.copy(SAMPLE_CONTENT / name, root / name)
    return root


def check(root: Path, **settings):
    return check_site(site_settings(root, root.parent / "output", **settings))


def problems_of(root: Path, text: str, name: str = "release.md", **settings) -> list:
    (root / "releases" / name).write_text(text, encoding="utf-8")
    return check(root, **settings).errors


def only(problems: list):
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


def test_a_valid_release_has_no_problems(content):
    assert problems_of(content, HEAD + BODY) == []


# --- The front matter ends only where YAML says it ends ---------------------------------------------


def test_horizontal_rule_indented_in_notes_to_editors_keeps_the_fields_after_it(content):
    text = HEAD + "notes_to_editors: |\n  One.\n\n  ---\n\n  Two.\nstatus: draft\n" + BODY
    (content / "releases" / "release.md").write_text(text, encoding="utf-8")
    result = check(content)
    assert result.errors == []
    [release] = result.releases
    assert release.status == "draft"
    assert release.notes_to_editors == "One.\n\n---\n\nTwo."


def test_dash_line_in_column_one_inside_a_block_is_an_error_naming_its_line(content):
    text = HEAD + "notes_to_editors: |\n  One.\n---\n  Two.\nembargo: 2030-01-01T00:00+00:00\n" + BODY
    problem = only(problems_of(content, text))
    assert (problem.line, problem.field) == (8, "front matter")
    assert "inside a '|' or '>' block" in problem.what
    assert "indent the '---'" in problem.fix


def test_fields_after_an_early_dash_line_are_not_silently_body_text(content):
    text = HEAD + "notes_to_editors: A line\n---\nembargo: 2030-01-01T00:00+00:00\nStatus: draft\n" + BODY
    problems = problems_of(content, text)
    assert [(p.line, p.field) for p in problems] == [(8, "embargo"), (9, "status")]
    assert "below the '---' on line 7" in problems[0].what


def test_dash_line_inside_a_quoted_value_is_an_error_not_a_cut(content):
    text = HEAD + 'notes_to_editors: "One\n---\nTwo"\nstatus: draft\n' + BODY
    problem = only(problems_of(content, text))
    assert problem.field == "front matter"
    assert problem.line in (6, 7)
    assert "YAML syntax error" in problem.what


# --- Unknown and blank fields are errors ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "meant"),
    [("Embargo: 2030-01-01T00:00+00:00", "embargo"), ("Status: draft", "status"), ("embrago: x", "embargo")],
)
def test_unknown_field_is_an_error_naming_the_nearest_known_field(content, line, meant):
    problem = only(problems_of(content, HEAD + line + "\n" + BODY))
    assert (problem.line, problem.severity) == (6, "error")
    assert problem.what == "is not a known field"
    assert f"did you mean '{meant}'?" in problem.fix


@pytest.mark.parametrize("field", ["embargo", "status", "slug", "image"])
def test_blank_field_is_an_error_not_absent(content, field):
    problem = only(problems_of(content, HEAD + f"{field}:\n" + BODY))
    assert (problem.line, problem.field, problem.what) == (6, field, "is blank")
    assert f"write a value after '{field}:'" in problem.fix


def test_blank_field_inside_a_group_is_an_error(content):
    problem = only(problems_of(content, HEAD + "responds_to:\n  title: A report\n  url:\n" + BODY))
    assert (problem.line, problem.field, problem.what) == (8, "responds_to.url", "url is blank")


# --- Values that used to crash -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "field", "what"),
    [
        ("date: 2024-02-30", "date", "'2024-02-30' is not a date that exists (day is out of range"),
        ("date: 2024-13-45", "date", "'2024-13-45' is not a date that exists (month must be in 1..12)"),
        ("updated:\n  - date: 2024-02-30\n    note: Fixed", "updated[1].date", "is not a date that exists"),
        ("embargo: 0001-01-01T00:00+01:00", "embargo", "is in the year 1"),
        ("embargo: 9999-12-31T23:59-12:00", "embargo", "is in the year 9999"),
        ("summary: " + "1" * 5000, "summary", "more than the 300 allowed"),
    ],
)
def test_impossible_and_out_of_range_values_are_problems(content, line, field, what):
    text = HEAD.replace("date: 2022-06-01\n", "") if line.startswith("date:") else HEAD
    if line.startswith("summary:"):
        text = text.replace("summary: A short standfirst.\n", "")
    problem = only(problems_of(content, text + line + "\n" + BODY))
    assert problem.field == field
    assert what in problem.what


@pytest.mark.parametrize(
    "tag", ["!!int 'x'", "!!float 'x'", "!!bool 'maybe'", "!!timestamp 'x'", "!!python/name:os.system ''"]
)
def test_yaml_tags_are_refused_with_the_line(content, tag):
    problem = only(problems_of(content, HEAD + f"slug: {tag}\n" + BODY))
    assert (problem.line, problem.field) == (6, "front matter")
    assert "YAML tag" in problem.what and "is not allowed" in problem.what


@pytest.mark.parametrize(
    "yaml_text",
    [
        "topics: &a [*a]\n",
        "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
        "slug: &s care\n",
    ],
    ids=["recursive alias", "alias bomb", "anchor"],
)
def test_anchors_and_aliases_are_refused(content, yaml_text):
    problem = only(problems_of(content, HEAD + yaml_text + BODY))
    assert problem.line == 6
    assert "anchors and aliases" in problem.what
    assert "gigabytes" in problem.fix


def test_billion_laughs_is_refused_quickly(content):
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    problem = only(problems_of(content, HEAD + "\n".join(levels) + "\n" + BODY))
    assert "anchors and aliases" in problem.what


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_very_deep_nesting_is_refused_before_it_can_crash_libyaml(content, opening):
    closing = "]" if opening == "[" else "}"
    value = opening * 40_000 + "x" + closing * 40_000
    problem = only(problems_of(content, HEAD + f"topics: {value}\n" + BODY))
    assert (problem.line, problem.field) == (6, "front matter")
    assert "nested more than" in problem.what


def test_deep_block_nesting_is_refused(content):
    problem = only(problems_of(content, HEAD + "topics: " + "- " * 40_000 + "x\n" + BODY))
    assert problem.field == "front matter"


def test_non_scalar_keys_are_refused(content):
    problem = only(problems_of(content, HEAD + "? [a, b]\n: c\n" + BODY))
    assert (problem.line, problem.field) == (6, "front matter")
    assert "field name is a list or a group" in problem.what


def test_people_yaml_with_an_impossible_date_and_aliases_is_reported(content):
    people = content / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("bio: >-", "bio: 2024-02-30\n    x: >-", 1))
    people.write_text(people.read_text(encoding="utf-8") + "extra: &e [*e]\n", encoding="utf-8")
    problems = check(content).errors
    assert [(Path(p.path).name, p.field) for p in problems] == [("people.yaml", "people.yaml")]
    assert "anchors and aliases" in problems[0].what


def test_people_yaml_with_an_impossible_date_is_text_not_a_crash(content):
    people = content / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace("bio: >-", "born: 2024-02-30\n    bio: >-", 1)
    )
    problems = check(content).errors
    assert [(Path(p.path).name, p.field, p.what) for p in problems] == [
        ("people.yaml", "people.0.born", "'born' is not a field of the person")
    ]
