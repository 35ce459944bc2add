"""Pressroom settings for the Parent-Infant Foundation: the organisation, its press office, and the build."""

from pathlib import Path

SITENAME = "Parent-Infant Foundation press office"
SITEURL = ""
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# The press contact a release uses when it names none (an id under press_contacts in content/people.yaml).
PRESS_OFFICE_CONTACT = "press-office"

PATH = "content"
ARTICLE_PATHS = ["releases"]
PAGE_PATHS = ["pages"]
# Only the images there that a release, page or person names are published, and only real JPEG, PNG,
# WebP and GIF files may be there (`invoke check` names anything else).
STATIC_PATHS = ["images"]
# Files editors leave beside the one open (Emacs .#x.md and #x.md#, Vim .x.md.swp, x.md~, Word ~$x.docx):
# never read, copied or reported, by Pelican or by Pressroom's own checks and watchers.
IGNORE_FILES = [".*", "#*#", "*~", "~$*"]
THEME = "theme"
# What builds keep for the next (memos, cards, PDFs, the search index): beside this file, wherever a build
# is started from, so `invoke build`, `invoke serve`'s rebuilds and `invoke publish` all share it.
CACHE_PATH = "cache"

PLUGIN_PATHS = ["plugins"]
# Order matters: the content model reads, validation stops bad input, visibility removes what is not yet
# public, and every later plugin sees only what remains. What runs once every page is written (the late
# files, the leak scan, the search index) runs in the order content_model/phases.py declares.
PLUGINS = [
    "pressroom.content_model",
    "pressroom.validation",
    "pressroom.visibility",
    "pressroom.listings",
    "pressroom.event_calendar",
    "pressroom.feeds",
    "pressroom.share_links",
    "pressroom.structured_data",
    "pressroom.social_cards",
    "pressroom.sitemap",
    "pressroom.favicon",
    "pressroom.security_headers",
    "pressroom.copy_ready",
    "pressroom.archive",
    "pressroom.cms",
    "pressroom.search",
]

ARTICLE_URL = "releases/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
TAG_URL = "topics/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
ARCHIVES_SAVE_AS = "archive/index.html"
ARCHIVES_URL = "archive/"
# Spokespeople, topics and types get their own pages from the content model, not from Pelican's authors.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
# Drafts never reach the public output; the preview build is where they are read.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# --- Feeds (plugins/pressroom/feeds) ---
# Pelican's own feeds are off: plugins/pressroom/feeds writes every feed, so each has one source of truth.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# Feeds live at feeds/all.{atom.xml,rss.xml,json} and feeds/{type,topic,campaign,spokesperson}/ID.* ;
# the Subscribe page lists them all. A slice gets feeds with its first public release.
# Newest releases kept in each feed; older ones stay on the site. Readers remember what they have seen.
PRESSROOM_FEED_MAX_ITEMS = 50
# Entry ids are tag URIs: tag:DOMAIN,PUBLICATION-DATE:release/SOURCE-FILE-NAME. They survive edits of
# a title, slug or body, and a move to another address; renaming the source file or changing its date
# makes readers see a new item. Never change the domain once feeds are out; it need not be SITEURL's.
PRESSROOM_FEED_ID_DOMAIN = "press.parentinfantfoundation.org.uk"
PRESSROOM_FEED_ID_SINCE = "2022"  # the year the domain was first used for feeds: part of each feed's id
# Feeds need absolute addresses; a development build (SITEURL = "") uses this one, where `invoke serve` is.
PRESSROOM_FEED_DEV_SITEURL = "http://localhost:8000"
# The icon readers show beside each feed (Atom icon/logo, RSS image, JSON Feed icon), under the output.
PRESSROOM_FEED_ICON = "theme/feeds/icon.png"
# Atom's wider logo: RFC 4287 asks for twice as wide as tall (this one is 512×256).
PRESSROOM_FEED_LOGO = "theme/feeds/logo.png"
PRESSROOM_SUBSCRIBE_URL = "subscribe/"
PRESSROOM_SUBSCRIBE_SAVE_AS = "subscribe/index.html"

# --- Sharing, previews, discovery (plugins/pressroom: share_links, structured_data, social_cards, sitemap)
# Social cards (cards/YEAR/SLUG.png) take their colours from BRAND_COLOURS ("primary", "text") and their
# type from the Inter font in theme/fonts (SIL Open Font License). Any of "background", "accent",
# "text", "muted" and "on_accent" set here applies to the cards alone. Drawn cards are kept in
# CACHE_PATH/social_cards, keyed by their inputs. The publisher logo in JSON-LD is ORGANISATION["logo"].
SOCIAL_CARD_COLOURS = {}

