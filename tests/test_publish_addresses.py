"""A publish never takes away a live address by mistake: a release still public whose address would go
stops the publish with the line that keeps it; one taken down on purpose goes, and the publish says so."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support.site import ROOT, SAMPLE_CONTENT, read_html

from publishing.publish import BuildStore, PublishFailed, publish, rollback
from publishing.targets import FolderTarget, RsyncTarget

CONFIG = ROOT / "publishconf.py"
SITE = "https://press.parentinfantfoundation.org.uk"
RELEASE = """---
title: {title}
date: 2022-06-01
type: statement
summary: A short standfirst about the review.
{more}---
The body of the release.
"""
FILE = "releases/2022/review.md"
OLD = "releases/2022/charity-welcomes-the-review/"


def write(content: Path, title: str = "Charity welcomes the review", more: str = "", name: str = FILE):
    path = content / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(RELEASE.format(title=title, more=more), encoding="utf-8")
    return path


class Log(list):
    """What a publish says, line by line."""

    def __call__(self, line: str) -> None:
        self.append(line)


@pytest.fixture
def site(content) -> Path:
    """No releases yet, and the one page the navigation links to."""
    shutil.copy(SAMPLE_CONTENT / "pages" / "our-vision.md", content / "pages")
    return content


@pytest.fixture
def live(tmp_path):
    return FolderTarget(tmp_path / "www")


@pytest.fixture
def store(tmp_path) -> BuildStore:
    return BuildStore(tmp_path / "store")


@pytest.fixture
def published(site, live, store) -> Path:
    """The small site published once, with its one release at OLD."""
    write(site)
    publish(CONFIG, live, store, progress=Log(), content=site)
    assert (live.path / OLD / "index.html").is_file()
    return site


def refusal(site, live, store) -> str:
    before = sorted(path.name for path in store.builds.iterdir())
    with pytest.raises(PublishFailed) as stopped:
        publish(CONFIG, live, store, progress=Log(), content=site)
    assert (live.path / OLD / "index.html").is_file()
    assert sorted(path.name for path in store.builds.iterdir()) == before
    return str(stopped.value)


def line_to_add(message: str) -> str:
    """The line the refusal says to add, as a person copies it from between the quotation marks."""
    [line] = re.findall(r'add the line "([^"]+)" to its front matter', message)
    return line


def redirects_to(output: Path, old: str, new: str) -> bool:
    page = read_html(output, old)
    return page.select_one('link[rel="canonical"]')["href"] == f"{SITE}/{new}"


def test_a_retitle_without_a_slug_is_refused_with_the_line_that_keeps_the_address(published, live, store):
    path = write(published, title="Charity welcomes the independent review")
    message = refusal(published, live, store)
    assert f"{path}: previous_urls: this publish would remove its live address /{OLD}" in message
    assert "(its page is now at /releases/2022/charity-welcomes-the-independent-review/)" in message
    assert line_to_add(message) == f"previous_urls: [{OLD}]"
    assert message.endswith("1 problem(s): nothing was published.")

    # Pasted as it is given, the line is read back and the old address leads to the new page.
    write(published, title="Charity welcomes the independent review", more=line_to_add(message) + "\n")
    assert publish(CONFIG, live, store, progress=Log(), content=published).deployed
    new = "releases/2022/charity-welcomes-the-independent-review/"
    assert (live.path / new / "index.html").is_file()
    assert redirects_to(live.path, OLD, new)


def test_a_changed_slug_is_refused_and_a_list_written_as_lines_gets_one_more_line(site, live, store):
    earlier = "releases/2021/an-older-address/"
    more = f"slug: charity-welcomes-the-review\nprevious_urls:\n    - {earlier}\n"
    write(site, more=more)
    publish(CONFIG, live, store, progress=Log(), content=site)
    write(site, more=more.replace("slug: charity-welcomes-the-review", "slug: review-welcomed"))
    message = refusal(site, live, store)
    assert f'add "    - {OLD}" under its previous_urls' in message
    assert re.search(r"review\.md:7: previous_urls:", message)

    fixed = more.replace("slug: charity-welcomes-the-review", "slug: review-welcomed") + f"    - {OLD}\n"
    write(site, more=fixed)
    assert publish(CONFIG, live, store, progress=Log(), content=site).deployed
    assert redirects_to(live.path, OLD, "releases/2022/review-welcomed/")
    assert redirects_to(live.path, earlier, "releases/2022/review-welcomed/")


def test_a_removed_earlier_address_is_refused_with_the_list_to_write(site, live, store):
    write(site, more="previous_urls: [releases/2021/first/, releases/2021/second/]\n")
    publish(CONFIG, live, store, progress=Log(), content=site)
    write(site, more="previous_urls: [releases/2021/first/]\n")
    message = refusal(site, live, store)
    assert "would remove its live address /releases/2021/second/" in message
    both = "previous_urls: [releases/2021/first/, releases/2021/second/]"
    assert f'change its previous_urls line to "{both}"' in message


def test_a_new_date_in_another_year_is_refused_on_every_target(published, tmp_path, store):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    target = RsyncTarget(f"{mirror}/")
    publish(CONFIG, target, store, progress=Log(), content=published)
    path = published / FILE
    path.write_text(path.read_text("utf-8").replace("date: 2022-06-01", "date: 2023-01-10"), "utf-8")
    with pytest.raises(PublishFailed, match=re.escape(f'"previous_urls: [{OLD}]"')):
        publish(CONFIG, target, store, progress=Log(), content=published)
    assert (mirror / OLD / "index.html").is_file()


@pytest.mark.parametrize(
    "taken_down",
    ["status: draft\n", "embargo: 2099-01-01T00:01\n"],
    ids=["a draft again", "embargoed again"],
)
def test_a_release_taken_down_on_purpose_goes_and_the_publish_says_so(published, live, store, taken_down):
    write(published, more=taken_down)
    log = Log()
    assert publish(CONFIG, live, store, progress=log, content=published).deployed
    assert not (live.path / OLD).exists()
    assert f"Taking down /{OLD}: {published / FILE} is no longer public." in log


def test_a_withdrawn_release_keeps_its_address(published, live, store):
    write(published, more="status: withdrawn\nwithdrawn:\n  date: 2022-06-02\n  reason: It was wrong.\n")
    log = Log()
    assert publish(CONFIG, live, store, progress=log, content=published).deployed
    assert (live.path / OLD / "index.html").is_file()
    assert not [line for line in log if "aking down" in line]


def test_a_deleted_release_goes_with_a_warning_that_says_how_to_retract_instead(published, live, store):
    (published / FILE).unlink()
    write(published, title="Another release", name="releases/2022/another.md")
    log = Log()
    assert publish(CONFIG, live, store, progress=log, content=published).deployed
    assert not (live.path / OLD).exists()
    [warning] = [line for line in log if line.startswith("WARNING: taking down")]
    assert f"since {published / FILE} was deleted" in warning and "withdraw it instead" in warning


def test_a_release_moved_to_another_file_name_keeps_being_checked(published, live, store):
    (published / FILE).unlink()
    moved = write(published, title="Charity welcomes the full review", name="releases/2023/review.md")
    message = refusal(published, live, store)
    assert f"{moved}: previous_urls: this publish would remove its live address /{OLD}" in message


def test_a_page_retitled_without_a_slug_is_refused_then_its_old_address_leads_to_it(site, live, store):
    """A page takes previous_urls as a release does: the refusal gives the line, and with it the old
    address leads to the page's new one."""
    page = site / "pages" / "about.md"
    page.write_text("---\ntitle: About us\n---\nWho we are.\n", encoding="utf-8")
    write(site)
    publish(CONFIG, live, store, progress=Log(), content=site)
    page.write_text("---\ntitle: About the charity\n---\nWho we are.\n", encoding="utf-8")
    with pytest.raises(PublishFailed) as stopped:
        publish(CONFIG, live, store, progress=Log(), content=site)
    message = str(stopped.value)
    assert f"{page}: previous_urls: this publish would remove its live address /about-us/" in message
    line = line_to_add(message)
    assert line == "previous_urls: [about-us/]"

    page.write_text(f"---\ntitle: About the charity\n{line}\n---\nWho we are.\n", encoding="utf-8")
    publish(CONFIG, live, store, progress=Log(), content=site)
    assert redirects_to(live.path, "about-us/", "about-the-charity/")
    assert (
        read_html(live.path, "about-the-charity/").select_one("h1").get_text(strip=True)
        == "About the charity"
    )


