"""A withdrawn release keeps its page, with a notice and noindex, and leaves everything that lists it."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import feedparser
import jsonschema
import pytest
from support.site import ROOT, SAMPLE_CONTENT, build, read_html

from pressroom.visibility import EmbargoLeak

NOW = "2026-06-05T09:00+01:00"
SOURCE = "releases/2022/2022-05-23-care-review-response.md"
ADDRESS = "releases/2022/care-review-response/"
TITLE = "Care Review must put support for parent-infant relationships at the heart of Family Help"
REASON = "It quoted figures from a draft of the review that the final report changed."
WITHDRAWAL = f"""status: withdrawn
withdrawn:
  date: 2026-06-03
  reason: {REASON}
previous_urls: [releases/2022/care-review/]
"""


def withdraw(content: Path) -> Path:
    path = content / SOURCE
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "type: policy-response\n", "type: policy-response\n" + WITHDRAWAL, 1
        ),
        encoding="utf-8",
    )
    return content


@pytest.fixture(scope="module")
def withdrawn_content(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("withdrawn") / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    return withdraw(content)


@pytest.fixture(scope="module")
def site(withdrawn_content) -> Path:
    # From the project's folder, as `invoke publish` runs: files are named relative to it.
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(withdrawn_content.parent)
        return build(
            withdrawn_content, withdrawn_content.parent / "output", "publishconf.py", PRESSROOM_NOW=NOW
        )


def files_naming(output: Path, needle: str) -> set[str]:
    return {
        path.relative_to(output).as_posix()
        for path in output.rglob("*")
        if path.is_file() and needle in path.read_bytes().decode("utf-8", errors="ignore")
    }


def test_its_page_stays_with_a_notice_giving_the_date_and_reason_and_is_not_indexed(site):
    page = read_html(site, ADDRESS)
    assert page.select_one("h1").get_text() == TITLE
    notice = page.select_one(".withdrawal-notice")
    assert notice.select_one("h2").get_text() == "This policy response was withdrawn on 3 June 2026"
    assert notice.select_one("time")["datetime"] == "2026-06-03T00:00:00+01:00"
    assert notice.select_one("p").get_text() == REASON
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.select_one("title").get_text().startswith(f"[Withdrawn] {TITLE}")
    # No share links, copy-ready files or search entry lead anyone to pass it on as current.
    assert not page.select(".share-bar, .copy-ready, [data-pagefind-body], .release-topics")
    assert not list((site / ADDRESS).glob("*.txt")) and not list((site / ADDRESS).glob("*.pdf"))
    # Its earlier address still leads to it.
    assert f"{ADDRESS}" in read_html(site, "releases/2022/care-review/").find("link", rel="canonical")["href"]


def test_it_leaves_every_listing_sitemap_search_and_card(site):
    announcing = {"releases.json", *(f"feeds/{name}" for name in feed_files(site))}
    own = {f"{ADDRESS}index.html", "releases/2022/care-review/index.html"}
    assert files_naming(site, "care-review-response") == own | announcing
    assert files_naming(site, TITLE) == own | announcing
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        assert b"care-review-response" not in gzip.decompress(fragment.read_bytes())
    assert not list((site / "cards").rglob("care-review-response*"))


def feed_files(site: Path) -> set[str]:
    return {
        path.relative_to(site / "feeds").as_posix()
        for path in (site / "feeds").rglob("*")
        if path.is_file() and "care-review-response" in path.read_text(encoding="utf-8")
    }


def test_every_feed_it_was_in_carries_the_withdrawal_as_an_update(site):
    # Its type, and those of its topics that still have a public release (a feed with nothing public
    # left is no longer written).
    stems = {
        "all",
        "type/policy-responses",
        "topic/early-years-policy",
        "topic/parent-infant-relationship-teams",
    }
    assert feed_files(site) == {
        stem + suffix for stem in stems for suffix in (".atom.xml", ".rss.xml", ".json")
    }
    summary = f"This policy response was withdrawn on 3 June 2026. {REASON}"
    for stem in stems:
        for suffix in (".atom.xml", ".rss.xml"):
            feed = feedparser.parse((site / "feeds" / (stem + suffix)).read_bytes())
            [entry] = [entry for entry in feed.entries if entry.link.endswith(ADDRESS)]
            assert (entry.title, entry.summary) == (f"Withdrawn: {TITLE}", summary)
            assert "parent-infant relationships" not in entry.content[0]["value"]
            if suffix == ".atom.xml":  # RSS 2.0 has no date of change
                assert entry.updated == "2026-06-03T00:00:00+01:00"
        items = json.loads((site / "feeds" / f"{stem}.json").read_text(encoding="utf-8"))["items"]
        [item] = [item for item in items if item["url"].endswith(ADDRESS)]
        assert (item["title"], item["summary"]) == (f"Withdrawn: {TITLE}", summary)
        assert item["date_modified"] == "2026-06-03T00:00:00+01:00"


def test_releases_json_marks_it_withdrawn_and_its_schema_knows_the_field(site):
    archive = json.loads((site / "releases.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "releases.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(archive)) == []
    records = {record["id"]: record for record in archive["releases"]}
    assert records["2022-05-23-care-review-response"]["withdrawn"] == {
        "date": "2026-06-03T00:00:00+01:00",
        "reason": REASON,
    }
    assert records["2022-04-02-family-hubs-funding-response"]["withdrawn"] is None


def test_its_preview_says_it_is_withdrawn(withdrawn_content, tmp_path):
    output = build(withdrawn_content, tmp_path / "preview", PRESSROOM_NOW=NOW, PRESSROOM_PREVIEW=True)
    page = read_html(output, ADDRESS)
    assert page.select_one(".preview-state").get_text().startswith("WITHDRAWN on 3 June 2026")
    assert page.select_one(".withdrawal-notice")


def test_a_theme_that_lists_it_anywhere_else_fails_the_build(withdrawn_content, tmp_path):
    theme = tmp_path / "leaky-theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    leak = "<!-- {% for a in hidden_articles %}{{ a.title }}{% endfor %} --></body>"
    base.write_text(base.read_text().replace("</body>", leak))
    with pytest.raises(EmbargoLeak) as caught:
        build(withdrawn_content, tmp_path / "output", "publishconf.py", PRESSROOM_NOW=NOW, THEME=str(theme))
    leaked = {leak.output_file for leak in caught.value.leaks}
    assert "index.html" in leaked and f"{ADDRESS}index.html" not in leaked
    told = [str(leak) for leak in caught.value.leaks]
    assert all(f"{line}\n" in f"{caught.value}\n" for line in told)
    suffix = "review-response.md, which may appear only on its own page and in the notices of its withdrawal"
    assert all(" of the withdrawn release " in line and line.endswith(suffix) for line in told)


def test_a_withdrawn_event_invites_nobody_to_join_or_register(content_copy, tmp_path):
    path = content_copy / "releases/2025/2025-02-27-mission-champions-online-event.md"
    withdrawal = (
        "type: event\nstatus: withdrawn\nwithdrawn:\n  date: 2025-02-21\n  reason: The event was cancelled.\n"
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace("type: event\n", withdrawal, 1), encoding="utf-8"
    )
    output = build(content_copy, tmp_path / "output", "publishconf.py", PRESSROOM_NOW="2025-02-24T09:00Z")
    page = read_html(output, "releases/2025/mission-champions-online-event/")
    assert page.select_one(".withdrawal-notice p").get_text() == "The event was cancelled."
    assert page.select_one(".event-details")  # what it was stays on record
    assert not page.select(".event-actions, .event-registration")
    assert "Join the event online" not in page.get_text()
    assert not list((output / "releases/2025/mission-champions-online-event").glob("*.ics"))


@pytest.mark.parametrize(("now", "refused"), [("2026-06-02T23:30+01:00", True), (NOW, False)])
def test_a_withdrawal_dated_after_today_is_an_error_on_its_line(withdrawn_content, now, refused):
    """The release comes down at the next publish: a notice saying 'withdrawn on' a day still to come
    would be untrue. The same file is right once that day comes."""
    from support.site import site_settings

    from pressroom.validation.site_check import check_site

    settings = site_settings(withdrawn_content, withdrawn_content.parent / "unused", PRESSROOM_NOW=now)
    errors = [str(problem) for problem in check_site(settings).errors]
    expected = (
        f"{SOURCE}:8: withdrawn.date: is 3 June 2026, after today (2 June 2026): the release is taken down "
        "at the next publish, and its notice would say it was withdrawn on a day still to come — give the "
        "day it was withdrawn, today (2026-06-02) or earlier"
    )
    assert [error.split("content/", 1)[-1] for error in errors] == ([expected] if refused else [])
