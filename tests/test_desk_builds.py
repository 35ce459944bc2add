"""Builds for the person editing (`invoke edit`, `invoke serve`): a release or page with mistakes is left
out, every page lists every mistake, and the rest of the site is built as usual."""

from __future__ import annotations

import pytest
from support.site import SAMPLE_NOW, read_html

from pressroom.content_model.site import SHOW_PROBLEMS_SETTING

QUOTE_MARKER_MISSING = """---
title: A release that places a quote it does not have
date: 2022-06-01
type: news
summary: A short standfirst.
quotes:
  - by: keith-reed
    text: The first quote.
  - by: sally-hogg
    text: The second quote.
---
The lead paragraph.

[[quote 5]]
"""

EVENT_ENDS_BEFORE_IT_STARTS = """---
title: An event that ends before it starts
date: 2022-06-02
type: event
summary: A short standfirst.
event:
  start: 2022-07-01T12:30
  end: 2022-07-01T11:30
  location: Online
---
The lead paragraph.
"""

FOR_THE_DESK = {SHOW_PROBLEMS_SETTING: True, "PRESSROOM_NOW": SAMPLE_NOW}


def banner_lines(output, page: str) -> list[str]:
    banner = read_html(output, page).select_one("section.problems-banner")
    assert banner is not None, f"{page} has no list of mistakes"
    assert banner["aria-labelledby"] == "problems-heading"
    assert banner.select_one("h2#problems-heading") is not None, "the list is a region with a heading"
    return [item.get_text(" ", strip=True) for item in banner.select("li")]


def test_a_desk_build_leaves_out_broken_releases_and_lists_each_mistake_on_every_page(
    content_copy, build_site
):
    (content_copy / "releases" / "2022" / "quote-5.md").write_text(QUOTE_MARKER_MISSING, encoding="utf-8")
    (content_copy / "releases" / "2022" / "event.md").write_text(
        EVENT_ENDS_BEFORE_IT_STARTS, encoding="utf-8"
    )
    output = build_site(content_copy, **FOR_THE_DESK)

    for page in ("", "releases/2022/care-review-response/", "archive/", "404.html"):
        lines = banner_lines(output, page)
        assert any(
            line.endswith(
                "releases/2022/quote-5.md:14: body: [[quote 5]] names a quote that does not exist "
                "— use a number from 1 to 2"
            )
            for line in lines
        ), lines
        assert any(
            "releases/2022/event.md:8: event.end: the event ends before it starts — " in line
            for line in lines
        )
    assert not (output / "releases" / "2022" / "a-release-that-places-a-quote-it-does-not-have").exists()
    assert not (output / "releases" / "2022" / "an-event-that-ends-before-it-starts").exists()
    assert (output / "releases" / "2022" / "care-review-response" / "index.html").is_file()


def test_a_mistake_in_the_people_directory_is_listed_and_the_rest_is_built(content_copy, build_site):
    people = content_copy / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("name: Keith Reed", "nme: Keith Reed", 1))
    output = build_site(content_copy, **FOR_THE_DESK)
    assert any("people.yaml" in line and "nme" in line for line in banner_lines(output, ""))
    assert (output / "releases" / "2022" / "care-review-response" / "index.html").is_file()


def test_a_site_without_mistakes_has_no_list_of_them(build_site):
    output = build_site(**FOR_THE_DESK)
    assert read_html(output, "").select_one(".problems-banner") is None


def test_a_mistake_in_the_settings_still_stops_a_desk_build(content_copy, build_site):
    with pytest.raises(SystemExit, match="PRESS_OFFICE_CONTACT"):
        build_site(content_copy, PRESS_OFFICE_CONTACT="nobody", **FOR_THE_DESK)
