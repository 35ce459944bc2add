"""Pressroom's settings, each defined once: its name, type, default and meaning, and how a value is read.

Every setting the plugins read is a field of `Options`, checked once at the start of a build (and by
`invoke check`). A wrong value is one line, `pelicanconf.py: SETTING: what — fix`, never a traceback
and never a silent misreading (a host name given as a string where a list belongs is not read letter
by letter). Plugins read `site_of(settings).options`, never the settings by name; the values, with their
defaults filled in and put into their one form (SITEURL without a closing /, CMS with every key), are
also written back into Pelican's settings, which the templates read. The README's settings table is
written from this module.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .addresses import origin_of_host, web_address
from .clock import ClockError, parse_moment
from .colours import COLOUR_RULES, brand_findings
from .problems import Invalid, Problem, did_you_mean, shortened
from .storage import at_top_of_disk, holds

Reader = Callable[[Any], Any]
# The default of a key a dictionary setting must give.
REQUIRED = object()
SETTINGS_FILE = "pelicanconf.py"
# Which settings file the build was started with, for messages (publishing/build.py gives it).
SETTINGS_FILE_SETTING = "PRESSROOM_SETTINGS_FILE"


def _shown(value) -> str:
    """A value as the settings file would write it, shortened to one line."""
    return shortened(repr(value), 60)


def _type_name(value) -> str:
    return {
        str: "text",
        bool: "True or False",
        int: "a number",
        float: "a number",
        list: "a list",
        tuple: "a list",
        dict: "a dictionary",
        type(None): "None",
    }.get(type(value), type(value).__name__)


def text(*, empty: bool = True, pattern: re.Pattern | None = None, example: str = "") -> Reader:
    """Text; not empty unless `empty`; matching `pattern` when given."""

    def read(value) -> str:
        if not isinstance(value, str):
            raise Invalid(f"is {_type_name(value)} ({_shown(value)}), not text", "write it in quotes")
        value = value.strip()
        if not value and not empty:
            raise Invalid("is empty", f"write a value{f', for example {example!r}' if example else ''}")
        if value and pattern and not pattern.fullmatch(value):
            raise Invalid(
                f"'{shortened(value, 60)}' is not in the form it needs",
                f"write it like {example!r}" if example else "see the README's settings table",
            )
        return value

    return read


def page_size(value) -> int | bool:
    """Pelican's DEFAULT_PAGINATION: False (or 0: one page), or how many releases a page lists."""
    if value is False or (type(value) is int and value == 0):
        return False
    return whole_number(1, 1000)(value)


def whole_number(minimum: int, maximum: int, *, none: bool = False) -> Reader:
    """A whole number from `minimum` to `maximum` (None too, meaning "the default", when `none`)."""

    def read(value) -> int | None:
        if value is None and none:
            return None
        if isinstance(value, str) and value.strip().isdigit():
            raise Invalid(
                f"is the text {value!r}, not a number", f"write {value.strip()} without quotation marks"
            )
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(
                f"is {_type_name(value)} ({_shown(value)}), not a whole number",
                f"write a whole number from {minimum} to {maximum}" + (", or None" if none else ""),
            )
        if not minimum <= value <= maximum:
            raise Invalid(f"is {value}", f"write a whole number from {minimum} to {maximum}")
        return value

    return read


def boolean(value) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"is {_type_name(value)} ({_shown(value)})", "write True or False, without quotes")
    return value


HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def colour(value) -> str:
    if not isinstance(value, str) or not HEX_COLOUR.fullmatch(value.strip()):
        raise Invalid(f"{_shown(value)} is not a colour", "write it as '#rrggbb', for example '#4b2673'")
    return value.strip().lower()


