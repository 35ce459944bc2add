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

__all__ = [
    "LIVE_BUILD_SETTING",
    "NOW_SETTING",
    "PREVIEW_SETTING",
    "PUBLISHER_LOGO_KEY",
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
# The folder of the build that is live now, which `invoke publish` gives its build: a release with mistakes
# whose moment has come is held back, and the rest published, unless its page is live already.
LIVE_BUILD_SETTING = "PRESSROOM_LIVE_BUILD"
# Sources already read and validated in this build, {absolute path: (Release | Page, Document)}, so the
# reader does not parse each file a second time. The validation plugin fills it before any reading.
SOURCES_SETTING = "PRESSROOM_SOURCES"
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
    return (settings.get("ORGANISATION") or {}).get("name") or settings.get("SITENAME", "")


@dataclass(frozen=True)
class Site:
    """One build's shared, read-only facts: its clock, whether it is a preview, and the directory."""

    now: dt.datetime
    preview: bool
    url: str
    name: str
    organisation: str
    directory: Directory
    directory_problems: tuple[Problem, ...] = ()
    # Answers of pure steps kept between builds (content_model/memo.py); the only part that changes.
    memos: Memos = field(default_factory=lambda: Memos(None), compare=False)

    def absolute(self, path: str) -> str:
        return absolute_url(self.url, path)


def with_photo_urls(directory: Directory, siteurl: str) -> Directory:
    people = {
        key: replace(person, photo_url=site_address(siteurl, person.photo)) if person.photo else person
        for key, person in directory.people.items()
    }
    return replace(directory, people=people)


def make_site(settings: dict) -> Site:
    directory, problems = load_directory(Path(settings["PATH"]))
    directory = with_photo_urls(directory, settings.get("SITEURL", ""))
    return Site(
        now=build_clock(settings),
        preview=bool(settings.get(PREVIEW_SETTING)),
        url=settings.get("SITEURL", ""),
        name=settings.get("SITENAME", ""),
        organisation=organisation_name(settings),
        directory=directory,
        directory_problems=tuple(problems),
        memos=Memos(Path(settings["CACHE_PATH"]) / "memo" if settings.get("CACHE_PATH") else None),
    )


def site_of(settings: dict) -> Site:
    """This build's Site: made (reading the clock and the directory) the first time it is asked for."""
    site = settings.get(SITE_SETTING)
    if site is None:
        site = settings[SITE_SETTING] = make_site(settings)
    return site