def test_a_draft_page_s_earlier_address_leads_nowhere(site, live, store):
    """Only a published page's old addresses lead on: a draft's would give its new address away."""
    page = site / "pages" / "plans.md"
    page.write_text("---\ntitle: Our plans\nstatus: draft\nprevious_urls: [old-plans/]\n---\nSoon.\n")
    write(site)
    publish(CONFIG, live, store, progress=Log(), content=site)
    assert not (live.path / "old-plans").exists()


def test_a_live_build_without_its_addresses_never_blocks_and_says_so_once(published, live, store):
    for record in store.addresses_folder.iterdir():
        record.unlink()
    write(published, title="Charity welcomes the independent review")
    log = Log()
    assert publish(CONFIG, live, store, progress=log, content=published).deployed
    said = [line for line in log if "was made before publishes kept them" in line]
    assert len(said) == 1 and "the next one will" in said[0]

    page = published / "pages" / "our-vision.md"
    page.write_text(page.read_text("utf-8").replace("\n---\n", "\n---\nA new first line.\n", 1), "utf-8")
    log = Log()
    assert publish(CONFIG, live, store, progress=log, content=published).deployed
    assert not [line for line in log if "was made before publishes kept them" in line]


def test_an_unchanged_publish_keeps_the_addresses_the_live_build_lacked(published, live, store):
    for record in store.addresses_folder.iterdir():
        record.unlink()
    assert not publish(CONFIG, live, store, progress=Log(), content=published).deployed
    assert store.addresses(store.history()[-1]) == {
        OLD: FILE,
        "our-vision-the-1001-critical-days/": "pages/our-vision.md",
    }


