"""Releases that must never reach the public output: one embargoed, one draft, each with words of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.site import SAMPLE_CONTENT

EMBARGOED_TITLE = "Charity reveals zeppelin survey of nursery waiting lists"
DRAFT_TITLE = "Draft statement on the quokka funding formula"
# Words found only in the hidden releases, so a search or a scan for them has nothing else to find.
HIDDEN_WORDS = ("zeppelin", "quokka")

EMBARGOED = f"""---
title: {EMBARGOED_TITLE}
date: 2022-05-20
slug: zeppelin-survey
type: press-release
summary: The zeppelin survey stays under embargo until 2099.
embargo: 2099-01-01T00:01+00:00
spokespeople: [sally-hogg]
quotes:
  - by: sally-hogg
    text: The zeppelin findings may not be printed before the embargo lifts.
topics: [childrens-social-care]
campaign: first-1001-days
notes_to_editors: The zeppelin survey covered every nursery.
---
The lead paragraph of the zeppelin release.
"""
DRAFT = f"""---
title: {DRAFT_TITLE}
date: 2022-01-10
slug: quokka-funding-formula
type: statement
status: draft
summary: Work in progress on the quokka formula.
topics: [childrens-social-care]
---
The quokka draft is not ready.
"""


def content_with_hidden_releases(folder: Path) -> Path:
    """A copy of the sample content under `folder`, plus one embargoed and one draft release."""
    content = folder / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    (content / "releases" / "2022" / "zeppelin.md").write_text(EMBARGOED, encoding="utf-8")
    (content / "releases" / "2022" / "quokka.md").write_text(DRAFT, encoding="utf-8")
    return content
