"""The browser editor driven through its real interface: Decap CMS from a built /admin/, the local backend
(decap-server) on a free port, and Chromium, all on 127.0.0.1, in a copy of the project."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from support.browser import AXE_SCRIPT, DEFAULT_AXE_TAGS, serve_directory
from support.site import FIXTURES, ROOT, SAMPLE_CONTENT, build, copy_project, read_html, site_settings

import pelicanconf
from pressroom.cms import local_backend
from pressroom.cms.editing import Editing
from pressroom.content_model.front_matter import read_document
from pressroom.content_model.loading import context_from_settings, load_source
from pressroom.content_model.scaffold import release_front_matter
from pressroom.validation.site_check import check_site

pytestmark = pytest.mark.browser

TITLE = "Charity responds to the 2029 Budget"
# Picked in the editor on a computer set to New York (19:01 there, the evening before), and meant, as the
# label says, as UK time: 00:01 in London, which is GMT in January.
EMBARGO = "2030-01-06T00:01"
BEFORE_EMBARGO = "2030-01-06T00:00+00:00"
AFTER_EMBARGO = "2030-01-06T00:02+00:00"
SAMPLE_RELEASES = sorted((SAMPLE_CONTENT / "releases").rglob("*.md"))
GOOD_FIXTURE = FIXTURES / "invalid_site" / "content" / "releases" / "good-policy-response.md"
EVENT = "2025/2025-02-27-mission-champions-online-event.md"
# Every sample release, the valid fixture release, and the sample event with a speaker as a bare id.
EDITED_RELEASES = [
    *(path.relative_to(SAMPLE_CONTENT / "releases").as_posix() for path in SAMPLE_RELEASES),
    f"2022/{GOOD_FIXTURE.name}",
]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project (settings, tasks, theme, plugins, content) that the editor may write into,
    with the valid fixture release beside the samples, and the sample event's speaker as a bare id."""
    project = copy_project(tmp_path_factory.mktemp("editing"))
    releases = project / "content" / "releases"
    shutil.copy(GOOD_FIXTURE, releases / "2022" / GOOD_FIXTURE.name)
    event = releases / EVENT
    bare = event.read_text(encoding="utf-8").replace("    - id: keith-reed\n", "    - keith-reed\n")
    event.write_text(bare, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def admin(project, chromium):
    """A logged-in editor page at /admin/ of a site built from the copy, saving through decap-server."""
    # A press officer travelling: the computer's clock is New York's, the site's is London's.
    context = chromium.new_context(timezone_id="America/New_York", viewport={"width": 1400, "height": 1000})
    try:
        with serving_the_editor(project, project / "content", project / "output") as url:
            page = context.new_page()
            page.goto(url + "admin/")
            page.get_by_role("button", name="Login").click()
            page.get_by_role("link", name="Policy responses").wait_for()
            yield SimpleNamespace(page=page, url=url)
    finally:
        context.close()


@contextmanager
def serving_the_editor(repository: Path, content: Path, output: Path, mode: str = "fs") -> Iterator[str]:
    """The site built from `content` with the editor, served on a free port, and decap-server behind its
    guard for that page, as `invoke edit` runs them; yields the site's address."""
    output.mkdir(parents=True, exist_ok=True)
    port, secret = local_backend.free_port(), local_backend.new_secret()
    cms = {
        **pelicanconf.CMS,
        "enabled": True,
        "local_backend": local_backend.api_url(port, secret),
        "local_backend_mode": mode,
    }
    with serve_directory(output) as url:
        build(content, output, CMS=cms)
        editor_port = urlsplit(url).port or 80
        editing = Editing(
            lambda: site_settings(content, output, PRESSROOM_PREVIEW=True),
            check_site,
            repository,
        )
        backend = local_backend.start(
            ROOT / "cms", repository, port, editor_port=editor_port, secret=secret, mode=mode, editing=editing
        )
        try:
            yield url
        finally:
            local_backend.stop(backend)


def publish(page) -> None:
    """Save, as the local editor names it ("Publish" online)."""
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Save now", exact=True).click()
    page.get_by_text("Changes saved", exact=True).wait_for()


def choose(page, label: str, text: str, index: int = 0) -> None:
    """Pick an option of a select field by typing part of its label, as a person would."""
    box = page.get_by_label(label, exact=True).nth(index)
    box.fill(text)
    box.press("Enter")


def type_until_shown(box, text: str) -> None:
    """Replace a field's text; Decap may redraw a form just opened, so retype until the text stays."""
    for _attempt in range(5):
        box.fill(text)
        page_wait = box.page.wait_for_timeout
        page_wait(300)
        if box.input_value() == text:
            return
    expect(box).to_have_value(text)


def run_task(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )


def every_text(output: Path) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8", errors="ignore") for path in output.rglob("*") if path.is_file()
    )


