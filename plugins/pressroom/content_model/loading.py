"""From a source file and the site settings to a validated Release or Page (or the problems why not)."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from markdown import Markdown
from pelican.utils import slugify

from .front_matter import FrontMatterError, read_document
from .problems import Problem, shown_path
from .sanitise import EMBED_HOSTS_SETTING
from .schema import Context, validate_page, validate_release
from .site import site_of


def new_markdown(settings: dict) -> Markdown:
    """Markdown as MARKDOWN configures it: each extension named in extension_configs is also loaded,
    as Pelican's own reader does (Markdown itself would only configure them). Pelican's reader adds them
    to the settings it was given, so the list is de-duplicated: either way the same extensions load."""
    options = dict(settings.get("MARKDOWN", {}))
    configs = options.get("extension_configs", {})
    options["extensions"] = list(dict.fromkeys([*options.get("extensions", []), *configs]))
    return Markdown(**options)


def without_currency_signs(title: str) -> str:
    """Pelican's slugify spells symbols out in ASCII, so '£5m' would become 'ps5m' and '€3bn' 'eur3bn'
    in an address; without the sign the figure reads as itself: '5m', '3bn'."""
    return "".join(character for character in title if unicodedata.category(character) != "Sc")


def context_from_settings(settings: dict) -> tuple[Context, list[Problem]]:
    site = site_of(settings)
    directory, problems = site.directory, list(site.directory_problems)
    substitutions = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])

    def make_slug(title: str) -> str:
        return slugify(without_currency_signs(title), regex_subs=substitutions, preserve_case=False)

    markdown = new_markdown(settings)

    def render_markdown(text: str) -> str:
        return markdown.reset().convert(text)

    default_contact = settings.get("PRESS_OFFICE_CONTACT", "")
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
    context = Context(
        directory,
        settings.get("TIMEZONE", "UTC"),
        make_slug,
        default_contact,
        content_root=str(settings["PATH"]),
        render_markdown=render_markdown,
        embed_hosts=tuple(settings.get(EMBED_HOSTS_SETTING, ())),
    )
    return context, problems


def is_page(source_path, settings: dict) -> bool:
    relative = Path(os.path.relpath(source_path, settings["PATH"]))
    return any(relative.is_relative_to(page_path) for page_path in settings.get("PAGE_PATHS", ["pages"]))


def load_source(source_path, settings: dict, context: Context):
    """Read one Markdown source; returns (Release | Page | None, document | None, problems)."""
    shown = shown_path(source_path)
    try:
        document = read_document(Path(source_path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, None, [Problem(shown, None, "file", "is not UTF-8 text", "save the file as UTF-8")]
    except FrontMatterError as error:
        return None, None, [Problem(shown, error.line, error.field, error.what, error.fix)]
    validate = validate_page if is_page(source_path, settings) else validate_release
    item, problems = validate(document, shown, context)
    return item, document, problems
