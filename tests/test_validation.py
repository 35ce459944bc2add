"""Every mistake in a release is caught before anything is written, with file, line, field and fix."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.outputs import planned_files, written_files
from support.site import FIXTURES, ROOT, SAMPLE_CONTENT, build, site_settings

from pressroom.validation import ContentInvalid
from pressroom.validation.site_check import check_site
from publishing.build import build_and_replace

INVALID = FIXTURES / "invalid_site" / "content"

# (file under the fixture content folder, line or None, field, words in the problem, words in the fix)
EXPECTED = [
    (
        "releases/no-front-matter.md",
        1,
        "front matter",
        "does not start with front matter",
        "first line '---'",
    ),
    ("releases/unclosed-front-matter.md", 1, "front matter", "never closed", "add a line '---'"),
    (
        "releases/yaml-syntax-error.md",
        2,
        "title",
        "the value of 'title' has a colon followed by a space (': ')",
        "put the whole value in double quotes, or write it as a block",
    ),
    ("releases/duplicate-key.md", 4, "front matter", "'title' is given twice (first on line 2)", "keep one"),
    ("releases/missing-title.md", None, "title", "is required but missing", "add 'title:"),
    ("releases/bad-date.md", 3, "date", "'32 May 2022' is not a date", "YYYY-MM-DD"),
    ("releases/unknown-type.md", 4, "type", "'press release' is not a release type", "'press-release'"),
    ("releases/summary-too-long.md", 5, "summary", "more than the 300 allowed", "shorten it by"),
    ("releases/summary-with-html.md", 5, "summary", "contains HTML", "plain text"),
    ("releases/unknown-status.md", 6, "status", "'publish' is not a status", "'published'"),
    (
        "releases/unknown-spokesperson.md",
        7,
        "spokespeople[1]",
        "no person with the id 'keith-reid'",
        "'keith-reed'",
    ),
    (
        "releases/quote-unknown-person.md",
        9,
        "quotes[2].by",
        "no person with the id 'sally-hog'",
        "people.yaml",
    ),
    ("releases/quote-missing-text.md", 7, "quotes[1].text", "the quote has no text", "add a 'text:' line"),
    ("releases/responds-to-bad-url.md", 8, "responds_to.url", "is not a web address", "https://"),
    (
        "releases/embargo-with-a-summer-offset-in-winter.md",
        6,
        "embargo",
        "'2026-12-03T00:01+01:00' is 23:01 on 2 December 2026 in London: +01:00 is not London's offset",
        "00:01 on 3 December 2026 in London is 2026-12-03T00:01+00:00 (GMT)",
    ),
    (
        "releases/embargo-at-the-autumn-clock-change.md",
        6,
        "embargo",
        "01:30 on 25 October 2026 in London happens twice, as the clocks go back: "
        "2026-10-25T01:30+01:00 (BST) or 2026-10-25T01:30+00:00 (GMT)",
        "write the one you mean",
    ),
    (
        "releases/embargo-before-the-date.md",
        6,
        "embargo",
        "lifts at 00:01 on 3 November 2026, before the release's own date (00:00 on 3 December 2026)",
        "at or after the date",
    ),
    ("releases/date-given-as-a-list.md", 3, "date", "is a list, not one date", "write one date"),
    ("releases/image-without-alt.md", 6, "image.alt", "the image has no alt", "add a 'alt:' line"),
    ("releases/image-not-raster.md", 7, "image.src", "'images/logo.svg' is not a JPEG, PNG", "SVG"),
    (
        "releases/image-missing-file.md",
        7,
        "image.src",
        "there is no file content/images/not-uploaded.jpg",
        "content/images/",
    ),
    (
        "releases/unknown-contact.md",
        6,
        "contact",
        "no press contact with the id 'press-ofice'",
        "'press-office'",
    ),
    ("releases/unknown-topic.md", 7, "topics[1]", "no topic with the id 'family-hub'", "'family-hubs'"),
    (
        "releases/bad-campaign-id.md",
        6,
        "campaign",
        "'First 1001 Days' is not a valid id",
        "'first-1001-days'",
    ),
    ("releases/event-missing-details.md", None, "event", "is required but missing", "add 'event:"),
    ("releases/event-ends-before-start.md", 8, "event.end", "ends before it starts", "check the end"),
    ("releases/event-block-on-news.md", 6, "event", "only events have event details", "type: event"),
    (
        "releases/missing-quote-marker.md",
        12,
        "body",
        "[[quote 3]] names a quote that does not exist",
        "1 to 1",
    ),
    ("releases/updated-without-note.md", 7, "updated[1].note", "the update has no note", "'note:'"),
    (
        "releases/same-title-two.md",
        None,
        "slug",
        "releases/2022/two-releases-with-one-headline/index.html",
        "different title or 'slug:'",
    ),
    (
        "pages/policy-responses.md",
        None,
        "slug",
        "writes policy-responses/index.html, which listing of Policy",
        "different title",
    ),
    ("releases/wrong-extension.markdown", None, "file", "'.markdown' files are not read", "rename it to"),
    ("people.yaml", 6, "people.1.name", "the person has no name", "add a 'name:' line"),
    ("releases/misspelt-field.md", 6, "spokesperson", "is not a known field", "did you mean 'spokespeople'?"),
    (
        "releases/dash-line-inside-notes.md",
        8,
        "front matter",
        "inside a '|' or '>' block",
        "indent the '---'",
    ),
    ("releases/fields-after-early-dash-line.md", 7, "embargo", "below the '---' on line 6", "move it above"),
    ("releases/capitalised-field.md", 6, "Embargo", "is not a known field", "did you mean 'embargo'?"),
    ("releases/blank-embargo.md", 6, "embargo", "is blank", "write a value after 'embargo:'"),
    ("releases/impossible-date.md", 3, "date", "'2024-02-30' is not a date that exists", "YYYY-MM-DD"),
    ("releases/embargo-in-year-one.md", 6, "embargo", "is in the year 1", "between 1900 and 2100"),
    (
        "releases/yaml-tag.md",
        6,
        "front matter",
        "the YAML tag '!!int' is not allowed",
        "write the value plainly",
    ),
    ("releases/alias-bomb.md", 6, "front matter", "anchors and aliases", "gigabytes"),
    ("releases/deep-nesting.md", 6, "front matter", "nested more than 8 levels deep", "remove the extra"),
    ("releases/list-as-field-name.md", 6, "front matter", "a field name is a list or a group", "name: value"),
    ("releases/control-character-in-title.md", 2, "title", "invisible character U+0007 (bell)", "delete it"),
    ("releases/control-character-in-body.md", 8, "body", "invisible character U+0007 (bell)", "delete it"),
    ("releases/title-too-long-for-a-file-name.md", 2, "title", "limited to 255 bytes", "shorter 'slug:'"),
    (
        "releases/image-that-is-not-an-image.md",
        7,
        "image.src",
        "is not a real JPEG, PNG, WebP or GIF",
        "export",
    ),
    ("images/not-really.jpg", None, "file", "is not a JPEG, PNG, WebP or GIF image", "move it out"),
    (
        "releases/script-in-body.md",
        9,
        "body",
        "has a <script> element, which is removed",
        "never runs scripts",
    ),
    ("releases/withdrawn-without-reason.md", None, "withdrawn", "is required but missing", "{date: "),
    (
        "releases/withdrawal-block-without-status.md",
        6,
        "withdrawn",
        "the status is not withdrawn, so the release would still be shown in full",
        "add 'status: withdrawn'",
    ),
    (
        "releases/withdrawn-before-published.md",
        9,
        "withdrawn.date",
        "is 24 May 2022, before the release was published (25 May 2022)",
        "the day it was withdrawn",
    ),
    ("pages/withdrawn-page.md", 3, "status", "'withdrawn' is not a status", "use published or draft"),
]


def relative(path: str) -> str:
    return Path(path).resolve().relative_to(INVALID).as_posix()


@pytest.fixture(scope="module")
def invalid_check():
    return check_site(site_settings(INVALID, INVALID.parent / "unused-output"))


@pytest.mark.parametrize("expected", EXPECTED, ids=[row[0] for row in EXPECTED])
def test_each_mistake_is_reported_with_line_field_and_fix(invalid_check, expected):
    path, line, field, what, fix = expected
    matches = [p for p in invalid_check.errors if relative(p.path) == path and p.field == field]
    assert matches, f"no {field} error for {path}; got {[str(p) for p in invalid_check.errors]}"
    problem = matches[0]
    assert problem.line == line
    assert what in problem.what
    assert fix in problem.fix


def test_all_mistakes_of_all_files_come_in_one_run(invalid_check):
    reported = {(relative(p.path), p.field) for p in invalid_check.errors}
    assert reported == {(path, field) for path, _, field, _, _ in EXPECTED}
    assert len(EXPECTED) >= 20


def test_the_valid_release_among_them_is_not_blamed(invalid_check):
    assert "releases/good-policy-response.md" not in {relative(p.path) for p in invalid_check.errors}
    assert sorted(release.title for release in invalid_check.releases) == [
        "A valid policy response",
        "Two releases with one headline",
        "Two releases with one headline",
    ]


def test_nothing_is_only_a_warning(invalid_check):
    assert invalid_check.warnings == []


def test_problem_reads_as_path_line_field_what_fix(invalid_check):
    [problem] = [p for p in invalid_check.errors if p.path.endswith("bad-date.md")]
    assert str(problem).endswith(
        "bad-date.md:3: date: '32 May 2022' is not a date — write it as YYYY-MM-DD, "
        "or YYYY-MM-DDTHH:MM for a time (UK time)"
    )


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_pelican_cli_exits_non_zero_lists_every_problem_and_leaves_output_untouched(tmp_path, invalid_check):
    output = build(SAMPLE_CONTENT, tmp_path / "output")
    before = tree_digest(output)
    assert before

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(INVALID),
            "-s",
            "publishconf.py",
            "-o",
            str(output),
            "--delete-output-directory",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for path, line, field, what, _ in EXPECTED:
        location = f"{path}:{line}" if line else path
        assert any(
            location in row and f": {field}: " in row and what in row for row in result.stderr.splitlines()
        ), f"{location} {field} missing from:\n{result.stderr}"
    assert f"{len(invalid_check.errors)} error(s)" in result.stderr
    assert tree_digest(output) == before


def test_failed_build_keeps_previous_output_and_leaves_no_staging_folder(tmp_path):
    output = tmp_path / "output"
    build_and_replace(output, ROOT / "pelicanconf.py", PATH=str(SAMPLE_CONTENT))
    before = tree_digest(output)

    with pytest.raises(ContentInvalid):
        build_and_replace(output, ROOT / "pelicanconf.py", PATH=str(INVALID))

    assert tree_digest(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_colliding_pagination_pattern_is_an_error(tmp_path):
    broken = ((1, "{url}", "{save_as}"), (2, "{base_name}/more/", "{base_name}/more/index.html"))
    settings = site_settings(SAMPLE_CONTENT, tmp_path, DEFAULT_PAGINATION=1, PAGINATION_PATTERNS=broken)

    problems = [p for p in check_site(settings).errors if p.field == "PAGINATION_PATTERNS"]

    assert [(p.path, p.what) for p in problems if p.what.endswith(" write more/index.html")] == [
        ("pelicanconf.py", "index, page 2 and index, page 3 both write more/index.html"),
        ("pelicanconf.py", "index, page 2 and index, page 4 both write more/index.html"),
    ]
    assert "{number}" in problems[0].fix


def test_valid_sample_site_has_no_problems():
    result = check_site(site_settings(SAMPLE_CONTENT, SAMPLE_CONTENT.parent / "unused"))
    assert result.problems == []
    assert len(result.releases) == 4
    assert len(result.pages) == 1


def test_planned_outputs_are_exactly_the_files_the_build_writes_outside_the_plugins_folders(sample_site):
    settings = site_settings(SAMPLE_CONTENT, sample_site)
    assert planned_files(settings) == written_files(sample_site, settings)


SOON_WITH_A_MISTAKE = """---
title: {title}
date: 2026-12-01
type: press-release
summary: Embargoed, and written with a quote marker that names no quote.
embargo: {embargo}
---
The lead paragraph.

