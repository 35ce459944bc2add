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

from pressroom.search import SearchIndexError, in_order
from pressroom.search import index as search_index
from pressroom.search.index import index_site, indexed_page_count
from publishing.publish import BuildStore, publish
from publishing.targets import FolderTarget

CARE_REVIEW = "Care Review must put support for parent-infant relationships at the heart of Family Help"
SAMPLE_SEARCHABLE = {
    "/releases/2022/care-review-response/",
    "/releases/2022/family-hubs-funding-response/",
    "/releases/2023/helen-hayes-mp-visits-leap/",
    "/releases/2025/mission-champions-online-event/",
    "/our-vision-the-1001-critical-days/",
}
# Two releases of 2024 in the First 1001 Days campaign: only the first says "press office" in its own text,
# and it quotes someone from outside the directory.
PRESS_OFFICE_TITLE = "Parents' stories reach MPs through the charity"
PRESS_OFFICE = f"""---
title: "{PRESS_OFFICE_TITLE}"
date: 2024-03-12
slug: parents-stories-reach-mps
type: press-release
summary: Families who want MPs to hear about their first years with a baby now have a way to be heard.
spokespeople: [sally-hogg]
quotes:
  - by: {{name: Dr Ada Example, role: Consultant, organisation: Example NHS Trust}}
    text: Hearing from families changes what MPs ask for.
topics: [family-hubs]
campaign: first-1001-days
---
Parents can write to our press office, which passes their stories to MPs with their permission.

[[quote 1]]
"""
SPENDING_TITLE = "Statement on the autumn Spending Review"
SPENDING = f"""---
title: {SPENDING_TITLE}
date: 2024-09-01
slug: autumn-spending-review
type: statement
summary: The settlement leaves parent-infant relationship teams without the funding they need.
spokespeople: [keith-reed]
topics: [early-years-policy]
campaign: first-1001-days
---
The Spending Review gives local areas no new money for parent-infant relationship teams.
"""
SEARCHABLE = SAMPLE_SEARCHABLE | {
    "/releases/2024/parents-stories-reach-mps/",
    "/releases/2024/autumn-spending-review/",
}
EVENT_TITLE = "Online event: what Labour's missions mean for babies and the next generation"
FAMILY_HUBS_TITLE = (
    "Family hubs funding for 75 councils is a welcome first step, says Parent-Infant Foundation"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("search")
    content = content_with_hidden_releases(folder)
    for name, text in (("press-office.md", PRESS_OFFICE), ("spending.md", SPENDING)):
        (content / "releases" / name).write_text(text, encoding="utf-8")
    # As a publish build: every page repeats the Content-Security-Policy, which search must live under.
    return build(content, folder / "output", CACHE_PATH=str(folder / "cache"), PRESSROOM_CSP_META=True)


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


# What every release page shows that is not the release's own text: its type and dates, the share bar,
# the spokespeople's cards, the media contact, the copy-ready box, the topics and the change history.
PAGE_FURNITURE = (
    "Share on", "Share this", "Spokespeople", "Media contact", "Use this", "Plain text", "Topics"
)  # fmt: skip


def test_only_the_release_s_own_text_is_indexed(site):
    pages = indexed_pages(site)
    furniture = {
        url: [words for words in PAGE_FURNITURE if words in record["content"]]
        for url, record in pages.items()
        if url.startswith("/releases/")
    }
    assert furniture == {url: [] for url in furniture}
    press_office = pages["/releases/2024/parents-stories-reach-mps/"]["content"]
    for own_words in (PRESS_OFFICE_TITLE, "Families who want MPs", "to our press office", "changes what"):
        assert own_words in press_office
    assert "About the Parent-Infant Foundation" in pages["/releases/2022/care-review-response/"]["content"]
    saying_it = {url for url, record in pages.items() if "press office" in record["content"].lower()}
    assert saying_it == {"/releases/2024/parents-stories-reach-mps/"}


def test_the_spokesperson_filter_offers_everyone_quoted(site):
    record = indexed_pages(site)["/releases/2024/parents-stories-reach-mps/"]
    assert record["filters"]["spokesperson"] == ["Sally Hogg", "Dr Ada Example"]


def sorted_by(site: Path, url: str) -> dict[str, str]:
    """What Pagefind sorts a page by (kept in its index, not in the page's record)."""
    return {
        element["data-pagefind-sort"]: element.get_text()
        for element in read_html(site, url).select("[data-pagefind-sort]")
    }


def test_releases_sort_by_publication_and_events_carry_when_they_take_place(site):
    assert sorted_by(site, "releases/2024/parents-stories-reach-mps/") == {
        "published": "2024-03-12T00:00:00+00:00"
    }
    # A page has no date: Pagefind would leave it out of a sorted list if it had no value at all.
    assert sorted_by(site, "our-vision-the-1001-critical-days/") == {"published": "0"}
    pages = indexed_pages(site)
    event = pages["/releases/2025/mission-champions-online-event/"]
    assert event["meta"]["when"] == "Thursday 27 February 2025, 12:30 to 13:30 GMT"
    assert "when" not in pages["/releases/2022/care-review-response/"]["meta"]


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
    # Fetched with the page, not after the script asks for it.
    assert page.select_one("link[rel=modulepreload]")["href"] == "/pagefind/pagefind.js"


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


def shuffled(bundle: Path) -> None:
    """Write each filter's values, and the metadata file's list of filters, in reverse order, each file
    named after its new bytes as Pagefind names it: an index as Pagefind may write it on another run."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_bytes())
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = in_order.unpacked(meta_path)
        filters = []
        for name, file in reversed(meta[in_order.FILTERS_IN_META]):
            path = bundle / "filter" / f"{file}.pf_filter"
            filter_name, values = in_order.unpacked(path)
            data = in_order.packed([filter_name, list(reversed(values))])
            new_name = f"{file}-shuffled"
            in_order.replace(path, path.with_name(f"{new_name}.pf_filter"), data)
            filters.append([name, new_name])
        meta[in_order.FILTERS_IN_META] = filters
        language["hash"] = f"{language['hash']}-shuffled"
        in_order.replace(meta_path, bundle / f"pagefind.{language['hash']}.pf_meta", in_order.packed(meta))
    entry_path.write_text(json.dumps(entry), encoding="utf-8")


def test_an_index_pagefind_wrote_in_another_order_is_put_in_the_same_order(site, tmp_path):
    """Pagefind writes filters in the order of a hash map: put in order, the same pages give the same
    bytes, so an unchanged site is not uploaded again and two builds can be compared."""
    bundle = shutil.copytree(site / "pagefind", tmp_path / "pagefind")
    shuffled(bundle)
    assert bundle_files(tmp_path) != bundle_files(site), "the shuffle changed the files"
    in_order.put_in_order(bundle)
    assert bundle_files(tmp_path) == bundle_files(site)


def test_an_index_laid_out_otherwise_stops_the_build_naming_the_pagefind_release(small_site, tmp_path):
    bundle = tmp_path / "bundle"
    search_index.write_bundle(small_site, bundle)
    meta = next(bundle.glob("*.pf_meta"))
    meta.write_bytes(in_order.packed(["1.5.2", []]))
    with pytest.raises(search_index.IndexFailed, match=r"not laid out as Pagefind 1\.5\.2 lays it out"):
        search_index.in_order(bundle)


def test_a_preview_build_writes_no_search_index(tmp_path):
    output = build(content_with_hidden_releases(tmp_path), tmp_path / "preview", PRESSROOM_PREVIEW=True)
    assert not (output / "pagefind").exists()
    assert read_html(output, "search/").select("link[rel=modulepreload]") == []


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
def test_a_search_for_press_office_finds_only_the_release_whose_own_text_says_it(search_page):
    """The phrase in quotes, as Pagefind reads it: unquoted, it also finds words that start the same (the
    news release's "Pressures" and "Public Health Officer"), which are its own words too."""
    search_page.get_by_label("Search releases and pages").fill('"press office"')
    search_page.locator("[data-search-status]").filter(has_text="result").wait_for()
    assert result_titles(search_page) == [PRESS_OFFICE_TITLE]
    excerpt = search_page.locator(".search-result-excerpt").first
    assert [mark.strip(",") for mark in excerpt.locator("mark").all_inner_texts()] == ["press", "office"]
    assert "Parents can write to our press office" in excerpt.inner_text()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("address", "newest_first"),
    [
        ("search/?year=2024", [SPENDING_TITLE, PRESS_OFFICE_TITLE]),
        (
            "search/?campaign=First+1001+Days",
            [EVENT_TITLE, SPENDING_TITLE, PRESS_OFFICE_TITLE, FAMILY_HUBS_TITLE],
        ),
        # A page has no date to sort by, and is listed all the same.
        ("search/?type=Page", ["Our vision: the 1001 critical days"]),
    ],
)
def test_browsing_by_a_filter_alone_lists_newest_first(chromium, site_url, address, newest_first):
    page = chromium.new_page()
    page.goto(site_url + address)
    page.locator("[data-search-status]").filter(has_text=f"{len(newest_first)} result").wait_for()
    assert result_titles(page) == newest_first
    # Without words an excerpt would only repeat the headline and standfirst.
    assert page.locator(".search-result-excerpt").count() == 0
    page.close()


@pytest.mark.browser
def test_a_filter_for_someone_quoted_from_outside_the_directory_finds_their_release(chromium, site_url):
    page = chromium.new_page()
    page.goto(site_url + "search/?spokesperson=Dr+Ada+Example")
    page.locator("[data-search-status]").filter(has_text="1 result").wait_for()
    assert result_titles(page) == [PRESS_OFFICE_TITLE]
    assert page.get_by_label("Spokesperson").input_value() == "Dr Ada Example"
    page.close()


@pytest.mark.browser
def test_an_event_result_says_when_the_event_takes_place(search_page):
    search_page.get_by_label("Search releases and pages").fill("mission champions")
    search_page.locator(".search-result").first.wait_for()
    event = search_page.locator(".search-result").filter(has_text=EVENT_TITLE)
    assert event.locator(".search-result-when").inner_text() == (
        "When: Thursday 27 February 2025, 12:30 to 13:30 GMT"
    )
    assert event.locator(".search-result-meta").inner_text() == "Event · 20 February 2025"


# Summed as Lighthouse sums them: every shift not caused by the reader's own input.
RECORD_LAYOUT_SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) {
      window.layoutShift += entry.value;
    }
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 1350, "height": 940}, {"width": 412, "height": 823}])
@pytest.mark.parametrize("address", ["search/?q=babies", "search/?year=2024", "search/"])
def test_the_search_page_does_not_move_as_it_loads(chromium, site_url, viewport, address):
    context = chromium.new_context(viewport=viewport)
    context.add_init_script(RECORD_LAYOUT_SHIFTS)
    page = context.new_page()
    page.goto(site_url + address)
    page.get_by_label("Search releases and pages").wait_for()
    if "?" in address:
        page.locator(".search-result").first.wait_for()
    # Two frames after the last change, so a shift it caused has been reported.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    shift = page.evaluate("() => window.layoutShift")
    context.close()
    assert shift < 0.1


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
        shutil.copytree(bundle, cache / search_index.pages_digest(search_index.indexed_pages(site)))

    monkeypatch.setattr(search_index, "write_bundle", another_build_finishes_first)
    pages, reused = index_site(built_copy, cache, quiet)
    assert (pages, reused) == (len(SAMPLE_SEARCHABLE), False)
    assert search_index.pages_digest(search_index.indexed_pages(built_copy)) in [
        entry.name for entry in cache.iterdir()
    ]


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


