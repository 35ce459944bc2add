"""Property: any source file gives a valid release or `path:line: field:` problems, never an exception.

Hypothesis writes front matter and Markdown bodies as an author in a hurry or an attacker would: wrong
types in every field, huge and deeply nested values, control characters, YAML tags, anchors and aliases,
CRLF, a byte order mark, tabs, right-to-left text, `---` in odd places. Every generated file is checked;
a sample is built into whole sites whose every HTML, XML and JSON file must parse.

Examples are derived from the test's name (`derandomize=True`), so a failure in CI fails the same way
on a laptop. Each failure found is kept under tests/regressions/ and replayed by a plain test.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from support.site import ROOT, SAMPLE_CONTENT, build, site_settings

from pressroom.content_model.loading import context_from_settings, load_source
from pressroom.content_model.model import Page, Release
from pressroom.content_model.schema import RELEASE_FIELDS

REGRESSIONS = ROOT / "tests" / "regressions"
CHECKED_PER_RUN = 1000
SITES_PER_RUN = 3
RELEASES_PER_SITE = 10

# Characters an author pastes without seeing them, and some an attacker chooses.
AWKWARD = (
    "\x00\x07\x08\x0b\x0c\x1b\x7f\x85\u200b\u200e\u200f\u202e\u2028\u2029\ufeff\ufffe\uffff"
    "\t\"'\\:#&*!|>%@`[]{},-?<>=~"
)
RIGHT_TO_LEFT = "مرحبا بالعالم שלום עולם"
words = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(AWKWARD),
        st.sampled_from(RIGHT_TO_LEFT),
    ),
    max_size=40,
)
plain_words = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=30)

DATES = [
    "2022-05-23",
    "2024-02-30",
    "2024-13-45",
    "0001-01-01T00:00+01:00",
    "9999-12-31T23:59-12:00",
    "2022-05-23T00:01+01:00",
    "2022-05-23T25:61",
    "2030-01-01T00:00Z",
    "1e400",
    "12:30:45",
    "0x1F",
    "." * 3,
]


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's), holding any character."""
    return json.dumps(text)


def indented_block(lines: list[str], indent: str) -> str:
    return "|\n" + "".join(f"{indent}{line}\n" for line in lines)


yaml_scalar = st.one_of(
    plain_words,
    words.map(quoted),
    st.sampled_from(DATES),
    st.sampled_from(["true", "no", "~", "null", "", "=", "<<", "-", "0", "-1.5", ".nan", "[]", "{}"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        ["!!int 'x'", "!!float x", "!!bool maybe", "!!timestamp 2024-02-30", "!!python/name:os.system ''"]
    ),
    st.sampled_from(["&a x", "*a", "&b [*a, *a]", "!custom x"]),
    st.integers(min_value=1, max_value=200).map(lambda n: "[" * n + "x" + "]" * n),
    st.integers(min_value=1, max_value=50).map(lambda n: "{a: " * n + "x" + "}" * n),
    st.integers(min_value=100, max_value=5000).map(lambda n: "x" * n),
    st.sampled_from(["- " * 30 + "x", "? [a, b]", "'unclosed", '"unclosed', "a: b: c", "9" * 5000]),
)
yaml_value = st.recursive(
    yaml_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(plain_words, inner, max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{quoted(k)}: {v}" for k, v in pairs.items()) + "}"
        ),
        st.lists(words, max_size=4).map(lambda lines: indented_block([*lines, "---", "  ---"], "  ")),
        st.lists(inner, min_size=1, max_size=3).map(
            lambda items: "\n" + "".join(f"  - {i}\n" for i in items)
        ),
    ),
    max_leaves=8,
)
field_names = st.one_of(
    st.sampled_from(list(RELEASE_FIELDS)),
    st.sampled_from(["Embargo", "Status", "embrago", "Title", "notes-to-editors", "spokesperson", "<<"]),
    plain_words,
)
front_matter = st.lists(st.tuples(field_names, yaml_value), max_size=12)
body_lines = st.lists(
    st.one_of(
        words,
        st.sampled_from(
            [
                "---",
                "  ---",
                "[[quote 1]]",
                "[[quote 99999999999999999999]]",
                "[[quote " + "9" * 5000 + "]]",
                "embargo: 2030-01-01T00:00+00:00",
                "<script>alert(1)</script>",
                '<a href="javascript:alert(1)" onclick="x()">x</a>',
                '<iframe src="https://evil.example/"></iframe>',
                "| a | b |\n|---|---|\n| 1 | 2 |",
                "[^1]\n\n[^1]: note",
                RIGHT_TO_LEFT,
                "\t\tindented code",
            ]
        ),
    ),
    max_size=8,
)


VALID_HEAD = {
    "title": "Charity welcomes the review",
    "date": "2022-05-23",
    "type": "news",
    "summary": "A short standfirst.",
}


@st.composite
def source_files(draw) -> bytes:
    """The bytes of a release as someone might save them."""
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    fields = draw(front_matter)
    if draw(st.booleans()):  # half start from a valid release, so mistakes meet a working schema
        fields = [*VALID_HEAD.items(), *fields[: draw(st.integers(0, 2))]]
    lines = [
        "---",
        *(f"{name}: {value}" for name, value in fields),
        draw(st.sampled_from(["---", "--- ", "..."])),
    ]
    lines += draw(body_lines)
    text = newline.join(line.replace("\n", newline) for line in lines) + newline
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text.encode("utf-8", "surrogatepass")