def dictionary(parts: dict[str, tuple[Reader, Any]], *, open_keys: Reader | None = None) -> Reader:
    """A dictionary of the keys in `parts` (each read by its reader; a key left out takes its default, or
    is a mistake when that is REQUIRED). With `open_keys`, any key is allowed, each value read by it."""

    def read(value) -> dict:
        if not isinstance(value, dict):
            raise Invalid(
                f"is {_type_name(value)} ({_shown(value)}), not a dictionary", "write {'key': value}"
            )
        found: list[tuple] = []
        read_value: dict = {}
        for key, item in value.items():
            reader = parts[key][0] if key in parts else open_keys
            if reader is None:
                found.append(
                    (
                        (key,),
                        f"'{key}' is not one of its keys",
                        did_you_mean(str(key), parts, f"use {', '.join(parts) or 'no keys'}"),
                    )
                )
                continue
            try:
                read_value[key] = reader(item)
            except Invalid as error:
                found += [((key, *sub), what, fix) for sub, what, fix in error.findings]
        for key, (_, default) in parts.items():
            if default is REQUIRED and key not in value:
                found.append(((), f"is a dictionary without {key}", f"add '{key}': … to it"))
        if found:
            raise Invalid.many(found)
        return {**{key: default for key, (_, default) in parts.items()}, **read_value}

    return read


def list_of(reader: Reader, *, noun: str) -> Reader:
    """A list (a tuple is read the same); one bare item where a list belongs is refused, not read letter
    by letter."""

    def read(value) -> tuple:
        if isinstance(value, (str, dict)):
            raise Invalid(
                f"is {_type_name(value)} ({_shown(value)}), not a list of {noun}s",
                f"put it in square brackets: [{_shown(value)}]",
            )
        if not isinstance(value, (list, tuple)):
            raise Invalid(f"is {_type_name(value)} ({_shown(value)}), not a list", f"write a list of {noun}s")
        items, found = [], []
        for index, item in enumerate(value):
            try:
                items.append(reader(item))
            except Invalid as error:
                found += [((index, *sub), what, fix) for sub, what, fix in error.findings]
        if found:
            raise Invalid.many(found)
        return tuple(items)

    return read


def choice(*allowed: str) -> Reader:
    def read(value) -> str:
        if value not in allowed:
            raise Invalid(
                f"{_shown(value)} is not one of {', '.join(allowed)}",
                did_you_mean(str(value), allowed, f"use one of {', '.join(allowed)}"),
            )
        return value

    return read


def site_url(value) -> str:
    """The public address without a closing /, or empty for a development build."""
    value = text()(value)
    if value:
        web_address(value)
    return value.rstrip("/")


def web_address_text(value) -> str:
    value = text(empty=False)(value)
    web_address(value)
    return value


def host(value) -> str:
    """A host name or an https origin, as PRESSROOM_EMBED_HOSTS lists them."""
    origin_of_host(value)
    return str(value).strip()


def timezone(value) -> str:
    value = text(empty=False, example="Europe/London")(value)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise Invalid(
            f"'{value}' is not a time zone",
            "write one of the IANA names, such as 'Europe/London'",
        ) from None
    return value


LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def date_format(value) -> str:
    value = text(empty=False, example="%-d %B %Y")(value)
    try:
        shown = dt.date(2026, 12, 3).strftime(value)
    except ValueError:
        shown = ""
    if not shown or shown == value:
        raise Invalid(f"'{value}' shows no date", "write a strftime format such as '%-d %B %Y'")
    return value


def address_pattern(*placeholders: str, page: bool = False) -> Reader:
    """An address on the site, relative to SITEURL ('people/{id}/'), with each of `placeholders` in it;
    a `page` pattern (a SAVE_AS) names a file, ending in .html."""

    def read(value) -> str:
        value = text(empty=False)(value)
        if value.startswith("/") or "://" in value or ".." in value.split("/"):
            raise Invalid(
                f"'{value}' is not an address on the site",
                "write it relative to the site, without a leading /, such as 'people/{id}/'",
            )
        names = {name for _, name, _, _ in string.Formatter().parse(value) if name}
        for placeholder in placeholders:
            if placeholder not in names and not any(name.startswith(placeholder) for name in names):
                raise Invalid(f"'{value}' has no {{{placeholder}}}", f"put {{{placeholder}}} in it")
        if page and not value.endswith(".html"):
            raise Invalid(f"'{value}' does not name a page", "end it with index.html (or another .html)")
        return value

    return read


def optional(reader: Reader) -> Reader:
    """`reader`'s value, or None/'' left as nothing."""

    def read(value):
        return value if value in (None, "") else reader(value)

    return read


