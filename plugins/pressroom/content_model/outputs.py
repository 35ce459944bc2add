"""What a build writes besides each release's and page's own page: the registry every plugin declares in.

Each plugin has one declaration here, a pure function of the settings giving the files and the whole
folders it writes (a folder ends in `/`: nothing else may write inside it). The content model is where
one plugin's outputs can be known by the others, since plugins import it and never each other:
validation plans a site's outputs from the registry (a page or release inside a plugin's folder, or on
a plugin's file, is an error naming both), the sitemap leaves out whatever is inside a folder, and the
leak scan counts every declared name as public, so a hidden release called `robots` or `feeds` is not
mistaken for a leak. A plugin left out of PLUGINS, or switched off by its setting, declares nothing.

What depends on the content (a release's page, the listing of each topic, person, campaign and year)
is planned by validation from the releases themselves; the files written beside each release's page
are declared here by their ending. The registry declares what a plugin may write in any build: a
preview writes no search index or copy-ready files, but its pages must still leave room for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from .model import Release
from .site import site_of

# Names the plugins write under (files, and folders without their `/`), here so that the plugins and the
# registry share one spelling.
SITEMAP = "sitemap.xml"
NEWS_SITEMAP = "news-sitemap.xml"
ROBOTS = "robots.txt"
FAVICON = "favicon.ico"
HEADERS = "_headers"
ARCHIVE = "releases.json"
ARCHIVE_SCHEMA = "releases.schema.json"
FEEDS_FOLDER = "feeds"
# Every feed is feeds/all.SUFFIX or feeds/KIND/ID.SUFFIX (plugins/pressroom/feeds: SLICE_KINDS, FORMATS).
FEED_SLICE_FOLDERS = ("type", "topic", "campaign", "spokesperson")
FEED_SUFFIXES = (".atom.xml", ".rss.xml", ".json")
CARDS_FOLDER = "cards"
SITE_CARD = f"{CARDS_FOLDER}/site.png"
PUBLISHER_LOGO_CARD = f"{CARDS_FOLDER}/publisher-logo.png"
EDITOR_FOLDER = "admin"
# The editor's own files; the rest of the folder is Decap's bundle, named by number.
EDITOR_FILES = ("index.html", "config.yml", "preview.js", "decap-cms.js")
SEARCH_FOLDER = "pagefind"

# How a message names the pages Pelican writes from DIRECT_TEMPLATES.
DIRECT_TEMPLATE_NAMES = {"archives": "the archive", "search": "the search page"}


# The setting that switches on most plugins: a plugin's own files are there while it is in PLUGINS.
PLUGINS = "PLUGINS"


def written_by(writer: str, setting: str) -> str:
    """How a message names what writes a file: `pressroom.search in PLUGINS`, `Pelican, SEARCH_SAVE_AS`."""
    return f"{writer} in {PLUGINS}" if setting == PLUGINS else f"{writer}, {setting}"


@dataclass(frozen=True)
class Output:
    """A file or a whole folder (`path` ends in `/`) under the output, what it is, what writes it
    (a plugin, or Pelican) and the setting that puts it there (or switches it on: PLUGINS)."""

    path: str
    what: str
    writer: str = ""
    setting: str = ""

    @property
    def is_folder(self) -> bool:
        return self.path.endswith("/")

    def holds(self, path: str) -> bool:
        """Whether `path` (a file, or a folder ending in `/`, under the output) is this folder or in it."""
        return self.is_folder and path.startswith(self.path)

    def __str__(self) -> str:
        return f"{self.what} ({written_by(self.writer, self.setting)})" if self.writer else self.what


@dataclass(frozen=True)
class BesidePage:
    """A file a plugin writes beside each public release's page (events only, when `events`), named
    after the release: `releases/2022/slug/slug.txt` beside `releases/2022/slug/index.html`."""

    ending: str
    what: str
    writer: str
    setting: str
    events: bool = False

    def path(self, release: Release, page_save_as: str) -> str | None:
        if self.events and not release.event:
            return None
        return (PurePosixPath(page_save_as).parent / f"{release.slug}{self.ending}").as_posix()


Declaration = Callable[[dict], Iterable[Output | BesidePage]]


def pelican_outputs(settings: dict) -> list[Output]:
    """What Pelican writes whatever the content: the theme's static files, and each page of
    DIRECT_TEMPLATES that is not paginated (a paginated one is a listing, planned from the content)."""
    outputs = []
    theme = settings.get("THEME_STATIC_DIR", "theme").strip("/")
    if theme:  # empty, the theme's files are spread over the site's root, in no folder of their own
        outputs.append(Output(f"{theme}/", "the theme's files", "Pelican", "THEME_STATIC_DIR"))
    paginated = settings.get("PAGINATED_TEMPLATES") or {}
    for template in settings.get("DIRECT_TEMPLATES", []):
        setting = f"{template.upper()}_SAVE_AS"
        save_as = settings.get(setting, f"{template}.html")
        if save_as and template not in paginated:
            what = DIRECT_TEMPLATE_NAMES.get(template, f"the {template} page")
            outputs.append(Output(save_as, what, "Pelican", setting))
    return outputs


def listings_outputs(settings: dict) -> list[Output]:
    options = site_of(settings).options
    pages = (
        ("PEOPLE_SAVE_AS", options.people_save_as, "the people index"),
        ("PRESS_OFFICE_SAVE_AS", options.press_office_save_as, "the press office page"),
        ("NOT_FOUND_SAVE_AS", options.not_found_save_as, "the page-not-found page"),
    )
    return [
        Output(save_as, what, "pressroom.listings", setting) for setting, save_as, what in pages if save_as
    ]


def feeds_outputs(settings: dict) -> list[Output]:
    plugin = "pressroom.feeds"
    subscribe = site_of(settings).options.subscribe_save_as
    return [
        Output(f"{FEEDS_FOLDER}/", "the feeds", plugin, PLUGINS),
        *(
            Output(f"{FEEDS_FOLDER}/all{ending}", "the feed of every release", plugin, PLUGINS)
            for ending in FEED_SUFFIXES
        ),
        *(
            Output(f"{FEEDS_FOLDER}/{kind}/", f"the feeds by {kind}", plugin, PLUGINS)
            for kind in FEED_SLICE_FOLDERS
        ),
        Output(subscribe, "the subscribe page", plugin, "PRESSROOM_SUBSCRIBE_SAVE_AS"),
    ]


def event_calendar_outputs(settings: dict) -> list[BesidePage]:
    return [BesidePage(".ics", "calendar file", "pressroom.event_calendar", PLUGINS, events=True)]


def social_cards_outputs(settings: dict) -> list[Output]:
    plugin = "pressroom.social_cards"
    return [
        Output(f"{CARDS_FOLDER}/", "the social cards", plugin, PLUGINS),
        Output(SITE_CARD, "the site's social card", plugin, PLUGINS),
        Output(PUBLISHER_LOGO_CARD, "the publisher's logo", plugin, PLUGINS),
    ]


def sitemap_outputs(settings: dict) -> list[Output]:
    plugin = "pressroom.sitemap"
    return [
        Output(SITEMAP, "the sitemap", plugin, PLUGINS),
        Output(NEWS_SITEMAP, "the news sitemap", plugin, PLUGINS),
        Output(ROBOTS, "the robots.txt file", plugin, PLUGINS),
    ]


def favicon_outputs(settings: dict) -> list[Output]:
    return [Output(FAVICON, "the favicon", "pressroom.favicon", PLUGINS)]


def security_headers_outputs(settings: dict) -> list[Output]:
    return [Output(HEADERS, "the security headers file", "pressroom.security_headers", PLUGINS)]


def copy_ready_outputs(settings: dict) -> list[BesidePage]:
    plugin = "pressroom.copy_ready"
    return [
        BesidePage(".txt", "copy-ready text", plugin, PLUGINS),
        BesidePage(".pdf", "copy-ready PDF", plugin, PLUGINS),
    ]


def archive_outputs(settings: dict) -> list[Output]:
    plugin = "pressroom.archive"
    return [
        Output(ARCHIVE, "the open archive", plugin, PLUGINS),
        Output(ARCHIVE_SCHEMA, "the open archive's schema", plugin, PLUGINS),
    ]


def cms_outputs(settings: dict) -> list[Output]:
    """In PLUGINS, the editor is still written only when CMS["enabled"] is set."""
    if not site_of(settings).options.cms["enabled"]:
        return []
    plugin, setting = "pressroom.cms", 'CMS["enabled"]'
    return [
        Output(f"{EDITOR_FOLDER}/", "the browser editor", plugin, setting),
        *(Output(f"{EDITOR_FOLDER}/{name}", "the browser editor", plugin, setting) for name in EDITOR_FILES),
    ]


def search_outputs(settings: dict) -> list[Output]:
    return [Output(f"{SEARCH_FOLDER}/", "the search index", "pressroom.search", PLUGINS)]


# Every plugin that writes files of its own, by its name in PLUGINS. The content model, validation and
# visibility write nothing; share_links and structured_data only add to pages.
DECLARATIONS: dict[str, Declaration] = {
    "pressroom.listings": listings_outputs,
    "pressroom.event_calendar": event_calendar_outputs,
    "pressroom.feeds": feeds_outputs,
    "pressroom.social_cards": social_cards_outputs,
    "pressroom.sitemap": sitemap_outputs,
    "pressroom.favicon": favicon_outputs,
    "pressroom.security_headers": security_headers_outputs,
    "pressroom.copy_ready": copy_ready_outputs,
    "pressroom.archive": archive_outputs,
    "pressroom.cms": cms_outputs,
    "pressroom.search": search_outputs,
}


def plugins_on(settings: dict) -> set[str]:
    """The names of the plugins in PLUGINS (which may hold a module as well as a name)."""
    return {getattr(plugin, "__name__", plugin) for plugin in settings.get("PLUGINS") or []}


def declarations(settings: dict) -> list[Output | BesidePage]:
    """Everything declared for this build's settings: Pelican's own, then each plugin's that is on."""
    on = plugins_on(settings)
    declared: list[Output | BesidePage] = list(pelican_outputs(settings))
    for plugin, declare in DECLARATIONS.items():
        if plugin in on:
            declared.extend(declare(settings))
    return declared


def declared_outputs(settings: dict) -> list[Output]:
    """The files and folders this build writes whatever the content."""
    return [output for output in declarations(settings) if isinstance(output, Output)]


def beside_pages(settings: dict) -> list[BesidePage]:
    """What this build writes beside each public release's page."""
    return [output for output in declarations(settings) if isinstance(output, BesidePage)]


def declared_folders(settings: dict) -> list[Output]:
    return [output for output in declared_outputs(settings) if output.is_folder]


def folder_holding(path: str, folders: Iterable[Output]) -> Output | None:
    """The declared folder `path` is inside, if any (the innermost, when one holds another)."""
    holding = [folder for folder in folders if folder.holds(path)]
    return max(holding, key=lambda folder: len(folder.path), default=None)