# --- Theme and listings (theme/, plugins/pressroom/listings, plugins/pressroom/event_calendar) ---
# Everything a second organisation changes to rebrand the site lives here; templates only read it.
ORGANISATION = {
    "name": "Parent-Infant Foundation",
    "short_name": "Parent-Infant Foundation",
    "charity_number": "1234567",  # illustrative: use the registered number
    "url": "https://parentinfantfoundation.org.uk/",
    # Under SITEURL; an SVG or PNG. The site name is always written beside it, so it needs no alt text.
    "logo": "theme/images/logo.svg",
}
AUTHOR = ORGANISATION["name"]
# Colours as #rrggbb. plugins/pressroom/listings stops the build if "primary", "accent", "link" or "text"
# would give text less than WCAG AA contrast (4.5:1) on white, or "focus" less than 3:1 against the black
# focus edge.
BRAND_COLOURS = {
    "primary": "#4b2673",  # header band and buttons, under white text
    "accent": "#0b5f5e",  # release type labels and quote rules
    "link": "#1d4f91",
    "text": "#1b1b1b",
    "focus": "#ffbf47",
}
# Header links after the release types (those come from the releases that exist); URLs are under SITEURL.
NAVIGATION = [
    {"text": "Archive", "url": "archive/"},
    {"text": "Search", "url": "search/"},
    {"text": "Press office", "url": "press-office/"},
    {"text": "Subscribe", "url": "subscribe/"},
    {"text": "Our vision", "url": "our-vision-the-1001-critical-days/"},
]
SUPPORT_LINK = {
    "text": "Support our work",
    "url": "https://parentinfantfoundation.org.uk/support-us/",
    "message": "We are a small charity. Your support helps every baby get the best start in life.",
}
# A campaign id from content/topics.yaml to feature on the home page (from its first public release,
# when its page appears), or "" for none.
FEATURED_CAMPAIGN = "first-1001-days"
RELATED_RELEASES = 3
PEOPLE_URL = "people/"
PEOPLE_SAVE_AS = PEOPLE_URL + "index.html"
SPOKESPERSON_URL = "people/{id}/"
SPOKESPERSON_SAVE_AS = SPOKESPERSON_URL + "index.html"
CAMPAIGN_URL = "campaigns/{id}/"
CAMPAIGN_SAVE_AS = CAMPAIGN_URL + "index.html"
YEAR_ARCHIVE_URL = "archive/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = YEAR_ARCHIVE_URL + "index.html"
PRESS_OFFICE_URL = "press-office/"
PRESS_OFFICE_SAVE_AS = PRESS_OFFICE_URL + "index.html"
NOT_FOUND_SAVE_AS = "404.html"
PAGINATED_TEMPLATES = {
    "index": None,
    "category": None,
    "tag": None,
    "period_archives": None,
    "spokesperson": None,
    "campaign": None,
}

# --- For journalists: search, copy-ready versions, open archive (plugins/pressroom: search, copy_ready,
# archive) ---
# The search page (theme/templates/search.html) searches the Pagefind index that plugins/pressroom/search
# writes to pagefind/ after every public build; without JavaScript it points to the archive.
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "search"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = SEARCH_URL + "index.html"
# Under the Content-Security-Policy (plugins/pressroom/security_headers) Pagefind may compile its
# WebAssembly search engine; its index, like the .txt "Copy release text" fetches, is the site's own.
PRESSROOM_CSP_SOURCES = {"script-src": ["'wasm-unsafe-eval'"]}
# Each release also gets SLUG.txt and SLUG.pdf beside its page (PDFs cached in CACHE_PATH/copy_ready);
# releases.json and releases.schema.json sit at the root of the site.

# --- Editing in the browser (plugins/pressroom/cms, cms/, theme/templates/admin) ---
# Decap CMS at /admin/, its form written from the release schema. Off in ordinary builds: `invoke edit`
# turns it on with the local backend, and publishconf.py decides whether the public site has it.
# "backend" is Decap's: name github, repo OWNER/NAME, branch, and base_url of the OAuth client
# (see the README, "Editing in the browser"). "bundle" is where scripts/setup installs Decap's files.
CMS = {
    "enabled": False,
    "backend": {"name": "github", "repo": "parent-infant-foundation/pressroom", "branch": "main"},
    "publish_mode": "editorial_workflow",
    "bundle": str(Path(__file__).resolve().parent / "cms" / "node_modules" / "decap-cms" / "dist"),
}

# --- Content safety (plugins/pressroom/content_model/sanitise.py) ---
# Release bodies and notes to editors keep only an allow-list of HTML; an <iframe> is kept only when its
# https address is on one of these hosts. `invoke check` names anything a page would lose.
PRESSROOM_EMBED_HOSTS = ["www.youtube-nocookie.com"]

# --- Workflow: clock, embargo, preview, publish (plugins/pressroom/visibility, publishing/) ---
# Any error Pelican or a plugin logs (a plugin that cannot load, a file it cannot read) stops the build,
# plain `pelican` included. Installed here rather than by a plugin, so that it cannot fail to load with one.
from pressroom.visibility.build_guard import stop_builds_on_errors  # noqa: E402 — settings come first

stop_builds_on_errors()

JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}
DELETE_OUTPUT_DIRECTORY = False
RELATIVE_URLS = False
SLUGIFY_SOURCE = "title"
