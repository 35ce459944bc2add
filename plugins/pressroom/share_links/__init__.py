"""Share links: one pure function per network, attached to releases and quotes as data.

Only `generator.articles` is read, so a draft or an embargoed release (a Pelican draft in a public
build) never gets share links.
"""

from pelican import signals

from pressroom.content_model.site import absolute_url

from .networks import release_share_links


def attach_share_links(generator) -> None:
    siteurl = generator.settings.get("SITEURL", "")
    for article in generator.articles:
        release = getattr(article, "release", None)
        if release is None:
            continue
        url = absolute_url(siteurl, article.url)
        article.share_links = release_share_links(release.title, url)


def register() -> None:
    signals.article_generator_finalized.connect(attach_share_links)


__all__ = ["register"]
