"""A page's link preview: canonical address, Open Graph and Twitter tags, and its JSON-LD document."""

from __future__ import annotations

from dataclasses import dataclass, field

from pressroom.content_model.model import Person
from pressroom.content_model.site import (
    PUBLISHER_LOGO_KEY,
    SITE_IMAGE_KEY,
    absolute_url,
    organisation_name,
    site_of,
)

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
    organisation = settings.get("ORGANISATION", {})
    publisher = json_ld.organization(
        organisation_name(settings),
        organisation.get("url") or absolute_url(settings.get("SITEURL", ""), ""),
        context.get(PUBLISHER_LOGO_KEY),
    )
    pages = SitePages(
        **{
            name: settings[setting]
            for name, setting in (
                ("archive", "ARCHIVES_SAVE_AS"),
                ("press_office", "PRESS_OFFICE_SAVE_AS"),
                ("people", "PEOPLE_SAVE_AS"),
                ("subscribe", "PRESSROOM_SUBSCRIBE_SAVE_AS"),
                ("search", "SEARCH_SAVE_AS"),
            )
            if settings.get(setting)
        }
    )
    organisation_called = organisation_name(settings)
    return PreviewSite(
        name=settings.get("SITENAME", ""),
        url=settings.get("SITEURL", ""),
        language=language_tag(settings.get("DEFAULT_LANG", "en")),
        publisher=publisher,
        image=context.get(SITE_IMAGE_KEY),
        organisation=organisation_called,
        person_url=settings.get("SPOKESPERSON_URL", "people/{id}/"),
        topics=site_of(settings).directory.topics,
        page_descriptions=site_page_descriptions(
            pages, organisation_called, settings.get("SITE_DESCRIPTION", "")
        ),
    )


def release_preview(release, path: str, published, modified, image, site: PreviewSite) -> LinkPreview:
    url = absolute_url(site.url, path)
    properties = common_properties(
        "article", release.title, release.summary, url, site.name, site.language, image
    ) + article_properties(published, modified, release.type.plural, [topic.name for topic in release.topics])
    return LinkPreview(
        canonical=url,
        description=release.summary,
        properties=tuple(properties),
        names=tuple(twitter_names(release.title, release.summary, image)),
        json_ld=json_ld.release_document(
            release, url, published, modified, image, site.publisher, site.language, site.person_page
        ),
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
