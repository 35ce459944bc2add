"""Share links: one pure function per network, attached to releases and quotes as data.

Only `generator.articles` is read, so a draft or an embargoed release (a Pelican draft in a public
build) never gets share links.
"""

from pelican import signals

from pressroom.content_model.site import site_of

from .networks import release_share_links


def attach_share_links(generator) -> None:
    site = site_of(generator.settings)
    for article in generator.articles:
        release = getattr(article, "release", None)
        if release is None:
            continue
        url = site.link(article.url)
        article.share_links = release_share_links(release.title, url)


def register() -> None:
    signals.article_generator_finalized.connect(attach_share_links)


__all__ = ["register"]
