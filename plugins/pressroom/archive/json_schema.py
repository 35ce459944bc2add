"""The JSON Schema of releases.json, written from the release field table so the two cannot drift.

Each archived field takes its description from `RELEASE_FIELDS`; every field of that table is either
archived here or withheld with a reason, and a test fails when a new field is neither.
"""

from __future__ import annotations

from pressroom.content_model.model import RELEASE_TYPES
from pressroom.content_model.schema import RELEASE_FIELDS

# Bump the major number when a field is removed or changes meaning, the minor when one is added.
SCHEMA_VERSION = "1.4.0"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Fields of the release table that releases.json leaves out, and why.
WITHHELD_FIELDS = {
    "embargo": "the moment is folded into 'published'; an archive never holds a release before it",
    "status": "every archived release is published; a withdrawn one says so in 'withdrawn'",
    "image": "the picture belongs to the page; its credit and licence are not for reuse by default",
    "notes_to_editors": "Markdown meant for the page; the page and its .txt carry it",
    "contact": "the press office's details belong on the page, not in a data feed",
    "slug": "'url' is the address; the slug is only part of it",
    "previous_urls": "old addresses only redirect to 'url', the one address a record needs",
}


def optional(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def strict_object(properties: dict) -> dict:
    """An object with exactly these keys (optional ones are null when absent)."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


TEXT = {"type": "string", "minLength": 1}
URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
DATE = {"type": "string", "format": "date"}
MOMENT = {"type": "string", "format": "date-time"}

PERSON = strict_object(
    {
        "name": TEXT,
        "role": optional(TEXT),
        "organisation": optional(TEXT),
        "id": {
            **optional({"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}),
            "description": "id in the organisation's people directory; null for someone outside it",
        },
    }
)
SPEAKER = strict_object({**PERSON["properties"], "chair": {"type": "boolean"}})
TOPIC = strict_object({"id": TEXT, "name": TEXT})

# The shape of each archived field of the release table, as it appears in releases.json.
ARCHIVED_FIELDS: dict[str, dict] = {
    "type": {"enum": list(RELEASE_TYPES)},
    "title": TEXT,
    "date": DATE,
    "updated": {"type": "array", "items": strict_object({"date": MOMENT, "note": TEXT})},
    "summary": TEXT,
    "place": optional(TEXT),
    "spokespeople": {"type": "array", "items": {"$ref": "#/$defs/person"}},
    "people": {"type": "array", "items": {"$ref": "#/$defs/person"}},
    "quotes": {
        "type": "array",
        "items": strict_object({"text": TEXT, "by": {"$ref": "#/$defs/person"}}),
    },
    "topics": {"type": "array", "items": {"$ref": "#/$defs/topic"}},
    "campaign": optional({"$ref": "#/$defs/topic"}),
    "responds_to": optional(
        strict_object(
            {"title": TEXT, "publisher": optional(TEXT), "url": optional(URL), "date": optional(DATE)}
        )
    ),
    "event": optional(
        strict_object(
            {
                "start": MOMENT,
                "end": optional(MOMENT),
                "location": optional(TEXT),
                "address": optional(
                    strict_object(
                        {
                            "street": TEXT,
                            "locality": TEXT,
                            "postcode": optional(TEXT),
                            "region": optional(TEXT),
                            "country": optional(TEXT),
                        }
                    )
                ),
                "online_url": optional(URL),
                "registration_url": optional(URL),
                "speakers": {"type": "array", "items": SPEAKER},
            }
        )
    ),
    "withdrawn": optional(strict_object({"date": MOMENT, "reason": TEXT})),
}

# Fields the archive adds, which no author writes.
DERIVED_FIELDS = {
    "id": {
        **TEXT,
        "description": "stable id: the source file's name without .md; it survives a new title or slug",
    },
    "published": {
        **MOMENT,
        "description": "when the release became public: its date, or its embargo if later",
    },
    "url": {**URL, "description": "the release's web address"},
}

FIELD_ORDER = (
    "id",
    "type",
    "title",
    "date",
    "published",
    "updated",
    "url",
    "summary",
    "place",
    "spokespeople",
    "people",
    "quotes",
    "topics",
    "campaign",
    "responds_to",
    "event",
    "withdrawn",
)


def release_properties() -> dict:
    properties = {}
    for name in FIELD_ORDER:
        if name in DERIVED_FIELDS:
            properties[name] = DERIVED_FIELDS[name]
        else:
            properties[name] = {**ARCHIVED_FIELDS[name], "description": RELEASE_FIELDS[name].meaning}
    return properties


def archive_schema(schema_url: str) -> dict:
    """The schema document itself; `schema_url` is where it is published, and its `$id`."""
    release = strict_object(release_properties())
    return {
        "$schema": DIALECT,
        "$id": schema_url,
        "title": "Releases",
        "description": (
            "Every public release of the press office: press releases, policy responses, statements, "
            "news and events, newest first. Drafts and embargoed releases are never included; a withdrawn "
            "release stays, with the date and reason of its withdrawal."
        ),
        "version": SCHEMA_VERSION,
        "type": "object",
        "properties": {
            "$schema": {"const": schema_url},
            "version": {"const": SCHEMA_VERSION},
            "releases": {"type": "array", "items": {"$ref": "#/$defs/release"}},
        },
        "required": ["$schema", "version", "releases"],
        "additionalProperties": False,
        "$defs": {"release": release, "person": PERSON, "topic": TOPIC},
    }
