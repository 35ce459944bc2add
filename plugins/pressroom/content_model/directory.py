"""The people, press contacts, topics and campaigns that releases refer to by id, each defined once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import fields
from .front_matter import FrontMatterError, load_yaml
from .model import Person, PressContact, Topic
from .problems import Invalid, Problem, did_you_mean, shown_path

PEOPLE_FILE = "people.yaml"
TOPICS_FILE = "topics.yaml"
# A telephone number as people write one (+44 (0)20 7946 0000, 020-7946-0000): it becomes a tel: link.
PHONE = re.compile(r"\+?[0-9 ()-]+")
PHONE_FIX = "write it with digits, spaces, brackets and hyphens only, and + only first: +44 20 7946 0000"


def phone(value) -> str:
    """A press contact's number, which pages make a tel: link of: nothing but a telephone number."""
    if isinstance(value, int) and not isinstance(value, bool):
        raise Invalid(
            f"'{value}' is read as a number, which loses a leading + or 0", "put the number in quotes"
        )
    value = fields.plain_text(value)
    if not PHONE.fullmatch(value) or not re.search("[0-9]", value):
        raise Invalid(f"'{value}' is not a telephone number", PHONE_FIX)
    return value


def photo(value, content_root: Path | None = None) -> str:
    """A person's photo may be what a release's image may be: a JPEG, PNG, WebP or GIF under content/
    (checked there when `content_root` is given), or an https address."""
    # The schema reads this directory (people's ids), so its image rule is imported only when needed.
    from .schema import image_address

    return image_address(value, str(content_root or ""))


PERSON_SPEC = {
    "id": (True, fields.slug),
    "name": (True, fields.name),
    "role": (True, fields.name),
    "organisation": (True, fields.name),
    "bio": (False, fields.plain_text),
    "photo": (False, photo),
    "spokesperson": (False, fields.boolean),
}
CONTACT_SPEC = {
    "id": (True, fields.slug),
    "name": (True, fields.name),
    "email": (True, fields.email),
    "phone": (False, phone),
    "out_of_hours_phone": (False, phone),
}
TOPIC_SPEC = {
    "id": (True, fields.slug),
    "name": (True, fields.name),
    "description": (False, fields.plain_text),
}

# file → {list key: (entry spec, record class, human name)}
SECTIONS: dict[str, dict[str, tuple[dict, type, str]]] = {
    PEOPLE_FILE: {
        "people": (PERSON_SPEC, Person, "person"),
        "press_contacts": (CONTACT_SPEC, PressContact, "press contact"),
    },
    TOPICS_FILE: {
        "topics": (TOPIC_SPEC, Topic, "topic"),
        "campaigns": (TOPIC_SPEC, Topic, "campaign"),
    },
}

# What an entry is when its line is left out. Someone in the people directory speaks for the organisation
# unless marked `spokesperson: false` (an MP who visited, a partner quoted once): the directory began as
# the list of spokespeople, and a release may name only them under `spokespeople:`.
SECTION_DEFAULTS = {"people": {"spokesperson": True}}


@dataclass
class Directory:
    people: dict[str, Person] = field(default_factory=dict)
    press_contacts: dict[str, PressContact] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    campaigns: dict[str, Topic] = field(default_factory=dict)


def photo_under(spec: dict, content_root: Path) -> dict:
    """`spec` with its photo, if it has one, looked for as a file under `content_root`."""
    if "photo" not in spec:
        return spec
    return {**spec, "photo": (spec["photo"][0], lambda value: photo(value, content_root))}


def _load_section(entries, spec, record_class, noun, section, lines, path, problems, defaults) -> dict:
    loaded: dict = {}
    try:
        entries = fields.sequence(entries, noun)
    except Invalid as error:
        problems.append(Problem(path, lines.get((section,)), section, *error.findings[0][1:]))
        return loaded
    for index, entry in enumerate(entries):
        try:
            values = fields.record(entry, spec, f"the {noun}")
        except Invalid as error:
            for sub, what, fix in error.findings:
                key_path = (section, index, *sub)
                line = lines.get(key_path) or lines.get((section, index))
                problems.append(Problem(path, line, ".".join(map(str, (section, index, *sub))), what, fix))
            continue
        if values["id"] in loaded:
            problems.append(
                Problem(
                    path,
                    lines.get((section, index, "id")),
                    f"{section}.{index}.id",
                    f"the id '{values['id']}' is used twice",
                    "give each entry its own id",
                )
            )
            continue
        loaded[values["id"]] = record_class(**{**defaults, **values})
    return loaded


def load_directory(content_path: Path) -> tuple[Directory, list[Problem]]:
    """Read people.yaml and topics.yaml from the content folder; a missing file is an empty directory."""
    directory, problems = Directory(), []
    for filename, sections in SECTIONS.items():
        source = Path(content_path) / filename
        if not source.exists():
            continue
        shown = shown_path(source)
        if not source.is_file():
            # A folder cannot be read, and a named pipe would be waited on for ever.
            problems.append(
                Problem(
                    shown,
                    None,
                    "file",
                    "is not a regular file (a folder, a named pipe or a device)",
                    f"make {filename} a text file, or remove it",
                )
            )
            continue
        try:
            data, lines = load_yaml(source.read_text(encoding="utf-8"))
        except FrontMatterError as error:
            problems.append(Problem(shown, error.line, filename, error.what, error.fix))
            continue
        except UnicodeDecodeError:
            problems.append(Problem(shown, None, "file", "is not UTF-8 text", "save the file as UTF-8"))
            continue
        except OSError as error:
            problems.append(
                Problem(
                    shown,
                    None,
                    "file",
                    f"cannot be read ({error.strerror or error})",
                    f"make {filename} a text file that can be read, or remove it",
                )
            )
            continue
        data = data or {}
        if not isinstance(data, dict):
            problems.append(
                Problem(
                    shown,
                    1,
                    filename,
                    "is not a set of sections",
                    f"start with '{next(iter(sections))}:' and list entries under it",
                )
            )
            continue
        for key in data:
            if key not in sections:
                problems.append(
                    Problem(
                        shown,
                        lines.get((key,)),
                        key,
                        f"'{key}' is not a section of {filename}",
                        did_you_mean(key, sections, f"use {', '.join(sections)}"),
                    )
                )
        for section, (spec, record_class, noun) in sections.items():
            spec = photo_under(spec, Path(content_path))
            if data.get(section) is not None:
                setattr(
                    directory,
                    section,
                    _load_section(
                        data[section],
                        spec,
                        record_class,
                        noun,
                        section,
                        lines,
                        shown,
                        problems,
                        SECTION_DEFAULTS.get(section, {}),
                    ),
                )
    return directory, problems
