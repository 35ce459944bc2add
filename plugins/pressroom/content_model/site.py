"""What every plugin shares about the site being built, decided once per build in the content model.

Plugins import this module, never each other: the absolute-address rule, the organisation's name, the
names of Pressroom's settings, and a `Site` holding the build's clock and the people/topics directory.
The `Site` is made once per build (at Pelican's `initialized` signal, or by the first reader outside a
build, such as `invoke check`) and stored under `SITE_SETTING`; it never changes afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from .clock import NOW_SETTING, build_clock
from .directory import Directory, load_directory
from .memo import Memos
from .problems import Problem
from .settings import Options, normalise, read_options

__all__ = [
    "LIVE_BUILD_SETTING",
    "NOW_SETTING",
    "PREVIEW_SETTING",
    "PROBLEMS_SETTING",
    "PUBLISHER_LOGO_KEY",
    "SHOW_PROBLEMS_SETTING",
    "SITE_IMAGE_KEY",
    "SITE_SETTING",
    "SOURCES_SETTING",
    "WITHDRAWAL_NOTICES_SETTING",
    "Site",
    "absolute_url",
    "note_withdrawal_notice",
    "organisation_name",
    "site_address",
    "site_of",
    "withdrawn_articles",
]

# True for a preview build: drafts and embargoed releases are built too, each with a banner.
PREVIEW_SETTING = "PRESSROOM_PREVIEW"
# True for a build for the person editing (`invoke edit`, `invoke serve`): a release or page with mistakes
# is left out and every page lists the mistakes, so one broken file never stops the rest being previewed.
SHOW_PROBLEMS_SETTING = "PRESSROOM_SHOW_PROBLEMS"
# The mistakes such a build lists on every page (a list of Problem), set by the validation plugin.
PROBLEMS_SETTING = "PRESSROOM_PROBLEMS"
# The folder of the build that is live now, which `invoke publish` gives its build: a release with mistakes
# whose moment has come is held back, and the rest published, unless its page is live already.
LIVE_BUILD_SETTING = "PRESSROOM_LIVE_BUILD"
# Sources already read and validated in this build, {absolute path: (Release | Page, Document)}, so the
# reader does not parse each file a second time. The validation plugin fills it before any reading.
SOURCES_SETTING = "PRESSROOM_SOURCES"
# The plugins that write people's and campaigns' pages, and events' calendar files.
LISTINGS_PLUGIN = "pressroom.listings"
CALENDAR_PLUGIN = "pressroom.event_calendar"
COPY_READY_PLUGIN = "pressroom.copy_ready"
# This build's `Site`; templates may read it as PRESSROOM_SITE too.
SITE_SETTING = "PRESSROOM_SITE"
# Keys in the build's shared context (the dict every generator and template reads) under which one
# plugin offers a value others may use when it is there: the social_cards plugin draws the picture that
# stands for the whole site and the publisher's logo; structured_data puts them in link previews.
SITE_IMAGE_KEY = "pressroom_site_image"
PUBLISHER_LOGO_KEY = "pressroom_publisher_logo"
# The files of this build that announce a withdrawal, {source path of the withdrawn release: {output
# path}}: the feeds and the archive carry a notice of it there, and the leak scan lets it appear in them.
WITHDRAWAL_NOTICES_SETTING = "PRESSROOM_WITHDRAWAL_NOTICES"


def withdrawn_articles(context: dict) -> list:
    """The withdrawn releases whose pages this build keeps, with their notice: Pelican's hidden articles,
    which no listing, feed or index shows (the visibility plugin decides which they are)."""
    return [article for article in context.get("hidden_articles", []) if getattr(article, "release", None)]


def note_withdrawal_notice(settings: dict, source_path: str, output_path: str) -> None:
    """Record that `output_path` announces the withdrawal of the release whose `source_path` is given (as
    its Release has it, which is how the leak scan names it)."""
    settings.setdefault(WITHDRAWAL_NOTICES_SETTING, {}).setdefault(source_path, set()).add(output_path)


def absolute_url(siteurl: str, path: str) -> str:
    """`path` on the site at `siteurl`; an address that already has a scheme is kept as it is."""
    if urlsplit(path).scheme:
        return path
    return f"{siteurl.rstrip('/')}/{path.lstrip('/')}"


def site_address(siteurl: str, path: str) -> str:
    """Where a page links to `path`, a file under the output: under SITEURL; an address with a scheme or
    from the root (`/…`) is kept as it is."""
    if urlsplit(path).scheme or path.startswith("/"):
        return path
    return f"{siteurl.rstrip('/')}/{path}"


def organisation_name(settings: dict) -> str:
    """ORGANISATION["name"], or the site's name when the settings give no organisation."""
    return site_of(settings).organisation


