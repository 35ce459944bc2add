"""The fonts a PDF is drawn with: the theme's Inter, reduced once per build to what press releases use.

fpdf2 parses a font file for every PDF and subsets it again when writing; Inter has 2,500 glyphs and
OpenType layout tables that fpdf2 never uses (it does not shape text here), and both costs grow with
them. A reduced copy (Latin, punctuation, € and ™; no layout tables) is made once and kept in the
cache under a hash of its inputs. A release with a character outside it is drawn with the full font.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTFont

# Basic Latin, Latin-1, Latin Extended-A and -B, general punctuation, € and ™: the characters of
# English and European names, quotes, dashes and bullets.
REDUCED_REPERTOIRE = (
    *range(0x20, 0x7F),
    *range(0xA0, 0x250),
    *range(0x2000, 0x2070),
    0x20AC,
    0x2122,
)


@dataclass(frozen=True)
class PdfFonts:
    """The two files a PDF embeds, and the characters both can draw."""

    regular: Path
    bold: Path
    characters: frozenset[int]

    def can_draw(self, text: str) -> bool:
        return all(ord(character) in self.characters for character in text)


@cache
def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def reduced_key(source: Path) -> str:
    """The font's own bytes, this code (its repertoire and options) and the fontTools that subsets."""
    inputs = [file_digest(source), file_digest(Path(__file__)), fontTools.version]
    return hashlib.sha256("\n".join(inputs).encode()).hexdigest()


# fpdf2 does not shape text here, so the OpenType layout tables change nothing a PDF shows.
LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "kern")


def reduce_font(source: Path, partial: Path) -> None:
    options = subset.Options()
    options.layout_features = []
    options.notdef_outline = True
    options.recommended_glyphs = True
    # The names stay: fpdf2 names the embedded font from the name table.
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    with TTFont(source, recalcTimestamp=False) as font:
        # Removed before subsetting, which would otherwise read them all (most of its time) first.
        for table in LAYOUT_TABLES:
            if table in font:
                del font[table]
        subsetter.populate(unicodes=REDUCED_REPERTOIRE)
        subsetter.subset(font)
        font.save(partial)


def bytes_digest(path: Path) -> str:
    """The start of a hash of the file's bytes as they are now (file_digest remembers a path's first)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def reduced_font(source: Path, cache_dir: Path) -> Path:
    """The reduced copy of `source`, kept in `cache_dir` as KEY-DIGEST: its inputs' key, and a hash of its
    own bytes, so a kept copy that is cut short or damaged is made again rather than failing every PDF."""
    key = reduced_key(source)
    for kept in sorted(cache_dir.glob(f"{key}-*{source.suffix}")):
        if kept.stem == f"{key}-{bytes_digest(kept)}":
            return kept
        kept.unlink(missing_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed, so a parallel build never reads half a file.
    partial = cache_dir / f".{key}-{os.getpid()}.partial"
    reduce_font(source, partial)
    target = cache_dir / f"{key}-{bytes_digest(partial)}{source.suffix}"
    partial.replace(target)
    return target


def characters_of(*paths: Path) -> frozenset[int]:
    """The characters every one of the fonts can draw."""
    maps = []
    for path in paths:
        with TTFont(path, lazy=True) as font:
            maps.append(set(font.getBestCmap()))
    return frozenset(set.intersection(*maps))


def prepared_fonts(regular: Path, bold: Path, cache_dir: Path) -> tuple[PdfFonts, PdfFonts]:
    """The reduced fonts and the full ones they fall back to."""
    reduced_regular, reduced_bold = (reduced_font(path, cache_dir) for path in (regular, bold))
    return (
        PdfFonts(reduced_regular, reduced_bold, characters_of(reduced_regular, reduced_bold)),
        PdfFonts(regular, bold, characters_of(regular, bold)),
    )


def strings_of(value) -> list[str]:
    """Every string in a document (dataclasses, tuples and strings, nested)."""
    if isinstance(value, str):
        return [value]
    if is_dataclass(value):
        return [text for field in fields(value) for text in strings_of(getattr(value, field.name))]
    if isinstance(value, tuple):
        return [text for item in value for text in strings_of(item)]
    return []
