"""Each theme component (a macro under theme/templates/components/) rendered on its own, escaping included."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader
from pelican.paginator import Paginator
from support.components import COMPONENTS, article, documented_components, example_values
from support.site import ROOT, SAMPLE_CONTENT, site_settings

from pressroom.content_model.model import Person, PressContact, Quote
from pressroom.content_model.presentation import Moment, RespondsToFacts
from pressroom.share_links.networks import quote_share_links

KEITH = Person(
    "Keith Reed",
    "Chief Executive Officer",
    "Parent-Infant Foundation",
    "keith-reed",
    "Bio.",
    "a.jpg",
    "https://press.example/a.jpg",
)
OFFICE = PressContact("press-office", "Press office", "press@example.org", "020 7946 0001", "020 7946 0002")


@pytest.fixture(scope="module")
def environment():
    return Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), autoescape=True)


DOCUMENTED = documented_components()
EXAMPLES = [
    pytest.param(name, example, id=f"{name}: {example['name']}")
    for name, documentation in DOCUMENTED.items()
    for example in documentation["examples"]
]


def test_every_component_is_documented_parameter_by_parameter():
    assert sorted(DOCUMENTED) == sorted(path.stem for path in COMPONENTS.glob("*.html"))
    environment = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), autoescape=True)
    for name, documentation in DOCUMENTED.items():
        macro = getattr(environment.get_template(f"components/{name}.html").module, documentation["macro"])
        assert [param["name"] for param in documentation["params"]] == list(macro.arguments), name
        for param in documentation["params"]:
            assert param["type"] and param["description"] and "required" in param, (name, param["name"])
        assert documentation["examples"], name


@pytest.mark.parametrize(("name", "example"), EXAMPLES)
def test_every_documented_example_renders(environment, name, example):
    documentation = DOCUMENTED[name]
    template = environment.get_template(
        f"components/{name}.html", globals={"SITEURL": "", "THEME_STATIC_DIR": "theme"}
    )
    html = getattr(template.module, documentation["macro"])(**example_values(documentation, example))
    rendered = BeautifulSoup(str(html), "html.parser")
    assert rendered.find(True), "every example shows something"
    for value in example["data"].values():
        if isinstance(value, str) and not value.startswith(("/", "http")) and " " in value:
            assert value in rendered.get_text(" "), value


def render(environment, component: str, call: str, **values) -> BeautifulSoup:
    macro = call.split("(")[0]
    template = environment.from_string(
        f'{{% from "components/{component}.html" import {macro} %}}{{{{ {call} }}}}'
    )
    return BeautifulSoup(template.render(**values), "html.parser")


def test_quote_is_a_figure_with_the_words_and_who_said_them(environment):
    figure = render(environment, "quote", "quote(item)", item=Quote(1, "Babies can't wait.", KEITH))
    assert figure.select_one("figure.quote blockquote").get_text(strip=True) == "Babies can't wait."
    assert figure.select_one("figcaption .quote-name").get_text() == "Keith Reed"
    assert (
        figure.select_one("figcaption .quote-role").get_text()
        == "Chief Executive Officer, Parent-Infant Foundation"
    )


def test_quote_without_a_role_has_no_empty_role(environment):
    figure = render(environment, "quote", "quote(item)", item=Quote(1, "Words.", Person("A Parent")))
    assert figure.select_one(".quote-name").get_text() == "A Parent"
    assert figure.select_one(".quote-role") is None


def test_quote_keeps_the_share_bar_slot_beside_the_attributed_words(environment):
    item = Quote(1, "Words.", KEITH)
    shared = render(environment, "quote", "quote(item, share=[])", item=item)
    assert "Share this quote" not in shared.get_text(), "no links, no bar"
    links = quote_share_links(item.text, KEITH.name, "A title", "https://press.example.org/releases/2024/a/")
    shared = render(environment, "quote", "quote(item, share=links)", item=item, links=links)
    words = shared.select_one("figure.quote > figure.quote-words")
    assert words.select_one("blockquote").get_text(strip=True) == "Words."
    assert words.select_one("figcaption .quote-name").get_text() == "Keith Reed"
    assert "Share this quote" in shared.select_one("figure.quote").get_text()
    assert "Share this quote" not in words.get_text(), "the caption names the speaker only"
    bar = shared.select_one("figure.quote > .share-bar")
    rendered = {link["data-share-network"]: link["href"] for link in bar.select("a.share-link")}
    assert rendered == {link.network: link.href for link in links if link.href}
    assert {"x", "bluesky", "mastodon", "threads", "whatsapp", "email"} <= rendered.keys()


def test_share_bar_slot_takes_links_and_a_label(environment):
    links = {"x": "https://x.com/intent/post?text=a"}
    rendered = render(environment, "share_bar", 'share_bar(links, "Share this <release>")', links=links)
    assert not rendered.find("release"), "the label is text, never markup"


def test_person_card_links_the_name_and_shows_role_photo_and_bio(environment):
    card = render(
        environment,
        "person",
        'person_card(person, "/people/keith-reed/", show_bio=True)',
        person=KEITH,
    )
    assert card.select_one(".person-name a")["href"] == "/people/keith-reed/"
    assert card.select_one(".person-name").get_text(strip=True) == "Keith Reed"
    assert card.select_one(".person-role").get_text() == "Chief Executive Officer, Parent-Infant Foundation"
    assert card.select_one(".person-bio").get_text() == "Bio."
    photo = card.select_one("img.person-photo")
    assert photo["src"] == "https://press.example/a.jpg"
    assert photo["alt"] == "", "the name beside the photo already says who it is"


def test_person_card_for_someone_outside_the_directory_has_no_link_photo_or_bio(environment):
    card = render(
        environment,
        "person",
        'person_card(person, note="chair")',
        person=Person("Tom <b>Belger</b>", "Editor"),
    )
    assert card.select_one(".person-name a") is None
    assert card.select_one("img") is None and card.select_one(".person-bio") is None
    assert card.select_one(".person-name").get_text() == "Tom <b>Belger</b> (chair)"


def test_press_contact_gives_email_and_dialable_phone_numbers(environment):
    contact = render(environment, "contact", "press_contact(contact)", contact=OFFICE)
    values = dict(zip([dt_.get_text() for dt_ in contact.select("dt")], contact.select("dd"), strict=True))
    assert values["Contact"].get_text() == "Press office"
    assert values["Email"].a["href"] == "mailto:press@example.org"
    assert values["Phone"].a["href"] == "tel:02079460001"
    assert values["Out of hours"].a["href"] == "tel:02079460002"


def test_press_contact_without_phones_lists_only_what_it_has(environment):
    contact = render(
        environment, "contact", "press_contact(contact)", contact=PressContact("x", "Jo", "jo@example.org")
    )
    assert [term.get_text() for term in contact.select("dt")] == ["Contact", "Email"]


@pytest.fixture(scope="module")
def paginator(tmp_path_factory):
    settings = site_settings(SAMPLE_CONTENT, tmp_path_factory.mktemp("unused"))
    return Paginator("news/index.html", "news/", list(range(25)), settings, 10)


def test_pagination_links_previous_and_next_with_the_position(environment, paginator):
    nav = render(
        environment,
        "pagination",
        'pagination(page, previous_page, next_page, "https://press.example")',
        page=paginator.page(2),
        previous_page=paginator.page(1),
        next_page=paginator.page(3),
    )
    assert nav.select_one("nav.pagination")["aria-label"]
    assert nav.select_one('a[rel="prev"]')["href"] == "https://press.example/news/"
    assert nav.select_one('a[rel="next"]')["href"] == "https://press.example/news/page/3/"
    assert nav.select_one(".pagination-position").get_text() == "Page 2 of 3"


def test_pagination_of_the_first_page_has_no_previous_link(environment, paginator):
    nav = render(
        environment,
        "pagination",
        "pagination(page, None, next_page)",
        page=paginator.page(1),
        next_page=paginator.page(2),
    )
    assert nav.select_one('a[rel="prev"]') is None
    assert nav.select_one('a[rel="next"]')["href"] == "/news/page/2/"


def test_pagination_is_absent_when_everything_fits_on_one_page(environment, tmp_path):
    settings = site_settings(SAMPLE_CONTENT, tmp_path)
    single = Paginator("news/index.html", "news/", [1, 2], settings, 10)
    assert (
        render(environment, "pagination", "pagination(page)", page=single.page(1)).select_one("nav") is None
    )


def test_responds_to_box_links_the_source_and_dates_it(environment):
    date = Moment(dt.datetime(2022, 5, 23), "23 May 2022")
    source = RespondsToFacts("The Care Review", "Independent Review", "https://www.gov.uk/review", date)
    box = render(environment, "responds_to", "responds_to_box(source)", source=source)
    assert box.select_one("h2").get_text() == "Responding to"
    assert box.select_one(".responds-to-title a")["href"] == "https://www.gov.uk/review"
    assert box.select_one("time")["datetime"] == "2022-05-23"
    assert box.select_one(".responds-to-source").get_text() == "Independent Review, 23 May 2022"


def test_responds_to_box_without_url_or_date_is_plain_text(environment):
    box = render(environment, "responds_to", "responds_to_box(source)", source=RespondsToFacts("A speech"))
    assert box.select_one(".responds-to-title").get_text() == "A speech"
    assert box.select_one("a") is None and box.select_one(".responds-to-source") is None


def test_support_call_renders_the_configured_link_and_nothing_without_one(environment):
    link = {"text": "Donate", "url": "https://example.org/give", "message": "Help us <now>."}
    box = render(environment, "support", "support_call(link)", link=link)
    assert box.select_one("h2").get_text() == "Donate"
    assert box.select_one("a.button")["href"] == "https://example.org/give"
    assert box.select_one("p").get_text() == "Help us <now>."
    assert render(environment, "support", "support_call(link)", link=None).get_text(strip=True) == ""


def test_release_list_gives_type_linked_headline_date_and_standfirst(environment):
    articles = [article("releases/2023/2023-06-12-helen-hayes-mp-visits-leap.md")]
    listing = render(
        environment, "release_list", "release_list(articles, heading_level=3)", articles=articles, SITEURL=""
    )
    item = listing.select_one("ol.release-list li")
    assert item.select_one(".release-type").get_text() == "News"
    headline = item.select_one("h3 a")
    assert headline.get_text() == articles[0].title
    assert headline["href"] == "/releases/2023/helen-hayes-mp-visits-leap/"
    assert item.select_one("time")["datetime"].startswith("2023-06-12")
    assert item.find("p", string=articles[0].release.summary)


def test_release_list_says_so_when_there_is_nothing_to_list(environment):
    listing = render(environment, "release_list", "release_list(articles)", articles=[])
    assert listing.select_one("ol") is None
    assert listing.select_one(".release-list-empty").get_text() == "No releases yet."
