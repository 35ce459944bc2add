"""Pressroom settings for the Parent-Infant Foundation: the organisation, its press office, and the build."""

ORGANISATION = {
    "name": "Parent-Infant Foundation",
    "short_name": "Parent-Infant Foundation",
    "charity_number": "1234567",  # illustrative: use the registered number
    "url": "https://parentinfantfoundation.org.uk/",
}
SITENAME = "Parent-Infant Foundation press office"
SITEURL = ""
AUTHOR = ORGANISATION["name"]
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# The press contact a release uses when it names none (an id under press_contacts in content/people.yaml).
PRESS_OFFICE_CONTACT = "press-office"
SUPPORT_LINK = {"text": "Support our work", "url": "https://parentinfantfoundation.org.uk/support-us/"}

PATH = "content"
ARTICLE_PATHS = ["releases"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
THEME = "theme"

PLUGIN_PATHS = ["plugins"]
# Order matters: the content model reads, validation stops bad input, visibility removes what is not yet
# public, and every later plugin sees only what remains.
PLUGINS = [
    "content_model",
    "validation",
    "visibility",
    "listings",
    "calendar",
    "feeds",
    "share_links",
    "structured_data",
    "social_cards",
    "sitemap",
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

# --- Feeds (plugins/feeds) ---
# Pelican's own feeds are off: plugins/feeds writes every feed, so each has one source of truth.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Sharing, previews and discovery (plugins/share_links, structured_data, social_cards, sitemap) ---

# --- Theme and listings (theme/, plugins/listings, plugins/calendar) ---

# --- Workflow: clock, embargo, preview, publish (plugins/visibility, publishing/) ---

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