def test_a_policy_response_written_in_the_editor_checks_clean_and_waits_for_its_embargo(admin, project):
    page = admin.page
    page.goto(admin.url + "admin/#/collections/policy-response/new")
    page.get_by_label("Headline", exact=True).fill(TITLE)
    page.get_by_label("Standfirst").fill("The charity welcomes new money for family hubs and asks for more.")
    choose(page, "Spokespeople (optional)", "Keith")
    for index, (who, words) in enumerate(
        [("Keith", "A welcome first step."), ("Sally", "Babies cannot wait.")]
    ):
        page.get_by_role("button", name="Add quote").click()
        choose(page, "Said by", who, index)
        page.get_by_label("Words").nth(index).fill(words)
    page.get_by_label("Title of the report or announcement").fill("Autumn Budget 2029")
    page.get_by_label("Published by (optional)").fill("HM Treasury")
    page.get_by_label("Web address (optional)").fill("https://www.gov.uk/government/topical-events/budget")
    choose(page, "Topics (optional)", "Family hubs")
    page.get_by_label("Embargo (UK time) (optional)").fill(EMBARGO)
    choose(page, "Status (optional)", "Published")
    body = page.locator("[data-slate-editor='true']").last
    body.click()
    page.keyboard.type("The charity responded to the Budget today.")
    page.keyboard.press("Enter")
    page.keyboard.type("It asks for every area to have a parent-infant team.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Add Component").last.click()
    page.get_by_role("menuitem", name="Place quote").click()
    page.get_by_label("Quote number").fill("2")
    banner = page.frame_locator("iframe").first.locator(".preview-banner")
    expect(banner).to_have_text("EMBARGOED until 2030-01-06T00:01 UK time")
    publish(page)

    today = dt.datetime.now(ZoneInfo("Europe/London")).date()
    context, _ = context_from_settings(site_settings(project / "content", project / "output"))
    slug = context.slugify(TITLE)
    relative, _scaffold = release_front_matter("policy-response", TITLE, today, context.slugify)
    written = project / "content" / relative
    assert written.is_file(), "the editor writes where `invoke new` would"
    assert "[[quote 2]]" in read_document(written.read_text(encoding="utf-8")).body
    assert "\nembargo: 2030-01-06T00:01\n" in written.read_text(encoding="utf-8"), "the digits picked"

    checked = run_task(project, "check")
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr

    after = run_task(project, "build", "--at", AFTER_EMBARGO, "--output", str(project / "after"))
    assert after.returncode == 0, after.stderr
    # A release is published at the later of its date and its embargo, and filed under that year.
    page_html = read_html(project / "after", f"releases/2030/{slug}/")
    assert page_html.select_one("main h1").get_text(strip=True) == TITLE
    assert [name.get_text() for name in page_html.select(".quote .quote-name")] == [
        "Keith Reed",
        "Sally Hogg",
    ]

    before = run_task(project, "build", "--at", BEFORE_EMBARGO, "--output", str(project / "before"))
    assert before.returncode == 0, before.stderr
    assert (project / "before" / "index.html").is_file()
    published = every_text(project / "before")
    assert TITLE not in published and slug not in published and "Babies cannot wait" not in published


