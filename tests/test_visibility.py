"""The build's clock decides what is public: embargoed and draft releases leave no trace before their time."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from support.site import ROOT, read_html

from pressroom.content_model.clock import ClockError, build_clock
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


@pytest.mark.parametrize("bad", ["2022-05-23T00:01", "tomorrow"])
def test_clock_refuses_an_ambiguous_moment(bad):
    with pytest.raises(ClockError):
        build_clock({"PRESSROOM_NOW": bad}, {})


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
