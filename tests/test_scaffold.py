"""`invoke new` writes what the schema says a new release needs, so the two cannot drift apart."""

import datetime as dt
import re

import pytest
import yaml

from pressroom.content_model.fields import SLUG_MAX
from pressroom.content_model.model import RELEASE_TYPES
from pressroom.content_model.scaffold import release_front_matter
from pressroom.content_model.schema import RELEASE_FIELDS

TODAY = dt.date(2026, 11, 24)


def scaffolded(kind: str) -> dict:
    _, text = release_front_matter(kind, "A title", TODAY, lambda title: "a-title")
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.parametrize("kind", RELEASE_TYPES)
def test_a_new_draft_has_every_field_the_schema_requires_for_its_type_in_the_schemas_order(kind):
    data = scaffolded(kind)
    required = [name for name, field in RELEASE_FIELDS.items() if field.is_required({"type": kind})]
    assert set(required) <= set(data), kind
    assert list(data) == [name for name in RELEASE_FIELDS if name in data]
    assert (data["type"], data["status"], data["date"]) == (kind, "draft", "2026-11-24")


def test_only_an_event_gets_an_event_and_only_a_policy_response_says_what_it_responds_to():
    assert [kind for kind in RELEASE_TYPES if "event" in scaffolded(kind)] == ["event"]
    assert [kind for kind in RELEASE_TYPES if "responds_to" in scaffolded(kind)] == ["policy-response"]
    assert scaffolded("event")["event"]["start"] == "2026-12-08T12:30"


# What people type into a new release's fields: each must be read back exactly as typed.
TYPED = [
    "Babies can't wait",
    "Response: the Care Review",
    "Families by 2028 #BabiesCantWait and we will keep pushing",
    '"We welcome this," said the charity',
    "“Curly quotes” and ‘single ones’ and an apostrophe’s",
    "#1 priority",
    "'Single-quoted start' and more",
    "- a dash, [brackets], {braces}, &ampersand, *star, !bang, % and @",
]
# Each text field of a new release, by the text `invoke new` put in it for the author to type over.
TEXT_FIELDS = {
    ("title",): "A title",
    ("summary",): "One or two plain sentences",
    ("responds_to", "title"): "Name of the report or announcement",
    ("responds_to", "publisher"): "Who published it",
    ("notes_to_editors",): "About us: a short paragraph for journalists.",
    ("event", "location"): "Online",
}


def typed_into(text: str, placeholder: str, typed: str) -> str:
    """The file after someone selects the line holding `placeholder` and types `typed` in its place."""
    lines = text.splitlines(keepends=True)
    [index] = [i for i, line in enumerate(lines) if line.strip().startswith(placeholder)]
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index] = f"{indent}{typed}\n"
    return "".join(lines)


@pytest.mark.parametrize("typed", TYPED)
@pytest.mark.parametrize("key_path", list(TEXT_FIELDS), ids=".".join)
def test_anything_typed_into_a_text_field_of_a_new_release_reads_back_as_typed(key_path, typed):
    from pressroom.content_model.front_matter import read_document

    kind = {"responds_to": "policy-response", "event": "event"}.get(key_path[0], "news")
    _, text = release_front_matter(kind, "A title", TODAY, lambda title: "a-title")
    document = read_document(typed_into(text, TEXT_FIELDS[key_path], typed))
    value = document.data
    for key in key_path:
        value = value[key]
    assert value.strip() == typed
    assert document.data["status"] == "draft", "the fields after it are still read"


@pytest.mark.parametrize("typed", TYPED)
def test_anything_typed_into_the_body_of_a_new_release_stays_in_the_body(typed):
    from pressroom.content_model.front_matter import read_document

    _, text = release_front_matter("news", "A title", TODAY, lambda title: "a-title")
    document = read_document(typed_into(text, "Write the lead paragraph here", typed))
    assert document.body.splitlines()[0] == typed


# --- Titles `invoke new` cannot make a release from ------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("", "--title: is empty — write the text after the colon"),
        ("🙂🙂", "--title: '🙂🙂' has no words in it — write it in words"),
        ("Charity\u200bwelcomes", "--title: contains the invisible character U+200B (zero width space)"),
        ("Charity welcomes\nfunding", "--title: 'Charity welcomes' is followed by a line break"),
    ],
)
def test_a_title_no_release_could_have_is_refused_before_anything_is_written(title, said):
    with pytest.raises(ValueError, match="^" + re.escape(said)):
        release_front_matter("news", title, TODAY, lambda title: "a-title")


def test_a_title_that_gives_no_address_is_refused_with_what_to_do():
    with pytest.raises(ValueError, match="has no letters a–z or digits to make the release's web address"):
        release_front_matter("news", "A title", TODAY, lambda title: "")


def test_a_long_headline_gives_an_address_cut_at_a_word_that_fits_a_file_name():
    title = "Charity welcomes " + "new money for families " * 20
    path, text = release_front_matter("news", title, TODAY, lambda title: "-".join(title.lower().split()))
    slug = yaml.safe_load(text.split("---\n")[1])["slug"]
    assert len(slug) <= SLUG_MAX and slug.endswith("-families") and not slug.endswith("-")
    assert path == f"releases/2026/2026-11-24-{slug}.md"
    assert yaml.safe_load(text.split("---\n")[1])["title"] == title.strip()


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("press-releas", "'press-releas' is not a release type — did you mean 'press-release'? use one of "),
        ("", "'' is not a release type — use one of "),
        ("wombat", "'wombat' is not a release type — use one of "),
    ],
)
def test_a_type_that_is_none_is_refused_with_the_types_there_are(kind, said):
    with pytest.raises(ValueError) as refused:
        release_front_matter(kind, "A headline", dt.date(2026, 12, 3), lambda text: "a-headline")
    assert str(refused.value) == said + "press-release, policy-response, statement, news, event"
