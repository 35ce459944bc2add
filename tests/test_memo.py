"""Memos: a pure step's answers are kept between builds by content hash, and never go stale."""

import errno
import os
import pickle
import time
from pathlib import Path

import pytest
from support.site import SAMPLE_CONTENT, site_settings

from pressroom.content_model.front_matter import FrontMatterError, read_document
from pressroom.content_model.loading import remembered_document
from pressroom.content_model.memo import FILES_PER_MEMO, Memos, Reuse


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


def test_without_a_cache_folder_answers_last_the_build_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    memos = Memos(None)
    memo = memos.named("step", "v1")
    assert memo.answer(("input",), lambda: "answer") == "answer"
    assert memo.answer(("input",), never) == "answer"
    memos.save()
    assert list(tmp_path.iterdir()) == []


def test_a_memo_that_cannot_be_written_leaves_the_last_one_whole_and_no_scrap(tmp_path, monkeypatch):
    first = Memos(tmp_path)
    first.named("step", "v1").answer(("input",), lambda: "kept")
    first.save()
    second = Memos(tmp_path)
    second.named("step", "v1").answer(("other input",), lambda: "not kept")

    def disk_full(*_):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(pickle, "dump", disk_full)
        with pytest.raises(OSError, match="No space left on device"):
            second.save()
    assert [path.name for path in tmp_path.iterdir()] == [Memos(tmp_path).named("step", "v1").path.name]
    assert Memos(tmp_path).named("step", "v1").answer(("input",), never) == "kept"


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95garbage"])
def test_a_damaged_memo_file_is_worked_out_again(tmp_path, damage):
    path = Memos(tmp_path).named("step", "v1").path
    assert path is not None
    path.write_bytes(damage)
    assert Memos(tmp_path).named("step", "v1").answer(("input",), lambda: "fresh") == "fresh"


def test_another_memo_s_file_in_its_place_gives_none_of_its_answers(tmp_path):
    # Two steps of the same version reading the same text have the same key for it.
    first = Memos(tmp_path)
    first.named("links", "v1").answer(("<p>text</p>",), lambda: "the links' answer")
    first.named("images", "v1").answer(("<p>text</p>",), lambda: "the images' answer")
    first.save()
    links, images = first.by_name["links"].path, first.by_name["images"].path
    assert links is not None and images is not None
    links.replace(images)

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
    assert [path.name for path in (tmp_path / "cache" / "memo").iterdir()] == [
        second["PRESSROOM_SITE"].memos.by_name["front_matter"].path.name
    ]


def test_a_build_counts_what_it_took_from_the_last_and_what_it_worked_out(tmp_path):
    first = Memos(tmp_path)
    first.named("step", "v1").answer(("kept",), lambda: "a")
    first.save()

    second = Memos(tmp_path)
    step = second.named("step", "v1")
    step.answer(("kept",), never)
    step.answer(("kept",), never)
    step.answer(("new",), lambda: "b")
    second.note_files("PDFs", 3, 4)

    assert second.reuse() == {"step": Reuse(1, 2), "PDFs": Reuse(3, 4)}
    assert second.summary() == "Memos: 1 of 2 reused (step 1 of 2); PDFs 3 of 4"


def built(folder, version: str) -> Path:
    """A build whose one memo is asked once, at `version`; the memo's file."""
    build = Memos(folder)
    memo = build.named("policy_check", version)
    memo.answer((version,), lambda: "checked")
    build.save()
    assert memo.path is not None
    return memo.path


def test_builds_of_each_kind_keep_their_answers_and_a_memo_s_least_used_files_go(tmp_path):
    development, public = built(tmp_path, "development pages"), built(tmp_path, "public pages")
    # Last used two days and one day ago.
    for path, days in ((development, 2), (public, 1)):
        os.utime(path, (time.time() - days * 86400,) * 2)
    # The development build after a publish finds its own answers, not the publish's in their place.
    again = Memos(tmp_path)
    assert again.named("policy_check", "development pages").answer(("development pages",), never)
    again.save()

    for version in ("preview", "new code 1", "new code 2"):
        built(tmp_path, version)
    kept = {path.name for path in tmp_path.iterdir()}
    assert len(kept) == FILES_PER_MEMO
    assert development.name in kept and public.name not in kept


def test_the_build_log_line_counts_each_memo_and_each_cache_of_files(tmp_path):
    assert Memos(None).summary() == "Memos: 0 of 0 reused (none asked)"
    first = Memos(tmp_path)
    first.named("markdown", "v1").answer(("a",), lambda: 1)
    first.save()
    memos = Memos(tmp_path)
    markdown = memos.named("markdown", "v1")
    assert memos.named("markdown", "v1") is markdown
    markdown.answer(("a",), never)
    markdown.answer(("a",), never)
    markdown.answer(("b",), lambda: 2)
    memos.named("checks", "v1").answer(("c",), lambda: 3)
    memos.note_files("social cards", 3, 4)
    assert memos.summary() == "Memos: 1 of 3 reused (checks 0 of 1, markdown 1 of 2); social cards 3 of 4"
    assert memos.reuse() == {
        "checks": Reuse(0, 1),
        "markdown": Reuse(1, 2),
        "social cards": Reuse(3, 4),
    }


def test_a_memo_is_one_file_named_for_its_step_and_version_and_no_scrap_is_left(tmp_path):
    memos = Memos(tmp_path)
    memos.named("step", "v1").answer(("surrogate \ud800",), lambda: "kept")
    memos.named("unused", "v1")
    memos.save()
    [written] = [path.name for path in tmp_path.iterdir()]
    assert (
        written.startswith("step.")
        and written.endswith(".pickle")
        and len(written) == len("step..pickle") + 16
    )
    assert Memos(tmp_path).named("step", "v1").answer(("surrogate \ud800",), never) == "kept"
    assert Memos(tmp_path).named("step", "v2").answer(("surrogate \ud800",), lambda: "new") == "new"


def test_a_memo_used_again_unchanged_is_marked_as_used_now(tmp_path):
    first = Memos(tmp_path)
    first.named("step", "v1").answer(("input",), lambda: "answer")
    first.save()
    [path] = tmp_path.iterdir()
    os.utime(path, (0, 0))
    again = Memos(tmp_path)
    again.named("step", "v1").answer(("input",), never)
    again.save()
    assert path.stat().st_mtime > time.time() - 3600
    assert pickle.loads(path.read_bytes())["answers"] == {
        next(iter(again.named("step", "v1").used)): "answer"
    }


def test_every_answer_taken_from_the_last_build_is_counted_and_each_cache_of_files_told(tmp_path):
    first = Memos(tmp_path)
    for word in ("a", "b", "c"):
        first.named("markdown", "v1").answer((word,), lambda: 1)
    first.save()
    memos = Memos(tmp_path)
    for word in ("a", "b", "c", "d"):
        memos.named("markdown", "v1").answer((word,), lambda: 2)
    memos.note_files("social cards", 3, 4)
    memos.note_files("PDFs", 0, 4)
    assert memos.summary() == "Memos: 3 of 4 reused (markdown 3 of 4); social cards 3 of 4; PDFs 0 of 4"


def test_a_memo_file_removed_while_a_build_ran_is_no_error(tmp_path):
    first = Memos(tmp_path)
    first.named("step", "v1").answer(("input",), lambda: "answer")
    first.save()
    again = Memos(tmp_path)
    again.named("step", "v1").answer(("input",), never)
    for path in tmp_path.iterdir():
        path.unlink()
    again.save()
    assert list(tmp_path.iterdir()) == []