def release_as_read(path: Path, content: Path):
    """What the content model reads from a release file: the release, its front matter, body and problems."""
    settings = site_settings(content, content.parent / "unused")
    context, _ = context_from_settings(settings)
    release, document, problems = load_source(path, settings, context)
    problems = [(problem.severity, problem.field, problem.what) for problem in problems]
    return replace(release, source_path=""), document.data, document.body.strip(), problems


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("relative", EDITED_RELEASES, ids=lambda path: Path(path).stem)
def test_a_one_word_change_in_the_editor_changes_one_line_of_the_file(admin, project, relative):
    page = admin.page
    saved = project / "content" / "releases" / relative
    original = saved.read_text(encoding="utf-8")
    data = read_document(original).data
    page.goto(
        f"{admin.url}admin/#/collections/{data['type']}/entries/{Path(relative).with_suffix('').as_posix()}"
    )
    page.reload()  # Decap keeps the form of the entry open before when only the address's hash changes
    title = page.get_by_label("Headline", exact=True)
    headline = data["title"]
    expect(title).to_have_value(headline)
    type_until_shown(title, headline + " today")
    publish(page)

    after = saved.read_text(encoding="utf-8")
    assert len(changed_lines(original, after)) == 2, changed_lines(original, after)
    assert [line for line in original.splitlines() if "#" in line] == [
        line for line in after.splitlines() if "#" in line
    ], "comments stay"
    page.reload()
    expect(title).to_have_value(headline + " today")
    type_until_shown(title, headline)
    publish(page)
    assert saved.read_text(encoding="utf-8") == original, "changed back, the file is as it was"


def test_the_preview_of_a_release_has_no_accessibility_violations(admin):
    page = admin.page
    page.goto(
        f"{admin.url}admin/#/collections/policy-response/entries/2022/2022-04-02-family-hubs-funding-response"
    )
    page.reload()
    preview = page.frame_locator("iframe").first
    expect(preview.locator(".quote .quote-name").first).to_have_text("Keith Reed")
    expect(preview.locator(".preview-approximate")).to_have_count(0)  # told as the site tells it
    frame = next(frame for frame in page.frames if frame.query_selector("main article.release"))
    frame.add_script_tag(path=str(AXE_SCRIPT))
    violations = frame.evaluate(
        "async (options) => (await axe.run(document.querySelector('main'), options)).violations",
        {"runOnly": {"type": "tag", "values": list(DEFAULT_AXE_TAGS)}, "resultTypes": ["violations"]},
    )
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


@pytest.fixture
def workflow_admin(tmp_path, chromium):
    """The editor with the editorial workflow, as online: drafts on branches of a git repository."""
    repository = tmp_path / "repository"
    shutil.copytree(SAMPLE_CONTENT, repository / "content")
    for command in (
        ["init", "-q", "-b", "main"],
        ["config", "user.name", "Press officer"],
        ["config", "user.email", "press@example.org"],
        ["add", "."],
        ["commit", "-qm", "The press office's content"],
    ):
        git(repository, *command)
    context = chromium.new_context(timezone_id="Europe/London", viewport={"width": 1400, "height": 1000})
    try:
        with serving_the_editor(repository, repository / "content", tmp_path / "output", mode="git") as url:
            page = context.new_page()
            page.on("dialog", lambda dialog: dialog.accept())  # "Publish this entry?" asks for a yes
            page.goto(url + "admin/")
            page.get_by_role("button", name="Login").click()
            page.get_by_role("link", name="News").wait_for()
            yield SimpleNamespace(page=page, url=url, repository=repository)
    finally:
        context.close()


def git(repository: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repository), *args], check=True, capture_output=True, text=True
    ).stdout