@dataclass(frozen=True)
class Site:
    """One build's shared, read-only facts: its clock, whether it is a preview, its settings and the
    directory; and the one rule for the site's addresses."""

    now: dt.datetime
    preview: bool
    options: Options
    directory: Directory
    directory_problems: tuple[Problem, ...] = ()
    option_problems: tuple[Problem, ...] = ()
    # The plugins this build runs (PLUGINS), for the pages that exist only when theirs does.
    plugins: tuple[str, ...] = ()
    # Answers of pure steps kept between builds (content_model/memo.py); the only part that changes.
    memos: Memos = field(default_factory=lambda: Memos(None), compare=False)

    @property
    def url(self) -> str:
        """SITEURL: where the site is served, or '' in a development build."""
        return self.options.siteurl

    @property
    def name(self) -> str:
        return self.options.sitename

    @property
    def organisation(self) -> str:
        """ORGANISATION["name"], or the site's name when the settings give no organisation."""
        return self.options.organisation.get("name") or self.options.sitename

    @property
    def base(self) -> str:
        """Where absolute addresses start: SITEURL, or in a development build the address `invoke serve`
        uses, since feeds, documents and link previews are read away from the site."""
        return self.url or self.options.feed_dev_siteurl

    @property
    def kind(self) -> str:
        """What sets this build's pages apart from another build's of the same content: the address they
        are built for and a preview's banners. Memos of steps that read built pages keep one file per
        kind, so a development build and a publish taking turns do not replace each other's answers."""
        return f"{self.base} {'preview' if self.preview else 'public'}"

    def link(self, path: str) -> str:
        """How a page links to `path` under the output: under SITEURL (from the root while developing)."""
        return site_address(self.url, path)

    def absolute(self, path: str) -> str:
        """The absolute address of `path` under the output, as read away from the site."""
        return absolute_url(self.base, path)

    def person_path(self, person_id: str) -> str:
        return self.options.person_url.format(id=person_id)

    def person_save_as(self, person_id: str) -> str:
        return self.options.person_save_as.format(id=person_id)

    def campaign_path(self, campaign_id: str) -> str:
        return self.options.campaign_url.format(id=campaign_id)

    def campaign_save_as(self, campaign_id: str) -> str:
        return self.options.campaign_save_as.format(id=campaign_id)

    def topic_path(self, topic_id: str) -> str:
        return self.options.tag_url.format(slug=topic_id)

    def person_page(self, person_id: str) -> str:
        """The path of a directory person's page, or '' when no plugin writes people's pages."""
        return self.person_path(person_id) if LISTINGS_PLUGIN in self.plugins else ""

    def campaign_page(self, campaign_id: str) -> str:
        """The path of a campaign's page, or '' when no plugin writes campaigns' pages."""
        return self.campaign_path(campaign_id) if LISTINGS_PLUGIN in self.plugins else ""

    def calendar_file(self, url: str, save_as: str, slug: str) -> tuple[str, str]:
        """(url, save_as) of an event's .ics beside its page, or ('', '') when no plugin writes one."""
        return self.beside(url, save_as, f"{slug}.ics") if CALENDAR_PLUGIN in self.plugins else ("", "")

    @staticmethod
    def beside(url: str, save_as: str, filename: str) -> tuple[str, str]:
        """(url, save_as) of a file that sits beside a page (its .txt, .pdf, .ics), in the page's folder:
        named after the release, so a download keeps a name that says what it is."""
        folder_url = url if url.endswith("/") else url.rpartition("/")[0] + "/" if "/" in url else ""
        folder = save_as.rpartition("/")[0]
        return folder_url + filename, f"{folder}/{filename}" if folder else filename


def with_photo_urls(directory: Directory, siteurl: str) -> Directory:
    people = {
        key: replace(person, photo_url=site_address(siteurl, person.photo)) if person.photo else person
        for key, person in directory.people.items()
    }
    return replace(directory, people=people)


def make_site(settings: dict) -> Site:
    options, option_problems = read_options(settings)
    normalise(settings, options)
    directory, problems = load_directory(Path(settings["PATH"]))
    directory = with_photo_urls(directory, options.siteurl)
    return Site(
        now=build_clock(settings),
        preview=bool(settings.get(PREVIEW_SETTING)),
        options=options,
        directory=directory,
        directory_problems=tuple(problems),
        option_problems=tuple(option_problems),
        plugins=tuple(settings.get("PLUGINS") or ()),
        memos=Memos(Path(settings["CACHE_PATH"]) / "memo" if settings.get("CACHE_PATH") else None),
    )


def site_of(settings: dict) -> Site:
    """This build's Site: made (reading the clock and the directory) the first time it is asked for."""
    site = settings.get(SITE_SETTING)
    if site is None:
        site = settings[SITE_SETTING] = make_site(settings)
    return site
