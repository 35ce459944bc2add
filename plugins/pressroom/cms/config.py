"""The Decap CMS configuration, written from the release schema and the people and topics directory.

Every field of `schema.RELEASE_FIELDS` becomes an editor field, in the schema's order (which is also the
order Decap writes the front matter in); `EDITOR_WIDGETS` only says how each is edited. A field added to
the schema without an entry there still appears, as a line of text, so the editor never hides a field.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from pressroom.content_model.directory import SECTIONS
from pressroom.content_model.fields import SLUG
from pressroom.content_model.model import RELEASE_TYPES
from pressroom.content_model.schema import (
    PAGE_FIELDS,
    PAGE_STATUSES,
    QUOTE_MARKER,
    RELEASE_FIELDS,
    STATUSES,
    SUMMARY_MAX,
    Field,
)
from pressroom.content_model.site import site_of
from pressroom.content_model.times import clock_name

# Formats the content model's date parsers accept (fields.datetime): a bare date, or a date-time without
# an offset, which is wall-clock time in the site's zone. Decap writes the digits picked, with no offset,
# so a time picked on a computer set to New York is still read as the site's time (and labelled so).
DATE = {"widget": "datetime", "date_format": "YYYY-MM-DD", "time_format": False}
LOCAL_DATE_TIME = {"widget": "datetime", "format": "YYYY-MM-DDTHH:mm"}
WEB_ADDRESS = {"widget": "string", "pattern": ["^https?://\\S+$", "a full address starting with https://"]}
SLUG_RULE = [SLUG.pattern, "lowercase letters, digits and hyphens, for example care-review-response"]
# The name of the commit status that docs/ci/check-on-pull-request.yml posts on each proposed change.
CHECK_STATUS_CONTEXT = "pressroom/check"
RELEASES_FOLDER = "releases"
# The editor's list of speakers (registered by preview.js): Decap's list, given its fields under this
# widget's own key, since Decap's save reads every item of a list with `fields` as a mapping.
SPEAKERS_WIDGET = "speakers"
PAGES_FOLDER = "pages"
IMAGES_FOLDER = "images"


def choices(entries: dict, describe: Callable = lambda entry: entry.name) -> list[dict]:
    return [{"label": describe(entry), "value": key} for key, entry in entries.items()]


def person_choices(directory) -> list[dict]:
    return choices(directory.people, lambda person: f"{person.name} ({person.role})")


def sub(name: str, label: str, required: bool, **widget) -> dict:
    return {"name": name, "label": label, "required": required, **({"widget": "string"} | widget)}


def _person_select(directory, **extra) -> dict:
    return {"widget": "select", "options": person_choices(directory), **extra}


EDITOR_WIDGETS: dict[str, Callable] = {
    "title": lambda d: {"widget": "string"},
    "date": lambda d: DATE | {"default": "{{now}}"},
    "type": lambda d: {"widget": "select", "options": choices(RELEASE_TYPES, lambda kind: kind.label)},
    "summary": lambda d: {
        "widget": "text",
        "pattern": [f"^[\\s\\S]{{1,{SUMMARY_MAX}}}$", f"at most {SUMMARY_MAX} characters"],
    },
    "spokespeople": lambda d: _person_select(d, multiple=True),
    "people": lambda d: _person_select(d, multiple=True),
    "previous_urls": lambda d: {"widget": "list"},
    "quotes": lambda d: {
        "widget": "list",
        "label_singular": "quote",
        "summary": "{{fields.by}}: {{fields.text | truncate(60)}}",
        "fields": [
            sub("by", "Said by", True, **_person_select(d)),
            sub("text", "Words", True, widget="text"),
        ],
    },
    "responds_to": lambda d: {
        "widget": "object",
        "fields": [
            sub("title", "Title of the report or announcement", True),
            sub("publisher", "Published by", False),
            sub("url", "Web address", False, **WEB_ADDRESS),
            sub("date", "Published on", False, **DATE),
        ],
    },
    "topics": lambda d: {"widget": "select", "multiple": True, "options": choices(d.topics)},
    "campaign": lambda d: {"widget": "select", "options": choices(d.campaigns)},
    "embargo": lambda d: LOCAL_DATE_TIME,
    "status": lambda d: {
        "widget": "select",
        "options": [{"label": status.capitalize(), "value": status} for status in STATUSES],
        "default": "draft",
    },
    "withdrawn": lambda d: {
        "widget": "object",
        "fields": [
            sub("date", "Withdrawn on", True, **DATE),
            sub("reason", "Why: shown on its page and in feeds", True, widget="text"),
        ],
    },
    "image": lambda d: {
        "widget": "object",
        "fields": [
            sub("src", "Image", True, widget="image", choose_url=True),
            sub("alt", "Alt text: what the image shows, for people who cannot see it", True),
            sub("credit", "Credit", False),
        ],
    },
    "notes_to_editors": lambda d: {"widget": "markdown", "modes": ["raw"]},
    "contact": lambda d: {"widget": "select", "options": choices(d.press_contacts)},
    "updated": lambda d: {
        "widget": "list",
        "label_singular": "change",
        "summary": "{{fields.date}}: {{fields.note}}",
        "fields": [
            sub("date", "When", True, **LOCAL_DATE_TIME),
            sub("note", "What changed", True, widget="text"),
        ],
    },
    "event": lambda d: {
        "widget": "object",
        "fields": [
            sub("start", "Starts", True, **LOCAL_DATE_TIME),
            sub("end", "Ends", False, **LOCAL_DATE_TIME),
            sub("location", "Where", False),
            sub(
                "address",
                "Venue address",
                False,
                widget="object",
                # Decap checks required fields inside an optional group even when the group is left
                # empty, so an online event could not be saved; `invoke check` requires both when an
                # address is given.
                fields=[
                    sub("street", "Street", False),
                    sub("locality", "Town or city", False),
                    sub("postcode", "Postcode", False),
                    sub("region", "County or region", False),
                    sub("country", "Country", False),
                ],
            ),
            sub("online_url", "Joining link", False, **WEB_ADDRESS),
            sub("registration_url", "Registration page", False, **WEB_ADDRESS),
            sub(
                "speakers",
                "Speakers",
                False,
                # A list that also opens a speaker written as a bare id (`- keith-reed`): preview.js.
                widget=SPEAKERS_WIDGET,
                label_singular="speaker",
                summary="{{fields.id}}{{fields.name}}",
                speaker_fields=[
                    sub("id", "Someone in the people directory", False, **_person_select(d)),
                    sub("name", "Or their name", False),
                    sub("role", "Their role", False),
                    sub("organisation", "Their organisation", False),
                    sub("chair", "Chairs the event", False, widget="boolean", default=False),
                ],
            ),
        ],
    },
    "slug": lambda d: {"widget": "string", "pattern": SLUG_RULE},
}

PAGE_WIDGETS: dict[str, Callable] = {
    **EDITOR_WIDGETS,
    "summary": EDITOR_WIDGETS["summary"],
    "status": lambda d: {
        "widget": "select",
        "options": [{"label": status.capitalize(), "value": status} for status in PAGE_STATUSES],
    },
}

QUOTE_BUTTON_HINT = (
    "Quotes appear after the first paragraph. To put one elsewhere, use the editor's + button, "
    "'Place quote', or write a paragraph containing only [[quote 2]]."
)


def editor_field(field: Field, widgets: dict, directory, *, required: bool | None = None) -> dict:
    """One schema field as a Decap field: the schema's name, label, help and required flag, and its widget."""
    widget = widgets.get(field.name, lambda d: {"widget": "string"})(directory)
    required = field.is_required({}) if required is None else required
    hint = field.help or field.meaning
    if widget["widget"] == "object" and not required:
        # Decap checks an object's required parts even when the object itself is left empty, which
        # would forbid saving without one; so here `invoke check` (and CI) enforce them instead.
        needed = [part["name"].replace("_", " ") for part in widget["fields"] if part["required"]]
        widget = {**widget, "fields": [{**part, "required": False} for part in widget["fields"]]}
        hint += f" Once used, it needs its {' and '.join(needed)}."
    return {
        "name": field.name,
        "label": field.label or field.name.replace("_", " ").capitalize(),
        "hint": hint,
        "required": required,
        **widget,
    }


