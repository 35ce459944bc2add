"""The release page a journalist reads and prints, and a site another organisation can rebrand by settings."""

from __future__ import annotations

import pytest
from support.browser import serve_directory
from support.showcase import PRESS_RELEASE
from support.site import ROOT, read_html, site_settings

from pressroom.content_model import SettingsInvalid
from pressroom.content_model.colours import brand_problems, contrast_ratio
from publishing.links import check_links


@pytest.fixture(scope="module")
def release(showcase):
    return read_html(showcase, PRESS_RELEASE)


def test_release_page_is_one_landmarked_document_with_a_skip_link_first(release):
    assert release.html["lang"].lower() == "en-gb"
    body_children = [child for child in release.body.children if getattr(child, "name", None)]
    assert body_children[0].name == "a" and body_children[0]["href"] == "#main-content"
    assert release.select_one("main#main-content")
    assert release.select_one("header nav[aria-label]") and release.select_one("footer")
    assert len(release.select("h1")) == 1
    ids = [element["id"] for element in release.select("[id]")]
    assert len(ids) == len(set(ids))


def test_release_page_says_when_it_changed_and_lists_every_change(release):
    updated = release.select_one(".release-updated time")
    assert updated["datetime"].startswith("2024-03-05")
    assert release.select_one(".release-updated a")["href"] == "#change-history-heading"
    changes = [item.get_text(" ", strip=True) for item in release.select(".change-history li")]
    assert changes[0].startswith("5 March 2024") and "link to the guidance" in changes[0]
    assert changes[1].startswith("2 March 2024") and "from 40 to 42" in changes[1]
    assert changes[2].endswith("first published.")


def test_release_image_carries_its_alt_text_and_credit(release):
    figure = release.select_one(".release-image")
    assert figure.img["alt"] == "Two overlapping circles, the report's cover design"
    assert figure.img["src"] == "/images/showcase-report.png"
    assert figure.figcaption.get_text() == "Image: Parent-Infant Foundation"


def test_responding_to_box_links_what_the_release_answers(release):
    box = release.select_one(".responds-to")
    assert box.h2.get_text() == "Responding to"
    assert box.a.get_text() == "Start for Life funding guidance"
    assert box.a["href"].startswith("https://www.gov.uk/")
    assert box.select_one(".responds-to-source").get_text() == "Department for Education, 20 February 2024"


def test_spokesperson_card_has_photo_role_and_a_link_to_their_page(release):
    [card] = release.select("#spokespeople-heading ~ .person")
    assert card.select_one(".person-name a")["href"] == "/people/keith-reed/"
    assert card.select_one(".person-role").get_text() == "Chief Executive Officer, Parent-Infant Foundation"
    assert card.select_one("img.person-photo")["src"] == "/images/people/keith-reed.png"


def test_inline_quoted_person_keeps_their_role(release):
    captions = {
        figure.select_one(".quote-name").get_text(): figure.select_one(".quote-role").get_text()
        for figure in release.select("figure.quote")
    }
    assert captions["Dr Amina Okafor"] == "Consultant Perinatal Psychiatrist, Example NHS Trust"


def test_topics_and_campaign_link_to_their_listings(release, showcase):
    topics = {link.get_text(): link["href"] for link in release.select(".release-topics .tag-list a")}
    assert topics == {
        "Family hubs": "/topics/family-hubs/",
        "Parent-infant relationship teams": "/topics/parent-infant-relationship-teams/",
    }
    campaign = release.select_one(".release-campaign a")
    assert (campaign.get_text(), campaign["href"]) == ("First 1001 Days", "/campaigns/first-1001-days/")


def test_support_call_comes_from_the_settings(release):
    box = release.select_one(".support-call")
    assert box.h2.get_text() == "Support our work"
    assert box.select_one("a.button")["href"] == "https://parentinfantfoundation.org.uk/support-us/"


def test_every_link_and_anchor_between_pages_of_the_site_reaches_something(showcase):
    checked, broken = check_links(showcase)
    assert checked > 500
    assert [str(link) for link in broken] == []


REBRAND = {
    "SITENAME": "Example Trust newsroom",
    "ORGANISATION": {"name": "Example Trust", "charity_number": "7654321", "url": "https://trust.example/"},
    "BRAND_COLOURS": {"primary": "#003a5d", "accent": "#7a2e00", "link": "#0b4f8a", "text": "#111111"},
    "NAVIGATION": [{"text": "About us", "url": "our-vision-the-1001-critical-days/"}],
    "SUPPORT_LINK": {"text": "Give today", "url": "https://trust.example/give", "message": "Thank you."},
    "FEATURED_CAMPAIGN": "",
}


def test_a_second_organisation_rebrands_through_settings_alone(build_site):
    output = build_site(**REBRAND)
    page = read_html(output, "releases/2022/care-review-response/")
    assert page.select_one(".site-name").get_text(strip=True) == "Example Trust newsroom"
    assert page.select_one(".site-logo") is None
    assert "7654321" in page.select_one("footer").get_text()
    assert page.select("header nav a")[-1].get_text() == "About us"
    assert page.select_one(".support-call a.button")["href"] == "https://trust.example/give"
    style = page.select_one("head style").get_text()
    assert "--brand-primary: #003a5d;" in style and "--brand-focus" not in style
    assert read_html(output, "/").select_one(".featured-campaign") is None


def test_brand_colours_that_would_be_hard_to_read_stop_the_build(tmp_path):
    from pelican import Pelican

    settings = site_settings(
        ROOT / "content", tmp_path / "output", BRAND_COLOURS={"primary": "#ffcc00", "links": "#000000"}
    )
    with pytest.raises(SettingsInvalid) as stopped:
        Pelican(settings).run()
    assert len(stopped.value.problems) == 2
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    ("colours", "complaint"),
    [
        ({"primary": "#777777"}, "contrast 4.48:1"),
        ({"link": "blue"}, "write it as #rrggbb"),
        ({"focus": "#333333"}, "choose a lighter colour"),
        ({"primry": "#000000"}, "'primry' is not a colour the theme uses"),
    ],
)
def test_brand_problems_say_what_is_wrong_and_how_to_fix_it(colours, complaint):
    [problem] = brand_problems(colours)
    assert complaint in problem


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.browser
def test_release_prints_as_a_plain_press_release(chromium, showcase):
    with serve_directory(showcase) as url:
        context = chromium.new_context()
        page = context.new_page()
        page.goto(url + PRESS_RELEASE)
        page.emulate_media(media="print")
        shown = page.evaluate(
            """() => Object.fromEntries(
                 ['.site-nav', '.share-bar', '.support-call', '.related', '.release-neighbours', '.skip-link',
                  '.notes-to-editors', '.media-contact', '.release-ends', '.spokespeople', '.responds-to']
                 .map(selector => [selector, [...document.querySelectorAll(selector)]
                   .some(element => getComputedStyle(element).display !== 'none')]))"""
        )
        link_after = page.evaluate(
            "() => getComputedStyle(document.querySelector('.notes-to-editors a'), '::after').content"
        )
        context.close()
    hidden_in_print = [
        ".site-nav",
        ".share-bar",
        ".support-call",
        ".related",
        ".release-neighbours",
        ".skip-link",
    ]
    assert not any(shown[selector] for selector in hidden_in_print), shown
    assert all(shown[selector] for selector in shown if selector not in hidden_in_print), shown
    assert "https://parentinfantfoundation.org.uk/" in link_after
