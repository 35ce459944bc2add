"""A full disk, a read-only folder or a mount point ends a build, publish or rollback with a sentence,
leaves the live site and the output folder as they were, and leaves no partial copy behind.

Faults are made by making one call refuse, as the system would (tests run as root, whom file modes do
not stop).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from pelican.writers import Writer
from support.site import ROOT, build

from pressroom.content_model.memo import Memo
from pressroom.content_model.storage import CacheUnusable
from publishing import build as building
from publishing import targets
from publishing.build import OutputRefused, build_and_replace
from publishing.publish import BuildStore, PublishRefused, publish, rollback
from publishing.targets import FolderTarget

CONFIG = ROOT / "publishconf.py"
NO_SPACE = (errno.ENOSPC, "No space left on device")
READ_ONLY = (errno.EROFS, "Read-only file system")


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def quiet(_message: str) -> None:
    """Publishing reports progress line by line; these tests read the outcome from the files."""


def edit_release(content: Path) -> None:
    path = content / "releases" / "2022" / "2022-05-23-care-review-response.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("The Care Review recognises", "The Care Review rightly recognises"), "utf-8")


@pytest.fixture
def published(tmp_path, content_copy):
    """A site published once to a folder, and its content edited since, so the next publish deploys."""
    live, store = FolderTarget(tmp_path / "www"), BuildStore(tmp_path / "store")
    publish(CONFIG, live, store, progress=quiet, content=content_copy)
    edit_release(content_copy)
    return live, store, content_copy


def leftovers(live: FolderTarget, store: BuildStore) -> list[str]:
    """Copies and builds that no publish in the history accounts for."""
    history = set(store.history())
    copies = [path.name for path in live.builds.iterdir() if path.name not in history]
    builds = [path.name for path in store.builds.iterdir() if path.name not in history]
    return copies + builds


def test_a_full_disk_under_the_live_folder_ends_in_a_sentence_and_leaves_no_partial_copy(
    published, monkeypatch
):
    live, store, content = published
    before, history = tree_digest(live.path), store.history()
    copy = shutil.copyfile
    copied: list[str] = []

    def disk_fills(source, target, *arguments, **options):
        if Path(target).is_relative_to(live.builds):
            if len(copied) == 5:
                raise OSError(*NO_SPACE, str(target))
            copied.append(str(target))
        return copy(source, target, *arguments, **options)

    monkeypatch.setattr(shutil, "copyfile", disk_fills)
    for _attempt in range(2):
        with pytest.raises(PublishRefused) as stopped:
            publish(CONFIG, live, store, progress=quiet, content=content)
        copied.clear()
    message = str(stopped.value)
    assert "No space left on device" in message and "the live site is as it was" in message
    assert "Traceback" not in message
    assert tree_digest(live.path) == before
    assert store.history() == history
    assert leftovers(live, store) == []

    monkeypatch.undo()
    assert publish(CONFIG, live, store, progress=quiet, content=content).deployed


def test_a_read_only_live_folder_ends_in_a_sentence_and_the_live_site_stays(published, monkeypatch):
    live, store, content = published
    before, history = tree_digest(live.path), store.history()
    replace = os.replace

    def read_only(source, target, *arguments, **options):
        if Path(target) == live.path:
            raise OSError(*READ_ONLY, str(target))
        return replace(source, target, *arguments, **options)

    monkeypatch.setattr(targets.os, "replace", read_only)
    with pytest.raises(PublishRefused) as stopped:
        publish(CONFIG, live, store, progress=quiet, content=content)
    assert f"Could not make {live.path} serve" in str(stopped.value)
    assert "Read-only file system" in str(stopped.value)
    assert tree_digest(live.path) == before
    assert store.history() == history
    assert leftovers(live, store) == []
    assert not live.path.with_name(".www.next").is_symlink()

    # Once writable, the edit is published; a rollback then meets the same refusal, and the site stays.
    monkeypatch.setattr(targets.os, "replace", replace)
    assert publish(CONFIG, live, store, progress=quiet, content=content).deployed
    after, history = tree_digest(live.path), store.history()
    monkeypatch.setattr(targets.os, "replace", read_only)
    with pytest.raises(PublishRefused) as stopped:
        rollback(CONFIG, live, store, progress=quiet)
    assert "Read-only file system" in str(stopped.value) and "The rollback did not happen" in str(
        stopped.value
    )
    assert tree_digest(live.path) == after
    assert store.history() == history


def refuse_writing_pages(monkeypatch, refusal: tuple[int, str]) -> None:
    """Make the build's first page write fail, as a full or read-only disk would."""

    def refused(self, name, *arguments, **options):
        raise OSError(*refusal, os.path.join(self.output_path, name))

    monkeypatch.setattr(Writer, "write_file", refused)