def for_some_types(field: Field) -> bool:
    """A field the schema requires for some types of release only (an event's details)."""
    return callable(field.required) and any(field.is_required({"type": kind}) for kind in RELEASE_TYPES)


def release_fields(kind: str, directory) -> list[dict]:
    """The fields of one release type; a field the schema requires only for some types is shown to those.

    A field required in some other case (`withdrawn`, with `status: withdrawn`) is shown to every type
    as optional, since the editor cannot make one field depend on another; `invoke check` requires it."""
    fields = []
    for field in RELEASE_FIELDS.values():
        if for_some_types(field):
            if not field.is_required({"type": kind}):
                continue
            fields.append(editor_field(field, EDITOR_WIDGETS, directory, required=True))
        else:
            fields.append(editor_field(field, EDITOR_WIDGETS, directory))
        if field.name == "type":
            fields[-1]["default"] = kind
    return [*fields, body_field()]


def body_field() -> dict:
    return {
        "name": "body",
        "label": "Body",
        "widget": "markdown",
        "hint": QUOTE_BUTTON_HINT,
        "required": True,
    }


def release_summary(local: bool) -> str:
    """How a release appears in the list of entries: its headline and its state.

    Decap's summary can only print a field as written (or upper-cased), so online it shows the status and
    embargo as the file has them. The local backend puts each release's state in words, in the site's
    zone ("Embargoed until 00:01 on Thursday 3 December 2026 (GMT)"), where Decap shows a file's last
    author (cms/editing.py), and the summary shows that."""
    if local:
        return "{{title}}{{commit_author | ternary(' · ', '')}}{{commit_author}}"
    return (
        "{{date}} · {{title}}{{status | ternary(' · ', '')}}{{status | upper}}"
        "{{embargo | ternary(' · EMBARGOED until ', '')}}{{embargo}}"
    )


