"""What is written in a field of text is what is published: nothing cut off by YAML, no quotation marks
printed doubled, nothing invisible in a headline or a name, and no placeholder left by `invoke new`."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest
from pypdf import PdfReader
from support.site import build, read_html
from support.sources import BODY, HEAD, check, problems_of

from pressroom.content_model.scaffold import release_front_matter


def shown(problems: list) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.field) for problem in problems]


# --- ' #' starts a YAML comment, which would cut the text --------------------------------------------


@pytest.mark.parametrize(
    ("front", "line", "field"),
    [
        ("summary: We want this by 2028 #BabiesCantWait and we will keep pushing\n", 5, "summary"),
        ("summary: Ünïcødé families by 2028 #BabiesCantWait\n", 5, "summary"),
        (
            "quotes:\n  - by: keith-reed\n    text: Babies cannot wait #BabiesCantWait and more\n",
            8,
            "quotes[1].text",
        ),
        ("notes_to_editors: About us #charity\n", 6, "notes_to_editors"),
        ("image:\n  src: https://img.example/a.jpg\n  alt: A baby #cute\n", 8, "image.alt"),
    ],
)
def test_a_comment_that_would_cut_a_text_field_is_an_error_saying_to_quote_it(content, front, line, field):
    text = HEAD.replace("summary: A short standfirst.\n", "") if front.startswith("summary") else HEAD
    problems = problems_of(content, text + front + BODY)
    assert shown(problems) == [(line, field)], [str(problem) for problem in problems]
    assert "where YAML starts a comment, so '#" in problems[0].what
    assert "double quotes" in problems[0].fix


def test_comments_of_their_own_and_after_ids_and_dates_stay_allowed(content):
    text = HEAD + (
        "# A comment line of its own.\n"
        "spokespeople:\n  - keith-reed   # the chief executive\n"
        "embargo: 2022-06-02T00:01   # agreed with the minister's office\n"
        "notes_to_editors: |\n  About us #charity: a hashtag inside a block is text.\n"
        "status: draft # until legal has read it\n"
        "responds_to:\n  title: 'Spending Review 2025'   # the Treasury's own title\n"
    )
    (content / "releases" / "release.md").write_text(text + BODY, encoding="utf-8")
    result = check(content)
    assert result.errors == []
    [release] = result.releases
    assert release.notes_to_editors == "About us #charity: a hashtag inside a block is text."
    assert release.status == "draft"


# --- Invisible characters that format text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("character", "name"),
    [
        ("\u200b", "U+200B (zero width space)"),
        ("\u00ad", "U+00AD (soft hyphen)"),
        ("\u202e", "U+202E (right-to-left override)"),
        ("\u2066", "U+2066 (left-to-right isolate)"),
        ("\u200e", "U+200E (left-to-right mark)"),
        ("\u2060", "U+2060 (word joiner)"),
        ("\ufeff", "U+FEFF (zero width no-break space)"),
        ("\U000e0041", "U+E0041 (tag latin capital letter a)"),
    ],
)
@pytest.mark.parametrize(
    ("word", "line", "field"),
    [("Charity", 2, "title"), ("short", 5, "summary"), ("Ann", 7, "quotes[1].by.name")],
)
def test_invisible_format_characters_in_one_line_fields_are_errors(
    content, character, name, word, line, field
):
    text = HEAD + "quotes:\n  - by: {name: Ann, role: Chair, organisation: Trust}\n    text: Words.\n"
    text = text.replace(word, word[:2] + character + word[2:], 1)
    problems = problems_of(content, text + BODY)
    assert shown(problems) == [(line, field)], [str(problem) for problem in problems]
    assert problems[0].what == f"contains the invisible character {name}"
    assert "delete it" in problems[0].fix


def test_emoji_drawn_with_joiners_and_tags_are_not_invisible_characters(content):
    family, wales = "👨\u200d👩\u200d👧", "🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
    text = HEAD.replace("A short standfirst.", f"Families {family} in Wales {wales}.")
    assert problems_of(content, text + BODY) == []


# --- Line breaks in a headline ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "title: |-\n  Charity responds\n  to the spending review\n",
        'title: "Charity responds\\nto the spending review"\n',
        'title: "Charity responds\\rto the spending review"\n',
        'title: "Charity responds\\u2028to the spending review"\n',
    ],
)
def test_a_headline_or_dateline_on_two_lines_is_an_error_saying_to_fold_it(content, title):
    text = (
        HEAD.replace("title: Charity responds to the spending review\n", title) + "place: |-\n  New\n  York\n"
    )
    problems = problems_of(content, text + BODY)
    assert [(problem.field, problem.what) for problem in problems] == [
        ("title", "'Charity responds' is followed by a line break, but it must be one line"),
        ("place", "'New' is followed by a line break, but it must be one line"),
    ]
    assert "put '>-' after the colon" in problems[0].fix


def test_a_quoted_persons_name_or_what_a_release_responds_to_on_two_lines_is_an_error(content):
    text = HEAD + (
        'quotes:\n  - by: {name: "Ann\\nLee", role: Chair, organisation: Trust}\n    text: Words.\n'
        "responds_to:\n  title: |-\n    The Care\n    Review\n"
    )
    problems = problems_of(content, text + BODY)
    assert [(problem.field, problem.what) for problem in problems] == [
        ("quotes[1].by.name", "'Ann' is followed by a line break, but it must be one line"),
        ("responds_to.title", "'The Care' is followed by a line break, but it must be one line"),
    ]


def test_a_headline_folded_over_two_lines_is_one_line(content):
    text = HEAD.replace(
        "title: Charity responds to the spending review\n", "title: >-\n  Charity responds\n  to the review\n"
    )
    assert problems_of(content, text + BODY) == []


# --- Quotation marks pasted with a quote ----------------------------------------------------------------

PASTED = {
    "“We welcome this funding.”": "We welcome this funding.",
    '"Families cannot wait."': "Families cannot wait.",
    "‘We can’t wait, and nor can babies.’": "We can’t wait, and nor can babies.",
    "'It's a start.'": "It's a start.",
    "„Ein guter Anfang.“": "Ein guter Anfang.",
    "It is the parents’ turn.": "It is the parents’ turn.",
}


@pytest.mark.parametrize(("pasted", "words"), list(PASTED.items()))
def test_one_enclosing_pair_of_quotation_marks_is_removed_from_a_quote(content, pasted, words):
    text = HEAD + f"quotes:\n  - by: keith-reed\n    text: |-\n      {pasted}\n"
    (content / "releases" / "release.md").write_text(text + BODY, encoding="utf-8")
    result = check(content)
    assert result.errors == []
    [release] = result.releases
    assert release.quotes[0].text == words


@pytest.mark.parametrize(
    "pasted",
    [
        "“Babies can’t wait,” she said, “and neither can we.”",
        'We said "no"',
        "“We said “no”",
        '"Two "straight" pairs"',
        "‘No,’ she said.",
    ],
)
def test_a_quote_whose_marks_would_still_stand_doubled_is_an_error(content, pasted):
    text = HEAD + f"quotes:\n  - by: keith-reed\n    text: |-\n      {pasted}\n"
    problems = problems_of(content, text + BODY)
    assert shown(problems) == [(8, "quotes[1].text")], [str(problem) for problem in problems]
    assert "the marks would stand doubled" in problems[0].what
    assert "single marks" in problems[0].fix


def test_a_pasted_quote_is_printed_between_one_pair_of_marks_everywhere(content, tmp_path):
    quotes = "".join(
        f"  - by: keith-reed\n    text: '{pasted.replace(chr(39), chr(39) * 2)}'\n" for pasted in PASTED
    )
    (content / "releases" / "release.md").write_text(HEAD + "quotes:\n" + quotes + BODY, encoding="utf-8")
    site = build(content, tmp_path / "output", PRESSROOM_NOW="2025-01-01T09:00")
    folder = site / "releases" / "2022" / "charity-responds-to-the-spending-review"
    page = read_html(site, "releases/2022/charity-responds-to-the-spending-review/")
    # The page's marks come from the stylesheet (`.quote blockquote p::before`), around the words alone.
    assert [p.get_text() for p in page.select(".quote blockquote p")] == list(PASTED.values())
    txt = (folder / "charity-responds-to-the-spending-review.txt").read_text(encoding="utf-8")
    pdf = " ".join(
        " ".join(
            page.extract_text()
            for page in PdfReader(folder / "charity-responds-to-the-spending-review.pdf").pages
        ).split()
    )
    feed = feedparser.parse((site / "feeds" / "all.atom.xml").read_bytes()).entries[0].content[0].value
    for words in PASTED.values():
        for published in (txt, pdf, feed):
            assert f"“{words}”" in published
    for published in (txt, pdf, feed):
        assert "““" not in published and "””" not in published and '“"' not in published


# --- invoke new's placeholders ---------------------------------------------------------------------------


def test_placeholders_left_by_invoke_new_are_errors_once_the_release_is_not_a_draft(content):
    _, text = release_front_matter(
        "policy-response", "Our response", dt.date(2026, 11, 24), lambda title: "ours"
    )
    (content / "releases" / "release.md").write_text(text, encoding="utf-8")
    assert check(content).errors == []

    problems = problems_of(content, text.replace("status: draft", "status: published"))
    assert sorted(shown(problems)) == [
        (6, "summary"),
        (11, "responds_to.title"),
        (13, "responds_to.publisher"),
        (17, "notes_to_editors"),
        (21, "body"),
        (23, "body"),
    ], [str(problem) for problem in problems]
    summary = next(problem for problem in problems if problem.field == "summary")
    assert summary.what == (
        "still has the placeholder 'One or two plain sentences: what happened and why…' "
        "that `invoke new` wrote"
    )
    assert "keep 'status: draft'" in summary.fix


def test_a_placeholder_kept_beside_the_authors_own_words_is_still_found(content):
    _, text = release_front_matter("news", "Our news", dt.date(2026, 11, 24), lambda title: "ours")
    text = text.replace("status: draft\n", "").replace(
        "Write the lead paragraph here",
        "The charity said today that it would act.\n\nWrite the lead paragraph here",
    )
    text = text.replace("One or two plain sentences:", "We did a thing.\n  One or two plain sentences:")
    problems = problems_of(content, text)
    assert {problem.field for problem in problems} == {"summary", "notes_to_editors", "body"}
