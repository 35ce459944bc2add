"""Editing in the browser: /admin/ holds Decap CMS (self-hosted), its configuration and our previews.

Written only when `CMS["enabled"]` is set: `invoke edit` sets it for itself, and publishconf.py decides
whether the public site has an editor. The admin page is written straight to the output folder, not
through Pelican's writer, so no sitemap, feed or listing ever sees it.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path

import unidecode
import yaml
from pelican import signals
from pelican.generators import Generator

from pressroom.content_model.model import RELEASE_TYPES
from pressroom.content_model.outputs import EDITOR_FOLDER as ADMIN_FOLDER
from pressroom.content_model.site import site_of
from pressroom.content_model.times import clock_name

from .config import RELEASES_FOLDER, cms_config, quote_marker_pattern, saves_files_only

# The CMS script, the chunks it loads on demand (named N.decap-cms.js) and its WebAssembly modules.
BUNDLE_FILES = ("decap-cms.js", "*.decap-cms.js", "*.wasm")


class EditorMissing(SystemExit):
    """The build asked for the editor, but its npm files are not installed: say how to get them."""

    def __init__(self, bundle: Path):
        super().__init__(
            f"The browser editor's files are missing ({bundle / 'decap-cms.js'}): "
            "run scripts/setup, which installs them from cms/package-lock.json."
        )


def enabled(settings: dict) -> bool:
    return site_of(settings).options.cms["enabled"]


def bundle_files(bundle: Path) -> list[Path]:
    if not (bundle / "decap-cms.js").is_file():
        raise EditorMissing(bundle)
    return sorted({path for pattern in BUNDLE_FILES for path in bundle.glob(pattern)})


@functools.cache
def letter_blocks() -> dict[str, list[str]]:
    """Python's unidecode table, 256 characters a file (`x01f.json`), for the editor to make a new
    release's address by the same rule as `invoke new`: only the blocks unidecode has."""
    package = Path(unidecode.__file__).parent
    numbers = sorted(int(path.stem[1:], 16) for path in package.glob("x[0-9a-f][0-9a-f][0-9a-f].py"))
    return {
        f"x{number:03x}.json": [unidecode.unidecode(chr(number * 256 + low)) for low in range(256)]
        for number in numbers
        if not 0xD8 <= number < 0xE0  # surrogates are no characters
    }


def as_javascript(pattern: str) -> str:
    """A SLUG_REGEX_SUBSTITUTIONS pattern as JavaScript writes it: Python's start and end of text, and no
    inline flag (the text is ASCII by then, where both languages' classes agree)."""
    return re.sub(r"\(\?u\)", "", pattern).replace(r"\A", "^").replace(r"\Z", "$")


def people_for_preview(directory) -> dict:
    """What the preview shows for each id: a person's name and role line, a contact's details."""
    return {
        "people": {key: {"name": p.name, "role": p.role_line} for key, p in directory.people.items()},
        "contacts": {
            key: {"name": c.name, "email": c.email, "phone": c.phone}
            for key, c in directory.press_contacts.items()
        },
    }


class AdminGenerator(Generator):
    """Writes /admin/: the page, config.yml, the preview script and the Decap bundle."""

    def generate_output(self, writer) -> None:
        if not enabled(self.settings):
            return
        options = site_of(self.settings).options
        files = bundle_files(Path(options.cms["bundle"]))
        content = Path(self.settings["PATH"])
        directory = site_of(self.settings).directory
        target = Path(self.output_path) / ADMIN_FOLDER
        target.mkdir(parents=True, exist_ok=True)
        for source in files:
            shutil.copyfile(source, target / source.name)
        (target / "letters").mkdir(exist_ok=True)
        for name, row in letter_blocks().items():
            (target / "letters" / name).write_text(json.dumps(row, ensure_ascii=True), encoding="utf-8")
        config = cms_config(self.settings, directory, content.name)
        (target / "config.yml").write_text(
            yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
        context = {
            **self.context,
            "cms_collections": list(RELEASE_TYPES),
            "cms_type_labels": {key: kind.label for key, kind in RELEASE_TYPES.items()},
            "cms_directory": people_for_preview(directory),
            "cms_default_contact": options.press_office_contact,
            "cms_quote_marker": quote_marker_pattern(),
            "cms_clock": clock_name(options.timezone),
            "cms_local": saves_files_only(options.cms),
            "cms_release_folder": f"{content.name}/{RELEASES_FOLDER}",
            "cms_slug_substitutions": [
                [as_javascript(pattern), replacement]
                for pattern, replacement in self.settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
            ],
        }
        for name in ("index.html", "preview.js"):
            page = self.env.get_template(f"{ADMIN_FOLDER}/{name}").render(context)
            (target / name).write_text(page, encoding="utf-8")


def add_admin_generator(pelican):
    return AdminGenerator


def register() -> None:
    signals.get_generators.connect(add_admin_generator)
