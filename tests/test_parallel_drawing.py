"""Cards and PDFs are drawn by one pool of workers per build, and a job that fails stops the build."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from support.site import SAMPLE_CONTENT, SAMPLE_NOW, build

from pressroom.content_model import parallel


def write_words(path: str, words: str) -> bool:
    """A job as the worker processes run it: module level, so a worker imports it by name."""
    Path(path).write_text(words, encoding="utf-8")
    return not words.startswith("cached")


def refuse(path: str, words: str) -> bool:
    raise OSError(f"No space left on the device writing {Path(path).name}")


@pytest.fixture
def pools(monkeypatch) -> list[int]:
    """The worker counts of the pools started; every batch, however small, goes to workers."""
    started: list[int] = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, *arguments, **options):
            started.append(options["max_workers"])
            super().__init__(*arguments, **options)

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", CountedPool)
    return started


def test_two_batches_share_one_pool_and_every_job_writes_its_file(tmp_path, pools):
    context: dict = {}
    cards = [(str(tmp_path / f"card-{n}.txt"), f"card {n}") for n in range(20)]
    pdfs = [(str(tmp_path / f"pdf-{n}.txt"), "cached" if n % 2 else f"pdf {n}") for n in range(10)]
    card_batch = parallel.draw_all(context, "social cards", write_words, cards, 2)
    pdf_batch = parallel.draw_all(context, "press-release PDFs", write_words, pdfs, 2)
    assert parallel.collect(context, card_batch)[0] == 20
    assert context[parallel.DRAWING_KEY].pool is not None, "the PDFs are still using the pool"
    assert parallel.collect(context, pdf_batch)[0] == 5
    assert pools == [2]
    assert context[parallel.DRAWING_KEY].pool is None, "the pool ends with the last batch"
    for path, words in [*cards, *pdfs]:
        assert Path(path).read_text(encoding="utf-8") == words


def test_a_job_failing_in_a_worker_stops_the_build_with_a_sentence(tmp_path, pools):
    context: dict = {}
    batch = parallel.draw_all(context, "social cards", refuse, [(str(tmp_path / "card.png"), "")], 2)
    with pytest.raises(parallel.DrawingFailed) as stopped:
        parallel.collect(context, batch)
    assert str(stopped.value).startswith(
        "Could not draw the social cards: OSError: No space left on the device writing card.png — "
    )
    assert context[parallel.DRAWING_KEY].pool is None


def test_a_small_batch_is_drawn_in_the_build_process_and_its_failure_stops_it_too(tmp_path):
    context: dict = {}
    batch = parallel.draw_all(context, "social cards", write_words, [(str(tmp_path / "a.txt"), "a")], 2)
    assert not batch.futures and (tmp_path / "a.txt").read_text(encoding="utf-8") == "a"
    assert parallel.collect(context, batch)[0] == 1
    with pytest.raises(parallel.DrawingFailed, match=r"^Could not draw the press-release PDFs: OSError: "):
        parallel.draw_all(context, "press-release PDFs", refuse, [(str(tmp_path / "b.pdf"), "")], 2)


def already_there(path: str, words: str) -> bool:
    return Path(path).exists()


def test_jobs_the_cache_can_do_are_done_in_the_build_process_and_start_no_workers(tmp_path, pools):
    context: dict = {}
    jobs = [(str(tmp_path / f"card-{n}.txt"), f"card {n}") for n in range(20)]
    for path, words in jobs[1:]:
        Path(path).write_text(words, encoding="utf-8")
    batch = parallel.draw_all(context, "social cards", write_words, jobs, 2, reuse=already_there)
    assert parallel.collect(context, batch)[0] == 1
    assert pools == [2], "the one card left to draw still goes to the workers here (PARALLEL_FROM is 1)"
    batch = parallel.draw_all(context, "social cards", write_words, jobs, 2, reuse=already_there)
    assert parallel.collect(context, batch)[0] == 0
    assert pools == [2], "nothing was left to draw: no second pool"


def cached_copy(cache: Path, published: Path) -> Path:
    """The file in `cache` that `published` was taken from (a cached file ends with the bytes it gives)."""
    body = published.read_bytes()
    [found] = [path for path in cache.glob(f"*{published.suffix}") if path.read_bytes().endswith(body)]
    return found


def pdf_headline(path: Path) -> str:
    return " ".join(PdfReader(path).pages[0].extract_text().split())


def test_a_damaged_or_swapped_cache_is_drawn_again_and_healed_never_published(tmp_path):
    cache = tmp_path / "cache"
    first = build(SAMPLE_CONTENT, tmp_path / "first", CACHE_PATH=str(cache), PRESSROOM_NOW=SAMPLE_NOW)
    care = first / "releases/2022/care-review-response/care-review-response.pdf"
    hubs = first / "releases/2022/family-hubs-funding-response/family-hubs-funding-response.pdf"
    care_cached, hubs_cached = (cached_copy(cache / "copy_ready", pdf) for pdf in (care, hubs))
    card_cached = cached_copy(cache / "social_cards", first / "cards/2023/helen-hayes-mp-visits-leap.png")
    # Two cached PDFs swapped (each under the other's key), and a card cut short by a full disk.
    care_bytes = care_cached.read_bytes()
    care_cached.write_bytes(hubs_cached.read_bytes())
    hubs_cached.write_bytes(care_bytes)
    card_cached.write_bytes(card_cached.read_bytes()[:2000])

    second = build(SAMPLE_CONTENT, tmp_path / "second", CACHE_PATH=str(cache), PRESSROOM_NOW=SAMPLE_NOW)
    for relative in (care.relative_to(first), hubs.relative_to(first)):
        assert pdf_headline(second / relative) == pdf_headline(first / relative)
        assert (second / relative).read_bytes() == (first / relative).read_bytes()
    card = second / "cards/2023/helen-hayes-mp-visits-leap.png"
    assert card.read_bytes() == (first / "cards/2023/helen-hayes-mp-visits-leap.png").read_bytes()
    with Image.open(card) as image:
        image.load()
    # Healed: the cache holds each file whole again under its own key.
    assert cached_copy(cache / "copy_ready", second / care.relative_to(first)) == care_cached
    assert cached_copy(cache / "copy_ready", second / hubs.relative_to(first)) == hubs_cached
    assert cached_copy(cache / "social_cards", card) == card_cached
