"""Publish and rollback on a site of one release, and the store they keep: what each step says and leaves
behind. test_publish.py does the same with the sample site and every kind of target; these are quick
enough to run for each change mutation testing makes."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from support.site import ROOT
from support.sources import BODY, HEAD, empty_content

from pressroom.content_model.decision import Visibility
from pressroom.content_model.model import RELEASE_TYPES, Release
from pressroom.visibility import HIDDEN_KEY, Hidden
from publishing.publish import (
    KEEP_BUILDS,
    BuildStore,
    HeldBackAtItsMoment,
    Outcome,
    PublishFailed,
    PublishRefused,
    held_back_shown,
    held_back_state,
    new_build_name,
    publish,
    publishing_clock,
    rollback,
    when_built,
)
from publishing.targets import FolderTarget, RsyncTarget, tree_digest

pytestmark = pytest.mark.mutants_of("publishing.publish")

CONFIG = ROOT / "publishconf.py"
PAGE = "releases/2022/charity-responds-to-the-spending-review/index.html"
LONDON_2099 = "2099-01-01T00:01"


@pytest.fixture
def site(tmp_path) -> Path:
    """One public release, and the page the theme links to from every page."""
    content = empty_content(tmp_path)
    shutil.copy(ROOT / "content" / "pages" / "our-vision.md", content / "pages")
    (content / "releases" / "release.md").write_text(HEAD + BODY, encoding="utf-8")
    return content


def edit(content: Path, words: str) -> None:
    (content / "releases" / "release.md").write_text(HEAD + f"---\n{words}\n", encoding="utf-8")


class Said(list):
    """What a publish or rollback told its reader, line by line."""

    def __call__(self, line: str) -> None:
        self.append(line)


def test_publish_a_change_then_nothing_then_roll_back_and_stay_rolled_back(tmp_path, site):
    live, store = FolderTarget(tmp_path / "www"), BuildStore(tmp_path / "store")
    first = publish(CONFIG, live, store, progress=Said(), content=site)
    assert first == Outcome(first.name, True, f"Published {first.name}.")
    assert (live.path / PAGE).is_file()
    assert store.history() == [first.name]
    assert PAGE.removesuffix("index.html") in (store.addresses(first.name) or {})

    again = publish(CONFIG, live, store, progress=Said(), content=site)
    assert again.message == "Nothing has changed since the last publish: the live site stays."
    assert not again.deployed
    assert sorted(path.name for path in store.builds.iterdir()) == [first.name]

    edit(site, "The body, corrected.")
    second = publish(CONFIG, live, store, progress=Said(), content=site)
    assert second.deployed and store.history() == [first.name, second.name]
    assert "corrected" in (live.path / PAGE).read_text(encoding="utf-8")

    second_digest = tree_digest(store.builds / second.name)
    said = Said()
    back = rollback(CONFIG, live, store, progress=said, content=site)
    assert back == Outcome(
        first.name,
        True,
        f"Rolled back to the publish of {when_built(first.name)}, which shows nothing the content now "
        "holds back. It stays live until the content changes: a scheduled `invoke publish` of the same "
        "content leaves it, and the next change of content is published as usual.",
    )
    assert said[0] == (
        f"Rolling back: putting back the publish of {when_built(first.name)} in place of the one of "
        f"{when_built(second.name)}, once it is checked against the content as it is now."
    )
    assert "corrected" not in (live.path / PAGE).read_text(encoding="utf-8")
    assert store.history() == [first.name]
    assert store.rolled_back_from() == [{"build": second.name, "digest": second_digest}]
    assert not (store.builds / second.name).exists()

    stays = publish(CONFIG, live, store, progress=Said(), content=site)
    assert not stays.deployed and store.history() == [first.name]
    assert stays.message == (
        f"The live site was rolled back from this same build (published {when_built(second.name)}), so "
        "it stays rolled back until the content changes. To put this build back live anyway, run "
        "`invoke publish --undo-rollback`."
    )

    undone = publish(CONFIG, live, store, progress=Said(), content=site, undo_rollback=True)
    assert undone.message == (
        f"Published {undone.name}; it replaces the rollback of {when_built(second.name)}."
    )
    assert store.history() == [first.name, undone.name] and store.rolled_back_from() == []
    assert "corrected" in (live.path / PAGE).read_text(encoding="utf-8")


def test_rollback_refuses_a_publish_that_shows_a_release_the_content_now_embargoes(tmp_path, site):
    live, store = FolderTarget(tmp_path / "www"), BuildStore(tmp_path / "store")
    first = publish(CONFIG, live, store, progress=Said(), content=site)
    edit(site, "The body, corrected.")
    publish(CONFIG, live, store, progress=Said(), content=site)
    before = tree_digest(live.path)

    (site / "releases" / "release.md").write_text(HEAD + f"embargo: {LONDON_2099}\n" + BODY, encoding="utf-8")
    with pytest.raises(PublishRefused) as refused:
        rollback(CONFIG, live, store, progress=Said(), content=site)
    lines = str(refused.value).splitlines()
    assert re.fullmatch(
        rf"Rollback refused: the publish of {re.escape(when_built(first.name))} shows releases the content "
        r"now holds back \(checked at \d+ \w+ \d{4}, \d\d:\d\d UTC\):",
        lines[0],
    )
    assert re.fullmatch(
        r"  \S+/content/releases/release\.md \(“Charity responds to the spending review”\) is embargoed "
        r"until 1 "
        r"January 2099, 00:01 GMT; that build has it in [^,]+, [^,]+, [^,]+ and \d+ more file\(s\)",
        lines[1],
    )
    assert lines[2].startswith("The live site is unchanged. To put the content as it is now live, run")
    assert tree_digest(live.path) == before
    assert len(store.history()) == 2 and not list(store.builds.glob(".check-*"))


def test_a_publish_with_a_moved_clock_is_skipped_by_a_rollback_and_said_to_be(tmp_path, site):
    live, store = FolderTarget(tmp_path / "www"), BuildStore(tmp_path / "store")
    moved = publish(CONFIG, live, store, progress=Said(), content=site, at=LONDON_2099, moved_clock=True)
    assert store.unrestorable() == {moved.name}
    edit(site, "The body, corrected.")
    publish(CONFIG, live, store, progress=Said(), content=site)
    with pytest.raises(PublishRefused) as refused:
        rollback(CONFIG, live, store, progress=Said(), content=site)
    assert str(refused.value) == (
        f"There is no earlier publish to roll back to: only the live one "
        f"({when_built(store.history()[-1])}) is kept (1 earlier one(s) were published with --moved-clock, "
        f"and a rollback never puts those back) (the last {KEEP_BUILDS} publishes are kept, and each "
        "rollback uses one up)."
    )

    edit(site, "The body, corrected twice.")
    publish(CONFIG, live, store, progress=Said(), content=site)
    edit(site, "The body, corrected three times.")
    publish(CONFIG, live, store, progress=Said(), content=site)
    said = Said()
    back = rollback(CONFIG, live, store, progress=said, content=site)
    assert "corrected twice" in (live.path / PAGE).read_text(encoding="utf-8")
    assert back.name == store.history()[-1] and len(store.history()) == 3
    assert not any(line.startswith("Skipping") for line in said)


def test_rollback_past_a_moved_clock_says_which_publishes_it_skips(tmp_path, site):
    live, store = FolderTarget(tmp_path / "www"), BuildStore(tmp_path / "store")
    first = publish(CONFIG, live, store, progress=Said(), content=site)
    edit(site, "The body, as if it were 2099.")
    moved = publish(CONFIG, live, store, progress=Said(), content=site, at=LONDON_2099, moved_clock=True)
    edit(site, "The body, corrected.")
    publish(CONFIG, live, store, progress=Said(), content=site)
    said = Said()
    assert rollback(CONFIG, live, store, progress=said, content=site).name == first.name
    assert f"Skipping 1 publish(es) made with --moved-clock: {when_built(moved.name)}." in said
    assert store.history() == [first.name]
    assert store.unrestorable() == set()


def test_with_nothing_published_or_only_one_publish_there_is_nothing_to_roll_back(tmp_path):
    store = BuildStore(tmp_path / "store")
    with pytest.raises(PublishRefused) as refused:
        rollback(CONFIG, FolderTarget(tmp_path / "www"), store, progress=Said())
    assert str(refused.value) == "Nothing has been published from here yet, so there is nothing to roll back."

    (store.builds / "20261124T213000.000000Z").mkdir(parents=True)
    store.write_json(store.history_file, ["20261124T213000.000000Z"])
    with pytest.raises(PublishRefused) as refused:
        rollback(CONFIG, FolderTarget(tmp_path / "www"), store, progress=Said())
    assert str(refused.value) == (
        "There is no earlier publish to roll back to: only the live one (24 November 2026, 21:30:00 UTC) "
        f"is kept (the last {KEEP_BUILDS} publishes are kept, and each rollback uses one up)."
    )


def test_a_broken_link_publishes_nothing_and_says_each_problem(tmp_path, site):
    live, store = FolderTarget(tmp_path / "www"), BuildStore(tmp_path / "store")
    edit(site, "See [the review](/reviews/no-such-page/).")
    with pytest.raises(PublishFailed) as failed:
        publish(CONFIG, live, store, progress=Said(), content=site)
    assert failed.value.problems == [f"{PAGE}: link to /reviews/no-such-page/ — no such page or file"]
    assert str(failed.value).endswith("\n1 problem(s): nothing was published.")
    assert not live.path.exists() and store.history() == []
    assert [path.name for path in store.builds.iterdir()] == []


# --- The clock a publish judges embargoes by ------------------------------------------------------

NOW = dt.datetime(2026, 11, 24, 21, 30, tzinfo=dt.UTC)


def test_publishing_runs_at_the_real_time_and_says_it_ignores_source_date_epoch():
    said = Said()
    assert publishing_clock(None, False, NOW, said, environ={}) == NOW
    assert said == []
    assert publishing_clock("", False, NOW, said, environ={"SOURCE_DATE_EPOCH": "1"}) == NOW
    assert said == [
        "SOURCE_DATE_EPOCH is set, but publishing ignores it: embargoes are judged against the real time, "
        "2026-11-24 21:30 UTC."
    ]


def test_a_moved_clock_is_refused_unless_confirmed_and_then_warned_about():
    with pytest.raises(PublishRefused) as refused:
        publishing_clock("2099-01-01T00:01", False, NOW, Said(), environ={})
    assert str(refused.value).startswith(
        "--at 2099-01-01T00:01 would publish the live site as if it were that moment, not now:"
    )
    assert str(refused.value).endswith("add --moved-clock. Nothing was published.")
    with pytest.raises(PublishRefused) as unreadable:
        publishing_clock("next tuesday", True, NOW, Said(), environ={})
    assert str(unreadable.value).startswith("--at ") and "next tuesday" in str(unreadable.value)
    assert str(unreadable.value).endswith(". Nothing was published.")

    said = Said()
    moment = publishing_clock("2099-07-01T00:01", True, NOW, said, environ={}, timezone="Europe/London")
    assert moment == dt.datetime(2099, 6, 30, 23, 1, tzinfo=dt.UTC)
    assert said == [
        "WARNING: publishing to the LIVE site as if it were 2099-07-01T00:01:00+01:00, not the real time "
        "(2026-11-24 21:30 UTC)."
    ]


def test_a_build_is_named_and_told_by_when_it_was_made():
    name = new_build_name(
        dt.datetime(2026, 11, 24, 21, 30, 5, 120, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    )
    assert name == "20261124T203005.000120Z"
    assert when_built(name) == "24 November 2026, 20:30:05 UTC"
    assert when_built("before-pressroom") == "before-pressroom"


def test_what_the_content_now_says_of_a_release_a_build_must_not_show():
    moment = dt.datetime(2099, 1, 1, 0, 1, tzinfo=dt.UTC)
    assert held_back_state(Visibility(False, "draft")) == "is a draft now"
    assert held_back_state(Visibility(False, "withdrawn", moment)) == "was withdrawn on 1 January 2099"
    assert (
        held_back_state(Visibility(False, "embargoed", moment))
        == "is embargoed until 1 January 2099, 00:01 UTC"
    )
    assert (
        held_back_state(Visibility(False, "scheduled", moment))
        == "is scheduled for 1 January 2099, 00:01 UTC"
    )


# --- The store of published builds -----------------------------------------------------------------


def names(count: int) -> list[str]:
    return [f"2026112{index}T000000.000000Z" for index in range(count)]


def kept_store(tmp_path, count: int) -> BuildStore:
    store = BuildStore(tmp_path / "store")
    store.builds.mkdir(parents=True)
    for name in names(count):
        (store.builds / name).mkdir()
        store.keep_addresses(name, {"/": "pages/index.md"})
    return store


def test_the_store_keeps_the_last_five_builds_with_their_addresses_and_forgets_the_rest(tmp_path):
    store = kept_store(tmp_path, 7)
    (store.builds / ".check-x.partial").mkdir()
    store.mark_unrestorable(names(7)[0])
    store.mark_unrestorable(names(7)[6])
    store.record(names(7))
    assert store.history() == names(7)[2:]
    assert sorted(path.name for path in store.builds.iterdir()) == [".check-x.partial", *names(7)[2:]]
    assert sorted(path.stem for path in store.addresses_folder.iterdir()) == names(7)[2:]
    assert store.unrestorable() == {names(7)[6]}
    assert store.current() == store.builds / names(7)[6]
    assert store.addresses(names(7)[6]) == {"/": "pages/index.md"}
    assert store.addresses(names(7)[0]) is None


def test_an_unreadable_record_in_the_store_counts_as_none(tmp_path):
    store = kept_store(tmp_path, 1)
    assert store.history() == [] and store.current() is None
    assert store.unrestorable() == set() and store.rolled_back_from() == []
    for written in ("not json", '["a", 1]', '{"addresses": ["/"]}', '{"addresses": {"/": 1}}', "{}"):
        (store.addresses_folder / f"{names(1)[0]}.json").write_text(written, encoding="utf-8")
        assert store.addresses(names(1)[0]) is None, written
    store.unrestorable_file.write_text("[1, 2", encoding="utf-8")
    assert store.unrestorable() == set()
    store.rollback_file.write_text('{"build": "b", "digest": "d"}', encoding="utf-8")
    assert store.rolled_back_from() == [{"build": "b", "digest": "d"}]
    store.remember_rollback("c", "e")
    assert store.rolled_back_from() == [{"build": "b", "digest": "d"}, {"build": "c", "digest": "e"}]
    assert json.loads(store.rollback_file.read_text("utf-8")) == store.rolled_back_from()
    assert not list(store.root.glob("*.partial"))
    store.forget_rollback()
    store.forget_rollback()
    assert store.rolled_back_from() == []


def test_tidying_removes_unfinished_builds_and_mends_the_history(tmp_path):
    store = kept_store(tmp_path, 3)
    (store.builds / f".{names(4)[3]}.partial").mkdir()
    store.write_json(store.history_file, [names(3)[0], "20200101T000000.000000Z", names(3)[2]])
    said = Said()
    store.tidy(said)
    assert said == [
        "Removed 1 unfinished build(s) left by an interrupted publish.",
        "Forgot 1 publish(es) whose builds are no longer kept.",
    ]
    assert sorted(path.name for path in store.builds.iterdir()) == names(3)
    assert store.history() == [names(3)[0], names(3)[2]]

    said.clear()
    store.tidy(said)
    assert said == []

    for written in ("{not json", '{"a": 1}', '["a", 1]'):
        store.history_file.write_text(written, encoding="utf-8")
        said.clear()
        store.tidy(said)
        assert store.history() == names(3)
        [line] = said
        assert line.startswith(f"{store.history_file} could not be read (")
        assert line.endswith("), so it was rebuilt from the 3 kept build(s).")


def test_a_second_publish_at_the_same_time_is_refused_naming_the_first(tmp_path):
    store = BuildStore(tmp_path / "store")
    with store.lock():
        holder = store.lock_file.read_text("utf-8")
        assert re.fullmatch(r"process \d+, started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", holder)
        with pytest.raises(PublishRefused) as refused, BuildStore(tmp_path / "store").lock():
            pass
        assert str(refused.value).startswith(
            f"Another publish or rollback is running ({holder}), so this one"
        )
    assert store.lock_file.read_text("utf-8") == ""
    with store.lock():
        pass


def test_a_release_held_back_at_its_moment_is_named_with_each_mistake():
    class Release:
        source_path = "releases/release.md"
        title = "Charity responds"

    class Held:
        release = Release()
        problems = ("releases/release.md:2: title: is blank — write a headline", "second")

    ended = HeldBackAtItsMoment(Outcome("n", True, "Published n."), [Held()])
    assert str(ended) == "\n".join(
        [
            "Published n.",
            "releases/release.md (“Charity responds”) is due to go public, but was held back because of "
            "2 mistake(s):",
            "  releases/release.md:2: title: is blank — write a headline",
            "  second",
            "Fix them and publish again: it goes public at the first publish after that, and until then "
            "every publish ends in failure.",
        ]
    )
    Release.title = ""
    assert "releases/release.md is due to go public" in str(HeldBackAtItsMoment(ended.outcome, [Held()]))


def test_a_publish_that_would_move_a_live_address_stops_and_one_that_takes_a_release_down_says_so(
    tmp_path, site
):
    live, store = FolderTarget(tmp_path / "www"), BuildStore(tmp_path / "store")
    first = publish(CONFIG, live, store, progress=Said(), content=site)
    (site / "releases" / "release.md").write_text(HEAD + "slug: a-new-name\n" + BODY, encoding="utf-8")
    with pytest.raises(PublishFailed) as failed:
        publish(CONFIG, live, store, progress=Said(), content=site)
    [problem] = failed.value.problems
    assert (
        "previous_urls: this publish would remove its live address /" + PAGE.removesuffix("index.html")
        in problem
    )
    assert store.history() == [first.name]

    (site / "releases" / "release.md").write_text(HEAD + "status: draft\n" + BODY, encoding="utf-8")
    said = Said()
    down = publish(CONFIG, live, store, progress=said, content=site)
    assert down.message == f"Published {down.name}."
    release = site / "releases" / "release.md"
    assert [line for line in said if line.startswith("Taking down")] == [
        f"Taking down /{PAGE.removesuffix('index.html')}: {release} is no longer public."
    ]
    assert not (live.path / PAGE).exists()


def test_a_live_publish_without_its_addresses_is_said_once_and_then_recorded(tmp_path, site):
    live, store = FolderTarget(tmp_path / "www"), BuildStore(tmp_path / "store")
    first = publish(CONFIG, live, store, progress=Said(), content=site)
    (store.addresses_folder / f"{first.name}.json").unlink()
    same = publish(CONFIG, live, store, progress=Said(), content=site)
    assert not same.deployed and store.addresses(first.name) is not None

    (store.addresses_folder / f"{first.name}.json").unlink()
    edit(site, "The body, corrected.")
    said = Said()
    second = publish(CONFIG, live, store, progress=said, content=site)
    assert (
        f"The live publish ({when_built(first.name)}) has no record of the addresses it serves (it was made "
        "before publishes kept them), so this one could not check that every live address stays; the next "
        "one will."
    ) in said
    assert store.addresses(second.name) is not None


def test_a_moved_clock_that_lifts_an_embargo_warns_of_each_release_public_before_its_time(tmp_path, site):
    live, store = FolderTarget(tmp_path / "www"), BuildStore(tmp_path / "store")
    (site / "releases" / "release.md").write_text(HEAD + f"embargo: {LONDON_2099}\n" + BODY, encoding="utf-8")
    said = Said()
    publish(CONFIG, live, store, progress=said, content=site, at="2099-01-02T00:00", moved_clock=True)
    release = site / "releases" / "release.md"
    assert (
        f"WARNING: {release} (Charity responds to the spending review) goes public before its time." in said
    )
    assert list(live.path.glob("releases/*/charity-responds-to-the-spending-review/index.html"))


def test_what_an_earlier_build_shows_of_releases_now_held_back_names_three_files_and_counts_the_rest(
    tmp_path,
):
    embargoed = Release(
        source_path="releases/zeppelin.md",
        title="Zeppelin survey",
        date=dt.datetime(2022, 1, 1, tzinfo=dt.UTC),
        type=RELEASE_TYPES["news"],
        summary="A standfirst.",
        slug="zeppelin-survey",
        embargo=dt.datetime(2099, 1, 1, 0, 1, tzinfo=dt.UTC),
    )
    draft = replace(embargoed, source_path="releases/quokka.md", slug="quokka", embargo=None, status="draft")
    hidden = [Hidden(embargoed, "releases/2099/zeppelin-survey/"), Hidden(draft, "releases/2022/quokka/")]
    for name in "abcde":
        (tmp_path / f"{name}.html").write_text('<a href="/releases/2099/zeppelin-survey/">', encoding="utf-8")
    assert held_back_shown(tmp_path, {HIDDEN_KEY: hidden}, NOW) == [
        "  releases/zeppelin.md (“Zeppelin survey”) is embargoed until 1 January 2099, 00:01 UTC; that build "
        "has it in a.html, b.html, c.html and 2 more file(s)"
    ]
    (tmp_path / "d.html").unlink()
    (tmp_path / "e.html").write_text('<a href="/releases/2022/quokka/">', encoding="utf-8")
    assert held_back_shown(tmp_path, {HIDDEN_KEY: hidden}, NOW) == [
        "  releases/zeppelin.md (“Zeppelin survey”) is embargoed until 1 January 2099, 00:01 UTC; that build "
        "has it in a.html, b.html, c.html",
        "  releases/quokka.md (“Zeppelin survey”) is a draft now; that build has it in e.html",
    ]


def test_rollback_puts_the_earlier_build_itself_on_a_target_that_keeps_no_copies(tmp_path, site):
    destination = tmp_path / "mirror"
    destination.mkdir()
    target, store = RsyncTarget(f"{destination}/"), BuildStore(tmp_path / "store")
    first = publish(CONFIG, target, store, progress=Said(), content=site)
    edit(site, "The body, corrected.")
    publish(CONFIG, target, store, progress=Said(), content=site)
    assert rollback(CONFIG, target, store, progress=Said(), content=site).name == first.name
    assert tree_digest(destination) == tree_digest(store.builds / first.name)
