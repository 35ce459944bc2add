"""The PDF: a release typeset by Typst from its presentation, tagged for screen readers (PDF/UA-1).

The release reaches the Typst template (theme/pdf/release.typ) as data, JSON in `sys.inputs`, never as
Typst markup: every word is placed as a string, so nothing a release says can be read as code. The fonts
are the theme's Inter and the fallbacks the settings name (emoji); a character none of them can draw is
an error naming the release, the field and the character, never a silent gap in the PDF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import typst
from fontTools.ttLib import TTFont

from pressroom.content_model.parallel import copy_from_cache, keep_drawn
from pressroom.content_model.pdf_fonts import Font, first_undrawn, undrawable_problems, written_strings
from pressroom.content_model.problems import Problem
from pressroom.content_model.storage import file_digest

# What a PDF may claim: tagged, with its structure, title and language for assistive technology.
STANDARDS: list = ["ua-1"]


@dataclass(frozen=True)
class Look:
    """What the PDF takes from the theme: its template, its fonts (first the theme's) and its colours."""

    template: Path
    fonts: tuple[Font, ...]
    families: tuple[str, ...]
    primary: str = "#1b1b1b"
    accent: str = "#1b1b1b"
    text: str = "#1b1b1b"
    muted: str = "#505a5f"
    link: str = "#1d4f91"

    def inputs(self) -> dict:
        colours = {name: getattr(self, name) for name in ("primary", "accent", "text", "muted", "link")}
        return {**colours, "fonts": list(self.families)}


# Which field of the release (or of people.yaml) each part of the presentation's data comes from.
FIELDS = {
    "headline": "title",
    "standfirst": "summary",
    "dateline": "date",
    "body_blocks": "body",
    "notes_blocks": "notes_to_editors",
    "quotes": "quotes",
    "facts": "responds_to or event",
    "contact_facts": "contact (people.yaml)",
    "spokespeople": "spokespeople (people.yaml)",
    "history": "updated",
    "withdrawn": "withdrawn",
    "topics": "topics (topics.yaml)",
    "campaign": "campaign (topics.yaml)",
}
# Parts of the data the PDF does not print (the page-only forms of the body, person pages).
NOT_PRINTED = ("body", "notes_to_editors_html", "published", "updated", "event", "responds_to", "path")


def undrawable(data: dict, look: Look, source: str) -> list[Problem]:
    """A problem for each character of the release's data that no font of the PDF can draw: validation
    finds these in the source first (content_model/pdf_fonts.py); this catches what reaches the PDF from
    elsewhere, such as a name in people.yaml."""
    printed = [
        (path, text)
        for path, text in written_strings(data, skipped=("kind", "address", "link", "at", "iso"))
        if path[0] not in NOT_PRINTED
    ]
    found = [
        (None, FIELDS.get(path[0], str(path[0])), text[offset])
        for path, text, offset in first_undrawn(printed, look.fonts)
    ]
    return undrawable_problems(source, found)


def font_folder(look: Look, cache_dir: Path) -> Path:
    """A folder holding exactly the PDF's fonts (Typst reads fonts by folder), named by their bytes."""
    digest = hashlib.sha256("".join(file_digest(font.path) for font in look.fonts).encode()).hexdigest()
    folder = cache_dir / "fonts" / digest[:32]
    if all((folder / font.path.name).is_file() for font in look.fonts):
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    for font in look.fonts:
        (staging / font.path.name).write_bytes(font.path.read_bytes())
    try:
        staging.rename(folder)
    except OSError:  # another build made it first: theirs is the same
        for leftover in staging.iterdir():
            leftover.unlink()
        staging.rmdir()
    return folder


@cache
def compiler(template: Path, fonts: Path) -> typst.Compiler:
    """One Typst compiler per process for a template and its fonts: loading fonts is most of the first
    PDF's cost, so a worker keeps it for every PDF it draws."""
    return typst.Compiler(
        str(template), root=str(template.parent), font_paths=[str(fonts)], ignore_system_fonts=True
    )


def typst_version() -> str:
    return importlib.metadata.version("typst")


def cache_key(release_json: str, look: Look, created: dt.datetime) -> str:
    """A hash of everything that shapes the PDF: the release's data, the look, the fonts' and the
    template's bytes, this module and Typst's version."""
    parts = [release_json, json.dumps(look.inputs()), created.isoformat(), typst_version()]
    parts += [
        file_digest(path) for path in (look.template, *(font.path for font in look.fonts), Path(__file__))
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def typeset(release_json: str, look: Look, created: dt.datetime, fonts: Path) -> bytes:
    """The PDF's bytes, dated `created` (when the release was published, so a rebuild gives the same file;
    an advance copy's, when it was made), to the second, as Typst takes it."""
    inputs = {"release": release_json, "look": json.dumps(look.inputs())}
    timestamp = created.astimezone(dt.UTC).replace(microsecond=0)
    result = compiler(look.template, fonts).compile(
        format="pdf", sys_inputs=inputs, pdf_standards=STANDARDS, timestamp=timestamp
    )
    assert isinstance(result, bytes)
    return result


def cached_pdf(release_json: str, look: Look, created: dt.datetime, target: Path, cache_dir: Path) -> bool:
    """Copy the PDF to `target` if the cache has one typeset from the same inputs; whether it had."""
    return copy_from_cache(cache_dir / f"{cache_key(release_json, look, created)}.pdf", target)


def write_pdf(release_json: str, look: Look, created: dt.datetime, target: Path, cache_dir: Path) -> bool:
    """Write the PDF to `target`, from the cache when the same inputs were typeset before; True if typeset."""
    if cached_pdf(release_json, look, created, target, cache_dir):
        return False
    pdf = typeset(release_json, look, created, font_folder(look, cache_dir))
    keep_drawn(pdf, cache_dir / f"{cache_key(release_json, look, created)}.pdf", target)
    return True


@cache
def family_of(path: Path) -> str:
    """A font's family name, as Typst asks for it."""
    with TTFont(path, lazy=True) as font:
        return str(font["name"].getDebugName(16) or font["name"].getDebugName(1))


def families(fonts: tuple[Font, ...]) -> tuple[str, ...]:
    """Each family once, in order: the first draws what it can, the next what it cannot."""
    return tuple(dict.fromkeys(family_of(font.path) for font in fonts))
