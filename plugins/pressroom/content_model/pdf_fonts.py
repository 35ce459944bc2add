"""The fonts the PDFs are set in, and what they can draw: the PDF's typesetter uses them, and validation
checks every release against them, so a character the PDF could not print is a mistake `invoke check`
names at its line (and a release holding one is held back at its moment, as any release with a mistake
is), never a build that stops at the release's embargo."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from .front_matter import Document
from .problems import Problem

# Where Debian keeps a font for a script, by the start of a character's Unicode name: what to install.
FONT_PACKAGES = (
    ("CJK", "fonts-noto-cjk"),
    ("HIRAGANA", "fonts-noto-cjk"),
    ("KATAKANA", "fonts-noto-cjk"),
    ("HANGUL", "fonts-noto-cjk"),
    ("ARABIC", "fonts-noto-core"),
    ("HEBREW", "fonts-noto-core"),
    ("DEVANAGARI", "fonts-noto-core"),
    ("BENGALI", "fonts-noto-core"),
    ("GURMUKHI", "fonts-noto-core"),
    ("GUJARATI", "fonts-noto-core"),
    ("TAMIL", "fonts-noto-core"),
    ("THAI", "fonts-noto-core"),
    ("ETHIOPIC", "fonts-noto-core"),
)
# Characters that shape others rather than being drawn: joiners, variation selectors, direction marks.
UNDRAWN = ("Cf", "Mn", "Cc", "Zs", "Zl", "Zp")


@dataclass(frozen=True)
class Font:
    """A font file the PDF may draw with, and the Debian package that provides it (for messages)."""

    path: Path
    package: str = ""


@cache
def characters_of(path: Path) -> frozenset[int]:
    """The characters a font file can draw."""
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def font_package_for(character: str) -> str:
    name = unicodedata.name(character, "")
    for prefix, package in FONT_PACKAGES:
        if name.startswith(prefix):
            return package
    if unicodedata.category(character) == "So":
        return "fonts-noto-color-emoji"
    return "fonts-noto-core"


def theme_fonts(theme: Path, fallbacks) -> tuple[Font, ...]:
    """The theme's Inter (TrueType outlines), then each fallback the settings name that is installed."""
    fonts = [Font(theme / "fonts" / "Inter-Regular.ttf"), Font(theme / "fonts" / "Inter-Bold.ttf")]
    fonts += [
        Font(Path(entry["file"]), entry["package"]) for entry in fallbacks if os.path.isfile(entry["file"])
    ]
    return tuple(fonts)


@cache
def drawable_by(fonts: tuple[Font, ...]) -> frozenset[int]:
    """Every character the fonts draw between them: worked out once per set of fonts, since every
    release of a build is checked against the same set."""
    return frozenset().union(*(characters_of(font.path) for font in fonts))


@cache
def drawn_so_far(fonts: tuple[Font, ...]) -> set[str]:
    """The characters found drawn by these fonts in this process; it only grows, as a font's map is fixed."""
    return set()


# Characters Unicode leaves unassigned (U+FFFE…): refused as invisible before the fonts are asked.
UNASSIGNED = "Cn"


def is_drawn(character: str, drawable: frozenset[int]) -> bool:
    category = unicodedata.category(character)
    return ord(character) in drawable or category in UNDRAWN or category == UNASSIGNED


# How many undrawable characters a message names; the rest are counted.
NAMED_AT_MOST = 5


def described(character: str) -> str:
    name = unicodedata.name(character, "a character without a name").lower()
    return f"'{character}' (U+{ord(character):04X}, {name})"


def undrawable_problems(source: str, found) -> list[Problem]:
    """One problem for each field and font package, from (line, field, character) of each character no
    font draws, at the line where the first is written: a quote pasted in Chinese is one mistake to
    mend, not one for each of its characters."""
    lines: dict[tuple[str, str], int | None] = {}
    characters: dict[tuple[str, str], list[str]] = {}
    for line, field, character in found:
        group = (field, font_package_for(character))
        lines.setdefault(group, line)
        characters.setdefault(group, []).append(character)
    problems = []
    for (field, package), undrawn in characters.items():
        if len(undrawn) == 1:
            what = f"has {described(undrawn[0])}, which none of the PDF's fonts can draw"
        else:
            named = ", ".join(described(character) for character in undrawn[:NAMED_AT_MOST])
            more = f" and {len(undrawn) - NAMED_AT_MOST} more" if len(undrawn) > NAMED_AT_MOST else ""
            what = f"has {len(undrawn)} characters that none of the PDF's fonts can draw: {named}{more}"
        them = "it" if len(undrawn) == 1 else "them"
        fix = (
            f"install Debian's {package} and name its font in PRESSROOM_PDF_FONTS, or write the text "
            f"without {them}"
        )
        problems.append(Problem(source, lines[(field, package)], field, what, fix))
    return problems


# Fields the PDF never prints: where a release lives and how it is filed.
NOT_PRINTED = ("slug", "previous_urls", "image", "status", "type", "topics", "campaign")


def written_strings(value, path: tuple = (), skipped: tuple[str, ...] = ()):
    """Every string in YAML- or JSON-like data, with the key path that leads to it; keys in `skipped`
    are not followed."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skipped:
                yield from written_strings(item, (*path, key), skipped)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from written_strings(item, (*path, index), skipped)


def first_undrawn(texts, fonts: tuple[Font, ...]):
    """(path, text, offset) of each character no font draws, once per field and character: where it is
    first written."""
    drawable, known = drawable_by(fonts), drawn_so_far(fonts)
    seen = set()
    for path, text in texts:
        # Only characters not yet known to be drawn are asked about: a build's texts hold millions of
        # characters and a few hundred distinct ones, nearly always all drawn.
        undrawn = set()
        for character in set(text) - known:
            if is_drawn(character, drawable):
                known.add(character)
            else:
                undrawn.add(character)
        if not undrawn:
            continue
        for offset, character in enumerate(text):
            if character not in undrawn or (path[0], character) in seen:
                continue
            seen.add((path[0], character))
            yield path, text, offset


def undrawable_in_source(document: Document, shown: str, fonts: tuple[Font, ...]) -> list[Problem]:
    """A problem for each character a release's fields or body hold that no font of the PDF can draw,
    once per field and character, at the line where it is first written."""
    fields = [(path, text) for path, text in written_strings(document.data) if path[0] not in NOT_PRINTED]
    found = []
    for path, text, offset in first_undrawn([*fields, (("body",), document.body)], fonts):
        if path == ("body",):
            line = document.body_line + text.count("\n", 0, offset)
        else:
            line = document.line_of(path)
        found.append((line, str(path[0]), text[offset]))
    return undrawable_problems(shown, found)
