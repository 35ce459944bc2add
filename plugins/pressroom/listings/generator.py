"""Pages Pelican has no generator for: one per person and per campaign with a public release, the people
index, the press office and the 404.

Reads only the public articles Pelican put in the shared context, so nothing that is not public yet
can reach a listing. Also links each public release to its neighbours and related releases.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pelican.generators import Generator

from pressroom.content_model.model import RELEASE_TYPES, Quote
from pressroom.content_model.site import note_withdrawal_notice, site_address, site_of, withdrawn_articles

from .navigation import navigation
from .relations import Entry, by_campaign, by_person, neighbours, related

PEOPLE_URL = "people/"


@dataclass
class Listing:
    """One listing page: who or what it is about, its releases (newest first) and where it lives."""

    subject: object
    articles: list
    url: str
    save_as: str
    # For a person: what they said in public releases, newest first.
    quotes: list = field(default_factory=list)


@dataclass(frozen=True)
class QuotedIn:
    """One quote and the public release it appears in."""

    quote: Quote
    article: object


def quotes_by_person(articles) -> dict[str, list[QuotedIn]]:
    """Person id → every quote they gave in `articles`, newest release first, in each release's order."""
    found: dict[str, list[QuotedIn]] = defaultdict(list)
    for article in sorted(articles, key=lambda article: (article.date, article.url), reverse=True):
        for quote in article.release.quotes:
            if quote.person.id:
                found[quote.person.id].append(QuotedIn(quote, article))
    return dict(found)


def entry_for(article) -> Entry:
    release = article.release
    people = {person.id for person in release.people_named}
    return Entry(
        key=article.url,
        date=article.date,
        topics=frozenset(topic.id for topic in release.topics),
        people=frozenset(people),
        campaign=release.campaign.id if release.campaign else "",
    )


def in_type_order(categories: list) -> list:
    """Pelican's (category, articles) pairs in the schema's order of types, not alphabetically."""
    order = {kind.plural: position for position, kind in enumerate(RELEASE_TYPES.values())}
    return sorted(categories, key=lambda pair: order.get(pair[0].name, len(order)))


def listings_for(subjects: dict, keys_by_subject: dict, articles_by_key: dict, path, save_as):
    """A Listing for every directory entry, in directory order, even one with no public release yet;
    `path(id)` and `save_as(id)` say where each one's page is."""
    return [
        Listing(
            subject=subject,
            articles=[articles_by_key[key] for key in keys_by_subject.get(subject_id, [])],
            url=path(subject_id),
            save_as=save_as(subject_id),
        )
        for subject_id, subject in subjects.items()
    ]


def redirect_save_as(path: str) -> str:
    """Where the redirect page for an earlier address is written: a folder address gets its index.html."""
    return f"{path}index.html" if path.endswith("/") else path


class ListingsGenerator(Generator):
    def generate_context(self):
        articles = [article for article in self.context.get("articles", []) if hasattr(article, "release")]
        entries = [entry_for(article) for article in articles]
        articles_by_key = {article.url: article for article in articles}

        for key, (older, newer) in neighbours(entries).items():
            articles_by_key[key].older_release = articles_by_key.get(older)
            articles_by_key[key].newer_release = articles_by_key.get(newer)
        for key, keys in related(entries, site_of(self.settings).options.related_releases).items():
            articles_by_key[key].related_releases = [articles_by_key[other] for other in keys]

        site = site_of(self.settings)
        directory = site.directory
        self.people = listings_for(
            directory.people, by_person(entries), articles_by_key, site.person_path, site.person_save_as
        )
        quotes = quotes_by_person(articles)
        for listing in self.people:
            listing.quotes = quotes.get(listing.subject.id, [])
        # Like a topic, a campaign appears with its first public release: a page for a campaign whose
        # only releases are embargoed would announce it early.
        self.campaigns = [
            listing
            for listing in listings_for(
                directory.campaigns,
                by_campaign(entries),
                articles_by_key,
                site.campaign_path,
                site.campaign_save_as,
            )
            if listing.articles
        ]
        featured = site.options.featured_campaign
        type_listings = in_type_order(self.context.get("categories", []))
        siteurl = site.url
        self.context.update(
            site_directory=directory,
            type_listings=type_listings,
            site_navigation=navigation(type_listings, site.options.navigation, siteurl),
            # Each directory entry's page, as pages link to it.
            person_pages={listing.subject.id: site_address(siteurl, listing.url) for listing in self.people},
            campaign_pages={
                listing.subject.id: site_address(siteurl, listing.url) for listing in self.campaigns
            },
            people_url=site.options.people_url,
            featured_campaign=next(
                (listing for listing in self.campaigns if listing.subject.id == featured), None
            ),
        )

    def write_redirects(self, writer) -> None:
        """A page at each earlier address of a public or withdrawn release, and of a published page, that
        sends readers and search engines on (a withdrawn release's page stays, with its notice)."""
        site = site_of(self.settings)
        template = self.get_template("redirect")
        withdrawn = withdrawn_articles(self.context)
        for article in [*self.context.get("articles", []), *withdrawn, *self.context.get("pages", [])]:
            moved = getattr(article, "release", None) or getattr(article, "page", None)
            if moved is None:
                continue
            for path in moved.previous_urls:
                if article in withdrawn:
                    note_withdrawal_notice(self.settings, moved.source_path, redirect_save_as(path))
                writer.write_file(
                    redirect_save_as(path),
                    template,
                    self.context,
                    False,
                    article=None,
                    moved_title=article.title,
                    moved_to=site.absolute(article.url),
                )

    def generate_output(self, writer):
        options = site_of(self.settings).options
        relative_urls = self.settings["RELATIVE_URLS"]
        for template_name, listings, subject_name in (
            ("spokesperson", self.people, "person"),
            ("campaign", self.campaigns, "campaign"),
        ):
            template = self.get_template(template_name)
            for listing in listings:
                writer.write_file(
                    listing.save_as,
                    template,
                    self.context,
                    relative_urls,
                    paginated={"articles": listing.articles},
                    template_name=template_name,
                    url=listing.url,
                    articles=listing.articles,
                    quotes=listing.quotes,
                    **{subject_name: listing.subject},
                )
        writer.write_file(
            options.people_save_as,
            self.get_template("people"),
            self.context,
            relative_urls,
            url=options.people_url,
            spokespeople=[listing for listing in self.people if listing.subject.spokesperson],
            people_mentioned=[listing for listing in self.people if not listing.subject.spokesperson],
        )
        writer.write_file(
            options.press_office_save_as,
            self.get_template("press_office"),
            self.context,
            relative_urls,
            url=options.press_office_url,
        )
        self.write_redirects(writer)
        # Served at any address that does not exist, so its links must not be relative to where it is.
        writer.write_file(options.not_found_save_as, self.get_template("404"), self.context, False)