def moment(value) -> str:
    """PRESSROOM_NOW: a moment the build's clock is set to, or '' for the real time."""
    value = text()(value)
    if value:
        try:
            parse_moment(value, "UTC")  # its form; the clock reads it in the site's zone
        except ClockError as error:
            raise Invalid(str(error), "write it like 2026-12-03T00:01, or remove the setting") from None
    return value


def csp_sources(value) -> dict:
    """Directive -> extra sources: one token each (the policy's own check names a bad one)."""
    read = dictionary({}, open_keys=list_of(text(empty=False), noun="source"))(value)
    return {directive: list(sources) for directive, sources in read.items()}


def publish_target(value) -> dict:
    return dictionary(
        {"kind": (choice("folder", "rsync", "github-pages", "s3"), "folder")},
        open_keys=lambda item: item,
    )(value)


def only_given(read: Reader) -> Reader:
    """A dictionary reader whose result keeps only the keys given (no defaults of None)."""

    def read_given(value) -> dict:
        return {key: item for key, item in read(value).items() if item is not None}

    return read_given


CMS_BACKEND = only_given(
    dictionary(
        {
            "name": (choice("github", "git-gateway", "gitlab", "bitbucket", "test-repo"), "github"),
            "repo": (text(), None),
            "branch": (text(), None),
            "base_url": (optional(web_address_text), None),
        },
        # Decap reads more keys than these (api_root, squash_merges…) and checks them itself.
        open_keys=lambda item: item,
    )
)


def cms(value) -> dict:
    return dictionary(
        {
            "enabled": (boolean, False),
            "backend": (CMS_BACKEND, CMS_BACKEND({})),
            "publish_mode": (choice("editorial_workflow", "simple"), "editorial_workflow"),
            "bundle": (text(), ""),
            "local_backend": (text(), ""),
            # "git" runs the editorial workflow against a local git repository, as the browser tests do.
            "local_backend_mode": (choice("fs", "git"), "fs"),
        }
    )(value)


ORGANISATION = dictionary(
    {
        "name": (text(), ""),
        "short_name": (text(), ""),
        "charity_number": (text(), ""),
        "url": (optional(web_address_text), ""),
        "logo": (text(), ""),
    }
)
NAVIGATION_LINK = dictionary({"text": (text(empty=False), REQUIRED), "url": (text(empty=False), REQUIRED)})
SUPPORT = optional(
    dictionary(
        {"text": (text(empty=False), REQUIRED), "url": (web_address_text, REQUIRED), "message": (text(), "")}
    )
)
PDF_FONT = dictionary({"file": (text(empty=False), REQUIRED), "package": (text(), "")})
BRAND_COLOUR_NAMES = tuple(COLOUR_RULES)


def brand_colours(value) -> dict:
    """The theme's colours, each readable against what it is drawn on."""
    read = dictionary({}, open_keys=lambda item: item)(value)
    findings = brand_findings(read)
    if findings:
        raise Invalid.many(findings)
    return {name: colour.lower() for name, colour in read.items()}


CARD_COLOUR_NAMES = ("background", "accent", "text", "muted", "on_accent", "primary")


def colours(names: tuple[str, ...]) -> Reader:
    return dictionary({name: (colour, None) for name in names})


def option(name: str, default, meaning: str, read: Reader, section: str):
    """One setting: its name in the settings file, its default, what it means, how a value is read."""
    metadata = {"name": name, "meaning": meaning, "read": read, "section": section}
    if isinstance(default, (dict, list)):
        return field(default_factory=lambda: default, metadata=metadata)
    return field(default=default, metadata=metadata)


SITE, ADDRESSES, FEEDS, LOOK, SAFETY, EDITOR, WORK = (
    "The site",
    "Addresses",
    "Feeds",
    "Theme, cards and copy-ready files",
    "Content safety",
    "Editing in the browser",
    "Workflow",
)