[[quote 5]]
"""


def test_check_warns_of_a_release_with_mistakes_that_goes_public_within_a_day(content_copy):
    from pressroom.validation.site_check import report

    for name, embargo in (("soon", "2026-12-03T00:01+00:00"), ("later", "2026-12-04T09:01+00:00")):
        text = SOON_WITH_A_MISTAKE.format(title=f"A release going out {name}", embargo=embargo)
        (content_copy / "releases" / f"{name}.md").write_text(text, encoding="utf-8")
    result = check_site(
        site_settings(content_copy, content_copy.parent / "out", PRESSROOM_NOW="2026-12-02T09:00Z")
    )
    [warning] = result.warnings
    assert str(warning).endswith(
        "soon.md:6: embargo: it goes public at 00:01 on Thursday 3 December 2026 (GMT), within 24 hours, and "
        "still has the mistakes below — fix them before then: from that moment it is held back, and every "
        "`invoke publish` ends in failure until they are fixed"
    )
    assert {Path(problem.path).name for problem in result.errors} == {"soon.md", "later.md"}
    # In the report it comes first among that release's mistakes.
    lines = report(result).splitlines()
    soon = [line for line in lines if "soon.md" in line]
    assert "within 24 hours" in soon[0] and "[[quote 5]]" in soon[1]