def test_a_draft_goes_through_review_and_is_merged_only_when_published(workflow_admin):
    page, repository = workflow_admin.page, workflow_admin.repository
    page.goto(workflow_admin.url + "admin/#/collections/news/new")
    page.reload()
    page.get_by_label("Headline", exact=True).fill("Workflow draft")
    page.get_by_label("Standfirst").fill("A short standfirst.")
    page.get_by_label("Embargo (UK time) (optional)").fill(EMBARGO)
    page.locator("[data-slate-editor='true']").last.click()
    page.keyboard.type("Body text.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Entry saved").wait_for()

    today = dt.datetime.now(ZoneInfo("Europe/London")).date()
    name = f"{today:%Y}/{today.isoformat()}-workflow-draft"
    assert f"cms/news/{name}" in git(repository, "branch", "--list", "cms/*")
    # decap-server's git mode checks branches out in the repository's own folder while it works, so the
    # file may briefly be there; what matters is that main does not hold it.
    on_main = git(repository, "ls-tree", "-r", "--name-only", "main", "content/releases").split()
    assert f"content/releases/{name}.md" not in on_main, "a draft stays on its branch"

    page.get_by_role("button", name="Status: Draft").click()
    page.get_by_role("menuitem", name="In review").click()
    page.get_by_role("button", name="Status: In review").click()
    page.get_by_role("menuitem", name="Ready").click()
    page.get_by_role("button", name="Status: Ready").wait_for()

    page.goto(workflow_admin.url + "admin/#/collections/news")
    page.reload()
    expect(page.get_by_text("Workflow draft · DRAFT · EMBARGOED until 2030-01-06T00:01")).to_be_visible()

    page.goto(f"{workflow_admin.url}admin/#/collections/news/entries/{name}")
    page.reload()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_role("menuitem", name="Publish now").click()
    expect(page.get_by_text("Entry published")).to_be_visible()
    published = repository / "content" / "releases" / f"{name}.md"
    assert published.is_file()
    assert git(repository, "status", "--porcelain") == "", "publishing commits to main"
    assert git(repository, "branch", "--list", "cms/*") == ""
    _release, data, _body, problems = release_as_read(published, repository / "content")
    assert problems == [] and data["embargo"] == "2030-01-06T00:01"


@contextmanager
def editing_entry(admin, entry: str) -> Iterator[SimpleNamespace]:
    """`entry` (collection/entries/slug, or collection/new) open in a tab of its own, closed unsaved after."""
    page = admin.page.context.new_page()
    try:
        page.goto(f"{admin.url}admin/#/collections/{entry}")
        yield SimpleNamespace(page=page, preview=page.frame_locator("iframe").first)
    finally:
        page.close()


def parts_shown(locator) -> list[tuple[str, str]]:
    """Each element's name (or `quote`) and its words, spaces collapsed, as a reader meets them."""
    return [
        (name, " ".join(text.split()))
        for name, text in locator.evaluate_all(
            "parts => parts.map(part => part.classList.contains('quote')"
            " ? ['quote', part.querySelector('blockquote').textContent] : [part.localName, part.textContent])"
        )
    ]


def parts_on_page(page, selector: str) -> list[tuple[str, str]]:
    return [
        ("quote", " ".join(part.blockquote.get_text().split()))
        if "quote" in part.get("class", [])
        else (part.name, " ".join(part.get_text().split()))
        for part in page.select(selector)
    ]


def test_the_preview_places_quotes_and_dates_the_release_as_its_page_does(admin, project):
    relative = "2022/2022-04-02-family-hubs-funding-response"
    with editing_entry(admin, f"policy-response/entries/{relative}") as editing:
        preview = editing.preview
        expect(preview.locator(".release-date")).to_have_text("Published 2 April 2022")
        shown = parts_shown(preview.locator(".release-body > *"))
    page = read_html(project / "output", "releases/2022/family-hubs-funding-response/")
    assert shown == parts_on_page(page, ".release-body > *")
    quotes = [index for index, (name, _words) in enumerate(shown) if name == "quote"]
    # Quote 1 has no marker: after the lead paragraph, as on the site; quote 2 where its marker is.
    assert quotes[0] == 1 and shown[0][0] == "p"
    assert shown[quotes[1] - 1][1].endswith("rather than changes that fade once the funding ends.")
    assert shown[quotes[1]][1].startswith("It is essential for this funding")


