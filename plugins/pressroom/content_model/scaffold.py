"""A new release's front matter, written from the schema so `invoke new` never drifts from validation."""

from __future__ import annotations

import datetime as dt

import yaml

from . import fields
from .model import RELEASE_TYPES
from .problems import Invalid, did_you_mean
from .schema import BODY_STARTER, RELEASE_FIELDS, NewRelease, Prose


class StarterDumper(yaml.SafeDumper):
    """Writes each piece of prose as a block ('>-', or '|' for text of several lines) so that whatever
    is typed into it later (apostrophes, ': ', ' #', quotation marks) stays text; list items indented
    under their field, as the sample content has them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _prose_block(dumper: yaml.SafeDumper, text: Prose) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style="|" if "\n" in text else ">")


StarterDumper.add_representer(Prose, _prose_block)


def starting_values(new: NewRelease) -> dict:
    """Each schema field's starter for this kind of release, in the schema's order."""
    values = {}
    for name, field in RELEASE_FIELDS.items():
        value = field.starter(new) if field.starter else None
        if value is not None:
            values[name] = value
    return values


def release_front_matter(
    kind: str, title: str, today: dt.date, slugify, event_start: dt.datetime | dt.date | None = None
) -> tuple[str, str]:
    """Return (relative path, file text) for a draft release of `kind` titled `title`, dated `today`.

    An event's announcement is dated the day it is written; `event_start` is when the event itself is.
    """
    if kind not in RELEASE_TYPES:
        guess = did_you_mean(kind, RELEASE_TYPES, "")
        raise ValueError(
            f"'{kind}' is not a release type — {guess + ' ' if guess else ''}"
            f"use one of {', '.join(RELEASE_TYPES)}"
        )
    try:
        title = fields.one_line(title)
    except Invalid as error:
        raise ValueError(f"--title: {error.findings[0][1]} — {error.findings[0][2]}") from None
    slug = address_name(title, slugify)
    data = starting_values(NewRelease(kind, title, today, slug, event_start))
    front = front_matter_text(data)
    return f"releases/{today:%Y}/{today.isoformat()}-{slug}.md", f"---\n{front}---\n{BODY_STARTER}"


def address_name(title: str, slugify) -> str:
    """The slug a new release's title gives it, cut at a word to the longest a file name allows."""
    slug = slugify(title)
    if not slug:
        raise ValueError(
            f"--title '{title}' has no letters a–z or digits to make the release's web address from: "
            "start it with a title that has some (you can change the title in the file afterwards; "
            "its slug keeps the address)"
        )
    if len(slug) > fields.SLUG_MAX:
        # One character more, so a word that ends exactly at the limit is kept whole.
        within = slug[: fields.SLUG_MAX + 1]
        slug = within.rsplit("-", 1)[0] if "-" in within else within[: fields.SLUG_MAX]
    return slug


def front_matter_text(data: dict) -> str:
    """Front matter as a new file has it: the fields in the order given, each Prose value as a block."""
    return yaml.dump(data, Dumper=StarterDumper, sort_keys=False, allow_unicode=True, width=100)


def is_prose(text: str) -> bool:
    """Text of several words, which a new file writes as a block (an id, a date or an address is one)."""
    return len(text.split()) > 1


def as_prose(value):
    """`value` with each text of several words marked as Prose, as the editor's new files are written."""
    if isinstance(value, dict):
        return {key: as_prose(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_prose(item) for item in value]
    if isinstance(value, str) and is_prose(value):
        return Prose(value.strip() + ("\n" if "\n" in value.strip() else ""))
    return value
