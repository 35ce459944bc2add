"""From the public articles and the settings to every feed document and the site's feed directory."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pressroom.content_model.model import RELEASE_TYPES, Release
from pressroom.content_model.presentation import Moment, Presentation
from pressroom.content_model.site import site_of

from .discovery import FORMATS, Addresses, FeedDirectory, build_directory, feed_path
from .entries import entry_id, feed_id
from .formats import FeedDocument, Publisher, atom_xml, json_feed, rss_xml
from .slices import Entry, Slice, SliceKey, Tagged, group_into_slices

WRITERS = {"atom": atom_xml, "rss": rss_xml, "json": json_feed}


@dataclass(frozen=True)
class FeedSettings:
    organisation: str
    organisation_url: str
    language: str
    # Pages link with SITEURL like every other link; feed contents need an absolute base, even in dev.
    page_base: str
    absolute_base: str
    id_domain: str
    id_since: str
    max_items: int
    icon_path: str
    logo_path: str
    slice_pages: dict
    tag_url: str
    subscribe_url: str
    subscribe_save_as: str
    relative_urls: bool
    managing_editor: str

    def absolute(self, path: str) -> str:
        return f"{self.absolute_base}/{path}"

    def page_link(self, path: str) -> str:
        return f"{self.page_base}/{path}"


def _press_office_editor(site) -> str:
    contact = site.directory.press_contacts.get(site.options.press_office_contact)
    return f"{contact.email} ({contact.name})" if contact else ""


def settings_view(settings: dict) -> FeedSettings:
    site = site_of(settings)
    options = site.options
    return FeedSettings(
        organisation=site.organisation,
        organisation_url=options.organisation.get("url") or site.absolute(""),
        language=options.language,
        page_base=site.url,
        absolute_base=site.base,
        id_domain=options.feed_id_domain,
        id_since=options.feed_id_since,
        max_items=options.feed_max_items,
        icon_path=options.feed_icon,
        logo_path=options.feed_logo,
        slice_pages={"campaign": options.campaign_save_as, "spokesperson": options.person_save_as},
        tag_url=options.tag_url,
        subscribe_url=options.subscribe_url,
        subscribe_save_as=options.subscribe_save_as,
        relative_urls=settings.get("RELATIVE_URLS", False),
        managing_editor=_press_office_editor(site),
    )


def _folder(save_as: str) -> str:
    return save_as.rpartition("/")[0] + "/"


def everything_slice(settings: FeedSettings) -> SliceKey:
    kinds = ", ".join(kind.plural.lower() for kind in RELEASE_TYPES.values())
    return SliceKey(
        "all",
        "all",
        "All releases",
        "",
        f"All releases — {settings.organisation}",
        f"Every release from {settings.organisation}: {kinds}.",
    )


def slices_of(article, settings: FeedSettings) -> tuple[SliceKey, ...]:
    """The type, topic, campaign and spokesperson slices one public release belongs to."""
    release: Release = article.release
    org = settings.organisation
    category = article.category
    keys = [
        SliceKey(
            "type",
            category.slug,
            category.name,
            _folder(category.save_as),
            f"{category.name} — {org}",
            f"{category.name} from {org}.",
        )
    ]
    tag_pages = {tag.slug: _folder(tag.save_as) for tag in article.tags}
    keys += [
        SliceKey(
            "topic",
            topic.id,
            topic.name,
            tag_pages[topic.id],
            f"Topic: {topic.name} — {org}",
            topic.description or f"Releases from {org} about {topic.name.lower()}.",
        )
        for topic in release.topics
    ]
    if release.campaign:
        campaign = release.campaign
        keys.append(
            SliceKey(
                "campaign",
                campaign.id,
                campaign.name,
                _folder(settings.slice_pages["campaign"].format(id=campaign.id)),
                f"Campaign: {campaign.name} — {org}",
                campaign.description or f"Releases from {org} for the {campaign.name} campaign.",
            )
        )
    keys += [
        SliceKey(
            "spokesperson",
            person.id,
            person.name,
            _folder(settings.slice_pages["spokesperson"].format(id=person.id)),
            f"{'Spokesperson' if person.spokesperson else 'Person'}: {person.name} — {org}",
            f"Releases from {org} that name or quote {person.name}"
            + (f", {person.role_line}." if person.role_line else "."),
        )
        for person in release.people_named
    ]
    return tuple(keys)


def entry_of(article, settings: FeedSettings, render_content: Callable[..., str]) -> Entry:
    """The feed entry of a release, from its presentation; `render_content` gives its HTML with every
    address absolute.

    A withdrawn release's entry keeps its id, so readers update the entry they have: its title and
    summary say it was withdrawn, its content is the notice, and it is updated on the day it was."""
    release: Release = article.release
    shown: Presentation = article.presentation
    html = render_content(shown=shown, url=shown.address)
    updated: Moment | None
    if shown.withdrawn:
        title, summary, updated = (
            f"Withdrawn: {shown.headline}",
            shown.withdrawn.notice,
            shown.withdrawn.moment,
        )
        image_url = ""
    else:
        title, summary, updated = shown.headline, shown.standfirst, shown.updated
        image_url = shown.image.address if shown.image else ""
    return Entry(
        # Made from the date the author wrote, not the publication moment: it never changes.
        id=entry_id(settings.id_domain, release.date.date(), Path(article.source_path).stem),
        title=title,
        url=shown.address,
        published=shown.published.at,
        updated=updated.at if updated else None,
        summary=summary,
        content_html=html,
        type_label=shown.kind.label,
        topics=tuple((topic.id, topic.name) for topic in release.topics),
        image_url=image_url,
        # The organisation when no spokesperson speaks: readers show an entry's own author, not the feed's.
        authors=tuple(
            (someone.name, someone.page.address if someone.page else "") for someone in shown.spokespeople
        )
        or ((settings.organisation, settings.organisation_url),),
    )


@dataclass(frozen=True)
class FeedFile:
    """One file to write: its output path (also its URL path), its format and its content."""

    path: str
    format_id: str
    document: FeedDocument


@dataclass(frozen=True)
class FeedPlan:
    settings: FeedSettings
    files: tuple[FeedFile, ...]
    directory: FeedDirectory
    # {source path of a withdrawn release: the feed files that announce its withdrawal}
    withdrawal_notices: dict[str, tuple[str, ...]]


def _feed_file(feed_slice: Slice, settings: FeedSettings, publisher: Publisher, feed_format) -> FeedFile:
    path = feed_path(feed_slice.path_stem, feed_format)
    key = feed_slice.key
    document = FeedDocument(
        title=key.title,
        description=key.description,
        home_url=settings.absolute(key.page_path),
        self_url=settings.absolute(path),
        id=feed_id(settings.id_domain, settings.id_since, feed_slice.path_stem),
        publisher=publisher,
        entries=tuple(feed_slice.entries),
    )
    return FeedFile(path, feed_format.id, document)


def plan_feeds(
    articles: Iterable, raw_settings: dict, render_content: Callable[..., str], withdrawn: Iterable = ()
) -> FeedPlan:
    """Every feed of the public `articles`; each `withdrawn` release's notice goes into those of its feeds
    that a public release keeps (a feed with nothing public left has no page to lead to)."""
    articles = list(articles)
    settings = settings_view(raw_settings)
    everything = everything_slice(settings)
    tagged = [
        Tagged(entry_of(article, settings, render_content), slices_of(article, settings))
        for article in articles
    ]
    notices = {
        entry_of(article, settings, render_content): (
            article.release.source_path,
            slices_of(article, settings),
        )
        for article in withdrawn
    }
    public_keys = {key for item in tagged for key in item.slices}
    announced = [
        Tagged(entry, tuple(key for key in keys if key in public_keys))
        for entry, (_, keys) in notices.items()
    ]
    slices = group_into_slices([*tagged, *announced], everything, settings.max_items)
    by_key = {feed_slice.key: feed_slice for feed_slice in slices}
    article_slices = {
        _folder(article.save_as): [by_key[key] for key in item.slices]
        for article, item in zip(articles, tagged, strict=True)
    }
    publisher = Publisher(
        name=settings.organisation,
        url=settings.organisation_url,
        language=settings.language,
        icon_url=settings.absolute(settings.icon_path) if settings.icon_path else "",
        logo_url=settings.absolute(settings.logo_path) if settings.logo_path else "",
        managing_editor=settings.managing_editor,
        topic_scheme_url=settings.absolute(settings.tag_url.partition("{")[0]),
    )
    files = tuple(
        _feed_file(feed_slice, settings, publisher, feed_format)
        for feed_slice in slices
        for feed_format in FORMATS
    )
    directory = build_directory(
        slices, article_slices, Addresses(settings.page_link, settings.absolute), settings.subscribe_url
    )
    withdrawal_notices = {
        source: tuple(feed_file.path for feed_file in files if entry in feed_file.document.entries)
        for entry, (source, _) in notices.items()
    }
    return FeedPlan(settings, files, directory, withdrawal_notices)


def write_feeds(plan: FeedPlan, output: Path) -> None:
    for feed_file in plan.files:
        target = output / feed_file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(WRITERS[feed_file.format_id](feed_file.document), encoding="utf-8")
