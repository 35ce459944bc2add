"""The browser editor's configuration and /admin/ page, read from real builds (no browser needed)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import yaml
from support.site import ROOT, SAMPLE_CONTENT, read_html, site_settings

import pelicanconf
from pressroom.cms import EditorMissing
from pressroom.cms.config import for_some_types
from pressroom.content_model.directory import SECTIONS, load_directory
from pressroom.content_model.model import RELEASE_TYPES
from pressroom.content_model.schema import PAGE_FIELDS, RELEASE_FIELDS

EDITOR_ON = {**pelicanconf.CMS, "enabled": True}


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory) -> Path:
    from support.site import build

    return build(SAMPLE_CONTENT, tmp_path_factory.mktemp("cms") / "output", CMS=EDITOR_ON)


@pytest.fixture(scope="module")
def config(editor_site) -> dict:
    return yaml.safe_load((editor_site / "admin" / "config.yml").read_text(encoding="utf-8"))


def collection(config: dict, name: str) -> dict:
    return next(item for item in config["collections"] if item["name"] == name)


def by_name(fields: list[dict]) -> dict:
    return {field["name"]: field for field in fields}


def option_values(field: dict) -> list[str]:
    return [option["value"] if isinstance(option, dict) else option for option in field["options"]]


@pytest.mark.parametrize("kind", list(RELEASE_TYPES))
def test_every_release_collection_has_the_schema_fields_in_order_with_its_required_flags(config, kind):
    fields = collection(config, kind)["fields"]
    expected = [
        name
        for name, field in RELEASE_FIELDS.items()
        if not for_some_types(field) or field.required({"type": kind})
    ]
    assert [field["name"] for field in fields] == [*expected, "body"]
    for field in fields[:-1]:
        schema_field = RELEASE_FIELDS[field["name"]]
        wanted = (
            schema_field.required({"type": kind})
            if callable(schema_field.required)
            else schema_field.required
        )
        assert field["required"] is wanted, field["name"]


@pytest.mark.parametrize("kind", list(RELEASE_TYPES))
def test_every_type_can_be_withdrawn_in_the_editor_with_a_date_and_a_reason(config, kind):
    fields = by_name(collection(config, kind)["fields"])
    assert option_values(fields["status"]) == ["published", "draft", "withdrawn"]
    withdrawn = fields["withdrawn"]
    # Optional in the form (the editor cannot tie it to the status); `invoke check` requires it then.
    assert withdrawn["required"] is False and "Once used, it needs its date and reason." in withdrawn["hint"]
    assert [part["name"] for part in withdrawn["fields"]] == ["date", "reason"]


def test_the_event_block_is_only_offered_for_events_and_required_there(config):
    assert by_name(collection(config, "event")["fields"])["event"]["required"] is True
    for kind in set(RELEASE_TYPES) - {"event"}:
        assert "event" not in by_name(collection(config, kind)["fields"])


def test_choices_are_the_directory_ids(config):
    directory, problems = load_directory(SAMPLE_CONTENT)
    assert not problems
    fields = by_name(collection(config, "policy-response")["fields"])
    people = list(directory.people)
    assert option_values(fields["spokespeople"]) == people
    assert option_values(by_name(fields["quotes"]["fields"])["by"]) == people
    assert option_values(fields["topics"]) == list(directory.topics)
    assert option_values(fields["campaign"]) == list(directory.campaigns)
    assert option_values(fields["contact"]) == list(directory.press_contacts)
    assert option_values(fields["type"]) == list(RELEASE_TYPES)
    speakers = by_name(by_name(collection(config, "event")["fields"])["event"]["fields"])["speakers"]
    assert option_values(by_name(speakers["speaker_fields"])["id"]) == people


def test_rules_the_editor_can_express_are_expressed(config):
    fields = by_name(collection(config, "press-release")["fields"])
    pattern, _message = fields["summary"]["pattern"]
    assert pattern.endswith("{1,300}$")
    assert fields["embargo"]["format"] == "YYYY-MM-DDTHH:mm", "the digits picked, in the site's zone"
    assert fields["date"]["date_format"] == "YYYY-MM-DD"
    assert fields["quotes"]["widget"] == "list"
    assert [part["required"] for part in fields["quotes"]["fields"]] == [True, True]
    assert collection(config, "press-release")["path"] == "{{year}}/{{year}}-{{month}}-{{day}}-{{slug}}"
    assert collection(config, "press-release")["slug"] == "{{fields.slug}}", "the slug field names the file"
    assert "embargo" in collection(config, "press-release")["summary"]
    assert config["publish_mode"] == "editorial_workflow"


def date_time_fields(fields: list[dict], prefix: str = "") -> dict[str, dict]:
    found = {}
    for field in fields:
        name = prefix + field["name"]
        if field.get("widget") == "datetime" and field.get("time_format") is not False:
            found[name] = field
        found |= date_time_fields(field.get("fields", []), name + ".")
    return found


def test_every_time_is_typed_in_uk_time_and_written_without_an_offset(config):
    for kind in ("press-release", "event"):
        times = date_time_fields(collection(config, kind)["fields"])
        expected = {"embargo", "updated.date"} | ({"event.start", "event.end"} if kind == "event" else set())
        assert set(times) == expected
        for name, field in times.items():
            assert field["format"] == "YYYY-MM-DDTHH:mm", name
            assert field["label"].endswith(" (UK time)"), name
            assert field.get("picker_utc") is not True, name


def test_pages_and_the_directory_are_editable_too(config):
    assert [field["name"] for field in collection(config, "pages")["fields"]] == [*PAGE_FIELDS, "body"]
    files = {file["file"]: file for file in collection(config, "directory")["files"]}
    assert set(files) == {f"content/{name}" for name in SECTIONS}
    for filename, sections in SECTIONS.items():
        lists = by_name(files[f"content/{filename}"]["fields"])
        for section, (spec, _record, _noun) in sections.items():
            parts = by_name(lists[section]["fields"])
            assert {name: part["required"] for name, part in parts.items()} == {
                name: required for name, (required, _parse) in spec.items()
            }


def test_a_field_added_to_the_schema_appears_in_the_editor(monkeypatch):
    from pressroom.cms.config import release_fields
    from pressroom.content_model import schema

    extra = schema.Field("pull_quote", "a line for social media", lambda value, ctx: value)
    monkeypatch.setitem(schema.RELEASE_FIELDS, "pull_quote", extra)
    directory, _ = load_directory(SAMPLE_CONTENT)
    added = by_name(release_fields("news", directory))["pull_quote"]
    assert added["required"] is False and added["hint"] == "a line for social media"


def test_the_admin_page_is_noindex_and_loads_only_local_files(editor_site):
    page = read_html(editor_site, "admin/")
    assert page.select_one('meta[name="robots"]')["content"].startswith("noindex")
    scripts = [script["src"] for script in page.select("script[src]")]
    assert scripts == ["decap-cms.js", "preview.js"]
    assert all((editor_site / "admin" / src).is_file() for src in scripts)
    assert page.select_one('link[rel="cms-config-url"]')["href"] == "config.yml"


def test_the_admin_page_is_in_no_sitemap_feed_or_search_index(editor_site):
    for machine_file in [*editor_site.glob("*.xml"), *(editor_site / "feeds").rglob("*.*")]:
        assert "/admin" not in machine_file.read_text(encoding="utf-8"), machine_file
    fragments = list((editor_site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments, "the search index was built"
    assert not [path for path in fragments if b"/admin" in gzip.decompress(path.read_bytes())]


def test_ordinary_and_production_builds_have_no_admin(sample_site, build_site):
    assert not (sample_site / "admin").exists()
    assert not (build_site(config="publishconf.py") / "admin").exists()


def test_production_has_the_editor_when_publishconf_enables_it(build_site):
    settings = site_settings(SAMPLE_CONTENT, Path("unused"), "publishconf.py")
    output = build_site(config="publishconf.py", CMS={**settings["CMS"], "enabled": True})
    config = yaml.safe_load((output / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == settings["SITEURL"]
    assert "local_backend" not in config


def test_a_build_without_the_npm_files_says_how_to_get_them(build_site, tmp_path):
    with pytest.raises(EditorMissing, match="run scripts/setup"):
        build_site(CMS={**EDITOR_ON, "bundle": str(tmp_path / "missing")})


def test_the_bundle_is_pinned_by_a_committed_lockfile():
    lock = (ROOT / "cms" / "package-lock.json").read_text(encoding="utf-8")
    package = json.loads((ROOT / "cms" / "package.json").read_text(encoding="utf-8"))
    for name, version in package["dependencies"].items():
        assert version[0].isdigit(), f"{name} is pinned to an exact version"
        assert f'"node_modules/{name}": {{\n      "version": "{version}"' in lock


@pytest.mark.validator
def test_the_admin_page_is_valid_html_without_its_head_end_tag(editor_site):
    from support.validators import run_vnu

    assert "</head>" not in (editor_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert run_vnu([editor_site / "admin" / "index.html"], css=False) == []


def test_the_check_on_each_proposed_change_is_the_status_the_editorial_workflow_shows(config):
    from pressroom.cms.config import CHECK_STATUS_CONTEXT

    assert config["backend"]["preview_context"] == CHECK_STATUS_CONTEXT
    workflow = (ROOT / "docs" / "ci" / "check-on-pull-request.yml").read_text(encoding="utf-8")
    assert workflow.count(f"context={CHECK_STATUS_CONTEXT}") == 2 and "invoke check --github" in workflow


def test_every_field_has_a_label_and_help_for_comms_staff(config):
    fields = by_name(collection(config, "event")["fields"])
    assert fields["summary"]["label"] == "Standfirst" and fields["title"]["label"] == "Headline"
    assert fields["notes_to_editors"]["label"] == "Notes to editors"
    assert fields["embargo"]["label"] == "Embargo (UK time)"
    for name, field in fields.items():
        if name != "body":
            assert field["hint"] != RELEASE_FIELDS[name].meaning, name
            assert "{" not in field["hint"] and "ISO" not in field["hint"], name


def test_a_problem_is_a_github_annotation_on_its_line():
    from pressroom.content_model.problems import Problem
    from pressroom.validation.annotations import github_annotations
    from pressroom.validation.site_check import SiteCheck

    result = SiteCheck(
        problems=[
            Problem("content/releases/a,b.md", 12, "quotes[1].by", "100% wrong: yes", "fix\nit"),
            Problem("people.yaml", None, "people", "odd", "look", severity="warning"),
        ]
    )
    assert github_annotations(result).splitlines() == [
        "::error file=content/releases/a%2Cb.md,line=12,title=quotes[1].by::100%25 wrong: yes — fix⏎it",
        "::warning file=people.yaml,title=people::odd — look",
    ]
