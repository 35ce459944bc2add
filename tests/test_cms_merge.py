"""What the editor's save writes (plugins/pressroom/cms/merge.py): the file as it was, with only what
was changed changed, whatever Decap's own rewrite of the whole file looks like."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml
from support.site import FIXTURES, SAMPLE_CONTENT, site_settings

from pressroom.cms.merge import merged_file, plain, read, written_as_new
from pressroom.content_model.loading import markdown_renderer

SAMPLE_RELEASES = sorted((SAMPLE_CONTENT / "releases").rglob("*.md"))
VALID_FIXTURES = [FIXTURES / "invalid_site" / "content" / "releases" / "good-policy-response.md"]
EVENT = SAMPLE_CONTENT / "releases" / "2025" / "2025-02-27-mission-champions-online-event.md"


@pytest.fixture(scope="module")
def render():
    return markdown_renderer(site_settings(SAMPLE_CONTENT, Path("unused")))


def as_decap_writes(text: str, change=lambda data: data, body_change=lambda body: body) -> str:
    """The whole file as Decap writes it after a change: its own YAML (order kept, lines wrapped at 80,
    no comments, plain scalars) and `*` for every bullet."""
    data, _yaml, body = read(text)
    front = yaml.safe_dump(change(plain(data)), sort_keys=False, allow_unicode=True, width=80)
    return f"---\n{front}---\n{body_change(re.sub(r'(?m)^- ', '* ', body))}"


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def one_word_more(data: dict) -> dict:
    return {**data, "title": data["title"] + " today"}


@pytest.mark.parametrize("source", SAMPLE_RELEASES + VALID_FIXTURES, ids=lambda path: path.stem)
def test_a_one_word_change_changes_one_line_and_keeps_comments(source, render):
    before = source.read_text(encoding="utf-8")
    after = merged_file(before, as_decap_writes(before, one_word_more), render)
    assert len(changed_lines(before, after)) == 2, changed_lines(before, after)
    comments = [line for line in before.splitlines() if "#" in line and not line.startswith("#")]
    assert all(line in after.splitlines() for line in comments)


def test_a_word_changed_in_a_folded_standfirst_changes_its_line_alone(render):
    before = (SAMPLE_RELEASES[0]).read_text(encoding="utf-8")

    def louder(data):
        return {**data, "summary": data["summary"].replace("urges", "asks", 1)}

    after = merged_file(before, as_decap_writes(before, louder), render)
    assert changed_lines(before, after) == [
        "-  deliver the Start for Life vision, and urges that it is spent on specialised",
        "+  deliver the Start for Life vision, and asks that it is spent on specialised",
    ]


def test_a_bullet_changed_keeps_its_dash_and_the_others_stay(render):
    source = SAMPLE_CONTENT / "releases" / "2023" / "2023-06-12-helen-hayes-mp-visits-leap.md"
    before = source.read_text(encoding="utf-8")
    after = merged_file(
        before,
        as_decap_writes(before, body_change=lambda body: body.replace("* money worries", "* debt")),
        render,
    )
    assert changed_lines(before, after) == ["-- money worries", "+- debt"]


def test_a_speaker_written_as_a_bare_id_stays_so(render):
    before = EVENT.read_text(encoding="utf-8").replace("    - id: keith-reed\n", "    - keith-reed\n")

    def opened_in_the_editor(data):
        speakers = [{"id": s, "chair": False} if isinstance(s, str) else s for s in data["event"]["speakers"]]
        return one_word_more({**data, "event": {**data["event"], "speakers": speakers}})

    after = merged_file(before, as_decap_writes(before, opened_in_the_editor), render)
    assert len(changed_lines(before, after)) == 2 and "    - keith-reed\n" in after


def test_slug_stays_where_it_was_and_a_new_field_goes_where_the_editor_puts_it(render):
    before = SAMPLE_RELEASES[1].read_text(encoding="utf-8")

    def embargoed(data):
        ordered = {}
        for key, value in data.items():
            ordered[key] = value
            if key == "topics":
                ordered["embargo"] = "2030-01-06T00:01"
        ordered.pop("slug")
        return {**ordered, "slug": data["slug"]}

    after = merged_file(before, as_decap_writes(before, embargoed), render)
    assert changed_lines(before, after) == ["+embargo: 2030-01-06T00:01"]
    names = [line.split(":")[0] for line in after.split("\n---\n")[0].splitlines() if line[:1].isalpha()]
    assert names.index("slug") == 2 and names.index("embargo") == names.index("topics") + 1


def test_a_new_release_is_written_as_invoke_new_writes_one():
    written = written_as_new(
        '---\ntitle: "Children\'s services: £5m more"\ndate: 2026-03-02\ntype: news\n'
        "summary: 'A standfirst # with a hash.'\nquotes:\n- by: keith-reed\n  text: Babies cannot wait.\n"
        "slug: childrens-services-5m-more\n---\nThe body.\n"
    )
    assert written == (
        "---\ntitle: >-\n  Children's services: £5m more\ndate: '2026-03-02'\ntype: news\nsummary: >-\n"
        "  A standfirst # with a hash.\nquotes:\n  - by: keith-reed\n    text: >-\n"
        "      Babies cannot wait.\n"
        "slug: childrens-services-5m-more\n---\nThe body.\n"
    )


def test_a_file_that_cannot_be_read_is_saved_as_the_editor_wrote_it(render):
    from_editor = "---\ntitle: Fixed\ndate: 2026-03-02\n---\nBody\n"
    assert merged_file("---\ntitle: [unclosed\n---\nBody\n", from_editor, render) == from_editor