@dataclass(frozen=True)
class Options:
    """The value of every setting the plugins read, checked and in its one form."""

    siteurl: str = option(
        "SITEURL",
        "",
        "the site's public address, such as https://press.example.org; empty while developing",
        site_url,
        SITE,
    )
    sitename: str = option(
        "SITENAME",
        "Press office",
        "the site's name, in every page's title",
        text(empty=False, example="Parent-Infant Foundation press office"),
        SITE,
    )
    page_size: int | bool = option(
        "DEFAULT_PAGINATION",
        False,
        "releases per page of a listing; False lists them all on one page",
        page_size,
        SITE,
    )
    site_description: str = option(
        "SITE_DESCRIPTION", "", "the home page's description in link previews", text(), SITE
    )
    timezone: str = option(
        "TIMEZONE", "UTC", "the office's time zone: times without an offset are read in it", timezone, SITE
    )
    language: str = option(
        "DEFAULT_LANG",
        "en",
        "the site's language, such as en-GB",
        text(pattern=LANGUAGE, example="en-GB"),
        SITE,
    )
    date_format: str = option(
        "DEFAULT_DATE_FORMAT",
        "%-d %B %Y",
        "how dates are written on pages and in documents",
        date_format,
        SITE,
    )
    organisation: dict = option(
        "ORGANISATION",
        {},
        "{name, short_name, charity_number, url, logo}: the organisation behind the site",
        ORGANISATION,
        SITE,
    )
    press_office_contact: str = option(
        "PRESS_OFFICE_CONTACT",
        "",
        "the press contact id (people.yaml) a release uses when it names none",
        text(),
        SITE,
    )
    feed_dev_siteurl: str = option(
        "PRESSROOM_FEED_DEV_SITEURL",
        "http://localhost:8000",
        "the address used where a development build (SITEURL empty) needs absolute ones: feeds, documents",
        site_url,
        ADDRESSES,
    )
    article_url: str = option(
        "ARTICLE_URL", "{slug}.html", "a release's page (Pelican's)", address_pattern("slug"), ADDRESSES
    )
    category_url: str = option(
        "CATEGORY_URL",
        "category/{slug}.html",
        "a release type's listing (Pelican's)",
        address_pattern("slug"),
        ADDRESSES,
    )
    tag_url: str = option(
        "TAG_URL", "tag/{slug}.html", "a topic's listing (Pelican's)", address_pattern("slug"), ADDRESSES
    )
    people_url: str = option("PEOPLE_URL", "people/", "the people index", address_pattern(), ADDRESSES)
    people_save_as: str = option(
        "PEOPLE_SAVE_AS", "people/index.html", "", address_pattern(page=True), ADDRESSES
    )
    person_url: str = option(
        "SPOKESPERSON_URL", "people/{id}/", "a person's page", address_pattern("id"), ADDRESSES
    )
    person_save_as: str = option(
        "SPOKESPERSON_SAVE_AS", "people/{id}/index.html", "", address_pattern("id", page=True), ADDRESSES
    )
    campaign_url: str = option(
        "CAMPAIGN_URL", "campaigns/{id}/", "a campaign's page", address_pattern("id"), ADDRESSES
    )
    campaign_save_as: str = option(
        "CAMPAIGN_SAVE_AS", "campaigns/{id}/index.html", "", address_pattern("id", page=True), ADDRESSES
    )
    year_archive_url: str = option(
        "YEAR_ARCHIVE_URL", "archive/{date:%Y}/", "a year's archive", address_pattern("date"), ADDRESSES
    )
    year_archive_save_as: str = option(
        "YEAR_ARCHIVE_SAVE_AS",
        "archive/{date:%Y}/index.html",
        "",
        address_pattern("date", page=True),
        ADDRESSES,
    )
    press_office_url: str = option(
        "PRESS_OFFICE_URL", "press-office/", "the press office page", address_pattern(), ADDRESSES
    )
    press_office_save_as: str = option(
        "PRESS_OFFICE_SAVE_AS", "press-office/index.html", "", address_pattern(page=True), ADDRESSES
    )
    subscribe_url: str = option(
        "PRESSROOM_SUBSCRIBE_URL", "subscribe/", "the page listing every feed", address_pattern(), ADDRESSES
    )
    subscribe_save_as: str = option(
        "PRESSROOM_SUBSCRIBE_SAVE_AS", "subscribe/index.html", "", address_pattern(page=True), ADDRESSES
    )
    not_found_save_as: str = option(
        "NOT_FOUND_SAVE_AS", "404.html", "the page-not-found page", address_pattern(page=True), ADDRESSES
    )
    archives_save_as: str = option(
        "ARCHIVES_SAVE_AS",
        "archives.html",
        "the archive of every year (Pelican's)",
        address_pattern(page=True),
        ADDRESSES,
    )
    search_save_as: str = option(
        "SEARCH_SAVE_AS", "search.html", "the search page", address_pattern(page=True), ADDRESSES
    )
    feed_max_items: int = option(
        "PRESSROOM_FEED_MAX_ITEMS",
        50,
        "the newest releases kept in each feed",
        whole_number(1, 10_000),
        FEEDS,
    )
    feed_id_domain: str = option(
        "PRESSROOM_FEED_ID_DOMAIN",
        "localhost",
        "the domain in feed entry ids (tag URIs); never change it once feeds are out",
        text(empty=False, pattern=re.compile(r"[a-z0-9.-]+"), example="press.example.org"),
        FEEDS,
    )
    feed_id_since: str = option(
        "PRESSROOM_FEED_ID_SINCE",
        "2022",
        "the year the domain was first used for feeds",
        text(empty=False, pattern=re.compile(r"[0-9]{4}"), example="2022"),
        FEEDS,
    )
    feed_icon: str = option(
        "PRESSROOM_FEED_ICON", "", "the icon readers show beside each feed, under the output", text(), FEEDS
    )
    feed_logo: str = option(
        "PRESSROOM_FEED_LOGO",
        "",
        "Atom's wider logo (twice as wide as tall), under the output",
        text(),
        FEEDS,
    )
    brand_colours: dict = option(
        "BRAND_COLOURS",
        {},
        f"colours as '#rrggbb': {', '.join(BRAND_COLOUR_NAMES)}",
        brand_colours,
        LOOK,
    )
    card_colours: dict = option(
        "SOCIAL_CARD_COLOURS",
        {},
        f"the social cards' own colours: {', '.join(CARD_COLOUR_NAMES)}",
        only_given(colours(CARD_COLOUR_NAMES)),
        LOOK,
    )
    card_regular_font: str = option(
        "SOCIAL_CARD_REGULAR_FONT",
        "",
        "the cards' regular font file (default the theme's Inter)",
        text(),
        LOOK,
    )
    card_bold_font: str = option(
        "SOCIAL_CARD_BOLD_FONT", "", "the cards' bold font file (default the theme's Inter)", text(), LOOK
    )
    card_workers: int | None = option(
        "SOCIAL_CARD_WORKERS",
        None,
        "processes drawing cards (None: one per core)",
        whole_number(1, 64, none=True),
        LOOK,
    )
    copy_ready_workers: int | None = option(
        "COPY_READY_WORKERS",
        None,
        "processes drawing PDFs (None: one per core)",
        whole_number(1, 64, none=True),
        LOOK,
    )
    pdf_fonts: tuple = option(
        "PRESSROOM_PDF_FONTS",
        (
            {
                "file": "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
                "package": "fonts-noto-color-emoji",
            },
            {"file": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "package": "fonts-dejavu-core"},
            {"file": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "package": "fonts-dejavu-core"},
        ),
        "[{file, package}]: fonts the PDFs fall back on after the theme's Inter, for what Inter cannot draw",
        list_of(PDF_FONT, noun="font"),
        LOOK,
    )
    navigation: tuple = option(
        "NAVIGATION",
        (),
        "[{text, url}]: the header's links after the release types",
        list_of(NAVIGATION_LINK, noun="link"),
        LOOK,
    )
    support_link: dict | None = option(
        "SUPPORT_LINK", None, "{text, url, message}: the call to support the charity", SUPPORT, LOOK
    )
    featured_campaign: str = option(
        "FEATURED_CAMPAIGN", "", "a campaign id from topics.yaml to feature on the home page", text(), LOOK
    )
    related_releases: int = option(
        "RELATED_RELEASES", 3, "how many related releases a release lists", whole_number(0, 20), LOOK
    )
    embed_hosts: tuple = option(
        "PRESSROOM_EMBED_HOSTS",
        (),
        "hosts (or https origins) a release may embed in an <iframe>",
        list_of(host, noun="host"),
        SAFETY,
    )
    csp_sources: dict = option(
        "PRESSROOM_CSP_SOURCES",
        {},
        "directive -> extra sources for the Content-Security-Policy",
        csp_sources,
        SAFETY,
    )
    csp_meta: bool = option(
        "PRESSROOM_CSP_META", False, "repeat the policy in a <meta> element of every page", boolean, SAFETY
    )
    csp_exempt_folders: tuple = option(
        "PRESSROOM_CSP_EXEMPT_FOLDERS",
        ("admin",),
        "folders served without the policy (the editor)",
        list_of(text(empty=False), noun="folder"),
        SAFETY,
    )
    cms: dict = option(
        "CMS", {}, "{enabled, backend, publish_mode, bundle, local_backend}: the browser editor", cms, EDITOR
    )
    now: str = option(
        "PRESSROOM_NOW",
        "",
        "the moment embargoes are judged at, instead of the real time (--at sets it)",
        moment,
        WORK,
    )
    publish_target: dict = option(
        "PUBLISH_TARGET",
        {"kind": "folder", "path": "public"},
        "where `invoke publish` puts the checked build (folder, rsync, github-pages or s3)",
        publish_target,
        WORK,
    )


