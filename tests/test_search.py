"""Search: a Pagefind index of public releases and pages, searched in a real browser on the built site."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from support.hidden_releases import HIDDEN_WORDS, content_with_hidden_releases
from support.site import ROOT, build, read_html

from pressroom.search import SearchIndexError
from pressroom.search import index as search_index
from pressroom.search.index import index_site, indexed_page_count
from publishing.publish import BuildStore, publish
from publishing.targets import FolderTarget

CARE_REVIEW = "Care Review must put support for parent-infant relationships at the heart of Family Help"
SEARCHABLE = {
    "/releases/2022/care-review-response/",
    "/releases/2022/family-hubs-funding-response/",
    "/releases/2023/helen-hayes-mp-visits-leap/",
    "/releases/2025/mission-champions-online-event/",
    "/our-vision-the-1001-critical-days/",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("search")
    # As a publish build: every page repeats the Content-Security-Policy, which search must live under.
    return build(
        content_with_hidden_releases(folder),
        folder / "output",
        CACHE_PATH=str(folder / "cache"),
        PRESSROOM_CSP_META=True,
    )


def indexed_pages(site: Path) -> dict[str, dict]:
    """Every page record Pagefind wrote, by address: its text, metadata and filters."""
    records = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        records[record["url"]] = record
    return records


def test_only_public_releases_and_pages_are_indexed(site):
    pages = indexed_pages(site)
    assert set(pages) == SEARCHABLE
    everything = json.dumps(pages).lower()
    assert not [word for word in HIDDEN_WORDS if word in everything]


def test_each_release_carries_its_type_date_standfirst_and_filters(site):
    record = indexed_pages(site)["/releases/2022/care-review-response/"]
    assert record["meta"]["title"] == CARE_REVIEW
    assert record["meta"]["type"] == "Policy response"
    assert record["meta"]["date"] == "23 May 2022"
    assert record["meta"]["standfirst"].startswith("The Parent-Infant Foundation welcomes the Care Review")
    assert record["filters"] == {
        "type": ["Policy response"],
        "year": ["2022"],
        "topic": ["Children's social care", "Parent-infant relationship teams", "Early years policy"],
        "spokesperson": ["Sally Hogg"],
    }
    event = indexed_pages(site)["/releases/2025/mission-champions-online-event/"]
    assert event["filters"]["campaign"] == ["First 1001 Days"]


def test_the_search_page_without_script_points_to_the_archive(site):
    page = read_html(site, "search/")
    fallback = page.select_one("[data-search-fallback]")
    assert fallback.find("a", string="archive")["href"] == "/archive/"
    assert page.select_one("form[role=search]").has_attr("hidden")
    assert [select["name"] for select in page.select("form select")] == [
        "type",
        "topic",
        "campaign",
        "spokesperson",
        "year",
    ]
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "pagefind" / "pagefind-ui.js").exists()


def bundle_files(site: Path) -> dict[str, bytes]:
    bundle = site / "pagefind"
    return {
        path.relative_to(bundle).as_posix(): path.read_bytes() for path in bundle.rglob("*") if path.is_file()
    }


def test_an_unchanged_site_gets_the_same_index_and_a_changed_one_a_new_index(tmp_path):
    content, cache = content_with_hidden_releases(tmp_path), str(tmp_path / "cache")
    first = bundle_files(build(content, tmp_path / "first", CACHE_PATH=cache))
    assert bundle_files(build(content, tmp_path / "second", CACHE_PATH=cache)) == first
    release = content / "releases" / "2022" / "2022-05-23-care-review-response.md"
    release.write_text(release.read_text(encoding="utf-8") + "\nA word new to the site: gazetteer.\n")
    changed = build(content, tmp_path / "third", CACHE_PATH=cache)
    assert "gazetteer" in indexed_pages(changed)["/releases/2022/care-review-response/"]["content"]


def test_a_preview_build_writes_no_search_index(tmp_path):
    output = build(content_with_hidden_releases(tmp_path), tmp_path / "preview", PRESSROOM_PREVIEW=True)
    assert not (output / "pagefind").exists()


@pytest.fixture(scope="module")
def site_url(site):
    from support.browser import serve_directory

    with serve_directory(site, send_headers_file=True) as url:
        yield url


RECORD_PROBLEMS = """
window.searchProblems = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.searchProblems.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture
def search_page(chromium, site_url):
    """The search page served with the site's own headers; afterwards, nothing was blocked or failed."""
    context = chromium.new_context()
    context.add_init_script(RECORD_PROBLEMS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "search/")
    page.get_by_label("Search releases and pages").wait_for()
    yield page
    assert page.evaluate("window.searchProblems") == []
    assert errors == []
    context.close()


def result_titles(page) -> list[str]:
    return page.locator(".search-result h2").all_inner_texts()


