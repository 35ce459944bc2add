"""Favicon: `/favicon.ico`, drawn at build time from the brand, so browsers asking for it find it.

The initial is the first letter of ORGANISATION["short_name"] (or SITENAME); the colour is
BRAND_COLOURS["primary"]; the font is the theme's bold face, which the social cards also draw with.
"""

from __future__ import annotations

import os
from pathlib import Path

from pelican import signals

from pressroom.content_model.outputs import FAVICON
from pressroom.content_model.phases import WRITE_LATE_FILES
from pressroom.content_model.site import site_of

from .icon import icon_file

FAVICON_SETTING = "PRESSROOM_FAVICON"
DEFAULT_BACKGROUND = "#4b2673"


def announce_favicon(pelican) -> None:
    """base.html links the icon only when this plugin is there to draw it."""
    pelican.settings[FAVICON_SETTING] = FAVICON


def write_favicon(pelican) -> None:
    settings = pelican.settings
    options = site_of(settings).options
    name = options.organisation.get("short_name") or options.sitename or "?"
    background = options.brand_colours.get("primary") or DEFAULT_BACKGROUND
    font_path = os.path.join(settings["THEME"], "fonts", "Inter-Bold.otf")
    target = Path(pelican.output_path) / FAVICON
    target.write_bytes(icon_file(name.strip()[:1].upper(), background, font_path))


def register() -> None:
    signals.initialized.connect(announce_favicon)
    WRITE_LATE_FILES.connect(write_favicon)
