"""The cache of drawn files (PDFs, social cards) keeps what builds use and lets the rest go: edits and
theme changes do not pile files up on the disk for ever, and a file a build takes is never the one
removed."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from support.site import build

from pressroom.content_model.parallel import KEPT_AT_LEAST, prune, seal

A_YEAR_AGO = 1_700_000_000
LAST_MONTH = 1_760_000_000


def kept(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir() if path.is_file() and not path.name.startswith(".")}


def stray(folder: Path, number: int, suffix: str) -> None:
    """A sealed file an earlier build drew, for a release as it no longer is."""
    data = f"drawn for an earlier version {number}".encode()
    name = hashlib.sha256(data).hexdigest() + suffix
    (folder / name).write_bytes(seal(name, data) + b"\n" + data)
    os.utime(folder / name, (LAST_MONTH, LAST_MONTH))


def test_a_build_keeps_the_files_it_used_and_removes_those_used_longest_ago(content_copy, tmp_path):
    cache = tmp_path / "cache"
    build(content_copy, tmp_path / "first", CACHE_PATH=str(cache))
    folders = {"copy_ready": ".pdf", "social_cards": ".png"}
    used = {name: kept(cache / name) for name in folders}
    assert all(used.values())
    for name, suffix in folders.items():
        for path in (cache / name).iterdir():
            if path.is_file():
                os.utime(path, (A_YEAR_AGO, A_YEAR_AGO))
        for number in range(KEPT_AT_LEAST + 20):
            stray(cache / name, number, suffix)

    build(content_copy, tmp_path / "second", CACHE_PATH=str(cache))
    for name in folders:
        # Used a year ago, then taken again by this build: kept, though older than every stray.
        assert used[name] <= kept(cache / name), name
        assert len(kept(cache / name)) == KEPT_AT_LEAST, name
    pdfs = sorted((tmp_path / "second").rglob("*.pdf"))
    assert pdfs and [path.read_bytes() for path in pdfs] == [
        (tmp_path / "first" / path.relative_to(tmp_path / "second")).read_bytes() for path in pdfs
    ]


def test_a_large_site_keeps_four_files_for_each_it_uses_and_leaves_partial_files_alone(tmp_path):
    for number in range(500):
        stray(tmp_path, number, ".pdf")
    (tmp_path / ".being-written.pdf.x1").write_bytes(b"half")
    (tmp_path / "fonts").mkdir()
    assert prune(tmp_path, used=100) == 100
    assert len(kept(tmp_path)) == 400
    assert (tmp_path / ".being-written.pdf.x1").exists() and (tmp_path / "fonts").is_dir()
    assert prune(tmp_path / "missing", used=1) == 0