def option_fields():
    return fields(Options)


def _where(name: str, sub: tuple) -> str:
    return name + "".join(f"[{part!r}]" for part in sub)


def read_options(settings: dict) -> tuple[Options, list[Problem]]:
    """Every setting read and checked: the options, and a problem for each value that cannot be used
    (which then takes its default, so one mistake does not hide the others)."""
    shown_file = settings.get(SETTINGS_FILE_SETTING) or SETTINGS_FILE
    values: dict = {}
    problems: list[Problem] = []
    for spec in option_fields():
        name, read = spec.metadata["name"], spec.metadata["read"]
        default = spec.default if spec.default is not MISSING else spec.default_factory()
        given = settings.get(name, default)
        try:
            values[spec.name] = read(given)
        except Invalid as error:
            problems += [
                Problem(shown_file, None, _where(name, sub), what, fix) for sub, what, fix in error.findings
            ]
            values[spec.name] = read(default) if default is not None else None
    problems += [Problem(shown_file, None, "CACHE_PATH", what, fix) for what, fix in cache_place(settings)]
    return Options(**values), problems


def cache_place(settings: dict) -> list[tuple[str, str]]:
    """(what, fix) when CACHE_PATH is where builds must not keep files: the content (they would be read
    as content), a folder holding it, the output (a build replaces it whole) or the top of the disk."""
    if not isinstance(settings.get("CACHE_PATH"), str) or not settings["CACHE_PATH"].strip():
        return [("is not a folder's path", "give a folder of its own, such as 'cache'")]
    cache = Path(settings["CACHE_PATH"]).absolute()
    fix = "give a folder of its own beside the settings file, such as 'cache'"
    content = Path(settings.get("PATH") or ".").absolute()
    if holds(content, cache):
        return [(f"'{settings['CACHE_PATH']}' is the content folder or inside it", fix)]
    if holds(cache, content):
        return [(f"'{settings['CACHE_PATH']}' holds the content folder", fix)]
    if at_top_of_disk(cache):
        return [(f"'{settings['CACHE_PATH']}' is at the top of the disk", fix)]
    output = settings.get("OUTPUT_PATH")
    if output and holds(Path(output).absolute(), cache):
        return [(f"'{settings['CACHE_PATH']}' is inside the output, which every build replaces whole", fix)]
    return []


def options_from(settings: dict) -> Options:
    """The options of settings read outside a build (publishing, tasks); a build stops on any problem."""
    return read_options(settings)[0]


def normalise(settings: dict, options: Options) -> None:
    """Write each setting's value, in its one form, back into Pelican's settings for the templates."""
    for spec in option_fields():
        value = getattr(options, spec.name)
        settings[spec.metadata["name"]] = list(value) if isinstance(value, tuple) else value


def settings_table() -> str:
    """The README's table of settings, by section, written from the definitions above."""
    rows: list[str] = []
    section = ""
    for spec in option_fields():
        if spec.metadata["section"] != section:
            section = spec.metadata["section"]
            rows += ["", f"**{section}**", "", "| setting | default | meaning |", "|---|---|---|"]
        default = spec.default if spec.default is not MISSING else spec.default_factory()
        meaning = spec.metadata["meaning"] or "where that page is written"
        rows.append(f"| `{spec.metadata['name']}` | `{default!r}` | {meaning} |")
    return "\n".join(rows).strip()
