"""A rebuild takes what earlier builds kept (memos, cards, PDFs, the search index) and works out only what
changed, whichever command made the earlier build and wherever it was started from."""

from __future__ import annotations

import re

from support.hidden_releases import content_with_hidden_releases
from support.site import ROOT, run_invoke

from pressroom.content_model.memo import Reuse
from pressroom.content_model.site import PREVIEW_SETTING, site_of
from publishing.build import build_into
from publishing.serve import Project, run_whole_build

# One part of a build's summary: "markdown 7 of 8", "social cards 5 of 5".
PART = re.compile(r"([A-Za-z_][A-Za-z_ ]*?) (\d+) of (\d+)")


def reuse_said(printed: str) -> dict[str, tuple[int, int]]:
    """(reused, wanted) per memo and per cache of files, from the summary a build printed."""
    summary = next(line for line in printed.splitlines() if line.startswith("Memos: "))
    return {name: (int(reused), int(wanted)) for name, reused, wanted in PART.findall(summary)}


def test_serve_s_rebuild_reuses_what_invoke_build_kept(project, capfd):
    # From a folder inside the project, as invoke allows: the cache is the project's all the same.
    built = run_invoke(project / "content", "build")
    assert built.returncode == 0, built.stderr
    capfd.readouterr()

    # The whole rebuild behind `invoke serve`, run as serve runs it (its code lives outside the project).
    assert run_whole_build(Project(project / "pelicanconf.py", project / "content", project / "output"))

    reuse = reuse_said(capfd.readouterr().out)
    assert {"markdown", "front_matter", "policy_check", "social cards", "PDFs", "search index"} <= set(reuse)
    assert reuse["PDFs"][1] > 0 and reuse["social cards"][1] > 0
    done_again = {name: counts for name, counts in reuse.items() if counts[0] != counts[1]}
    assert done_again == {}
    assert not (project / "content" / "cache").exists()


def test_a_development_build_after_a_preview_and_a_publish_finds_its_own_answers_still_kept(tmp_path):
    def build(config: str, output: str, **settings) -> dict[str, Reuse]:
        built = build_into(tmp_path / output, ROOT / config, PATH=str(content), CACHE_PATH=cache, **settings)
        return site_of(built).memos.reuse()

    # Releases held back, so the leak scan has something to look for.
    content, cache = content_with_hidden_releases(tmp_path), str(tmp_path / "cache")
    build("pelicanconf.py", "development")
    # A preview's pages hold its banners, and a publish's the public address throughout, so their steps
    # over pages have other answers to keep.
    build("pelicanconf.py", "preview", **{PREVIEW_SETTING: True})
    build("publishconf.py", "public")

    reuse = build("pelicanconf.py", "development again")
    assert all(reuse[name].wanted > 0 for name in ("feed_entry_links", "policy_check", "leak_scan"))
    assert {name: each for name, each in reuse.items() if each.reused != each.wanted} == {}
