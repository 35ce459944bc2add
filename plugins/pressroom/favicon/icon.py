"""The site's icon, drawn from the brand: the organisation's initial in white on its primary colour."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

# The sizes browsers pick from for tabs, bookmarks and the Windows taskbar.
SIZES = (16, 32, 48)
DRAWN_AT = 192


def draw_icon(initial: str, background: str, font_path: str) -> Image.Image:
    """A square of `background` with `initial` centred in white, drawn large so every size scales down."""
    image = Image.new("RGBA", (DRAWN_AT, DRAWN_AT), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, DRAWN_AT - 1, DRAWN_AT - 1), radius=DRAWN_AT // 6, fill=background)
    face = ImageFont.truetype(font_path, int(DRAWN_AT * 0.7))
    draw.text((DRAWN_AT / 2, DRAWN_AT / 2), initial, font=face, fill="#ffffff", anchor="mm")
    return image


def icon_file(initial: str, background: str, font_path: str) -> bytes:
    """An ICO file holding the icon at every size in SIZES."""
    buffer = io.BytesIO()
    draw_icon(initial, background, font_path).save(
        buffer, format="ICO", sizes=[(size, size) for size in SIZES]
    )
    return buffer.getvalue()
