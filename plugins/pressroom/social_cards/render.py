"""Drawing a 1200×630 social card with Pillow, and keeping drawn cards in a cache keyed by their inputs."""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import PIL
from fontTools.ttLib import TTFont
from PIL import Image, ImageColor, ImageDraw, ImageFont, features

from pressroom.content_model.parallel import copy_from_cache, keep_drawn
from pressroom.content_model.storage import file_digest

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


def inputs_key(kind: str, text: CardText, style: CardStyle) -> str:
    """A digest of everything that decides the pixels: words, colours, font files and this drawing code
    (so a change to the layout redraws every card without anyone remembering to clear the cache).

    Files count by their bytes, never their paths or times, so a fresh checkout anywhere (a CI runner
    restoring the cache) finds the cards a build elsewhere drew.
    """
    inputs = {
        "kind": kind,
        "text": asdict(text),
        "colours": {name: value for name, value in asdict(style).items() if not name.endswith("_font")},
        "files": [file_digest(path) for path in (style.bold_font, style.regular_font, __file__)],
        # Pillow and the libraries it draws text with (the text shaper may be absent: None).
        "libraries": [PIL.__version__, features.version("freetype2"), features.version("raqm")],
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=32)
def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@functools.lru_cache(maxsize=4096)
def word_length(face: ImageFont.FreeTypeFont, word: str) -> float:
    return face.getlength(word)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines no wider than `width`: each word is measured once (a headline is tried at several sizes)."""
    lines: list[str] = []
    line, length = "", 0.0
    space = word_length(face, " ")
    for word in text.split():
        added = word_length(face, word)
        if line and length + space + added > width:
            lines.append(line)
            line, length = word, added
        elif line:
            line, length = f"{line} {word}", length + space + added
        else:
            line, length = word, added
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


@functools.lru_cache(maxsize=4)
def card_base(style: CardStyle, brand: str, footer: str) -> Image.Image:
    """What every card of a site shares: background, accent bar, brand and footer, drawn once a process."""
    image = Image.new("RGB", CARD_SIZE, style.background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, ACCENT_BAR, CARD_SIZE[1]), fill=style.accent)
    draw.text(
        (MARGIN, 60),
        drawable(brand, style.bold_font),
        font=font(style.bold_font, 30),
        fill=style.accent,
        anchor="la",
    )
    if footer:
        draw.text(
            (MARGIN, 582),
            drawable(footer, style.regular_font),
            font=font(style.regular_font, 22),
            fill=style.muted,
        )
    return image


def render_card(text: CardText, style: CardStyle) -> Image.Image:
    image = card_base(style, text.brand, text.footer).copy()
    draw = ImageDraw.Draw(image)
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
# Shades between each pair of colours that meet on a card (text and its background, the label and its
# pill): antialiased edges fall on these ramps, so a palette PNG holds every pixel to within 6 levels in
# 255, at less than half the size of a true-colour one and quicker to write. Pillow maps colours to a
# palette through a coarse lookup: ramps much finer than 32 steps let it give white a near-white shade.
RAMP_STEPS = 32


@functools.lru_cache(maxsize=4)
def card_palette(style: CardStyle) -> Image.Image:
    pairs = [
        (style.background, style.text),
        (style.background, style.accent),
        (style.background, style.muted),
        (style.accent, style.on_accent),
    ]
    shades: dict[tuple[int, ...], None] = {}
    for start, end in pairs:
        start_rgb, end_rgb = ImageColor.getrgb(start)[:3], ImageColor.getrgb(end)[:3]
        for step in range(RAMP_STEPS):
            shade = tuple(
                round(a + (b - a) * step / (RAMP_STEPS - 1)) for a, b in zip(start_rgb, end_rgb, strict=True)
            )
            shades[shade] = None
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for shade in shades for channel in shade])
    return palette


def cached_image(kind: str, text: CardText, style: CardStyle, destination: Path, cache_dir: Path) -> bool:
    """Copy the image to `destination` if the cache has one for these inputs; whether it had."""
    return copy_from_cache(cache_dir / f"{inputs_key(kind, text, style)}.png", destination)


def write_image(kind: str, text: CardText, style: CardStyle, destination: Path, cache_dir: Path) -> bool:
    """Put the image at `destination`, drawing it only if the cache has none for these inputs.

    Returns whether it was drawn.
    """
    if cached_image(kind, text, style, destination, cache_dir):
        return False
    image = RENDERERS[kind](text, style).quantize(palette=card_palette(style), dither=Image.Dither.NONE)
    encoded = io.BytesIO()
    image.save(encoded, format="PNG", compress_level=6)
    keep_drawn(encoded.getvalue(), cache_dir / f"{inputs_key(kind, text, style)}.png", destination)
    return True
