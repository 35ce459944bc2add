"""A showcase site for the theme's tests: the sample content plus a release of every kind the sample lacks.

The sample has no statement or press release, no photo, image, change history or upcoming event; the
showcase adds them, with a draft and an embargoed release that must never show, and a page size of two
so every listing has a second page. Tests read it through the session-wide `showcase` fixture (conftest.py),
so it is built once per run; a test that needs other settings calls `build_showcase` itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from support.site import SAMPLE_CONTENT, build

# The build's clock: after the sample's February 2025 event, before the showcase's March 2026 one.
SHOWCASE_NOW = "2026-01-15T09:00:00+00:00"
PAGE_SIZE = 2


RELEASES = {
    "2024/2024-03-01-showcase-press-release.md": """---
title: "Charity calls for a parent-infant team in every area & sets out the cost"
date: 2024-03-01T10:00:00
slug: every-area-needs-a-team
type: press-release
summary: >-
  A new report from the Parent-Infant Foundation shows how few areas have a specialised
  parent-infant relationship team, and what it would cost to fill the gaps.
spokespeople: [keith-reed]
quotes:
  - by: keith-reed
    text: Every family who needs this help should be able to get it, wherever they live.
  - by: {name: Dr Amina Okafor, role: Consultant Perinatal Psychiatrist, organisation: Example NHS Trust}
    text: The evidence is clear that early relationship support changes lives.
responds_to:
  title: Start for Life funding guidance
  publisher: Department for Education
  url: https://www.gov.uk/government/publications/family-hubs-and-start-for-life-programme-guide
  date: 2024-02-20
topics: [family-hubs, parent-infant-relationship-teams]
campaign: first-1001-days
image:
  src: images/showcase-report.png
  alt: Two overlapping circles, the report's cover design
  credit: Parent-Infant Foundation
updated:
  - date: 2024-03-02
    note: Corrected the number of areas with a team from 40 to 42.
  - date: 2024-03-05
    note: Added a link to the guidance this release responds to.
notes_to_editors: |
  The report is at <https://parentinfantfoundation.org.uk/> (illustrative address).
---
A new report finds that fewer than half of areas have a specialised parent-infant relationship team.

[[quote 2]]

The charity is calling on Government to fund a team in every area.
""",
    "2024/2024-06-10-showcase-statement.md": """---
title: Statement on the Spending Review
date: 2024-06-10
slug: spending-review-statement
type: statement
summary: The Parent-Infant Foundation responds to the Spending Review's settlement for early years services.
spokespeople: [sally-hogg]
quotes:
  - by: sally-hogg
    text: Babies cannot wait for the next Spending Review.
topics: [early-years-policy]
---
The Parent-Infant Foundation has responded to today's Spending Review.
""",
    "2026/2026-01-05-showcase-upcoming-event.md": """---
title: "Webinar: growing parent-infant teams in 2026"
date: 2026-01-05
slug: growing-teams-webinar
type: event
summary: A free webinar for commissioners on setting up a specialised parent-infant relationship team.
topics: [parent-infant-relationship-teams]
campaign: first-1001-days
event:
  start: 2026-03-10T12:30:00
  end: 2026-03-10T13:30:00
  location: Online (Zoom)
  online_url: https://example.org/webinar-join
  registration_url: https://example.org/webinar-register
  speakers:
    - keith-reed
    - tamora-langley
    - {name: Sam Example, role: Commissioner, organisation: Example Council, chair: true}
---
Join us to hear how areas have set up their teams.
""",
    "2024/2024-07-01-showcase-draft.md": """---
title: Unpublished draft about the secret plan
date: 2024-07-01
slug: secret-plan-draft
type: press-release
status: draft
summary: A draft that must not appear anywhere.
spokespeople: [keith-reed]
quotes:
  - by: keith-reed
    text: Words from a draft.
topics: [family-hubs]
campaign: first-1001-days
---
Draft body.
""",
    "2026/2026-02-01-showcase-embargoed.md": """---