def test_a_full_publish_store_stops_the_build_with_a_sentence_and_publishes_nothing(published, monkeypatch):
    live, store, content = published
    before, history = tree_digest(live.path), store.history()
    refuse_writing_pages(monkeypatch, NO_SPACE)
    with pytest.raises(SystemExit) as stopped:
        publish(CONFIG, live, store, progress=quiet, content=content)
    message = str(stopped.value)
    assert message.startswith(f"The build into {store.builds}/")
    assert "No space left on device" in message and "Nothing was replaced" in message
    assert tree_digest(live.path) == before
    assert store.history() == history
    assert leftovers(live, store) == []


def test_a_publish_store_that_cannot_be_made_ends_in_a_sentence(tmp_path, content_copy):
    (tmp_path / "store").write_text("not a folder", encoding="utf-8")
    live = FolderTarget(tmp_path / "www")
    with pytest.raises(PublishRefused) as stopped:
        publish(CONFIG, live, BuildStore(tmp_path / "store"), progress=quiet, content=content_copy)
    assert str(stopped.value).startswith(f"The publish stopped: {tmp_path / 'store' / 'builds'}: ")
    assert str(stopped.value).endswith("Nothing was published: the live site is as it was.")
    assert not live.path.exists()


@pytest.fixture
def earlier_output(tmp_path) -> Path:
    """An output folder an earlier `invoke build` made, which the next build may replace."""
    output = tmp_path / "output"
    build_and_replace(output, CONFIG)
    return output


def test_invoke_build_on_a_read_only_file_system_ends_in_a_sentence(earlier_output, monkeypatch):
    before = tree_digest(earlier_output)

    def read_only(*arguments, dir=None, **options):
        raise OSError(*READ_ONLY, str(dir))

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    with pytest.raises(SystemExit) as stopped:
        build_and_replace(earlier_output, CONFIG)
    assert str(stopped.value).startswith(f"Cannot build into {earlier_output}: ")
    assert "Read-only file system" in str(stopped.value)
    assert tree_digest(earlier_output) == before


@pytest.mark.parametrize("swap", ["at-once", "two-renames"])
def test_a_build_refused_while_writing_or_swapping_leaves_the_output_as_it_was(
    earlier_output, monkeypatch, swap
):
    before = tree_digest(earlier_output)
    with monkeypatch.context() as patched:
        refuse_writing_pages(patched, NO_SPACE)
        with pytest.raises(SystemExit, match="No space left on device"):
            build_and_replace(earlier_output, CONFIG)
    rename, exchanged = Path.rename, building.exchanged

    def busy(self, target):
        if self == earlier_output:
            raise OSError(errno.EBUSY, "Device or resource busy", str(self))
        return rename(self, target)

    def exchange_busy(first, second):
        if second == earlier_output:
            raise OSError(errno.EBUSY, "Device or resource busy", str(second))
        return exchanged(first, second)

    if swap == "at-once":
        monkeypatch.setattr(building, "exchanged", exchange_busy)
    else:
        monkeypatch.setattr(building, "exchanged", lambda first, second: False)
        monkeypatch.setattr(Path, "rename", busy)
    with pytest.raises(SystemExit) as stopped:
        build_and_replace(earlier_output, CONFIG)
    assert str(stopped.value).startswith(f"Could not put the new build in place of {earlier_output}: ")
    assert tree_digest(earlier_output) == before
    assert sorted(path.name for path in earlier_output.parent.iterdir()) == ["output"]


def test_an_output_folder_that_is_a_mount_point_is_refused_before_building(tmp_path, monkeypatch):
    mount_point = tmp_path / "mounted"
    mount_point.mkdir()
    is_mount = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == mount_point or is_mount(path))
    with pytest.raises(OutputRefused) as refused:
        build_and_replace(mount_point, CONFIG)
    assert f"{mount_point} is a mount point" in str(refused.value)
    assert list(tmp_path.iterdir()) == [mount_point]
    assert list(mount_point.iterdir()) == []


@pytest.mark.parametrize("where", ["", "social_cards", "copy_ready/fonts"])
def test_a_cache_that_is_a_file_stops_the_build_saying_to_delete_it(tmp_path, content_copy, where):
    cache = tmp_path / "cache"
    blocked = cache / where if where else cache
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("a file where a folder belongs", encoding="utf-8")
    with pytest.raises(CacheUnusable) as stopped:
        build(content_copy, tmp_path / "output", CACHE_PATH=str(cache))
    assert f"{blocked} is a file, not a folder" in str(stopped.value)
    assert f"delete {cache} and build again" in str(stopped.value)


def test_memos_that_cannot_be_kept_leave_the_build_whole_and_say_so(
    tmp_path, content_copy, monkeypatch, capfd
):
    def full(self):
        raise OSError(*NO_SPACE, str(self.path))

    monkeypatch.setattr(Memo, "save", full)
    output = build(content_copy, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    assert (output / "index.html").is_file()
    assert "No space left on device): the next build works them out again" in capfd.readouterr().err