def pages_pagefind_reads(site: Path, tmp_path: Path, monkeypatch) -> list[str]:
    """Index `site`, noting every page in the folder Pagefind is given."""
    read: list[str] = []
    write = search_index.write_bundle

    def noting(folder: Path, bundle: Path) -> None:
        read.extend(sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.html")))
        write(folder, bundle)

    monkeypatch.setattr(search_index, "write_bundle", noting)
    index_site(site, tmp_path / "cache", report=print)
    return read


def test_pagefind_reads_only_the_pages_it_indexes(small_site, tmp_path, monkeypatch):
    """A listing holds no data-pagefind-body, so Pagefind would read it only to leave it out: most of a
    large site's pages are listings, and reading them cost time and memory."""
    listing = small_site / "topics" / "family-hubs" / "index.html"
    listing.parent.mkdir(parents=True)
    listing.write_text(
        "<!doctype html><html><body><ol><li>Release 1</li></ol></body></html>", encoding="utf-8"
    )
    assert pages_pagefind_reads(small_site, tmp_path, monkeypatch) == [
        f"release-{number}/index.html" for number in range(3)
    ]
    assert indexed_page_count(small_site / "pagefind") == 3


def test_a_site_that_marks_no_page_has_every_page_indexed_as_pagefind_would(
    small_site, tmp_path, monkeypatch
):
    for page in small_site.rglob("*.html"):
        page.write_text(page.read_text(encoding="utf-8").replace(" data-pagefind-body", ""), encoding="utf-8")
    assert len(pages_pagefind_reads(small_site, tmp_path, monkeypatch)) == 3
    assert indexed_page_count(small_site / "pagefind") == 3
