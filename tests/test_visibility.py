"""The build's clock decides what is public: embargoed and draft releases leave no trace before their time."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from support.site import ROOT, SAMPLE_NOW, read_html

from pressroom.content_model.clock import ClockError, build_clock
from pressroom.content_model.decision import decide
from pressroom.content_model.model import RELEASE_TYPES, Release, Withdrawal
from pressroom.visibility import EmbargoLeak

EMBARGOED = """---
title: "Embargoed: the charity's verdict on the Care Review & what's next"
date: 2022-05-23
slug: care-review-verdict
type: press-release
summary: Not public before one minute past midnight on 23 May 2022.
embargo: 2022-05-23T00:01+01:00
spokespeople: [sally-hogg]
quotes:
  - by: sally-hogg
    text: Words nobody may print before the embargo lifts.
topics: [childrens-social-care]
campaign: first-1001-days
---
The lead paragraph of an embargoed release.
"""
DRAFT = """---
title: A statement still being drafted
date: 2022-01-10
slug: unfinished-statement
type: statement
status: draft
summary: Work in progress.
topics: [childrens-social-care]
---
Not ready.
"""
BEFORE = "2022-05-23T00:00+01:00"
AFTER = "2022-05-23T00:01+01:00"


@pytest.fixture
def embargo_content(content_copy) -> Path:
    (content_copy / "releases" / "2022" / "embargoed.md").write_text(EMBARGOED, encoding="utf-8")
    (content_copy / "releases" / "2022" / "draft.md").write_text(DRAFT, encoding="utf-8")
    return content_copy


def files_mentioning(output: Path, *needles: str) -> set[str]:
    """Every output file whose path or text contains any needle, read as plain text."""
    found = set()
    for path in output.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(output).as_posix()
        text = path.read_bytes().decode("utf-8", errors="ignore")
        if any(needle in relative or needle in text for needle in needles):
            found.add(relative)
    return found


def test_clock_comes_from_setting_then_source_date_epoch_then_now():
    assert build_clock({"PRESSROOM_NOW": AFTER}, {}) == dt.datetime(2022, 5, 22, 23, 1, tzinfo=dt.UTC)
    assert build_clock({}, {"SOURCE_DATE_EPOCH": "1653260460"}) == dt.datetime(
        2022, 5, 22, 23, 1, tzinfo=dt.UTC
    )
    before = dt.datetime.now(dt.UTC)
    assert before <= build_clock({}, {}) <= dt.datetime.now(dt.UTC)


def test_a_clock_without_an_offset_is_the_sites_wall_clock_time():
    london = {"TIMEZONE": "Europe/London"}
    assert build_clock({**london, "PRESSROOM_NOW": "2022-05-23T00:01"}, {}) == dt.datetime(
        2022, 5, 22, 23, 1, tzinfo=dt.UTC
    )
    assert build_clock({**london, "PRESSROOM_NOW": "2022-12-03T00:01"}, {}) == dt.datetime(
        2022, 12, 3, 0, 1, tzinfo=dt.UTC
    )


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        ("2026-10-25T01:30", "happens twice"),
        ("2026-03-29T01:30", "does not happen"),
        ("tomorrow", "is not a date-time"),
    ],
)
def test_clock_refuses_a_moment_it_cannot_tell(bad, said):
    with pytest.raises(ClockError) as refused:
        build_clock({"TIMEZONE": "Europe/London", "PRESSROOM_NOW": bad}, {})
    assert said in str(refused.value)
    assert "+01:00" not in str(refused.value) or "(BST)" in str(refused.value)


def test_before_its_embargo_a_release_is_absent_from_every_output_file(build_site, embargo_content):
    output = build_site(embargo_content, config="publishconf.py", PRESSROOM_NOW=BEFORE)
    assert read_html(output, "releases/2022/care-review-response/").select_one("h1")
    assert (
        files_mentioning(output, "Embargoed: the charity", "care-review-verdict", "Words nobody may") == set()
    )
    assert files_mentioning(output, "A statement still being drafted", "unfinished-statement") == set()


def test_from_its_embargo_a_release_is_everywhere_releases_are_listed(build_site, embargo_content):
    output = build_site(embargo_content, config="publishconf.py", PRESSROOM_NOW=AFTER)
    page = read_html(output, "releases/2022/care-review-verdict/")
    assert (
        page.select_one("h1").get_text()
        == "Embargoed: the charity's verdict on the Care Review & what's next"
    )
    listings = {"index.html", "press-releases/index.html", "topics/childrens-social-care/index.html"}
    mentioning = files_mentioning(output, "care-review-verdict")
    assert listings | {"releases/2022/care-review-verdict/index.html"} <= mentioning
    slices = (
        "all",
        "type/press-releases",
        "topic/childrens-social-care",
        "campaign/first-1001-days",
        "spokesperson/sally-hogg",
    )
    feeds = {f"feeds/{name}.{extension}" for name in slices for extension in ("atom.xml", "rss.xml", "json")}
    assert feeds <= mentioning
    assert files_mentioning(output, "unfinished-statement") == set()


def test_source_date_epoch_is_the_clock_when_no_moment_is_given(build_site, embargo_content, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1653260399")  # 2022-05-22T23:59:59+01:00, a second too early
    output = build_site(embargo_content, config="publishconf.py")
    assert not (output / "releases/2022/care-review-verdict").exists()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1653260460")  # 2022-05-23T00:01:00+01:00, the embargo
    shutil.rmtree(output)
    output = build_site(embargo_content, config="publishconf.py")
    assert (output / "releases/2022/care-review-verdict/index.html").exists()


def test_a_template_that_leaks_an_embargoed_title_fails_the_build(build_site, embargo_content, tmp_path):
    theme = tmp_path / "leaky-theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    base.write_text(
        base.read_text().replace("</body>", "<!-- {% for d in drafts %}{{ d.title }}{% endfor %} --></body>")
    )
    with pytest.raises(EmbargoLeak) as caught:
        build_site(embargo_content, config="publishconf.py", PRESSROOM_NOW=BEFORE, THEME=str(theme))
    leaked = {leak.output_file for leak in caught.value.leaks}
    assert "index.html" in leaked
    assert {Path(leak.release).name for leak in caught.value.leaks} >= {"embargoed.md", "draft.md"}
    assert "the build has failed" in str(caught.value)


def test_preview_shows_drafts_and_embargoed_releases_with_a_banner_and_noindex(build_site, embargo_content):
    output = build_site(embargo_content, PRESSROOM_NOW=BEFORE, PRESSROOM_PREVIEW=True)
    embargoed = read_html(output, "releases/2022/care-review-verdict/")
    assert embargoed.select_one(".preview-state").get_text() == "EMBARGOED until 23 May 2022, 00:01 BST"
    draft = read_html(output, "releases/2022/unfinished-statement/")
    assert draft.select_one(".preview-state").get_text() == "DRAFT — not published"
    public = read_html(output, "releases/2022/care-review-response/")
    assert public.select_one(".preview-banner") and not public.select_one(".preview-state")
    for page in (embargoed, draft, public):
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert (output / "robots.txt").read_text().splitlines() == ["User-agent: *", "Disallow: /"]


def write_png(path: Path, colour: str) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (12, 8), colour).save(path)


def test_the_image_of_a_hidden_release_is_not_published_until_the_release_is(build_site, embargo_content):
    write_png(embargo_content / "images" / "verdict-photo-embargoed.png", "red")
    write_png(embargo_content / "images" / "office.png", "blue")  # named by nothing: never published
    embargoed = embargo_content / "releases" / "2022" / "embargoed.md"
    embargoed.write_text(
        embargoed.read_text().replace(
            "campaign: first-1001-days\n",
            "campaign: first-1001-days\n"
            "image:\n  src: images/verdict-photo-embargoed.png\n  alt: The panel\n",
        )
    )
    output = build_site(embargo_content, config="publishconf.py", PRESSROOM_NOW=BEFORE)
    assert not (output / "images").exists()
    assert files_mentioning(output, "verdict-photo-embargoed") == set()

    shutil.rmtree(output)
    output = build_site(embargo_content, config="publishconf.py", PRESSROOM_NOW=AFTER)
    assert (output / "images" / "verdict-photo-embargoed.png").is_file()
    page = read_html(output, "releases/2022/care-review-verdict/")
    assert page.select_one(".release-image img")["src"].endswith("/images/verdict-photo-embargoed.png")


def leaky_theme(tmp_path: Path, leaked: str) -> Path:
    """The theme with a comment on every page that prints `leaked` of each draft: a template mistake."""
    theme = tmp_path / "leaky-theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    comment = f"<!-- {{% for d in drafts %}}{{{{ {leaked} }}}}{{% endfor %}} --></body>"
    base.write_text(base.read_text().replace("</body>", comment))
    return theme


@pytest.mark.parametrize(
    "ordinary_title",
    [
        "Children's social care",  # a topic's name, on every page of that topic
        "Family hubs funding for 75 councils is a welcome first step, says Parent-Infant Foundation",  # older
    ],
)
def test_a_hidden_release_titled_with_an_ordinary_phrase_does_not_stop_the_build(
    build_site, embargo_content, ordinary_title, tmp_path
):
    embargoed = embargo_content / "releases" / "2022" / "embargoed.md"
    original = "\"Embargoed: the charity's verdict on the Care Review & what's next\""
    embargoed.write_text(embargoed.read_text().replace(original, json.dumps(ordinary_title)))
    output = build_site(embargo_content, config="publishconf.py", PRESSROOM_NOW=BEFORE)
    assert not (output / "releases/2022/care-review-verdict").exists()
    assert files_mentioning(output, "Words nobody may print", "care-review-verdict") == set()

    # What does identify it is still searched for: its standfirst, leaked by a template, fails the build.
    shutil.rmtree(output)
    with pytest.raises(EmbargoLeak) as caught:
        build_site(
            embargo_content,
            config="publishconf.py",
            PRESSROOM_NOW=BEFORE,
            THEME=str(leaky_theme(tmp_path, "d.summary")),
        )
    found = {(leak.output_file, Path(leak.release).name, leak.found) for leak in caught.value.leaks}
    assert (
        "index.html",
        "embargoed.md",
        "the passage “not public before one minute past midnight on 23 may 2022.”",
    ) in found


def test_a_template_that_leaks_a_hidden_quote_fails_the_build(build_site, embargo_content, tmp_path):
    theme = leaky_theme(tmp_path, "d.release.quotes[0].text if d.release.quotes else ''")
    with pytest.raises(EmbargoLeak) as caught:
        build_site(embargo_content, config="publishconf.py", PRESSROOM_NOW=BEFORE, THEME=str(theme))
    quote = "the passage “words nobody may print before the embargo lifts.”"
    assert any(leak.found == quote for leak in caught.value.leaks)


def add_draft(content: Path, head: str, body: str = "The wording is still being agreed.") -> Path:
    """A draft statement with `head` (its title, and a slug if given) among the sample releases."""
    draft = content / "releases" / "2022" / "draft-in-progress.md"
    draft.write_text(
        f"---\n{head}date: 2022-06-10\ntype: statement\nstatus: draft\n"
        f"summary: A statement the press office has not finished.\n---\n{body}\n",
        encoding="utf-8",
    )
    return draft


def leaks_shown(build_site, content: Path, tmp_path: Path, shown: str) -> set[tuple[str, str, str]]:
    """(file, release, what) of every leak when every page shows `shown` of each hidden release."""
    with pytest.raises(EmbargoLeak) as caught:
        build_site(content, PRESSROOM_NOW=AFTER, THEME=str(leaky_theme(tmp_path, shown)))
    return {(leak.output_file, Path(leak.release).name, leak.found) for leak in caught.value.leaks}


def add_draft_revision(content: Path) -> Path:
    """A draft revision of a public release, saved beside it, keeping its slug (so its address too)."""
    live = (content / "releases" / "2022" / "2022-05-23-care-review-response.md").read_text(encoding="utf-8")
    revision = content / "releases" / "2022" / "care-review-response-revised.md"
    revision.write_text(
        live.replace("type: policy-response\n", "type: policy-response\nstatus: draft\n", 1)
        + "\nA closing paragraph the trustees have not yet agreed to publish.\n",
        encoding="utf-8",
    )
    return revision


@pytest.mark.parametrize(
    ("head", "now"),
    [
        ("title: Family hubs\n", SAMPLE_NOW),  # slug family-hubs: a topic's page, /topics/family-hubs/
        ("title: Keith Reed\n", SAMPLE_NOW),  # slug keith-reed: a person's page, /people/keith-reed/
        ("title: First 1001 Days\n", SAMPLE_NOW),  # slug first-1001-days: a campaign's page and feeds
        ("title: News\n", SAMPLE_NOW),  # slug news: the news listing, /news/, in every page's header
        ("title: News\n", AFTER),  # before any news is public: a type releases.schema.json names
        ("title: Events\n", SAMPLE_NOW),  # slug events: the events listing
        ("title: What we did this year\nslug: index\n", SAMPLE_NOW),  # /index.html
        # Its address, releases/2022/care-review, begins the public releases/2022/care-review-response.
        ("title: Thoughts on the care review to come\nslug: care-review\n", SAMPLE_NOW),
    ],
)
def test_a_hidden_release_whose_slug_public_addresses_share_does_not_stop_the_build(
    build_site, content_copy, head, now
):
    add_draft(content_copy, head)
    output = build_site(content_copy, PRESSROOM_NOW=now)
    assert files_mentioning(output, "draft-in-progress", "has not finished") == set()


def test_a_draft_revision_of_a_public_release_does_not_stop_the_build_but_its_new_words_are_guarded(
    build_site, content_copy, tmp_path
):
    add_draft_revision(content_copy)
    output = build_site(content_copy, PRESSROOM_NOW=AFTER)
    assert read_html(output, "releases/2022/care-review-response/").h1 is not None
    assert files_mentioning(output, "trustees have not yet agreed", "care-review-response-revised") == set()

    # Its slug and address are the live release's, but what is new in it still stops a leak.
    shutil.rmtree(output)
    found = leaks_shown(build_site, content_copy, tmp_path, "d.content")
    assert (
        "index.html",
        "care-review-response-revised.md",
        "the passage “a closing paragraph the trustees have not yet agreed to publish.”",
    ) in found
    revision_needles = {what for _, release, what in found if release == "care-review-response-revised.md"}
    assert not revision_needles & {"the slug", "the address"}


def test_a_distinctive_slug_still_leaks_when_a_page_shows_it(build_site, content_copy, tmp_path):
    add_draft(content_copy, "title: Statement\nslug: quarterly-zeppelin-statement\n")
    # A bare slug in text may be an ordinary word; as a file's name it is searched for.
    found = leaks_shown(build_site, content_copy, tmp_path, "'cards/2022/' ~ d.slug ~ '.png'")
    assert ("index.html", "draft-in-progress.md", "the slug") in found


def test_a_hidden_release_whose_slug_is_shared_is_still_found_by_its_address(
    build_site, content_copy, tmp_path
):
    add_draft(content_copy, "title: Family hubs\n")
    found = leaks_shown(build_site, content_copy, tmp_path, "'/releases/2022/' ~ d.slug ~ '/'")
    assert ("index.html", "draft-in-progress.md", "the address") in found
    assert not [leak for leak in found if leak[1:] == ("draft-in-progress.md", "the slug")]


# --- The decision itself: one table of every case --------------------------------------------------

NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
PAST = NOW - dt.timedelta(minutes=1)
FUTURE = NOW + dt.timedelta(minutes=1)
LATER = NOW + dt.timedelta(days=1)
WITHDRAWAL = Withdrawal(dt.datetime(2026, 5, 30, tzinfo=dt.UTC), "The figures were wrong.")
PUBLIC = (True, "", "")


@pytest.mark.parametrize(
    ("status", "embargo", "date", "expected"),
    [
        ("published", None, PAST, PUBLIC),
        ("published", None, NOW, PUBLIC),  # a date is reached at its own moment
        ("published", None, FUTURE, (False, "scheduled", "SCHEDULED for 1 June 2026, 09:01 UTC")),
        ("published", PAST, PAST, PUBLIC),
        ("published", NOW, PAST, PUBLIC),  # an embargo lifts at its own moment
        ("published", FUTURE, PAST, (False, "embargoed", "EMBARGOED until 1 June 2026, 09:01 UTC")),
        ("published", PAST, FUTURE, (False, "scheduled", "SCHEDULED for 1 June 2026, 09:01 UTC")),
        # Both still to come: it goes public at the later of the two.
        ("published", FUTURE, LATER, (False, "embargoed", "EMBARGOED until 2 June 2026, 09:00 UTC")),
        ("published", LATER, FUTURE, (False, "embargoed", "EMBARGOED until 2 June 2026, 09:00 UTC")),
        ("draft", None, PAST, (False, "draft", "DRAFT — not published")),
        ("draft", PAST, PAST, (False, "draft", "DRAFT — not published")),
        ("draft", FUTURE, FUTURE, (False, "draft", "DRAFT — not published")),
        ("withdrawn", None, PAST, (False, "withdrawn", "WITHDRAWN on 30 May 2026")),
        ("withdrawn", PAST, NOW, (False, "withdrawn", "WITHDRAWN on 30 May 2026")),
        # Withdrawn before it ever went public: held back whole, since its notice would give it away.
        ("withdrawn", FUTURE, PAST, (False, "embargoed", "EMBARGOED until 1 June 2026, 09:01 UTC")),
        ("withdrawn", None, FUTURE, (False, "scheduled", "SCHEDULED for 1 June 2026, 09:01 UTC")),
    ],
)
def test_the_visibility_decision(status, embargo, date, expected):
    release = Release(
        "content/releases/x.md",
        "A release",
        date,
        RELEASE_TYPES["statement"],
        "Its summary.",
        "a-release",
        embargo=embargo,
        status=status,
        withdrawn=WITHDRAWAL if status == "withdrawn" else None,
    )
    visibility = decide(release, NOW)
    public, reason, banner = expected
    assert (visibility.public, visibility.reason, visibility.withdrawn) == (
        public,
        reason,
        reason == "withdrawn",
    )
    assert visibility.banner.startswith(banner) if banner else visibility.banner == ""


SCHEDULED = """---
title: Scheduled verdict on the spending review for families
date: 2022-06-01T09:30
slug: scheduled-verdict
type: statement
summary: Dated in the future with no embargo, so it waits for its date.
topics: [childrens-social-care]
---
The scheduled statement is not public before half past nine.
"""


@pytest.fixture
def scheduled_content(content_copy) -> Path:
    (content_copy / "releases" / "2022" / "scheduled.md").write_text(SCHEDULED, encoding="utf-8")
    return content_copy


def test_a_release_dated_in_the_future_is_held_back_until_its_date_and_its_preview_says_when(
    build_site, scheduled_content
):
    output = build_site(scheduled_content, config="publishconf.py", PRESSROOM_NOW="2022-06-01T09:29+01:00")
    assert files_mentioning(output, "scheduled-verdict", "Scheduled verdict on the spending") == set()

    shutil.rmtree(output)
    output = build_site(scheduled_content, PRESSROOM_NOW="2022-06-01T09:29+01:00", PRESSROOM_PREVIEW=True)
    page = read_html(output, "releases/2022/scheduled-verdict/")
    assert page.select_one(".preview-state").get_text() == "SCHEDULED for 1 June 2022, 09:30 BST"

    shutil.rmtree(output)
    output = build_site(scheduled_content, config="publishconf.py", PRESSROOM_NOW="2022-06-01T09:30+01:00")
    assert read_html(output, "releases/2022/scheduled-verdict/").select_one("h1").get_text() == (
        "Scheduled verdict on the spending review for families"
    )
    assert "index.html" in files_mentioning(output, "scheduled-verdict")


def test_a_theme_that_leaks_a_hidden_title_through_a_url_encoded_share_link_fails_the_build(
    build_site, embargo_content, tmp_path
):
    theme = tmp_path / "leaky-theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    link = (
        '{% for d in drafts %}<a href="https://x.com/intent/post?text={{ d.title|urlencode }}">Share</a>'
        "{% endfor %}</body>"
    )
    base.write_text(base.read_text().replace("</body>", link))
    with pytest.raises(EmbargoLeak) as caught:
        build_site(embargo_content, config="publishconf.py", PRESSROOM_NOW=BEFORE, THEME=str(theme))
    title = "the passage “embargoed: the charity's verdict on the care review & what's next”"
    assert ("index.html", "embargoed.md", title) in {
        (leak.output_file, Path(leak.release).name, leak.found) for leak in caught.value.leaks
    }