def release_collection(kind, content_folder: str, directory, local: bool = False) -> dict:
    return {
        "name": kind.id,
        "label": kind.plural,
        "label_singular": kind.label,
        "folder": f"{content_folder}/{RELEASES_FOLDER}",
        # Decap lists the entries of one type from the shared folder, and the type decides the fields.
        "filter": {"field": "type", "value": kind.id},
        "create": True,
        "extension": "md",
        "format": "yaml-frontmatter",
        # The same path as `invoke new`: releases/YEAR/DATE-slug.md, dated by the release's own date, and
        # named by the `slug` field, which preview.js fills from the first headline by `invoke new`'s rule.
        "slug": "{{fields.slug}}",
        "path": "{{year}}/{{year}}-{{month}}-{{day}}-{{slug}}",
        # With a `path`, Decap would keep a release's images beside it; a release names its image from
        # content/ (images/NAME.jpg), and the editor's backend writes images under content/images/ only.
        "media_folder": f"/{content_folder}/{IMAGES_FOLDER}",
        "public_folder": IMAGES_FOLDER,
        "summary": release_summary(local),
        "sortable_fields": ["date", "title"],
        "fields": release_fields(kind.id, directory),
    }


def page_collection(content_folder: str, directory) -> dict:
    return {
        "name": "pages",
        "label": "Pages",
        "label_singular": "Page",
        "folder": f"{content_folder}/{PAGES_FOLDER}",
        "create": True,
        "extension": "md",
        "format": "yaml-frontmatter",
        "fields": [
            *(editor_field(field, PAGE_WIDGETS, directory) for field in PAGE_FIELDS.values()),
            {**body_field(), "hint": "The page's text, in Markdown."},
        ],
    }


def directory_fields(spec: dict) -> list[dict]:
    return [
        sub(
            key,
            key.replace("_", " ").capitalize(),
            required,
            **(
                {"widget": "text"}
                if key in ("bio", "description")
                else {"pattern": SLUG_RULE}
                if key == "id"
                else {}
            ),
        )
        for key, (required, _parse) in spec.items()
    ]


def directory_collection(content_folder: str) -> dict:
    """people.yaml and topics.yaml, one list per section, each entry with the fields the directory reads."""
    files = []
    for filename, sections in SECTIONS.items():
        files.append(
            {
                "name": PurePosixPath(filename).stem,
                "label": f"{' and '.join(section.replace('_', ' ') for section in sections).capitalize()}",
                "file": f"{content_folder}/{filename}",
                "fields": [
                    {
                        "name": section,
                        "label": section.replace("_", " ").capitalize(),
                        "label_singular": noun,
                        "widget": "list",
                        "summary": "{{fields.name}} ({{fields.id}})",
                        "required": False,
                        "fields": directory_fields(spec),
                    }
                    for section, (spec, _record, noun) in sections.items()
                ],
            }
        )
    return {"name": "directory", "label": "People and topics", "editor": {"preview": False}, "files": files}


def in_site_time(fields: list[dict], clock: str) -> None:
    """Say on every date-and-time field, however deep, which clock its time is in ('UK time')."""
    for field in fields:
        if field.get("widget") == "datetime" and field.get("time_format") is not False:
            field["label"] = f"{field['label']} ({clock})"
        in_site_time(field.get("fields", []), clock)


def saves_files_only(cms: dict) -> bool:
    """The editor of `invoke edit`: its local backend saves files (decap-server's files mode, which has no
    editorial workflow), so its "Publish" only saves. The tests' git mode ("local_backend_mode": "git")
    runs the workflow as online."""
    return bool(cms["local_backend"]) and cms["local_backend_mode"] == "fs"


def cms_config(settings: dict, directory, content_folder: str) -> dict:
    """The whole configuration Decap reads from /admin/config.yml."""
    options = site_of(settings).options
    cms = options.cms
    backend = dict(cms["backend"])
    if backend["name"] == "github":
        # The commit status the editorial workflow shows on each draft: the one the check on every
        # proposed change posts (docs/ci/check-on-pull-request.yml).
        backend.setdefault("preview_context", CHECK_STATUS_CONTEXT)
    config = {
        "backend": backend,
        "publish_mode": cms["publish_mode"],
        "media_folder": f"{content_folder}/{IMAGES_FOLDER}",
        "public_folder": IMAGES_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            *(
                release_collection(
                    kind,
                    content_folder,
                    directory,
                    saves_files_only(cms),
                )
                for kind in RELEASE_TYPES.values()
            ),
            page_collection(content_folder, directory),
            directory_collection(content_folder),
        ],
    }
    for collection in config["collections"]:
        for entries in (collection, *collection.get("files", ())):
            in_site_time(entries.get("fields", []), clock_name(options.timezone))
    if options.siteurl:
        config["site_url"] = options.siteurl
    if cms["local_backend"]:
        config["local_backend"] = {"url": cms["local_backend"]}
    return config


def quote_marker_pattern() -> str:
    """The body marker that places a quote, for the editor's 'Place quote' button (one line, one quote)."""
    return QUOTE_MARKER.pattern.replace("[ \\t]*", "")
