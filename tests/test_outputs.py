"""The registry of outputs: what each plugin writes, declared once, read by validation, the sitemap and
the leak scan. A page or release inside a plugin's folder, or on a plugin's file, is refused naming both."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
from support.site import SAMPLE_CONTENT, SAMPLE_NOW, build, site_settings
from support.sources import PUBLIC_RELEASE, check

import pelicanconf
from pressroom.content_model.outputs import (
    FEED_SLICE_FOLDERS,
    FEED_SUFFIXES,
    FEEDS_FOLDER,
    declared_outputs,
)
from pressroom.sitemap import RECORD_SETTING, BuildRecord, write_discovery_files

EDITOR_ON = {"CMS": {**pelicanconf.CMS, "enabled": True}}
PAGE = "---\ntitle: {title}\nslug: {slug}\n---\nA page the press office wrote.\n"
RELEASE = """---
title: {title}
slug: {slug}
date: 2022-06-01
type: statement
summary: A short standfirst.{more}
---
The body.
"""


def settings_without(plugin: str, content: Path) -> dict:
    plugins = [
        name for name in site_settings(content, content.parent / "output")["PLUGINS"] if name != plugin
    ]
    return {"PLUGINS": plugins}


def page_problems(content: Path, slug: str, **settings) -> list[str]:
    (content / "pages" / f"{slug}.md").write_text(PAGE.format(title="About us", slug=slug), encoding="utf-8")
    return [str(problem) for problem in check(content, **settings).errors]


@pytest.mark.parametrize(
    ("slug", "settings", "folder_of"),
    [
        ("admin", EDITOR_ON, 'the browser editor (pressroom.cms, CMS["enabled"])'),
        ("pagefind", {}, "the search index (pressroom.search in PLUGINS)"),
        ("feeds", {}, "the feeds (pressroom.feeds in PLUGINS)"),
        ("cards", {}, "the social cards (pressroom.social_cards in PLUGINS)"),
    ],
)
def test_a_page_inside_a_plugins_folder_is_refused_naming_both(content, slug, settings, folder_of):
    [problem] = page_problems(content, slug, **settings)
    plugin_folder = f"{slug}/, the folder of {folder_of}"
    assert problem == (
        f"{content / 'pages' / slug}.md: slug: puts its page at {slug}/index.html, inside {plugin_folder} — "
        f"give it another 'slug:' ({slug}/ is for {folder_of.split(' (')[0]} alone)"
    )


@pytest.mark.parametrize(
    ("slug", "settings"),
    [
        ("admin", {}),  # the editor is off unless CMS["enabled"] is set
        ("pagefind", "pressroom.search"),
        ("feeds", "pressroom.feeds"),
        ("cards", "pressroom.social_cards"),
    ],
)
def test_a_plugin_that_is_switched_off_declares_nothing(content, slug, settings):
    if isinstance(settings, str):
        settings = settings_without(settings, content)
    assert page_problems(content, slug, **settings) == []


def test_a_release_inside_a_plugins_folder_or_on_its_file_is_refused(content):
    """With releases at the root of the site, a slug can land in a plugin's folder, and the copy-ready
    text beside a release named robots on the sitemap plugin's robots.txt."""
    releases = content / "releases"
    for slug in ("pagefind", "robots", "sitemap"):
        text = RELEASE.format(title=slug.title(), slug=slug, more="")
        (releases / f"{slug}.md").write_text(text, encoding="utf-8")

    at_root = check(content, ARTICLE_URL="{slug}/", ARTICLE_SAVE_AS="{slug}/index.html").errors
    assert [(Path(p.path).name, p.field, p.what) for p in at_root] == [
        (
            "pagefind.md",
            "slug",
            "puts its page at pagefind/index.html, inside pagefind/, the folder of the search index "
            "(pressroom.search in PLUGINS)",
        )
    ]
    as_files = check(content, ARTICLE_URL="{slug}.html", ARTICLE_SAVE_AS="{slug}.html").errors
    assert [str(p).removeprefix(str(releases)) for p in as_files] == [
        "/robots.md: slug: writes robots.txt (its copy-ready text), which the robots.txt file "
        "(pressroom.sitemap in PLUGINS) also writes — give it a different title or 'slug:', or change the "
        "URL settings"
    ]
    # Where releases usually live, neither name is anybody else's.
    assert check(content).errors == []


def test_an_old_address_inside_a_plugins_folder_is_refused(content):
    text = RELEASE.format(title="Moved", slug="moved", more="\nprevious_urls: [feeds/moved/]")
    (content / "releases" / "moved.md").write_text(text, encoding="utf-8")
    [problem] = check(content).errors
    assert (problem.field, problem.what) == (
        "previous_urls[1]",
        "'feeds/moved/' would put a redirect at feeds/moved/index.html, inside feeds/, the folder of the "
        "feeds (pressroom.feeds in PLUGINS)",
    )


