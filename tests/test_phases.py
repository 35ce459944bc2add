"""What runs once Pelican has written every page runs in one declared order: the late files (sitemaps,
robots.txt, favicon, _headers), then the leak scan over every file written, then the search index, then
the memos kept for the next build. A leak in the last file written still stops the build."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from pelican import signals
from support import late_writer
from support.site import ROOT, SAMPLE_NOW, build, site_settings
from support.sources import PUBLIC_RELEASE

import pressroom.search
import pressroom.security_headers
import pressroom.sitemap
import pressroom.visibility
from pressroom.content_model.memo import Memos
from pressroom.content_model.outputs import SEARCH_FOLDER
from pressroom.content_model.phases import FINISHING_PHASES
from pressroom.sitemap.documents import Entry, NewsItem
from pressroom.visibility import EmbargoLeak

DRAFT = """---
title: A statement still being drafted
slug: unfinished-statement
date: 2022-06-02
type: statement
status: draft
summary: Work in progress.
---
Not ready.
"""
DRAFT_ADDRESS = "releases/2022/unfinished-statement/"
LATE_FILES = {"sitemap.xml", "news-sitemap.xml", "robots.txt", "favicon.ico", "_headers"}


@pytest.fixture
def small_site(content: Path) -> Path:
    """One public release and one draft: a build with something to hide."""
    (content / "releases" / "public.md").write_text(PUBLIC_RELEASE, encoding="utf-8")
    (content / "releases" / "draft.md").write_text(DRAFT, encoding="utf-8")
    return content


def test_the_finishing_phases_are_declared_in_one_order():
    assert [phase.name for phase in FINISHING_PHASES] == [
        "write the late files",
        "scan every file written",
        "index for search",
        "keep for the next build",
    ]


def test_the_scan_reads_every_file_but_the_index_and_the_index_and_memos_come_after(
    small_site, tmp_path, monkeypatch
):
    output = tmp_path / "output"
    seen: list[tuple[str, set[str]]] = []

    def files() -> set[str]:
        return {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()}

    def noting(step: str, real):
        def run(*arguments, **named):
            seen.append((step, files()))
            return real(*arguments, **named)

        return run

    monkeypatch.setattr(pressroom.visibility, "find_leaks", noting("scan", pressroom.visibility.find_leaks))
    monkeypatch.setattr(pressroom.search, "index_site", noting("index", pressroom.search.index_site))
    monkeypatch.setattr(Memos, "save", noting("keep", Memos.save))

    build(small_site, output, PRESSROOM_NOW=SAMPLE_NOW)

    assert [step for step, _ in seen] == ["scan", "index", "keep"]
    scanned, written = seen[0][1], files()
    assert scanned >= LATE_FILES
    assert scanned == {path for path in written if not path.startswith(f"{SEARCH_FOLDER}/")}
    assert any(path.startswith(f"{SEARCH_FOLDER}/") for path in seen[2][1])


def robots_naming_the_draft(real):
    """A robots.txt that keeps crawlers off the drafts: it announces them."""
    return lambda sitemaps: real(sitemaps) + f"Disallow: /{DRAFT_ADDRESS}\n"


def sitemap_listing_the_draft(real):
    return lambda entries: real([*entries, Entry(f"/{DRAFT_ADDRESS}")])


def news_sitemap_listing_the_draft(real):
    draft = NewsItem(f"/{DRAFT_ADDRESS}", "Draft", dt.datetime(2022, 6, 2))
    return lambda items, publication, language: real([*items, draft], publication, language)


def headers_naming_the_draft(real):
    return lambda rules: real(rules) + f"/{DRAFT_ADDRESS}\n  X-Robots-Tag: noindex\n"


@pytest.mark.parametrize(
    ("late_file", "module", "name", "leaking"),
    [
        ("robots.txt", pressroom.sitemap, "robots", robots_naming_the_draft),
        ("sitemap.xml", pressroom.sitemap, "sitemap", sitemap_listing_the_draft),
        ("news-sitemap.xml", pressroom.sitemap, "news_sitemap", news_sitemap_listing_the_draft),
        ("_headers", pressroom.security_headers, "headers_file", headers_naming_the_draft),
    ],
)
def test_a_leak_in_a_late_file_stops_the_build(
    small_site, tmp_path, monkeypatch, late_file, module, name, leaking
):
    monkeypatch.setattr(module, name, leaking(getattr(module, name)))
    with pytest.raises(EmbargoLeak) as caught:
        build(small_site, tmp_path / "output", PRESSROOM_NOW=SAMPLE_NOW)
    assert {(leak.output_file, Path(leak.release).name) for leak in caught.value.leaks} == {
        (late_file, "draft.md")
    }
    assert not (tmp_path / "output" / SEARCH_FOLDER).exists()


def test_a_file_a_plugin_writes_at_pelicans_own_finalized_is_scanned_too(small_site, tmp_path):
    plugins = [*site_settings(small_site, tmp_path)["PLUGINS"], "support.late_writer"]
    note = {late_writer.NOTE_SETTING: f"Coming soon: /{DRAFT_ADDRESS}\n"}
    try:
        with pytest.raises(EmbargoLeak) as caught:
            build(small_site, tmp_path / "output", PLUGINS=plugins, PRESSROOM_NOW=SAMPLE_NOW, **note)
    finally:
        signals.finalized.disconnect(late_writer.write_note)
    assert {leak.output_file for leak in caught.value.leaks} == {late_writer.NOTE_FILE}


def test_no_plugin_connects_to_pelicans_finalized_but_the_phases():
    """Pelican runs `finalized` handlers in the order plugins connect them: a finishing step belongs to
    a phase, whose order is declared once."""
    package = ROOT / "plugins" / "pressroom"
    connecting = []
    for source in package.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "connect"
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "finalized"
            ):
                connecting.append(source.relative_to(package).as_posix())
    assert connecting == ["content_model/phases.py"]
