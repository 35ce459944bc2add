"""A page's link preview: canonical address, Open Graph and Twitter tags, and its JSON-LD document."""

from __future__ import annotations

from dataclasses import dataclass

from pressroom.content_model.site import PUBLISHER_LOGO_KEY, SITE_IMAGE_KEY, absolute_url, organisation_name

from . import json_ld
from .open_graph import article_properties, common_properties, language_tag, twitter_names


@dataclass(frozen=True)
class LinkPreview:
    canonical: str
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
    return PreviewSite(
        name=settings.get("SITENAME", ""),
        url=settings.get("SITEURL", ""),
        language=language_tag(settings.get("DEFAULT_LANG", "en")),
        publisher=publisher,
        image=context.get(SITE_IMAGE_KEY),
    )


def release_preview(release, path: str, published, modified, image, site: PreviewSite) -> LinkPreview:
    url = absolute_url(site.url, path)
    properties = common_properties(
        "article", release.title, release.summary, url, site.name, site.language, image
    ) + article_properties(published, modified, release.type.plural, [topic.name for topic in release.topics])
    return LinkPreview(
        canonical=url,
        properties=tuple(properties),
        names=tuple(twitter_names(release.title, release.summary, image)),
        json_ld=json_ld.release_document(
            release, url, published, modified, image, site.publisher, site.language
        ),
    )


def page_preview(
    title: str, description: str, path: str, site: PreviewSite, kind: str = "WebPage"
) -> LinkPreview:
    url = absolute_url(site.url, path)
    if url == site.home:
        document = json_ld.home_document(site.name, url, site.publisher, site.language)
    else:
        document = json_ld.page_document(kind, title, description, url, site.reference, site.publisher)
    return LinkPreview(
        canonical=url,
        properties=tuple(
            common_properties("website", title, description, url, site.name, site.language, site.image)
        ),
        names=tuple(twitter_names(title, description, site.image)),
        json_ld=document,
    )


def listing_preview(output_file: str, site: PreviewSite, name: str = "") -> LinkPreview | None:
    """A listing written to `topics/x/index.html` lives at `topics/x/`. A file that is not a folder's
    index (the 404 page, served at any missing address) has no address of its own, so no preview."""
    if output_file != "index.html" and not output_file.endswith("/index.html"):
        return None
    title = f"{name} — {site.name}" if name else site.name
    return page_preview(title, "", output_file.removesuffix("index.html"), site, kind="CollectionPage")
