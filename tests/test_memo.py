"""Memos: a pure step's answers are kept between builds by content hash, and never go stale."""

import pytest
from support.site import SAMPLE_CONTENT, site_settings

from pressroom.content_model.front_matter import FrontMatterError, read_document
from pressroom.content_model.loading import remembered_document
from pressroom.content_model.memo import Memos


def never(*_):
    raise AssertionError("worked out again, though a memo had the answer")


def test_an_answer_is_kept_for_the_next_build(tmp_path):
    first = Memos(tmp_path)
    assert first.named("step", "v1").answer(("input",), lambda: "answer") == "answer"
    first.save()

    assert Memos(tmp_path).named("step", "v1").answer(("input",), never) == "answer"


def test_new_code_or_new_inputs_work_the_answer_out_again(tmp_path):
    first = Memos(tmp_path)
    first.named("step", "v1").answer(("input",), lambda: "old answer")
    first.save()

    assert Memos(tmp_path).named("step", "v2").answer(("input",), lambda: "new") == "new"
    assert Memos(tmp_path).named("step", "v1").answer(("other input",), lambda: "other") == "other"
    # Parts are kept apart: ("ab", "c") is not ("a", "bc").
    split = Memos(tmp_path).named("step", "v1")
    split.answer(("ab", "c"), lambda: 1)
    assert split.answer(("a", "bc"), lambda: 2) == 2


def test_only_the_last_build_s_answers_are_kept(tmp_path):
    first = Memos(tmp_path)
    first.named("step", "v1").answer(("gone",), lambda: "a")
    first.save()
    second = Memos(tmp_path)
    second.named("step", "v1").answer(("kept",), lambda: "b")
    second.save()

    third = Memos(tmp_path).named("step", "v1")
    assert third.answer(("kept",), never) == "b"
    assert third.answer(("gone",), lambda: "again") == "again"


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95garbage"])
def test_a_damaged_memo_file_is_worked_out_again(tmp_path, damage):
    (tmp_path / "step.pickle").write_bytes(damage)
    assert Memos(tmp_path).named("step", "v1").answer(("input",), lambda: "fresh") == "fresh"


def test_another_memo_s_file_in_its_place_gives_none_of_its_answers(tmp_path):
    # Two steps of the same version reading the same text have the same key for it.
    first = Memos(tmp_path)
    first.named("links", "v1").answer(("<p>text</p>",), lambda: "the links' answer")
    first.named("images", "v1").answer(("<p>text</p>",), lambda: "the images' answer")
    first.save()
    (tmp_path / "links.pickle").replace(tmp_path / "images.pickle")

    assert Memos(tmp_path).named("images", "v1").answer(("<p>text</p>",), lambda: "again") == "again"


def test_front_matter_read_from_the_memo_is_the_same_document_or_the_same_problem(tmp_path, monkeypatch):
    good = (SAMPLE_CONTENT / "releases/2022/2022-05-23-care-review-response.md").read_text(encoding="utf-8")
    broken = "---\ntitle: One\ndate: [\n---\nBody.\n"

    def settings():
        # A new settings dict is a new build, with its own memos read from the cache folder.
        return site_settings(SAMPLE_CONTENT, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))

    first = settings()
    remembered_document(good, first)
    with pytest.raises(FrontMatterError) as fresh:
        remembered_document(broken, first)
    first["PRESSROOM_SITE"].memos.save()

    second = settings()
    monkeypatch.setattr("pressroom.content_model.loading.read_document", never)
    document = remembered_document(good, second)
    expected = read_document(good)
    assert (document.data, document.lines, document.body, document.body_line) == (
        expected.data,
        expected.lines,
        expected.body,
        expected.body_line,
    )
    with pytest.raises(FrontMatterError) as remembered:
        remembered_document(broken, second)
    answer = remembered.value
    assert (answer.line, answer.what, answer.fix, answer.field) == (
        fresh.value.line,
        fresh.value.what,
        fresh.value.fix,
        fresh.value.field,
    )
    assert (tmp_path / "cache" / "memo" / "front_matter.pickle").is_file()
