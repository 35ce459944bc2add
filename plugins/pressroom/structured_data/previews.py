"""A page's link preview: canonical address, Open Graph and Twitter tags, and its JSON-LD document."""

from __future__ import annotations

from dataclasses import dataclass, field

from pressroom.content_model.model import Person
from pressroom.content_model.site import PUBLISHER_LOGO_KEY, SITE_IMAGE_KEY, absolute_url, site_of

from . import json_ld
from .descriptions import SitePages, listing_description, site_page_descriptions
from .open_graph import article_properties, common_properties, language_tag, twitter_names


@dataclass(frozen=True)
class LinkPreview:
    canonical: str
    description: str
    properties: tuple[tuple[str, str], ...]
    names: tuple[tuple[str, str], ...]
    json_ld: dict


@dataclass(frozen=True)
class PreviewSite:
    """The settings every preview needs, read once."""

    name: str
    url: str
    language: str
    publisher: dict
    image: object
    organisation: str = ""
    # SPOKESPERSON_URL: where a directory person's page is, with {id}.
    person_url: str = "people/{id}/"
    topics: dict = field(default_factory=dict)
    page_descriptions: dict = field(default_factory=dict)

    def person_page(self, someone) -> str:
        """The address of someone's page on this site, or "" for someone outside the directory."""
        return absolute_url(self.url, self.person_url.format(id=someone.id)) if someone.id else ""

    @property
    def home(self) -> str:
        return absolute_url(self.url, "")

    @property
    def reference(self) -> dict:
        return {"@type": "WebSite", "@id": f"{self.home}#website", "name": self.name, "url": self.home}


def site_from_settings(settings: dict, context: dict) -> PreviewSite:
    """The build's settings, and the site image and logo the social_cards plugin offers when it runs."""
    site = site_of(settings)
    options = site.options
    publisher = json_ld.organization(
        site.organisation,
        options.organisation.get("url") or site.link(""),
        context.get(PUBLISHER_LOGO_KEY),
    )
    pages = SitePages(
        archive=options.archives_save_as,
        press_office=options.press_office_save_as,
        people=options.people_save_as,
        subscribe=options.subscribe_save_as,
        search=options.search_save_as,
    )
    return PreviewSite(
        name=site.name,
        url=site.url,
        language=language_tag(options.language),
        publisher=publisher,
        image=context.get(SITE_IMAGE_KEY),
        organisation=site.organisation,
        person_url=options.person_url,
        topics=site.directory.topics,
        page_descriptions=site_page_descriptions(pages, site.organisation, options.site_description),
    )


def release_preview(shown, image, site: PreviewSite) -> LinkPreview:
    """A release's link preview, from its presentation."""
    url = shown.link
    modified = shown.updated or shown.published
    topics = [topic.text for topic in shown.topics]
    properties = common_properties(
        "article", shown.headline, shown.standfirst, url, site.name, site.language, image
    ) + article_properties(shown.published.at, modified.at, shown.kind.plural, topics)
    return LinkPreview(
        canonical=url,
        description=shown.standfirst,
        properties=tuple(properties),
        names=tuple(twitter_names(shown.headline, shown.standfirst, image)),
        json_ld=json_ld.release_document(shown, image, site.publisher, site.language),
    )


def page_preview(
    title: str, description: str, path: str, site: PreviewSite, kind: str = "WebPage", main_entity=None
) -> LinkPreview:
    url = absolute_url(site.url, path)
    if url == site.home:
        document = json_ld.home_document(site.name, url, site.publisher, site.language)
    else:
        document = json_ld.page_document(
            kind, title, description, url, site.reference, site.publisher, main_entity
        )
    return LinkPreview(
        canonical=url,
        description=description,
        properties=tuple(
            common_properties("website", title, description, url, site.name, site.language, site.image)
        ),
        names=tuple(twitter_names(title, description, site.image)),
        json_ld=document,
    )


def listing_preview(output_file: str, site: PreviewSite, name: str = "", subject=None) -> LinkPreview | None:
    """A listing written to `topics/x/index.html` lives at `topics/x/`. A file that is not a folder's
    index (the 404 page, served at any missing address) has no address of its own, so no preview.

    `subject` is what the listing is about (a Person, a campaign, Pelican's Tag or Category): it gives
    the description, and a person's page is a ProfilePage about them.
    """
    if output_file != "index.html" and not output_file.endswith("/index.html"):
        return None
    title = f"{name} — {site.name}" if name else site.name
    description = listing_description(
        output_file, name, subject, site.topics, site.page_descriptions, site.organisation
    )
    if isinstance(subject, Person) and subject.id:
        about = json_ld.profile(subject, site.person_page(subject))
        return page_preview(
            title, description, output_file.removesuffix("index.html"), site, "ProfilePage", about
        )
    return page_preview(
        title, description, output_file.removesuffix("index.html"), site, kind="CollectionPage"
    )
