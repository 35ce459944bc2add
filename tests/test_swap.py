"""A rebuilt site is swapped in whole: a reader finds the old site or the new one, never neither.

`invoke serve` and `invoke edit` replace the folder they serve after every save; a page asked for at that
moment must not be missing (a 404 in the browser, a half-reloaded page)."""

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from publishing import build
from publishing.build import swap_into_place


def read_until_stopped(page: str, stop, reads, misses) -> None:
    while not stop.is_set():
        with reads.get_lock():
            reads.value += 1
        if not os.path.exists(page):
            with misses.get_lock():
                misses.value += 1


def new_site(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_a_reader_never_finds_the_site_missing_while_builds_are_swapped_in(tmp_path):
    target = new_site(tmp_path / "site", "first")
    stop, reads, misses = (
        multiprocessing.Event(),
        multiprocessing.Value("l", 0),
        multiprocessing.Value("l", 0),
    )
    reader = multiprocessing.Process(
        target=read_until_stopped, args=(str(target / "index.html"), stop, reads, misses)
    )
    reader.start()
    try:
        for number in range(300):
            # The reader reads between every two swaps, however busy the machine (a limit, not a speed).
            seen, deadline = reads.value, time.monotonic() + 60
            while reads.value < seen + 10:
                assert reader.is_alive() and time.monotonic() < deadline, "the reader stopped reading"
            swap_into_place(new_site(tmp_path / f"staging-{number}", f"build {number}"), target)
    finally:
        stop.set()
        reader.join(timeout=30)
    assert misses.value == 0, f"the site was missing {misses.value} times while builds were swapped in"
    assert (target / "index.html").read_text(encoding="utf-8") == "build 299"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"], "each old site is removed"


@pytest.mark.parametrize("can_exchange", [True, False], ids=["swapped-at-once", "two-renames"])
def test_a_site_reached_by_a_link_is_replaced_and_nothing_is_left_beside_it(
    tmp_path, monkeypatch, can_exchange
):
    if not can_exchange:
        monkeypatch.setattr(build, "exchanged", lambda first, second: False)
    earlier = new_site(tmp_path / "earlier", "earlier")
    target = tmp_path / "site"
    target.symlink_to(earlier)
    swap_into_place(new_site(tmp_path / "staging", "new"), target)
    assert not target.is_symlink() and (target / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["earlier", "site"]
    assert (earlier / "index.html").read_text(encoding="utf-8") == "earlier", "the link's folder is kept"
