"""`invoke new` writes what the schema says a new release needs, so the two cannot drift apart."""

import datetime as dt

import pytest
import yaml

from pressroom.content_model.model import RELEASE_TYPES
from pressroom.content_model.scaffold import release_front_matter
from pressroom.content_model.schema import RELEASE_FIELDS

TODAY = dt.date(2026, 11, 24)


def scaffolded(kind: str) -> dict:
    _, text = release_front_matter(kind, "A title", TODAY, lambda title: "a-title")
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.parametrize("kind", RELEASE_TYPES)
def test_a_new_draft_has_every_field_the_schema_requires_for_its_type_in_the_schemas_order(kind):
    data = scaffolded(kind)
    required = [name for name, field in RELEASE_FIELDS.items() if field.is_required({"type": kind})]
    assert set(required) <= set(data), kind
    assert list(data) == [name for name in RELEASE_FIELDS if name in data]
    assert (data["type"], data["status"], data["date"]) == (kind, "draft", "2026-11-24")


def test_only_an_event_gets_an_event_and_only_a_policy_response_says_what_it_responds_to():
    assert [kind for kind in RELEASE_TYPES if "event" in scaffolded(kind)] == ["event"]
    assert [kind for kind in RELEASE_TYPES if "responds_to" in scaffolded(kind)] == ["policy-response"]
    assert scaffolded("event")["event"]["start"] == "2026-12-08T12:30"
