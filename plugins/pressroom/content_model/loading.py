"""From a source file and the site settings to a validated Release or Page (or the problems why not)."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

from markdown import Markdown
from pelican.utils import slugify

from . import addresses
from . import sanitise as sanitise_module
from .front_matter import Document, FrontMatterError, read_document
from .limits import file_excess
from .memo import code_version, library_version
from .pdf_fonts import theme_fonts, undrawable_in_source
from .problems import Problem, shown_path
from .sanitise import Removal, removals
from .schema import Context, validate_page, validate_release
from .site import COPY_READY_PLUGIN, site_of

MARKDOWN_META = {"markdown.extensions.meta", "meta"}


def markdown_options(settings: dict) -> dict:
    """MARKDOWN's options with each extension named in extension_configs also loaded, as Pelican's own
    reader does (Markdown itself would only configure them), de-duplicated.

    Never Markdown's `meta` extension, which Pelican's own reader adds to the settings during a build:
    front matter here is YAML, and `meta` would swallow a body's first lines that read like "Note: …".
    """
    options = dict(settings.get("MARKDOWN", {}))
    configs = options.get("extension_configs", {})
    extensions = dict.fromkeys([*options.get("extensions", []), *configs])
    options["extensions"] = [name for name in extensions if name not in MARKDOWN_META]
    return options


def markdown_renderer(settings: dict) -> Callable[[str], str]:
    """Markdown to (unsanitised) HTML as MARKDOWN configures it, each distinct text converted once and
    remembered between builds: validation, the reader and a rebuild share the answers."""
    options = markdown_options(settings)
    markdown = Markdown(**options)
    configuration = repr(sorted(options.items()))
    memo = site_of(settings).memos.named(
        "markdown", code_version(__name__) + library_version("markdown") + configuration
    )

    def render(text: str) -> str:
        return memo.answer((text,), lambda: markdown.reset().convert(text))

    return render


def removals_finder(settings: dict) -> Callable[[str], list[Removal]]:
    """What sanitising would remove from a page's HTML, remembered between builds like Markdown."""
    embed_hosts = site_of(settings).options.embed_hosts
    code = code_version(__name__, sanitise_module.__name__, addresses.__name__) + library_version("nh3")
    memo = site_of(settings).memos.named("sanitising", code + repr(embed_hosts))

    def find(html: str) -> list[Removal]:
        return memo.answer((html,), lambda: removals(html, embed_hosts))

    return find


def without_currency_signs(title: str) -> str:
    """Pelican's slugify spells symbols out in ASCII, so '£5m' would become 'ps5m' and '€3bn' 'eur3bn'
    in an address; without the sign the figure reads as itself: '5m', '3bn'."""
    return "".join(character for character in title if unicodedata.category(character) != "Sc")


def context_from_settings(settings: dict) -> tuple[Context, list[Problem]]:
    site = site_of(settings)
    directory, problems = site.directory, [*site.option_problems, *site.directory_problems]
    substitutions = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])

    def make_slug(title: str) -> str:
        return slugify(without_currency_signs(title), regex_subs=substitutions, preserve_case=False)

    default_contact = site.options.press_office_contact
    if default_contact and directory.press_contacts and default_contact not in directory.press_contacts:
        problems.append(
            Problem(
                "pelicanconf.py",
                None,
                "PRESS_OFFICE_CONTACT",
                f"no press contact with the id '{default_contact}' in people.yaml",
                "set it to an id listed under press_contacts in content/people.yaml",
            )
        )
    featured = site.options.featured_campaign
    if featured and featured not in directory.campaigns:
        known = ", ".join(directory.campaigns) or "none yet"
        problems.append(
            Problem(
                "pelicanconf.py",
                None,
                "FEATURED_CAMPAIGN",
                f"no campaign '{featured}' in topics.yaml, so the home page features none",
                f"use one of: {known}",
                severity="warning",
            )
        )
    context = Context(
        directory,
        site.options.timezone,
        make_slug,
        default_contact,
        content_root=str(settings["PATH"]),
        render_markdown=markdown_renderer(settings),
        find_removals=removals_finder(settings),
    )
    return context, problems


def is_page(source_path, settings: dict) -> bool:
    relative = Path(os.path.relpath(source_path, settings["PATH"]))
    return any(relative.is_relative_to(page_path) for page_path in settings.get("PAGE_PATHS", ["pages"]))


def remembered_document(text: str, settings: dict) -> Document:
    """`read_document(text)`, remembered between builds: YAML parsing is most of reading a source."""
    memo = site_of(settings).memos.named(
        "front_matter", code_version("pressroom.content_model.front_matter") + library_version("PyYAML")
    )

    def read() -> Document | FrontMatterError:
        try:
            return read_document(text)
        except FrontMatterError as error:
            return error

    outcome = memo.answer((text,), read)
    if isinstance(outcome, FrontMatterError):
        raise outcome.with_traceback(None)
    return outcome


def load_source(source_path, settings: dict, context: Context, text: str | None = None):
    """Read one Markdown source, or `text` as its content (what the editor holds for it, unsaved);
    returns (Release | Page | None, document | None, problems)."""
    shown = shown_path(source_path)
    size = None if text is None else len(text.encode("utf-8"))
    if too_large := file_excess(Path(source_path), size):
        return None, None, [Problem(shown, None, "file", too_large.what, too_large.fix)]
    try:
        if text is None:
            text = Path(source_path).read_text(encoding="utf-8")
        document = remembered_document(text, settings)
    except UnicodeDecodeError:
        return None, None, [Problem(shown, None, "file", "is not UTF-8 text", "save the file as UTF-8")]
    except FrontMatterError as error:
        problems = [
            Problem(shown, each.line, each.field, each.what, each.fix) for each in (error, *error.others)
        ]
        if error.partial is not None:
            # The fields and body that could be read are checked too, so one run lists every mistake.
            problems += validator(source_path, settings)(error.partial, shown, context)[1]
        return None, None, problems
    item, problems = validator(source_path, settings)(document, shown, context)
    if is_page(source_path, settings):
        return item, document, problems
    if unprintable := unprintable_problems(document, shown, settings):
        return None, document, [*problems, *unprintable]
    return item, document, problems


def unprintable_problems(document: Document, shown: str, settings: dict) -> list[Problem]:
    """Characters of a release its PDF could not print, when the build writes PDFs."""
    site = site_of(settings)
    if COPY_READY_PLUGIN not in site.plugins:
        return []
    return undrawable_in_source(document, shown, theme_fonts(Path(settings["THEME"]), site.options.pdf_fonts))


def validator(source_path, settings: dict):
    return validate_page if is_page(source_path, settings) else validate_release
