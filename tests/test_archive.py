"""releases.json: every public release as data, valid against its own published, versioned JSON Schema."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest
from support.hidden_releases import DRAFT_TITLE, EMBARGOED_TITLE, HIDDEN_WORDS, content_with_hidden_releases
from support.site import build

from pressroom.archive.json_schema import (
    ARCHIVED_FIELDS,
    DERIVED_FIELDS,
    FIELD_ORDER,
    SCHEMA_VERSION,
    WITHHELD_FIELDS,
    archive_schema,
)
from pressroom.content_model.schema import RELEASE_FIELDS

# The archived fields each schema version promised. A change to the release shape in releases.json
# must come with a new SCHEMA_VERSION (and a line here), so partner sites can tell what changed.
FIELDS_OF_VERSION = {
    "1.0.0": "cd0556c5addb4f2a",
    "1.1.0": "4876c5e79bfdf6ff",
    "1.2.0": "7c865ea393a15b5a",
    "1.3.0": "997af61e5d76d92d",
    "1.4.0": "86ef62e30804a346",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    return build(content_with_hidden_releases(folder), folder / "output")


@pytest.fixture(scope="module")
def archive(site) -> dict:
    return json.loads((site / "releases.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema(site) -> dict:
    return json.loads((site / "releases.schema.json").read_text(encoding="utf-8"))


def test_releases_json_is_valid_against_the_schema_published_beside_it(archive, schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(archive)) == []
    assert archive["$schema"] == schema["$id"] == "http://localhost:8000/releases.schema.json"
    assert archive["version"] == schema["version"] == SCHEMA_VERSION


def test_the_schema_rejects_a_record_that_breaks_it(archive, schema):
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    broken = json.loads(json.dumps(archive))
    broken["releases"][0]["type"] = "blog-post"
    del broken["releases"][1]["url"]
    broken["releases"][2]["quotes"][0]["by"]["email"] = "someone@example.org"
    assert len(list(validator.iter_errors(broken))) == 3


def test_every_public_release_is_archived_newest_first_with_absolute_addresses(archive):
    records = archive["releases"]
    assert [record["id"] for record in records] == [
        "2025-02-27-mission-champions-online-event",
        "2023-06-12-helen-hayes-mp-visits-leap",
        "2022-05-23-care-review-response",
        "2022-04-02-family-hubs-funding-response",
    ]
    assert list(records[0]) == list(FIELD_ORDER)
    assert all(record["url"].startswith("http://localhost:8000/releases/") for record in records)
    care_review = records[2]
    assert care_review["type"] == "policy-response"
    assert care_review["responds_to"]["publisher"] == "Independent Review of Children's Social Care"
    assert [quote["by"]["name"] for quote in care_review["quotes"]] == ["Sally Hogg", "Sally Hogg"]
    assert records[0]["event"]["registration_url"].startswith("https://www.eventbrite.co.uk/")


def test_drafts_and_embargoed_releases_are_never_archived(site, archive):
    titles = {record["title"] for record in archive["releases"]}
    assert EMBARGOED_TITLE not in titles and DRAFT_TITLE not in titles
    text = (site / "releases.json").read_text(encoding="utf-8")
    assert not [word for word in HIDDEN_WORDS if word in text]


def test_every_release_field_is_archived_or_withheld_with_a_reason():
    assert set(RELEASE_FIELDS) == set(ARCHIVED_FIELDS) | set(WITHHELD_FIELDS)
    assert not set(ARCHIVED_FIELDS) & set(WITHHELD_FIELDS)
    assert set(FIELD_ORDER) == set(ARCHIVED_FIELDS) | set(DERIVED_FIELDS)
    properties = archive_schema("https://example.org/releases.schema.json")["$defs"]["release"]["properties"]
    for name in ARCHIVED_FIELDS:
        assert properties[name]["description"] == RELEASE_FIELDS[name].meaning


def without_descriptions(schema):
    """The shape of a schema alone: rewording a description is not a new version."""
    if isinstance(schema, dict):
        return {key: without_descriptions(value) for key, value in schema.items() if key != "description"}
    if isinstance(schema, list):
        return [without_descriptions(value) for value in schema]
    return schema


def test_a_change_to_the_archived_fields_comes_with_a_new_schema_version():
    definitions = archive_schema("https://example.org/releases.schema.json")["$defs"]
    shape = json.dumps(without_descriptions(definitions), sort_keys=True).encode()
    assert FIELDS_OF_VERSION.get(SCHEMA_VERSION) == hashlib.sha256(shape).hexdigest()[:16], (
        "releases.json's fields changed: bump SCHEMA_VERSION and record the new fingerprint here"
    )


def test_a_preview_build_writes_no_archive(tmp_path):
    output = build(content_with_hidden_releases(tmp_path), tmp_path / "preview", PRESSROOM_PREVIEW=True)
    assert not (output / "releases.json").exists()
