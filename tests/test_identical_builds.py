"""Caches and worker processes never change the site: every build is byte for byte a clean build.

The reference is always a clean build: a fresh Python process, an empty cache, cards and PDFs drawn one
after another. Cold, warm, edited and parallel builds must write exactly its files, with exactly its
bytes, Pagefind's included (plugins/pressroom/search/in_order.py puts its filter files in one order).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from support.site import ROOT, SAMPLE_CONTENT, SAMPLE_NOW, build, read_html

from pressroom.content_model import parallel

CONFIG = "publishconf.py"
SERIAL = {"SOCIAL_CARD_WORKERS": 1, "COPY_READY_WORKERS": 1}
CLEAN_BUILD = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from support.site import build
content, output, cache = sys.argv[1:]
build(Path(content), Path(output), {config!r}, CACHE_PATH=cache, PRESSROOM_NOW={now!r}, **{serial!r})
"""
EDITED_RELEASE = "releases/2022/2022-05-23-care-review-response.md"
EDITED_PAGE = "/releases/2022/care-review-response/"
# Each edit: (file, words before, words after). A title, a sentence of the body, a spokesperson's role.
EDITS = (
    (EDITED_RELEASE, "title: Care Review must put", "title: Care Review should put"),
    (EDITED_RELEASE, "Foundation has welcomed the Care Review", "Foundation has praised the Care Review"),
    ("people.yaml", "role: Deputy Chief Executive", "role: Director of Policy and Practice"),
)


def clean_build(content: Path, folder: Path) -> Path:
    """Build `content` as a fresh process with an empty cache would, drawing nothing in parallel."""
    script = CLEAN_BUILD.format(tests=str(ROOT / "tests"), config=CONFIG, now=SAMPLE_NOW, serial=SERIAL)
    output, cache = folder / "output", folder / "cache"
    subprocess.run(
        [sys.executable, "-c", script, str(content), str(output), str(cache)],
        check=True,
        capture_output=True,
        cwd=folder,
    )
    return output


def build_with(content: Path, output: Path, cache: Path, **settings) -> Path:
    """Build in this process, keeping whatever `cache` already holds."""
    return build(content, output, CONFIG, CACHE_PATH=str(cache), PRESSROOM_NOW=SAMPLE_NOW, **settings)


def digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def differing_files(expected: Path, actual: Path) -> list[str]:
    """Files missing from `actual`, extra in it, or with other bytes than in `expected`."""
    wanted, got = digests(expected), digests(actual)
    return sorted(name for name in wanted.keys() | got.keys() if wanted.get(name) != got.get(name))


def assert_same_site(expected: Path, actual: Path) -> None:
    differing = differing_files(expected, actual)
    assert not differing, f"{len(differing)} files differ from {expected}:\n" + "\n".join(differing)


def edit(content: Path) -> None:
    for name, before, after in EDITS:
        path = content / name
        text = path.read_text(encoding="utf-8")
        assert text.count(before) == 1, f"{name} no longer says {before!r}: choose another edit"
        path.write_text(text.replace(before, after), encoding="utf-8")


@pytest.fixture(scope="module")
def clean_sample(tmp_path_factory) -> Path:
    return clean_build(SAMPLE_CONTENT, tmp_path_factory.mktemp("clean"))


@pytest.fixture(scope="module")
def clean_edited(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("clean-edited")
    content = folder / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    edit(content)
    return clean_build(content, folder)


def test_cold_and_warm_builds_are_a_clean_build(tmp_path, clean_sample):
    assert len(digests(clean_sample)) > 40
    assert any(name.startswith("pagefind/filter/") for name in digests(clean_sample)), "search is compared"
    cache = tmp_path / "cache"
    cold = build_with(SAMPLE_CONTENT, tmp_path / "cold", cache)
    assert_same_site(clean_sample, cold)
    # Cache kept, a new folder (as `invoke publish` builds), then again in the same process.
    for warm in ("warm", "warm-again"):
        assert_same_site(clean_sample, build_with(SAMPLE_CONTENT, tmp_path / warm, cache))


def test_an_edit_rebuilt_with_the_old_cache_is_a_clean_build_of_the_edited_content(
    content_copy, tmp_path, clean_sample, clean_edited
):
    cache = tmp_path / "cache"
    build_with(content_copy, tmp_path / "before", cache)
    edit(content_copy)
    rebuilt = build_with(content_copy, tmp_path / "after", cache)
    assert_same_site(clean_edited, rebuilt)
    # The edits reach the release's page, its card and PDF, and the spokesperson's own page.
    changed = differing_files(clean_sample, clean_edited)
    assert "releases/2022/care-review-response/index.html" in changed
    assert "people/sally-hogg/index.html" in changed
    assert any(name.startswith("cards/") for name in changed)
    assert any(name.endswith(".pdf") for name in changed)
    heading = read_html(rebuilt, EDITED_PAGE).select_one("main h1").get_text(" ", strip=True)
    assert heading.startswith("Care Review should put")


def test_cards_and_pdfs_drawn_by_worker_processes_are_those_drawn_in_one(tmp_path, monkeypatch, clean_sample):
    pools = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, *arguments, **options):
            pools.append(options.get("max_workers"))
            super().__init__(*arguments, **options)

    # The sample site has too few releases to start workers: force them, two at a time.
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", CountedPool)
    parallel_build = build_with(
        SAMPLE_CONTENT, tmp_path / "output", tmp_path / "cache", SOCIAL_CARD_WORKERS=2, COPY_READY_WORKERS=2
    )
    assert pools == [2], "cards and PDFs were to be drawn by one pool of two worker processes"
    assert_same_site(clean_sample, parallel_build)
