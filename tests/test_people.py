"""People done right: quotes on person pages, the people index, spokespeople apart from people mentioned."""

from __future__ import annotations

import pytest
from support.site import SAMPLE_CONTENT, read_html, site_settings

from pressroom.validation.site_check import check_site

HELEN_HAYES_VISIT = "/releases/2023/helen-hayes-mp-visits-leap/"
FAMILY_HUBS = "/releases/2022/family-hubs-funding-response/"


def test_person_page_lists_each_quote_with_its_release_and_date(sample_site):
    page = read_html(sample_site, "people/keith-reed/")
    quotes = page.select(".person-quotes figure")
    assert len(quotes) == 3
    first = quotes[0]
    assert first.blockquote.get_text(strip=True).startswith("I am glad the Government has recognised")
    assert first.figcaption.a["href"] == FAMILY_HUBS
    assert first.figcaption.time["datetime"].startswith("2022-04-02")
    assert first.figcaption.time.get_text() == "2 April 2022"


def test_people_index_separates_spokespeople_from_people_mentioned(sample_site):
    page = read_html(sample_site, "people/")
    assert page.select_one("main h1").get_text() == "People"

    def names(section):
        return [link.get_text() for link in page.select(f".{section} .person-name a")]

    assert names("people-spokespeople") == ["Keith Reed", "Sally Hogg", "Tamora Langley"]
    assert names("people-mentioned") == ["Helen Hayes"]
    assert page.select_one(".people-mentioned .person-name a")["href"] == "/people/helen-hayes/"


def test_someone_mentioned_is_not_offered_for_interviews(sample_site):
    page = read_html(sample_site, "people/helen-hayes/")
    said = page.select_one(".person-contact").get_text()
    assert "does not speak for Parent-Infant Foundation" in said
    assert "interview" not in page.select_one("main").get_text().lower()
    spokesperson = read_html(sample_site, "people/keith-reed/").select_one(".person-contact")
    assert "For interviews" in spokesperson.get_text()
    assert spokesperson.a["href"] == "/press-office/"


def test_a_release_names_people_under_people_and_their_pages_list_it(sample_site):
    for person in ("helen-hayes", "tamora-langley"):
        page = read_html(sample_site, f"people/{person}/")
        listed = [link["href"] for link in page.select("main .release-list-title a")]
        assert listed == [HELEN_HAYES_VISIT]


def test_press_office_lists_only_spokespeople(sample_site):
    page = read_html(sample_site, "press-office/")
    names = [link.get_text() for link in page.select(".people-directory .person-name a")]
    assert "Helen Hayes" not in names
    assert "Keith Reed" in names


@pytest.fixture
def mp_as_spokesperson(content_copy):
    release = content_copy / "releases/2023/2023-06-12-helen-hayes-mp-visits-leap.md"
    text = release.read_text(encoding="utf-8")
    release.write_text(text.replace("people:\n", "spokespeople:\n", 1), encoding="utf-8")
    return content_copy


def test_someone_mentioned_cannot_be_named_a_spokesperson(mp_as_spokesperson, tmp_path):
    result = check_site(site_settings(mp_as_spokesperson, tmp_path / "unused"))
    problems = [problem for problem in result.errors if problem.field.startswith("spokespeople")]
    assert len(problems) == 1
    assert "Helen Hayes is in people.yaml as someone the organisation mentions" in problems[0].what
    assert "under 'people:'" in problems[0].fix


def test_sample_site_checks_clean():
    assert check_site(site_settings(SAMPLE_CONTENT, SAMPLE_CONTENT.parent / "unused")).problems == []
