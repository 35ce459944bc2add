"""A new release's front matter, written from the schema so `invoke new` never drifts from validation."""

from __future__ import annotations

import datetime as dt

import yaml

from .model import RELEASE_TYPES
from .problems import did_you_mean
from .schema import RELEASE_FIELDS, NewRelease

BODY = (
    "Write the lead paragraph here: who, what, when, where, why.\n\n"
    "Quotes listed under `quotes:` appear after this paragraph; to place quote 2 elsewhere,\n"
    "write a paragraph containing only [[quote 2]].\n"
)


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
        raise ValueError(
            f"'{kind}' is not a release type — {did_you_mean(kind, RELEASE_TYPES, '')} "
            f"use one of {', '.join(RELEASE_TYPES)}"
        )
    data = starting_values(NewRelease(kind, title, today, slugify(title), event_start))
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"releases/{today:%Y}/{today.isoformat()}-{slugify(title)}.md", f"---\n{front}---\n{BODY}"