title: Embargoed announcement of the new fund
date: 2026-02-01
slug: embargoed-new-fund
type: news
embargo: 2026-02-01T00:01:00+00:00
summary: Not public until February 2026.
spokespeople: [keith-reed]
topics: [family-hubs]
campaign: first-1001-days
---
Embargoed body.
""",
}
HIDDEN_SLUGS = ("secret-plan-draft", "embargoed-new-fund")
HIDDEN_TITLES = ("Unpublished draft about the secret plan", "Embargoed announcement of the new fund")

PRESS_RELEASE = "releases/2024/every-area-needs-a-team/"
STATEMENT = "releases/2024/spending-review-statement/"
UPCOMING_EVENT = "releases/2026/growing-teams-webinar/"
PAST_EVENT = "releases/2025/mission-champions-online-event/"

# One address of every kind of page the theme renders.
PAGE_TYPES = {
    "home": "/",
    "home, page 2": "page/2/",
    "press release": PRESS_RELEASE,
    "policy response": "releases/2022/care-review-response/",
    "statement": STATEMENT,
    "news": "releases/2023/helen-hayes-mp-visits-leap/",
    "upcoming event": UPCOMING_EVENT,
    "past event": PAST_EVENT,
    "type listing": "policy-responses/",
    "topic listing": "topics/parent-infant-relationship-teams/",
    "topic listing, page 2": "topics/parent-infant-relationship-teams/page/2/",
    "campaign": "campaigns/first-1001-days/",
    "spokesperson": "people/keith-reed/",
    "spokesperson, page 2": "people/keith-reed/page/2/",
    "year archive": "archive/2024/",
    "archive": "archive/",
    "press office": "press-office/",
    "subscribe": "subscribe/",
    "search": "search/",
    "vision page": "our-vision-the-1001-critical-days/",
    "404": "404.html",
}


def write_report_image(path: Path) -> None:
    """A release image as journalists' photos come: a raster file (social cards read it with Pillow)."""
    image = Image.new("RGB", (800, 400), "#e6f0ef")
    drawing = ImageDraw.Draw(image)
    drawing.ellipse((180, 80, 420, 320), fill="#0b5f5e")
    drawing.ellipse((390, 150, 550, 310), fill="#4b2673")
    image.save(path, optimize=True)


def write_portrait(path: Path) -> None:
    """A person's photo: a raster file, as a release image must be (people.yaml's photo has its rule)."""
    image = Image.new("RGB", (96, 96), "#d9c9e8")
    drawing = ImageDraw.Draw(image)
    drawing.ellipse((30, 20, 66, 56), fill="#4b2673")
    drawing.rounded_rectangle((20, 62, 76, 96), radius=20, fill="#4b2673")
    image.save(path, optimize=True)


def write_showcase_content(target: Path) -> Path:
    shutil.copytree(SAMPLE_CONTENT, target)
    people_file = target / "people.yaml"
    directory = yaml.safe_load(people_file.read_text(encoding="utf-8"))
    for person in directory["people"]:
        if person["id"] == "keith-reed":
            person["photo"] = "images/people/keith-reed.png"
    # A new spokesperson no release names yet: their page must exist all the same.
    directory["people"].append(
        {
            "id": "ada-newcomer",
            "name": "Ada Newcomer",
            "role": "Trustee",
            "organisation": "Parent-Infant Foundation",
        }
    )
    people_file.write_text(yaml.safe_dump(directory, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (target / "images" / "people").mkdir(parents=True)
    write_portrait(target / "images" / "people" / "keith-reed.png")
    write_report_image(target / "images" / "showcase-report.png")
    for name, text in RELEASES.items():
        path = target / "releases" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target


def build_showcase(folder: Path, **overrides) -> Path:
    """Write the showcase content into `folder` and build it; returns the output folder."""
    content = write_showcase_content(folder / "content")
    settings = {"PRESSROOM_NOW": SHOWCASE_NOW, "DEFAULT_PAGINATION": PAGE_SIZE, **overrides}
    return build(content, folder / "output", **settings)