# An event's facts, one element each: headings, its status, each term and value, each speaker's name and role.
EVENT_PARTS = ".event-details > :not(dl, .person), .event-facts > *, .person-name, .person-role"


def test_the_preview_gives_an_events_facts_as_its_page_does(admin, project):
    with editing_entry(admin, f"event/entries/{Path(EVENT).with_suffix('').as_posix()}") as editing:
        preview = editing.preview
        when = preview.locator(".event-facts dd").first
        expect(when).to_have_text("Thursday 27 February 2025, 12:30 to 13:30 GMT")
        expect(preview.locator(".release-date")).to_have_text("Published 20 February 2025")
        event = parts_shown(preview.locator(EVENT_PARTS))
        notes = parts_shown(preview.locator(".notes-to-editors > *"))
        expect(preview.locator(".preview-approximate")).to_have_count(0)
    page = read_html(project / "output", "releases/2025/mission-champions-online-event/")
    assert event == parts_on_page(page, EVENT_PARTS)
    assert notes == parts_on_page(page, ".notes-to-editors > *")


def test_an_entry_with_mistakes_is_previewed_from_its_fields_and_says_so(admin):
    with editing_entry(admin, "news/new") as editing:
        editing.page.get_by_label("Headline", exact=True).fill("A <b>bold</b> claim")
        preview = editing.preview
        expect(preview.locator(".problems-banner li").first).to_contain_text("contains HTML")
        expect(preview.locator(".preview-approximate")).to_have_text(
            "An approximate preview, drawn from the form: the site may show this release otherwise."
        )
        expect(preview.locator("main h1")).to_have_text("A <b>bold</b> claim")
        # Dated in words as the site dates it, from the day the form holds (whatever the computer's zone).
        day = dt.date.fromisoformat(editing.page.get_by_label("Date", exact=True).input_value()[:10])
        expect(preview.locator(".release-date")).to_have_text(f"Published {day.day} {day:%B %Y}")


def test_a_page_retitled_in_the_editor_keeps_its_old_address_with_an_earlier_address(admin, project):
    """A comms officer retitles a page, which moves its address, and gives the old one under 'Earlier
    web addresses': the file holds both, `invoke check` passes, and the old address leads to the page."""
    page = admin.page
    saved = project / "content" / "pages" / "our-vision.md"
    original = saved.read_text(encoding="utf-8")
    page.goto(f"{admin.url}admin/#/collections/pages/entries/our-vision")
    page.reload()
    title = page.get_by_label("Title", exact=True)
    expect(title).to_have_value("Our vision: the 1001 critical days")
    type_until_shown(title, "Our vision for the first 1001 days")
    type_until_shown(
        page.get_by_label("Earlier web addresses (optional)", exact=True),
        "our-vision-the-1001-critical-days/",
    )
    publish(page)
    try:
        data = read_document(saved.read_text(encoding="utf-8")).data
        assert data["title"] == "Our vision for the first 1001 days"
        assert data["previous_urls"] == ["our-vision-the-1001-critical-days/"]
        checked = run_task(project, "check")
        assert checked.returncode == 0, checked.stdout + checked.stderr
        output = project / "checked-output"
        build(project / "content", output)
        moved = read_html(output, "our-vision-the-1001-critical-days/")
        assert moved.select_one('link[rel="canonical"]')["href"].endswith(
            "/our-vision-for-the-first-1001-days/"
        )
    finally:
        saved.write_text(original, encoding="utf-8")