def test_settings_that_put_a_page_on_anothers_file_or_in_a_plugins_folder_blame_the_setting(content):
    problems = check(
        content, PEOPLE_SAVE_AS="search/index.html", NOT_FOUND_SAVE_AS="pagefind/404.html"
    ).errors
    assert sorted(str(problem) for problem in problems) == [
        "pelicanconf.py: NOT_FOUND_SAVE_AS: puts the page-not-found page at pagefind/404.html, inside "
        "pagefind/, the folder of the search index (pressroom.search in PLUGINS) — give it an address "
        "outside pagefind/",
        "pelicanconf.py: PEOPLE_SAVE_AS: puts the people index at search/index.html, which the search page "
        "(Pelican, SEARCH_SAVE_AS) also writes — give the people index an address of its own",
    ]


def test_every_file_in_the_feeds_folder_is_one_the_registry_names(sample_site):
    """The leak scan counts feeds/all.*, feeds/topic/ and the others as public names: they must be the
    names the feeds plugin really writes."""
    feeds = sorted(
        path.relative_to(sample_site).as_posix() for path in (sample_site / FEEDS_FOLDER).rglob("*.*")
    )
    folders = "|".join(FEED_SLICE_FOLDERS)
    endings = "|".join(re.escape(ending) for ending in FEED_SUFFIXES)
    unnamed = [
        path for path in feeds if not re.fullmatch(rf"feeds/(all|({folders})/[\w-]+)({endings})", path)
    ]
    assert feeds and unnamed == []
    assert {path.split("/")[1] for path in feeds if path.count("/") == 2} == set(FEED_SLICE_FOLDERS)


def test_every_folder_and_file_the_registry_declares_is_written(sample_site):
    settings = site_settings(SAMPLE_CONTENT, sample_site)
    missing = [
        output.path for output in declared_outputs(settings) if not (sample_site / output.path).exists()
    ]
    # Drawn only when ORGANISATION gives no logo of its own; the editor's files only when it is enabled.
    assert missing == ["cards/publisher-logo.png"]


SLUGS_PLUGINS_WRITE = (
    "robots",
    "sitemap",
    "news-sitemap",
    "favicon",
    "pagefind",
    "feeds",
    "all",
    "type",
    "topic",
    "campaign",
    "spokesperson",
    "cards",
    "site",
    "publisher-logo",
    "releases",
    "admin",
    "config",
    "preview",
)


def test_hidden_releases_named_as_a_plugins_files_do_not_stop_the_build(content, tmp_path):
    """A draft whose slug is a name some plugin writes (robots.txt, feeds/topic/, admin/config.yml)
    identifies nothing by it: each plugin declares its names, and the leak scan counts them as public."""
    (content / "releases" / "public.md").write_text(PUBLIC_RELEASE, encoding="utf-8")
    for slug in SLUGS_PLUGINS_WRITE:
        draft = RELEASE.format(title=f"Draft {slug}", slug=slug, more="\nstatus: draft").replace(
            "The body.", f"Words about {slug} that the press office is still agreeing on."
        )
        (content / "releases" / f"draft-{slug}.md").write_text(draft, encoding="utf-8")

    output = build(content, tmp_path / "output", PRESSROOM_NOW=SAMPLE_NOW, **EDITOR_ON)

    assert (output / "admin" / "config.yml").is_file()
    assert not list(output.rglob("draft-*"))
    assert not [
        path for path in output.rglob("*") if path.suffix == ".html" and "still agreeing" in path.read_text()
    ]


def test_the_sitemap_lists_no_address_inside_a_plugins_folder(content, tmp_path):
    """Validation refuses a page there; should one be written all the same, it is not a page to visit."""
    settings = site_settings(content, tmp_path, **EDITOR_ON)
    settings[RECORD_SETTING] = BuildRecord()
    written = ["", "about/", "pagefind/", "admin/", "feeds/topic/", "cards/2022/"]
    settings[RECORD_SETTING].pages = dict.fromkeys(written)

    write_discovery_files(SimpleNamespace(settings=settings, output_path=str(tmp_path)))

    listed = [loc.text for loc in ET.parse(tmp_path / "sitemap.xml").iterfind(".//{*}loc")]
    assert listed == ["/", "/about/"]


def test_three_writers_of_one_file_blame_each_source_once(content):
    """A page and a release's copy-ready text both on robots.txt, which the sitemap plugin writes."""
    (content / "releases" / "robots.md").write_text(RELEASE.format(title="A", slug="robots", more=""))
    (content / "pages" / "robots.md").write_text(PAGE.format(title="Robots", slug="robots"))
    at_root = {"ARTICLE_URL": "{slug}.html", "ARTICLE_SAVE_AS": "{slug}.html", "PAGE_SAVE_AS": "{slug}.txt"}
    problems = check(content, **at_root).errors
    assert [(Path(p.path).parent.name, p.what) for p in problems] == [
        (
            "pages",
            f"writes robots.txt, which the copy-ready text of {content / 'releases' / 'robots.md'} "
            "(pressroom.copy_ready in PLUGINS) also writes",
        )
    ]