def test_after_a_rollback_the_next_publish_is_checked_against_the_build_put_back(published, live, store):
    write(published, more="slug: charity-welcomes-the-review\n")
    write(published, title="Another release", name="releases/2022/another.md")
    publish(CONFIG, live, store, progress=Log(), content=published)
    rollback(CONFIG, live, store, progress=Log(), content=published)
    (published / "releases/2022/another.md").unlink()
    write(published, title="Charity welcomes the independent review")
    message = refusal(published, live, store)
    assert f"previous_urls: [{OLD}]" in message


def test_the_addresses_of_builds_no_longer_kept_are_removed(published, live, store):
    for number in range(6):
        live_addresses = store.addresses(store.history()[-1]) or {}
        earlier = sorted(address for address, name in live_addresses.items() if name == FILE)
        write(
            published,
            title=f"Charity welcomes the review {number}",
            more=f"slug: review-{number}\nprevious_urls: [{', '.join(earlier)}]\n",
        )
        publish(CONFIG, live, store, progress=Log(), content=published)
    kept = {path.name.removesuffix(".json") for path in store.addresses_folder.iterdir()}
    assert kept == set(store.history())


def test_a_publish_with_a_moved_clock_is_checked_too(published, live, store):
    write(published, title="Charity welcomes the independent review")
    with pytest.raises(PublishFailed, match=re.escape(f'"previous_urls: [{OLD}]"')):
        moved = {"at": "2099-01-01T00:00", "moved_clock": True}
        publish(CONFIG, live, store, progress=Log(), content=published, **moved)
    assert (live.path / OLD / "index.html").is_file()
