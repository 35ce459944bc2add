"""Drawing a 1200×630 social card with Pillow, and keeping drawn cards in a cache keyed by their inputs."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

CARD_SIZE = (1200, 630)
LOGO_SIZE = (600, 600)

MARGIN = 80
ACCENT_BAR = 20
CONTENT_WIDTH = CARD_SIZE[0] - 2 * MARGIN
HEADLINE_SIZES = (64, 58, 52, 46, 42)
# With a quotation below it the headline starts smaller, leaving the words at least two lines.
HEADLINE_SIZES_WITH_DETAIL = (54, 50, 46, 42)
DETAIL_SIZE = 30
ATTRIBUTION_SIZE = 26
FOOTER_TOP = 560


@dataclass(frozen=True)
class CardText:
    """The words on a card. `detail` is the lead quotation, an event's time or the standfirst."""

    brand: str
    label: str
    headline: str
    detail: str = ""
    attribution: str = ""
    footer: str = ""


@dataclass(frozen=True)
class CardStyle:
    background: str
    accent: str
    text: str
    muted: str
    on_accent: str
    bold_font: str
    regular_font: str


# Where a dropped emoji leaves a space before closing punctuation ("Hooray 🎉!"), the space goes too.
SPACE_BEFORE_CLOSING = re.compile(r" +(?=[!?.,;:…)\]}’”])")


@functools.lru_cache(maxsize=4)
def glyphs_of(font_path: str) -> frozenset[int]:
    """The characters a font file can draw, from its character map."""
    with TTFont(font_path, lazy=True) as face:
        return frozenset(face.getBestCmap())


def drawable(text: str, font_path: str) -> str:
    """The text as the font can draw it: characters it has no glyph for (emoji, pictographs, their
    joiners and variation selectors) are dropped rather than drawn as boxes, with the spaces around
    them, so no stray space is left between words or before punctuation."""
    covered = glyphs_of(font_path)
    kept = "".join(character if ord(character) in covered else " " for character in text)
    return SPACE_BEFORE_CLOSING.sub("", " ".join(kept.split()))


@functools.lru_cache(maxsize=8)
def file_digest(path: str, size: int, modified: float) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def digest(path: str) -> str:
    status = os.stat(path)
    return file_digest(path, status.st_size, status.st_mtime)


def inputs_key(kind: str, text: CardText, style: CardStyle) -> str:
    """A digest of everything that decides the pixels: words, colours, font files and this drawing code
    (so a change to the layout redraws every card without anyone remembering to clear the cache)."""
    inputs = {
        "kind": kind,
        "text": asdict(text),
        "style": asdict(style),
        "files": [digest(path) for path in (style.bold_font, style.regular_font, __file__)],
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=32)
def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and face.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def clamp(lines: list[str], count: int, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """At most `count` lines; if words were left over, the last line ends in an ellipsis that fits."""
    if len(lines) <= count:
        return lines
    last = lines[count - 1]
    while last and face.getlength(last + "…") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [*lines[: count - 1], last.rstrip(" ,;:–—-") + "…"]


def line_height(size: float) -> int:
    return round(size * 1.22)


def headline_layout(headline: str, bold: str, with_detail: bool) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the headline fits its lines; the smallest, cut, if none does."""
    max_lines = 3 if with_detail else 5
    for size in HEADLINE_SIZES_WITH_DETAIL if with_detail else HEADLINE_SIZES:
        face = font(bold, size)
        lines = wrap(headline, face, CONTENT_WIDTH)
        if len(lines) <= max_lines:
            return face, lines
    return face, clamp(lines, max_lines, face, CONTENT_WIDTH)


def draw_label(draw: ImageDraw.ImageDraw, label: str, style: CardStyle, right: int, top: int) -> None:
    face = font(style.bold_font, 22)
    text = label.upper()
    width = face.getlength(text)
    box = (right - width - 36, top - 4, right, top + 40)
    draw.rounded_rectangle(box, radius=20, fill=style.accent)
    draw.text((box[0] + 18, top + 18), text, font=face, fill=style.on_accent, anchor="lm")


def render_card(text: CardText, style: CardStyle) -> Image.Image:
    image = Image.new("RGB", CARD_SIZE, style.background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, ACCENT_BAR, CARD_SIZE[1]), fill=style.accent)

    draw.text(
        (MARGIN, 60),
        drawable(text.brand, style.bold_font),
        font=font(style.bold_font, 30),
        fill=style.accent,
        anchor="la",
    )
    if text.label:
        draw_label(draw, drawable(text.label, style.bold_font), style, CARD_SIZE[0] - MARGIN, 56)

    detail = drawable(text.detail, style.regular_font)
    headline_face, headline_lines = headline_layout(
        drawable(text.headline, style.bold_font), style.bold_font, bool(detail)
    )
    top = 140
    step = line_height(headline_face.size)
    for line in headline_lines:
        draw.text((MARGIN, top), line, font=headline_face, fill=style.text, anchor="la")
        top += step

    if detail:
        top += 28
        draw.rectangle((MARGIN, top, MARGIN + 80, top + 5), fill=style.accent)
        top += 30
        attribution = drawable(text.attribution, style.bold_font)
        reserved = line_height(ATTRIBUTION_SIZE) + 8 if attribution else 0
        detail_face = font(style.regular_font, DETAIL_SIZE)
        detail_step = line_height(DETAIL_SIZE)
        room = max(1, (FOOTER_TOP - 20 - top - reserved) // detail_step)
        for line in clamp(wrap(detail, detail_face, CONTENT_WIDTH), room, detail_face, CONTENT_WIDTH):
            draw.text((MARGIN, top), line, font=detail_face, fill=style.text, anchor="la")
            top += detail_step
        if attribution:
            attribution_face = font(style.bold_font, ATTRIBUTION_SIZE)
            lines = clamp(
                wrap(attribution, attribution_face, CONTENT_WIDTH), 1, attribution_face, CONTENT_WIDTH
            )
            draw.text((MARGIN, top + 8), lines[0], font=attribution_face, fill=style.accent, anchor="la")

    if text.footer:
        draw.text(
            (MARGIN, 582),
            drawable(text.footer, style.regular_font),
            font=font(style.regular_font, 22),
            fill=style.muted,
        )
    return image


def render_logo(text: CardText, style: CardStyle) -> Image.Image:
    """A square wordmark of the organisation's name, for schema.org's publisher logo."""
    image = Image.new("RGB", LOGO_SIZE, style.accent)
    draw = ImageDraw.Draw(image)
    width = LOGO_SIZE[0] - 2 * 60
    for size in (84, 72, 60, 50):
        face = font(style.bold_font, size)
        lines = wrap(drawable(text.brand, style.bold_font), face, width)
        if len(lines) <= 4:
            break
    step = line_height(face.size)
    top = (LOGO_SIZE[1] - step * len(lines)) // 2
    for line in lines:
        draw.text((LOGO_SIZE[0] // 2, top), line, font=face, fill=style.on_accent, anchor="ma")
        top += step
    return image


RENDERERS = {"card": render_card, "logo": render_logo}


def write_image(kind: str, text: CardText, style: CardStyle, destination: Path, cache_dir: Path) -> bool:
    """Put the image at `destination`, drawing it only if the cache has none for these inputs.

    Returns whether it was drawn.
    """
    cached = cache_dir / f"{inputs_key(kind, text, style)}.png"
    drawn = not cached.exists()
    if drawn:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        # zlib level 6: a quarter of the time of optimize=True, for files about 4% larger.
        RENDERERS[kind](text, style).save(partial, format="PNG", compress_level=6)
        partial.replace(cached)
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, destination)
    return drawn