@pytest.mark.browser
def test_a_query_finds_the_expected_release_first(search_page):
    assert search_page.locator("[data-search-fallback]").is_hidden()
    search_page.get_by_label("Search releases and pages").fill("care review family help")
    search_page.locator(".search-result").first.wait_for()
    assert result_titles(search_page)[0] == CARE_REVIEW
    first = search_page.locator(".search-result").first
    assert first.locator(".search-result-meta").inner_text() == "Policy response · 23 May 2022"
    assert first.locator(".search-result-standfirst").inner_text().startswith("The Parent-Infant Foundation")
    assert first.locator("a").get_attribute("href") == "/releases/2022/care-review-response/"
    assert "q=care+review+family+help" in search_page.url


@pytest.mark.browser
def test_a_type_filter_keeps_only_that_type(search_page):
    search_page.get_by_label("Search releases and pages").fill("babies")
    search_page.locator(".search-result").first.wait_for()
    assert len(result_titles(search_page)) > 1
    search_page.get_by_label("Type").select_option("Event")
    search_page.locator("[data-search-status]").filter(has_text="1 result").wait_for()
    types = search_page.locator(".search-result-meta").all_inner_texts()
    assert types == ["Event · 20 February 2025"]
    assert "type=Event" in search_page.url


@pytest.mark.browser
def test_a_hidden_release_is_never_found(search_page):
    search_page.get_by_label("Search releases and pages").fill(HIDDEN_WORDS[0])
    search_page.locator("[data-search-status]").filter(has_text="No results").wait_for()
    assert result_titles(search_page) == []


@pytest.mark.browser
def test_the_search_page_with_results_has_no_wcag_violation(chromium, site_url):
    from support.browser import run_axe

    # axe is injected as an inline script, which the site's policy rightly blocks.
    context = chromium.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(site_url + "search/?q=babies")
    page.locator(".search-result").first.wait_for()
    assert run_axe(page) == []
    context.close()


def quiet(_note: str) -> None:
    """Indexing tells of an index written again; most tests read the outcome from the files instead."""


@pytest.fixture
def built_copy(sample_site, tmp_path) -> Path:
    """A copy of the built sample site to index again, as a second build would."""
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    return site


