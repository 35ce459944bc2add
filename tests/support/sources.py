"""One release written line by line, and an empty content folder to check it in: for tests that write
a mistake into a source, as an author (or an attacker) would, and read what `check_site` says."""

from __future__ import annotations

import shutil
from pathlib import Path

from pressroom.validation.site_check import check_site
from support.site import SAMPLE_CONTENT, site_settings

HEAD = """---
title: Charity responds to the spending review
date: 2022-06-01
type: statement
summary: A short standfirst.
"""
BODY = "---\nThe body.\n"
# A public release in every kind of slice the feeds have: a type, a topic, a campaign and a spokesperson.
PUBLIC_RELEASE = """---
title: The charity welcomes the new family hubs
date: 2022-06-01
type: statement
summary: A short standfirst.
topics: [family-hubs]
campaign: first-1001-days
spokespeople: [sally-hogg]
quotes:
  - by: sally-hogg
    text: Every baby deserves a good start.
---
The body of a public release.
"""


def empty_content(folder: Path) -> Path:
    """The sample site's people and topics, with no releases of their own."""
    root = folder / "content"
    (root / "releases").mkdir(parents=True)
    (root / "pages").mkdir()
    for name in ("people.yaml", "topics.yaml"):
        shutil.copy(SAMPLE_CONTENT / name, root / name)
    return root


def check(root: Path, **settings):
    return check_site(site_settings(root, root.parent / "output", **settings))


def problems_of(root: Path, text: str, name: str = "release.md", **settings) -> list:
    (root / "releases" / name).write_text(text, encoding="utf-8")
    return check(root, **settings).errors


def only(problems: list):
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]
