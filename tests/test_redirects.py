"""Stable addresses: a release whose slug or date changed keeps answering at its old address."""

from __future__ import annotations

import pytest
from support.site import SAMPLE_CONTENT, read_html, site_settings

from pressroom.content_model.loading import context_from_settings
from pressroom.validation.site_check import check_site

EVENT = "releases/2025/2025-02-27-mission-champions-online-event.md"
OLD = "releases/2025/mission-champions-online-event/"
NEW = "releases/2026/missions-and-babies/"


def move(content, previous: str) -> None:
    """Retitle the event's address and move it a year, recording where it was."""
    path = content / EVENT
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "slug: mission-champions-online-event", f"slug: missions-and-babies\nprevious_urls:\n  - {previous}"
    )
    text = text.replace("date: 2025-02-20", "date: 2026-01-02")
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def moved(content_copy, build_site):
    move(content_copy, f"/{OLD}")
    return build_site(content_copy, "publishconf.py")


def test_the_old_address_redirects_to_the_new_one(moved):
    assert (moved / NEW / "index.html").is_file()
    page = read_html(moved, OLD)
    target = f"https://press.parentinfantfoundation.org.uk/{NEW}"
    assert page.select_one('link[rel="canonical"]')["href"] == target
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url={target}"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one("main a")["href"] == target


def test_an_old_address_that_would_hide_another_page_is_refused(content_copy, tmp_path):
    move(content_copy, "releases/2022/care-review-response/")
    problems = [str(p) for p in check_site(site_settings(content_copy, tmp_path / "unused")).errors]
    assert any("releases/2022/care-review-response/index.html" in problem for problem in problems), problems


def test_an_old_address_elsewhere_on_the_web_is_refused(content_copy, tmp_path):
    move(content_copy, "releases/../../etc/")
    errors = check_site(site_settings(content_copy, tmp_path / "unused")).errors
    [problem] = [p for p in errors if p.field.startswith("previous_urls")]
    assert "is not an address on this site" in problem.what


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Charity welcomes £5m fund for babies", "charity-welcomes-5m-fund-for-babies"),
        ("A €3bn gap & a $1 promise", "a-3bn-gap-a-1-promise"),
    ],
)
def test_a_currency_sign_does_not_become_letters_in_an_address(title, slug, tmp_path):
    context, _ = context_from_settings(site_settings(SAMPLE_CONTENT, tmp_path / "unused"))
    assert context.slugify(title) == slug


@pytest.mark.parametrize(
    "previous",
    [
        "./releases/2022/care-review-response/",
        "releases//2022/care-review-response/index.html",
        "https://press.parentinfantfoundation.org.uk/releases/2022/./care-review-response/",
    ],
)
def test_an_old_address_written_another_way_is_seen_to_collide_and_is_what_is_blamed(
    content_copy, tmp_path, previous
):
    move(content_copy, previous)
    errors = check_site(site_settings(content_copy, tmp_path / "unused")).errors
    [problem] = errors
    assert (problem.path.endswith(EVENT), problem.field) == (True, "previous_urls[1]")
    assert problem.what == (
        f"'releases/2022/care-review-response/' would put a redirect at "
        f"releases/2022/care-review-response/index.html, which {content_copy / CARE_REVIEW} writes"
    )


CARE_REVIEW = "releases/2022/2022-05-23-care-review-response.md"


@pytest.mark.parametrize("previous", ["./index.html", "/", "index.html", "https://example.org/./"])
def test_an_old_address_that_is_the_home_page_is_refused(content_copy, tmp_path, previous):
    move(content_copy, previous)
    errors = check_site(site_settings(content_copy, tmp_path / "unused")).errors
    [problem] = errors
    assert (problem.path.endswith(EVENT), problem.field) == (True, "previous_urls[1]")
    assert problem.what == f"'{previous}' is the address of the home page, which is always there"


def test_an_old_address_on_a_listing_blames_the_old_address_not_the_settings(content_copy, tmp_path):
    move(content_copy, "archive/")
    [problem] = check_site(site_settings(content_copy, tmp_path / "unused")).errors
    assert (problem.path.endswith(EVENT), problem.field) == (True, "previous_urls[1]")
    assert problem.what.endswith("archive/index.html, which the archive (Pelican, ARCHIVES_SAVE_AS) writes")


def test_an_old_address_is_kept_the_way_the_output_writes_it(content_copy, tmp_path):
    move(content_copy, "//releases/./2025/mission-champions-online-event/index.html?from=newsletter")
    result = check_site(site_settings(content_copy, tmp_path / "unused"))
    assert result.errors == []
    [event] = [release for release in result.releases if release.previous_urls]
    assert event.previous_urls == (OLD,)


def test_a_page_s_old_address_on_a_release_s_page_is_an_error_blaming_the_page(content_copy, tmp_path):
    vision = content_copy / "pages" / "our-vision.md"
    vision.write_text(
        vision.read_text(encoding="utf-8").replace(
            "---\n", "---\nprevious_urls: [releases/2022/care-review-response/]\n", 1
        ),
        encoding="utf-8",
    )
    [problem] = check_site(site_settings(content_copy, tmp_path / "unused")).errors
    assert (problem.path.endswith("pages/our-vision.md"), problem.field) == (True, "previous_urls[1]")
    assert problem.what == (
        f"'releases/2022/care-review-response/' would put a redirect at "
        f"releases/2022/care-review-response/index.html, which {content_copy / CARE_REVIEW} writes"
    )