def test_a_cached_index_another_build_removes_while_it_is_copied_is_made_again(
    built_copy, tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    pages, _ = index_site(built_copy, cache, quiet)
    copy = shutil.copytree

    def removed_meanwhile(source, target, *arguments, **options):
        if Path(source).is_relative_to(cache):
            copy(source, target, *arguments, **options)
            shutil.rmtree(source)
            raise FileNotFoundError(f"{source} was removed by another build")
        return copy(source, target, *arguments, **options)

    monkeypatch.setattr(search_index.shutil, "copytree", removed_meanwhile)
    assert index_site(built_copy, cache, quiet) == (pages, False)
    assert indexed_page_count(built_copy / "pagefind") == pages


def test_an_index_another_build_kept_first_is_not_an_error(built_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    (cache / "older-pages").mkdir(parents=True)
    write = search_index.write_bundle

    def another_build_finishes_first(site, bundle):
        write(site, bundle)
        shutil.copytree(bundle, cache / search_index.pages_digest(site))

    monkeypatch.setattr(search_index, "write_bundle", another_build_finishes_first)
    pages, reused = index_site(built_copy, cache, quiet)
    assert (pages, reused) == (len(SEARCHABLE), False)
    assert [entry.name for entry in cache.iterdir()] == [search_index.pages_digest(built_copy)]


def whole_bundle_problems(bundle: Path) -> list[str]:
    """Read back every file of a Pagefind bundle as a browser would need it: what is missing or broken."""
    problems = []
    for path in sorted(bundle.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            if not data:
                raise ValueError("empty")
            if path.suffix == ".json":
                json.loads(data)
            elif data[:2] == b"\x1f\x8b":
                gzip.decompress(data)
        except (ValueError, EOFError, OSError) as error:
            problems.append(f"{path.relative_to(bundle)}: {error}")
    if not problems:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        for language in entry["languages"].values():
            for name in (f"pagefind.{language['hash']}.pf_meta", f"wasm.{language['wasm']}.pagefind"):
                if not (bundle / name).is_file():
                    problems.append(f"{name} is listed but missing")
        if not entry["languages"]:
            problems.append("no index is listed")
    return problems


@pytest.fixture
def small_site(tmp_path) -> Path:
    """Three built pages, as Pagefind reads them, without building the sample site."""
    site = tmp_path / "small-site"
    for number, words in enumerate(("babies and parents", "family hubs funding", "care review response")):
        page = site / f"release-{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<!doctype html><html lang="en-GB"><head><title>Release {number}</title></head><body>'
            f"<main data-pagefind-body><h1>Release {number}</h1><p>Words about {words}.</p></main>"
            "</body></html>",
            encoding="utf-8",
        )
    return site


@pytest.fixture
def busy_machine():
    """Two busy processes for each core this test may use (at most 16), as on a shared build machine."""
    cores = len(os.sched_getaffinity(0))
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(min(2 * cores, 16))]
    yield
    for process in busy:
        process.kill()
        process.wait()


def test_twenty_fresh_indexes_on_a_busy_machine_are_each_whole_at_the_first_attempt(
    small_site, tmp_path, busy_machine
):
    notes: list[str] = []
    for run in range(20):
        pages, reused = index_site(small_site, tmp_path / f"cache-{run}", notes.append)
        assert (pages, reused) == (3, False)
        assert whole_bundle_problems(small_site / "pagefind") == [], f"index {run + 1} of 20"
    assert notes == []


def damaged_on_first_write(monkeypatch) -> list[Path]:
    """Make Pagefind's first bundle come out with an empty entry file, as the old Python API left it."""
    write = search_index.write_bundle
    written: list[Path] = []

    def write_then_damage(site, bundle):
        write(site, bundle)
        if not written:
            (bundle / "pagefind-entry.json").write_bytes(b"")
        written.append(bundle)

    monkeypatch.setattr(search_index, "write_bundle", write_then_damage)
    return written


def test_a_damaged_index_is_written_again_and_only_a_whole_one_is_kept(small_site, tmp_path, monkeypatch):
    written = damaged_on_first_write(monkeypatch)
    notes: list[str] = []
    cache = tmp_path / "cache"
    assert index_site(small_site, cache, notes.append) == (3, False)
    assert len(written) == 2
    assert notes == [
        "Search: Pagefind's index was not whole (pagefind-entry.json cannot be read (JSONDecodeError: "
        "Expecting value: line 1 column 1 (char 0))), so the site is indexed again (attempt 2 of 3).",
        "Search: attempt 2 wrote a whole index.",
    ]
    assert whole_bundle_problems(small_site / "pagefind") == []
    [kept] = cache.iterdir()
    assert whole_bundle_problems(kept) == []


def test_a_damaged_index_in_the_cache_is_not_reused_but_made_again(small_site, tmp_path):
    cache = tmp_path / "cache"
    index_site(small_site, cache, quiet)
    [kept] = cache.iterdir()
    fragment = next((kept / "fragment").iterdir())
    fragment.write_bytes(fragment.read_bytes()[:20])
    notes: list[str] = []
    assert index_site(small_site, cache, notes.append) == (3, False)
    assert [note.split(" (")[0] for note in notes] == [f"Search: the index kept in {kept} is damaged"]
    assert whole_bundle_problems(small_site / "pagefind") == []
    assert whole_bundle_problems(kept) == []
    assert index_site(small_site, cache, notes.append) == (3, True)


def test_an_index_that_is_never_whole_stops_the_build_saying_so_and_keeps_nothing(
    content_copy, tmp_path, monkeypatch, capfd
):
    write = search_index.write_bundle

    def always_damaged(site, bundle):
        write(site, bundle)
        (bundle / "pagefind-entry.json").write_bytes(b"")

    monkeypatch.setattr(search_index, "write_bundle", always_damaged)
    with pytest.raises(SearchIndexError) as stopped:
        build(content_copy, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    message = str(stopped.value)
    assert "Pagefind wrote no whole index in 3 attempts" in message
    assert "pagefind-entry.json cannot be read" in message
    assert "reinstall" not in message
    assert "(attempt 3 of 3)" in capfd.readouterr().err
    assert list((tmp_path / "cache").rglob("pagefind-entry.json")) == []


def test_a_missing_pagefind_program_says_to_run_setup(content_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(SearchIndexError) as stopped:
        build(content_copy, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    assert "could not be run" in str(stopped.value)
    assert "run scripts/setup to reinstall it" in str(stopped.value)


def test_a_publish_whose_index_had_to_be_written_again_says_so_in_its_log(
    content_copy, tmp_path, monkeypatch, capfd
):
    release = content_copy / "releases" / "2022" / "2022-05-23-care-review-response.md"
    # A word no other build has, so the index is written afresh rather than taken from the cache.
    release.write_text(release.read_text(encoding="utf-8") + f"\nA word of this run: w{uuid.uuid4().hex}.\n")
    damaged_on_first_write(monkeypatch)
    live = FolderTarget(tmp_path / "www")
    outcome = publish(ROOT / "publishconf.py", live, BuildStore(tmp_path / "store"), content=content_copy)
    assert outcome.deployed
    log = capfd.readouterr()
    assert "so the site is indexed again (attempt 2 of 3)" in log.out + log.err
    assert whole_bundle_problems(live.path / "pagefind") == []