def with_words(text: str, instead: str) -> str:
    return text if any(character.isalnum() for character in text) else instead


@st.composite
def publishable_releases(draw) -> bytes:
    """A release that should pass, written with awkward but allowed text, to be built into a site."""
    title = draw(
        st.text(alphabet=st.sampled_from("abc XYZ'\"&<>é—" + RIGHT_TO_LEFT), min_size=3, max_size=60)
    )
    values = {
        **VALID_HEAD,
        # A headline and a standfirst must have words in them: punctuation alone is refused.
        "title": quoted(with_words(title.strip(), "Untitled")),
        "summary": quoted(
            with_words(
                draw(
                    st.text(
                        alphabet=st.sampled_from("ab <&>\"'é€" + RIGHT_TO_LEFT),
                        min_size=1,
                        max_size=200,
                    )
                ).strip(),
                "s",
            )
        ),
        "date": draw(st.sampled_from(["2022-05-23", "2023-01-01T09:30+00:00", "2024-02-29"])),
        "type": draw(st.sampled_from(["news", "statement", "press-release", "policy-response"])),
    }
    # Both after every date above: an embargo before its release's date is an error.
    embargo = draw(st.sampled_from([None, "2024-06-01T00:01+01:00", "2031-01-01T00:00+00:00"]))
    status = draw(st.sampled_from([None, "draft", "published"]))
    lines = ["---", *(f"{k}: {v}" for k, v in values.items())]
    if embargo:
        lines.append(f"embargo: {embargo}")
    if status:
        lines.append(f"status: {status}")
    lines.append(f"slug: release-{draw(st.uuids()).hex}")
    lines.append("---")
    body = draw(
        st.lists(
            st.sampled_from(
                [
                    "Paragraph one.",
                    "\x0cAfter a page break.",
                    RIGHT_TO_LEFT,
                    "&amp; <b>bold</b>",
                    "* list",
                    "",
                    "\ttabbed code",
                    "---",
                ]
            ),
            max_size=8,
        )
    )
    return ("\n".join(lines + body) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """An empty site (the sample people and topics) and its settings, shared by every example."""
    root = tmp_path_factory.mktemp("properties") / "content"
    (root / "releases").mkdir(parents=True)
    for name in ("people.yaml", "topics.yaml"):
        shutil.copy(SAMPLE_CONTENT / name, root / name)
    site = site_settings(root, root.parent / "output")
    context, problems = context_from_settings(site)
    assert problems == []
    return root, site, context


def assert_valid_or_problems(path: Path, site: dict, context) -> str:
    """The property itself: an item, or problems that each read `path:line: field: what — fix`."""
    item, _, problems = load_source(path, site, context)
    errors = [problem for problem in problems if problem.severity == "error"]
    assert (item is None) == bool(errors), [str(problem) for problem in problems]
    if item is not None:
        assert isinstance(item, (Release, Page))
    for problem in problems:
        assert problem.path.endswith(path.name)
        assert problem.field and problem.what and problem.fix
        assert problem.line is None or problem.line >= 1
        assert str(problem).startswith(
            f"{problem.path}:{problem.line}: {problem.field}: "
            if problem.line
            else f"{problem.path}: {problem.field}: "
        )
    return "valid" if item else f"first problem: {errors[0].field.split('[')[0].split('.')[0]}"


@settings(
    max_examples=CHECKED_PER_RUN,
    derandomize=True,
    database=None,
    deadline=3000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
@given(source=source_files())
def test_any_source_file_gives_a_release_or_located_problems(workspace, source):
    root, site, context = workspace
    path = root / "releases" / "generated.md"
    path.write_bytes(source)
    event(assert_valid_or_problems(path, site, context))


def parse_every_output(output: Path) -> int:
    parsed = 0
    for path in output.rglob("*"):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            BeautifulSoup(text, "html.parser")
            assert "\x00" not in text and "\ufffe" not in text, path
        elif path.suffix == ".xml":
            ElementTree.parse(path)
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        else:
            continue
        parsed += 1
    return parsed


@settings(
    max_examples=SITES_PER_RUN,
    derandomize=True,
    database=None,
    deadline=None,  # a whole build; the checks above keep to the per-file deadline
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(releases=st.lists(publishable_releases(), min_size=RELEASES_PER_SITE, max_size=RELEASES_PER_SITE))
def test_sites_built_from_generated_releases_write_files_that_parse(tmp_path_factory, releases):
    root = tmp_path_factory.mktemp("generated-site") / "content"
    (root / "releases").mkdir(parents=True)
    for name in ("people.yaml", "topics.yaml"):
        shutil.copy(SAMPLE_CONTENT / name, root / name)
    for number, source in enumerate(releases):
        (root / "releases" / f"generated-{number}.md").write_bytes(source)
    output = build(root, root.parent / "output", PRESSROOM_NOW="2026-01-01T00:00+00:00")
    assert parse_every_output(output) > RELEASES_PER_SITE


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*.md")), ids=lambda path: path.name)
def test_regression_corpus_gives_a_release_or_located_problems(workspace, path):
    root, site, context = workspace
    copy = root / "releases" / path.name
    copy.write_bytes(path.read_bytes())
    try:
        assert_valid_or_problems(copy, site, context)
    finally:
        copy.unlink()
